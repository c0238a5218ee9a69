"""Every click answers at once (issue 16): the app timed in headless Chromium, against the framework's floor.

For each roster size (the province sample, and city rosters of N societies written by
``sample_data/make_sample.py --societies N``) the app is served on a fresh database holding that
roster, and a browser times, from the input event until the script has stopped running (see
bench/browser_kit.py for the signal): the first page after start, opening and rerunning each page,
and the interactions that matter on it. In the same run a one-checkbox app (bench/floor_app.py)
is timed the same way, served with this app's settings (the targets' unit: what any Streamlit app
costs here) and once with Streamlit's default ``[runner]`` settings (this app turns off the
post-run ``gc.collect()``, docs/performance.md); every figure is printed in seconds and as a
multiple of both, with the issue's target beside it. Medians of ``--runs`` repetitions where an action can be repeated.

Run: ``.venv/bin/python bench/bench_browser.py [--sizes province,3000,10000] [--runs 3]``
(``make bench-browser``; ``make bench`` runs it on the province only). An interaction whose widget
is not on the page (pages change) is printed as ``skipped: why``, never a crash.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import browser_kit as kit  # noqa: E402
from browser_kit import Skip, Timing  # noqa: E402

SAMPLE = kit.REPO / "sample_data" / "sample_roster.xlsx"
PAGES = [  # sidebar title, in the order a coordinator goes (a plan exists before the graph and documents)
    "覆盖情况总览",
    "学会名册",
    "联合党支部规划",
    "组织架构图",
    "换届选举",
    "文书与台账",
    "工作区与设置",
]
INTERACTION, RERUN, OPEN = "interaction", "rerun", "open"


@dataclass(frozen=True, slots=True)
class Target:
    """A target: at most ``floor_x`` floors and/or ``seconds``; ``why`` names it in the table."""

    floor_x: float | None = None
    seconds: float | None = None

    def check(self, seconds: float, floor: float) -> bool:
        ok = self.floor_x is None or seconds <= self.floor_x * floor
        return ok and (self.seconds is None or seconds <= self.seconds)

    def __str__(self) -> str:
        parts = ([f"≤{self.floor_x:g}×"] if self.floor_x else []) + ([f"≤{self.seconds:g} s"] if self.seconds else [])
        return " and ".join(parts) or "-"


def target(size: str, kind: str, special: str | None = None) -> Target:
    """The issue's targets: province (2× floor per interaction, 3× per rerun), 10,000 (3 s, with exceptions)."""
    if size == "province":
        fixed = {"first": Target(seconds=3), "plan": Target(seconds=1), "zip": Target(seconds=3)}
        if special in fixed:
            return fixed[special]
        return Target(floor_x=2) if kind == INTERACTION else Target(floor_x=3)
    if special in ("plan", "upload"):
        return Target()  # a full plan or a roster upload may take longer: they show progress
    if special == "zip":
        return Target(seconds=120)
    return Target(seconds=3)


@dataclass
class Row:
    label: str
    kind: str
    special: str | None
    times: list[float]
    note: str = ""


class Bench:
    """The rows measured for one size; ``measure`` repeats an action and records the median."""

    def __init__(self, size: str, timeout: float) -> None:
        self.size, self.timeout, self.rows = size, timeout, []
        self.stalled = False  # a figure of this page ran out of time: its other interactions are skipped

    def measure(
        self,
        label: str,
        kind: str,
        action: Callable[[], Timing],
        runs: int = 1,
        special: str | None = None,
        page=None,
    ) -> bool:
        """Time ``action`` ``runs`` times; a Skip or an error is recorded as the row's note. True if timed."""
        times: list[float] = []
        note = ""
        if self.stalled:
            note = f"skipped: an earlier figure of this page took over {self.timeout:.0f} s"
            runs = 0
        for _ in range(runs):
            try:
                t = action()
            except Skip as exc:
                note = f"skipped: {exc}"
                break
            except Exception as exc:  # a bench reports what broke and goes on with the next interaction
                note = f"skipped: {type(exc).__name__}: {str(exc).splitlines()[0][:90]}"
                break
            if t.seconds is None:
                note = t.note
                self.stalled = t.note.startswith("still running")
                break
            times.append(t.seconds)
            if page is not None and page.locator("[data-testid='stException']").count():
                note = "an exception is shown on the page"
        self.rows.append(Row(label, kind, special, times, note))
        print(f"  {pad(label, 36)}{_fmt(times, note)}", flush=True)
        return bool(times) and not note.startswith("skipped")


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 1)


