"""Widgets of the 换届选举 page, one function per step. Each takes the election draft
(:class:`model.election.draft.ElectionDraft`) and returns the next draft; the page saves it.
Ballot and tally arithmetic lives in the draft. Names are data: Markdown is escaped (``md``),
tables and text areas show plain text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.election import flow
from model.election.counting import ElectionResult, min_present
from model.election.direct import direct_outcome
from model.election.draft import BALLOTS, MARKS, TALLY, ElectionDraft, elected_all
from model.election.electorate import (
    Electorate,
    check_candidate_count,
    check_committee_size,
    check_scrutineers,
    committee_range,
)
from model.election.plenary import DUTIES, first_plenary, vacancy_check
from model.election.record import CHANGE
from model.election.simulate import risk_summary, simulate
from model.findings import InputError
from model.paperwork.ballot_paper import ballot_paper, read_ballot_setup, tally_sheet
from model.paperwork.document import DocContext, Document, to_docx
from model.paperwork.election_letters import by_election_result, change_result
from model.roster.values import FORMAL, Roster
from model.rules.policy import Policy
from ui.widgets import PICK, error_lines
from ui.widgets import md_text as md

NO_DEPUTY = "（不设）"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ENTRY_LABELS = {BALLOTS: "逐张录入选票", TALLY: "按候选人汇总票数"}


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
        seats = st.number_input("应选委员名额", 1, 11, int(draft.seats or normal), key=f"el_seats_{_suffix(draft)}")
        verdict(*check_committee_size(org.kind, int(seats)))
    else:
        size = st.number_input(
            "委员会组成人数", lo, hi, int(draft.committee_size or normal), key=f"el_size_{_suffix(draft)}"
        )
        seats = st.number_input(
            "补选名额（委员空缺数）", 1, hi, int(draft.seats or 1), key=f"el_seats_{_suffix(draft)}"
        )
        _, text = vacancy_check(org.kind, int(size), int(size) - int(seats))
        st.caption(md(text))
        reason = st.text_input(
            "委员空缺的原因（写入补选请示）", draft.reason or "工作变动", key=f"el_reason_{_suffix(draft)}"
        )
    mode = st.radio(
        "选举方式",
        ["差额", "等额"],
        index=["差额", "等额"].index(draft.mode),
        horizontal=True,
        key=f"el_mode_{_suffix(draft)}",
        help="委员选举实行差额；补选按青海指南模板7可等额",
    )
    options = draft.eligible_candidates()
    chosen = [c for c in draft.candidates if c in options]
    cands = st.multiselect(
        "候选人（须有被选举权）", options, default=chosen, key=f"el_cands_{_suffix(draft)}", placeholder=PICK
    )
    verdict(*check_candidate_count(int(seats), len(cands), mode))
    others = [v.name for v in draft.members if v.name not in cands]
    scr = st.multiselect(
        "监票人（从不是候选人的党员中推选）",
        others,
        default=[s for s in draft.scrutineers if s in others],
        key=f"el_scr_{_suffix(draft)}",
        placeholder=PICK,
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
    sec = c[0].selectbox("书记候选人（1名）", options, placeholder=PICK, key=f"el_sec_{key}", index=sec_index)
    deps = [NO_DEPUTY] + [o for o in options if o != sec]
    dep_index = deps.index(posts["副书记"]) if posts.get("副书记") in deps else 0
    dep = c[1].selectbox("副书记候选人（可不设，最多1名）", deps, key=f"el_dep_{key}", index=dep_index)
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
    )
    scrutineer_verdict(scr, draft.candidates)
    return draft.with_posts({"书记": sec or "", "副书记": deputy}, scrutineers=scr)


def direct_outcome_view(draft: ElectionDraft, rounds: list[ElectionResult]) -> ElectionDraft:
    """Who holds which post (书记 / 副书记) after the members' meeting; the draft gets the holders."""
    out = direct_outcome(dict(draft.posts), rounds)
    st.markdown("**书记、副书记当选情况**")
    rows = [{"职务": p, "候选人": n, "当选": out.holder(p) or "（空缺）", "得票": out.votes(p)} for p, n in out.posts]
    st.dataframe(rows, hide_index=True)
    st.text("\n".join(out.messages))
    return draft.with_officers(rounds)


