"""组织架构图: the plan's hierarchy — choose a plan, filter, find, present, download."""

import json

import streamlit as st

from model.graph.hierarchy import (
    AGGREGATE_THRESHOLD,
    GraphOptions,
    build_hierarchy,
    facets,
    find_societies,
    graph_view,
    reconcile,
)
from model.graph.html_view import hierarchy_html
from model.graph.image import CJKFontMissing, cjk_font, hierarchy_png
from model.graph.listing import listing_xlsx
from model.planning.plan import Plan
from ui import state, widgets

CURRENT = "当前方案"
LAYOUTS = {"树状（自上而下）": "hierarchical", "树状（从左到右）": "hierarchical_lr", "力导向（自由布局）": "force"}
PRESENT_CSS = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],header{display:none}"
    ".block-container{max-width:100%;padding:1rem 1.5rem}html{font-size:20px}</style>"
)


def _graph(_roster, plan_json: str, view: str, aggregated: bool):
    """(view settings, plan/roster mismatch notes, the graph) — shared by the cached drawers below."""
    v = json.loads(view)
    plan, notes = reconcile(_roster, Plan.from_dict(json.loads(plan_json)))
    return (
        v,
        notes,
        graph_view(
            _roster,
            plan,
            GraphOptions(v["upper"], v["members"], v["personal"]),
            regions=v["regions"],
            industries=v["industries"],
            kinds=v["kinds"],
            aggregated=aggregated,
        ),
    )


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


st.title("组织架构图")
st.caption(
    "把规划方案画成组织架构图：上级党委 → 各党组织 → 所属学会（可显示理事会党员）。"
    "派驻指导员的学会挂在“派驻党建工作指导员”下，未覆盖的学会单独列出并以橙色提示。"
    "悬停查看详情，双击党组织可折叠；图可下载为离线网页、PNG 图片和 Excel 清单。"
)
roster = state.roster()
widgets.require_valid_roster(roster)
choices = [CURRENT] + [f"方案：{k}" for k in state.keys("scenario")]
current = state.current_plan()
if current is None and len(choices) == 1:
    st.info("还没有规划方案。请先到“联合党支部规划”页生成方案。", icon=":material/info:")
    st.page_link("app_pages/planner.py", label="前往联合党支部规划", icon=":material/hub:")
    st.stop()

settings = state.get("graph", "settings") or {}
c1, c2, c3 = st.columns([2, 2, 2])
pick = c1.selectbox("显示哪个方案", choices, key="graph_plan", help="当前方案，或在规划页保存的比较方案")
layout = c2.radio("布局", list(LAYOUTS), key="graph_layout", horizontal=True, index=1)
upper = c3.text_input("上级党组织名称", value=settings.get("upper", "科技社团党委"), key="graph_upper", max_chars=40)
if upper.strip() and upper.strip() != settings.get("upper"):
    state.put("graph", "settings", {**settings, "upper": upper.strip()})
plan = current if pick == CURRENT else Plan.from_dict(state.get("scenario", pick.removeprefix("方案：")) or {})
if plan is None:
    st.info("当前方案为空，请在上方选择一个已保存的方案，或到规划页生成。", icon=":material/info:")
    st.stop()

key = state.roster_digest()
plan_json = json.dumps(plan.to_dict(), ensure_ascii=False, sort_keys=True)
all_facets, n_nodes = plan_facets(key, roster, plan_json)
t1, t2, t3, t4 = st.columns(4)
members = t1.toggle("显示理事会党员", key="graph_members", help="★ 标出“双向进入、交叉任职”的书记人选")
personal = t2.toggle(
    "显示个人信息（联系电话等）",
    value=False,
    key="graph_personal",
    disabled=not members,
    help="默认不显示。会议投屏或外发前请确认需要。",
)
present = t3.toggle("演示模式", key="graph_present", help="隐藏侧边栏、放大字体，适合会议投屏")
aggregated = t4.toggle(
    "汇总视图",
    value=n_nodes > AGGREGATE_THRESHOLD,
    key="graph_aggregated",
    help=f"每个党组织收成一个节点；图中节点超过{AGGREGATE_THRESHOLD}个时默认开启",
)
if present:
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)  # constant CSS, no user text
view = {
    "upper": upper.strip() or "科技社团党委",
    "members": members,
    "personal": personal and members,
    "layout": LAYOUTS[layout],
    "present": present,
    "aggregated": aggregated,
}
with st.expander("筛选与查找", expanded=not present):
    f1, f2, f3 = st.columns(3)
    view["regions"] = f1.multiselect("所在地", all_facets["regions"], key="graph_regions", placeholder="全部")
    view["industries"] = f2.multiselect(
        "学科类别", all_facets["industries"], key="graph_industries", placeholder="全部"
    )
    view["kinds"] = f3.multiselect("党组织类型", all_facets["kinds"], key="graph_kinds", placeholder="全部")
    view["query"] = st.text_input("查找学会", key="graph_query", placeholder="输入学会名称的一部分，图中会高亮并定位")
view_json = json.dumps(view, sort_keys=True)
html, hits, notes = draw(key, roster, plan_json, view_json, json.dumps(all_facets))
if notes:
    st.warning(
        "方案与当前名册不一致（可到规划页重新生成方案）：\n\n"
        + widgets.md_text("；".join(notes[:5]))
        + (f" 等{len(notes)}处" if len(notes) > 5 else ""),
        icon=":material/warning:",
    )
if view["query"].strip():
    if hits:
        st.dataframe(hits, hide_index=True, width="stretch")
    else:
        st.info("没有找到名称含有这些字的学会（或已被筛选隐藏）。")
st.iframe(html, height=900 if present else 720)  # our template; every name inside is escaped data

st.subheader("下载", divider="gray")
d1, d2, d3 = st.columns(3)
d1.download_button(
    "离线网页（HTML）",
    data=html.encode("utf-8"),
    file_name="组织架构图.html",
    mime="text/html",
    key="graph_dl_html",
    help="单个文件，无需联网即可在会议室电脑上打开",
    icon=":material/download:",
)
try:
    cjk_font()
    d2.download_button(
        "PNG 图片（用于幻灯片）",
        data=lambda: draw_png(key, roster, plan_json, view_json),
        file_name="组织架构图.png",
        mime="image/png",
        key="graph_dl_png",
        icon=":material/download:",
    )
except CJKFontMissing as exc:
    d2.error(str(exc))
with d3:
    widgets.download_xlsx(
        "组织架构清单（Excel）",
        lambda: draw_xlsx(key, roster, plan_json, view_json),
        "组织架构清单.xlsx",
        key="graph_dl_xlsx",
        help="默认不含联系电话等个人信息",
    )
