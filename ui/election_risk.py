"""Step 2a of the 换届选举 page: before the meeting, how likely the election is to fail, in one sentence first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.election.draft import ElectionDraft
from model.election.electorate import (
    Electorate,
)
from model.election.simulate import risk_summary, simulate
from ui.widgets import md_text as md


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
