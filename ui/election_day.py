"""Steps 2b and 3 of the 换届选举 page: election day — papers, ballots or tallies, the result and the next round."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.election.counting import ElectionResult
from model.election.direct import direct_outcome
from model.election.draft import BALLOTS, MARKS, TALLY, ElectionDraft
from model.paperwork.ballot_paper import ballot_paper, read_ballot_setup, tally_sheet
from ui import auth
from ui.election_widgets import word_download
from ui.widgets import md_text as md

ENTRY_LABELS = {BALLOTS: "逐张录入选票", TALLY: "按候选人汇总票数"}


def ballot_form(draft: ElectionDraft) -> ElectionDraft:
    """One ballot at a time, as it was marked; the last one can be taken back."""
    with st.form("el_ballot", clear_on_submit=True):
        st.caption("按选票如实录入：未标记的候选人视为未选；只有投了不赞成票的才可以另选他人。")
        post = draft.post_of()
        marks = {}
        for i, c in enumerate(draft.candidates):
            label = f"{post[c]}候选人　{c}" if c in post else c
            marks[c] = st.segmented_control(md(label), list(MARKS), key=f"el_mark_{i}", disabled=auth.read_only())
        write = st.text_input("另选他人（多人用逗号分隔）", key="el_write", disabled=auth.read_only())
        if st.form_submit_button("录入这张选票", type="primary", disabled=auth.read_only()):
            draft = draft.cast_ballot(marks, write)
    if draft.ballots and st.button("撤销上一张选票", key="el_undo", disabled=auth.read_only()):
        draft = draft.undo_ballot()
    st.caption(f"已录入选票{draft.ballot_count}张")
    return draft


def tally_table(draft: ElectionDraft) -> ElectionDraft:
    """Totals per person (write-ins in extra rows), ballots returned and invalid."""
    names = draft.tally_names()
    given = dict(draft.tally)
    t = st.data_editor(
        pd.DataFrame({"姓名": names, "赞成票": [given.get(n, 0) for n in names]}),
        key="el_tally",
        num_rows="dynamic",
        hide_index=True,
        disabled=auth.read_only(),
    )
    st.caption("另选他人的得票可在表格末行添加。")
    c = st.columns(2)
    returned = c[0].number_input(
        "收回选票张数", 0, 10_000, draft.ballots_returned, key="el_ret", disabled=auth.read_only()
    )
    invalid = c[1].number_input(
        "其中无效票张数", 0, 10_000, draft.invalid_ballots, key="el_inv", disabled=auth.read_only()
    )
    return draft.with_tally(zip(t["姓名"], t["赞成票"]), int(returned), int(invalid))


def papers(draft: ElectionDraft) -> None:
    """The ballot (candidates in 姓氏笔画 order) and the tellers' tally sheet, as `python -m model ballot` writes them."""
    if not draft.candidates:
        return
    data = {**draft.round_input(), "organization": draft.organization, "posts": dict(draft.posts)}
    setup = read_ballot_setup(data, draft.organization)
    c = st.columns(2)
    word_download(c[0], "下载选票（Word，候选人按姓氏笔画为序）", ballot_paper(setup), "选票.docx", "el_dl_ballot")
    word_download(c[1], "下载计票单（Word）", tally_sheet(setup), "计票单.docx", "el_dl_tally")


def count_step(draft: ElectionDraft) -> ElectionDraft:
    """Election day: ballots one by one, or totals per candidate."""
    st.subheader(f"第二步（选举日）　计票：{draft.round}，应选{draft.seats}名")
    papers(draft)
    labels = list(ENTRY_LABELS.values())
    entry = st.radio(
        "录入方式", labels, horizontal=True, index=int(draft.entry == TALLY), key="el_entry", disabled=auth.read_only()
    )
    how = TALLY if entry == ENTRY_LABELS[TALLY] else BALLOTS
    issued = st.number_input("发出选票张数", 0, 10_000, draft.issued(), key="el_issued", disabled=auth.read_only())
    draft = draft.with_entry(how, int(issued))
    if how == BALLOTS:
        return ballot_form(draft)
    return tally_table(draft)


def show_result(r: ElectionResult) -> None:
    """Meeting, election, elected, unfilled; the votes; every message with its rule."""
    c = st.columns(4)
    c[0].metric("会议", "有效" if r.meeting_valid else "无效")
    c[1].metric("选举", "有效" if r.election_valid else "无效")
    c[2].metric("当选", len(r.elected))
    c[3].metric("缺额", r.unfilled)
    if r.votes:
        st.dataframe(vote_rows(r), hide_index=True)
    st.text("\n".join(r.messages))


def live_result(draft: ElectionDraft, r: ElectionResult) -> None:
    """The result as the votes come in; nothing is decided before any vote is entered."""
    if not draft.anything_cast:
        st.info("尚未录入选票，选举结果未定。录入选票（或汇总票数）后，这里即时显示得票和当选情况。")
        return
    show_result(r)


def vote_rows(r: ElectionResult) -> list[dict]:
    def outcome(name: str) -> str:
        if name in r.elected:
            return "当选"
        return "再次投票" if name in r.revote else "未当选"

    return [{"姓名": n, "得票": v, "结果": outcome(n)} for n, v in r.votes]


def next_round_label(r: ElectionResult) -> str | None:
    """The button that sets up the next round, when one is needed."""
    if r.revote:
        return "进行再次投票"
    if not r.election_valid:
        return "重新组织本轮选举"
    if r.unfilled:
        return "对缺额另行选举"
    return None


def result_step(draft: ElectionDraft, r: ElectionResult) -> ElectionDraft:
    """Step 3: the result with its reasons; the next round when one is needed."""
    st.subheader("第三步　结果：逐条列明依据")
    for h in draft.history:
        held = h.result()
        st.caption(f"此前一轮（{held.round_kind}）：当选 {'、'.join(held.elected) or '无'}")
    if not draft.anything_cast:
        live_result(draft, r)
        return draft
    show_result(r)
    label = next_round_label(r)
    if label and st.button(label, type="primary", key="el_next", disabled=auth.read_only()):
        return draft.advance(r)
    return draft


def direct_outcome_view(draft: ElectionDraft, rounds: list[ElectionResult]) -> ElectionDraft:
    """Who holds which post (书记 / 副书记) after the members' meeting; the draft gets the holders."""
    out = direct_outcome(dict(draft.posts), rounds)
    st.markdown("**书记、副书记当选情况**")
    rows = [{"职务": p, "候选人": n, "当选": out.holder(p) or "（空缺）", "得票": out.votes(p)} for p, n in out.posts]
    st.dataframe(rows, hide_index=True)
    st.text("\n".join(out.messages))
    return draft.with_officers(rounds)
