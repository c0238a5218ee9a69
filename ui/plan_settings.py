"""The planner page's 规划设置 (app_pages/planner.py): the settings expander, the locks, the 开始规划 run.

The workspace settings (count basis, thresholds) always apply; the bases and the branch size
come from the plan under edit when there is one, else from the workspace.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from model.findings import InputError
from model.planning import edits, today
from model.planning.edits import EditHistory
from model.roster.values import Roster
from model.rules.policy import BASES, Policy
from ui import auth, plan_status, planning, state, widgets

__all__ = [
    "PLAN_FIELDS",
    "base_policy",
    "settings_panel",
    "skipped_locks_warning",
    "locks",
    "plan_now",
    "restore_settings",
    "revert_button",
    "fits",
]

PLAN_FIELDS = ("bases", "max_units", "min_members")  # the settings a plan carries with it
# The settings as last set on this page, planned or not: kept in the workspace so that leaving the page, a
# refresh or a second tab never puts a changed field silently back (Streamlit forgets a page's widgets).
DRAFT = ("plan_edit", "settings_draft")


def base_policy(history: EditHistory | None) -> Policy:
    """The workspace policy, with the bases and branch size of the plan under edit (if any)."""
    workspace = state.policy()
    if history is None:
        return workspace
    carried = {field: getattr(history.current().policy, field) for field in PLAN_FIELDS}
    return replace(workspace, **carried)


def fits(history: EditHistory, roster: Roster) -> bool:
    """Whether the plan under edit places exactly the roster's societies (so it can be shown and edited)."""
    return today.fits(history.current(), roster)


def _draft(base: Policy) -> Policy:
    """``base`` with the settings last set on this page (the workspace's draft), if any."""
    d = state.get(*DRAFT) or {}
    if d.get("over") != _fields(base):  # set over other settings (a plan made since, an undo): not this plan's
        return base
    try:
        kept = {k: (tuple(d[k]) if k == "bases" else int(d[k])) for k in PLAN_FIELDS if k in d}
        return replace(base, **kept) if kept.get("bases", base.bases) else base
    except (TypeError, ValueError):  # a draft of another version: ignore it
        return base


def keep_draft() -> None:
    """Widget callback: the settings as the widgets show them now, saved as the workspace's draft."""
    ss = st.session_state
    bases = [b for b in BASES if ss.get(f"pl_{b}")]
    over = _fields(base_policy(planning.history()))
    state.put(*DRAFT, {"bases": bases, "max_units": ss.get("pl_units"), "min_members": ss.get("pl_need"), "over": over})


def _fields(policy: Policy) -> dict:
    return {"bases": list(policy.bases), "max_units": policy.max_units, "min_members": policy.min_members}


def _basis_checkboxes(base: Policy) -> tuple[str, ...]:
    """One 允许… checkbox per basis, side by side; the ticked bases in BASES order."""
    ticked = []
    for basis, column in zip(BASES, st.columns(3)):
        if column.checkbox(
            f"允许{basis}", basis in base.bases, key=f"pl_{basis}", on_change=keep_draft, disabled=auth.read_only()
        ):
            ticked.append(basis)
    return tuple(ticked)


def settings_panel(base: Policy, expanded: bool) -> tuple[Policy, float]:
    """The 规划设置 expander; returns (the policy to plan with, the time limit in seconds).

    With no basis ticked the plan keeps ``base``'s bases (at least one is needed).
    """
    shown = _draft(base)
    with st.expander("规划设置", expanded=expanded):
        bases = _basis_checkboxes(shown)
        c1, c2, c3 = st.columns(3)
        units = c1.number_input(
            "每个支部最多几家学会",
            2,
            10,
            shown.max_units,
            key="pl_units",
            on_change=keep_draft,
            help="青海实施意见9：原则上不超过5家",
            disabled=auth.read_only(),
        )
        need = c2.number_input(
            "正式党员合计至少",
            1,
            10,
            shown.min_members,
            key="pl_need",
            on_change=keep_draft,
            help="支部条例第四条：3名以上正式党员",
            disabled=auth.read_only(),
        )
        limit = c3.slider(
            "最长计算时间（秒）", 1, 60, 10, key="pl_limit", help="到时返回已找到的最好方案，并说明与最优的差距"
        )
        st.caption(f"党员统计口径：{base.count_basis}（在“工作区与设置”页修改）。至少要允许一种组建方式。")
    policy = replace(base, bases=bases or base.bases, max_units=int(units), min_members=int(need))
    return policy, float(limit)


def skipped_locks_warning(roster: Roster, policy: Policy, slot=None, planned: bool = False) -> None:
    """A warning naming today's joint branches that break the rules and so are planned afresh (none: nothing),
    in ``slot`` (an ``st.empty()``) when given; ``planned``: the plan was just made, so it is said in the past tense."""
    skipped = today.skipped_locks(roster, policy)
    if skipped:
        names = "；".join(widgets.md_text(f"{name}（{why}）") for name, why in skipped)
        where = slot if slot is not None else st
        if planned:
            where.info("以下现有联合党支部原不符合规定，未锁定，已重新规划：" + names)
        else:
            where.warning("以下现有联合党支部不符合规定，不锁定，将重新规划：" + names)


def locks(roster: Roster, policy: Policy, history: EditHistory | None, fresh: bool) -> tuple[tuple[str, ...], ...]:
    """The branches kept as they are: today's joint branches for a fresh plan, else the plan's locked ones."""
    if fresh:
        return today.today_locks(roster, policy)
    return tuple(o.units for o in history.current().joint_branches() if o.locked)


def plan_now(
    roster: Roster, policy: Policy, locks: tuple, together: tuple, apart: tuple, limit: float, digest: str
) -> bool:
    """Plan the roster (cached) and record the plan; on a refusal show the Chinese error and return False."""
    try:
        with st.spinner("正在计算覆盖学会最多的方案…"):
            fresh = planning.cached_plan(digest, policy, locks, together, apart, limit, roster)
    except InputError as exc:
        st.error(widgets.error_lines(exc.findings))
        return False
    hist = planning.history()
    other_roster = hist is not None and not _same_roster(hist, roster)
    if hist is None or other_roster:  # a plan for a new roster starts a new history: undo stops there
        planning.save(edits.EditHistory.start(planning.finish(fresh, roster), "规划结果"), "已完成规划")
    else:
        planning.record(roster, edits.EditResult(fresh, (), True, "已完成规划"), "规划结果")
    plan_status.record_basis(roster, boundary=other_roster or (hist is not None and plan_status.boundary()))
    return True


def _same_roster(hist: EditHistory, roster: Roster) -> bool:
    """Whether the history's plans were made for ``roster`` (same societies and content)."""
    return not [w for w in plan_status.reasons(roster, hist.current(), hist.current().policy) if w.startswith("名册")]


def revert_button(plan, policy: Policy) -> None:
    """When the settings on this page differ from the plan's, a button that puts them back (an undo of the change)."""
    if any(getattr(plan.policy, k) != getattr(policy, k) for k in PLAN_FIELDS):
        st.button(
            "改回方案原来的设置", key="pl_revert", on_click=restore_settings, args=(plan,), disabled=auth.read_only()
        )


def restore_settings(plan) -> None:
    """Set the settings widgets to the settings ``plan`` was made under (undo/redo of a settings change)."""
    st.session_state["pl_units"] = plan.policy.max_units
    st.session_state["pl_need"] = plan.policy.min_members
    for basis in BASES:
        st.session_state[f"pl_{basis}"] = basis in plan.policy.bases
    keep_draft()
