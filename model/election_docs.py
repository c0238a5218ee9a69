"""Election paperwork: 模板4/5 换届请示 and 备案表, 模板6 换届结果, 模板7/8 补选请示, 模板9 补选结果.

Input: the organization, the roster and an :class:`~model.election_record.ElectionRecord`
(or None: a 换届 proposal is drafted from the roster — 5 seats, candidates by society
role — and everything else is a reported blank).

A branch without a committee (``record.flow == "直接选举"``, or F below
``committee_min_formal`` when the record does not say) gets the direct wording in 模板4/5/6:
the 党员大会 elects the 书记 (and 副书记) 等额; no 委员会, no 差额, no first plenary.
"""
from __future__ import annotations

from .doc_templates import COMMITTEE_ROLES, letterhead, org_display_name, org_members, person_table, rank_members
from .documents import DocContext, Document, Para, blank_filler, issued_date, percent
from .direct_election import DIRECT_FLOW, leadership_flow
from .election_record import BY_ELECTION, CHANGE, ElectionRecord, parse_record
from .electorate import required_candidates
from .plan import Organization
from .roster import Member, Roster
from .rules import Policy

__all__ = ["ElectionRecord", "parse_record", "change_request", "candidate_forms", "change_result",
           "by_election_request", "by_election_result", "committee_word", "org_committee", "is_direct", "CHANGE", "BY_ELECTION"]


def committee_word(kind: str) -> str:
    """The committee's name: 党支部委员会, 党总支委员会, 党委 (a 党委 is itself a committee).

    >>> committee_word("联合党支部"), committee_word("党委")
    ('联合党支部委员会', '党委')
    """
    return "党委" if kind == "党委" else f"{kind}委员会"


def org_committee(org: Organization) -> str:
    """The organization's committee by name: 甲学会党支部委员会; a 党委 is its own committee."""
    name = org_display_name(org)
    return name if org.kind == "党委" else f"{name}委员会"


def is_direct(org: Organization, record: ElectionRecord | None, policy: Policy = Policy()) -> bool:
    """Whether the organization's members' meeting elects the 书记 directly (no committee):
    the record's ``flow`` when given, else by the organization's formal members.

    >>> is_direct(Organization("J1", "联合党支部", "同业共建", ("甲", "乙"), 5), None)
    True
    """
    if record is not None and record.flow:
        return record.flow == DIRECT_FLOW
    return not leadership_flow(org.formal_members, org.kind, policy).committee


def flow_warning(org: Organization, direct: bool, policy: Policy) -> list[str]:
    """A warning when the record's flow disagrees with the organization's size."""
    size_says = not leadership_flow(org.formal_members, org.kind, policy).committee
    if direct == size_says:
        return []
    t = policy.committee_min_formal
    if direct:
        return [f"正式党员{org.formal_members}名，达到{t}名，应设委员会、差额选举委员；选举记录却按不设委员会直接选举书记，请核实。"]
    return [f"正式党员{org.formal_members}名，不足{t}名，一般不设委员会，由党员大会直接选举书记；选举记录却按委员会选举，请核实。"]


def posts_phrase(record: ElectionRecord) -> str:
    return "书记、副书记" if record.deputy else "书记"


def _find(org: Organization, roster: Roster, name: str) -> Member | None:
    return next((m for m in org_members(org, roster) if m.name == name), None)


def _default_record(org: Organization, roster: Roster, policy: Policy, kind: str) -> tuple[ElectionRecord, list[str]]:
    """A 换届 proposal when no election file is given: 5 seats, candidates by society role."""
    seats = len(COMMITTEE_ROLES)
    ranked = rank_members(org_members(org, roster))[: required_candidates(seats)]
    names = tuple(m.name for m in ranked)
    ends = [roster.society(u).term_ends for u in org.units if u in roster and roster.society(u).term_ends]
    rec = ElectionRecord(kind=kind, seats=seats if kind == CHANGE else 1, candidates=names if kind == CHANGE else (),
                         term_ends=min(ends) if ends else None,
                         secretary=names[0] if names else None, deputy=names[1] if len(names) > 1 else None)
    note = ["未提供选举文件：应选名额按5名、候选人预备人选按学会职务顺序自动提出，请核实。"] if kind == CHANGE else []
    if kind == CHANGE and is_direct(org, None, policy):
        rec = ElectionRecord(kind=kind, seats=1, candidates=names[:1], term_ends=rec.term_ends,
                             secretary=names[0] if names else None)
        note = ["未提供选举文件：不设委员会，书记候选人预备人选按学会职务顺序自动提出（不设副书记），请核实。"]
    return rec, note


