"""No lost updates: two tabs (AppTest sessions) on one database never silently overwrite each other.

The cases of the review: a tab opened before another tab saved (roster edit), two tabs saving at once,
a stale election tab resetting 发出选票张数, the planner undo shared between tabs.
"""

from __future__ import annotations

import threading

import pytest
from helpers import APP, open_app, store_roster
from streamlit.testing.v1 import AppTest

from model.election.draft import ElectionDraft
from model.planning.plan import Plan
from model.roster.loading import parse_roster, raw_from_dict
from model.roster.values import Roster, Society
from storage.store import DEFAULT_WORKSPACE, Conflict, Store

TWO = Roster(
    (
        Society("湖北省甲学会", "工科", "武汉市", formal_members=3),
        Society("湖北省乙学会", "理科", "宜昌市", formal_members=5),
    )
)
FIRST_OWN = "湖北省岩石力学与工程学会党支部"


@pytest.fixture
def two(db_path) -> Store:
    return store_roster(Store(db_path), TWO)


def _edit(at: AppTest, row: int, column: str, value) -> None:
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {row: {column: value}}, "added_rows": [], "deleted_rows": []}
    at.run()


def _members(store: Store) -> dict[str, int]:
    r = parse_roster(raw_from_dict(store.get(DEFAULT_WORKSPACE, "roster", "current")))
    return {s.name: s.formal_members for s in r.societies}


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "info") for e in getattr(at, kind))


def test_a_tab_opened_before_another_saved_is_told_instead_of_dropping_its_edit(two):
    """It keeps the stale tab's roster edit as pending and says so; the other tab's edit stays stored."""
    first, second = open_app("app_pages/roster.py"), open_app("app_pages/roster.py")
    _edit(second, 1, "理事会正式党员数", 9)
    assert _members(two)["湖北省乙学会"] == 9
    _edit(first, 0, "理事会正式党员数", 4)
    assert not first.exception
    assert "你的修改尚未保存" in _texts(first) and "编辑工作表" in _texts(first)
    assert _members(two) == {"湖北省甲学会": 3, "湖北省乙学会": 9}  # nothing overwritten
    assert first.data_editor[0].value["理事会正式党员数"].astype(str).tolist()[:2] == [
        "4",
        "5",
    ]  # the tab shows its own edit
    first.button(key="conflict_keep_学会名册_current").click().run()
    assert _members(two) == {"湖北省甲学会": 4, "湖北省乙学会": 5}  # kept on purpose, and recorded
    assert "你的修改尚未保存" not in _texts(first)
    assert [e.action for e in two.audit(DEFAULT_WORKSPACE)][:2] == ["修改", "修改"]


def test_reload_takes_the_other_edit_and_drops_the_pending_one(two):
    """It shows the latest roster after 载入最新版本 and stores nothing of the dropped edit."""
    first, second = open_app("app_pages/roster.py"), open_app("app_pages/roster.py")
    _edit(second, 1, "理事会正式党员数", 9)
    _edit(first, 0, "理事会正式党员数", 4)
    first.button(key="conflict_reload_学会名册_current").click().run()
    assert not first.exception
    assert first.data_editor[0].value["理事会正式党员数"].astype(str).tolist()[:2] == ["3", "9"]
    assert _members(two) == {"湖北省甲学会": 3, "湖北省乙学会": 9}
    assert "尚未保存" not in _texts(first)


def test_two_tabs_saving_at_once_never_overwrite(two):
    """It lets exactly one of two saves from the same version through; the other is told (8 of 8 rounds)."""
    for round_ in range(8):
        first, second = open_app("app_pages/roster.py"), open_app("app_pages/roster.py")
        _edit(first, 0, "理事会正式党员数", 10 + round_)
        _edit(second, 1, "理事会正式党员数", 20 + round_)
        stored = _members(two)
        assert stored["湖北省甲学会"] == 10 + round_
        assert "你的修改尚未保存" in _texts(second)
        second.button(key="conflict_keep_学会名册_current").click().run()
        assert _members(two)["湖北省乙学会"] == 20 + round_