def _fmt(times: list[float], note: str) -> str:
    shown = f"{statistics.median(times):7.2f} s" if times else " " * 9
    return f"{shown} {note}".rstrip()


def _act(page, timeout: float, make: Callable[[], Callable[[], object]]) -> Callable[[], Timing]:
    """An action to measure: ``make()`` finds the widget (raising Skip), then its click is timed."""

    def run() -> Timing:
        act = make()
        return kit.timed(page, act.click if hasattr(act, "click") else act, timeout=timeout)

    return run


# -- the floor ------------------------------------------------------------------------------------------
# Streamlit's defaults for what this app's .streamlit/config.toml changes ([runner]): the "plain" floor.
PLAIN = ("--runner.postScriptGC", "true", "--runner.magicEnabled", "true")


def floor(runs: int, tmp: Path, options: tuple[str, ...] = (), label: str = "") -> dict[str, float]:
    """The one-checkbox app: its first page, its rerun ("r") and a checkbox click, medians of ``runs``.

    Served like the product (its .streamlit/config.toml), or with ``options`` on top (``PLAIN``)."""
    print(f"== floor{label}: bench/floor_app.py (one checkbox)")
    out: dict[str, float] = {}
    serving = kit.serve("bench/floor_app.py", {}, tmp / "floor.log", options)
    with serving as (url, up), kit.chromium() as context:
        page = context.new_page()
        first = kit.timed_load(page, url)
        out["first"] = first.seconds or float("nan")
        reruns = [kit.timed(page, kit.rerun_key(page)).seconds for _ in range(runs + 1)][1:]
        clicks = [kit.timed(page, page.get_by_text("勾选", exact=True).click).seconds for _ in range(runs + 1)][1:]
        out["rerun"] = statistics.median(t for t in reruns if t is not None)
        out["click"] = statistics.median(t for t in clicks if t is not None)
    print(f"  server up {up:.2f} s, first page {out['first']:.2f} s")
    print(f"  rerun (r) {out['rerun']:.3f} s, checkbox click {out['click']:.3f} s (the floor: the slower of the two)")
    out["floor"] = max(out["rerun"], out["click"])
    return out


# -- one size ---------------------------------------------------------------------------------------------
def roster_file(size: str, tmp: Path) -> Path:
    """The roster workbook of ``size``: the province sample, or a city roster written by make_sample.py."""
    if size == "province":
        return SAMPLE
    path = tmp / f"city_{size}.xlsx"
    if not path.exists():
        script = kit.REPO / "sample_data" / "make_sample.py"
        subprocess.run([sys.executable, str(script), "--societies", size, "--out", str(path)], check=True)
    return path


def prepare_db(roster: Path, db: Path) -> None:
    """A fresh database whose default workspace holds ``roster`` (what an upload + confirm would leave)."""
    from model.roster.loading import raw_to_dict, read_raw
    from storage.store import DEFAULT_WORKSPACE, Store

    Store(db).put_roster(DEFAULT_WORKSPACE, raw_to_dict(read_raw(roster, roster.name)), note=f"载入 {roster.name}")


