"""The documents page's previews (app_pages/documents.py): cached fillers, letter options, one tab per organization.

Documents are cached on cheap inputs: the roster digest, the plan's JSON, the options (a
small dict), the usable elections' JSON, the document type and the organization.
"""

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

__all__ = [
    "DOCX_MIME",
    "one_document",
    "all_documents",
    "options",
    "doc_type_label",
    "org_labels",
    "plan_key",
    "stale_warning",
    "stored_elections",
    "election_warnings",
    "elections_key",
    "document_tabs",
    "document_preview",
]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _records(elections_json: str) -> tuple:
    return tuple(parse_record(d, source=k) for k, d in json.loads(elections_json).items())


def _ctx(d: dict) -> DocContext:
    return DocContext(
        addressee=d["addressee"] or None,
        superior=d["superior"] or "上级党组织",
        issued=date.fromisoformat(d["issued"]) if d["issued"] else None,
        council_meeting=d["council_meeting"] or None,
    )


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


def options(addressee: str, superior: str, issued: date | None, council_meeting: str) -> dict:
    """The letter options as the small dict the fillers are cached on (a cleared date is today)."""
    return {
        "addressee": addressee,
        "superior": superior,
        "issued": (issued or date.today()).isoformat(),
        "council_meeting": council_meeting,
    }


def doc_type_label(code: str) -> str:
    """模板1 关于成立…的请示: the code and its title."""
    return f"{code} {DOC_TYPES[code]}"


def org_labels(plan: Plan) -> dict[str, str]:
    """Organization id -> “id name”, in plan order."""
    return {o.id: f"{o.id} {org_display_name(o)}" for o in plan.organizations}


def plan_key(plan: Plan) -> str:
    """The plan as JSON with sorted keys: the fillers' cache key."""
    return json.dumps(plan.to_dict(), ensure_ascii=False, sort_keys=True)


def stale_warning(plan: Plan, roster: Roster) -> None:
    """A warning when the plan names societies the roster no longer has (none: nothing)."""
    stale = stale_units(plan, roster)
    if stale:
        st.warning(
            widgets.md_text(
                f"方案中有{len(stale)}家学会不在当前名册中（如“{stale[0]}”），相关文书会缺项。"
                "名册改动后请到“联合党支部规划”页重新规划。"
            ),
            icon=":material/warning:",
        )


def stored_elections(plan: Plan) -> tuple[dict[str, dict], tuple[str, ...]]:
    """The workspace's election records that belong to the plan, and why the others are left out."""
    stored = {k: state.get("election", k) for k in state.keys("election")}
    return usable_elections(plan, stored)


def election_warnings(problems: tuple[str, ...]) -> None:
    """One warning per election record left out."""
    for line in problems:
        st.warning(widgets.md_text(line), icon=":material/warning:")


def elections_key(usable: dict[str, dict]) -> str:
    """The usable election records as JSON with sorted keys: the fillers' cache key."""
    return json.dumps(usable, ensure_ascii=False, sort_keys=True)


def document_tabs(
    chosen: list[str],
    labels: dict[str, str],
    code: str,
    *,
    digest: str,
    roster: Roster,
    plan_json: str,
    ctx: dict,
    elections: str,
    personal: bool,
) -> None:
    """One tab per chosen organization with the preview of document ``code`` (no organization: no tabs)."""
    if not chosen:
        return
    tabs = st.tabs([widgets.md_text(labels[i]) for i in chosen])
    for org_id, tab in zip(chosen, tabs):
        with tab:
            document_preview(org_id, code, digest, roster, plan_json, ctx, elections, personal)


def document_preview(
    org_id: str, code: str, digest: str, roster: Roster, plan_json: str, ctx: dict, elections: str, personal: bool
) -> None:
    """The filled document (text, or the register sheets), what it misses, and its download."""
    try:
        item, (name, data) = one_document(digest, roster, plan_json, ctx, elections, code, org_id, personal)
    except InputError as exc:
        st.error(widgets.md_text("无法生成：" + "；".join(f.message for f in exc.findings)))
        return
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
