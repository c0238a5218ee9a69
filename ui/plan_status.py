"""Is the plan on screen still the plan of this roster and these settings? (docs/rules.md §5)

Any page showing the plan calls :func:`stale_notice` once, above what it shows; when the plan
was made for another roster or under other settings it shows a warning naming why and one
button that re-plans from it with the fewest moves (``plan_joint_branches(..., previous=)``).

The roster a plan was made for is noted in the workspace store (kind ``plan_basis`` key
``current``: its :func:`model.planning.staleness.planning_digest`, and whether the edit history
starts at a re-plan for a new roster — undo stops there).
"""

from __future__ import annotations

import json
from dataclasses import replace

import streamlit as st

from model.findings import InputError
from model.planning import edits, today
from model.planning.plan import Plan
from model.planning.planner import plan_joint_branches
from model.planning.replan import moves
from model.planning.staleness import planning_digest, stale_reasons
from model.planning.wishes import wish_findings
from model.roster.values import Roster
from model.rules.policy import Policy
from ui import auth, planning, state
from ui.widgets import md_text

__all__ = [
    "stale_notice",
    "reasons",
    "record_basis",
    "boundary",
    "in_force",
    "replan",
    "kept_locks",
    "BOUNDARY_TEXT",
]

BASIS = ("plan_basis", "current")
BOUNDARY_TEXT = "撤销到此为止：更早的方案是按另一份名册做的。"


def record_basis(roster: Roster, boundary: bool = False) -> None:
    """Note the roster the plan under edit was made for (``boundary``: its history starts here)."""
    state.put(*BASIS, {"digest": planning_digest(roster), "boundary": boundary})


def _basis() -> dict:
    return state.get(*BASIS) or {}


def boundary() -> bool:
    """Whether the edit history starts at a re-plan for a new roster (undo stops at its first plan)."""
    return bool(_basis().get("boundary"))


def in_force(plan: Plan) -> Policy:
    """The settings in force for ``plan`` off the planner page: the workspace's, with the plan's own
    bases and branch size (those are set on the planner page)."""
    carried = {k: getattr(plan.policy, k) for k in ("bases", "max_units", "min_members")}
    return replace(state.policy(), **carried)


def reasons(roster: Roster, plan: Plan, policy: Policy) -> tuple[str, ...]:
    """Why ``plan`` is stale (empty: it is the plan of ``roster`` under ``policy``)."""
    digest = _basis().get("digest")
    key = ("stale_reasons", json.dumps(policy.to_dict(), sort_keys=True), digest)
    return plan.derived(key, roster, lambda: stale_reasons(plan, roster, policy, digest))  # once per plan


def stale_notice(policy: Policy | None = None, key: str = "plan_stale_replan") -> bool:
    """The stale warning and its one re-plan button; True when the saved plan is stale.

    ``policy``: the settings in force (the planner page passes its settings panel's; other pages
    leave it out: :func:`in_force`). Nothing is shown when there is no plan or it is current.
    """
    hist = planning.history()
    if hist is None:
        return False
    roster = state.roster()
    plan = hist.current()
    policy = policy or in_force(plan)
    why = reasons(roster, plan, policy)
    if not why:
        return False
    st.warning(
        "当前方案已过期："
        + "；".join(md_text(w) for w in why)
        + "。下面的覆盖率、最优性、组织图和文书仍是按旧情况算的，请重新规划。",
        icon=":material/history:",
    )
    st.button(
        "按现在的名册和设置重新规划（尽量少调整）",
        key=key,
        type="primary",
        on_click=replan,
        args=(policy,),
        help="覆盖数仍取最优，在此前提下调整所在支部的学会最少，保留过半学会的支部沿用原编号和名称",
        disabled=auth.read_only(),
    )
    return True


def kept_locks(roster: Roster, plan: Plan, policy: Policy) -> tuple[tuple[str, ...], ...]:
    """The plan's locked joint branches that still hold under ``policy`` for ``roster``."""
    out = []
    for o in plan.joint_branches():
        units = tuple(o.units)
        if o.locked and all(u in roster for u in units) and not wish_findings(roster, policy, [units]):
            out.append(units)
    return tuple(out)


def replan(policy: Policy) -> None:
    """Button callback: re-plan from the saved plan with the fewest moves, and record it.

    A new roster starts a new edit history (undo stops there, :data:`BOUNDARY_TEXT`); new
    settings on the same roster are one more step of the same history (undo restores them).
    """
    roster = state.roster()
    hist = planning.history()
    old = hist.current()
    together, apart = planning.pairs()
    names = set(roster.names())
    together = tuple(p for p in together if set(p) <= names)
    apart = tuple(p for p in apart if set(p) <= names)
    limit = float(st.session_state.get("pl_limit", 10))
    try:
        new = plan_joint_branches(
            roster,
            policy,
            locks=kept_locks(roster, old, policy),
            together=together,
            apart=apart,
            time_limit=limit,
            previous=old,
        )
    except InputError as exc:
        planning.save(hist, "无法重新规划：" + "；".join(f.message for f in exc.findings), applied=False, where="board")
        return
    moved = moves(old, new)
    said = "；".join(m.text() for m in moved[:8]) + ("……" if len(moved) > 8 else "")
    message = f"已按现在的名册和设置重新规划，{len(moved)}家学会调整了所在党组织" + (f"：{said}" if moved else "")
    kept = set(kept_locks(roster, old, policy))
    dropped = [o.id for o in old.joint_branches() if o.locked and tuple(o.units) not in kept]
    if dropped:
        message += f"。{'、'.join(dropped)}已不符合规定，不再锁定，一并重新规划"
    new = planning.finish(new, roster)
    same_roster = today.fits(old, roster) and _basis().get("digest") in (None, planning_digest(roster))
    if same_roster:
        planning.save(hist.push(new, "按新设置重新规划"), message, where="board")
        record_basis(roster, boundary())
    else:
        planning.save(edits.EditHistory.start(new, "按新名册重新规划"), message, where="board")
        record_basis(roster, boundary=True)
