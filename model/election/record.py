"""An election record: what the 换届/补选 paperwork needs to know about one election.

Read from the election JSON of docs/formats.md §4 plus these optional keys (all may be
missing; what a document needs and lacks becomes a reported blank):

``organization`` (plan id or name), ``kind`` ("换届" or "补选"; 补选 when
``vacancies`` is given), ``date`` (meeting), ``previous`` (上届选举日期),
``term_ends``, ``committee_size`` (补选), ``reason`` (补选原因),
``secretary`` / ``deputy`` (书记、副书记 candidates, or elected when the votes are
given as ``secretary_votes`` / ``deputy_votes``), ``plenary_present`` (first plenary
attendance), ``division`` ({"组织委员": "王五", …}), ``members_due`` /
``members_present`` (all members, 预备 included; derived from ``members`` when given),
and ``result`` (the docs/formats.md §4 output; counted by ``model.election.counting`` from
``ballots`` or ``tally`` when absent and any were cast), and ``history`` (earlier rounds
as ``{"spec": …, "result": …}``, as the election page stores them: the request uses
the first round's seats and candidates, the result letters every round), ``flow``
(``"委员会"`` or ``"直接选举"``: which election was held; absent = decided by the
organization's formal members) and ``posts`` ({"书记": …, "副书记": …}: the direct
election's candidates per post, read as ``secretary`` / ``deputy`` when those are absent).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from model.election.counting import ElectionResult, count_election, parse_election
from model.election.direct import FLOWS
from model.election.electorate import electorate_from_members, voter_from_dict
from model.election.plenary import PlenaryResult
from model.findings import ERROR, Finding, InputError

__all__ = ["ElectionRecord", "parse_record", "record_of_rounds", "check_record", "CHANGE", "BY_ELECTION"]

CHANGE, BY_ELECTION = "换届", "补选"


@dataclass(frozen=True, slots=True)
class ElectionRecord:
    """One election of one organization: the request's facts and, when held, its result."""

    kind: str
    seats: int
    candidates: tuple[str, ...]
    organization: str | None = None
    meeting_date: date | None = None
    previous: date | None = None
    term_ends: date | None = None
    committee_size: int | None = None
    reason: str = "工作变动"
    secretary: str | None = None
    deputy: str | None = None
    secretary_votes: int | None = None
    deputy_votes: int | None = None
    plenary_present: int | None = None
    division: tuple[tuple[str, str], ...] = ()
    members_due: int | None = None
    members_present: int | None = None
    result: dict | None = None  # the last (or only) round, docs/formats.md §4 output
    rounds: tuple[dict, ...] = ()  # earlier rounds' results (再次投票 / 另行选举 before ``result``)
    source: str = ""
    flow: str | None = None  # "委员会" / "直接选举"; None = by the organization's size

    def all_rounds(self) -> tuple[dict, ...]:
        """Every counted round, first to last."""
        return self.rounds + ((self.result,) if self.result else ())

    def held_rounds(self) -> tuple[dict, ...]:
        """The rounds that count: a valid meeting and a valid round (a void round is re-run)."""
        return tuple(r for r in self.all_rounds() if r.get("meeting_valid", True) and r.get("election_valid", True))


def _date(value, key: str, bad: list) -> date | None:
    if value in (None, ""):
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(value))
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    finally:
        if m is None:
            bad.append((key, f"应为日期（如2024-05-06），实际为“{value}”"))


def _int(value, key: str, bad: list, minimum: int = 0) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        bad.append((key, f"应为不小于{minimum}的整数，实际为“{value}”"))
        return None
    return value


def _count(spec: dict, source: str) -> dict:
    """Count the ballots (or tally) by the rules of ``model.election.counting``."""

    return count_election(parse_election(spec, source)).to_dict()


