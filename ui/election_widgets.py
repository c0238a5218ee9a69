"""Widgets of the 换届选举 page, one function per step; each takes the stored election
document and returns it updated (the page saves it). Names are data: Markdown is escaped
(``md``), tables and text areas show plain text.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.election import flow
from model.election.counting import ElectionResult, min_present
from model.election.direct import direct_outcome
from model.election.electorate import (
    check_candidate_count,
    check_committee_size,
    check_scrutineers,
    committee_range,
    electorate_from_members,
)
from model.election.plenary import DUTIES, first_plenary, vacancy_check
from model.election.simulate import simulate
from model.findings import InputError
from model.paperwork.document import DocContext, to_docx
from model.paperwork.election_letters import change_result, parse_record
from model.paperwork.result_text import by_election_letter, result_fields, result_letter
from ui.widgets import PICK, error_lines
from ui.widgets import md_text as md

MARKS = {"赞成": "yes", "不赞成": "no", "弃权": "abstain"}
NO_DEPUTY = "（不设）"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def verdict(ok: bool, text: str) -> None:
    (st.success if ok else st.warning)(md(text), icon=":material/check_circle:" if ok else ":material/warning:")


def _electorate(doc: dict, rows: list[dict]):
    """The members table (editable) and the 应到/实到 figures; returns (members, electorate)."""
    st.caption(
        "表中每行一名党员。预备党员、留党察看期间和权利中止的党员没有选举权；"
        "请假理由属于规定情形（重病、出国半年以上等）的党员不计入应到会人数。"
    )
    edited = st.data_editor(
        pd.DataFrame(rows, columns=flow.VOTER_COLUMNS),
        key=f"el_voters_{doc['organization']}{doc['kind']}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "到会": st.column_config.CheckboxColumn("到会（预计/实际）"),
            "权利中止": st.column_config.CheckboxColumn("权利中止（留置、逮捕）"),
        },
    )
    members = flow.members_from_rows(edited.to_dict("records"))
    e = electorate_from_members(flow.voters_from_rows(edited.to_dict("records")))
    c = st.columns(4)
    c[0].metric("应到会有选举权党员", e.due)
    c[1].metric("实到会（预计）", e.present)
    c[2].metric("会议有效至少需到会", min_present(e.due))
    c[3].metric("正式党员", sum(m["status"] == "正式" for m in members))
    if e.excluded or e.excused:
        st.dataframe(
            [{"姓名": n, "不计入的原因": why} for n, why in e.excluded]
            + [{"姓名": n, "不计入的原因": f"请假：{why}（不计入应到会）"} for n, why in e.excused],
            hide_index=True,
        )
    for note in e.notes:
        st.info(md(note))
    return members, e


def setup_step(doc: dict, org: flow.OrgChoice, rows: list[dict], policy) -> dict:
    st.subheader("第一步　设置：选举人、名额、候选人、监票人")
    members, e = _electorate(doc, rows)
    lo, normal, hi = committee_range(org.kind)
    if doc["kind"] == "换届":
        fl = flow.flow_of(org, policy)
        st.caption(md(f"{fl.summary}。{fl.source}。"))
        seats = st.number_input(
            "应选委员名额", 1, 11, int(doc.get("seats") or normal), key=f"el_seats_{doc['organization']}{doc['kind']}"
        )
        verdict(*check_committee_size(org.kind, int(seats)))
    else:
        size = st.number_input(
            "委员会组成人数",
            lo,
            hi,
            int(doc.get("committee_size") or normal),
            key=f"el_size_{doc['organization']}{doc['kind']}",
        )
        seats = st.number_input(
            "补选名额（委员空缺数）",
            1,
            hi,
            int(doc.get("seats") or 1),
            key=f"el_seats_{doc['organization']}{doc['kind']}",
        )
        vac, text = vacancy_check(org.kind, int(size), int(size) - int(seats))
        st.caption(md(text))
        doc = {**doc, "committee_size": int(size)}
    mode = st.radio(
        "选举方式",
        ["差额", "等额"],
        index=["差额", "等额"].index(doc.get("mode", "差额")),
        horizontal=True,
        key=f"el_mode_{doc['organization']}{doc['kind']}",
        help="委员选举实行差额；补选按青海指南模板7可等额",
    )
    options = flow.eligible_candidates(members)
    chosen = [c for c in doc.get("candidates", []) if c in options]
    cands = st.multiselect(
        "候选人（须有被选举权）",
        options,
        default=chosen,
        key=f"el_cands_{doc['organization']}{doc['kind']}",
        placeholder=PICK,
    )
    verdict(*check_candidate_count(int(seats), len(cands), mode))
    others = [m["name"] for m in members if m["name"] not in cands]
    scr = st.multiselect(
        "监票人（从不是候选人的党员中推选）",
        others,
        default=[s for s in doc.get("scrutineers", []) if s in others],
        key=f"el_scr_{doc['organization']}{doc['kind']}",
        placeholder=PICK,
    )
    verdict(*check_scrutineers(scr, cands))
    return {
        **doc,
        "members": members,
        "seats": int(seats),
        "mode": mode,
        "candidates": cands,
        "scrutineers": scr,
        "min_seats": lo if doc["kind"] == "换届" else None,
        "members_due": e.members_due,
        "members_present": e.members_present,
    }


def direct_setup_step(doc: dict, org: flow.OrgChoice, rows: list[dict], fl) -> dict:
    """Step 1 of a branch without a committee: the members' meeting elects 书记 (and 副书记) 等额."""
    st.subheader("第一步　设置：选举人、书记（副书记）候选人、监票人")
    st.info(md(fl.summary), icon=":material/account_tree:")
    st.caption(
        md(
            f"正式党员{org.formal}名，不足{fl.threshold}名。{fl.source}。会议须有超过五分之四的应到会有选举权党员到会，"
            "候选人须得到超过实到会有选举权党员半数的赞成票才能当选。"
        )
    )
    members, e = _electorate(doc, rows)
    options = flow.eligible_candidates(members)
    posts, k = doc.get("posts") or {}, doc["organization"]
    c = st.columns(2)
    sec = c[0].selectbox(
        "书记候选人（1名）",
        options,
        placeholder=PICK,
        key=f"el_sec_{k}",
        index=options.index(posts["书记"]) if posts.get("书记") in options else None,
    )
    deps = [NO_DEPUTY] + [o for o in options if o != sec]
    dep = c[1].selectbox(
        "副书记候选人（可不设，最多1名）",
        deps,
        key=f"el_dep_{k}",
        index=deps.index(posts["副书记"]) if posts.get("副书记") in deps else 0,
    )
    doc = flow.with_posts(doc, {"书记": sec or "", "副书记": "" if dep == NO_DEPUTY else dep})
    if not sec:
        st.warning("请选定书记候选人。", icon=":material/warning:")
    verdict(*check_candidate_count(int(doc["seats"]), len(doc["candidates"]), "等额"))
    others = [m["name"] for m in members if m["name"] not in doc["candidates"]]
    scr = st.multiselect(
        "监票人（从不是候选人的党员中推选）",
        others,
        placeholder=PICK,
        key=f"el_scr_{k}",
        default=[x for x in doc.get("scrutineers", []) if x in others],
    )
    verdict(*check_scrutineers(scr, doc["candidates"]))
    return {
        **doc,
        "members": members,
        "scrutineers": scr,
        "min_seats": None,
        "members_due": e.members_due,
        "members_present": e.members_present,
    }


