"""The planner page's 手工调整 panel (app_pages/planner.py) and the callbacks of its buttons.

An operation is picked first (移动, 拆分, 合并 …); its inputs follow, then the buttons. Every
choice shows names (a branch as ``J003 湖北省工科类学会联合党支部（同业共建，3家）``, a society with
the branch it is in), never bare ids. The callbacks run before the page reruns: they read the
inputs from ``st.session_state`` by key, apply the edit to the current plan (a new plan, the old
one kept for 撤销) and record it. An edit that leaves a rule broken is answered in red, naming
the rule.
"""

from __future__ import annotations

import streamlit as st

from model.planning import edits
from model.planning.edits import EditHistory
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.policy import BASES, Policy
from ui import auth, plan_settings, plan_status, planning, state, widgets

__all__ = [
    "OPERATIONS",
    "OUT",
    "hand_edit_panel",
    "candidates",
    "branch_choice",
    "society_choice",
    "apply_edit",
    "add_pair",
    "clear_pairs",
    "undo",
    "redo",
    "history_buttons",
]

OPERATIONS = ["移动", "拆分", "合并", "撤销支部", "新建支部", "组建方式", "命名", "同组/不同组"]
OUT = "（移出，暂不覆盖）"  # the "move to" choice that takes a society out of every branch
PAIRS = "同组/不同组"


def candidates(plan: Plan) -> list[str]:
    """The societies a hand edit may place: the joint branches' and the uncovered (own organizations stay put)."""
    return [u for o in plan.joint_branches() for u in o.units] + list(plan.uncovered)


def branch_choice(plan: Plan):
    """A selectbox ``format_func``: a joint branch id → its id, name, basis and size."""
    by_id = {o.id: o for o in plan.joint_branches()}

    def label(org_id: str) -> str:
        o: Organization | None = by_id.get(org_id)
        if o is None:
            return org_id
        lock = "，已锁定" if o.locked else ""
        return f"{o.id} {org_display_name(o)}（{o.basis}，{len(o.units)}家{lock}）"

    return label


def society_choice(plan: Plan):
    """A selectbox ``format_func``: a society → its name and where it is now."""

    def label(name: str) -> str:
        o = plan.org_of(name)
        return f"{name}（现属{o.id} {org_display_name(o)}）" if o is not None else f"{name}（未覆盖）"

    return label


def hand_edit_panel(roster: Roster, plan: Plan, policy: Policy, history: EditHistory) -> None:
    """The 手工调整 tab: operation, its inputs, buttons, the plan check (the last message is above the tabs).
    (撤销/重做/重新优化其余 are above the board: :func:`history_buttons`.)"""
    together, apart = planning.pairs()
    op = st.radio("操作", OPERATIONS, horizontal=True, key="ed_op")
    _inputs(op, plan)
    b1, b2, b3 = st.columns(3)
    if op == PAIRS:
        b1.button("指定同组", on_click=add_pair, args=("together",), key="ed_pin", disabled=auth.read_only())
        b2.button("不得同组", on_click=add_pair, args=("apart",), key="ed_forbid", disabled=auth.read_only())
        b3.button(
            f"清空（同组{len(together)}对、不得同组{len(apart)}对）",
            on_click=clear_pairs,
            key="ed_clear",
            disabled=auth.read_only(),
        )
    else:
        b1.button(
            "执行",
            on_click=apply_edit,
            args=(op, roster, policy),
            key="ed_go",
            type="primary",
            disabled=auth.read_only(),
        )
    _plan_check(roster, plan, together, apart)


def history_buttons(roster: Roster, policy: Policy, history: EditHistory) -> None:
    """撤销 / 重做 (plans and the settings they were made under) and 重新优化其余; where undo stops, why."""
    b1, b2, b3 = st.columns(3)
    b1.button(
        "撤销",
        on_click=undo,
        disabled=(not history.can_undo) or auth.read_only(),
        key="ed_undo",
        help=_step(history, -1),
    )
    b2.button(
        "重做",
        on_click=redo,
        disabled=(not history.can_redo) or auth.read_only(),
        key="ed_redo",
        help=_step(history, 1),
    )
    b3.button(
        "重新优化其余",
        on_click=apply_edit,
        args=("重新优化其余", roster, policy, "board"),
        key="ed_reopt",
        help="保留锁定的支部，重新规划其余学会：覆盖最多，其次调整最少",
        disabled=auth.read_only(),
    )
    if not history.can_undo and plan_status.boundary():
        st.caption(plan_status.BOUNDARY_TEXT)


def _step(history: EditHistory, delta: int) -> str | None:
    """What undo (-1) or redo (+1) goes back or forward over, in words."""
    k = history.cursor if delta < 0 else history.cursor + 1
    if not 0 < k < len(history.plans):
        return None
    label = history.labels[k] if k < len(history.labels) else ""
    return f"{'撤销' if delta < 0 else '重做'}：{label}" if label else None