def test_concurrent_writers_from_one_version_one_wins(db_path):
    """It commits exactly one of eight threads writing from the same version; seven get Conflict."""
    store = Store(db_path)
    base = store.put("甲", "settings", "policy", {"n": 0})
    outcomes: list[str] = []

    def write(i: int) -> None:
        try:
            Store(db_path).put("甲", "settings", "policy", {"n": i}, expected=base)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(1, 9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    assert store.get("甲", "settings", "policy")["n"] in range(1, 9)


def test_stale_settings_tab_does_not_reset_a_colleagues_settings(two):
    """It refuses a settings save from a tab opened before a colleague's save; 保留我的修改 keeps both changes."""
    first, second = open_app("app_pages/workspace.py"), open_app("app_pages/workspace.py")
    a, b = second.number_input[0], second.number_input[1]
    a.set_value(a.value + 1)
    next(x for x in second.button if x.label == "保存设置").click().run()
    changed = two.get(DEFAULT_WORKSPACE, "settings", "policy")
    assert changed is not None
    first.number_input[1].set_value(b.value + 1)
    next(x for x in first.button if x.label == "保存设置").click().run()
    assert "你的修改尚未保存" in _texts(first) and "设置已被本机用户于" in _texts(first)
    assert two.get(DEFAULT_WORKSPACE, "settings", "policy") == changed
    next(x for x in first.button if x.label == "保留我的修改").click().run()
    kept = two.get(DEFAULT_WORKSPACE, "settings", "policy")
    assert kept != changed and [f for f in kept if kept[f] != changed[f]] != []


def _election(at: AppTest) -> AppTest:
    at.switch_page("app_pages/election.py").run()
    at.selectbox(key="el_org").set_value(FIRST_OWN).run()
    return at


def _count_step(at: AppTest) -> None:
    at.segmented_control(key="el_step").set_value("2b 计票（选举日）").run()
    at.radio(key="el_entry").set_value("按候选人汇总票数").run()
    assert not at.exception, at.exception


def _issued(store: Store) -> int:
    key = next(k for k in store.keys(DEFAULT_WORKSPACE, "election") if k.startswith(FIRST_OWN))
    return ElectionDraft.from_dict(store.get(DEFAULT_WORKSPACE, "election", key)).issued()


def test_stale_election_tab_does_not_reset_ballots_issued(db_path):
    """It keeps 发出选票张数 = 9 entered in one tab when a tab still showing 7 saves another figure."""
    first = _election(AppTest.from_file(APP, default_timeout=60).run())
    ms = next(m for m in first.multiselect if m.label.startswith("候选人"))
    ms.set_value(ms.options[:6]).run()
    _count_step(first)
    shown = int(first.number_input(key="el_issued").value)
    second = _election(AppTest.from_file(APP, default_timeout=60).run())
    _count_step(second)
    second.number_input(key="el_issued").set_value(shown + 2).run()
    assert _issued(Store(db_path)) == shown + 2
    first.number_input(key="el_ret").set_value(shown).run()  # the stale tab still shows `shown` issued
    assert not first.exception
    assert _issued(Store(db_path)) == shown + 2
    assert "你的修改尚未保存" in _texts(first)
    reload = next(b for b in first.button if b.label == "载入最新版本")
    reload.click().run()
    assert int(first.number_input(key="el_issued").value) == shown + 2
    assert _issued(Store(db_path)) == shown + 2


PLANNED = Roster(
    (
        Society("甲学会", "理科", "宜昌市", formal_members=1),
        Society("乙学会", "理科", "宜昌市", formal_members=2),
        Society("丙学会", "工科", "武汉市", formal_members=1),
        Society("丁学会", "工科", "武汉市", formal_members=2),
        Society("庚学会", "医科", "恩施州", formal_members=2),
    )
)


def _units(store: Store) -> list[tuple[str, ...]]:
    plan = Plan.from_dict(store.get(DEFAULT_WORKSPACE, "plan", "current"))
    return [j.units for j in plan.joint_branches()]


def _move(at: AppTest, society: str, to: str) -> None:
    at.session_state["pl_tab"] = "手工调整"  # the planner's tab of the hand edits
    at.run()
    at.radio(key="ed_op").set_value("移动").run()
    at.selectbox(key="ed_soc").set_value(society)
    at.selectbox(key="ed_to").set_value(to)
    at.button(key="ed_go").click().run()
    assert not at.exception


def test_planner_undo_in_a_stale_tab_does_not_take_back_another_tabs_edit(db_path):
    """It refuses 撤销 in a tab that has not seen another tab's hand edit, and keeps that edit."""
    store = store_roster(Store(db_path), PLANNED)
    first = open_app("app_pages/planner.py")
    first.button(key="pl_run").click().run()
    _move(first, "庚学会", "J001")
    second = open_app("app_pages/planner.py")  # opened after the first edit: its 撤销 would take that back
    seen = _units(store)
    _move(first, "丙学会", "J001")
    moved = _units(store)
    assert moved != seen
    second.button(key="ed_undo").click().run()
    assert not second.exception
    assert _units(store) == moved  # the unseen edit is not undone
    assert "你的修改尚未保存" in _texts(second)
