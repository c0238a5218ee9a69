"""The planner page's durable state and cached model calls (pages/planner.py).

The plan under edit and its undo/redo history live in the workspace store — kind
``plan`` key ``current`` (the plan), kind ``plan_history`` key ``current`` (the
:class:`model.edits.EditHistory`), kind ``plan_edit`` key ``last`` (the last edit's
message), kind ``plan_pairs`` key ``current`` (pinned / forbidden pairs) — so a refresh
loses nothing. Heavy calls are cached on the roster digest and the settings.
"""
from __future__ import annotations

import streamlit as st

from model import edits, today
from model.compat import compatibility_graph
from model.explain import Explanation, explain_uncovered
from model.graph_html import compat_graph_html
from model.plan import Plan
from model.planner import plan_joint_branches
from model.roster import Roster
from model.rules import Policy
from ui import state

__all__ = ["cached_plan", "cached_explain", "cached_graph", "history", "save", "record", "pairs", "set_pairs"]


@st.cache_data(show_spinner=False, max_entries=16)
def cached_plan(digest: str, policy: Policy, locks: tuple, together: tuple, apart: tuple, limit: float,
                _roster: Roster) -> Plan:
    return plan_joint_branches(_roster, policy, locks=locks, together=together, apart=apart, time_limit=limit)


@st.cache_data(show_spinner="正在分析未覆盖的原因并试算调整…", max_entries=16)
def cached_explain(digest: str, plan_json: str, together: tuple, apart: tuple, _roster: Roster,
                   _plan: Plan) -> tuple[Explanation, ...]:
    return explain_uncovered(_roster, _plan, together=together, apart=apart, societies=_plan.uncovered[:20])


@st.cache_data(show_spinner="正在绘制相容关系图…", max_entries=8)
def cached_graph(digest: str, policy: Policy, together: tuple, apart: tuple, _roster: Roster) -> str:
    return compat_graph_html(compatibility_graph(_roster, policy, together=together, apart=apart))


def history() -> edits.EditHistory | None:
    """The edit history, restarted from the saved plan when that was replaced elsewhere (or None)."""
    d, saved = state.get("plan_history", "current"), state.current_plan()
    hist = edits.EditHistory.from_dict(d) if d else None
    if saved is not None and (hist is None or hist.current().to_dict() != saved.to_dict()):
        hist = edits.EditHistory.start(saved, "已保存的方案")
    return hist


def save(hist: edits.EditHistory, message: str | None = None, applied: bool = True) -> None:
    """Store the history, its current plan, and (when given) the last edit's message."""
    state.put("plan_history", "current", hist.to_dict())
    state.save_plan(hist.current())
    if message is not None:
        state.put("plan_edit", "last", {"message": message, "applied": applied})


def record(roster: Roster, result: edits.EditResult, label: str) -> None:
    """Push an applied edit (annotated relative to today) onto the history; store a refusal's message."""
    hist = history()
    if hist is None:
        hist = edits.EditHistory.start(today.annotate(result.plan, roster), label)
    elif result.applied:
        hist = hist.push(today.annotate(result.plan, roster), label)
    save(hist, result.message, result.applied)


def pairs() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(together, apart): the pinned and the forbidden pairs of the workspace."""
    d = state.get("plan_pairs", "current") or {}
    return tuple(map(tuple, d.get("together", ()))), tuple(map(tuple, d.get("apart", ())))


def set_pairs(together, apart) -> None:
    state.put("plan_pairs", "current", {"together": [list(p) for p in together], "apart": [list(p) for p in apart]})