def fill_from_roster(org: Organization, roster: Roster, policy: Policy,
                      record: ElectionRecord) -> tuple[ElectionRecord, list[str]]:
    """Term end from the roster; 书记/副书记 candidates from the proposed leadership, when unset."""
    from dataclasses import replace

    from .doc_templates import proposed_leadership

    notes: list[str] = []
    ends = [roster.society(u).term_ends for u in org.units if u in roster and roster.society(u).term_ends]
    if record.term_ends is None and ends:
        record = replace(record, term_ends=min(ends))
    lead = {r.title: r.person.name for r in proposed_leadership(org, roster, policy) if r.person}
    for post, attr in (("书记", "secretary"), ("副书记", "deputy")):
        if getattr(record, attr) is None and lead.get(post) in record.candidates:
            record = replace(record, **{attr: lead[post]})
            notes.append(f"{post}候选人预备人选按“双向进入、交叉任职”和学会职务顺序提出（{lead[post]}），请核实。")
    return record, notes


def change_request(org: Organization, roster: Roster, record: ElectionRecord | None = None,
                   ctx: DocContext = DocContext(), policy: Policy = Policy()) -> Document:
    """模板4 换届选举请示, with the 差额 count and percentage computed."""
    name, code, label = org_display_name(org), "模板4", "换届选举请示"
    need, missing = blank_filler(f"{code} {label}", name)
    warnings: list[str] = []
    if record is None:
        record, warnings = _default_record(org, roster, policy, CHANGE)
    if is_direct(org, record, policy):
        from .direct_docs import direct_request

        return direct_request(org, roster, record, ctx, policy, warnings)
    com = committee_word(org.kind)
    record, filled = fill_from_roster(org, roster, policy, record)
    warnings += filled + flow_warning(org, False, policy)
    n, c = record.seats, len(record.candidates)
    ok_needed = required_candidates(n)
    if c < ok_needed:
        warnings.append(f"差额选举：应选{n}名，候选人应不少于{ok_needed}名，现有{c}名（选举条例 第十三条）。")
    names = "、".join(record.candidates) if record.candidates else need(None, "候选人预备人选名单")
    body = (
        Para(f"我{com}于{need(record.previous, '上届选举日期')}选举产生，到{need(record.term_ends, '任期届满日期')}"
             f"任期届满，根据党章和有关规定，经研究，拟于{need(record.meeting_date, '党员大会日期')}召开{org.kind}党员大会，"
             f"进行{com}换届选举。现将有关事项请示如下："),
        Para("一、党员大会的主要议程", "heading"),
        Para(f"1. 听取和审查本届{com}的工作报告；"),
        Para(f"2. 选举产生新一届{com}。"),
        Para(f"二、{com}组成人员名额及候选人名额", "heading"),
        Para(f"{com}由{n}人组成，按照差额不低于20%的要求，我们提出{names}等{c}位同志为下届{com}组成人员候选人预备人选"
             f"（差额{c - n}名，差额比例{percent(c - n, n)}%），其中，{need(record.secretary, '书记候选人预备人选')}同志为书记候选人预备人选，"
             f"{need(record.deputy, '副书记候选人预备人选')}同志为副书记候选人预备人选。"),
        Para("三、选举办法", "heading"),
        Para(f"1. 下届{com}委员，由{org.kind}党员大会直接采取候选人数多于应选人数的差额选举办法选举产生，差额不小于应选人数的20%。"),
        Para(f"2. {org.kind}书记、副书记均实行等额选举，由下届{com}第一次全体会议选举产生。"),
        Para("以上选举均采用无记名投票方式。"),
        Para("特此请示。妥否，请批示。"),
        Para(f"附件：{org_committee(org)}候选人预备人选备案表"),
    )
    return Document(code=code, name=label, organization=name,
                    title=f"关于{name}召开党员大会进行换届选举及下届{com}组成人员候选人预备人选的请示",
                    body=body, addressee=need(ctx.addressee, "主送机关（上级党组织）"), letterhead=letterhead(org),
                    signature=(org_committee(org),), dated=issued_date(ctx, need),
                    missing=tuple(missing), warnings=tuple(warnings))


