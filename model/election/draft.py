"""The election in progress on the page (选举草稿): one frozen, typed value; every step returns a new one.

A draft is the round being prepared or counted (members, seats, candidates, ballots or a
tally), the rounds already held (``history``), and what the result letters need (meeting
date, 书记/副书记 and their votes, plenary attendance, the division of work). Its JSON form
(``to_dict``) is the election file of docs/formats.md §4 plus those keys — what the workspace
stores and what :func:`model.election.record.parse_record` reads for the paperwork — so a
stored draft and a hand-written election file are read the same way.

Two flows (docs/rules.md §3): ``"委员会"`` (差额 committee election, then the first plenary
elects 书记/副书记 等额) and ``"直接选举"`` (a branch without a committee: the members' meeting
elects the posts 书记 and 副书记 itself, 等额).

>>> d = ElectionDraft.new("甲学会党支部", "党支部")
>>> d = d.with_setup(members=[Voter(f"党员{i}") for i in range(5)], seats=1, mode="差额",
...                  candidates=["党员0", "党员1"])
>>> for marks in ({"党员0": "赞成"}, {"党员0": "赞成", "党员1": "不赞成"}, {"党员0": "赞成"}, {"党员1": "赞成"}):
...     d = d.cast_ballot(marks)
>>> d.ballot_count, d.count().elected
(4, ('党员0',))
>>> d.undo_ballot().ballot_count, d.ballot_count
(3, 4)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from model.election.ballot import Ballot
from model.election.counting import ElectionResult, count_election, next_round, parse_election
from model.election.direct import COMMITTEE_FLOW, DIRECT_FLOW, POSTS, direct_outcome
from model.election.electorate import Electorate, Voter, electorate_from_members, voter_from_dict, voter_to_dict
from model.election.record import CHANGE, ElectionRecord, parse_record
from model.election.stroke_order import stroke_sorted
from model.findings import InputError

__all__ = [
    "ElectionDraft",
    "ArchivedRound",
    "MARKS",
    "BALLOTS",
    "TALLY",
    "split_names",
    "elected_all",
]

# How a ballot marks a candidate (选票上的 赞成/不赞成/弃权) -> the key of docs/formats.md §4.
MARKS: dict[str, str] = {"赞成": "yes", "不赞成": "no", "弃权": "abstain"}
BALLOTS, TALLY = "ballots", "tally"  # how the votes are entered: ballot by ballot, or totals per person


def split_names(text: str) -> tuple[str, ...]:
    """Names typed in one box, separated by commas (full-width or not) or 、.

    >>> split_names(" 周九，吴十, 郑一、 ")
    ('周九', '吴十', '郑一')
    """
    for sep in ("，", "、"):
        text = text.replace(sep, ",")
    return tuple(n.strip() for n in text.split(",") if n.strip())


def elected_all(rounds: Iterable[ElectionResult]) -> list[str]:
    """Everyone elected over all rounds, in order."""
    return [n for r in rounds for n in r.elected]


@dataclass(frozen=True, slots=True)
class ArchivedRound:
    """A round already held: its input (docs/formats.md §4, as canonical JSON text) and its counted result."""

    spec_json: str

    @classmethod
    def of(cls, spec: Mapping) -> ArchivedRound:
        return cls(json.dumps(spec, ensure_ascii=False, sort_keys=True))

    @property
    def spec(self) -> dict:
        return json.loads(self.spec_json)

    def result(self) -> ElectionResult:
        return count_election(parse_election(self.spec))

    def to_dict(self) -> dict:
        return {"spec": self.spec, "result": self.result().to_dict()}


@dataclass(frozen=True, slots=True)
class ElectionDraft:
    """One organization's election being prepared, counted and written up."""

    organization: str
    org_kind: str
    kind: str = CHANGE  # 换届 / 补选
    flow: str = COMMITTEE_FLOW  # 委员会 / 直接选举
    seats: int = 5
    candidates: tuple[str, ...] = ()
    mode: str = "差额"
    round: str = "选举"
    members: tuple[Voter, ...] = ()
    scrutineers: tuple[str, ...] = ()
    posts: tuple[tuple[str, str], ...] = ()  # direct flow: (post, candidate)
    min_seats: int | None = None
    elected_before: int = 0  # members elected in earlier rounds (the body's seats = seats + elected_before)
    committee_size: int | None = None  # 补选: the committee's size
    reason: str | None = None  # 补选: why the seats are vacant (委员空缺的原因)
    eligible_due: int | None = None  # only when no members are listed
    eligible_present: int | None = None
    quorum: str | None = None
    entry: str = BALLOTS
    ballots: tuple[Ballot, ...] = ()
    ballots_issued: int | None = None
    tally: tuple[tuple[str, int], ...] = ()
    ballots_returned: int = 0
    invalid_ballots: int = 0
    history: tuple[ArchivedRound, ...] = ()
    date: str | None = None  # ISO date of the members' meeting
    previous: str | None = None  # ISO date of the previous election (上届选举日期, for 模板4/7)
    secretary: str | None = None
    secretary_votes: int | None = None
    deputy: str | None = None
    deputy_votes: int | None = None
    plenary_present: int | None = None
    division: tuple[tuple[str, str], ...] = ()  # (duty, name)
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # unknown stored keys, kept as JSON

    # ---- making one ----

    @classmethod
    def new(cls, organization: str, org_kind: str, kind: str = CHANGE, flow: str = COMMITTEE_FLOW) -> ElectionDraft:
        """An empty election for one organization: 5 seats 差额 (换届), 1 seat 等额 (补选 and the direct flow).

        >>> d = ElectionDraft.new("J001 联合党支部", "联合党支部", flow="直接选举")
        >>> d.flow, d.seats, d.mode, d.posts
        ('直接选举', 1, '等额', ())
        """
        if flow == DIRECT_FLOW:
            return cls(organization, org_kind, CHANGE, DIRECT_FLOW, seats=1, mode="等额", round="选举")
        change = kind == CHANGE
        return cls(
            organization,
            org_kind,
            kind,
            COMMITTEE_FLOW,
            seats=5 if change else 1,
            mode="差额" if change else "等额",
            round="选举" if change else "补选",
        )

    @classmethod
    def from_dict(cls, d: Mapping) -> ElectionDraft:
        """The draft of a stored election (a document saved before the flows were told apart is a committee one)."""
        known = {f for f in cls.__dataclass_fields__ if f != "extra"} | {"result", "members_due", "members_present"}
        history = tuple(ArchivedRound.of(h["spec"]) for h in d.get("history") or () if isinstance(h, Mapping))
        return cls(
            organization=str(d.get("organization", "")),
            org_kind=str(d.get("org_kind", "")),
            kind=str(d.get("kind") or CHANGE),
            flow=str(d.get("flow") or COMMITTEE_FLOW),
            seats=int(d.get("seats") or 1),
            candidates=tuple(str(c) for c in d.get("candidates") or ()),
            mode=str(d.get("mode") or "差额"),
            round=str(d.get("round") or "选举"),
            members=tuple(voter_from_dict(m) for m in d.get("members") or () if isinstance(m, Mapping)),
            scrutineers=tuple(str(s) for s in d.get("scrutineers") or ()),
            posts=tuple((str(p), str(n)) for p, n in (d.get("posts") or {}).items()),
            min_seats=d.get("min_seats"),
            elected_before=int(d.get("elected_before") or 0),
            committee_size=d.get("committee_size"),
            reason=d.get("reason") or None,
            eligible_due=d.get("eligible_due"),
            eligible_present=d.get("eligible_present"),
            quorum=d.get("quorum"),
            entry=TALLY if d.get("entry") == TALLY else BALLOTS,
            ballots=tuple(_ballot(b) for b in d.get("ballots") or () if isinstance(b, Mapping)),
            ballots_issued=d.get("ballots_issued"),
            tally=tuple((str(n), int(v or 0)) for n, v in (d.get("tally") or {}).items()),
            ballots_returned=int(d.get("ballots_returned") or 0),
            invalid_ballots=int(d.get("invalid_ballots") or 0),
            history=history,
            date=d.get("date"),
            previous=d.get("previous"),
            secretary=d.get("secretary"),
            secretary_votes=d.get("secretary_votes"),
            deputy=d.get("deputy"),
            deputy_votes=d.get("deputy_votes"),
            plenary_present=d.get("plenary_present"),
            division=tuple((str(k), str(v)) for k, v in (d.get("division") or {}).items()),
            extra=tuple((k, json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in d.items() if k not in known),
        )

    def to_dict(self) -> dict:
        """The stored form: docs/formats.md §4 for the round in progress, plus the draft's own keys.

        ``result`` (the round in progress, counted) is written once anything was cast or tallied,
        so the paperwork never reads a result of ballots that were not there.
        """
        d: dict[str, Any] = {k: json.loads(v) for k, v in self.extra}
        d.update(
            organization=self.organization,
            org_kind=self.org_kind,
            kind=self.kind,
            flow=self.flow,
            seats=self.seats,
            candidates=list(self.candidates),
            mode=self.mode,
            round=self.round,
            members=[voter_to_dict(m) for m in self.members],
            ballots=[b.to_dict() for b in self.ballots],
            history=[h.to_dict() for h in self.history],
            entry=self.entry,
        )
        if self.flow == DIRECT_FLOW:
            d["posts"] = dict(self.posts)
        if self.members:
            e = self.electorate()
            d.update(members_due=e.members_due, members_present=e.members_present)
        optional = {
            "scrutineers": list(self.scrutineers),
            "min_seats": self.min_seats,
            "elected_before": self.elected_before or None,
            "committee_size": self.committee_size,
            "reason": self.reason,
            "eligible_due": self.eligible_due,
            "eligible_present": self.eligible_present,
            "quorum": self.quorum,
            "ballots_issued": self.ballots_issued,
            "tally": dict(self.tally),
            "ballots_returned": self.ballots_returned,
            "invalid_ballots": self.invalid_ballots,
            "date": self.date,
            "previous": self.previous,
            "secretary": self.secretary,
            "secretary_votes": self.secretary_votes,
            "deputy": self.deputy,
            "deputy_votes": self.deputy_votes,
            "plenary_present": self.plenary_present,
            "division": dict(self.division),
        }
        d.update({k: v for k, v in optional.items() if v not in (None, [], {})})
        if self.anything_cast:
            with suppress(InputError):  # the page shows what is wrong; nothing counted is stored
                d["result"] = self.count().to_dict()
        return d

    # ---- what it says ----

    @property
    def direct(self) -> bool:
        return self.flow == DIRECT_FLOW

    @property
    def ballot_count(self) -> int:
        """Ballots entered one by one so far in the round in progress."""
        return len(self.ballots)

    @property
    def anything_cast(self) -> bool:
        """Whether any vote of the round in progress was entered (a ballot, a tally, returned ballots)."""
        if self.entry == TALLY:
            return any(v for _, v in self.tally) or self.ballots_returned > 0
        return bool(self.ballots)

    def electorate(self) -> Electorate:
        """Who votes, who is excused and who has no vote, from the members."""
        return electorate_from_members(self.members)

    def present(self) -> int:
        """有选举权的实到会人数 (the default number of ballots issued)."""
        return self.electorate().present

    def issued(self) -> int:
        """发出选票张数: as entered, else one per voter present."""
        return self.present() if self.ballots_issued is None else self.ballots_issued

    def eligible_candidates(self) -> list[str]:
        """Members with 被选举权 (formal, not 留党察看, not suspended), in 姓氏笔画 order."""
        return stroke_sorted(self.electorate().names())

    def post_of(self) -> dict[str, str]:
        """candidate -> post, for the direct flow's ballot."""
        return {n: p for p, n in self.posts}

    def round_input(self) -> dict:
        """The docs/formats.md §4 input of the round in progress."""
        d: dict[str, Any] = {"seats": self.seats, "candidates": list(self.candidates), "mode": self.mode}
        d["round"] = self.round
        if self.quorum:
            d["quorum"] = self.quorum
        if self.scrutineers:
            d["scrutineers"] = list(self.scrutineers)
        if self.min_seats:
            d["min_seats"] = self.min_seats
        if self.elected_before:
            d["elected_before"] = self.elected_before
        if self.ballots_issued:
            d["ballots_issued"] = self.ballots_issued
        if self.members:
            d["members"] = [voter_to_dict(m) for m in self.members]
        else:
            d["eligible_due"] = self.eligible_due or 0
            d["eligible_present"] = self.eligible_present or 0
        if self.entry == TALLY:
            d.update(
                tally=dict(self.tally), ballots_returned=self.ballots_returned, invalid_ballots=self.invalid_ballots
            )
        else:
            d["ballots"] = [b.to_dict() for b in self.ballots]
        return d

    def count(self) -> ElectionResult:
        """The round in progress, counted (raises InputError naming each bad value)."""
        return count_election(parse_election(self.round_input()))

    def results(self) -> list[ElectionResult]:
        """Every round's result in order: the rounds held, then the round in progress."""
        return [h.result() for h in self.history] + [self.count()]

    def record(self) -> ElectionRecord:
        """What the paperwork reads of this election (the same reader as for an election file)."""
        return parse_record(self.to_dict(), self.organization)

    # ---- steps: each returns a new draft ----

    def adopt_flow(self, flow: str) -> ElectionDraft:
        """This draft if it follows ``flow``; else a fresh one of that flow keeping the members."""
        if self.flow == flow:
            return self
        return replace(ElectionDraft.new(self.organization, self.org_kind, self.kind, flow), members=self.members)

    def with_members(self, members: Iterable[Voter]) -> ElectionDraft:
        """The members of the organization as entered (who votes, who is present or excused)."""
        return replace(self, members=tuple(members))

    def with_setup(
        self,
        *,
        members: Iterable[Voter],
        seats: int,
        mode: str,
        candidates: Iterable[str],
        scrutineers: Iterable[str] = (),
        committee_size: int | None = None,
        min_seats: int | None = None,
        reason: str | None = None,
    ) -> ElectionDraft:
        """Step 1 of the committee flow: the electorate, the seats, the way of electing, the candidates."""
        return replace(
            self,
            members=tuple(members),
            seats=int(seats),
            mode=mode,
            candidates=tuple(stroke_sorted(candidates)),
            scrutineers=tuple(scrutineers),
            committee_size=self.committee_size if committee_size is None else int(committee_size),
            min_seats=min_seats,
            reason=self.reason if reason is None else (reason.strip() or None),
        )

    def with_posts(
        self, posts: Mapping[str, str], members: Iterable[Voter] | None = None, scrutineers: Iterable[str] = ()
    ) -> ElectionDraft:
        """Step 1 of the direct flow: 等额, one candidate per post not filled in an earlier round.

        >>> d = ElectionDraft.new("甲", "党支部", flow="直接选举").with_posts({"书记": "张三", "副书记": ""})
        >>> d.posts, d.candidates, d.seats, d.mode
        ((('书记', '张三'),), ('张三',), 1, '等额')
        """
        clean = tuple((p, str(posts[p]).strip()) for p in POSTS if str(posts.get(p) or "").strip())
        done = {n for h in self.history for n in h.result().elected}
        cands = tuple(n for _, n in clean if n not in done)
        return replace(
            self,
            flow=DIRECT_FLOW,
            posts=clean,
            candidates=cands,
            seats=max(len(cands), 1),
            mode="等额",
            members=self.members if members is None else tuple(members),
            scrutineers=tuple(scrutineers),
            min_seats=None,
        )

    def with_entry(self, entry: str, issued: int | None = None) -> ElectionDraft:
        """How votes are entered (``BALLOTS`` or ``TALLY``) and how many ballots were issued."""
        return replace(self, entry=TALLY if entry == TALLY else BALLOTS, ballots_issued=issued)

    def cast_ballot(self, marks: Mapping[str, str | None], write_in: str | Iterable[str] = "") -> ElectionDraft:
        """One more ballot as it was marked: ``marks`` maps a candidate to 赞成/不赞成/弃权 (unmarked: not
        chosen); ``write_in`` the people written in (另选他人), typed in one box or as a list."""
        chosen = {key: tuple(c for c in self.candidates if marks.get(c) == mark) for mark, key in MARKS.items()}
        names = split_names(write_in) if isinstance(write_in, str) else tuple(n.strip() for n in write_in if n.strip())
        ballot = Ballot(yes=chosen["yes"], no=chosen["no"], abstain=chosen["abstain"], write_in=names)
        return replace(self, entry=BALLOTS, ballots=self.ballots + (ballot,))

    def undo_ballot(self) -> ElectionDraft:
        """The last ballot taken back (unchanged when none was entered)."""
        return replace(self, ballots=self.ballots[:-1])

    def with_tally(self, votes: Iterable[tuple[str, int | None]], returned: int, invalid: int) -> ElectionDraft:
        """Totals per person (blank names skipped; write-ins may be added), ballots returned and invalid."""
        tally = tuple((str(n).strip(), int(v or 0)) for n, v in votes if str(n or "").strip())
        return replace(self, entry=TALLY, tally=tally, ballots_returned=int(returned), invalid_ballots=int(invalid))

    def tally_names(self) -> list[str]:
        """The rows of the tally table: the candidates, then anyone else already given votes."""
        return list(self.candidates) + [n for n, _ in self.tally if n not in self.candidates]

    def advance(self, result: ElectionResult, extra_candidates: tuple[str, ...] = ()) -> ElectionDraft:
        """The round in progress archived and the next one (再次投票, 另行选举 or a re-run) set up with no
        votes; unchanged when nothing is left to elect."""
        nxt = next_round(result, extra_candidates)
        if nxt is None:
            return self
        return replace(
            self,
            history=self.history + (ArchivedRound.of(self.round_input()),),
            seats=nxt.seats,
            candidates=tuple(stroke_sorted(nxt.candidates)),
            round=nxt.round_kind,
            elected_before=nxt.elected_before,
            ballots=(),
            tally=(),
            ballots_returned=0,
            invalid_ballots=0,
            ballots_issued=None,
        )

    def with_meeting_date(self, day: date | None) -> ElectionDraft:
        return replace(self, date=day.isoformat() if day else None)

    def meeting_date(self) -> date | None:
        """The stored meeting date (None when unset or unreadable)."""
        return _iso(self.date)

    def with_previous(self, day: date | None) -> ElectionDraft:
        return replace(self, previous=day.isoformat() if day else None)

    def previous_date(self) -> date | None:
        """The stored date of the previous election (None when unset or unreadable)."""
        return _iso(self.previous)

    def with_plenary(
        self,
        *,
        present: int | None,
        secretary: str | None = None,
        secretary_votes: int | None = None,
        deputy: str | None = None,
        deputy_votes: int | None = None,
        division: Mapping[str, str] | None = None,
    ) -> ElectionDraft:
        """The first plenary: attendance, 书记/副书记 and their votes, the division of work ({duty: name})."""
        return replace(
            self,
            plenary_present=present,
            secretary=secretary,
            secretary_votes=secretary_votes,
            deputy=deputy,
            deputy_votes=deputy_votes if deputy else None,
            division=tuple((division or {}).items()),
        )

    def with_officers(self, rounds: list[ElectionResult]) -> ElectionDraft:
        """The direct flow's 书记/副书记 and their votes, from the rounds held."""
        out = direct_outcome(dict(self.posts), rounds)
        return replace(
            self,
            secretary=out.holder("书记"),
            secretary_votes=out.votes("书记"),
            deputy=out.holder("副书记"),
            deputy_votes=out.votes("副书记"),
        )


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _ballot(d: Mapping) -> Ballot:
    def names(key: str) -> tuple[str, ...]:
        value = d.get(key) or ()
        return tuple(str(n) for n in value) if isinstance(value, list | tuple) else (str(value),)

    return Ballot(yes=names("yes"), no=names("no"), abstain=names("abstain"), write_in=names("write_in"))
