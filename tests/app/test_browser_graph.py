"""The exported HTML opened from disk in headless Chromium with the network blocked."""

from __future__ import annotations

import base64
import io
import time

import pytest
from graph_fixtures import IMG, SCRIPT, big_roster_plan, tiny_plan, tiny_roster
from helpers import CHROMIUM, CHROMIUM_ARGS, sync_playwright_or_skip
from PIL import Image

from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.html_view import hierarchy_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    playwright = sync_playwright_or_skip()
    with playwright.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, path, timeout_ms=30_000):
    """Open ``path`` offline; returns (page, requests to non-file URLs, dialogs, page errors)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 850})
    requests, dialogs, errors = [], [], []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.orgGraph && window.orgGraph.ready", timeout=timeout_ms)
    page.wait_for_timeout(300)
    return page, requests, dialogs, errors


def _canvas_ink(page) -> int:
    """Non-white pixels on the graph canvas (drawn nodes and text)."""
    url = page.evaluate("window.orgGraph.png()")
    img = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("L")
    return sum(img.histogram()[:240])


def test_offline_graph_draws_and_payloads_stay_text(browser, tmp_path):
    """It draws every node offline, fires no dialog for hostile names, and makes a PNG."""
    g = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True))
    path = tmp_path / "org.html"
    path.write_text(hierarchy_html(g), encoding="utf-8")
    page, requests, dialogs, errors = _open(browser, path)
    assert page.evaluate("window.orgGraph.nodes.length") == g.number_of_nodes()
    assert (requests, dialogs, errors) == ([], [], [])
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert _canvas_ink(page) > 2000
    # hover card: a DOM element whose text is the raw name
    title = page.evaluate(f"window.orgGraph.nodes.get({f'soc:{IMG}'!r}).title.textContent")
    assert IMG in title and SCRIPT not in title
    assert page.evaluate("window.orgGraph.find('onerror')") == 1
    page.hover("#graph canvas", position={"x": 700, "y": 400})
    page.wait_for_timeout(300)
    assert dialogs == [] and page.evaluate("document.querySelectorAll('img').length") == 0
    page.screenshot(path=str(tmp_path / "org.png"))
    shot = Image.open(tmp_path / "org.png")
    assert shot.size == (1400, 850)
    page.context.close()


def test_filters_collapse_and_presentation(browser, tmp_path):
    """It hides societies outside a region filter, collapses all, and enlarges fonts in presentation mode."""
    path = tmp_path / "org.html"
    path.write_text(hierarchy_html(build_hierarchy(tiny_roster(), tiny_plan())), encoding="utf-8")
    page, *_ = _open(browser, path)
    hidden = "window.orgGraph.nodes.get().filter(n => n.hidden).map(n => n.id).sort()"
    page.select_option("#f-region", "宜昌市")
    assert f"soc:{IMG}" in page.evaluate(hidden) and f"soc:{SCRIPT}" not in page.evaluate(hidden)
    page.select_option("#f-region", "")
    page.click("#collapse")
    assert f"soc:{SCRIPT}" in page.evaluate(hidden) and "org:J001" not in page.evaluate(hidden)
    page.click("#expand")
    assert page.evaluate(hidden) == []
    page.click("#present")
    assert page.evaluate("document.body.classList.contains('present')")
    page.context.close()


def test_large_graph_renders_in_reasonable_time(browser, tmp_path):
    """It draws a 1,200-society tree and a force layout (physics off after stabilising) within 30 s."""
    roster, plan = big_roster_plan(1200)
    g = build_hierarchy(roster, plan)
    for layout in ("hierarchical", "force"):
        path = tmp_path / f"big-{layout}.html"
        path.write_text(hierarchy_html(g, layout=layout), encoding="utf-8")
        start = time.perf_counter()
        page, requests, dialogs, errors = _open(browser, path, timeout_ms=60_000)
        seconds = time.perf_counter() - start
        assert page.evaluate("window.orgGraph.nodes.length") == g.number_of_nodes() > 1200
        assert (requests, errors) == ([], [])
        assert seconds < 30, f"{layout}: {seconds:.1f}s"
        if layout == "force":
            assert page.evaluate("window.orgGraph.network.physics.physicsEnabled") is False
        assert _canvas_ink(page) > 1000
        page.context.close()