def direct_names(record: ElectionRecord) -> ElectionRecord:
    """书记/副书记 candidates of a direct election: as given, else the first candidates in order."""
    from dataclasses import replace

    c = record.candidates
    sec = record.secretary or (c[0] if c else None)
    dep = record.deputy or (c[1] if len(c) > 1 and c[1] != sec else None)
    return replace(record, secretary=sec, deputy=dep)


def candidate_forms(org: Organization, roster: Roster, record: ElectionRecord | None = None,
                    ctx: DocContext = DocContext(), policy: Policy = Policy(), code: str = "模板5") -> Document:
    """模板5 (换届) / 模板8 (补选) 候选人预备人选备案表: one form per candidate."""
    name, label = org_display_name(org), "候选人预备人选备案表"
    need, missing = blank_filler(f"{code} {label}", name)
    if record is None:
        record, _ = _default_record(org, roster, policy, CHANGE if code == "模板5" else BY_ELECTION)
    direct = code == "模板5" and is_direct(org, record, policy)
    if direct:
        record = direct_names(record)
    posts = {record.secretary: "书记候选人预备人选", record.deputy: "副书记候选人预备人选"}
    people = record.candidates or (None,)
    tables = tuple(
        person_table(_find(org, roster, p) if p else None, p, posts.get(p, "委员候选人预备人选") if p else "委员候选人",
                     None, need, ctx.superior, page_break=i > 0, include_society_row=False)
        for i, p in enumerate(people)
    )
    title = f"{name}{posts_phrase(record)}候选人预备人选备案表" if direct else f"{org_committee(org)}候选人预备人选备案表"
    return Document(code=code, name=label, organization=name, title=title, body=tables, missing=tuple(missing))


def attendance_text(record: ElectionRecord, need) -> tuple[str, list[str]]:
    rounds = record.all_rounds()
    r = rounds[0] if rounds else {}
    due, present = r.get("eligible_due"), r.get("eligible_present")
    warnings = []
    if isinstance(due, int) and isinstance(present, int):
        pct = percent(present, due)
        ok = 5 * present > 4 * due  # 选举条例: 超过应到会人数的五分之四
        if not ok:
            warnings.append(f"实到会有选举权党员{present}人，未超过应到会{due}人的五分之四，会议无效，不应上报选举结果。")
        share = f"{pct}%（{'超过五分之四' if ok else '未超过五分之四'}）"
    else:
        share = need(None, "实到会有选举权党员比例（缺计票结果）")
    text = (f"应到党员{need(record.members_due, '应到党员人数（含预备党员）')}名（其中有选举权党员{need(due, '应到会有选举权党员人数')}名），"
            f"实到党员{need(record.members_present, '实到党员人数（含预备党员）')}名（其中有选举权党员{need(present, '实到会有选举权党员人数')}名），"
            f"实到会有选举权党员占应到会有选举权党员{share}")
    last = rounds[-1] if rounds else {}
    if any(x.get("election_valid") is False for x in rounds[-1:]):
        warnings.append("本轮选举无效（收回选票多于发出选票），应重新选举。")
    if last.get("revote"):
        warnings.append(f"{'、'.join(last['revote'])}票数相等，须再次投票。")
    if last.get("unfilled"):
        warnings.append(f"尚有{last['unfilled']}个名额未选出，须另行选举或经同意减少名额。")
    return text, warnings


def _votes_text(votes: dict, candidates: list | tuple = ()) -> str:
    """Everyone with votes, most first, then candidates with none (得票0票)."""
    order = sorted(votes, key=lambda k: -votes[k]) + [c for c in candidates if c not in votes]
    return "，".join(f"{k}同志得票{votes.get(k, 0)}票" for k in order)


