"""文书与台账: the 请示, 备案表 and registers filled from the roster, the current plan and the elections."""

from __future__ import annotations

import json
from datetime import date

import streamlit as st

from model.findings import InputError
from model.paperwork.bundle import (
    DOC_TYPES,
    build_bundle,
    build_document,
    file_bytes,
    records_for,
    stale_units,
    to_zip,
    usable_elections,
)
from model.paperwork.document import DocContext, Document
from model.paperwork.election_letters import parse_record
from model.paperwork.founding import org_display_name
from model.planning.plan import Plan
from model.roster.values import Roster
from ui import state, widgets

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _records(elections_json: str) -> tuple:
    return tuple(parse_record(d, source=k) for k, d in json.loads(elections_json).items())


@st.cache_data(show_spinner="正在填写文书…", max_entries=64)
def one_document(
    digest: str, _roster: Roster, plan_json: str, ctx: dict, elections_json: str, code: str, org_id: str, personal: bool
):
    plan = Plan.from_dict(json.loads(plan_json))
    org = next(o for o in plan.organizations if o.id == org_id)
    item = build_document(
        code, org, _roster, plan, _ctx(ctx), records_for(plan, org, _records(elections_json)), personal
    )
    return item, file_bytes(item)


@st.cache_data(show_spinner="正在生成全部文书…", max_entries=8)
def all_documents(
    digest: str, _roster: Roster, plan_json: str, ctx: dict, elections_json: str, personal: bool
) -> bytes:
    plan = Plan.from_dict(json.loads(plan_json))
    return to_zip(build_bundle(_roster, plan, _ctx(ctx), _records(elections_json), personal))


def _ctx(d: dict) -> DocContext:
    return DocContext(
        addressee=d["addressee"] or None,
        superior=d["superior"] or "上级党组织",
        issued=date.fromisoformat(d["issued"]) if d["issued"] else None,
        council_meeting=d["council_meeting"] or None,
    )


st.title("文书与台账")
st.caption(
    "按当前规划方案和选举结果，自动填写成立党组织、换届选举、补选的请示和备案表（青海指南模板1–9），"
    "以及党员名册、学会党建信息表等台账（吉林表1–表3）。名册中没有的信息在文书里留作“＿＿＿”，"
    "并在“缺少的信息”中逐项列出，补齐名册后重新生成即可。"
)

roster, plan = state.roster(), state.current_plan()
widgets.require_valid_roster(roster)
if plan is None or not plan.organizations:
    st.info("还没有规划方案。请先到“联合党支部规划”页生成并保存方案，再回到本页生成文书。", icon=":material/info:")
    st.page_link("app_pages/planner.py", label="前往联合党支部规划", icon=":material/hub:")
    st.stop()

with st.expander("主送机关、落款日期与台账选项", expanded=False):
    st.caption("这些信息印在每份请示上；不填的项会留空并列入缺项清单。")
    ctx = {
        "addressee": st.text_input(
            "主送机关（上级党组织全称）", key="doc_addressee", placeholder="如：中国共产党××省科技社团委员会"
        ),
        "superior": st.text_input("上级党组织简称（备案表“…意见”一栏）", value="上级党组织", key="doc_superior"),
        "issued": (st.date_input("成文日期", value=date.today(), key="doc_issued") or date.today()).isoformat(),
        "council_meeting": st.text_input(
            "理事会会议（时间与届次，用于模板1）",
            key="doc_meeting",
            placeholder="如：2024年3月5日经第五届理事会第三次会议",
        ),
    }
    personal = st.checkbox(
        "名册与表3中包含联系电话",
        value=True,
        key="doc_personal",
        help="上报备案用的台账按表样含联系电话；用于会议材料时请取消勾选。",
    )

stale = stale_units(plan, roster)
if stale:
    st.warning(
        widgets.md_text(
            f"方案中有{len(stale)}家学会不在当前名册中（如“{stale[0]}”），相关文书会缺项。"
            "名册改动后请到“联合党支部规划”页重新规划。"
        ),
        icon=":material/warning:",
    )
usable, problems = usable_elections(plan, {k: state.get("election", k) for k in state.keys("election")})
for line in problems:
    st.warning(widgets.md_text(line), icon=":material/warning:")
elections = json.dumps(usable, ensure_ascii=False, sort_keys=True)
st.caption(f"已读取 {len(usable)} 份选举记录（来自“换届选举”页）。换届、补选的请示和结果请示会用到它们。")

digest, plan_json = state.roster_digest(), json.dumps(plan.to_dict(), ensure_ascii=False, sort_keys=True)
labels = {o.id: f"{o.id} {org_display_name(o)}" for o in plan.organizations}
left, right = st.columns([3, 2])
chosen = left.multiselect(
    "党组织（可多选）",
    list(labels),
    default=list(labels)[:1],
    format_func=labels.get,
    key="doc_orgs",
    placeholder=widgets.PICK,
)
code = right.selectbox("文书类型", list(DOC_TYPES), format_func=lambda c: f"{c} {DOC_TYPES[c]}", key="doc_type")

tabs = st.tabs([widgets.md_text(labels[i]) for i in chosen]) if chosen else []
for org_id, tab in zip(chosen, tabs):
    with tab:
        try:
            item, (name, data) = one_document(digest, roster, plan_json, ctx, elections, code, org_id, personal)
        except InputError as exc:
            st.error(widgets.md_text("无法生成：" + "；".join(f.message for f in exc.findings)))
            continue
        for w in getattr(item, "warnings", ()):
            st.warning(widgets.md_text(w), icon=":material/warning:")
        if isinstance(item, Document):
            st.text(item.text())
        else:
            for sheet in item.sheets:
                st.caption(widgets.md_text(sheet.title))
                st.dataframe(widgets.sheet_rows(sheet.rows, sheet.header_rows), hide_index=True, width="stretch")
        st.markdown(f"**缺少的信息（{len(item.missing)} 项）**")
        if item.missing:
            st.dataframe([m.to_dict() for m in item.missing], hide_index=True, width="stretch")
        else:
            st.success("本文书所需信息齐全。")
        st.download_button(
            f"下载 {name}",
            data=data,
            file_name=f"{org_id}_{name}",
            key=f"doc_dl_{org_id}",
            mime=DOCX_MIME if name.endswith(".docx") else widgets.XLSX_MIME,
            icon=":material/download:",
        )

st.divider()
st.subheader("一键下载全部文书与台账")
st.caption(
    "全部党组织的请示、备案表、党员名册，每个学会的表1–表3，覆盖情况统计表和缺项清单，按党组织、学会分文件夹打包。"
)
st.download_button(
    "下载全部（zip）",
    type="primary",
    key="doc_zip",
    icon=":material/folder_zip:",
    data=lambda: all_documents(digest, roster, plan_json, ctx, elections, personal),
    file_name=f"文书与台账_{ctx['issued']}.zip",
    mime="application/zip",
)
