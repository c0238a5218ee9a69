"""The 换届选举 page's sections: choosing the organization and the step, loading and saving the draft.

The draft of each organization and election type is stored in the workspace under
``("election", f"{label}|{kind}")`` in its JSON form (``ElectionDraft.to_dict``).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from model.election import flow
from model.election.direct import LeadershipFlow
from model.election.draft import ElectionDraft
from model.findings import InputError
from model.roster.values import Roster
from model.rules.policy import Policy
from ui import election_day, election_report, election_risk, election_widgets, state, widgets

STEPS = ["1 设置", "2a 模拟（会前）", "2b 计票（选举日）", "3 结果", "4 首次全体会议与请示"]
DIRECT_STEPS = STEPS[:4] + ["4 选举结果的请示"]
SIMULATE, COUNT, RESULT = STEPS[1], STEPS[2], STEPS[3]
KINDS = ["换届", "补选"]
ORG_KEY = "el_org"
PAGE = "app_pages/election.py"


CHOICE = ("election_page", "choice")  # the organization and election type last chosen (kept in the workspace)


def remember(org: str | None = None, kind: str | None = None) -> None:
    """Keep the chosen organization / election type, so a page switch, a refresh or a second tab reopens them."""
    saved = state.get(*CHOICE) or {}
    new = {**saved, **({"org": org} if org else {}), **({"kind": kind} if kind else {})}
    if new != saved:
        state.put(*CHOICE, new)


def open_for(roster: Roster, policy: Policy, units: tuple[str, ...]) -> None:
    """Open the election page on the organization that holds ``units`` (from another page)."""
    choice = flow.choice_for(flow.organizations(roster, state.current_plan(), policy), units)
    if choice is not None:
        remember(org=choice.label)
        st.session_state.pop(ORG_KEY, None)
    st.switch_page(PAGE)


def term_caption(ends: date, today: date | None = None) -> str:
    """When the term ends, or that it has already ended."""
    day = f"{ends.year}年{ends.month}月{ends.day}日"
    if ends < (today or date.today()):
        return f"本届任期已于{day}届满，应尽快换届。"
    return f"本届任期{day}届满。"


def _index(options: list[str], value: str | None) -> int:
    return options.index(value) if value in options else 0


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_organizations(
    roster_digest: str, plan_digest: str | None, policy_json: str, _roster: Roster, _policy: Policy
) -> tuple[flow.OrgChoice, ...]:
    """The organizations to choose from, once per roster, plan and settings (classifying a city roster's
    10,000 societies took 0.2 s on every click of the page); frozen values, shared, never copied."""
    return tuple(flow.organizations(_roster, state.current_plan(), _policy))


def _plan_digest() -> str | None:
    found = state.store().get_text(state.workspace_name(), "plan", "current")
    return found[1] if found else None


def choose_organization(roster: Roster, policy: Policy) -> tuple[flow.OrgChoice, LeadershipFlow, str]:
    """The organization (from the plan, else the societies that organize on their own), its flow and the
    election type; stops the page when there is none."""
    orgs = cached_organizations(state.roster_digest(), _plan_digest(), str(policy.to_dict()), roster, policy)
    if not orgs:
        st.info("名册中还没有需要单独建立党组织的学会，也没有已保存的规划方案。")
        st.stop()
    by_label = {o.label: o for o in orgs}
    saved = state.get(*CHOICE) or {}
    c = st.columns([3, 1])
    label = c[0].selectbox(
        "选择党组织（按届满时间先后排列）",
        list(by_label),
        index=_index(list(by_label), saved.get("org")),
        key=ORG_KEY,
        help="来自已保存的规划方案；没有方案时列出应单独建立党组织的学会。届满时间来自名册“届满时间”列",
    )
    org = by_label[label]
    remember(org=label)
    if org.term_ends is not None:
        c[0].caption(term_caption(org.term_ends))
    fl = flow.flow_of(org, policy)
    if not fl.committee:  # no committee: no 委员 to by-elect; a vacant 书记 is elected the same way
        c[1].caption("不设委员会：书记、副书记由党员大会直接选举（出缺时也按本流程选举）")
        return org, fl, KINDS[0]
    kind = c[1].radio("选举类型", KINDS, index=_index(KINDS, saved.get("kind")), horizontal=True, key="el_kind")
    remember(kind=kind)
    return org, fl, kind


def _key(org: flow.OrgChoice, kind: str) -> str:
    return f"{org.label}|{kind}"


def load_draft(org: flow.OrgChoice, fl: LeadershipFlow, kind: str) -> tuple[dict | None, ElectionDraft]:
    """The stored document (None when new) and its draft in the organization's flow."""
    stored = state.get("election", _key(org, kind))
    if stored is None:
        return None, ElectionDraft.new(org.label, org.kind, kind, fl.flow)
    return stored, ElectionDraft.from_dict(stored).adopt_flow(fl.flow)