def _inputs(op: str, plan: Plan) -> None:
    """The inputs of operation ``op``; the callbacks read them by key (ed_soc, ed_to, ed_org …)."""
    names = candidates(plan)
    joint_ids = [o.id for o in plan.joint_branches()]
    branch = branch_choice(plan)
    if op == "移动":
        st.selectbox("学会", names, key="ed_soc", format_func=society_choice(plan), placeholder="请选择")
        st.selectbox(
            "移入",
            [OUT] + joint_ids,
            key="ed_to",
            format_func=lambda v: v if v == OUT else branch(v),
            placeholder="请选择",
        )
    elif op == "新建支部":
        st.multiselect(
            "学会（从原支部调出）",
            names,
            key="ed_units",
            placeholder=widgets.PICK,
            select_all=False,
            format_func=society_choice(plan),
        )
    elif op == PAIRS:
        st.multiselect(
            "选两家学会：指定同组或不得同组，在下次规划时生效",
            names,
            key="ed_pair",
            max_selections=2,
            placeholder=widgets.PICK,
            select_all=False,
        )
    elif op == "合并":
        org = st.selectbox(
            "要并入别的支部的支部（合并后不再保留）", joint_ids, key="ed_org", format_func=branch, placeholder="请选择"
        )
        others = [i for i in joint_ids if i != org]
        st.selectbox("并入到（保留其编号和名称）", others, key="ed_org2", format_func=branch, placeholder="请选择")
    else:
        org = st.selectbox("支部", joint_ids, key="ed_org", format_func=branch, placeholder="请选择")
        if op == "拆分":
            st.multiselect(
                "拆出的学会（其余留在原支部）",
                _units_of(plan, org),
                key="ed_part",
                placeholder=widgets.PICK,
                select_all=False,
            )
        elif op == "组建方式":
            st.selectbox("组建方式", BASES, key="ed_basis", placeholder="请选择")
        elif op == "命名":
            st.text_input(
                "支部名称", key="ed_name", placeholder="例如：湖北省农科类学会联合党支部", disabled=auth.read_only()
            )


def _units_of(plan: Plan, org_id: str | None) -> tuple[str, ...]:
    """The societies of joint branch ``org_id`` (none when there is no such branch)."""
    return next((o.units for o in plan.joint_branches() if o.id == org_id), ())


def last_message() -> None:
    """The last edit's message (above the planner's tabs, whichever tab made it): green when applied and
    every rule holds, red with the broken rules otherwise. A message about an older roster is moot: not shown."""
    last = state.get("plan_edit", "last")
    if not last or last.get("roster") != state.roster_digest():
        return
    if last.get("session") != planning.session_token():  # made in another browser session: not news here
        return
    broken = last.get("broken") or []
    if last["applied"] and not broken:
        st.success(widgets.md_text(last["message"]))
    elif last["applied"]:
        st.error(widgets.md_text(last["message"] + "，但不符合规则：" + "；".join(broken)))
    else:
        st.error(widgets.md_text(last["message"]))


def _plan_check(roster: Roster, plan: Plan, together: tuple, apart: tuple) -> None:
    """What in the plan breaks a rule or needs attention, or that it meets them all."""
    found = edits.recheck(roster, plan, together=together, apart=apart)
    if found:
        st.caption("方案检查：以下各项不符合规则或需要注意（“需上级批准”不影响方案有效）。")
        st.table(edits.finding_rows(found, plan), hide_index=True)
    else:
        st.caption("当前方案符合全部规则（支部条例第四条、青海实施意见9等）。")


# -- callbacks of the buttons (they run before the page reruns) ------------------------------
def apply_edit(op: str, roster: Roster, policy: Policy, where: str = "panel") -> None:
    """Apply the hand edit ``op`` with the panel's current input values, and record it."""
    p = planning.history().current()
    g = st.session_state.get
    together, apart = planning.pairs()
    kw = {"together": together, "apart": apart}
    to = None if g("ed_to") == OUT else g("ed_to")
    do = {
        "移动": lambda: edits.move(roster, p, g("ed_soc"), to, **kw),
        "拆分": lambda: edits.split(roster, p, g("ed_org"), g("ed_part") or (), **kw),
        "合并": lambda: edits.merge(roster, p, g("ed_org2"), g("ed_org"), **kw),
        "撤销支部": lambda: edits.dissolve(roster, p, g("ed_org"), **kw),
        "新建支部": lambda: edits.create(roster, p, g("ed_units") or (), **kw),
        "组建方式": lambda: edits.set_basis(roster, p, g("ed_org"), g("ed_basis"), **kw),
        "命名": lambda: edits.rename(roster, p, g("ed_org"), g("ed_name") or "", **kw),
        "重新优化其余": lambda: edits.reoptimize(roster, p, policy, time_limit=float(g("pl_limit", 10)), **kw),
    }
    planning.record(roster, do[op](), op, where)


def add_pair(kind: str) -> None:
    """Pin (``together``) or forbid (``apart``) the two societies chosen in ``ed_pair``.

    A pair is never both pinned and forbidden: adding it to one list takes it out of the other.
    """
    pair = tuple(sorted(st.session_state.get("ed_pair") or ()))
    if len(pair) != 2:
        return
    lists = dict(zip(("together", "apart"), planning.pairs()))
    other = "apart" if kind == "together" else "together"
    lists[other] = tuple(p for p in lists[other] if tuple(sorted(p)) != pair)
    if pair not in (tuple(sorted(p)) for p in lists[kind]):
        lists[kind] = lists[kind] + (pair,)
    planning.set_pairs(lists["together"], lists["apart"])


def clear_pairs() -> None:
    """Forget every pinned and forbidden pair."""
    planning.set_pairs((), ())


def undo() -> None:
    """Step the plan under edit back one edit, with the settings it was made under."""
    before = planning.history()
    hist = before.undo()
    planning.save(hist, f"已撤销：{before.labels[before.cursor] or '上一步'}", where="board")
    plan_settings.restore_settings(hist.current())


def redo() -> None:
    """Step the plan under edit forward one undone edit, with its settings."""
    hist = planning.history().redo()
    planning.save(hist, f"已重做：{hist.labels[hist.cursor] or '下一步'}", where="board")
    plan_settings.restore_settings(hist.current())
