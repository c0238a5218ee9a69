"""End to end in headless Chromium: office mode (login, viewer, audit, Host check) and two tabs editing.

The office server listens on 127.0.0.1 here, in office mode by ``PARTY_WORKBENCH_MODE=office``
(what `make serve` sets, beside listening on the network).
"""

from __future__ import annotations

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, serve_app, sync_playwright_or_skip

from storage import accounts
from storage.store import DEFAULT_WORKSPACE, Store

pytestmark = pytest.mark.browser

EDITOR, VIEWER = ("张三", "编辑的密码1234"), ("李四", "只读的密码1234")
SAMPLE_SOCIETY = "岩石力学"  # in the sample roster's first society with its own branch


@pytest.fixture
def office(tmp_path, db_path, monkeypatch):
    sync_playwright_or_skip()
    store = Store(db_path)
    accounts.add_user(store, *EDITOR[:1], "editor", EDITOR[1])
    accounts.add_user(store, *VIEWER[:1], "viewer", VIEWER[1])
    monkeypatch.setenv("PARTY_WORKBENCH_MODE", "office")
    with serve_app(db_path, tmp_path / "server.log") as url:
        yield url


@pytest.fixture
def local(tmp_path, db_path):
    sync_playwright_or_skip()
    with serve_app(db_path, tmp_path / "server.log") as url:
        yield url


def _browser(p, *extra: str):
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra), headless=True)


def _login(page, name: str, password: str) -> None:
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def _sidebar(page, title: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_text(title).click()


def test_no_data_before_login_wrong_password_refused_viewer_reads_only(office, db_path, tmp_path):
    """It sends no roster data before a login, refuses a wrong password, and shows a viewer 只读 with edits off."""
    sync_api = sync_playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900}, locale="zh-CN")
            frames: list[bytes] = []
            page.on(
                "websocket",
                lambda ws: ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode())),
            )
            page.goto(office, wait_until="domcontentloaded")
            page.get_by_role("button", name="登录").wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            assert frames and not any(SAMPLE_SOCIETY.encode() in f for f in frames)
            assert "覆盖情况总览" not in page.inner_text("body")  # not even the navigation
            _login(page, VIEWER[0], "错的密码")
            page.get_by_text("用户名或密码不正确").wait_for(timeout=30_000)
            assert not any(SAMPLE_SOCIETY.encode() in f for f in frames)
            _login(page, *VIEWER)
            page.get_by_text("组织覆盖率").first.wait_for(timeout=60_000)
            body = page.inner_text("body")
            assert "只读：当前账户只能查看" in body and "示例数据" in body and "李四（只读）" in body
            _sidebar(page, "工作区与设置")
            page.get_by_text("规划规则设置").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            assert page.get_by_role("button", name="保存设置").is_disabled()
            assert page.get_by_role("button", name="新建并切换").is_disabled()
            page.screenshot(path=str(tmp_path / "viewer.png"), full_page=True)
        finally:
            browser.close()
    assert Store(db_path).audit(DEFAULT_WORKSPACE) == []  # the viewer changed nothing, not even the sample load


def test_an_editors_change_appears_in_the_audit_page(office, db_path):
    """It records an editor's settings change under the editor's name and shows it on 修改记录（留痕）."""
    sync_api = sync_playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900}, locale="zh-CN")
            page.goto(office, wait_until="domcontentloaded")
            page.get_by_role("button", name="登录").wait_for(timeout=60_000)
            _login(page, *EDITOR)
            page.get_by_text("组织覆盖率").first.wait_for(timeout=60_000)
            _sidebar(page, "工作区与设置")
            page.get_by_text("规划规则设置").first.wait_for(timeout=60_000)
            box = page.locator("[data-testid='stNumberInput'] input").first
            box.fill(str(int(box.input_value()) + 1))
            page.get_by_role("button", name="保存设置").click()
            page.wait_for_timeout(2500)
            _sidebar(page, "修改记录（留痕）")
            page.get_by_text("共 ").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
        finally:
            browser.close()
    entries = Store(db_path).audit(DEFAULT_WORKSPACE)
    assert any(e.actor == "张三" and e.kind == "settings" for e in entries)
    assert any(e.actor == "张三" and e.detail == "载入示例名册" for e in entries)


def test_an_unknown_host_header_is_refused(office):
    """It answers a request for another host name (DNS rebinding) with one sentence and no data."""
    sync_api = sync_playwright_or_skip()
    port = office.rsplit(":", 1)[1]
    with sync_api.sync_playwright() as p:
        browser = _browser(p, "--host-resolver-rules=MAP rebind.example 127.0.0.1")
        try:
            page = browser.new_page()
            page.goto(f"http://rebind.example:{port}", wait_until="domcontentloaded")
            page.get_by_text("此地址不被本工作台接受").wait_for(timeout=60_000)
            body = page.inner_text("body")
            assert "登录" not in body and SAMPLE_SOCIETY not in body
        finally:
            browser.close()


def test_a_second_tab_saving_over_a_newer_save_is_told(local, db_path, tmp_path):
    """It tells the tab opened before another tab's settings save instead of overwriting, in two real pages."""
    sync_api = sync_playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            pages = [browser.new_page(viewport={"width": 1300, "height": 900}, locale="zh-CN") for _ in range(2)]
            for page in pages:
                page.goto(local + "/workspace", wait_until="domcontentloaded")
                page.get_by_text("规划规则设置").first.wait_for(timeout=60_000)
            first, second = pages
            boxes = [pg.locator("[data-testid='stNumberInput'] input") for pg in pages]
            old = int(boxes[0].first.input_value())
            boxes[1].first.fill(str(old + 2))
            second.get_by_role("button", name="保存设置").click()
            second.wait_for_timeout(2500)
            saved = Store(db_path).get(DEFAULT_WORKSPACE, "settings", "policy")
            boxes[0].nth(1).fill(str(int(boxes[0].nth(1).input_value()) + 1))
            first.get_by_role("button", name="保存设置").click()
            first.get_by_text("你的修改尚未保存").wait_for(timeout=30_000)
            assert Store(db_path).get(DEFAULT_WORKSPACE, "settings", "policy") == saved
            first.get_by_text("你的修改尚未保存").scroll_into_view_if_needed()
            first.screenshot(path=str(tmp_path / "conflict.png"))
            first.get_by_role("button", name="载入最新版本").first.click()
            first.wait_for_timeout(2500)
            assert first.locator("[data-testid='stNumberInput'] input").first.input_value() == str(old + 2)
            assert "你的修改尚未保存" not in first.inner_text("body")
        finally:
            browser.close()
