"""What the election letters share: the committee's name, which flow applies, attendance, votes, posts.

Both the committee letters (``election_letters``) and the direct-election letters
(``direct_letters``) read an :class:`~model.election.record.ElectionRecord` through these.
"""

from __future__ import annotations

from dataclasses import replace

from model.election.direct import DIRECT_FLOW, leadership_flow
from model.election.record import ElectionRecord
from model.paperwork.document import DocContext, chinese_date, percent
from model.paperwork.founding import org_display_name, proposed_leadership
from model.planning.plan import Organization
from model.roster.values import Roster
from model.rules.policy import Policy

__all__ = [
    "committee_word",
    "org_committee",
    "is_direct",
    "flow_warning",
    "posts_phrase",
    "fill_from_roster",
    "direct_names",
    "attendance_text",
    "votes_summary",
    "election_mode",
    "date_conflicts",
]


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
        return [
            f"正式党员{org.formal_members}名，达到{t}名，应设委员会、差额选举委员；选举记录却按不设委员会直接选举书记，请核实。"
        ]
    return [
        f"正式党员{org.formal_members}名，不足{t}名，一般不设委员会，由党员大会直接选举书记；选举记录却按委员会选举，请核实。"
    ]


def posts_phrase(record: ElectionRecord) -> str:
    return "书记、副书记" if record.deputy else "书记"


def fill_from_roster(
    org: Organization, roster: Roster, policy: Policy, record: ElectionRecord
) -> tuple[ElectionRecord, list[str]]:
    """Term end from the roster; 书记/副书记 candidates from the proposed leadership, when unset."""
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


def direct_names(record: ElectionRecord) -> ElectionRecord:
    """书记/副书记 candidates of a direct election: as given, else the first candidates in order."""
    c = record.candidates
    sec = record.secretary or (c[0] if c else None)
    dep = record.deputy or (c[1] if len(c) > 1 and c[1] != sec else None)
    return replace(record, secretary=sec, deputy=dep)


def attendance_text(record: ElectionRecord, need) -> tuple[str, list[str]]:
    """应到/实到 of the first round that counts, and warnings about the round in progress."""
    rounds = record.all_rounds()
    held = record.held_rounds()
    r = held[0] if held else (rounds[0] if rounds else {})
    due, present = r.get("eligible_due"), r.get("eligible_present")
    warnings = []
    if isinstance(due, int) and isinstance(present, int):
        pct = percent(present, due)
        ok = 5 * present > 4 * due  # 选举条例: 超过应到会人数的五分之四
        if not ok:
            warnings.append(
                f"实到会有选举权党员{present}人，未超过应到会{due}人的五分之四，会议无效，不应上报选举结果。"
            )
        share = f"{pct}%（{'超过五分之四' if ok else '未超过五分之四'}）"
    else:
        share = need(None, "实到会有选举权党员比例（缺计票结果）")
    text = (
        f"应到党员{need(record.members_due, '应到党员人数（含预备党员）')}名（其中有选举权党员{need(due, '应到会有选举权党员人数')}名），"
        f"实到党员{need(record.members_present, '实到党员人数（含预备党员）')}名（其中有选举权党员{need(present, '实到会有选举权党员人数')}名），"
        f"实到会有选举权党员占应到会有选举权党员{share}"
    )
    last = rounds[-1] if rounds else {}
    if last.get("meeting_valid", True) and last.get("election_valid") is False:
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
    """Votes of the first round, then each later round (再次投票 / 另行选举), and everyone elected
    (rounds that did not count — an invalid meeting, a void round — are left out)."""
    rounds = record.held_rounds()
    if not rounds or not rounds[0].get("votes"):
        return need(None, "各候选人得票数（缺计票结果）"), need(None, "当选人名单（缺计票结果）"), 0
    text = _votes_text(rounds[0]["votes"], rounds[0].get("candidates") or ())
    for r in rounds[1:]:
        won = list(r.get("elected") or ())
        text += (
            f"。经{r.get('round') or '另行选举'}，{_votes_text(r.get('votes') or {}, r.get('candidates') or ())}"
            + (f"，{'、'.join(won)}同志当选" if won else "")
        )
    elected = [n for r in rounds for n in (r.get("elected") or ())]
    return text, ("、".join(elected) if elected else need(None, "当选人名单")), len(elected)


def election_mode(record: ElectionRecord, default: str = "差额") -> str:
    """差额 or 等额: as counted in the first round that counts; before the vote, by the candidates
    (more candidates than seats is 差额); ``default`` when neither says."""
    held = record.held_rounds()
    if held and held[0].get("mode"):
        return str(held[0]["mode"])
    if record.candidates:
        return "差额" if len(record.candidates) > record.seats else "等额"
    return default


def date_conflicts(record: ElectionRecord, ctx: DocContext, *, request: bool) -> list[str]:
    """Dates that contradict each other: a 请示 for a meeting dated after the meeting it asks for, a result
    letter dated before the meeting it reports, a meeting before the previous election or after the term.

    >>> from datetime import date
    >>> rec = ElectionRecord("换届", 5, (), meeting_date=date(2026, 5, 6), previous=date(2027, 1, 1))
    >>> date_conflicts(rec, DocContext(issued=date(2026, 5, 1)), request=False)[0]
    '成文日期2026年5月1日早于所报告的党员大会（2026年5月6日），结果的请示应在会后成文，请核实。'
    """
    out: list[str] = []
    meeting, issued = record.meeting_date, ctx.issued
    if meeting and issued and request and issued > meeting:
        out.append(
            f"成文日期{chinese_date(issued)}晚于拟召开的党员大会（{chinese_date(meeting)}），请示应在会前报批，请核实。"
        )
    if meeting and issued and not request and issued < meeting:
        out.append(
            f"成文日期{chinese_date(issued)}早于所报告的党员大会（{chinese_date(meeting)}），结果的请示应在会后成文，请核实。"
        )
    if meeting and record.previous and meeting <= record.previous:
        out.append(f"党员大会日期{chinese_date(meeting)}不晚于上届选举日期{chinese_date(record.previous)}，请核实。")
    return out
