"""The planner page's review of a plan (app_pages/planner.py): figures, the joint branches, the uncovered.

Names are data: tables show them as text; Markdown escapes them (``md_text``).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import streamlit as st

from model.paperwork import plan_workbook as plan_export
from model.planning import today
from model.planning.check import branch_errors, valid_coverage
from model.planning.explain import Explanation
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.planning.planner import OBJECTIVE_NOTES
from model.roster.values import Roster
from model.rules.policy import Policy
from ui import auth, election_page, plan_suggestions, planning
from ui.widgets import md_text as md

__all__ = [
    "DETAILED_BRANCHES",
    "SECTIONS",
    "sections",
    "summary",
    "optimality_notice",
    "TABLE_PAGE",
    "branch_page",
    "branch_table",
    "branch_details",
    "own_organizations",
    "uncovered",
    "branch_title",
    "explanation_markdown",
]

DETAILED_BRANCHES = 60  # joint branches listed one expander each
SECTIONS = ("方案看板", "手工调整", "支部一览", "未覆盖的学会", "方案比较", "下载与相容关系图")


def sections() -> list:
    """The planner's sections below the figures as tabs that track which one is open (key ``pl_tab``):
    a page calls a section's code only when its tab is open, so a click reruns one section, not six."""
    return st.tabs(list(SECTIONS), key="pl_tab", on_change="rerun")


def summary(roster: Roster, plan: Plan, policy: Policy, stale: bool = False, apart: tuple = ()) -> None:
    """The coverage before and after, the branch count, whether the plan is optimal, and the objectives.

    A joint branch that breaks a rule counts as not set up: its societies are uncovered in the
    figures (``valid_coverage``). A stale plan's figures are marked as such.
    """
    key = ("today_coverage", json.dumps(policy.to_dict(), sort_keys=True))
    before = plan.derived(key, roster, lambda: today.today_plan(roster, policy).coverage(instructor_fallback=False))
    after, left = valid_coverage(roster, plan, apart=apart)
    bad = branch_errors(roster, plan, apart=apart)
    old = "（旧方案）" if stale else ""
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("组织覆盖率（现状）", f"{before.organized_rate:.1%}", help="按名册“现有党组织”列统计")
    m2.metric(
        f"组织覆盖率（规划后）{old}",
        f"{after.organized_rate:.1%}",
        f"{after.organized - before.organized:+d}家",
        help="不符合规则的联合党支部不计入覆盖",
    )
    m3.metric(f"合规的联合党支部{old}", len(plan.joint_branches()) - len(bad), f"-{len(bad)}个不合规" if bad else None)
    m4.metric(f"未覆盖的候选学会{old}", len(left), help="含不合规支部中的学会" if bad else None)
    if bad:
        names = "、".join(md(k) for k in bad)
        st.error(f"{names}不符合规则，其中的学会暂按未覆盖计算；详见下方看板中的红色卡片。", icon=":material/error:")
    optimality_notice(plan, stale)
    if plan.optimal is None or stale:
        return  # edited by hand, or stale: the planner's objective notes no longer describe this plan
    st.caption(
        "次要目标：覆盖学会数相同时，优先让同一支部的学会同时满足两种关系（如支撑单位相同且所在地相邻），"
        "便于管理；其次支部数量尽量少。" + " ".join(md(n) for n in plan.notes if n not in OBJECTIVE_NOTES)
    )


def optimality_notice(plan: Plan, stale: bool = False) -> None:
    """Proven optimal, stopped at the time limit (with the gap), edited by hand, or stale."""
    if stale:
        st.warning("方案已过期，最优性不再适用：请按上方提示重新规划。", icon=":material/history:")
    elif plan.optimal:
        st.success("已证明最优：不存在覆盖更多学会的方案。", icon=":material/verified:")
    elif plan.optimal is False:
        st.warning(
            f"计算时限内未证明最优：联合党支部最多可能覆盖{plan.bound}家候选学会，当前至多差{plan.gap}家。可延长计算时间。"
        )
    else:
        st.info("方案经过手工调整，点击“重新优化其余”可在保留锁定支部的前提下恢复最优。")


TABLE_PAGE = 50  # joint branches per page of 支部一览: a city has over a thousand, a table of all took 6 s to draw


