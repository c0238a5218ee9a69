"""Applying a verified suggestion for an uncovered society (the planner page's 未覆盖的学会 section).

Each suggestion of :func:`model.planning.explain.explain_uncovered` was verified by a re-plan; its
button makes the change and re-plans from the plan under edit with the fewest moves
(``previous=``):

- 重新优化 — re-plan the unlocked part;
- 解锁 — unlock the branch named, then re-plan;
- 组建方式 — allow the basis (the settings box is ticked too), then re-plan;
- 单位上限 — raise 每个支部最多几家学会, then re-plan;
- 地域相邻 — add the pair of regions to the roster's 地域相邻 sheet (a new roster version, which
  the 学会名册 page can undo), then re-plan for that roster.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from model.findings import InputError
from model.planning import edits
from model.planning.explain import Suggestion
from model.planning.planner import plan_joint_branches
from model.planning.replan import moves
from model.roster.columns import ADJACENCY_SHEET
from model.roster.values import Roster
from model.roster.workbook_io import RawSheet
from model.rules.policy import BASES, Policy
from ui import auth, plan_status, planning, state

__all__ = ["apply", "suggestion_button", "with_adjacency"]


def with_adjacency(a: str, b: str) -> None:
    """Store a new roster version whose 地域相邻 sheet has one more row ``a``—``b``."""
    book = state.raw()
    sheet = book.sheet(ADJACENCY_SHEET)
    if sheet is None:
        sheet = RawSheet(ADJACENCY_SHEET, ADJACENCY_SHEET, 1, ("地区A", "地区B"), ())
    last = max((r for r, _ in sheet.rows), default=sheet.header_row)
    width = max(2, len(sheet.headers))
    row = (a, b) + (None,) * (width - 2)
    new = replace(sheet, rows=sheet.rows + ((last + 1, row),))
    sheets = tuple(new if s.name == ADJACENCY_SHEET else s for s in book.sheets)
    if book.sheet(ADJACENCY_SHEET) is None:
        sheets = sheets + (new,)
    state.save_raw(replace(book, sheets=sheets), note=f"规划页：将“{a}”与“{b}”设为相邻地区")


def apply(kind: str, detail: tuple, text: str, policy: Policy) -> None:
    """Button callback: make the suggested change and re-plan with the fewest moves; record it."""
    hist = planning.history()
    plan = hist.current()
    if kind == "地域相邻":
        with_adjacency(*detail[:2])
    roster: Roster = state.roster()
    if kind == "组建方式":
        policy = replace(policy, bases=tuple(b for b in BASES if b in policy.bases or b == detail[0]))
        st.session_state[f"pl_{detail[0]}"] = True
    elif kind == "单位上限":
        policy = replace(policy, max_units=int(detail[0]))
        st.session_state["pl_units"] = int(detail[0])
    if kind == "解锁":
        plan = edits.set_locked(roster, plan, detail[0], False).plan
    together, apart = planning.pairs()
    locks = tuple(o.units for o in plan.joint_branches() if o.locked)
    try:
        new = plan_joint_branches(
            roster,
            policy,
            locks=locks,
            together=together,
            apart=apart,
            time_limit=float(st.session_state.get("pl_limit", 10)),
            previous=plan,
        )
    except InputError as exc:
        planning.save(hist, "无法采纳建议：" + "；".join(f.message for f in exc.findings), applied=False)
        return
    moved = moves(plan, new)
    said = "；".join(m.text() for m in moved[:8]) + ("……" if len(moved) > 8 else "")
    message = f"已采纳建议“{text}”并重新规划，{len(moved)}家学会调整了所在党组织" + (f"：{said}" if moved else "")
    new = planning.finish(new, roster)
    if kind == "地域相邻":  # a new roster version: a new history, undo stops here
        planning.save(edits.EditHistory.start(new, "采纳建议"), message + "（名册已更新，可在“学会名册”页撤销）")
        plan_status.record_basis(roster, boundary=True)
    else:
        planning.save(hist.push(new, f"采纳建议：{text}"), message)


def suggestion_button(society: str, k: int, s: Suggestion, policy: Policy) -> None:
    """The 采纳 button of one suggestion."""
    st.button(
        f"采纳：{s.text}",
        key=f"sg_{k}_{s.kind}_{'_'.join(s.detail)}",
        on_click=apply,
        args=(s.kind, tuple(s.detail), s.text, policy),
        help=f"作出这一调整并重新规划，使“{society}”被覆盖；其余学会尽量不动",
        disabled=auth.read_only(),
    )
