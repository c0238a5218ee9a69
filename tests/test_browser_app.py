"""End to end: the app served on localhost, opened in headless Chromium (marker ``browser``)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from model.coverage import dashboard
from model.coverage_tables import percent
from model.loading import read_roster
from model.rules import Policy
from model.store import ENV_VAR

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("streamlit did not become healthy")


@pytest.fixture
def served_app(tmp_path, db_path):
    """``streamlit run app.py`` on a free port with a tmp database; stopped afterwards."""
    port = free_port()
    env = {**os.environ, ENV_VAR: str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "server.log", "wb"))
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_home_page_shows_sample_coverage(served_app, tmp_path):
    """It shows the sample's 组织覆盖率 on the home page in Chromium, with no exception on the page."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (make sysdeps)")
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
    """It serves a page URL hit first after a (re)start through app.py's navigation, not pages/ alone."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (make sysdeps)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(served_app + "/roster", wait_until="domcontentloaded")
            page.get_by_text("编辑名册").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1000)
            sidebar = page.locator("[data-testid='stSidebar']").inner_text()
            assert "覆盖情况总览" in sidebar and "当前工作区" in sidebar
            assert "workspace" not in sidebar          # the v1 pages/ menu lists file names
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()
