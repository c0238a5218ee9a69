"""Election paperwork: 模板4/5 换届请示 and 备案表, 模板6 换届结果, 模板7/8 补选请示, 模板9 补选结果.

Input: the organization, the roster and an :class:`~model.election.record.ElectionRecord`
(or None: a 换届 proposal is drafted from the roster — 5 seats, candidates by society
role — and everything else is a reported blank).

A branch without a committee (``record.flow == "直接选举"``, or F below
``committee_min_formal`` when the record does not say) gets the direct wording in 模板4/5/6:
the 党员大会 elects the 书记 (and 副书记) 等额; no 委员会, no 差额, no first plenary.
"""

from __future__ import annotations

from collections.abc import Sequence

from model.election.counting import ElectionResult
from model.election.direct import COMMITTEE_FLOW
from model.election.electorate import required_candidates
from model.election.plenary import PlenaryResult
from model.election.record import BY_ELECTION, CHANGE, ElectionRecord, check_record, parse_record, record_of_rounds
from model.election.stroke_order import stroke_sorted
from model.findings import ERROR, Finding, InputError
from model.paperwork.direct_letters import direct_request, direct_result
from model.paperwork.document import DocContext, Document, Para, blank_filler, issued_date, percent
from model.paperwork.election_facts import (
    attendance_text,
    committee_word,
    date_conflicts,
    direct_names,
    election_mode,
    fill_from_roster,
    flow_warning,
    is_direct,
    org_committee,
    posts_phrase,
    votes_summary,
)
from model.paperwork.founding import (
    COMMITTEE_ROLES,
    letterhead,
    org_display_name,
    org_members,
    person_table,
    rank_members,
)
from model.planning.plan import Organization
from model.roster.values import Member, Roster
from model.rules.policy import Policy

__all__ = [
    "ElectionRecord",
    "parse_record",
    "change_request",
    "candidate_forms",
    "change_result",
    "by_election_request",
    "by_election_result",
    "committee_word",
    "org_committee",
    "is_direct",
    "CHANGE",
    "BY_ELECTION",
    "result_letter",
    "by_election_letter",
]


def _find(org: Organization, roster: Roster, name: str) -> Member | None:
    return next((m for m in org_members(org, roster) if m.name == name), None)


def _default_record(org: Organization, roster: Roster, policy: Policy, kind: str) -> tuple[ElectionRecord, list[str]]:
    """A 换届 proposal when no election file is given: 5 seats, candidates by society role."""
    seats = len(COMMITTEE_ROLES)
    ranked = rank_members(org_members(org, roster))[: required_candidates(seats)]
    names = tuple(m.name for m in ranked)
    ends = [roster.society(u).term_ends for u in org.units if u in roster and roster.society(u).term_ends]
    rec = ElectionRecord(
        kind=kind,
        seats=seats if kind == CHANGE else 1,
        candidates=names if kind == CHANGE else (),
        term_ends=min(ends) if ends else None,
        secretary=names[0] if names else None,
        deputy=names[1] if len(names) > 1 else None,
    )
    note = ["未提供选举文件：应选名额按5名、候选人预备人选按学会职务顺序自动提出，请核实。"] if kind == CHANGE else []
    if kind == CHANGE and is_direct(org, None, policy):
        rec = ElectionRecord(
            kind=kind, seats=1, candidates=names[:1], term_ends=rec.term_ends, secretary=names[0] if names else None
        )
        note = ["未提供选举文件：不设委员会，书记候选人预备人选按学会职务顺序自动提出（不设副书记），请核实。"]
    return rec, note


