"""Office mode in AppTest sessions: login first, session expiry, a viewer's writes refused on every page."""

from __future__ import annotations

import time

import pytest
from helpers import APP, store_roster
from streamlit.testing.v1 import AppTest

from model.roster.values import Roster, Society
from storage import accounts
from storage.store import DEFAULT_WORKSPACE, Store

TWO = Roster(
    (
        Society("湖北省甲学会", "工科", "武汉市", formal_members=1),
        Society("湖北省乙学会", "工科", "武汉市", formal_members=2),
    )
)


@pytest.fixture
def office(db_path, monkeypatch) -> Store:
    monkeypatch.setenv("PARTY_WORKBENCH_MODE", "office")
    store = store_roster(Store(db_path), TWO)
    accounts.add_user(store, "张三", "editor", "编辑的密码1234")
    accounts.add_user(store, "李四", "viewer", "只读的密码1234")
    return store


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "info", "markdown") for e in getattr(at, kind))


def _login(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def test_nothing_but_the_login_form_before_login(office):
    """It shows the login form alone: no page, no workspace, no society."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert "甲学会" not in _texts(at) and not at.metric and not at.sidebar.caption


def test_a_wrong_password_is_refused_and_a_right_one_opens_the_workbench(office):
    at = _login("张三", "错的密码")
    assert any("用户名或密码不正确" in e.value for e in at.error) and not at.metric
    at = _login("张三", "编辑的密码1234")
    assert not at.exception and at.metric
    assert any("张三（编辑）" in c.value for c in at.sidebar.caption)


def test_a_session_expires_after_idle_time(office):
    """It asks for the login again once the session has been idle longer than IDLE_MINUTES."""
    at = _login("张三", "编辑的密码1234")
    at.session_state["auth_seen"] = time.time() - 24 * 3600
    at.run()
    assert any("已自动退出" in i.value for i in at.info) and not at.metric


def test_a_viewer_finds_the_planners_edit_controls_disabled(office):
    """开始规划 and the settings are disabled for a viewer (the store refuses the write anyway:
    tests/storage/test_store_safety.py); nothing is stored and the page says 只读."""
    at = _login("李四", "只读的密码1234")
    assert any("只读：当前账户只能查看" in i.value for i in at.info)
    at.switch_page("app_pages/planner.py").run()
    assert not at.exception
    assert at.button(key="pl_run").disabled
    assert at.number_input(key="pl_units").disabled
    assert office.get(DEFAULT_WORKSPACE, "plan", "current") is None
    assert [e.actor for e in office.audit(DEFAULT_WORKSPACE)] == ["本机用户"]  # only the test's roster


def test_an_editors_change_names_the_editor(office):
    at = _login("张三", "编辑的密码1234")
    at.switch_page("app_pages/planner.py").run()
    at.button(key="pl_run").click().run()
    assert not at.exception
    assert office.audit(DEFAULT_WORKSPACE)[0].actor == "张三"
    at.switch_page("app_pages/audit.py").run()
    assert "张三" in set(at.dataframe[0].value["操作人"])


def test_a_viewer_finds_the_plan_boards_controls_disabled(office):
    """Every control of the plan board that changes the plan (调入/调出学会, 锁定, 支部名称, 拖动调整) is
    disabled for a viewer once there is a plan; the filters and the pager stay usable."""
    editor = _login("张三", "编辑的密码1234")
    editor.switch_page("app_pages/planner.py").run()
    editor.button(key="pl_run").click().run()
    at = _login("李四", "只读的密码1234")
    at.switch_page("app_pages/planner.py").run()
    assert not at.exception
    for lock in [w for w in at.toggle if str(w.key).startswith("bd_lock_")]:
        at.session_state["bd_pop_" + lock.key.removeprefix("bd_lock_")] = True  # every card's 调整 opened
    at.run()
    edits = [
        w
        for w in (*at.selectbox, *at.text_input, *at.toggle)
        if str(w.key).startswith(("bd_in_", "bd_out_", "bd_name_", "bd_lock_", "bd_drag"))
    ]
    assert {str(w.key)[:6] for w in edits} >= {"bd_in_", "bd_out", "bd_nam", "bd_loc", "bd_dra"}
    assert all(w.disabled for w in edits)
    assert not at.text_input(key="bd_text").disabled


@pytest.mark.parametrize(
    "page",
    [
        "app_pages/home.py",
        "app_pages/roster.py",
        "app_pages/planner.py",
        "app_pages/graph.py",
        "app_pages/election.py",
        "app_pages/documents.py",
        "app_pages/workspace.py",
        "app_pages/audit.py",
    ],
)
def test_a_viewer_sees_every_page_whole(office, page):
    """It renders every page for a viewer without a refused write (only the user's own edits are refused)."""
    at = _login("李四", "只读的密码1234")
    at.switch_page(page).run()
    assert not at.exception
    assert not any("不能修改（只读）" in w.value for w in at.warning), page
