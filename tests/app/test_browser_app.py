"""End to end: the app served on localhost, opened in headless Chromium (marker ``browser``)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, REPO, serve_app, sync_playwright_or_skip

from model.roster.loading import read_roster
from model.rules.coverage import dashboard
from model.rules.coverage_tables import percent
from model.rules.policy import Policy

pytestmark = pytest.mark.browser


@pytest.fixture
def served_app(tmp_path, db_path):
    """``streamlit run app.py`` on a free port with a tmp database; stopped afterwards."""
    sync_playwright_or_skip()  # skip before starting a server no browser will open
    with serve_app(db_path, tmp_path / "server.log") as url:
        yield url


def test_home_page_shows_sample_coverage(served_app, tmp_path):
    """It shows the sample's 组织覆盖率 on the home page in Chromium, with no exception on the page."""
    sync_api = sync_playwright_or_skip()
    sample = read_roster(REPO / "sample_data" / "sample_roster.xlsx")
    expected = percent(dashboard(sample, Policy(), today=date.today()).now.organized_rate)
    shot = tmp_path / "home.png"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            page.goto(served_app, wait_until="domcontentloaded")
            page.get_by_text("组织覆盖率").first.wait_for(timeout=60_000)
            page.get_by_text(expected).first.wait_for(timeout=30_000)
            page.wait_for_timeout(1500)
            body = page.inner_text("body")
            assert "Traceback" not in body
            assert page.locator("[data-testid='stException']").count() == 0
            assert "对照覆盖率目标" in body and "现有党组织存在的问题" in body
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("BROWSER_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot.read_bytes())


def test_first_request_to_a_page_url_uses_the_app_navigation(served_app):
    """It serves a page URL hit first after a (re)start through app.py's navigation, not app_pages/ alone."""
    sync_api = sync_playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(served_app + "/roster", wait_until="domcontentloaded")
            page.get_by_text("编辑名册").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            sidebar = page.locator("[data-testid='stSidebar']").inner_text()
            assert "覆盖情况总览" in sidebar and "当前工作区" in sidebar
            assert "workspace" not in sidebar  # the v1 app_pages/ menu lists file names
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()


def _hostile_workbook(path: Path) -> Path:
    """A roster with script-like names, a formula, blank required cells, bad counts, a duplicate, an unknown society."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学会"
    ws.append(["学会名称", "学科类别", "所在地", "理事会正式党员数"])
    for row in (
        ["<img src=x onerror=alert(1)>", "工科", "武汉市", 1],
        ["</script><script>alert(1)</script>", "工科", "武汉市", 2],
        ["湖北省" + "长" * 300 + "学会", "医科", "宜昌市", 1],
        [None, "工科", "武汉市", 1],
        ["湖北省负数学会", "工科", "武汉市", -3],
        ["湖北省文字学会", "工科", "武汉市", "三"],
        ["湖北省重复学会", "农科", "武汉市", 2],
        ["湖北省重复学会", "农科", "武汉市", 1],
    ):
        ws.append(row)
    members = wb.create_sheet("党员")
    members.append(["姓名", "学会名称"])
    members.append(["<script>alert(2)</script>", "湖北省不存在学会"])
    wb.save(path)
    return path


def test_deep_page_refresh_second_tab_chinese_uploader_and_hostile_upload(served_app, tmp_path):
    """It survives a refresh of /planner, shows the same workspace in a second tab, words the uploader in
    Chinese, and lists a hostile upload's findings by sheet and row without running any script or
    replacing the roster before confirmation."""
    sync_api = sync_playwright_or_skip()
    dialogs: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.on("page", lambda pg: pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
            page = context.new_page()
            page.goto(served_app + "/planner", wait_until="domcontentloaded")
            page.get_by_text("开始规划").first.wait_for(timeout=60_000)
            page.reload(wait_until="domcontentloaded")
            page.get_by_text("开始规划").first.wait_for(timeout=60_000)
            assert page.locator("[data-testid='stException']").count() == 0
            second = context.new_page()
            second.goto(served_app + "/workspace", wait_until="domcontentloaded")
            second.get_by_text("当前工作区：").first.wait_for(timeout=60_000)
            assert "当前工作区：默认工作区" in second.locator("[data-testid='stSidebar']").inner_text()
            page.goto(served_app + "/roster", wait_until="domcontentloaded")
            page.get_by_text("编辑名册").first.wait_for(timeout=60_000)
            after = page.locator("[data-testid='stFileUploaderDropzone'] button p").first.evaluate(
                "e => getComputedStyle(e, '::after').content"
            )
            assert after == '"选择文件"'
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
                str(_hostile_workbook(tmp_path / "hostile.xlsx"))
            )
            page.get_by_text("当前名册尚未改动").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            body = page.inner_text("body")
            assert "hostile.xlsx：6 个学会，5 处错误，0 处警告。当前名册尚未改动。" in body  # table rows: AppTest
            assert page.locator("[data-testid='stDataFrame']").count() >= 2  # findings + current roster
            assert "Traceback" not in body and page.locator("[data-testid='stException']").count() == 0
            second.goto(served_app, wait_until="domcontentloaded")
            second.get_by_text("学会总数").first.wait_for(timeout=60_000)
            assert "141" in second.locator("[data-testid='stMetric']").first.inner_text()
        finally:
            browser.close()
    assert dialogs == []


def test_the_app_requests_nothing_from_outside_its_own_address(served_app):
    """It loads the home and election pages (icons, fonts, scripts) from its own address only."""
    sync_api = sync_playwright_or_skip()
    own = served_app.rstrip("/")
    outside: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on(
                "request",
                lambda r: None if r.url.startswith((own, "data:", "blob:", "about:")) else outside.append(r.url),
            )
            page.goto(served_app, wait_until="domcontentloaded")
            page.get_by_text("组织覆盖率").first.wait_for(timeout=60_000)
            page.goto(served_app + "/election", wait_until="domcontentloaded")
            page.get_by_text("选择党组织").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
        finally:
            browser.close()
    assert outside == []


def test_the_workbench_is_local_by_default():
    """It binds to 127.0.0.1 in the config and in ``make run``, and shows no tracebacks to visitors."""
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1" and config["client"]["showErrorDetails"] == "none"
    run = (REPO / "Makefile").read_text(encoding="utf-8").split("\nrun:")[1].split("\n\n")[0]
    assert "--server.address 127.0.0.1" in run