def simulation(org: flow.OrgChoice, kind: str, draft: ElectionDraft) -> None:
    """Step 2a, its settings (turnout, support, runs, seed) kept in the workspace."""
    saved = state.get("election_sim", _key(org, kind)) or {}
    settings = election_risk.simulate_step(draft, saved)
    if settings != saved:
        state.put("election_sim", _key(org, kind), settings)


def steps_of(fl: LeadershipFlow) -> list[str]:
    return STEPS if fl.committee else DIRECT_STEPS


def choose_step(fl: LeadershipFlow) -> str:
    """The step, starting from the one last open (kept in the workspace like the organization)."""
    steps = steps_of(fl)
    key = "el_step" if fl.committee else "el_dstep"
    saved = (state.get(*CHOICE) or {}).get(key)
    step = st.segmented_control("步骤", steps, default=saved if saved in steps else steps[0], key=key) or steps[0]
    if step != saved:
        state.put(*CHOICE, {**(state.get(*CHOICE) or {}), key: step})
    return step


def setup(
    draft: ElectionDraft, org: flow.OrgChoice, fl: LeadershipFlow, roster: Roster, policy: Policy
) -> ElectionDraft:
    """Step 1: the members entered so far, else the organization's members from the roster."""
    if draft.members:
        rows = flow.member_rows(draft.members)
    else:
        rows = flow.voter_rows(roster, org.units, org.formal)
    if fl.committee:
        return election_widgets.setup_step(draft, org, rows, policy)
    return election_widgets.direct_setup_step(draft, org, rows, fl)


def count_and_report(
    draft: ElectionDraft, step: str, org: flow.OrgChoice, fl: LeadershipFlow, roster: Roster, policy: Policy
) -> ElectionDraft:
    """Steps 2b–4: counting, the result, the plenary and the 请示 — all on the rounds counted so far."""
    if step == COUNT:
        draft = election_day.count_step(draft)
    try:
        rounds = draft.results()
    except InputError as exc:
        st.error("录入的数据有误，暂不能计票：\n\n" + widgets.error_lines(exc.findings))
        return draft
    if step == COUNT:
        st.divider()
        st.markdown("**即时结果**")
        election_day.live_result(draft, rounds[-1])
        return draft
    if step == RESULT:
        draft = election_day.result_step(draft, rounds[-1])
        if fl.committee:
            return draft
        return election_day.direct_outcome_view(draft, rounds)
    if fl.committee:
        return election_report.plenary_step(draft, rounds, org, roster, policy)
    return election_report.direct_letter_step(draft, rounds, org, roster, policy)


def save(org: flow.OrgChoice, kind: str, draft: ElectionDraft, stored: dict | None) -> None:
    """Store the draft when it changed; a new round reruns the page so every step shows it."""
    doc = draft.to_dict()
    if doc == stored:
        return
    state.put("election", _key(org, kind), doc)
    if stored is not None and doc["history"] != (stored.get("history") or []):
        st.rerun()