def direct_outcome_view(doc: dict, rounds: list[ElectionResult]) -> dict:
    """Who holds which post (书记 / 副书记) after the members' meeting; the document gets the holders."""
    out = direct_outcome(doc.get("posts") or {}, rounds)
    st.markdown("**书记、副书记当选情况**")
    st.dataframe(
        [{"职务": p, "候选人": n, "当选": out.holder(p) or "（空缺）", "得票": out.votes(p)} for p, n in out.posts],
        hide_index=True,
    )
    st.text("\n".join(out.messages))
    return {**doc, **flow.officer_fields(doc, rounds)}


def direct_letter_step(doc: dict, rounds: list[ElectionResult], org: flow.OrgChoice, roster, policy) -> dict:
    """Step 4 of a branch without a committee: no plenary; the 模板6 请示 names the elected 书记 (副书记)."""
    st.subheader("第四步　选举结果的请示（模板6）")
    st.caption("不设委员会，没有首次全体会议：党员大会选出的书记（副书记）直接报上级党组织批准。")
    date = st.date_input("党员大会日期", value=None, key="el_date")
    doc = {**doc, "date": date.isoformat() if date else None, **flow.officer_fields(doc, rounds)}
    try:
        letter = change_result(org.organization(), roster, parse_record(doc, doc["organization"]), DocContext(), policy)
    except InputError as exc:
        st.error("选举记录有误，暂不能生成请示：\n\n" + error_lines(exc.findings))
        return doc
    for w in letter.warnings:
        st.warning(md(w), icon=":material/warning:")
    st.text_area("请示文本（模板6）", letter.text(), height=360, key="el_letter")
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
    c[1].download_button(
        "下载请示（Word）",
        to_docx(letter),
        file_name="选举结果的请示.docx",
        mime=DOCX_MIME,
        key="el_dl_docx",
        icon=":material/description:",
    )
    return doc


