"""文书与台账: the 请示, 备案表 and registers filled from the roster, the current plan and the elections."""

from __future__ import annotations

import streamlit as st

from model.paperwork.bundle import DOC_TYPES
from ui import documents_view, documents_zip, state, widgets

st.title("文书与台账")
st.caption(
    "按当前规划方案和选举结果，自动填写成立党组织、换届选举、补选的请示和备案表（青海指南模板1–9），"
    "以及党员名册、学会党建信息表等台账（吉林表1–表3）。名册中没有的信息在文书里留作“＿＿＿”，"
    "并在“缺少的信息”中逐项列出，补齐名册后重新生成即可。"
)

roster = state.roster()
plan = state.current_plan()
widgets.require_valid_roster(roster)
if plan is None or not plan.organizations:
    st.info("还没有规划方案。请先到“联合党支部规划”页生成并保存方案，再回到本页生成文书。", icon=":material/info:")
    st.page_link("app_pages/planner.py", label="前往联合党支部规划", icon=":material/hub:")
    st.stop()

with st.expander("主送机关、落款日期与台账选项", expanded=False):
    st.caption("这些信息印在每份请示上，保存在工作区中；不填的项会留空并列入缺项清单。")
    ctx = documents_view.context_form()
    phones = st.checkbox(
        "台账中包含联系电话（党员名册、表1–表3）",
        value=False,
        key="doc_phones",
        help="联系电话属个人信息，默认不写入台账；按表样上报备案时再勾选。",
    )
documents_view.issued_caption(ctx)

documents_view.stale_warning(plan, roster)
usable, problems = documents_view.stored_elections(plan)
documents_view.election_warnings(problems)
elections = documents_view.elections_key(usable)
st.caption(f"已读取 {len(usable)} 份选举记录（来自“换届选举”页）。换届、补选的请示和结果请示会用到它们。")

digest = state.roster_digest()
plan_json = documents_view.plan_key(plan)
labels = documents_view.org_labels(plan)
due = documents_view.due_documents(digest, roster, plan_json, ctx, elections)
documents_view.due_summary(due, labels)
left, right = st.columns([3, 2])
chosen = left.multiselect(
    "党组织（可多选）",
    list(labels),
    default=documents_view.default_orgs(labels, due),
    format_func=labels.get,
    key="doc_orgs",
    placeholder=widgets.PICK,
)
code = right.selectbox(
    "文书类型",
    list(DOC_TYPES),
    index=documents_view.default_type(plan, roster, chosen, ctx, elections, due),
    format_func=documents_view.doc_type_label,
    key="doc_type",
)
documents_view.document_tabs(
    chosen,
    labels,
    code,
    digest=digest,
    roster=roster,
    plan_json=plan_json,
    ctx=ctx,
    elections=elections,
    phones=phones,
)

st.divider()
st.subheader("一键下载全部文书与台账")
st.caption(
    "全部党组织的请示、备案表、党员名册，每个学会的表1–表3，覆盖情况统计表和缺项清单，按党组织、学会分文件夹打包。"
)
documents_zip.zip_section(
    roster=roster,
    plan=plan,
    ctx=ctx,
    elections=elections,
    phones=phones,
)