def votes_summary(record: ElectionRecord, need) -> tuple[str, str, int]:
    """Votes of the first round, then each later round (再次投票 / 另行选举), and everyone elected."""
    rounds = record.all_rounds()
    if not rounds or not rounds[0].get("votes"):
        return need(None, "各候选人得票数（缺计票结果）"), need(None, "当选人名单（缺计票结果）"), 0
    text = _votes_text(rounds[0]["votes"], rounds[0].get("candidates") or ())
    for r in rounds[1:]:
        won = list(r.get("elected") or ())
        text += f"。经{r.get('round') or '另行选举'}，{_votes_text(r.get('votes') or {}, r.get('candidates') or ())}" + \
            (f"，{'、'.join(won)}同志当选" if won else "")
    elected = [n for r in rounds for n in (r.get("elected") or ())]
    return text, ("、".join(elected) if elected else need(None, "当选人名单")), len(elected)


def change_result(org: Organization, roster: Roster, record: ElectionRecord | None,
                  ctx: DocContext = DocContext(), policy: Policy = Policy()) -> Document:
    """模板6 换届选举结果的请示: 应到/实到, the percentage, votes per person, who was elected."""
    name, code, label = org_display_name(org), "模板6", "换届选举结果的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    if is_direct(org, record, policy):
        from .direct_docs import direct_result

        return direct_result(org, record or ElectionRecord(CHANGE, 1, ()), ctx, policy)
    record = record or ElectionRecord(CHANGE, len(COMMITTEE_ROLES), ())
    com = committee_word(org.kind)
    attendance, warnings = attendance_text(record, need)
    warnings += flow_warning(org, False, policy)
    votes, elected, k = votes_summary(record, need)
    rounds = record.all_rounds()
    mode = (rounds[0].get("mode") if rounds else None) or "差额"
    roles = "，".join(f"{need(p, f'{t}人选')}同志任{t}" for t, p in (record.division or
                     tuple((t, None) for t in COMMITTEE_ROLES[2:])))
    posts = "书记、副书记" if record.deputy else "书记"  # 副书记 is optional (支部条例)
    deputy = (f"；{record.deputy}同志得{need(record.deputy_votes, '副书记得票数')}票，当选副书记"
              if record.deputy else "")
    body = (
        Para(f"{name}于{need(record.meeting_date, '党员大会日期')}召开党员大会，{attendance}。"),
        Para(f"大会采取无记名投票和{mode}选举的办法，选举产生了新一届{com}。经选举，{votes}。根据得票情况，"
             f"{elected}等{k or need(None, '当选人数')}位同志当选为新一届{com}委员。"),
        Para(f"同日，新一届{com}召开第一次全体会议，应到会{k or need(None, '全体会议应到人数')}人，"
             f"实到会{need(record.plenary_present, '全体会议实到人数')}人。采取无记名投票和等额选举的办法选举产生了新一届{com}{posts}。"),
        Para(f"经选举，{need(record.secretary, '当选书记')}同志得{need(record.secretary_votes, '书记得票数')}票，当选书记"
             f"{deputy}。会上，还对其他委员进行了分工，经协商，{roles}。"),
        Para(f"选举产生的委员名单请予以备案，选举产生的{posts}请予以批准。"),
        Para("特此请示。妥否，请批示。"),
    )
    return Document(code=code, name=label, organization=name, title=f"关于{org_committee(org)}换届选举结果的请示",
                    body=body, addressee=need(ctx.addressee, "主送机关（上级党组织）"), letterhead=letterhead(org),
                    signature=(org_committee(org),), dated=issued_date(ctx, need),
                    missing=tuple(missing), warnings=tuple(warnings))


