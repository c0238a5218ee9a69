"""联合党支部规划: settings → optimize → the plan board, edit by hand, explain, compare scenarios, export."""

from functools import partial

import streamlit as st

from model.paperwork import plan_workbook as plan_export
from model.planning.plan import plan_to_json
from ui import (
    auth,
    compat_view,
    plan_board,
    plan_edits,
    plan_scenarios,
    plan_settings,
    plan_status,
    plan_view,
    planning,
    state,
    widgets,
)

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
policy, limit = plan_settings.settings_panel(base, expanded=history is None)
fresh = history is None  # no plan yet: start from today's organizations
skipped_notice = st.empty()
if fresh:
    plan_settings.skipped_locks_warning(roster, policy, skipped_notice)
locks = plan_settings.locks(roster, policy, history, fresh)

label = "开始规划" if fresh else "从头重新规划"
clicked = st.button(
    label,
    type="primary" if fresh else "secondary",
    key="pl_run",
    help=f"保留{len(locks)}个锁定的支部，规划其余学会",
    disabled=auth.read_only(),
)
if clicked and plan_settings.plan_now(roster, policy, locks, together, apart, limit, digest):
    history = planning.history()
    fresh = False
    plan_settings.skipped_locks_warning(roster, policy, skipped_notice, planned=True)
if fresh:
    st.info("确认上方设置后，点击“开始规划”。")
    st.stop()

stale = plan_status.stale_notice(policy, key="pl_stale")
plan = history.current()
plan_settings.revert_button(plan, policy)
if not plan_settings.fits(history, roster):
    plan_edits.last_message()
    st.stop()  # a plan for other societies cannot be shown against this roster: re-plan first
plan_json = plan_to_json(plan)
version = f"{hash(plan_json) & 0xFFFFFF:x}"
plan_view.summary(roster, plan, policy, stale, apart)

plan_edits.last_message()  # above the tabs: seen whichever tab made the edit
plan_edits.history_buttons(roster, policy, history)
board, hand, branches, left, compare, files = plan_view.sections()  # lazy tabs: only the open one runs
with board:
    if board.open:
        plan_board.board(roster, plan, version, apart)
with hand:
    if hand.open:
        st.caption("拆分、合并、撤销、新建支部，改组建方式或名称；移动学会也可在“方案看板”中按名称完成。")
        plan_edits.hand_edit_panel(roster, plan, policy, history)
with branches:
    if branches.open:
        st.caption("锁定支部请在“方案看板”的卡片上操作；展开各支部可查看党员与书记人选（双向进入、交叉任职）。")
        shown = plan_view.branch_page(plan)
        plan_view.branch_table(roster, plan, shown)
        plan_view.branch_details(roster, plan, shown)
        plan_view.first_elections(roster, plan, policy)
        plan_view.own_organizations(roster, plan)
with left:
    if left.open:
        plan_view.uncovered(digest, plan_json, together, apart, roster, plan, policy)
with compare:
    if compare.open:
        st.caption("把当前方案以名称保存，再任选两个方案对照覆盖率、各组建方式的支部数和学会的调动。")
        plan_scenarios.scenarios_section(plan, roster)
with files:
    if files.open:
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
        if st.toggle("显示候选学会相容关系图（谁能与谁联合）", key="pl_graph"):
            compat_view.compat_section(roster, digest, policy, together, apart)
