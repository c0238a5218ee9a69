"""The graph page's drawing (app_pages/graph.py): which plan, the view settings, the cached drawers, downloads.

A view is a JSON string (sorted keys) so the drawers are cached on cheap inputs: the roster
digest, the plan's JSON and the view's JSON. The overview (the default view) and its meeting
exports (.png, .svg, .pdf, .pptx) come from ``model.graph.overview``; the detailed tree from
``model.graph.hierarchy``. Meeting exports never carry phone numbers.
"""

from __future__ import annotations

import json
from functools import partial

import streamlit as st

from model.graph.deck import deck_pptx, slide_count
from model.graph.hierarchy import GraphOptions, build_hierarchy, facets, find_societies, graph_view, reconcile
from model.graph.html_view import hierarchy_html
from model.graph.image import CJKFontMissing, cjk_font
from model.graph.listing import listing_xlsx
from model.graph.overview import group_rows, overview
from model.graph.overview_html import overview_html
from model.graph.slide import overview_pdf, overview_png, overview_svg
from model.planning.plan import Plan
from ui import state, widgets

__all__ = [
    "GROUPINGS",
    "VIEWS",
    "EXPORTS",
    "OVERVIEW_HEIGHT",
    "overview_key",
    "draw_overview",
    "draw_export",
    "meeting_downloads",
    "deck_pages",
    "CURRENT",
    "DEFAULT_UPPER",
    "LAYOUTS",
    "SCENARIO",
    "plan_choices",
    "chosen_plan",
    "remember_upper",
    "plan_key",
    "view_key",
    "draw",
    "plan_facets",
    "draw_xlsx",
    "overview_xlsx",
    "mismatch_warning",
]

CURRENT = "当前方案"
SCENARIO = "方案："  # prefix of a saved scenario among the choices
DEFAULT_UPPER = "科技社团党委"
LAYOUTS = {"树状（自上而下）": "hierarchical", "树状（从左到右）": "hierarchical_lr", "力导向（自由布局）": "force"}
GROUPINGS = {"按党组织类型": "kind", "按学科类别": "industry", "按所在地": "region"}
VIEWS = ("总览（投屏、演示）", "详细树状图")
OVERVIEW_HEIGHT = 580  # px: all of it under the controls on a 1920×1080 screen; full screen in presentation
SLOW_DECK = 300  # slides: above this the deck's help warns it takes minutes (bench/bench_graph.py)
# suffix -> (button label, MIME type, help); drawn on click, each from the same overview
EXPORTS = {
    ".png": ("PNG 图片（16:9 幻灯片）", "image/png", "1920×1080，可直接插入幻灯片"),
    ".svg": ("SVG 矢量图", "image/svg+xml", "矢量，文字可选中，放大不模糊"),
    ".pdf": ("PDF（A3 打印）", "application/pdf", "第1页总览，其后为全部党组织及所属学会，A3 横向"),
    ".pptx": (
        "会议幻灯片（PPTX）",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "标题页（现状与方案覆盖率）、总览、每个联合党支部一页；不含联系电话",
    ),
}
MAX_NOTES = 5  # mismatch notes listed before “等N处”


def plan_choices() -> list[str]:
    """当前方案, then each saved scenario as 方案：name."""
    return [CURRENT] + [SCENARIO + name for name in state.keys("scenario")]


def chosen_plan(pick: str, current: Plan | None) -> Plan | None:
    """The plan of choice ``pick``: the current plan (maybe None) or a saved scenario."""
    if pick == CURRENT:
        return current
    return Plan.from_dict(state.get("scenario", pick.removeprefix(SCENARIO)) or {})


def remember_upper(upper: str, settings: dict) -> None:
    """Store a new, non-blank name of the upper party organization in the workspace's graph settings."""
    name = upper.strip()
    if name and name != settings.get("upper"):
        state.put("graph", "settings", {**settings, "upper": name})


def plan_key(plan: Plan) -> str:
    """The plan as JSON with sorted keys: the drawers' cache key."""
    return json.dumps(plan.to_dict(), ensure_ascii=False, sort_keys=True)


