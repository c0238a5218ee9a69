"""Tools of the browser benchmark (bench/bench_browser.py): serve an app, open Chromium, time a click.

When a script run is over
-------------------------
The server tells the browser itself: every run ends with a ``ForwardMsg`` whose ``script_finished``
field (number 6) says how (0 finished, 2 stopped because a rerun follows, 3 a fragment finished),
followed by ``session_status_changed`` (script not running), which the frontend writes on its root
element as ``<div data-testid="stApp" data-test-script-state="notRunning">`` (the attribute
Streamlit's own end-to-end tests wait on). The root attribute alone misses short runs: React may
render ``running`` and ``notRunning`` in one frame, so a 15 ms run leaves no trace in the DOM.

An init script therefore wraps ``window.WebSocket`` in every document and, for each message,
records its time and, by scanning the protobuf's top-level fields, every ``script_finished``;
input events (pointer, key, change, drop) are time-stamped too. :func:`timed` performs an action
and waits until a run finished (not "stopped for a rerun"), the root element is at ``notRunning``
and no message came for a quiet spell (an ``st.rerun()`` chain or a fragment run that follows is
part of the same answer). The figure is from the last input event before the server's first
answer to the last ``script_finished``: no status widget, no skeleton, no timing guesses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
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
QUIET_S = 0.6  # no new script run within this long after notRunning: the answer is complete

INIT_JS = """
(() => {
  window.__st = {fin: [], msgs: [], inputs: [], state: []};
  const stamp = () => { window.__st.inputs.push(performance.now()); };
  for (const ev of ["pointerdown", "keydown", "change", "input", "drop"]) window.addEventListener(ev, stamp, true);
  // The ForwardMsg's top-level fields: field 6 is script_finished (0 done, 2 stopped for a rerun, 3 fragment done).
  const scan = (buf) => {
    const b = new Uint8Array(buf); let i = 0; const out = [];
    const varint = () => { let v = 0, m = 1, c; do { c = b[i++]; v += (c & 127) * m; m *= 128; } while (c & 128); return v; };
    while (i < b.length) {
      const key = varint(), field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { const v = varint(); if (field === 6) out.push(v); }
      else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 1) { i += 8; } else if (wire === 5) { i += 4; } else break;
    }
    return out;
  };
  const Native = window.WebSocket;
  const Watched = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", (ev) => {
      const t = performance.now();
      window.__st.msgs.push(t);
      if (ev.data instanceof ArrayBuffer) for (const status of scan(ev.data)) window.__st.fin.push([t, status]);
    });
    return ws;
  };
  Watched.prototype = Native.prototype;
  Object.assign(Watched, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Watched;
  const watch = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app) { setTimeout(watch, 5); return; }
    const note = () => window.__st.state.push([performance.now(), app.getAttribute("data-test-script-state")]);
    note();
    new MutationObserver(note).observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  };
  watch();
})();
"""


@dataclass(frozen=True, slots=True)
class Timing:
    """One timed answer: seconds from the input to the end of the script run, or why there is none."""

    seconds: float | None
    note: str = ""


class Skip(Exception):
    """The widget an interaction needs is not on the page (it changed): the interaction is skipped."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("streamlit did not become healthy")


@contextmanager
def serve(app: str, env: dict[str, str], log_path: Path, options: tuple[str, ...] = ()) -> Iterator[tuple[str, float]]:
    """``streamlit run app`` on a free local port (``options``: more ``--section.name value`` flags);
    yields (url, seconds from start to healthy); always stopped."""
    port = free_port()
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true"]
            + ["--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
            + ["--server.fileWatcherType", "none", "--server.runOnSave", "false", *options],
            cwd=REPO,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc)
            yield url, time.perf_counter() - started
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _state(page) -> dict:
    return page.evaluate(
        """() => { const s = window.__st, st = s.state;
        return {fin: s.fin, inputs: s.inputs, last_msg: s.msgs.length ? s.msgs[s.msgs.length - 1] : -1,
                n_msgs: s.msgs.length, first_msgs: s.msgs.slice(-400), now: performance.now(),
                dom: st.length ? st[st.length - 1][1] : null}; }"""
    )


def _mark(page) -> tuple[int, int, float]:
    st = _state(page)
    return len(st["fin"]), st["n_msgs"], st["now"]


