"""The planner page's durable state, cached model calls and 方案比较 (app_pages/planner.py).

The plan under edit and its undo/redo history live in the workspace store — kind
``plan`` key ``current`` (the plan), kind ``plan_history`` key ``current`` (the
:class:`model.planning.edits.EditHistory`), kind ``plan_edit`` key ``last`` (the last edit's
message), kind ``plan_pairs`` key ``current`` (pinned / forbidden pairs) — so a refresh
loses nothing. Heavy calls are cached on the roster digest and the settings.
The page's other sections have their own modules: ui/plan_settings.py (规划设置),
ui/plan_status.py (stale plans), ui/plan_view.py (the review of a plan), ui/plan_board.py (方案看板),
ui/plan_edits.py (手工调整) and ui/plan_scenarios.py (方案比较).
"""

from __future__ import annotations

import json

import streamlit as st

from model.findings import InputError
from model.planning import edits, today
from model.planning.explain import Explanation, explain_uncovered
from model.planning.naming import name_branches
from model.planning.plan import Plan
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster
from model.rules.policy import Policy
from ui import state

__all__ = [
    "cached_plan",
    "cached_explain",
    "history",
    "save",
    "record",
    "finish",
    "pairs",
    "set_pairs",
    "apply_locks",
    "safe_explain",
    "scenario_plan",
    "foreign_scenarios",
    "CURRENT",
]


@st.cache_data(show_spinner=False, max_entries=16)
def cached_plan(
    digest: str, policy: Policy, locks: tuple, together: tuple, apart: tuple, limit: float, _roster: Roster
) -> Plan:
    return plan_joint_branches(_roster, policy, locks=locks, together=together, apart=apart, time_limit=limit)


@st.cache_data(show_spinner="正在分析未覆盖的原因并试算调整…", max_entries=16)
def cached_explain(
    digest: str, plan_json: str, together: tuple, apart: tuple, _roster: Roster, _plan: Plan
) -> tuple[Explanation, ...]:
    return explain_uncovered(_roster, _plan, together=together, apart=apart, societies=_plan.uncovered[:20])


def history() -> edits.EditHistory | None:
    """The edit history, restarted from the saved plan when that was replaced elsewhere (or None).

    Parsed once per stored version of the two documents (every plan of the history: 20–40 ms a run)."""
    found = state.text("plan_history", "current")
    saved = state.text("plan", "current")
    return _history(found and found[1], saved and saved[1], found and found[0], state.current_plan())


@st.cache_resource(show_spinner=False, max_entries=32)
def _history(
    history_digest: str | None, plan_digest: str | None, _text: str | None, _saved: Plan | None
) -> edits.EditHistory | None:
    hist = edits.EditHistory.from_dict(json.loads(_text)) if _text else None
    if _saved is not None and (hist is None or hist.current().to_dict() != _saved.to_dict()):
        hist = edits.EditHistory.start(_saved, "已保存的方案")
    return hist


def session_token() -> str:
    """A token of this browser session: the last edit's message shows only in the session that made it."""
    token = st.session_state.get("_plan_session")
    if not token:
        import uuid

        token = st.session_state["_plan_session"] = uuid.uuid4().hex
    return token


def save(
    hist: edits.EditHistory, message: str | None = None, applied: bool = True, broken: tuple = (), where: str = "panel"
) -> None:
    """Store the history, its current plan, and (when given) the last edit's message, the rules it broke
    and where on the page it was made (``board`` or ``panel``: the message shows there)."""
    state.put("plan_history", "current", hist.to_dict())
    state.save_plan(hist.current())
    if message is not None:
        last = {
            "message": message,
            "applied": applied,
            "roster": state.roster_digest(),
            "broken": list(broken),
            "where": where,
            "session": session_token(),
        }
        state.put("plan_edit", "last", last)


def finish(plan: Plan, roster: Roster) -> Plan:
    """A plan as the page keeps it: marked 新建/保留/调整 against today, every joint branch named (distinctly)."""
    return name_branches(today.annotate(plan, roster), roster)


def record(roster: Roster, result: edits.EditResult, label: str, where: str = "panel") -> None:
    """Push an applied edit (annotated relative to today, named) onto the history; store a refusal's message."""
    hist = history()
    before = {f.message for f in edits.recheck(roster, hist.current()) if f.is_error} if hist else set()
    if hist is None:
        hist = edits.EditHistory.start(finish(result.plan, roster), label)
    elif result.applied:
        hist = hist.push(finish(result.plan, roster), label)
    broken = tuple(f.message for f in result.errors if f.message not in before) if result.applied else ()
    save(hist, result.message, result.applied, broken, where)


def pairs() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(together, apart): the pinned and the forbidden pairs of the workspace."""
    d = state.get("plan_pairs", "current") or {}
    return tuple(map(tuple, d.get("together", ()))), tuple(map(tuple, d.get("apart", ())))


def set_pairs(together, apart) -> None:
    state.put("plan_pairs", "current", {"together": [list(p) for p in together], "apart": [list(p) for p in apart]})


CURRENT = "当前方案"  # the plan under edit, beside the saved scenarios


# -- callback of the planner page's lock column (it runs before the page reruns) ------------
def apply_locks(key: str, roster: Roster) -> None:
    """Lock or unlock the branches ticked in the st.data_editor ``key`` (one row per joint branch)."""
    p = history().current()
    for i, row in st.session_state[key]["edited_rows"].items():
        if "锁定" in row:
            p = edits.set_locked(roster, p, p.joint_branches()[int(i)].id, bool(row["锁定"])).plan
    record(roster, edits.EditResult(p, (), True, "已更新锁定"), "锁定/解锁")


def safe_explain(
    digest: str, plan_json: str, together: tuple, apart: tuple, roster: Roster, plan: Plan
) -> tuple[tuple[Explanation, ...], str | None]:
    """(explanations, None), or ((), the Chinese reason) when the wishes contradict the plan's locks."""
    try:
        return cached_explain(digest, plan_json, together, apart, roster, plan), None
    except InputError as exc:
        return (), "；".join(f.message for f in exc.findings)


def scenario_plan(name: str, plan: Plan) -> Plan:
    """The plan called ``name`` in the 方案比较 choices: the plan under edit, or a saved scenario."""
    if name == CURRENT:
        return plan
    return Plan.from_dict(state.get("scenario", name) or {})


def foreign_scenarios(names: tuple[str, ...], plans: dict[str, Plan], roster: Roster) -> list[str]:
    """The saved scenarios among ``names`` that do not place exactly the roster's societies."""
    return [k for k in names if k != CURRENT and not today.fits(plans[k], roster)]