def parse_record(data: object, source: str = "") -> ElectionRecord:
    """An election record from its JSON dict; bad values raise InputError naming the key.

    >>> r = parse_record({"seats": 5, "candidates": ["甲", "乙", "丙", "丁", "戊", "己"], "date": "2024-05-06"})
    >>> r.kind, r.seats, r.meeting_date, r.result is None
    ('换届', 5, datetime.date(2024, 5, 6), True)
    >>> parse_record({"seats": 0, "candidates": []}, "e.json")
    Traceback (most recent call last):
    model.findings.InputError: e.json 列“seats”：应为不小于1的整数，实际为“0”
    """
    bad: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise InputError([Finding(ERROR, source, None, None, None, "选举文件应为 JSON 对象")])
    if isinstance(data.get("spec"), dict):  # a stored {"spec": …, "result": …} record
        data = {**data["spec"], **{k: v for k, v in data.items() if k != "spec"}}
    seats = _int(data.get("seats"), "seats", bad, 1)
    if "seats" not in data:
        bad.append(("seats", "缺少应选名额"))
    cands = data.get("candidates", [])
    if not isinstance(cands, list) or not all(isinstance(c, str) for c in cands):
        bad.append(("candidates", "应为姓名列表"))
        cands = []
    division = data.get("division") or {}
    if not isinstance(division, dict):
        bad.append(("division", "应为“职务: 姓名”对象"))
        division = {}
    flow = data.get("flow") or None
    if flow is not None and flow not in FLOWS:
        bad.append(("flow", f"应为“{FLOWS[0]}”或“{FLOWS[1]}”，实际为“{flow}”"))
        flow = None
    posts = data.get("posts") or {}
    if not isinstance(posts, dict):
        bad.append(("posts", "应为“职务: 姓名”对象"))
        posts = {}
    kind = str(data.get("kind") or (BY_ELECTION if "vacancies" in data else CHANGE))
    if kind not in (CHANGE, BY_ELECTION):
        bad.append(("kind", f"应为“换届”或“补选”，实际为“{kind}”"))
    members_due, members_present = data.get("members_due"), data.get("members_present")
    if isinstance(data.get("members"), list):
        voters = [voter_from_dict(m) for m in data["members"] if isinstance(m, dict)]
        e = electorate_from_members(voters)
        members_due, members_present = e.members_due, e.members_present
    result = data.get("result")
    if result is not None and not isinstance(result, dict):
        bad.append(("result", "应为计票结果对象"))
        result = None
    if result is None and "votes" in data and "elected" in data:
        result = data
    history = data.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        bad.append(("history", "应为各轮 {spec, result} 的列表"))
        history = []
    earlier = tuple(h["result"] for h in history if isinstance(h.get("result"), dict))
    first = history[0].get("spec") if history and isinstance(history[0].get("spec"), dict) else None
    if first is not None:  # the request names the first round's seats and candidates
        seats = _int(first.get("seats"), "history[0].spec.seats", bad, 1)
        cands = [c for c in first.get("candidates", []) if isinstance(c, str)]
    record = ElectionRecord(
        kind=kind,
        seats=seats or 1,
        candidates=tuple(c.strip() for c in cands),
        organization=(str(data["organization"]).strip() if data.get("organization") else None),
        meeting_date=_date(data.get("date"), "date", bad),
        previous=_date(data.get("previous"), "previous", bad),
        term_ends=_date(data.get("term_ends"), "term_ends", bad),
        committee_size=_int(data.get("committee_size"), "committee_size", bad, 1),
        reason=str(data.get("reason") or "工作变动"),
        secretary=data.get("secretary") or posts.get("书记") or None,
        deputy=data.get("deputy") or posts.get("副书记") or None,
        secretary_votes=_int(data.get("secretary_votes"), "secretary_votes", bad),
        deputy_votes=_int(data.get("deputy_votes"), "deputy_votes", bad),
        plenary_present=_int(data.get("plenary_present"), "plenary_present", bad),
        division=tuple((str(k), str(v)) for k, v in division.items()),
        members_due=_int(members_due, "members_due", bad),
        members_present=_int(members_present, "members_present", bad),
        result=result,
        rounds=earlier,
        source=source,
        flow=flow,
    )
    if bad:
        raise InputError([Finding(ERROR, source, None, None, k, msg) for k, msg in bad])
    if record.result is None and (data.get("ballots") or data.get("tally")):  # nothing cast: not held yet
        record = replace(record, result=_count(data, source))
    return check_record(record)


