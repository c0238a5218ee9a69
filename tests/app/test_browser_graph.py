"""The exported HTML opened from disk in headless Chromium with the network blocked, and the graph page's
overview served by the app at 1920×1080: full-screen presentation, stepping, Esc.

``GRAPH_SCREENSHOTS=docs/images`` keeps the 1920×1080 screenshots of the overview (sample province and
a 10,000-society city) there as ``graph_*.png``.
"""

from __future__ import annotations

import base64
import io
import os
import time
from pathlib import Path

import pytest
from graph_fixtures import IMG, SCRIPT, big_roster_plan, sample_roster_plan, store_roster_plan, tiny_plan, tiny_roster
from helpers import CHROMIUM, CHROMIUM_ARGS, serve_app, sync_playwright_or_skip
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from model.graph.compat import class_graph, class_graph_html
from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.html_view import hierarchy_html
from model.graph.overview import overview
from model.planning.compat import compatibility_graph

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


FULL_HD = {"width": 1920, "height": 1080}


def _keep(shot: bytes, name: str) -> None:
    folder = os.environ.get("GRAPH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / name).write_bytes(shot)


def _overview_frame(page, timeout_ms: int = 120_000):
    """The frame holding the overview, once drawn."""
    page.wait_for_selector("iframe", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("!!(window.orgOverview && window.orgOverview.ready)"):
                    return frame
            except PlaywrightError:  # a frame still loading or gone
                continue
        page.wait_for_timeout(300)
    raise AssertionError("the overview was not drawn")


def _labels_px(frame) -> float:
    """The smallest font size (px) of any text in the overview's stage."""
    return frame.evaluate(
        "Math.min.apply(null, Array.from(document.querySelectorAll('#stage *')).filter(e => "
        "Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())).map(e => "
        "parseFloat(getComputedStyle(e).fontSize)))"
    )


def test_presentation_mode_fills_the_screen(browser, tmp_path, db_path):
    """It opens the graph page on the sample province, one click goes full screen with the chart alone
    (1920×1080, labels ≥ 18 px), → steps to the first group, and Esc leaves."""
    roster, plan = sample_roster_plan()
    store_roster_plan(db_path, roster, plan)
    groups = [g.title for g in overview(roster, plan).groups]
    assert "联合党支部（挂靠组建）" in groups and len(groups) == 7  # 党委 … 派驻党建工作指导员
    with serve_app(db_path, tmp_path / "server.log") as url:
        ctx = browser.new_context(viewport=FULL_HD, locale="zh-CN")
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/graph", wait_until="domcontentloaded")
        frame = _overview_frame(page)
        page.wait_for_timeout(800)
        assert frame.evaluate("document.querySelectorAll('.card').length") == len(groups)
        assert _labels_px(frame) >= 18
        _keep(page.screenshot(), "graph_page_province.png")
        frame.locator(".card").nth(4).click()  # drill down: 联合党支部（同业共建）
        assert frame.evaluate("window.orgOverview.state.view") == "group"
        assert "联合党支部（同业共建）" in frame.inner_text(".head") and frame.locator(".tile").count() >= 8
        frame.click("#back")
        assert frame.evaluate("window.orgOverview.state.view") == "overview"
        frame.click("#present")
        page.wait_for_timeout(800)
        assert frame.evaluate("!!document.fullscreenElement")
        box = page.locator("iframe").first.bounding_box()
        assert (round(box["width"]), round(box["height"])) == (1920, 1080)
        stage = frame.evaluate("JSON.stringify(document.getElementById('stage').getBoundingClientRect())")
        assert '"width":1920' in stage and '"height":1080' in stage  # the chart alone, the bar hidden
        assert frame.evaluate("getComputedStyle(document.getElementById('bar')).display") == "none"
        assert _labels_px(frame) >= 24  # presentation type is larger again
        _keep(page.screenshot(), "graph_overview_province.png")
        frame.locator("body").press("ArrowRight")
        assert frame.evaluate("window.orgOverview.state.view") == "group"
        frame.locator("#next").click()
        assert frame.evaluate("window.orgOverview.state.step") == 2
        frame.locator("body").press("Escape")
        page.wait_for_timeout(500)
        assert not frame.evaluate("!!document.fullscreenElement")
        assert not frame.evaluate("document.documentElement.classList.contains('present')")
        assert errors == [] and page.locator("[data-testid='stException']").count() == 0
        ctx.close()


def test_city_overview_stays_one_screen(browser, tmp_path, db_path):
    """It shows a 10,000-society city as a handful of cards on one 1920×1080 screen, labels ≥ 18 px,
    and pages a group's organizations to the screen."""
    store_roster_plan(db_path, *big_roster_plan(10_000))
    with serve_app(db_path, tmp_path / "server.log") as url:
        ctx = browser.new_context(viewport=FULL_HD, locale="zh-CN")
        page = ctx.new_page()
        page.goto(url + "/graph", wait_until="domcontentloaded")
        frame = _overview_frame(page, timeout_ms=240_000)
        page.wait_for_timeout(800)
        assert frame.evaluate("document.querySelectorAll('.card').length") == 4
        assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight")
        assert _labels_px(frame) >= 18
        _keep(page.screenshot(), "graph_page_city.png")
        frame.click("#present")
        page.wait_for_timeout(800)
        _keep(page.screenshot(), "graph_overview_city.png")
        frame.evaluate("window.orgOverview.go(2)")  # 联合党支部（区域联建）: 2,866 branches
        assert frame.evaluate("window.orgOverview.pages") > 50
        stage = frame.evaluate(
            "document.getElementById('stage').scrollHeight <= document.getElementById('stage').clientHeight"
        )
        assert stage
        _keep(page.screenshot(), "graph_group_city.png")
        ctx.close()


def test_class_graph_draws_offline_with_placed_nodes(browser, tmp_path):
    """It draws the sample's candidates summed by 所在地 offline: every class node where the model put it, no error."""
    roster, _ = sample_roster_plan()
    cg = class_graph(compatibility_graph(roster), "region")
    path = tmp_path / "classes.html"
    path.write_text(class_graph_html(cg), encoding="utf-8")
    page, requests, dialogs, errors = _open(browser, path)
    assert page.evaluate("window.orgGraph.nodes.length") == cg.number_of_nodes()
    assert (requests, dialogs, errors) == ([], [], [])
    assert page.evaluate("getComputedStyle(document.getElementById('collapse')).display") == "none"
    assert _canvas_ink(page) > 2000
    page.context.close()


def test_drill_down_tiles_never_cut_a_society_name(browser, tmp_path):
    """It lists a tile's societies on one line of whole names and counts the rest (“等N家”) in the frame
    a 1366×768 window gives the overview (about 900×580), rather than cutting a name mid-word."""
    from model.graph.overview_html import overview_html

    roster, plan = sample_roster_plan()
    ov = overview(roster, plan)
    path = tmp_path / "overview.html"
    path.write_text(overview_html(ov, roster), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 906, "height": 580}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("window.orgOverview")
    checked = 0
    for i, g in enumerate(ov.groups):
        if not any(len(e.units) > 2 for e in g.entries):
            continue
        page.evaluate(f"window.orgOverview.go({1 + i})")
        page.wait_for_timeout(100)
        lines = page.evaluate(
            "Array.from(document.querySelectorAll('.tile .units')).map(u => "
            "[u.textContent, u.title, u.scrollWidth <= u.clientWidth + 1])"
        )
        for text, full, fits in lines:
            units = full.split("、")
            shown = text.split(" 等")[0].split("、") if " 等" in text else text.split("、")
            assert fits, text
            assert (
                text == full
                or text.startswith("共")
                or (set(shown) <= set(units) and text.endswith(f"等{len(units)}家"))
            )
            checked += 1
    assert checked
    ctx.close()