def bench_size(size: str, runs: int, timeout: float, tmp: Path) -> Bench:
    roster = roster_file(size, tmp)
    db = tmp / f"{size}.sqlite"
    prepare_db(roster, db)
    b = Bench(size, timeout)
    print(f"== {size}: {roster.name}")
    with kit.serve("app.py", {"PARTY_WORKBENCH_DB": str(db)}, tmp / f"{size}.log") as (url, up):
        print(f"  server up in {up:.2f} s")
        with kit.chromium() as context:
            page = context.new_page()
            b.measure("首页（启动后第一次打开）", OPEN, lambda: kit.timed_load(page, url, timeout), special="first")
            for title in PAGES:
                pages(b, page, title, runs, roster, timeout)
    return b


def pages(b: Bench, page, title: str, runs: int, roster: Path, timeout: float) -> None:
    """Open the page ``runs`` times (from the home page), rerun it ``runs`` times, then its interactions."""

    def open_once() -> Timing:
        if title != PAGES[0]:
            kit.timed(page, kit.sidebar_link(page, PAGES[0]).click, timeout=timeout)  # from the home page
        return kit.timed(page, kit.sidebar_link(page, title).click, timeout=timeout)

    b.stalled = False
    opened = b.measure(f"{title}：打开", OPEN, open_once, runs=runs if title != PAGES[0] else 1, page=page)
    if not opened:
        kit.wait_idle(page, timeout)
        return
    b.measure(
        f"{title}：重新运行", RERUN, lambda: kit.timed(page, kit.rerun_key(page), timeout=timeout), runs, page=page
    )
    INTERACTIONS.get(title, lambda *a: None)(b, page, runs, roster, timeout)
    kit.wait_idle(page, timeout)