def record_of_rounds(
    rounds: ElectionResult | Sequence[ElectionResult],
    *,
    kind: str = CHANGE,
    flow: str | None = None,
    plenary: PlenaryResult | None = None,
    **facts,
) -> ElectionRecord:
    """The record of counted rounds (the first names seats and candidates, the last is ``result``),
    with the plenary's officers and duties and any other field of ElectionRecord in ``facts``.

    >>> from model.election.spec import ElectionSpec
    >>> r = count_election(ElectionSpec.from_dict({"seats": 1, "candidates": ["甲", "乙"], "eligible_due": 3,
    ...                                            "eligible_present": 3, "ballots": [{"yes": ["甲"]}] * 2}))
    >>> rec = record_of_rounds(r, meeting_date=date(2026, 5, 6))
    >>> rec.seats, rec.candidates, rec.result["elected"], rec.meeting_date
    (1, ('甲', '乙'), ['甲'], datetime.date(2026, 5, 6))
    """
    rounds = (rounds,) if isinstance(rounds, ElectionResult) else tuple(rounds)
    first = rounds[0]
    if plenary is not None:
        officers = {o.post: o for o in plenary.officers if o.elected}
        sec, dep = officers.get("书记"), officers.get("副书记")
        facts = {
            "secretary": sec.candidate if sec else None,
            "secretary_votes": sec.votes if sec else None,
            "deputy": dep.candidate if dep else None,
            "deputy_votes": dep.votes if dep else None,
            "plenary_present": plenary.present,
            "division": tuple((d, n) for n, d in plenary.duties),
            **facts,
        }
    spec = first.spec
    if spec is not None:
        facts.setdefault("members_due", spec.members_due)
        facts.setdefault("members_present", spec.members_present)
    return ElectionRecord(
        kind=kind,
        seats=first.seats,
        candidates=first.candidates,
        result=rounds[-1].to_dict(),
        rounds=tuple(r.to_dict() for r in rounds[:-1]),
        flow=flow,
        **facts,
    )


def _rule_errors(record: ElectionRecord) -> list[tuple[str, str]]:
    """What the regulation forbids in a record, as (key, message naming the rule)."""
    out: list[tuple[str, str]] = []
    rounds = record.all_rounds()
    if not rounds:
        return out
    first = rounds[0]
    held = [r for r in rounds if r.get("meeting_valid", True) and r.get("election_valid", True)]
    if not held:
        due, present = first.get("eligible_due"), first.get("eligible_present")
        if first.get("meeting_valid") is False and isinstance(due, int) and isinstance(present, int):
            out.append(
                (
                    "result",
                    f"会议无效：实到会有选举权党员{present}人，未超过应到会{due}人的五分之四"
                    "（选举条例：有选举权的到会人数须超过应到会人数的五分之四），不能上报选举结果，应重新召开会议",
                )
            )
        else:
            out.append(
                ("result", "本次选举无效（选举条例：收回选票多于发出选票的，选举无效），不能上报选举结果，应重新选举")
            )
        return out
    elected = [n for r in held for n in (r.get("elected") or ())]
    committee = record.kind == CHANGE and record.flow != FLOWS[1]
    present = record.plenary_present
    if committee and present is not None and elected:
        if present > len(elected):
            out.append(("plenary_present", f"全体会议实到{present}人，多于新当选委员{len(elected)}人"))
        elif 2 * present <= len(elected):
            out.append(
                (
                    "plenary_present",
                    f"全体会议实到{present}人，未超过委员{len(elected)}人的半数，不能选举书记、副书记"
                    "（支部条例 第十二条：委员会会议须有半数以上委员到会）",
                )
            )
    if record.secretary and record.deputy and record.secretary == record.deputy:
        out.append(("deputy", f"{record.deputy}同志不能同时当选书记和副书记"))
    for post, name, votes, key in (
        ("书记", record.secretary, record.secretary_votes, "secretary"),
        ("副书记", record.deputy, record.deputy_votes, "deputy"),
    ):
        if not name or votes is None:
            continue  # a candidate before the vote, not an election result
        if record.kind == CHANGE and name not in elected:
            body = "委员会委员" if committee else "党员大会选举中"
            out.append((key, f"{name}同志未当选{body}，不能当选{post}（书记、副书记须从当选委员中等额选举产生）"))
        elif committee and present is not None and votes > present:
            out.append((f"{key}_votes", f"{name}同志得{votes}票，多于全体会议实到{present}人"))
        elif committee and present is not None and 2 * votes <= present:
            out.append(
                (
                    f"{key}_votes",
                    f"{name}同志得{votes}票，未超过实到会委员{present}人的半数，不能当选{post}"
                    "（选举条例：赞成票超过实到会人数的一半始得当选）",
                )
            )
    size = record.committee_size
    if record.kind == BY_ELECTION and size is not None and present is not None and present > size:
        out.append(("plenary_present", f"全体会议实到{present}人，多于委员会组成人数{size}人"))
    return out


def check_record(record: ElectionRecord) -> ElectionRecord:
    """The record, or InputError with one line per thing the regulation forbids (each naming its rule):
    a result of an invalid meeting or round, a 书记/副书记 not elected to the committee or elected
    without a quorate plenary or without more than half of those present."""
    bad = _rule_errors(record)
    if bad:
        raise InputError([Finding(ERROR, record.source, None, None, k, msg) for k, msg in bad])
    return record