@st.cache_data(show_spinner="正在模拟…", max_entries=32)
def cached_simulation(seats: int, cands: tuple, attendance, expected: int, support: tuple, runs: int, seed: int):
    return simulate(seats, list(cands), attendance, expected=expected, support=list(support), runs=runs, seed=seed)


def simulate_step(doc: dict) -> None:
    st.subheader("第二步（会前）　模拟：选举失败的可能性有多大、原因在哪里")
    e = electorate_from_members(flow.voters_from_rows(flow_rows(doc)))
    cands = doc.get("candidates", [])
    if not cands or not e.due:
        st.info("请先在第一步确定选举人和候选人。")
        return
    how = st.radio("到会概率", ["统一到会率", "逐人到会概率"], horizontal=True, key="el_sim_how")
    if how == "统一到会率":
        attendance = st.slider("预计到会率", 0.5, 1.0, 0.9, 0.01, key="el_sim_turnout")
    else:
        probs = st.data_editor(
            pd.DataFrame({"姓名": list(e.names()), "到会概率": 0.9}),
            key="el_sim_probs_" + "|".join(e.names()),
            hide_index=True,
            disabled=["姓名"],
        )
        attendance = tuple(float(p) for p in probs["到会概率"].clip(0, 1))
    sup = st.data_editor(
        pd.DataFrame({"候选人": cands, "支持率": 0.7}),
        key="el_sim_support_" + "|".join(cands),
        hide_index=True,
        disabled=["候选人"],
    )
    st.caption("支持率：到会党员对该候选人投赞成票的概率；同一人支持的候选人多于名额时，只保留最支持的几位。")
    c = st.columns(2)
    runs = c[0].select_slider("模拟次数", [1_000, 10_000, 100_000], value=10_000, key="el_sim_runs")
    seed = c[1].number_input("随机种子（相同种子得到相同结果）", 0, 2**31 - 1, 2024, key="el_sim_seed")
    r = cached_simulation(
        doc["seats"], tuple(cands), attendance, e.due, tuple(sup["支持率"].clip(0, 1)), runs, int(seed)
    )
    m = st.columns(5)
    m[0].metric("会议有效概率（精确）", f"{r.p_quorum_exact:.1%}")
    m[1].metric("会议有效概率（模拟）", f"{r.p_quorum:.1%}")
    m[2].metric("需再次投票概率", f"{r.p_revote:.1%}")
    m[3].metric("出现缺额概率", f"{r.p_unfilled:.1%}")
    m[4].metric("到会率达到多少才有95%把握", f"{r.turnout_95:.1%}")
    st.caption(f"共模拟{r.runs}次，随机种子{r.seed}；会议有效须到会超过应到会{e.due}人的五分之四。")
    st.caption("各候选人当选的概率（横轴：概率）")
    st.bar_chart(pd.DataFrame({"当选概率": r.p_elected}, index=list(cands)), horizontal=True)
    st.caption("各候选人得票分布（横轴票数，纵轴占模拟次数的比例）")
    st.line_chart(pd.DataFrame(r.vote_dist.T, columns=list(cands)))


