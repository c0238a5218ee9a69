"""Step 4 of the 换届选举 page: the first plenary and the 请示 (the same renderer as the documents page)."""

from __future__ import annotations

import streamlit as st

from model.election import flow
from model.election.counting import ElectionResult
from model.election.draft import ElectionDraft, elected_all
from model.election.plenary import DUTIES, first_plenary
from model.election.record import CHANGE
from model.findings import InputError
from model.paperwork.document import DocContext, Document
from model.paperwork.election_letters import by_election_result, change_result
from model.roster.values import Roster
from model.rules.policy import Policy
from ui import auth
from ui.election_widgets import NO_DEPUTY, word_download
from ui.widgets import error_lines
from ui.widgets import md_text as md


def letter_view(letter: Document, label: str) -> None:
    """The 请示 as the documents page renders it: warnings, the text, the blanks, .txt and Word downloads."""
    for w in letter.warnings:
        st.warning(md(w), icon=":material/warning:")
    text = letter.text()
    st.session_state["el_letter"] = text  # the preview is always the text of the download
    st.text_area(label, height=360, key="el_letter", disabled=True)
    if letter.missing:
        st.caption("以下内容尚未填写，文本中以“＿＿＿”标出：" + "、".join(m.field for m in letter.missing))
    c = st.columns(2)
    c[0].download_button(
        "下载请示文本（.txt）",
        text.encode("utf-8"),
        file_name="选举结果的请示.txt",
        mime="text/plain",
        key="el_dl",
        icon=":material/download:",
    )
    word_download(c[1], "下载请示（Word）", letter, "选举结果的请示.docx", "el_dl_docx")


def meeting_date(draft: ElectionDraft) -> ElectionDraft:
    """The members' meeting date, starting from the saved one."""
    day = st.date_input(
        "党员大会日期", value=draft.meeting_date(), key="el_date", format="YYYY-MM-DD", disabled=auth.read_only()
    )
    return draft.with_meeting_date(day)


def direct_letter_step(
    draft: ElectionDraft, rounds: list[ElectionResult], org: flow.OrgChoice, roster: Roster, policy: Policy
) -> ElectionDraft:
    """Step 4 of a branch without a committee: no plenary; the 模板6 请示 names the elected 书记 (副书记)."""
    st.subheader("第四步　选举结果的请示（模板6）")
    st.caption("不设委员会，没有首次全体会议：党员大会选出的书记（副书记）直接报上级党组织批准。")
    draft = meeting_date(draft).with_officers(rounds)
    try:
        letter = change_result(org.organization(), roster, draft.record(), DocContext(), policy)
    except InputError as exc:
        st.error("选举记录有误，暂不能生成请示：\n\n" + error_lines(exc.findings))
        return draft
    letter_view(letter, "请示文本（模板6）")
    return draft


def plenary_inputs(draft: ElectionDraft, elected: list[str]) -> ElectionDraft:
    """The first plenary of a new committee: attendance, 书记/副书记 and their votes, the division of work
    (each field starts from what was saved)."""
    k = len(elected)
    c = st.columns(3)
    present = c[0].number_input(
        "全体会议实到委员", 0, k, min(draft.plenary_present or k, k), key="el_pl_present", disabled=auth.read_only()
    )
    sec_index = elected.index(draft.secretary) if draft.secretary in elected else 0
    sec = c[1].selectbox("书记候选人", elected, index=sec_index, key="el_pl_sec", disabled=auth.read_only())
    deps = [NO_DEPUTY] + [n for n in elected if n != sec]
    dep_index = deps.index(draft.deputy) if draft.deputy in deps else 0
    dep = c[2].selectbox("副书记候选人（可不设）", deps, index=dep_index, key="el_pl_dep", disabled=auth.read_only())
    v = st.columns(2)
    posts = {"书记": sec}
    sec_votes = min(draft.secretary_votes if draft.secretary_votes is not None else int(present), k)
    yes = {"书记": int(v[0].number_input("书记得票", 0, k, sec_votes, key="el_pl_sy", disabled=auth.read_only()))}
    if dep != NO_DEPUTY:
        posts["副书记"] = dep
        dep_votes = min(draft.deputy_votes if draft.deputy_votes is not None else int(present), k)
        yes["副书记"] = int(v[1].number_input("副书记得票", 0, k, dep_votes, key="el_pl_dy", disabled=auth.read_only()))
    rest = [n for n in elected if n not in posts.values()]
    saved = {name: duty for duty, name in draft.division}
    duties = {}
    for i, n in enumerate(rest):
        default = DUTIES.index(saved[n]) if saved.get(n) in DUTIES else min(i, len(DUTIES) - 1)
        duties[n] = st.selectbox(
            f"{md(n)} 的分工", DUTIES, index=default, key=f"el_duty_{i}", disabled=auth.read_only()
        )
    try:
        pl = first_plenary(tuple(elected), int(present), posts, yes, duties)
    except InputError as exc:
        st.error(error_lines(exc.findings))
        return draft
    st.text("\n".join(pl.messages))
    return draft.with_plenary(
        present=int(present),
        secretary=sec,
        secretary_votes=yes["书记"],
        deputy=posts.get("副书记"),
        deputy_votes=yes.get("副书记"),
        division={d: n for n, d in pl.duties},
    )


def by_election_plenary_inputs(draft: ElectionDraft, elected: list[str]) -> ElectionDraft:
    """The committee's meeting after a 补选: attendance and the new members' duties (from what was saved)."""
    size = draft.committee_size or len(elected)
    start = min(draft.plenary_present or size, size)
    present = st.number_input(
        "补选后委员会第一次全体会议实到委员", 0, size, start, key="el_pl_present", disabled=auth.read_only()
    )
    saved = {name: duty for duty, name in draft.division}
    duties = {}
    for i, n in enumerate(elected):
        default = DUTIES.index(saved[n]) if saved.get(n) in DUTIES else min(i, len(DUTIES) - 1)
        duties[
            st.selectbox(f"{md(n)} 的分工", DUTIES, index=default, key=f"el_duty_{i}", disabled=auth.read_only())
        ] = n
    return draft.with_plenary(present=int(present), division=duties)


def plenary_step(
    draft: ElectionDraft, rounds: list[ElectionResult], org: flow.OrgChoice, roster: Roster, policy: Policy
) -> ElectionDraft:
    """Step 4 of the committee flow: the first plenary, then 模板6 (换届) or 模板9 (补选) — the same
    renderer as the documents page."""
    st.subheader("第四步　首次全体会议（书记、副书记等额选举）与请示文本")
    elected = elected_all(rounds)
    draft = meeting_date(draft)
    if elected and draft.kind == CHANGE:
        draft = plenary_inputs(draft, elected)
    elif elected:
        draft = by_election_plenary_inputs(draft, elected)
    if not elected:
        st.info("还没有人当选，不能形成选举结果的请示。")
        return draft
    render = change_result if draft.kind == CHANGE else by_election_result
    try:
        letter = render(org.organization(), roster, draft.record(), DocContext(), policy)
    except InputError as exc:
        st.error("选举记录有误，暂不能生成请示：\n\n" + error_lines(exc.findings))
        return draft
    label = "请示文本（模板6 换届选举结果的请示）" if draft.kind == CHANGE else "请示文本（模板9 委员补选结果的请示）"
    letter_view(letter, label)
    return draft
