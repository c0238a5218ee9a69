"""ui/plan_status.py: the stale notice other pages call (graph, documents, home), on a tmp store."""

from __future__ import annotations

from dataclasses import replace

from helpers import store_roster
from streamlit.testing.v1 import AppTest

from model.planning.edits import EditHistory
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster, Society
from storage.store import DEFAULT_WORKSPACE, Store

# 甲乙丙: 工科 in 武汉, one formal member each: one joint branch.
ROSTER = Roster(tuple(Society(n, "工科", "武汉市", formal_members=1) for n in ("甲学会", "乙学会", "丙学会")))


def _page() -> None:
    import streamlit as st

    from ui import plan_status

    st.text("过期" if plan_status.stale_notice() else "当前")


def _saved(db_path, roster: Roster) -> Store:
    """A store holding ``roster`` and a plan (with its history and recorded roster) made for ROSTER."""
    store = store_roster(Store(db_path), ROSTER)
    plan = plan_joint_branches(ROSTER)
    store.put(DEFAULT_WORKSPACE, "plan", "current", plan.to_dict())
    store.put(DEFAULT_WORKSPACE, "plan_history", "current", EditHistory.start(plan).to_dict())
    from model.planning.staleness import planning_digest

    store.put(DEFAULT_WORKSPACE, "plan_basis", "current", {"digest": planning_digest(ROSTER), "boundary": False})
    if roster is not ROSTER:
        store_roster(store, roster, note="新名册")
    return store


def test_a_current_plan_shows_nothing(db_path):
    """It shows nothing and returns False when the plan is the roster's."""
    _saved(db_path, ROSTER)
    at = AppTest.from_function(_page).run()
    assert at.text[0].value == "当前" and not at.warning and not at.button


def test_a_stale_plan_is_named_and_replanned_on_one_button(db_path):
    """It names why the plan is stale and, on its one button, re-plans with the fewest moves and a new history."""
    later = Roster(tuple(replace(s, formal_members=3) if s.name == "丙学会" else s for s in ROSTER.societies))
    store = _saved(db_path, later)
    at = AppTest.from_function(_page).run()
    assert at.text[0].value == "过期" and any("名册内容已更新" in w.value for w in at.warning)
    at.button(key="plan_stale_replan").click().run()
    assert at.text[0].value == "当前"
    saved = store.get(DEFAULT_WORKSPACE, "plan", "current")
    assert [o["units"] for o in saved["organizations"] if o["kind"] == "联合党支部"] == []  # 甲乙 have 2 members
    assert store.get(DEFAULT_WORKSPACE, "plan_basis", "current")["boundary"] is True
    assert "调整了所在党组织" in store.get(DEFAULT_WORKSPACE, "plan_edit", "last")["message"]