def by_election_request(org: Organization, roster: Roster, record: ElectionRecord | None,
                        ctx: DocContext = DocContext(), policy: Policy = Policy()) -> Document:
    """模板7 委员补选的请示 (等额, quorum over 4/5)."""
    name, code, label = org_display_name(org), "模板7", "委员补选的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    record = record or ElectionRecord(BY_ELECTION, 1, ())
    com, warnings = committee_word(org.kind), []
    if is_direct(org, None, policy):
        warnings.append(f"正式党员{org.formal_members}名，不足{policy.committee_min_formal}名，不设委员会，没有委员可补选；"
                        "书记、副书记出缺时由党员大会直接等额选举（换届选举请示模板4的直接选举写法）。")
    c = len(record.candidates)
    if record.candidates and c != record.seats:
        warnings.append(f"补选实行等额选举：空缺{record.seats}名，候选人应为{record.seats}名，现有{c}名。")
    who = f"（{'、'.join(record.candidates)}）" if record.candidates else ""
    body = (
        Para(f"我{com}于{need(record.previous, '上届选举日期')}选举产生，因{record.seats}位{org.kind}委员{record.reason}，"
             f"不能继续履行委员职责。根据党章规定，经研究，拟于{need(record.meeting_date, '党员大会日期')}召开党员大会，补选{com}委员。现将有关事项请示如下："),
        Para("一、党员大会的主要议程", "heading"),
        Para(f"1. {org.kind}委员变更说明；"),
        Para(f"2. 补选{com}委员。"),
        Para(f"二、拟补选的{com}委员候选人名额", "heading"),
        Para(f"{com}由{need(record.committee_size, '委员会组成人数')}人组成，因{record.reason}，委员出现空缺{record.seats}人。"
             f"按照《中国共产党基层组织选举工作条例》的规定，经研究，我们提名{c or need(None, '补选候选人')}位同志{who}为补选委员候选人。"),
        Para("三、选举办法", "heading"),
        Para(f"本次补选{com}委员，按照参加党员大会有选举权的党员必须超过应到会有选举权党员人数五分之四的要求，"
             f"由{org.kind}党员大会直接采取候选人等额选举办法选举产生。"),
        Para("以上选举均采用无记名投票方式。"),
        Para("特此请示。妥否，请批示。"),
        Para(f"附件：{org_committee(org)}候选人预备人选备案表"),
    )
    return Document(code=code, name=label, organization=name, title=f"关于{org_committee(org)}委员补选的请示", body=body,
                    addressee=need(ctx.addressee, "主送机关（上级党组织）"), letterhead=letterhead(org),
                    signature=(name,), dated=issued_date(ctx, need), missing=tuple(missing), warnings=tuple(warnings))


def by_election_result(org: Organization, roster: Roster, record: ElectionRecord | None,
                       ctx: DocContext = DocContext(), policy: Policy = Policy()) -> Document:
    """模板9 委员补选结果的请示."""
    name, code, label = org_display_name(org), "模板9", "委员补选结果的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    record = record or ElectionRecord(BY_ELECTION, 1, ())
    com = committee_word(org.kind)
    attendance, warnings = attendance_text(record, need)
    votes, elected, k = votes_summary(record, need)
    new = {n for r in record.all_rounds() for n in (r.get("elected") or ())}
    roles = "，".join(f"{p}同志任{t}" for t, p in record.division if p in new) or \
        "，".join(f"{p}同志任{need(None, f'{p}：分工')}" for p in sorted(new)) or need(None, "新委员分工")
    body = (
        Para(f"{name}于{need(record.meeting_date, '党员大会日期')}召开党员大会，{attendance}。"),
        Para(f"大会采取无记名投票和等额选举的办法，选举产生了{k or need(None, '当选人数')}位{org.kind}委员。经选举，{votes}，"
             f"根据选举办法，{elected}同志补选为{com}委员。"),
        Para(f"同日，经过补选后的{com}委员召开第一次全体会议，应到会{need(record.committee_size, '委员会组成人数')}人，"
             f"实到会{need(record.plenary_present, '全体会议实到人数')}人。会上，对{k or need(None, '新委员人数')}位新委员进行了分工，{roles}。"),
        Para("选举产生的委员名单请予以备案。"),
        Para("特此请示。妥否，请批示。"),
    )
    return Document(code=code, name=label, organization=name, title=f"关于{org_committee(org)}委员补选结果的请示", body=body,
                    addressee=need(ctx.addressee, "主送机关（上级党组织）"), letterhead=letterhead(org),
                    signature=(name,), dated=issued_date(ctx, need), missing=tuple(missing), warnings=tuple(warnings))
