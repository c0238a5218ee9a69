"""Rich display (model.display): tables and inline graphs, every user string escaped."""

from __future__ import annotations

import html
import types

import networkx as nx
import pytest

from model import display
from model.election.counting import count_election
from model.election.simulate import simulate
from model.election.spec import parse_election
from model.findings import ERROR, WARNING, Finding
from model.graph.hierarchy import build_hierarchy
from model.planning.plan import Organization, Plan
from model.planning.scenarios import compare
from model.roster.values import Roster, Society
from model.rules.classify import classify_all
from model.rules.policy import Policy

EVIL = "<script>alert(1)</script>学会"


def tiny_roster() -> Roster:
    """甲/乙 share an industry (F=1+2), 丙 organizes alone, 丁 has no formal member, EVIL is uncovered."""
    return Roster(
        (
            Society("甲学会", "工科", "武汉市", formal_members=1),
            Society("乙学会", "工科", "宜昌市", formal_members=2),
            Society("丙学会", "理科", "武汉市", formal_members=5),
            Society("丁学会", "理科", "襄阳市"),
            Society(EVIL, "农科", "十堰市", formal_members=1),
        )
    )


def tiny_plan() -> Plan:
    return Plan(
        Policy(),
        (
            Organization("S001", "党支部", "单独组建", ("丙学会",), 5),
            Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会"), 3, locked=True),
        ),
        liaison=("丁学会",),
        uncovered=(EVIL,),
        optimal=True,
        bound=3,
    )


def test_plan_frame_lists_organizations():
    """It turns a plan into one row per organization with its units, basis and lock."""
    frame = display.to_frame(tiny_plan())
    assert list(frame["编号"]) == ["S001", "J001"]
    assert frame.loc[1, "所含学会"] == "甲学会、乙学会" and frame.loc[1, "锁定"] == "是"


def test_plan_html_shows_coverage_and_escapes_names():
    """It renders coverage, organizations and the uncovered society, with the script tag escaped."""
    page = display.to_html(tiny_plan())
    assert "<script>" not in page and html.escape(EVIL) in page
    assert "100.0%" in page and "已证明最优" in page and "未覆盖" in page


def test_findings_escape_message_and_place():
    """It escapes a finding's file name and message, and shows severity and rule."""
    f = Finding(ERROR, "<b>名册</b>.xlsx", "学会", 3, "学会名称", "重复：<img src=x onerror=alert(1)>", "唯一")
    page = display.show([f, Finding(WARNING, "名册.xlsx", None, None, None, "提示")])._repr_html_()
    assert "<img" not in page and "<b>" not in page and "&lt;img" in page
    assert display.to_frame([f]).iloc[0].to_dict()["依据"] == "唯一"


def test_empty_findings_show_none():
    """It shows an empty finding list as a titled table marked （无）."""
    assert "（无）" in display.to_html(())


def test_classification_frame():
    """It tabulates what the rules require of each society."""
    frame = display.to_frame(classify_all(tiny_roster()))
    assert list(frame["应设"]) == ["联合党支部候选", "联合党支部候选", "党支部", "派驻指导员", "联合党支部候选"]


def test_election_result_tables():
    """It shows the counted votes, who is elected and the rule messages."""
    spec = parse_election(
        {
            "seats": 1,
            "candidates": ["张三", EVIL],
            "eligible_due": 5,
            "eligible_present": 5,
            "ballots": [{"yes": ["张三"]}] * 3 + [{"yes": [EVIL]}] * 2,
        }
    )
    result = count_election(spec)
    frame = display.to_frame(result)
    assert frame.to_dict("records") == [
        {"姓名": "张三", "得票": 3, "当选": "是"},
        {"姓名": EVIL, "得票": 2, "当选": "否"},
    ]
    page = display.to_html(result)
    assert "会议有效" in page and "<script>" not in page


def test_simulation_and_comparison_tables():
    """It shows election-simulation odds per candidate and a side-by-side plan comparison."""
    sim = simulate(1, ["甲", "乙"], 0.9, expected=5, support=[0.9, 0.1], runs=200, seed=3)
    assert list(display.to_frame(sim)["候选人"]) == ["甲", "乙"]
    other = Plan(Policy(), tiny_plan().organizations[:1], liaison=("丁学会",), uncovered=("甲学会", "乙学会", EVIL))
    rows = display.to_frame(compare(tiny_plan(), other)).set_index("项目")
    assert rows.loc["组织覆盖学会数"].tolist() == ["3", "1"]


def test_unknown_value_is_refused():
    """It raises TypeError naming the type it cannot display."""
    with pytest.raises(TypeError, match="dict"):
        display.show({"a": 1})
    with pytest.raises(TypeError, match="Finding, int"):
        display.to_html([Finding(ERROR, "f", None, None, None, "m"), 3])


def test_hierarchy_graph_inline_is_sandboxed_srcdoc():
    """It embeds the offline hierarchy page in a sandboxed iframe srcdoc, names escaped, no remote script."""
    g = build_hierarchy(tiny_roster(), tiny_plan())
    frame = display.show_graph(g, height=300)._repr_html_()
    assert frame.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts' in frame and "height:300px" in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert '"' not in srcdoc and "<script>alert" not in srcdoc
    page = html.unescape(srcdoc)
    assert page.startswith("<!DOCTYPE html>") and 'src="http' not in page and "<script>alert(1)</script>" not in page


def test_compatibility_graph_and_bad_input():
    """It draws an undirected graph with the compatibility page, and refuses a non-graph."""
    g = nx.Graph()
    g.add_edge("甲学会", "乙学会", modes=("同业共建",))
    assert "相容关系图" in html.unescape(display.show_graph(g)._repr_html_())
    with pytest.raises(TypeError, match="networkx"):
        display.show_graph(42)


def test_enable_registers_html_formatter():
    """It registers the renderer for the model's types with an IPython display formatter."""
    from IPython.core.formatters import DisplayFormatter

    shell = types.SimpleNamespace(display_formatter=DisplayFormatter())
    assert display.enable(shell) is True
    data, _ = shell.display_formatter.format(tiny_plan())
    assert "党组织" in data["text/html"] and html.escape(EVIL) in data["text/html"]


def test_enable_outside_ipython_does_nothing():
    """It returns False when no IPython shell is running."""
    assert display.enable() is False


def test_edit_result_shows_refusal_and_findings():
    """It shows whether an edit was applied, and a refused edit's reason as a finding row."""
    from model.planning.edits import move

    refused = move(tiny_roster(), tiny_plan(), "丙学会", "J001")
    assert refused.applied is False
    assert display.to_frame(refused)["级别"].tolist() == ["错误"]
    assert "否" in display.to_html(refused)


def test_dashboard_shows_now_and_required_coverage():
    """It shows today's coverage next to the coverage once the rules are carried out."""
    from datetime import date

    from model.rules.coverage import dashboard

    frame = display.to_frame(dashboard(tiny_roster(), today=date(2026, 11, 22)))
    assert frame["口径"].tolist() == ["现状", "按规则全部落实后"]
    assert frame["组织覆盖学会数"].tolist() == [0, 4]  # none today; every society with a formal member