# -- interactions per page (widgets found by their Chinese labels) -----------------------------------------
def home(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    act = _act(page, timeout, lambda: kit.select_option(page, "准备换届选举的党组织", 1))
    b.measure("总览：选择要换届的党组织", INTERACTION, act, page=page)


def roster_page(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    b.measure("名册：修改一个单元格", INTERACTION, lambda: edit_cell(page, "理事会正式党员数", "9", timeout), page=page)
    b.measure(
        "名册：撤销上一次修改", INTERACTION, _act(page, timeout, lambda: kit.button(page, "撤销上一次修改")), page=page
    )
    drop = main_input(page, "[data-testid='stFileUploaderDropzoneInput']")
    b.measure(
        "名册：上传并检查名册文件",
        INTERACTION,
        lambda: kit.timed(page, lambda: drop().set_input_files(str(roster)), timeout=timeout),
        special="upload",
        page=page,
    )
    b.measure(
        "名册：放弃上传的文件", INTERACTION, _act(page, timeout, lambda: kit.button(page, "放弃此文件")), page=page
    )


def planner(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    b.measure("规划：开始规划", INTERACTION, _act(page, timeout, lambda: kit.button(page, "开始规划")), special="plan")
    b.measure(  # the first card's 锁定 toggle on the plan board
        "规划：锁定或解锁一个支部", INTERACTION, _act(page, timeout, lambda: toggle(page, "锁定")), page=page
    )
    b.measure(
        "规划：打开一张卡片的“调整”", INTERACTION, _act(page, timeout, lambda: kit.popover(page, "调整")), page=page
    )
    page.keyboard.press("Escape")
    kit.wait_idle(page, timeout)
    b.measure("规划：切换到“手工调整”", INTERACTION, _act(page, timeout, lambda: kit.tab(page, "手工调整")), page=page)
    b.measure("规划：选择要移动的学会", INTERACTION, _act(page, timeout, lambda: kit.select_option(page, "移入", 1)))
    b.measure("规划：执行移动", INTERACTION, _act(page, timeout, lambda: kit.button(page, "执行")), page=page)
    b.measure("规划：撤销", INTERACTION, _act(page, timeout, lambda: kit.button(page, "撤销")), page=page)
    b.measure("规划：切换到“支部一览”", INTERACTION, _act(page, timeout, lambda: kit.tab(page, "支部一览")), page=page)
    b.measure("规划：回到“方案看板”", INTERACTION, _act(page, timeout, lambda: kit.tab(page, "方案看板")), page=page)


def graph(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    b.measure(
        "架构图：总览改按学科分组",
        INTERACTION,
        _act(page, timeout, lambda: kit.radio_option(page, "总览分组", 1)),
        page=page,
    )
    b.measure(
        "架构图：切换到详细树状图",
        INTERACTION,
        _act(page, timeout, lambda: kit.radio_option(page, "视图", 1)),
        page=page,
    )
    b.measure(
        "架构图：切换布局", INTERACTION, _act(page, timeout, lambda: kit.select_option(page, "布局", 0)), page=page
    )
    b.measure(
        "架构图：显示理事会党员", INTERACTION, _act(page, timeout, lambda: toggle(page, "显示理事会党员")), page=page
    )


def election(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    b.measure(
        "选举：切换到计票步骤", INTERACTION, _act(page, timeout, lambda: kit.segment(page, "步骤", "计票")), page=page
    )
    b.measure(
        "选举：录入一张选票", INTERACTION, _act(page, timeout, lambda: kit.button(page, "录入这张选票")), page=page
    )
    b.measure(
        "选举：切换到结果步骤", INTERACTION, _act(page, timeout, lambda: kit.segment(page, "步骤", "结果")), page=page
    )
    b.measure(
        "选举：回到设置步骤", INTERACTION, _act(page, timeout, lambda: kit.segment(page, "步骤", "设置")), page=page
    )


def documents(b: Bench, page, runs: int, roster: Path, timeout: float) -> None:
    act = _act(page, timeout, lambda: kit.select_option(page, "文书类型", 1))
    b.measure("文书：生成另一种文书", INTERACTION, act, page=page)
    zip_act = _act(page, timeout, lambda: kit.button(page, "生成全部文书"))
    b.measure("文书：生成全部文书（zip）", INTERACTION, zip_act, special="zip", page=page)


INTERACTIONS = {
    "覆盖情况总览": home,
    "学会名册": roster_page,
    "联合党支部规划": planner,
    "组织架构图": graph,
    "换届选举": election,
    "文书与台账": documents,
}


def main_input(page, css: str) -> Callable[[], object]:
    def find():
        loc = kit.main_area(page).locator(css)
        if not loc.count():
            raise Skip(f"{css} not found")
        return loc.first

    return find


def toggle(page, label: str):
    """The first visible toggle or checkbox labelled exactly ``label`` (“锁定” is not “…未锁定支部）”)."""
    exact = re.compile(f"^\\s*{re.escape(label)}\\s*$")
    loc = kit.main_area(page).locator("[data-testid='stCheckbox'] label:visible").filter(has_text=exact)
    if not loc.count():
        raise Skip(f"toggle “{label}” not found")
    if loc.first.locator("input").is_disabled():
        raise Skip(f"toggle “{label}” is disabled")
    return loc.first


def _grid_with(page, column: str):
    """The first visible data grid (st.data_editor) with a column headed ``column``, and that column's index."""
    grids = kit.main_area(page).locator("[data-testid='stDataFrame']:visible")
    for _ in range(50):  # the grids draw a moment after the run
        for i in range(grids.count()):
            heads = grids.nth(i).locator("table[role='grid'] th").all_inner_texts()
            if column in heads:
                return grids.nth(i), heads.index(column)
        page.wait_for_timeout(100)
    raise Skip(f"no table with a column “{column}”")


def _select_cell(page, grid, col: int) -> None:
    """Select the first row's cell of data column ``col`` (the grid draws on a canvas: click, then arrow keys).

    The grid's accessible table names its cells ``glide-cell-{column}-{row}``, column 0 being the row
    markers when rows can be added: the click lands in the first data column, the arrows go on from there.
    """
    canvas = grid.locator("[data-testid='data-grid-canvas']").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    if box is None:
        raise Skip("the table is not drawn")
    ids = grid.locator("table[role='grid'] td").evaluate_all("els => els.map(e => e.id)")
    columns = sorted({int(i.split("-")[2]) for i in ids if i.startswith("glide-cell-")})
    first = columns[0] if columns else 0
    page.mouse.click(box["x"] + (60 if first else 12), box["y"] + 35 + 17)  # row 0, first data column
    selected = grid.locator("table[role='grid'] td[aria-selected='true']").evaluate_all("els => els.map(e => e.id)")
    at = int(selected[0].split("-")[2]) - first if selected else 0
    for _ in range(col - at):
        page.keyboard.press("ArrowRight")


def edit_cell(page, column: str, text: str, timeout: float) -> Timing:
    """Type ``text`` into the first row's ``column`` of the editor showing it, and time the answer to Enter."""
    grid, col = _grid_with(page, column)
    _select_cell(page, grid, col)

    def act() -> None:
        page.keyboard.type(text)
        page.locator("textarea.gdg-input").wait_for(timeout=3000)  # the cell's editor is open
        page.keyboard.press("Enter")  # the figure runs from this key (the last input before the run)

    return kit.timed(page, act, timeout=timeout)


def toggle_cell(page, column: str, timeout: float) -> Timing:
    """Tick the first row's checkbox in ``column`` (space toggles a selected boolean cell)."""
    grid, col = _grid_with(page, column)
    _select_cell(page, grid, col)
    return kit.timed(page, lambda: page.keyboard.press("Space"), timeout=timeout)


# -- the table --------------------------------------------------------------------------------------------
def report(benches: list[Bench], fl: dict[str, float]) -> int:
    """Print every figure with its multiple of the floor and its target; return how many are over."""
    unit, plain = fl["floor"], fl["plain"]
    over = 0
    print(
        f"\n== results (medians; floor: the one-checkbox app's rerun served with this app's settings, {unit:.3f} s;"
        f" × plain: against the same app with Streamlit's default [runner] settings, {plain:.3f} s)"
    )
    print(f"{'size':<9}{pad('figure', 38)}{'seconds':>8}{'× floor':>9}{'× plain':>9}  {'target':<16}verdict")
    for b in benches:
        for r in b.rows:
            t = target(b.size, r.kind, r.special)
            if not r.times:
                print(f"{b.size:<9}{pad(r.label, 38)}{'':>8}{'':>9}{'':>9}  {str(t):<16}{r.note}")
                continue
            s = statistics.median(r.times)
            ok = t.check(s, unit)
            over += not ok
            verdict = ("ok" if ok else "over") + (f"  ({r.note})" if r.note else "")
            print(f"{b.size:<9}{pad(r.label, 38)}{s:8.2f}{s / unit:9.1f}{s / plain:9.1f}  {str(t):<16}{verdict}")
    timed = sum(bool(r.times) for b in benches for r in b.rows)
    print(f"\n{timed} figures timed, {over} over target; the floor's first page {fl['first']:.2f} s")
    return over


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="province", help="comma-separated: province and/or numbers of societies")
    p.add_argument("--runs", type=int, default=3, help="repetitions of a repeatable figure (the median is shown)")
    p.add_argument("--timeout", type=float, default=240, help="seconds to wait for one answer")
    args = p.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s != "province" and not s.isdigit()]
    if bad:
        p.error(f"--sizes: “province” or a number of societies, not {', '.join(bad)}")
    if not Path(kit.CHROMIUM).exists() or importlib.util.find_spec("playwright") is None:
        print("bench_browser skipped: Chromium or Playwright is not installed (make sysdeps)")
        return 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench_browser_") as d:
        tmp = Path(d)
        fl = floor(max(args.runs, 3), tmp)
        plain = floor(max(args.runs, 3), tmp, PLAIN, " with Streamlit's default [runner] settings")
        benches = [bench_size(size, args.runs, args.timeout, tmp) for size in sizes]
        fl_after = floor(max(args.runs, 3), tmp)  # the machine may have changed: the floor measured again, at the end
        fl["floor"] = statistics.median([fl["floor"], fl_after["floor"]])
        fl["plain"] = plain["floor"]
    report(benches, fl)
    print(f"bench_browser: {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