def letter_view(letter: Document, label: str) -> None:
    """The 请示 as the documents page renders it: warnings, the text, the blanks, .txt and Word downloads."""
    for w in letter.warnings:
        st.warning(md(w), icon=":material/warning:")
    st.session_state["el_letter"] = letter.text()  # the preview is always the text of the download
    st.text_area(label, height=360, key="el_letter", disabled=True)
    if letter.missing:
        st.caption("以下内容尚未填写，文本中以“＿＿＿”标出：" + "、".join(m.field for m in letter.missing))
    c = st.columns(2)
    c[0].download_button(
        "下载请示文本（.txt）",
        letter.text().encode("utf-8"),
        file_name="选举结果的请示.txt",
        mime="text/plain",
        key="el_dl",
        icon=":material/download:",
    )
    word_download(c[1], "下载请示（Word）", letter, "选举结果的请示.docx", "el_dl_docx")


def word_download(place, label: str, document: Document, file_name: str, key: str) -> None:
    """A Word download of a document, rendered by the same function as every other download."""
    place.download_button(
        label, to_docx(document), file_name=file_name, mime=DOCX_MIME, key=key, icon=":material/description:"
    )


def previous_election(draft: ElectionDraft) -> ElectionDraft:
    """The date of the previous election (the 换届/补选 请示 states it), starting from the saved one."""
    day = st.date_input(
        "上届选举日期（写入请示）", value=draft.previous_date(), key=f"el_prev_{_suffix(draft)}", format="YYYY-MM-DD"
    )
    return draft.with_previous(day)


def meeting_date(draft: ElectionDraft) -> ElectionDraft:
    """The members' meeting date, starting from the saved one."""
    day = st.date_input("党员大会日期", value=draft.meeting_date(), key="el_date", format="YYYY-MM-DD")
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


@st.cache_data(show_spinner="正在模拟…", max_entries=32)
def cached_simulation(seats: int, cands: tuple, attendance, expected: int, support: tuple, runs: int, seed: int):
    return simulate(seats, list(cands), attendance, expected=expected, support=list(support), runs=runs, seed=seed)


HOW = ["统一到会率", "逐人到会概率"]


def attendance_input(e: Electorate, saved: dict) -> tuple[object, dict]:
    """A single turnout, or one probability per voter (each starting from the saved settings)."""
    how = st.radio("到会概率", HOW, index=HOW.index(saved.get("how", HOW[0])), horizontal=True, key="el_sim_how")
    if how == HOW[0]:
        turnout = st.slider("预计到会率", 0.5, 1.0, float(saved.get("turnout", 0.9)), 0.01, key="el_sim_turnout")
        return turnout, {"how": how, "turnout": turnout}
    given = saved.get("attendance") or {}
    names = list(e.names())
    probs = st.data_editor(
        pd.DataFrame({"姓名": names, "到会概率": [float(given.get(n, 0.9)) for n in names]}),
        key="el_sim_probs_" + "|".join(names),
        hide_index=True,
        disabled=["姓名"],
    )
    values = tuple(float(p) for p in probs["到会概率"].clip(0, 1))
    return values, {"how": how, "attendance": dict(zip(names, values))}


def simulate_step(draft: ElectionDraft, saved: dict) -> dict:
    """Before the meeting: how likely the election is to fail, and why. Returns the settings to keep."""
    st.subheader("第二步（会前）　模拟：选举失败的可能性有多大、原因在哪里")
    e = draft.electorate()
    cands = list(draft.candidates)
    if not cands or not e.due:
        st.info("请先在第一步确定选举人和候选人。")
        return saved
    attendance, settings = attendance_input(e, saved)
    given = saved.get("support") or {}
    sup = st.data_editor(
        pd.DataFrame({"候选人": cands, "支持率": [float(given.get(c, 0.7)) for c in cands]}),
        key="el_sim_support_" + "|".join(cands),
        hide_index=True,
        disabled=["候选人"],
    )
    st.caption("支持率：到会党员对该候选人投赞成票的概率；同一人支持的候选人多于名额时，只保留最支持的几位。")
    c = st.columns(2)
    runs = c[0].select_slider(
        "模拟次数", [1_000, 10_000, 100_000], value=int(saved.get("runs", 10_000)), key="el_sim_runs"
    )
    seed = c[1].number_input(
        "随机种子（相同种子得到相同结果）", 0, 2**31 - 1, int(saved.get("seed", 2024)), key="el_sim_seed"
    )
    support = tuple(float(x) for x in sup["支持率"].clip(0, 1))
    settings.update(support=dict(zip(cands, support)), runs=int(runs), seed=int(seed))
    r = cached_simulation(draft.seats, tuple(cands), attendance, e.due, support, runs, int(seed))
    turnout = attendance if isinstance(attendance, float) else None
    st.success(md(risk_summary(r, turnout)), icon=":material/lightbulb:")
    with st.expander("详细数字（模拟次数、随机种子、各项概率）"):
        m = st.columns(5)
        m[0].metric("会议有效概率（精确）", f"{r.p_quorum_exact:.1%}")
        m[1].metric("会议有效概率（模拟）", f"{r.p_quorum:.1%}")
        m[2].metric("需再次投票概率", f"{r.p_revote:.1%}")
        m[3].metric("出现缺额概率", f"{r.p_unfilled:.1%}")
        m[4].metric("到会率达到多少才有95%把握", f"{r.turnout_95:.1%}")
        st.caption(f"共模拟{r.runs}次，随机种子{r.seed}；会议有效须到会超过应到会{e.due}人的五分之四。")
    st.caption("各候选人当选的概率（横轴：概率）")
    st.bar_chart(pd.DataFrame({"当选概率": r.p_elected}, index=cands), horizontal=True)
    st.caption("各候选人得票分布（横轴票数，纵轴占模拟次数的比例）")
    st.line_chart(pd.DataFrame(r.vote_dist.T, columns=cands))
    return settings