def flow_rows(doc: dict) -> list[dict]:
    return [
        {
            "姓名": m["name"],
            "党员类别": m["status"],
            "党纪处分": m.get("discipline", ""),
            "权利中止": m.get("suspended", False),
            "到会": m["present"],
            "请假理由": m.get("excused", ""),
        }
        for m in doc.get("members", [])
    ]


def count_step(doc: dict) -> dict:
    st.subheader(f"第二步（选举日）　计票：{doc.get('round', '选举')}，应选{doc['seats']}名")
    entry = st.radio(
        "录入方式",
        ["逐张录入选票", "按候选人汇总票数"],
        horizontal=True,
        index=1 if doc.get("entry") == "tally" else 0,
        key="el_entry",
    )
    doc = {**doc, "entry": "tally" if entry.startswith("按") else "ballots"}
    issued = st.number_input(
        "发出选票张数", 0, 10_000, int(doc.get("ballots_issued") or count_present(doc)), key="el_issued"
    )
    doc["ballots_issued"] = int(issued)
    if doc["entry"] == "ballots":
        with st.form("el_ballot", clear_on_submit=True):
            st.caption("按选票如实录入：未标记的候选人视为未选；只有投了不赞成票的才可以另选他人。")
            post = {n: p for p, n in (doc.get("posts") or {}).items()}
            marks = {
                c: st.segmented_control(
                    md(f"{post[c]}候选人　{c}" if c in post else c), list(MARKS), key=f"el_mark_{i}"
                )
                for i, c in enumerate(doc["candidates"])
            }
            write = st.text_input("另选他人（多人用逗号分隔）", key="el_write")
            if st.form_submit_button("录入这张选票", type="primary"):
                b = {v: [c for c, m in marks.items() if m == k] for k, v in MARKS.items()}
                b["write_in"] = [w.strip() for w in write.replace("，", ",").split(",") if w.strip()]
                doc["ballots"] = list(doc.get("ballots", [])) + [b]
        st.caption(f"已录入选票{len(doc.get('ballots', []))}张")
        if doc.get("ballots") and st.button("撤销上一张选票", key="el_undo"):
            doc["ballots"] = doc["ballots"][:-1]
    else:
        names = list(doc["candidates"]) + [n for n in doc.get("tally", {}) if n not in doc["candidates"]]
        t = st.data_editor(
            pd.DataFrame({"姓名": names, "赞成票": [doc.get("tally", {}).get(n, 0) for n in names]}),
            key="el_tally",
            num_rows="dynamic",
            hide_index=True,
        )
        st.caption("另选他人的得票可在表格末行添加。")
        c = st.columns(2)
        doc["ballots_returned"] = int(
            c[0].number_input("收回选票张数", 0, 10_000, int(doc.get("ballots_returned") or 0), key="el_ret")
        )
        doc["invalid_ballots"] = int(
            c[1].number_input("其中无效票张数", 0, 10_000, int(doc.get("invalid_ballots") or 0), key="el_inv")
        )
        doc["tally"] = {str(n).strip(): int(v or 0) for n, v in zip(t["姓名"], t["赞成票"]) if str(n or "").strip()}
    return doc


def count_present(doc: dict) -> int:
    return electorate_from_members(flow.voters_from_rows(flow_rows(doc))).present


