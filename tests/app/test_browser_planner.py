"""The planner page in Chromium: the plan board's cards and a drag-and-drop move (streamlit-sortables, offline)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, serve_app, sync_playwright_or_skip

from model.planning.plan import Plan
from storage.store import DEFAULT_WORKSPACE, Store

pytestmark = pytest.mark.browser


@pytest.fixture
def served_app(tmp_path, db_path):
    sync_playwright_or_skip()
    with serve_app(db_path, tmp_path / "server.log") as url:
        yield url


def _main_scroll(page, selector: str) -> None:
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)


def test_board_drag_moves_a_society_offline(served_app, db_path, tmp_path):
    """It plans the sample, shows one card per branch, and moves a society dragged onto another branch's list."""
    sync_api = sync_playwright_or_skip()
    outside: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100}, locale="zh-CN")
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(served_app) else None)
            page.goto(served_app + "/planner", wait_until="domcontentloaded")
            page.get_by_role("button", name="开始规划").click(timeout=60_000)
            page.get_by_text("方案看板").first.wait_for(timeout=60_000)
            page.locator("[class*='st-key-card_J012']").wait_for(timeout=60_000)  # the last of the 12 cards
            page.wait_for_timeout(1500)
            assert page.locator("[class*='st-key-card_J']").count() == 12
            text = page.inner_text("[data-testid='stMain']")
            icons = page.evaluate(
                "() => Array.from(document.querySelectorAll('span, i, div')).filter(e => !e.children.length"
                " && /^[a-z_]+$/.test(e.innerText) && getComputedStyle(e).fontFamily.includes('Material'))"
                ".map(e => e.innerText)"
            )
            for icon in icons:  # Material icon ligatures (check_circle …) are drawn as icons, not read
                text = text.replace(icon, "")
            words = set(re.findall("[A-Za-z]{3,}", text))
            assert words <= {"JSON", "Excel", "SAT"}, words  # no English widget text (CP-SAT, 方案 JSON are names)
            page.get_by_text("拖动调整：把学会拖到另一个支部").click()
            frame = page.frame_locator("iframe[title*='sortable']").first
            source = frame.locator(".sortable-container").nth(0).locator(".sortable-item").first
            target = frame.locator(".sortable-container").nth(1).locator(".sortable-container-body")
            source.wait_for(timeout=30_000)
            name = source.inner_text().strip()
            to = (
                frame.locator(".sortable-container")
                .nth(1)
                .locator(".sortable-container-header")
                .inner_text()
                .split()[0]
            )
            box, dest = source.bounding_box(), target.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            for k in range(1, 11):
                page.mouse.move(
                    box["x"] + (dest["x"] + dest["width"] / 2 - box["x"]) * k / 10,
                    box["y"] + (dest["y"] + dest["height"] - 8 - box["y"]) * k / 10,
                )
                page.wait_for_timeout(50)
            page.mouse.up()
            page.get_by_text(f"已将“{name}”从").first.wait_for(timeout=30_000)
            page.wait_for_timeout(1000)
            shot = tmp_path / "board.png"
            page.screenshot(path=str(shot))
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()
    plan = Plan.from_dict(Store(db_path).get(DEFAULT_WORKSPACE, "plan", "current"))
    assert plan.org_of(name).id == to
    assert not outside, outside[:3]  # offline: nothing fetched from elsewhere
    keep = os.environ.get("BROWSER_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot.read_bytes())


def test_tabs_and_a_cards_adjust_build_their_contents_when_opened(served_app, db_path):
    """It builds a section when its tab is clicked and a card's 调整 inputs when the popover opens, in Chromium:
    a society taken out of a branch through the popover leaves it, and the message is shown above the tabs."""
    sync_api = sync_playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100}, locale="zh-CN")
            page.goto(served_app + "/planner", wait_until="domcontentloaded")
            page.get_by_role("button", name="开始规划").click(timeout=60_000)
            main = page.locator("[data-testid='stMain']")
            main.locator("[class*='st-key-card_J012']").wait_for(timeout=60_000)
            assert main.get_by_text("操作", exact=True).count() == 0  # 手工调整 is not built while closed
            main.get_by_role("tab", name="手工调整").click()
            main.locator("[data-testid='stRadio']").filter(has_text="操作").wait_for(timeout=30_000)
            main.get_by_role("tab", name="支部一览").click()
            main.locator("[data-testid='stTable']").first.wait_for(timeout=30_000)
            main.locator("[data-testid='stExpander'] summary").filter(has_text="J001").first.click()
            main.get_by_text("书记人选：").first.wait_for(timeout=30_000)  # an expander's table, built on opening
            main.get_by_role("tab", name="方案看板").click()
            card = main.locator("[class*='st-key-card_J']").filter(has=page.locator("[data-testid='stPopover']")).first
            card_id = re.search(r"st-key-card_(J\d+)", card.get_attribute("class")).group(1)
            card.locator("[data-testid='stPopover'] button").click()
            out = page.locator("[data-testid='stPopoverBody'] [data-testid='stSelectbox']").filter(has_text="调出学会")
            out.wait_for(timeout=30_000)
            out.locator("input").click()
            option = page.locator("[data-testid='stSelectboxVirtualDropdown'] [role='option']").nth(1)
            name = option.inner_text().strip()
            option.click()
            main.get_by_text(f"已将“{name}”").first.wait_for(timeout=30_000)
            assert page.locator("[data-testid='stException']").count() == 0
        finally:
            browser.close()
    plan = Plan.from_dict(Store(db_path).get(DEFAULT_WORKSPACE, "plan", "current"))
    assert name in plan.uncovered and name not in next(o for o in plan.organizations if o.id == card_id).units
