"""The documents page's previews (app_pages/documents.py): cached fillers, letter options, one tab per organization.

Documents are cached on cheap inputs: the roster digest, the plan's JSON, the options (a
small dict), the usable elections' JSON, the document type and the organization.
The letter options (主送机关, 理事会会议, …) are kept in the workspace under
``("settings", "doc_context")`` the moment one changes, so a page switch, a refresh or the
workspace export keeps them; a 成文日期 left at today is stored as “today”, not as a date.
"""

from __future__ import annotations

import json
from datetime import date

import streamlit as st

from model.findings import InputError
from model.paperwork.bundle import DOC_TYPES, build_document, file_bytes, org_codes, stale_units
from model.paperwork.document import DocContext, Document
from model.paperwork.election_letters import parse_record
from model.paperwork.election_match import match_elections, records_for, usable_elections
from model.paperwork.founding import org_display_name
from model.planning.plan import Plan
from model.roster.values import Roster
from ui import auth, plan_status, state, widgets

__all__ = [
    "DOCX_MIME",
    "CONTEXT",
    "one_document",
    "records",
    "context",
    "options",
    "saved_options",
    "context_form",
    "DUE",
    "due_documents",
    "default_orgs",
    "default_type",
    "due_summary",
    "issued_caption",
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


CONTEXT = ("settings", "doc_context")  # the letter options, kept in the workspace
_WIDGETS = {
    "addressee": "doc_addressee",
    "superior": "doc_superior",
    "issued": "doc_issued",
    "council_meeting": "doc_meeting",
}
SUPERIOR = "上级党组织"


def records(elections_json: str) -> tuple:
    """The election records of :func:`elections_key`'s JSON."""
    return tuple(parse_record(d, source=k) for k, d in json.loads(elections_json).items())


def context(d: dict) -> DocContext:
    """The DocContext of the options dict (:func:`options`)."""
    return DocContext(
        addressee=d["addressee"] or None,
        superior=d["superior"] or "上级党组织",
        issued=date.fromisoformat(d["issued"]) if d["issued"] else None,
        council_meeting=d["council_meeting"] or None,
    )


@st.cache_data(show_spinner="正在填写文书…", max_entries=64)
def one_document(
    digest: str, _roster: Roster, plan_json: str, ctx: dict, elections_json: str, code: str, org_id: str, phones: bool
):
    plan = Plan.from_dict(json.loads(plan_json))
    org = next(o for o in plan.organizations if o.id == org_id)
    item = build_document(
        code, org, _roster, plan, context(ctx), records_for(plan, org, records(elections_json)), phones
    )
    return item, file_bytes(item)


def options(addressee: str, superior: str, issued: date | None, council_meeting: str) -> dict:
    """The letter options as the small dict the fillers are cached on (a cleared date is today)."""
    return {
        "addressee": addressee,
        "superior": superior,
        "issued": (issued or date.today()).isoformat(),
        "council_meeting": council_meeting,
    }


def saved_options() -> dict:
    """The letter options kept in the workspace, as the form shows them (defaults for what is not kept)."""
    saved = state.get(*CONTEXT) or {}
    issued = saved.get("issued")
    return {
        "addressee": str(saved.get("addressee") or ""),
        "superior": str(saved.get("superior") or SUPERIOR),
        "issued": date.fromisoformat(issued) if isinstance(issued, str) and issued else None,
        "council_meeting": str(saved.get("council_meeting") or ""),
    }


def _keep(field: str) -> None:
    """on_change of one option: store it at once, the others as stored (two tabs do not undo each other)."""
    value = st.session_state[_WIDGETS[field]]
    if field == "issued":
        value = value.isoformat() if isinstance(value, date) and value != date.today() else None
    state.put(*CONTEXT, {**(state.get(*CONTEXT) or {}), field: value})


def context_form() -> dict:
    """The 主送机关, 上级党组织, 成文日期 and 理事会会议 inputs, filled from the workspace; the options dict."""
    saved = saved_options()
    addressee = st.text_input(
        "主送机关（上级党组织全称）",
        value=saved["addressee"],
        key=_WIDGETS["addressee"],
        placeholder="如：中国共产党××省科技社团委员会",
        on_change=_keep,
        args=("addressee",),
        disabled=auth.read_only(),
    )
    superior = st.text_input(
        "上级党组织简称（备案表“…意见”一栏）",
        value=saved["superior"],
        key=_WIDGETS["superior"],
        on_change=_keep,
        args=("superior",),
        disabled=auth.read_only(),
    )
    issued = st.date_input(
        "成文日期",
        value=saved["issued"] or date.today(),
        key=_WIDGETS["issued"],
        on_change=_keep,
        args=("issued",),
        help="保存后下次打开仍用这个日期；选回今天则每次都用当天的日期。",
        disabled=auth.read_only(),
    )
    meeting = st.text_input(
        "理事会会议（时间与届次，用于模板1）",
        value=saved["council_meeting"],
        key=_WIDGETS["council_meeting"],
        placeholder="如：2024年3月5日经第五届理事会第三次会议",
        on_change=_keep,
        args=("council_meeting",),
        disabled=auth.read_only(),
    )
    return options(addressee, superior, issued, meeting)


def issued_caption(ctx: dict) -> None:
    """A reminder under the options when the 成文日期 is not today (it is kept from an earlier visit)."""
    if ctx["issued"] != date.today().isoformat():
        day = date.fromisoformat(ctx["issued"])
        st.caption(f"成文日期：{day.year}年{day.month}月{day.day}日（不是今天，可在上方选项中修改）。")


# The documents an organization has to act on, most pressing first: results to report, requests
# before a meeting, then the founding request (模板3 and the forms go with them).
DUE = ("模板6", "模板9", "模板4", "模板7", "模板1")
DUE_WHY = {
    "模板6": "换届选举已完成，报送结果",
    "模板9": "补选已完成，报送结果",
    "模板4": "换届（任期将满或已有换届记录）",
    "模板7": "补选",
    "模板1": "新建或调整党组织",
}


@st.cache_data(show_spinner=False, max_entries=16)
def due_documents(digest: str, _roster: Roster, plan_json: str, ctx: dict, elections_json: str) -> dict:
    """Organization id -> the documents it has to act on (codes in :data:`DUE` order); only those with any."""
    plan = Plan.from_dict(json.loads(plan_json))
    by_org = match_elections(plan, records(elections_json))
    context_ = context(ctx)
    out = {}
    for org in plan.organizations:
        codes = set(org_codes(org, _roster, plan, context_, by_org.get(org.id, ())))
        due = tuple(c for c in DUE if c in codes)
        if due:
            out[org.id] = due
    return out


def default_orgs(labels: dict[str, str], due: dict[str, tuple[str, ...]]) -> list[str]:
    """The organization the page opens on: the first with the most pressing due document (else the first).

    >>> default_orgs({"S1": "S1 甲", "S2": "S2 乙", "S3": "S3 丙"}, {"S2": ("模板1",), "S3": ("模板6",)})
    ['S3']
    """
    if due:
        order = {org_id: n for n, org_id in enumerate(labels)}
        return [min(due, key=lambda i: (DUE.index(due[i][0]), order.get(i, len(order))))]
    return list(labels)[:1]


def default_type(
    plan: Plan, roster: Roster, org_ids: list[str], ctx: dict, elections_json: str, due: dict | None = None
) -> int:
    """Index in DOC_TYPES of the document the page opens on for the first chosen organization: its most
    pressing due document, else the first it needs (模板3 for one the plan keeps; the first type when
    none is chosen)."""
    org = next((o for o in plan.organizations if org_ids and o.id == org_ids[0]), None)
    if org is None:
        return 0
    if due and org.id in due:
        return list(DOC_TYPES).index(due[org.id][0])
    needed = org_codes(org, roster, plan, context(ctx), records_for(plan, org, records(elections_json)))
    return list(DOC_TYPES).index(needed[0])


def due_summary(due: dict[str, tuple[str, ...]], labels: dict[str, str]) -> None:
    """What is due, counted by reason, and the list of organizations in an expander."""
    if not due:
        st.caption(
            "当前没有需要报送的请示（没有新建或调整的党组织、任期将满的委员会或选举记录）；可下载党员名册等台账。"
        )
        return
    counts = {c: sum(1 for codes in due.values() if c in codes) for c in DUE}
    parts = "，".join(f"{DUE_WHY[c]} {n} 个" for c, n in counts.items() if n)
    st.info(f"需要办理文书的党组织共 {len(due)} 个：{parts}。本页先打开最紧要的一份。", icon=":material/assignment:")
    with st.expander(f"待办文书清单（{len(due)} 个党组织）", expanded=False):
        rows = [
            {"党组织": labels.get(i, i), "需办文书": "、".join(doc_type_label(c) for c in codes)}
            for i, codes in due.items()
        ]
        st.dataframe(rows, hide_index=True, width="stretch")


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
    """The stale-plan notice (ui/plan_status.py) or, when the plan is current, a warning when it names
    societies the roster no longer has (none: nothing)."""
    if plan_status.stale_notice(key="doc_stale"):
        return
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
    phones: bool,
) -> None:
    """One tab per chosen organization with the preview of document ``code`` (no organization: no tabs)."""
    if not chosen:
        return
    tabs = st.tabs([widgets.md_text(labels[i]) for i in chosen])
    for org_id, tab in zip(chosen, tabs):
        with tab:
            document_preview(org_id, code, digest, roster, plan_json, ctx, elections, phones)


def document_preview(
    org_id: str, code: str, digest: str, roster: Roster, plan_json: str, ctx: dict, elections: str, phones: bool
) -> None:
    """The filled document (text, or the register sheets), what it misses, and its download."""
    try:
        item, (name, data) = one_document(digest, roster, plan_json, ctx, elections, code, org_id, phones)
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
