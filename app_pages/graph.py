"""组织架构图: the plan's hierarchy — choose a plan, filter, find, present, download."""

import json
from functools import partial

import streamlit as st

from model.graph.hierarchy import AGGREGATE_THRESHOLD
from ui import org_chart, state, widgets

st.title("组织架构图")
st.caption(
    "把规划方案画成组织架构图：上级党委 → 各党组织 → 所属学会（可显示理事会党员）。"
    "派驻指导员的学会挂在“派驻党建工作指导员”下，未覆盖的学会单独列出并以橙色提示。"
    "悬停查看详情，双击党组织可折叠；图可下载为离线网页、PNG 图片和 Excel 清单。"
)
roster = state.roster()
widgets.require_valid_roster(roster)
choices = org_chart.plan_choices()
current = state.current_plan()
if current is None and len(choices) == 1:
    st.info("还没有规划方案。请先到“联合党支部规划”页生成方案。", icon=":material/info:")
    st.page_link("app_pages/planner.py", label="前往联合党支部规划", icon=":material/hub:")
    st.stop()

settings = state.get("graph", "settings") or {}
c1, c2, c3 = st.columns([2, 2, 2])
pick = c1.selectbox("显示哪个方案", choices, key="graph_plan", help="当前方案，或在规划页保存的比较方案")
layout = c2.radio("布局", list(org_chart.LAYOUTS), key="graph_layout", horizontal=True, index=1)
upper = c3.text_input(
    "上级党组织名称", value=settings.get("upper", org_chart.DEFAULT_UPPER), key="graph_upper", max_chars=40
)
org_chart.remember_upper(upper, settings)
plan = org_chart.chosen_plan(pick, current)
if plan is None:
    st.info("当前方案为空，请在上方选择一个已保存的方案，或到规划页生成。", icon=":material/info:")
    st.stop()

key = state.roster_digest()
plan_json = org_chart.plan_key(plan)
all_facets, n_nodes = org_chart.plan_facets(key, roster, plan_json)
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
    st.markdown(org_chart.PRESENT_CSS, unsafe_allow_html=True)  # constant CSS, no user text
with st.expander("筛选与查找", expanded=not present):
    f1, f2, f3 = st.columns(3)
    regions = f1.multiselect("所在地", all_facets["regions"], key="graph_regions", placeholder="全部")
    industries = f2.multiselect("学科类别", all_facets["industries"], key="graph_industries", placeholder="全部")
    kinds = f3.multiselect("党组织类型", all_facets["kinds"], key="graph_kinds", placeholder="全部")
    query = st.text_input("查找学会", key="graph_query", placeholder="输入学会名称的一部分，图中会高亮并定位")
view_json = org_chart.view_key(
    upper=upper,
    layout=layout,
    members=members,
    personal=personal,
    present=present,
    aggregated=aggregated,
    regions=regions,
    industries=industries,
    kinds=kinds,
    query=query,
)
html, hits, notes = org_chart.draw(key, roster, plan_json, view_json, json.dumps(all_facets))
org_chart.mismatch_warning(notes)
if query.strip():
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
org_chart.png_download(d2, key, roster, plan_json, view_json)
with d3:
    widgets.download_xlsx(
        "组织架构清单（Excel）",
        partial(org_chart.draw_xlsx, key, roster, plan_json, view_json),
        "组织架构清单.xlsx",
        key="graph_dl_xlsx",
        help="默认不含联系电话等个人信息",
    )
