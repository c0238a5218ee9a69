"""Helpers shared by the tests: workbooks in memory, a stored roster, AppTest, a served app, Chromium.

Import them as ``from helpers import …`` (pytest puts tests/ on the path, as for graph_fixtures).
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from model.roster.loading import raw_to_dict, read_raw
from model.roster.template import write_roster_xlsx
from model.roster.values import Roster
from storage.store import DEFAULT_WORKSPACE, ENV_VAR, Store

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "app.py")
HEAD = ["学会名称", "学科类别", "所在地", "理事会正式党员数"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook in memory: sheet title -> rows (lists of cell values), in that order."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def store_roster(
    store: Store,
    roster: Roster | bytes,
    name: str = "tiny.xlsx",
    note: str = "测试名册",
    workspace: str = DEFAULT_WORKSPACE,
) -> Store:
    """Store ``roster`` (a Roster, written in the canonical template, or workbook bytes) as the workspace's roster."""
    data = write_roster_xlsx(roster) if isinstance(roster, Roster) else roster
    store.put_roster(workspace, raw_to_dict(read_raw(data, name)), note=note)
    return store


def rerun(at: AppTest) -> AppTest:
    """Run the script again and fail with the exceptions' messages if it raised."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_app(page: str | None = None, timeout: float = 60) -> AppTest:
    """app.py run once, then switched to ``page`` (e.g. "app_pages/planner.py") if given; fails on an exception."""
    at = AppTest.from_file(APP, default_timeout=timeout).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sync_playwright_or_skip():
    """Playwright's sync API, or skip the test when Playwright or Chromium is not installed."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (make sysdeps)")
    return sync_api


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Wait for ``/_stcore/health`` to answer 200; fail if the server exits or never answers."""
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


@contextmanager
def serve_app(db_path: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port with the database ``db_path``; yields its URL, always stopped after."""
    port = free_port()
    env = {**os.environ, ENV_VAR: str(db_path)}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
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
