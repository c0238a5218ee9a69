"""换届选举: set-up → simulate (before) or count (election day) → result → first plenary and the 请示 text.

A branch without a committee (F < committee_min_formal) follows the direct flow instead: the members'
meeting elects 书记 (and optionally 副书记) 等额, and step 4 is the 请示 alone (no plenary).
"""

import streamlit as st

from model.election import flow
from model.findings import InputError
from ui import election_widgets as W
from ui import state, widgets

STEPS = ["1 设置", "2a 模拟（会前）", "2b 计票（选举日）", "3 结果", "4 首次全体会议与请示"]
DIRECT_STEPS = STEPS[:4] + ["4 选举结果的请示"]

st.title("换届选举")
st.caption(
    "按《中国共产党基层组织选举工作条例》组织换届选举和补选：先设置选举人和候选人，"
    "会前可模拟选举失败的风险，选举日录入选票即时计票，最后生成“选举结果的请示”文本。"
    "正式党员不足7名（可在设置中调整）的党支部——多数联合党支部——不设委员会，由党员大会直接选举书记（可设副书记1名）。"
    "每一项结论都注明依据；所有录入自动保存在当前工作区。"
)

roster, policy = state.roster(), state.policy()
widgets.require_valid_roster(roster)
orgs = flow.organizations(roster, state.current_plan(), policy)
if not orgs:
    st.info("名册中还没有需要单独建立党组织的学会，也没有已保存的规划方案。")
    st.stop()
by_label = {o.label: o for o in orgs}
c = st.columns([3, 1])
label = c[0].selectbox(
    "选择党组织", list(by_label), key="el_org", help="来自已保存的规划方案；没有方案时列出应单独建立党组织的学会"
)
org = by_label[label]
fl = flow.flow_of(org, policy)
if fl.committee:
    kind = c[1].radio("选举类型", ["换届", "补选"], horizontal=True, key="el_kind")
else:  # no committee: no 委员 to by-elect; a vacant 书记 is elected the same way
    kind = "换届"
    c[1].caption("不设委员会：书记、副书记由党员大会直接选举（出缺时也按本流程选举）")
key = f"{label}|{kind}"
stored = state.get("election", key)
doc = flow.adopt_flow(stored or flow.new_doc(label, org.kind, kind, fl.flow), fl.flow)

steps = STEPS if fl.committee else DIRECT_STEPS
step = st.segmented_control("步骤", steps, default=steps[0], key="el_step" if fl.committee else "el_dstep") or steps[0]
if step == steps[0]:
    rows = W.flow_rows(doc) if doc.get("members") else flow.voter_rows(roster, org.units, org.formal)
    doc = W.setup_step(doc, org, rows, policy) if fl.committee else W.direct_setup_step(doc, org, rows, fl)
elif step == STEPS[1]:
    W.simulate_step(doc)
else:
    if step == STEPS[2]:
        doc = W.count_step(doc)
    try:
        rounds = flow.results(doc)
    except InputError as exc:
        st.error("录入的数据有误，暂不能计票：\n\n" + widgets.error_lines(exc.findings))
        rounds = None
    if rounds is not None:
        doc["result"] = rounds[-1].to_dict()
        if step == STEPS[2]:
            st.divider()
            st.markdown("**即时结果**")
            W.show_result(rounds[-1])
        elif step == STEPS[3]:
            doc = W.result_step(doc, rounds[-1])
            if not fl.committee:
                doc = W.direct_outcome_view(doc, rounds)
        elif fl.committee:
            doc = W.plenary_step(doc, rounds)
        else:
            doc = W.direct_letter_step(doc, rounds, org, roster, policy)

if doc != stored:
    state.put("election", key, doc)
    if stored is not None and doc.get("history") != stored.get("history"):
        st.rerun()