def change_request(
    org: Organization,
    roster: Roster,
    record: ElectionRecord | None = None,
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
) -> Document:
    """模板4 换届选举请示, with the 差额 count and percentage computed."""
    name, code, label = org_display_name(org), "模板4", "换届选举请示"
    need, missing = blank_filler(f"{code} {label}", name)
    warnings: list[str] = []
    if record is None:
        record, warnings = _default_record(org, roster, policy, CHANGE)
    if is_direct(org, record, policy):
        return direct_request(org, roster, record, ctx, policy, warnings)
    com = committee_word(org.kind)
    record, filled = fill_from_roster(org, roster, policy, record)
    warnings += filled + flow_warning(org, False, policy)
    n, c = record.seats, len(record.candidates)
    ok_needed = required_candidates(n)
    if c < ok_needed:
        warnings.append(f"差额选举：应选{n}名，候选人应不少于{ok_needed}名，现有{c}名（选举条例 第十三条）。")
    names = "、".join(stroke_sorted(record.candidates)) if record.candidates else need(None, "候选人预备人选名单")
    if c:  # the margin only when candidates are named: never 等0位 or a negative 差额
        count, margin, share = str(c), str(c - n), percent(c - n, n)
    else:
        count, margin, share = need(None, "候选人人数"), need(None, "差额人数"), need(None, "差额比例")
    warnings += date_conflicts(record, ctx, request=True)
    body = (
        Para(
            f"我{com}于{need(record.previous, '上届选举日期')}选举产生，到{need(record.term_ends, '任期届满日期')}"
            f"任期届满，根据党章和有关规定，经研究，拟于{need(record.meeting_date, '党员大会日期')}召开{org.kind}党员大会，"
            f"进行{com}换届选举。现将有关事项请示如下："
        ),
        Para("一、党员大会的主要议程", "heading"),
        Para(f"1. 听取和审查本届{com}的工作报告；"),
        Para(f"2. 选举产生新一届{com}。"),
        Para(f"二、{com}组成人员名额及候选人名额", "heading"),
        Para(
            f"{com}由{n}人组成，按照差额不低于20%的要求，我们提出{names}等{count}位同志为下届{com}组成人员候选人预备人选"
            f"（差额{margin}名，差额比例{share}%），其中，{need(record.secretary, '书记候选人预备人选')}同志为书记候选人预备人选，"
            f"{need(record.deputy, '副书记候选人预备人选')}同志为副书记候选人预备人选。"
        ),
        Para("三、选举办法", "heading"),
        Para(
            f"1. 下届{com}委员，由{org.kind}党员大会直接采取候选人数多于应选人数的差额选举办法选举产生，差额不小于应选人数的20%。"
        ),
        Para(f"2. {org.kind}书记、副书记均实行等额选举，由下届{com}第一次全体会议选举产生。"),
        Para("以上选举均采用无记名投票方式。"),
        Para("特此请示。妥否，请批示。"),
        Para(f"附件：{org_committee(org)}候选人预备人选备案表"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{name}召开党员大会进行换届选举及下届{com}组成人员候选人预备人选的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(org_committee(org),),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def candidate_forms(
    org: Organization,
    roster: Roster,
    record: ElectionRecord | None = None,
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
    code: str = "模板5",
) -> Document:
    """模板5 (换届) / 模板8 (补选) 候选人预备人选备案表: one form per candidate."""
    name, label = org_display_name(org), "候选人预备人选备案表"
    need, missing = blank_filler(f"{code} {label}", name)
    if record is None:
        record, _ = _default_record(org, roster, policy, CHANGE if code == "模板5" else BY_ELECTION)
    direct = code == "模板5" and is_direct(org, record, policy)
    if direct:
        record = direct_names(record)
    posts = {record.secretary: "书记候选人预备人选", record.deputy: "副书记候选人预备人选"}
    people = tuple(stroke_sorted(record.candidates)) or (None,)
    tables = tuple(
        person_table(
            _find(org, roster, p) if p else None,
            p,
            posts.get(p, "委员候选人预备人选") if p else "委员候选人",
            None,
            need,
            ctx.superior,
            page_break=i > 0,
            include_society_row=False,
        )
        for i, p in enumerate(people)
    )
    title = (
        f"{name}{posts_phrase(record)}候选人预备人选备案表" if direct else f"{org_committee(org)}候选人预备人选备案表"
    )
    return Document(code=code, name=label, organization=name, title=title, body=tables, missing=tuple(missing))


def change_result(
    org: Organization,
    roster: Roster,
    record: ElectionRecord | None,
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
) -> Document:
    """模板6 换届选举结果的请示: 应到/实到, the percentage, votes per person, who was elected."""
    name, code, label = org_display_name(org), "模板6", "换届选举结果的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    if record is not None:
        check_record(record)  # the regulation's refusals, on every path (page, documents, CLI)
    if is_direct(org, record, policy):
        return direct_result(org, record or ElectionRecord(CHANGE, 1, ()), ctx, policy)
    record = record or ElectionRecord(CHANGE, len(COMMITTEE_ROLES), ())
    com = committee_word(org.kind)
    attendance, warnings = attendance_text(record, need)
    warnings += flow_warning(org, False, policy) + date_conflicts(record, ctx, request=False)
    votes, elected, k = votes_summary(record, need)
    mode = election_mode(record, "差额")
    roles = "，".join(
        f"{need(p, f'{t}人选')}同志任{t}" for t, p in (record.division or tuple((t, None) for t in COMMITTEE_ROLES[2:]))
    )
    posts = "书记、副书记" if record.deputy else "书记"  # 副书记 is optional (支部条例)
    deputy = (
        f"；{record.deputy}同志得{need(record.deputy_votes, '副书记得票数')}票，当选副书记" if record.deputy else ""
    )
    body = (
        Para(f"{name}于{need(record.meeting_date, '党员大会日期')}召开党员大会，{attendance}。"),
        Para(
            f"大会采取无记名投票和{mode}选举的办法，选举产生了新一届{com}。经选举，{votes}。根据得票情况，"
            f"{elected}等{k or need(None, '当选人数')}位同志当选为新一届{com}委员。"
        ),
        Para(
            f"同日，新一届{com}召开第一次全体会议，应到会{k or need(None, '全体会议应到人数')}人，"
            f"实到会{need(record.plenary_present, '全体会议实到人数')}人。采取无记名投票和等额选举的办法选举产生了新一届{com}{posts}。"
        ),
        Para(
            f"经选举，{need(record.secretary, '当选书记')}同志得{need(record.secretary_votes, '书记得票数')}票，当选书记"
            f"{deputy}。会上，还对其他委员进行了分工，经协商，{roles}。"
        ),
        Para(f"选举产生的委员名单请予以备案，选举产生的{posts}请予以批准。"),
        Para("特此请示。妥否，请批示。"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{org_committee(org)}换届选举结果的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(org_committee(org),),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def by_election_request(
    org: Organization,
    roster: Roster,
    record: ElectionRecord | None,
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
) -> Document:
    """模板7 委员补选的请示 (等额 as the template has it, or 差额 when more candidates than vacancies; quorum over 4/5)."""
    name, code, label = org_display_name(org), "模板7", "委员补选的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    record = record or ElectionRecord(BY_ELECTION, 1, ())
    com, warnings = committee_word(org.kind), []
    if is_direct(org, None, policy):
        warnings.append(
            f"正式党员{org.formal_members}名，不足{policy.committee_min_formal}名，不设委员会，没有委员可补选；"
            "书记、副书记出缺时由党员大会直接等额选举（换届选举请示模板4的直接选举写法）。"
        )
    warnings += date_conflicts(record, ctx, request=True)
    c = len(record.candidates)
    mode = election_mode(record, "等额")
    if mode == "等额" and record.candidates and c != record.seats:
        warnings.append(f"补选实行等额选举：空缺{record.seats}名，候选人应为{record.seats}名，现有{c}名。")
    if mode == "差额" and c <= record.seats:
        warnings.append(f"差额补选：空缺{record.seats}名，候选人应多于{record.seats}名，现有{c}名。")
    who = f"（{'、'.join(stroke_sorted(record.candidates))}）" if record.candidates else ""
    body = (
        Para(
            f"我{com}于{need(record.previous, '上届选举日期')}选举产生，因{record.seats}位{org.kind}委员{record.reason}，"
            f"不能继续履行委员职责。根据党章规定，经研究，拟于{need(record.meeting_date, '党员大会日期')}召开党员大会，补选{com}委员。现将有关事项请示如下："
        ),
        Para("一、党员大会的主要议程", "heading"),
        Para(f"1. {org.kind}委员变更说明；"),
        Para(f"2. 补选{com}委员。"),
        Para(f"二、拟补选的{com}委员候选人名额", "heading"),
        Para(
            f"{com}由{need(record.committee_size, '委员会组成人数')}人组成，因{record.reason}，委员出现空缺{record.seats}人。"
            f"按照《中国共产党基层组织选举工作条例》的规定，经研究，我们提名{c or need(None, '补选候选人')}位同志{who}为补选委员候选人。"
        ),
        Para("三、选举办法", "heading"),
        Para(
            f"本次补选{com}委员，按照参加党员大会有选举权的党员必须超过应到会有选举权党员人数五分之四的要求，"
            f"由{org.kind}党员大会直接采取候选人{mode}选举办法选举产生。"
        ),
        Para("以上选举均采用无记名投票方式。"),
        Para("特此请示。妥否，请批示。"),
        Para(f"附件：{org_committee(org)}候选人预备人选备案表"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{org_committee(org)}委员补选的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(name,),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def by_election_result(
    org: Organization,
    roster: Roster,
    record: ElectionRecord | None,
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
) -> Document:
    """模板9 委员补选结果的请示."""
    name, code, label = org_display_name(org), "模板9", "委员补选结果的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    if record is not None:
        check_record(record)
    record = record or ElectionRecord(BY_ELECTION, 1, ())
    com = committee_word(org.kind)
    attendance, warnings = attendance_text(record, need)
    warnings += date_conflicts(record, ctx, request=False)
    votes, elected, k = votes_summary(record, need)
    new = {n for r in record.held_rounds() for n in (r.get("elected") or ())}
    roles = (
        "，".join(f"{p}同志任{t}" for t, p in record.division if p in new)
        or "，".join(f"{p}同志任{need(None, f'{p}：分工')}" for p in sorted(new))
        or need(None, "新委员分工")
    )
    body = (
        Para(f"{name}于{need(record.meeting_date, '党员大会日期')}召开党员大会，{attendance}。"),
        Para(
            f"大会采取无记名投票和{election_mode(record, '等额')}选举的办法，选举产生了{k or need(None, '当选人数')}位{org.kind}委员。经选举，{votes}，"
            f"根据选举办法，{elected}同志补选为{com}委员。"
        ),
        Para(
            f"同日，经过补选后的{com}委员召开第一次全体会议，应到会{need(record.committee_size, '委员会组成人数')}人，"
            f"实到会{need(record.plenary_present, '全体会议实到人数')}人。会上，对{k or need(None, '新委员人数')}位新委员进行了分工，{roles}。"
        ),
        Para("选举产生的委员名单请予以备案。"),
        Para("特此请示。妥否，请批示。"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{org_committee(org)}委员补选结果的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(name,),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def _held(rounds: ElectionResult | Sequence[ElectionResult]) -> tuple[ElectionResult, ...]:
    """The counted rounds, refused when the first meeting or round was invalid or nobody was elected."""
    rounds = (rounds,) if isinstance(rounds, ElectionResult) else tuple(rounds)
    first = rounds[0]
    if not first.meeting_valid or not first.election_valid:
        raise InputError(
            [Finding(ERROR, "", None, None, None, "会议无效或本轮选举无效，不能形成选举结果的请示，请先重新组织选举")]
        )
    if not any(r.elected for r in rounds):
        raise InputError([Finding(ERROR, "", None, None, None, "没有人当选，不能形成选举结果的请示")])
    return rounds


def result_letter(
    rounds: ElectionResult | Sequence[ElectionResult],
    org: Organization,
    roster: Roster = Roster(()),
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
    *,
    plenary: PlenaryResult | None = None,
    **facts,
) -> Document:
    """模板6 from counted rounds of a committee election and its first plenary — the same renderer
    (:func:`change_result`) as the documents page; refused for an invalid meeting or nobody elected.
    ``facts`` are fields of ElectionRecord (``meeting_date``, ``members_due``, ``members_present`` …)."""
    record = record_of_rounds(_held(rounds), kind=CHANGE, flow=COMMITTEE_FLOW, plenary=plenary, **facts)
    return change_result(org, roster, record, ctx, policy)


def by_election_letter(
    rounds: ElectionResult | Sequence[ElectionResult],
    org: Organization,
    roster: Roster = Roster(()),
    ctx: DocContext = DocContext(),
    policy: Policy = Policy(),
    **facts,
) -> Document:
    """模板9 from counted rounds of a 补选 — the same renderer (:func:`by_election_result`) as the
    documents page; refused for an invalid meeting or nobody elected."""
    record = record_of_rounds(_held(rounds), kind=BY_ELECTION, flow=COMMITTEE_FLOW, **facts)
    return by_election_result(org, roster, record, ctx, policy)
