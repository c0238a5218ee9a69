"""联合党支部规划: settings → optimize → review, edit by hand, explain, compare scenarios, export."""

from functools import partial

import streamlit as st

from model.paperwork import plan_workbook as plan_export
from model.planning.plan import plan_to_json
from ui import plan_edits, plan_settings, plan_view, planning, state, widgets

st.title("联合党支部规划")
st.caption(
    "把正式党员1–2名的学会编入联合党支部：每个支部2至5家、正式党员合计不少于3名，且任意两家学科类别相同"
    "（同业共建）、所在地相同或相邻（区域联建）或支撑单位相同（挂靠组建）。现有联合党支部默认锁定，保持不变。"
)
roster = state.roster()
widgets.require_valid_roster(roster)
digest = state.roster_digest()
history = planning.history()
together, apart = planning.pairs()
base = plan_settings.base_policy(history)
stale = plan_settings.is_stale(history, roster)
if stale:
    st.warning("名册已更新，已保存的方案与现在的名册不一致，请重新规划。")

policy, limit = plan_settings.settings_panel(base, expanded=history is None)
fresh = history is None or stale  # no plan to go on from: start from today's organizations
if fresh:
    plan_settings.skipped_locks_warning(roster, policy)
locks = plan_settings.locks(roster, policy, history, fresh)

clicked = st.button("开始规划", type="primary", key="pl_run", help=f"保留{len(locks)}个锁定的支部，规划其余学会")
if clicked and plan_settings.plan_now(roster, policy, locks, together, apart, limit, digest):
    history = planning.history()
    fresh = False
if fresh:
    st.info("确认上方设置后，点击“开始规划”。")
    st.stop()

plan = history.current()
plan_json = plan_to_json(plan)
plan_view.summary(roster, plan, policy)

st.subheader("联合党支部")
st.caption("勾选“锁定”的支部在手工调整和重新优化时保持不变；展开各支部可查看党员与书记人选（双向进入、交叉任职）。")
plan_view.branch_table(roster, plan, plan_json)
plan_view.branch_details(roster, plan)
plan_view.first_elections(roster, plan, policy)
plan_view.own_organizations(roster, plan)

st.subheader("手工调整")
plan_edits.hand_edit_panel(roster, plan, policy, history)

st.subheader("未覆盖的学会")
plan_view.uncovered(digest, plan_json, together, apart, roster, plan)

st.subheader("方案比较")
st.caption("把当前方案以名称保存，再任选两个方案对照覆盖率、各组建方式的支部数和学会的调动。")
planning.compare_scenarios(plan, roster)

st.subheader("下载与相容关系图")
phones = st.checkbox("党员名册含联系电话（个人信息，仅限内部使用）", key="dl_phones")
d1, d2 = st.columns(2)
with d1:
    widgets.download_json("方案 JSON", plan_json.encode("utf-8"), "联合党支部方案.json", key="dl_json")
with d2:
    widgets.download_xlsx(
        "规划台账 Excel",
        partial(plan_export.plan_workbook, roster, plan, phones=phones),
        "联合党支部规划.xlsx",
        key="dl_xlsx",
    )
if st.toggle("显示候选学会相容关系图（连线颜色表示组建方式）", key="pl_graph"):
    st.iframe(planning.cached_graph(digest, policy, together, apart, roster), height=640)  # names escaped by graph_html