def ballot_form(draft: ElectionDraft) -> ElectionDraft:
    """One ballot at a time, as it was marked; the last one can be taken back."""
    with st.form("el_ballot", clear_on_submit=True):
        st.caption("按选票如实录入：未标记的候选人视为未选；只有投了不赞成票的才可以另选他人。")
        post = draft.post_of()
        marks = {}
        for i, c in enumerate(draft.candidates):
            label = f"{post[c]}候选人　{c}" if c in post else c
            marks[c] = st.segmented_control(md(label), list(MARKS), key=f"el_mark_{i}")
        write = st.text_input("另选他人（多人用逗号分隔）", key="el_write")
        if st.form_submit_button("录入这张选票", type="primary"):
            draft = draft.cast_ballot(marks, write)
    if draft.ballots and st.button("撤销上一张选票", key="el_undo"):
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
    )
    st.caption("另选他人的得票可在表格末行添加。")
    c = st.columns(2)
    returned = c[0].number_input("收回选票张数", 0, 10_000, draft.ballots_returned, key="el_ret")
    invalid = c[1].number_input("其中无效票张数", 0, 10_000, draft.invalid_ballots, key="el_inv")
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
    entry = st.radio("录入方式", labels, horizontal=True, index=int(draft.entry == TALLY), key="el_entry")
    how = TALLY if entry == ENTRY_LABELS[TALLY] else BALLOTS
    issued = st.number_input("发出选票张数", 0, 10_000, draft.issued(), key="el_issued")
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
    if label and st.button(label, type="primary", key="el_next"):
        return draft.advance(r)
    return draft


def plenary_inputs(draft: ElectionDraft, elected: list[str]) -> ElectionDraft:
    """The first plenary of a new committee: attendance, 书记/副书记 and their votes, the division of work
    (each field starts from what was saved)."""
    k = len(elected)
    c = st.columns(3)
    present = c[0].number_input("全体会议实到委员", 0, k, min(draft.plenary_present or k, k), key="el_pl_present")
    sec_index = elected.index(draft.secretary) if draft.secretary in elected else 0
    sec = c[1].selectbox("书记候选人", elected, index=sec_index, key="el_pl_sec")
    deps = [NO_DEPUTY] + [n for n in elected if n != sec]
    dep_index = deps.index(draft.deputy) if draft.deputy in deps else 0
    dep = c[2].selectbox("副书记候选人（可不设）", deps, index=dep_index, key="el_pl_dep")
    v = st.columns(2)
    posts = {"书记": sec}
    sec_votes = min(draft.secretary_votes if draft.secretary_votes is not None else int(present), k)
    yes = {"书记": int(v[0].number_input("书记得票", 0, k, sec_votes, key="el_pl_sy"))}
    if dep != NO_DEPUTY:
        posts["副书记"] = dep
        dep_votes = min(draft.deputy_votes if draft.deputy_votes is not None else int(present), k)
        yes["副书记"] = int(v[1].number_input("副书记得票", 0, k, dep_votes, key="el_pl_dy"))
    rest = [n for n in elected if n not in posts.values()]
    saved = {name: duty for duty, name in draft.division}
    duties = {}
    for i, n in enumerate(rest):
        default = DUTIES.index(saved[n]) if saved.get(n) in DUTIES else min(i, len(DUTIES) - 1)
        duties[n] = st.selectbox(f"{md(n)} 的分工", DUTIES, index=default, key=f"el_duty_{i}")
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
    present = st.number_input("补选后委员会第一次全体会议实到委员", 0, size, start, key="el_pl_present")
    saved = {name: duty for duty, name in draft.division}
    duties = {}
    for i, n in enumerate(elected):
        default = DUTIES.index(saved[n]) if saved.get(n) in DUTIES else min(i, len(DUTIES) - 1)
        duties[st.selectbox(f"{md(n)} 的分工", DUTIES, index=default, key=f"el_duty_{i}")] = n
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
