"""ui/plan_view.py: the titles and the Markdown of the planner page's review."""

from __future__ import annotations

from model.planning.explain import Explanation, Suggestion
from model.planning.plan import Organization
from ui import plan_view


def test_branch_title_joins_the_parts_it_has_and_escapes_them():
    """It shows an unnamed branch by the documents' form and escapes Markdown in the branch's name."""
    org = Organization("J1", "联合党支部", "同业共建", ("甲学会", "乙学会"), 3)
    assert plan_view.branch_title(org) == "J1 · 甲学会等2家单位联合党支部 · 同业共建 · 2家 · 正式党员3名"
    named = Organization("J2", "联合党支部", "区域联建", ("甲学会",), 1, name="*联合*支部")
    assert plan_view.branch_title(named) == "J2 · \\*联合\\*支部 · 区域联建 · 1家 · 正式党员1名"


def test_explanation_markdown_lists_each_suggestion():
    """It bolds the society's escaped name and gives one 建议 line per verified change."""
    e = Explanation("<b>学会</b>", "孤立", "没有伙伴", suggestions=(Suggestion("地域相邻", "设甲乙相邻"),))
    assert plan_view.explanation_markdown(e) == "**\\<b\\>学会\\</b\\>**：没有伙伴\n- 建议：设甲乙相邻"