def view_key(
    *,
    upper: str,
    layout: str,
    members: bool,
    personal: bool,
    aggregated: bool,
    regions: list[str],
    industries: list[str],
    kinds: list[str],
    query: str,
) -> str:
    """The view settings as JSON (the drawers' cache key); personal data only with the members shown."""
    view = {
        "upper": upper.strip() or DEFAULT_UPPER,
        "members": members,
        "personal": personal and members,
        "layout": LAYOUTS[layout],
        "aggregated": aggregated,
        "regions": regions,
        "industries": industries,
        "kinds": kinds,
        "query": query,
    }
    return json.dumps(view, sort_keys=True)


def _graph(_roster, plan_json: str, view: str, aggregated: bool):
    """(view settings, plan/roster mismatch notes, the graph) — shared by the cached drawers below."""
    v = json.loads(view)
    plan, notes = reconcile(_roster, Plan.from_dict(json.loads(plan_json)))
    options = GraphOptions(v["upper"], v["members"], v["personal"])
    graph = graph_view(
        _roster,
        plan,
        options,
        regions=v["regions"],
        industries=v["industries"],
        kinds=v["kinds"],
        aggregated=aggregated,
    )
    return v, notes, graph


# vis-network as the app serves it (static/, [server] enableStaticServing): the tree shown on the page
# loads it from there, relative to the page, so a redraw sends only the data; the downloaded file
# carries it inline and opens offline anywhere. tests/graph checks the two copies are the same.
VIS_SRC = "app/static/vis-network.min.js"


@st.cache_data(show_spinner="正在绘制组织架构图…", max_entries=32)
def draw(key: str, _roster, plan_json: str, view: str, all_facets: str) -> tuple[str, list, tuple]:
    """(html shown on the page, search hits, notes) for one roster/plan/view."""
    v, notes, g = _graph(_roster, plan_json, view, json.loads(view)["aggregated"])
    return _tree_html(g, v, all_facets, VIS_SRC), find_societies(g, v["query"]), notes


@st.cache_data(show_spinner=False, max_entries=8)
def draw_file(key: str, _roster, plan_json: str, view: str, all_facets: str) -> bytes:
    """The same tree as :func:`draw` shows, as a single offline HTML file (vis-network inline)."""
    v, _, g = _graph(_roster, plan_json, view, json.loads(view)["aggregated"])
    return _tree_html(g, v, all_facets, None).encode("utf-8")


