"""The graph page's drawing (app_pages/graph.py): which plan, the view settings, the cached drawers, downloads.

A view is a JSON string (sorted keys) so the drawers are cached on cheap inputs: the roster
digest, the plan's JSON and the view's JSON.
"""

from __future__ import annotations

import json
from functools import partial

import streamlit as st

from model.graph.hierarchy import GraphOptions, build_hierarchy, facets, find_societies, graph_view, reconcile
from model.graph.html_view import hierarchy_html
from model.graph.image import CJKFontMissing, cjk_font, hierarchy_png
from model.graph.listing import listing_xlsx
from model.planning.plan import Plan
from ui import state, widgets

__all__ = [
    "CURRENT",
    "DEFAULT_UPPER",
    "LAYOUTS",
    "PRESENT_CSS",
    "SCENARIO",
    "plan_choices",
    "chosen_plan",
    "remember_upper",
    "plan_key",
    "view_key",
    "draw",
    "plan_facets",
    "draw_png",
    "draw_xlsx",
    "mismatch_warning",
    "png_download",
]

CURRENT = "当前方案"
SCENARIO = "方案："  # prefix of a saved scenario among the choices
DEFAULT_UPPER = "科技社团党委"
LAYOUTS = {"树状（自上而下）": "hierarchical", "树状（从左到右）": "hierarchical_lr", "力导向（自由布局）": "force"}
PRESENT_CSS = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],header{display:none}"
    ".block-container{max-width:100%;padding:1rem 1.5rem}html{font-size:20px}</style>"
)
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
    present: bool,
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
        "present": present,
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


@st.cache_data(show_spinner="正在绘制组织架构图…", max_entries=32)
def draw(key: str, _roster, plan_json: str, view: str, all_facets: str) -> tuple[str, list, tuple]:
    """(html, search hits, notes) for one roster/plan/view."""
    v, notes, g = _graph(_roster, plan_json, view, json.loads(view)["aggregated"])
    html = hierarchy_html(
        g,
        layout=v["layout"],
        presentation=v["present"],
        title=f"{v['upper']}组织架构图",
        all_facets=json.loads(all_facets),
        query=v["query"],
    )
    return html, find_societies(g, v["query"]), notes


@st.cache_data(show_spinner=False, max_entries=32)
def plan_facets(key: str, _roster, plan_json: str) -> tuple[dict, int]:
    """Regions, industries and kinds of the whole plan (for the filters), and its node count."""
    g = build_hierarchy(_roster, reconcile(_roster, Plan.from_dict(json.loads(plan_json)))[0])
    return facets(g), g.number_of_nodes()


@st.cache_data(show_spinner=False, max_entries=8)
def draw_png(key: str, _roster, plan_json: str, view: str) -> bytes:
    v, _, g = _graph(_roster, plan_json, view, json.loads(view)["aggregated"])
    return hierarchy_png(g, title=f"{v['upper']}组织架构图")


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


def png_download(column, key: str, roster, plan_json: str, view: str) -> None:
    """The PNG download in ``column``, drawn on click; without a Chinese font, the reason instead."""
    try:
        cjk_font()
        column.download_button(
            "PNG 图片（用于幻灯片）",
            data=partial(draw_png, key, roster, plan_json, view),
            file_name="组织架构图.png",
            mime="image/png",
            key="graph_dl_png",
            icon=":material/download:",
        )
    except CJKFontMissing as exc:
        column.error(str(exc))
