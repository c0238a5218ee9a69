"""换届选举: set-up → simulate (before) or count (election day) → result → first plenary and the 请示 text.

A branch without a committee (F < committee_min_formal) follows the direct flow instead: the members'
meeting elects 书记 (and optionally 副书记) 等额, and step 4 is the 请示 alone (no plenary).
"""

import streamlit as st

from ui import election_page, state, widgets

st.title("换届选举")
st.caption(
    "按《中国共产党基层组织选举工作条例》组织换届选举和补选：先设置选举人和候选人，"
    "会前可模拟选举失败的风险，选举日录入选票即时计票，最后生成“选举结果的请示”文本。"
    "正式党员不足7名（可在设置中调整）的党支部——多数联合党支部——不设委员会，由党员大会直接选举书记（可设副书记1名）。"
    "每一项结论都注明依据；所有录入自动保存在当前工作区。"
)

roster = state.roster()
policy = state.policy()
widgets.require_valid_roster(roster)
org, fl, kind = election_page.choose_organization(roster, policy)
stored, draft = election_page.load_draft(org, fl, kind)
steps = election_page.steps_of(fl)
step = election_page.choose_step(fl)

if step == steps[0]:
    draft = election_page.setup(draft, org, fl, roster, policy)
elif step == election_page.SIMULATE:
    election_page.simulation(org, kind, draft)
else:
    draft = election_page.count_and_report(draft, step, org, fl, roster, policy)

election_page.save(org, kind, draft, stored)
