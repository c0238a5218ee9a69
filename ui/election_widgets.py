"""Widgets of the 换届选举 page shared by its steps, and step 1 (设置): the electorate, seats,
candidates and scrutineers. Each step takes the election draft
(:class:`model.election.draft.ElectionDraft`) and returns the next draft; the page saves it.
Names are data: Markdown is escaped (``md``), tables and text areas show plain text.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from model.election import flow
from model.election.counting import min_present
from model.election.draft import ElectionDraft
from model.election.electorate import (
    Electorate,
    check_candidate_count,
    check_committee_size,
    check_scrutineers,
    committee_range,
)
from model.election.plenary import vacancy_check
from model.election.record import CHANGE
from model.paperwork.document import Document
from model.paperwork.word import to_docx
from model.roster.values import FORMAL
from model.rules.policy import Policy
from ui import auth
from ui.widgets import PICK
from ui.widgets import md_text as md

NO_DEPUTY = "（不设）"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def verdict(ok: bool, text: str) -> None:
    """A rule's verdict: green when it holds, a warning when not."""
    if ok:
        st.success(md(text), icon=":material/check_circle:")
    else:
        st.warning(md(text), icon=":material/warning:")


def scrutineer_verdict(scrutineers: list[str], candidates) -> None:
    """Green only when scrutineers are chosen and none is a candidate; a reminder while none is chosen."""
    ok, text = check_scrutineers(scrutineers, candidates)
    if not scrutineers:
        st.info(md(text), icon=":material/info:")
        return
    verdict(ok, text)


def _suffix(draft: ElectionDraft) -> str:
    return f"{draft.organization}{draft.kind}"


def word_download(place, label: str, document: Document, file_name: str, key: str) -> None:
    """A Word download of a document, rendered by the same function as every other download — only when
    clicked, not on every rerun of the page."""
    place.download_button(
        label, partial(to_docx, document), file_name=file_name, mime=DOCX_MIME, key=key, icon=":material/description:"
    )


def electorate_editor(draft: ElectionDraft, rows: list[dict]) -> tuple[ElectionDraft, Electorate]:
    """The members table (editable) and the 应到/实到 figures; returns the draft with its members."""
    st.caption(
        "表中每行一名党员。预备党员、留党察看期间和权利中止的党员没有选举权；"
        "请假理由属于规定情形（重病、出国半年以上等）的党员不计入应到会人数。"
    )
    edited = st.data_editor(
        pd.DataFrame(rows, columns=flow.VOTER_COLUMNS),
        key=f"el_voters_{_suffix(draft)}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "到会": st.column_config.CheckboxColumn("到会（预计/实际）"),
            "权利中止": st.column_config.CheckboxColumn("权利中止（留置、逮捕）"),
        },
        disabled=auth.read_only(),
    )
    voters = flow.voters_from_rows(edited.to_dict("records"))
    draft = draft.with_members(voters)
    e = draft.electorate()
    c = st.columns(4)
    c[0].metric("应到会有选举权党员", e.due)
    c[1].metric("实到会（预计）", e.present)
    c[2].metric("会议有效至少需到会", min_present(e.due))
    c[3].metric("正式党员", sum(v.status == FORMAL for v in voters))
    if e.excluded or e.excused:
        st.dataframe(excluded_rows(e), hide_index=True)
    for note in e.notes:
        st.info(md(note))
    return draft, e


def excluded_rows(e: Electorate) -> list[dict]:
    rows = [{"姓名": n, "不计入的原因": why} for n, why in e.excluded]
    return rows + [{"姓名": n, "不计入的原因": f"请假：{why}（不计入应到会）"} for n, why in e.excused]


def previous_election(draft: ElectionDraft) -> ElectionDraft:
    """The date of the previous election (the 换届/补选 请示 states it), starting from the saved one."""
    day = st.date_input(
        "上届选举日期（写入请示）",
        value=draft.previous_date(),
        key=f"el_prev_{_suffix(draft)}",
        format="YYYY-MM-DD",
        disabled=auth.read_only(),
    )
    return draft.with_previous(day)