def show_result(r: ElectionResult) -> None:
    c = st.columns(4)
    c[0].metric("会议", "有效" if r.meeting_valid else "无效")
    c[1].metric("选举", "有效" if r.election_valid else "无效")
    c[2].metric("当选", len(r.elected))
    c[3].metric("缺额", r.unfilled)
    if r.votes:
        st.dataframe(
            [
                {
                    "姓名": n,
                    "得票": v,
                    "结果": "当选" if n in r.elected else ("再次投票" if n in r.revote else "未当选"),
                }
                for n, v in r.votes
            ],
            hide_index=True,
        )
    st.text("\n".join(r.messages))


def result_step(doc: dict, r: ElectionResult) -> dict:
    st.subheader("第三步　结果：逐条列明依据")
    for h in doc.get("history", []):
        st.caption(f"此前一轮（{h['spec'].get('round', '选举')}）：当选 {'、'.join(h['result']['elected']) or '无'}")
    show_result(r)
    if r.revote or r.unfilled or not r.election_valid:
        label = "进行再次投票" if r.revote else ("重新组织本轮选举" if not r.election_valid else "对缺额另行选举")
        if st.button(label, type="primary", key="el_next"):
            return flow.advance(doc, r)
    return doc


def plenary_step(doc: dict, rounds: list[ElectionResult]) -> dict:
    st.subheader("第四步　首次全体会议（书记、副书记等额选举）与请示文本")
    elected = flow.elected_all(rounds)
    kind = doc["kind"]
    date = st.date_input("党员大会日期", value=None, key="el_date")
    fields = {"date": date.isoformat() if date else None}
    pl = None
    if kind == "换届" and elected:
        c = st.columns(3)
        present = c[0].number_input("全体会议实到委员", 0, len(elected), len(elected), key="el_pl_present")
        sec = c[1].selectbox("书记候选人", elected, key="el_pl_sec")
        dep = c[2].selectbox("副书记候选人（可不设）", ["（不设）"] + [n for n in elected if n != sec], key="el_pl_dep")
        v = st.columns(2)
        yes = {"书记": int(v[0].number_input("书记得票", 0, len(elected), int(present), key="el_pl_sy"))}
        posts = {"书记": sec}
        if dep != "（不设）":
            posts["副书记"] = dep
            yes["副书记"] = int(v[1].number_input("副书记得票", 0, len(elected), int(present), key="el_pl_dy"))
        rest = [n for n in elected if n not in posts.values()]
        duties = {
            n: st.selectbox(f"{md(n)} 的分工", DUTIES, index=min(i, len(DUTIES) - 1), key=f"el_duty_{i}")
            for i, n in enumerate(rest)
        }
        try:
            pl = first_plenary(tuple(elected), int(present), posts, yes, duties)
            st.text("\n".join(pl.messages))
            fields.update(
                secretary=sec,
                secretary_votes=yes["书记"],
                plenary_present=int(present),
                deputy=posts.get("副书记"),
                deputy_votes=yes.get("副书记"),
                division={d: n for n, d in pl.duties},
            )
        except InputError as exc:
            st.error(error_lines(exc.findings))
    try:
        if kind == "换届":
            text = result_letter(rounds, doc["organization"], meeting_date=date, plenary=pl)
            missing = result_fields(rounds, doc["organization"], meeting_date=date, plenary=pl).missing()
        else:
            text = by_election_letter(rounds, doc["organization"], meeting_date=date)
            missing = []
        st.text_area("请示文本（模板6/模板9）", text, height=360, key="el_letter")
        if missing:
            st.caption("以下内容尚未填写，文本中以“×”标出：" + "、".join(missing))
        st.download_button(
            "下载请示文本（.txt）",
            text.encode("utf-8"),
            file_name="选举结果的请示.txt",
            mime="text/plain",
            key="el_dl",
            icon=":material/download:",
        )
    except InputError as exc:
        st.info(error_lines(exc.findings))
    return {**doc, **fields}