def _settled(page, mark: tuple[int, int, float], quiet: float, timeout: float) -> Timing:
    """Wait for a script run ended after ``mark`` (a ``script_finished`` other than "stopped for a rerun")
    and ``quiet`` seconds with no message and the root element at ``notRunning``; seconds since the input."""
    n_fin, n_msgs, start = mark
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        st = _state(page)
        done = [(t, v) for t, v in st["fin"][n_fin:] if v != 2]
        idle = st["dom"] in (None, "notRunning")
        if done and idle and st["now"] - max(st["last_msg"], done[-1][0]) >= quiet * 1000:
            new_msgs = st["n_msgs"] - n_msgs
            first_msg = st["first_msgs"][-new_msgs] if 0 < new_msgs <= len(st["first_msgs"]) else done[0][0]
            inputs = [t for t in st["inputs"] if start <= t <= first_msg]
            begin = inputs[-1] if inputs else start  # the last input before the server answered: what caused the run
            return Timing((done[-1][0] - begin) / 1000)
        if not done and st["n_msgs"] == n_msgs and st["now"] - start > 8000:
            return Timing(None, "no script run followed")
        time.sleep(0.05)
    return Timing(None, f"still running after {timeout:.0f} s")


def timed(page, action: Callable[[], object], timeout: float = 120, quiet: float = QUIET_S) -> Timing:
    """Perform ``action`` (a click, a key, an upload) and time the script run it causes (see the module doc)."""
    wait_idle(page, timeout)
    mark = _mark(page)
    action()
    return _settled(page, mark, quiet, timeout)


def timed_load(page, url: str, timeout: float = 180, quiet: float = QUIET_S) -> Timing:
    """Open ``url`` in ``page`` and time from navigation start to the end of the first script run."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    return _settled(page, (0, 0, 0.0), quiet, timeout)


def wait_idle(page, timeout: float = 180) -> None:
    """Wait until the page is at ``notRunning`` and no message came for a quiet spell (untimed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        st = _state(page)
        if st["dom"] in (None, "notRunning") and st["now"] - st["last_msg"] >= QUIET_S * 1000:
            return
        time.sleep(0.05)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser context (zh-CN, 1400×1000) with the script-state log installed."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            context.add_init_script(INIT_JS)
            context.set_default_timeout(10_000)
            yield context
        finally:
            browser.close()


# -- finding widgets by their Chinese labels (raise Skip when absent) ------------------------------------
def _one(locator, what: str, timeout: float = 3000):
    try:
        locator.first.wait_for(state="visible", timeout=timeout)
    except Exception as exc:  # Playwright's TimeoutError: the widget is not there
        raise Skip(f"{what} not found") from exc
    return locator.first


def main_area(page):
    return page.locator("[data-testid='stMain']")


def button(page, label: str):
    loc = main_area(page).locator("button:visible").filter(has_text=label)
    b = _one(loc, f"button “{label}”")
    if b.is_disabled():
        raise Skip(f"button “{label}” is disabled")
    return b


def checkbox(page, label: str):
    loc = main_area(page).locator("[data-testid='stCheckbox'] label:visible").filter(has_text=label)
    return _one(loc, f"checkbox “{label}”")


def radio_option(page, group: str, index: int = 1):
    """The ``index``-th option of the radio group labelled ``group`` that is not selected now."""
    box = _one(main_area(page).locator("[data-testid='stRadio']").filter(has_text=group), f"radio “{group}”")
    options = box.locator("label[data-testid='stRadioOption']")
    if options.count() <= index:
        raise Skip(f"radio “{group}” has no option {index + 1}")
    return options.nth(index)


def segment(page, group: str, text: str):
    box = _one(
        main_area(page).locator("[data-testid='stButtonGroup']").filter(has_text=text), f"“{group}” step “{text}”"
    )
    return _one(box.locator("button").filter(has_text=text), f"step “{text}”")


def select_option(page, label: str, index: int = 1) -> Callable[[], None]:
    """An action choosing option ``index`` of the selectbox labelled ``label`` (opening it is part of the click)."""
    box = _one(main_area(page).locator("[data-testid='stSelectbox']").filter(has_text=label), f"selectbox “{label}”")

    def act() -> None:
        box.scroll_into_view_if_needed()
        box.locator("input").click()
        options = page.locator("[data-testid='stSelectboxVirtualDropdown'] [role='option']")
        options.first.wait_for(timeout=10_000)
        if options.count() <= index:
            page.keyboard.press("Escape")
            raise Skip(f"selectbox “{label}” has no option {index + 1}")
        options.nth(index).click()

    return act


def tab(page, label: str):
    """The tab labelled ``label`` (the planner's sections)."""
    return _one(main_area(page).get_by_role("tab", name=label), f"tab “{label}”")


def popover(page, label: str):
    """The first visible popover button labelled ``label`` (a plan card's 调整)."""
    loc = main_area(page).locator("[data-testid='stPopover'] button:visible").filter(has_text=label)
    return _one(loc, f"popover “{label}”")


def sidebar_link(page, title: str):
    return _one(page.locator("[data-testid='stSidebarNav'] a").filter(has_text=title), f"page link “{title}”")


def rerun_key(page) -> Callable[[], None]:
    """Streamlit's own rerun shortcut ("r", with the focus on no input)."""

    def act() -> None:
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.keyboard.press("r")

    return act