def setup_step(draft: ElectionDraft, org: flow.OrgChoice, rows: list[dict], policy: Policy) -> ElectionDraft:
    """Step 1 of the committee flow: electorate, seats, 差额/等额, candidates, scrutineers."""
    st.subheader("第一步　设置：选举人、名额、候选人、监票人")
    draft = previous_election(draft)
    draft, _ = electorate_editor(draft, rows)
    lo, normal, hi = committee_range(org.kind)
    size = None
    reason = None
    if draft.kind == CHANGE:
        fl = flow.flow_of(org, policy)
        st.caption(md(f"{fl.summary}。{fl.source}。"))
        seats = st.number_input(
            "应选委员名额",
            1,
            11,
            int(draft.seats or normal),
            key=f"el_seats_{_suffix(draft)}",
            disabled=auth.read_only(),
        )
        verdict(*check_committee_size(org.kind, int(seats)))
    else:
        size = st.number_input(
            "委员会组成人数",
            lo,
            hi,
            int(draft.committee_size or normal),
            key=f"el_size_{_suffix(draft)}",
            disabled=auth.read_only(),
        )
        seats = st.number_input(
            "补选名额（委员空缺数）",
            1,
            hi,
            int(draft.seats or 1),
            key=f"el_seats_{_suffix(draft)}",
            disabled=auth.read_only(),
        )
        _, text = vacancy_check(org.kind, int(size), int(size) - int(seats))
        st.caption(md(text))
        reason = st.text_input(
            "委员空缺的原因（写入补选请示）",
            draft.reason or "工作变动",
            key=f"el_reason_{_suffix(draft)}",
            disabled=auth.read_only(),
        )
    mode = st.radio(
        "选举方式",
        ["差额", "等额"],
        index=["差额", "等额"].index(draft.mode),
        horizontal=True,
        key=f"el_mode_{_suffix(draft)}",
        help="委员选举实行差额；补选按青海指南模板7可等额",
        disabled=auth.read_only(),
    )
    options = draft.eligible_candidates()
    chosen = [c for c in draft.candidates if c in options]
    cands = st.multiselect(
        "候选人（须有被选举权）",
        options,
        default=chosen,
        key=f"el_cands_{_suffix(draft)}",
        placeholder=PICK,
        disabled=auth.read_only(),
    )
    verdict(*check_candidate_count(int(seats), len(cands), mode))
    others = [v.name for v in draft.members if v.name not in cands]
    scr = st.multiselect(
        "监票人（从不是候选人的党员中推选）",
        others,
        default=[s for s in draft.scrutineers if s in others],
        key=f"el_scr_{_suffix(draft)}",
        placeholder=PICK,
        disabled=auth.read_only(),
    )
    scrutineer_verdict(scr, cands)
    return draft.with_setup(
        members=draft.members,
        seats=int(seats),
        mode=mode,
        candidates=cands,
        scrutineers=scr,
        committee_size=size,
        min_seats=lo if draft.kind == CHANGE else None,
        reason=reason,
    )


def direct_setup_step(draft: ElectionDraft, org: flow.OrgChoice, rows: list[dict], fl) -> ElectionDraft:
    """Step 1 of a branch without a committee: the members' meeting elects 书记 (and 副书记) 等额."""
    st.subheader("第一步　设置：选举人、书记（副书记）候选人、监票人")
    st.info(md(fl.summary), icon=":material/account_tree:")
    st.caption(
        md(
            f"正式党员{org.formal}名，不足{fl.threshold}名。{fl.source}。会议须有超过五分之四的应到会有选举权党员到会，"
            "候选人须得到超过实到会有选举权党员半数的赞成票才能当选。"
        )
    )
    draft = previous_election(draft)
    draft, _ = electorate_editor(draft, rows)
    options = draft.eligible_candidates()
    posts = dict(draft.posts)
    key = draft.organization
    c = st.columns(2)
    sec_index = options.index(posts["书记"]) if posts.get("书记") in options else None
    sec = c[0].selectbox(
        "书记候选人（1名）", options, placeholder=PICK, key=f"el_sec_{key}", index=sec_index, disabled=auth.read_only()
    )
    deps = [NO_DEPUTY] + [o for o in options if o != sec]
    dep_index = deps.index(posts["副书记"]) if posts.get("副书记") in deps else 0
    dep = c[1].selectbox(
        "副书记候选人（可不设，最多1名）", deps, key=f"el_dep_{key}", index=dep_index, disabled=auth.read_only()
    )
    deputy = "" if dep == NO_DEPUTY else dep
    draft = draft.with_posts({"书记": sec or "", "副书记": deputy}, scrutineers=draft.scrutineers)
    if not sec:
        st.warning("请选定书记候选人。", icon=":material/warning:")
    verdict(*check_candidate_count(draft.seats, len(draft.candidates), "等额"))
    others = [v.name for v in draft.members if v.name not in draft.candidates]
    scr = st.multiselect(
        "监票人（从不是候选人的党员中推选）",
        others,
        placeholder=PICK,
        key=f"el_scr_{key}",
        default=[x for x in draft.scrutineers if x in others],
        disabled=auth.read_only(),
    )
    scrutineer_verdict(scr, draft.candidates)
    return draft.with_posts({"书记": sec or "", "副书记": deputy}, scrutineers=scr)
