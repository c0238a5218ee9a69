"""覆盖情况总览: today's organizations against what the rules require (the home page)."""

from datetime import date

import streamlit as st

from model.rules import coverage_tables as tables
from ui import dashboard, plan_status, state, widgets

st.title("覆盖情况总览")
st.caption(
    "按名册中“现有党组织”“党组织类型”“届满时间”三列统计现状，对照党章、支部条例等规定的要求。"
    "“按规则应达”是每个有正式党员的学会都建立（或加入）党组织后的覆盖率，是理论上限；"
    "联合党支部能否全部组建，请到“联合党支部规划”页查看。"
)

roster = state.roster()
policy = state.policy()
widgets.roster_notice(roster)
if not roster.societies:
    st.stop()
plan_status.stale_notice(key="home_stale")
d = dashboard.cached_dashboard(state.roster_digest(), str(policy.to_dict()), date.today(), roster, policy)
dashboard.headline_metrics(d)

st.subheader("对照覆盖率目标")
st.caption("各地文件提出的覆盖率目标。现状与按规则全部落实后的情况分别对照。")
st.dataframe(tables.target_table(d), hide_index=True, width="stretch")

st.subheader("党组织统计（统计报表口径）")
st.caption(
    "“现状”按名册现有党组织统计；“按规则应有”按每个学会的正式党员数分类："
    f"{policy.own_min_formal}名以上单独建立，1–{policy.own_min_formal - 1}名联合组建，无正式党员的派驻指导员。"
    f"党员统计口径：{policy.count_basis}。"
)
st.dataframe(tables.stat_table(d.stat_rows), hide_index=True, width="stretch")

st.subheader("分类覆盖情况")
st.caption("深色为已建党组织的学会数，浅色为按规则应覆盖的学会数；图中为学会数最多的15个分组，表格列出全部。")
dashboard.group_tabs(d)

st.subheader("现有党组织存在的问题")
if d.violations:
    st.caption("以下现有党组织不符合规定，建议在规划中调整。")
    st.dataframe(tables.violation_table(d.violations), hide_index=True, width="stretch")
else:
    st.success("现有党组织均符合单独组建、联合组建的规定。")

st.subheader(f"{policy.term_warning_months}个月内届满（需换届）的党组织")
if d.terms:
    st.caption(f"按“届满时间”列，截至今天（{date.today():%Y年%m月%d日}）。换届选举可在“换届选举”页准备。")
    st.dataframe(tables.term_table(d.terms), hide_index=True, width="stretch")
    dashboard.prepare_election(d, roster, policy)
else:
    st.info(f"没有{policy.term_warning_months}个月内届满的党组织。")

with st.expander(f"现有党组织一览（{len(d.orgs)}个）"):
    st.dataframe(tables.org_table(d.orgs), hide_index=True, width="stretch")