def branch_page(plan: Plan) -> tuple[Organization, ...]:
    """The joint branches on the page of 支部一览 the user picked (all of them when they fit one page)."""
    joint = plan.joint_branches()
    pages = max(1, -(-len(joint) // TABLE_PAGE))
    if pages == 1:
        return joint
    page = int(
        st.number_input(
            f"第几页（共{len(joint)}个联合党支部，{pages}页，每页{TABLE_PAGE}个；全部见“下载”中的规划台账 Excel）",
            1,
            pages,
            1,
            key="pl_table_page",
        )
    )
    return joint[(page - 1) * TABLE_PAGE : page * TABLE_PAGE]


def branch_table(roster: Roster, plan: Plan, shown: tuple[Organization, ...]) -> None:
    """One row per joint branch of ``shown``, every column in full (names wrap; lock a branch on its board card)."""
    rows = plan_export.organization_rows(roster, replace(plan, organizations=shown))
    st.table(pd.DataFrame(rows, columns=plan_export.ORG_COLUMNS), hide_index=True)


def branch_title(org: Organization) -> str:
    """An expander title: id · name · basis · units · formal members (the parts it has), Markdown-escaped."""
    parts = (org.id, org_display_name(org), org.basis, f"{len(org.units)}家", f"正式党员{org.formal_members}名")
    return md(" · ".join(filter(None, parts)))


def branch_details(roster: Roster, plan: Plan, shown: tuple[Organization, ...]) -> None:
    """One expander per joint branch of ``shown`` (at most DETAILED_BRANCHES): its secretary and its members."""
    for org in shown[:DETAILED_BRANCHES]:
        with st.expander(branch_title(org), key=f"pl_detail_{org.id}", on_change="rerun") as box:
            if box.open:  # the members' table is built when the expander is opened, not for every branch
                st.text("书记人选：" + plan_export.branch_secretary(roster, org))
                st.table(plan_export.register_rows(roster, org) or [{"学会": u} for u in org.units], hide_index=True)


def own_organizations(roster: Roster, plan: Plan) -> None:
    """The expander of the own organizations and of the societies whose organization changes."""
    with st.expander("单独组建的党组织，以及与现状相比的变动", key="pl_own", on_change="rerun") as box:
        if not box.open:
            return
        st.caption("正式党员3名以上的学会单独建立党组织（党章第三十条）：")
        own = replace(plan, organizations=tuple(o for o in plan.organizations if o.basis == "单独组建"))
        _first_rows(plan_export.organization_rows(roster, own))
        st.caption("与名册“现有党组织”相比，所在党组织发生变化的学会：")
        _first_rows(today.change_rows(plan, roster))


def _first_rows(rows: list[dict]) -> None:
    """A table of the first TABLE_PAGE rows, and how many more the Excel ledger lists."""
    st.table(rows[:TABLE_PAGE], hide_index=True)
    if len(rows) > TABLE_PAGE:
        st.caption(f"仅列出前{TABLE_PAGE}行，另有{len(rows) - TABLE_PAGE}行，全部见“下载”中的规划台账 Excel。")


def explanation_markdown(e: Explanation) -> str:
    """**society**：why, then one “建议” line per verified change (names escaped)."""
    suggestions = "".join(f"\n- 建议：{md(s.text)}" for s in e.suggestions)
    return f"**{md(e.society)}**：{md(e.text)}" + suggestions


def uncovered(
    digest: str, plan_json: str, together: tuple, apart: tuple, roster: Roster, plan: Plan, policy: Policy | None = None
) -> None:
    """Why each uncovered society is uncovered and the smallest change that covers it (cached),
    each change with a button that applies it and re-plans (ui/plan_suggestions.py)."""
    if plan.uncovered:
        st.caption("逐一说明原因，并给出经重新规划验证、能让它被覆盖的最小调整（最多分析前20家）。")
    else:
        st.caption("所有联合党支部候选学会都已覆盖。")
    explained, conflict = planning.safe_explain(digest, plan_json, together, apart, roster, plan)
    if conflict:
        st.warning(
            "指定同组的学会与锁定的支部矛盾，暂不能分析未覆盖的原因："
            + md(conflict)
            + "。请解锁相关支部或清空同组设置。"
        )
    for k, e in enumerate(explained):
        st.markdown(explanation_markdown(e))
        for s in e.suggestions:
            plan_suggestions.suggestion_button(e.society, k, s, policy or plan.policy)


def first_elections(roster: Roster, plan: Plan, policy: Policy) -> None:
    """A joint branch the plan sets up holds its first election: open its set-up on the election page."""
    new = [o for o in plan.joint_branches() if o.status != "保留"]
    if not new:
        return
    by_title = {" · ".join(filter(None, (o.id, org_display_name(o), "、".join(o.units)))): o for o in new}
    c = st.columns([3, 1])
    title = c[0].selectbox(
        "新建或调整的联合党支部：准备首次选举", list(by_title), key="pl_first_election", placeholder="请选择"
    )
    if c[1].button("去准备选举", key="pl_first_election_go", icon=":material/how_to_vote:", disabled=auth.read_only()):
        election_page.open_for(roster, policy, by_title[title].units)
