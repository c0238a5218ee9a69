"""组织架构图: the plan at a glance for the meeting room — overview, full-screen presentation, slides and print."""

import json
from functools import partial

import streamlit as st

from model.graph.hierarchy import AGGREGATE_THRESHOLD
from ui import org_chart, plan_status, planning, state, widgets

st.title("组织架构图")
st.caption(
    "上级党委下的党组织按类型（或学科、地域）分组，一屏看全，点击分组看其中的党组织；"
    "投屏点图中的“全屏演示”，→ / ← 翻页，Esc 退出。会议用文件在页面下方。"
)
roster = state.roster()
widgets.require_valid_roster(roster)
plan_status.stale_notice(key="graph_stale")
choices = org_chart.plan_choices()
current = state.current_plan()
if current is None and len(choices) == 1:
    st.info("还没有规划方案。请先到“联合党支部规划”页生成方案。", icon=":material/info:")
    st.page_link("app_pages/planner.py", label="前往联合党支部规划", icon=":material/hub:")
    st.stop()

settings = state.get("graph", "settings") or {}
c1, c2, c3 = st.columns([2, 3, 2])
pick = c1.selectbox("显示哪个方案", choices, key="graph_plan", help="当前方案，或在规划页保存的比较方案")
grouping = c2.radio("总览分组", list(org_chart.GROUPINGS), key="graph_group", horizontal=True)
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
v1, v2, v3 = st.columns([2, 2, 3])
view_mode = v1.radio("视图", org_chart.VIEWS, key="graph_view", horizontal=True)
regions = v2.multiselect("只看所在地", all_facets["regions"], key="graph_regions", placeholder="全部")
industries = v3.multiselect("只看学科类别", all_facets["industries"], key="graph_industries", placeholder="全部")
_, apart = planning.pairs()
overview_json = org_chart.overview_key(
    upper=upper, grouping=grouping, regions=regions, industries=industries, apart=apart
)

if view_mode == org_chart.VIEWS[0]:
    html, groups, notes = org_chart.draw_overview(key, roster, plan_json, overview_json)
    org_chart.mismatch_warning(notes)
    st.iframe(html, height=org_chart.OVERVIEW_HEIGHT)  # our template; every name inside is escaped data
    with st.expander("各分组数字（表格）"):
        st.dataframe(groups, hide_index=True, width="stretch")
else:
    t1, t2, t3, t4 = st.columns(4)
    layout = t1.selectbox("布局", list(org_chart.LAYOUTS), key="graph_layout", index=1)
    aggregated = t4.toggle(
        "汇总视图",
        value=n_nodes > AGGREGATE_THRESHOLD,
        key="graph_aggregated",
        help=f"每个党组织收成一个节点；图中节点超过{AGGREGATE_THRESHOLD}个时默认开启",
    )
    members = t2.toggle(
        "显示理事会党员",
        key="graph_members",
        disabled=aggregated,
        help="汇总视图中每个党组织是一个节点，不显示党员；关闭汇总视图后可显示"
        if aggregated
        else "★ 标出“双向进入、交叉任职”的书记人选",
    )
    personal = t3.toggle(
        "显示个人信息（联系电话等）",
        value=False,
        key="graph_personal",
        disabled=not members or aggregated,
        help="默认不显示。会议投屏或外发前请确认需要。",
    )
    k1, k2 = st.columns([1, 2])
    kinds = k1.multiselect("党组织类型", all_facets["kinds"], key="graph_kinds", placeholder="全部")
    query = k2.text_input("查找学会", key="graph_query", placeholder="输入学会名称的一部分，图中会高亮并定位")
    view_json = org_chart.view_key(
        upper=upper,
        layout=layout,
        members=members,
        personal=personal,
        aggregated=aggregated,
        regions=regions,
        industries=industries,
        kinds=kinds,
        query=query,
    )
    html, hits, notes = org_chart.draw(key, roster, plan_json, view_json, json.dumps(all_facets))
    org_chart.mismatch_warning(notes)
    if query.strip() and hits:
        st.dataframe(hits, hide_index=True, width="stretch")
    if query.strip() and not hits:
        st.info("没有找到名称含有这些字的学会（或已被筛选隐藏）。")
    st.iframe(html, height=720)  # our template; every name inside is escaped data
    d1, d2 = st.columns(2)
    d1.download_button(
        "树状图离线网页（HTML）",
        data=partial(org_chart.draw_file, key, roster, plan_json, view_json, json.dumps(all_facets)),
        file_name="组织架构图.html",
        mime="text/html",
        key="graph_dl_html",
        help="单个文件，无需联网即可在会议室电脑上打开",
        icon=":material/download:",
    )
    with d2:
        widgets.download_xlsx(
            "组织架构清单（Excel）",
            partial(org_chart.draw_xlsx, key, roster, plan_json, view_json),
            "组织架构清单.xlsx",
            key="graph_dl_xlsx",
            help="按当前筛选；默认不含联系电话等个人信息",
        )

st.subheader("会议用文件", divider="gray")
st.caption("按上方的分组与筛选生成，点击时才制作；均不含联系电话等个人信息。")
org_chart.meeting_downloads(st.columns(len(org_chart.EXPORTS) + 2), key, roster, plan_json, overview_json)