def _tree_html(g, v: dict, all_facets: str, script_src: str | None) -> str:
    return hierarchy_html(
        g,
        layout=v["layout"],
        title=f"{v['upper']}组织架构图",
        all_facets=json.loads(all_facets),
        query=v["query"],
        controls=False,
        script_src=script_src,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def plan_facets(key: str, _roster, plan_json: str) -> tuple[dict, int]:
    """Regions, industries and kinds of the whole plan (for the filters), and its node count."""
    g = build_hierarchy(_roster, reconcile(_roster, Plan.from_dict(json.loads(plan_json)))[0])
    return facets(g), g.number_of_nodes()


@st.cache_data(show_spinner=False, max_entries=8)
def draw_xlsx(key: str, _roster, plan_json: str, view: str) -> bytes:
    return listing_xlsx(_graph(_roster, plan_json, view, False)[2])  # the listing is never aggregated


def mismatch_warning(notes: tuple[str, ...]) -> None:
    """A warning listing the first plan/roster mismatches (none: nothing)."""
    if not notes:
        return
    more = f" 等{len(notes)}处" if len(notes) > MAX_NOTES else ""
    st.warning(
        "方案与当前名册不一致（可到规划页重新生成方案）：\n\n" + widgets.md_text("；".join(notes[:MAX_NOTES])) + more,
        icon=":material/warning:",
    )


def overview_key(*, upper: str, grouping: str, regions: list[str], industries: list[str], apart: tuple = ()) -> str:
    """The overview's settings as JSON (its drawers' cache key); ``apart`` the workspace's forbidden
    pairs, so a joint branch breaking one is flagged as on the planner page."""
    view = {
        "upper": upper.strip() or DEFAULT_UPPER,
        "group_by": GROUPINGS[grouping],
        "regions": regions,
        "industries": industries,
        "apart": [list(p) for p in apart],
    }
    return json.dumps(view, ensure_ascii=False, sort_keys=True)


def _overview(_roster, plan_json: str, view: str):
    v = json.loads(view)
    plan, notes = reconcile(_roster, Plan.from_dict(json.loads(plan_json)))
    ov = overview(
        _roster,
        plan,
        group_by=v["group_by"],
        upper=v["upper"],
        regions=v["regions"],
        industries=v["industries"],
        apart=[tuple(p) for p in v.get("apart", ())],
    )
    return ov, notes


@st.cache_data(show_spinner="正在绘制组织架构总览…", max_entries=32)
def draw_overview(key: str, _roster, plan_json: str, view: str) -> tuple[str, list[dict], tuple]:
    """(overview html, one row per group, plan/roster mismatch notes)."""
    ov, notes = _overview(_roster, plan_json, view)
    return overview_html(ov, _roster, title=f"{ov.upper}组织架构总览"), group_rows(ov), notes


@st.cache_data(show_spinner="正在生成文件…", max_entries=16)
def draw_export(key: str, _roster, plan_json: str, view: str, suffix: str) -> bytes:
    """The meeting export ``suffix`` (.png, .svg, .pdf, .pptx) of the overview."""
    ov, _ = _overview(_roster, plan_json, view)
    if suffix == ".pptx":
        return deck_pptx(ov, _roster, title=f"{ov.upper}联合党支部组建方案")
    drawers = {".png": overview_png, ".svg": overview_svg, ".pdf": partial(overview_pdf, title=f"{ov.upper}组织架构图")}
    return drawers[suffix](ov)


@st.cache_data(show_spinner=False, max_entries=32)
def deck_pages(key: str, _roster, plan_json: str, view: str) -> int:
    """How many slides the deck of this overview has (title, overview, one per joint branch)."""
    return slide_count(_overview(_roster, plan_json, view)[0])


def meeting_downloads(columns, key: str, roster, plan_json: str, view: str) -> None:
    """One download per meeting export, each drawn when clicked; without a Chinese font, the reason instead.
    The deck's help says how many slides it has (a city's deck of thousands takes minutes to make)."""
    try:
        cjk_font()
    except CJKFontMissing as exc:
        columns[0].error(str(exc))
        return
    pages = deck_pages(key, roster, plan_json, view)
    helps = {".pptx": f"{EXPORTS['.pptx'][2]}。共{pages}页" + ("，页数多，制作需要几分钟" if pages > SLOW_DECK else "")}
    for column, (suffix, (label, mime, help_text)) in zip(columns, EXPORTS.items()):
        help_text = helps.get(suffix, help_text)
        column.download_button(
            label,
            data=partial(draw_export, key, roster, plan_json, view, suffix),
            file_name=f"组织架构图{suffix}",
            mime=mime,
            key=f"graph_dl_{suffix[1:]}",
            help=help_text,
            icon=":material/download:",
        )
    if len(columns) > len(EXPORTS) + 1:
        with columns[len(EXPORTS) + 1]:
            widgets.download_xlsx(
                "组织架构清单（Excel）",
                partial(overview_xlsx, key, roster, plan_json, view),
                "组织架构清单.xlsx",
                key="graph_dl_meeting_xlsx",
                help="每个党组织及所属学会一览（与命令行 graph --out 清单.xlsx 相同）；不含联系电话等个人信息",
            )
    if len(columns) > len(EXPORTS):
        columns[len(EXPORTS)].download_button(
            "总览离线网页（HTML）",
            data=partial(_overview_page, key, roster, plan_json, view),
            file_name="组织架构总览.html",
            mime="text/html",
            key="graph_dl_overview",
            help="单个文件，无需联网；在会议室电脑上打开后点“全屏演示”",
            icon=":material/download:",
        )


@st.cache_data(show_spinner="正在生成文件…", max_entries=8)
def overview_xlsx(key: str, _roster, plan_json: str, view: str) -> bytes:
    """The listing (as the CLI's ``graph --out X.xlsx``) of the overview's plan, its filters applied,
    without members' personal data."""
    v = json.loads(view)
    listing_view = view_key(
        upper=v["upper"],
        layout=next(iter(LAYOUTS)),
        members=False,
        personal=False,
        aggregated=False,
        regions=v["regions"],
        industries=v["industries"],
        kinds=[],
        query="",
    )
    return listing_xlsx(_graph(_roster, plan_json, listing_view, False)[2])


def _overview_page(key: str, roster, plan_json: str, view: str) -> bytes:
    return draw_overview(key, roster, plan_json, view)[0].encode("utf-8")
