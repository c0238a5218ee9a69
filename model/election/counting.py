"""Counting an election by the rules (docs/rules.md §4, docs/formats.md §4).

``ElectionSpec.from_dict`` reads the input (every error with its JSON path),
``count_election`` applies quorum, candidate list, round validity, ballot validity,
tally, threshold, ranking, tie at the cut-off and shortfall; ``next_round`` builds the
re-vote (再次投票) or further round (另行选举). Integers only: ``5*present > 4*due``,
``2*yes > present``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from model.election.ballot import ELECTION_RULES as R
from model.election.ballot import judge_ballot
from model.election.electorate import check_candidate_count, check_scrutineers, required_candidates
from model.election.spec import ElectionSpec, parse_election

__all__ = [
    "ElectionSpec",
    "ElectionResult",
    "count_election",
    "parse_election",
    "quorum_met",
    "is_elected",
    "min_present",
    "min_votes",
    "next_round",
    "reduction_allowed",
]


def quorum_met(present: int, due: int, rule: str = "五分之四") -> bool:
    """The meeting may elect: 5*present > 4*due (or 2*present > due for a committee).

    >>> quorum_met(8, 10), quorum_met(9, 10), quorum_met(3, 5, "过半数"), quorum_met(2, 4, "过半数")
    (False, True, True, False)
    """
    if rule == "过半数":
        return 2 * present > due
    return 5 * present > 4 * due


def min_present(due: int, rule: str = "五分之四") -> int:
    """Fewest present voters that make the meeting valid.

    >>> min_present(10), min_present(30), min_present(5, "过半数")
    (9, 25, 3)
    """
    return due // 2 + 1 if rule == "过半数" else 4 * due // 5 + 1


def is_elected(yes: int, present: int) -> bool:
    """More than half of the present voters: 2*yes > present (exactly half fails).

    >>> is_elected(13, 26), is_elected(14, 26)
    (False, True)
    """
    return 2 * yes > present


def min_votes(present: int) -> int:
    """Fewest 赞成 votes that elect.

    >>> min_votes(26), min_votes(25)
    (14, 13)
    """
    return present // 2 + 1


@dataclass(frozen=True, slots=True)
class ElectionResult:
    """The outcome of one round (docs/formats.md §4 output keys, and more)."""

    meeting_valid: bool
    candidates_ok: bool
    election_valid: bool
    eligible_due: int
    eligible_present: int
    ballots_issued: int
    ballots_returned: int
    valid_ballots: int
    invalid_ballots: int
    votes: tuple[tuple[str, int], ...]
    elected: tuple[str, ...]
    revote: tuple[str, ...]
    revote_seats: int
    unfilled: int
    seats: int
    mode: str
    round_kind: str
    candidates: tuple[str, ...]
    messages: tuple[str, ...]
    options: tuple[str, ...] = ()
    invalid_detail: tuple[tuple[int, str], ...] = field(default=())  # (ballot index 0-based, reason)
    spec: ElectionSpec | None = field(default=None, compare=False, repr=False)

    def votes_of(self, name: str) -> int:
        return dict(self.votes).get(name, 0)

    @property
    def percent_present(self) -> float:
        """实到会 ÷ 应到会 × 100 (0 when nobody is due)."""
        return 100.0 * self.eligible_present / self.eligible_due if self.eligible_due else 0.0

    def to_dict(self) -> dict:
        return {
            "meeting_valid": self.meeting_valid,
            "candidates_ok": self.candidates_ok,
            "election_valid": self.election_valid,
            "eligible_due": self.eligible_due,
            "eligible_present": self.eligible_present,
            "ballots_issued": self.ballots_issued,
            "ballots_returned": self.ballots_returned,
            "valid_ballots": self.valid_ballots,
            "invalid_ballots": self.invalid_ballots,
            "votes": dict(self.votes),
            "elected": list(self.elected),
            "revote": list(self.revote),
            "revote_seats": self.revote_seats,
            "unfilled": self.unfilled,
            "seats": self.seats,
            "mode": self.mode,
            "round": self.round_kind,
            "candidates": list(self.candidates),
            "messages": list(self.messages),
            "options": list(self.options),
            "invalid_detail": [{"ballot": i, "reason": r} for i, r in self.invalid_detail],
        }


def _tally(spec: ElectionSpec) -> tuple[dict[str, int], int, list[tuple[int, str]], list[str]]:
    """(votes, valid ballots, invalid detail, notes) from ballots or from the given tallies."""
    notes: list[str] = []
    if spec.tally is not None:
        return dict(spec.tally), spec.returned - spec.invalid_given, [], notes
    votes: dict[str, int] = {}
    invalid: list[tuple[int, str]] = []
    void_write_ins = 0
    for i, ballot in enumerate(spec.ballots):
        verdict = judge_ballot(ballot, spec.seats)
        void_write_ins += len(verdict.void_write_ins)
        if not verdict.valid:
            invalid.append((i, verdict.reason))
            continue
        for name in verdict.counted:
            votes[name] = votes.get(name, 0) + 1
    if void_write_ins:
        notes.append(
            f"有{void_write_ins}个另选人未对应“不赞成”标记，另选无效，不计票，选票其余部分有效（{R['write_in']}）"
        )
    return votes, len(spec.ballots) - len(invalid), invalid, notes


def _order(votes: dict[str, int], candidates: tuple[str, ...]) -> list[str]:
    """Names by votes, then in the candidate list's order (write-ins after), then by name."""
    pos = {c: i for i, c in enumerate(candidates)}
    return sorted(votes, key=lambda n: (-votes[n], pos.get(n, len(pos)), n))


def count_election(spec: ElectionSpec) -> ElectionResult:
    """Count one round.

    >>> spec = ElectionSpec.from_dict({"seats": 1, "candidates": ["甲", "乙"], "eligible_due": 5,
    ...     "eligible_present": 5, "ballots": [{"yes": ["甲"]}] * 3 + [{"yes": ["乙"]}] * 2})
    >>> r = count_election(spec)
    >>> r.elected, r.unfilled, dict(r.votes)
    (('甲',), 0, {'甲': 3, '乙': 2})
    """
    due, present, seats = spec.eligible_due, spec.eligible_present, spec.seats
    msgs: list[str] = list(spec.notes)
    meeting_valid = quorum_met(present, due, spec.quorum)
    body = "委员" if spec.quorum == "过半数" else "有选举权党员"
    if spec.quorum == "过半数":
        rule_text = f"超过应到会{due}人的半数（至少{min_present(due, spec.quorum)}人）"
        src = R["committee_quorum"]
    else:
        rule_text = f"超过应到会{due}人的五分之四（至少{min_present(due)}人）"
        src = R["quorum"]
    verdict = "会议有效" if meeting_valid else "未达到规定人数，会议无效，不能进行选举"
    msgs.append(f"实到会{body}{present}人，{'' if meeting_valid else '未'}{rule_text}，{verdict}（{src}）")
    if spec.round_kind == "再次投票":
        candidates_ok = len(spec.candidates) > seats
        msgs.append(
            f"再次投票：票数相等的{len(spec.candidates)}人竞争{seats}个名额"
            f"{'' if candidates_ok else '，人数不多于名额，无需再次投票'}（{R['ranking']}）"
        )
    else:
        candidates_ok, text = check_candidate_count(seats, len(spec.candidates), spec.mode)
        msgs.append(text)
    if spec.scrutineers:
        ok, text = check_scrutineers(spec.scrutineers, spec.candidates)
        msgs.append(text)
    returned = spec.returned
    round_valid = returned <= spec.issued
    if spec.issued > present:
        msgs.append(f"发出选票{spec.issued}张，多于实到会{body}{present}人，请核实")
    base = {
        "meeting_valid": meeting_valid,
        "candidates_ok": candidates_ok,
        "eligible_due": due,
        "eligible_present": present,
        "ballots_issued": spec.issued,
        "ballots_returned": returned,
        "seats": seats,
        "mode": spec.mode,
        "round_kind": spec.round_kind,
        "candidates": spec.candidates,
        "spec": spec,
    }
    if not meeting_valid or not round_valid:
        if meeting_valid:
            msgs.append(
                f"收回选票{returned}张，多于发出的{spec.issued}张，本轮选举无效，应当重新选举，不计票（{R['round']}）"
            )
        return ElectionResult(
            election_valid=False,
            valid_ballots=0,
            invalid_ballots=0,
            votes=(),
            elected=(),
            revote=(),
            revote_seats=0,
            unfilled=seats,
            messages=tuple(msgs),
            **base,
        )
    msgs.append(f"发出选票{spec.issued}张，收回{returned}张，收回数不多于发出数，选举有效（{R['round']}）")
    votes, valid, invalid, notes = _tally(spec)
    invalid_count = returned - valid
    msgs.extend(notes)
    if invalid_count:
        msgs.append(f"有效票{valid}张，无效票{invalid_count}张（{R['ballot']}）")
    order = _order(votes, spec.candidates)
    need = min_votes(present)
    qualified = [n for n in order if is_elected(votes[n], present)]
    for n in order:
        ok = is_elected(votes[n], present)
        msgs.append(
            f"{n}得赞成票{votes[n]}票，{'超过' if ok else '未超过'}实到会{body}{present}人的半数"
            f"（须至少{need}票）{'' if ok else '，不能当选'}（{R['threshold']}）"
        )
    elected, revote, held = qualified, [], 0
    if len(qualified) > seats:
        cut = votes[qualified[seats - 1]]
        above = [n for n in qualified if votes[n] > cut]
        tied = [n for n in qualified if votes[n] == cut]
        rest = seats - len(above)
        if len(tied) == rest:
            elected = above + tied
        else:
            elected, revote, held = above, tied, rest
            msgs.append(
                f"{'、'.join(tied)}均得{cut}票，票数相等，争{rest}个名额，无法确定当选人，"
                f"应就票数相等者再次投票（{R['ranking']}）"
            )
        passed_over = [n for n in qualified if n not in elected and n not in revote]
        if passed_over:
            msgs.append(
                f"得票超过半数者多于应选名额，按得票多少为序取足名额，{'、'.join(passed_over)}未当选（{R['ranking']}）"
            )
    unfilled = seats - len(elected) - held
    if elected:
        msgs.append(f"{'、'.join(elected)}等{len(elected)}人当选（按得票多少为序）")
    options: list[str] = []
    if unfilled:
        options = _shortfall_options(spec, len(elected) + held, unfilled)
        msgs.append(
            f"当选{len(elected)}人，不足应选名额{seats}名，缺额{unfilled}名；不得从得票未过半数者中"
            f"按得票多少补足（{R['shortfall']}）"
        )
        msgs.extend(options)
    return ElectionResult(
        election_valid=True,
        valid_ballots=valid,
        invalid_ballots=invalid_count,
        votes=tuple((n, votes[n]) for n in order),
        elected=tuple(elected),
        revote=tuple(revote),
        revote_seats=held,
        unfilled=unfilled,
        messages=tuple(msgs),
        options=tuple(options),
        invalid_detail=tuple(invalid),
        **base,
    )


COMMITTEE_MIN = 3  # a committee has at least 3 members (支部条例)


def reduction_allowed(seats: int, filled: int, min_seats: int | None) -> bool:
    """Seats may be reduced when the filled seats are close to the number (short by at most
    the 差额 margin ceil(seats/5)) and not below the body's minimum size. ``seats`` and ``filled``
    count the whole body (all rounds of the election); without a stated minimum a body of 3 or
    more seats is a committee and keeps at least 3.

    >>> reduction_allowed(5, 4, 3), reduction_allowed(5, 3, 3), reduction_allowed(3, 2, None)
    (True, False, False)
    """
    floor = min_seats or (COMMITTEE_MIN if seats >= COMMITTEE_MIN else 1)
    close = seats - filled <= (seats + 4) // 5
    return close and filled >= floor


def _shortfall_options(spec: ElectionSpec, filled: int, unfilled: int) -> list[str]:
    """What to do about unfilled seats, judged on the whole body (seats of every round together)."""
    need = required_candidates(unfilled, spec.mode)
    opts = [
        f"选项一：对缺额{unfilled}名另行选举，在未当选的人选中（经进一步酝酿）差额提出不少于{need}名候选人"
        f"（{R['shortfall']}）"
    ]
    body_seats = spec.seats + spec.elected_before
    body_filled = filled + spec.elected_before
    if reduction_allowed(body_seats, body_filled, spec.min_seats):
        opts.append(
            f"选项二：当选人数接近应选名额，经半数以上选举人同意，可减少名额为{body_filled}名，不再选举（{R['shortfall']}）"
        )
    else:
        least = spec.min_seats or (COMMITTEE_MIN if body_seats >= COMMITTEE_MIN else 1)
        opts.append(
            f"不能减少名额：当选人数与应选名额相差较大或将低于最低人数，委员会不得少于{least}人（{R['shortfall']}）"
        )
    return opts


def next_round(result: ElectionResult, extra_candidates: tuple[str, ...] = ()) -> ElectionSpec | None:
    """The next round's spec: a re-vote among the tied, or 另行选举 for the unfilled seats.

    The re-vote comes first (its seats are held); 另行选举 takes the not-elected by votes,
    keeping the 差额 over the remaining seats where enough people remain, plus any newly
    nominated ``extra_candidates``. A void round or an invalid meeting re-runs the same
    spec with no ballots. None when nothing is left to elect.
    """
    spec = result.spec
    if spec is None:
        return None
    fresh = {
        "ballots": (),
        "tally": None,
        "returned_given": None,
        "invalid_given": 0,
        "notes": (),
        "issued_given": None,
    }
    if not result.election_valid:
        return replace(spec, **fresh)
    before = spec.elected_before + len(result.elected)
    if result.revote:
        return replace(
            spec,
            seats=result.revote_seats,
            candidates=result.revote,
            round_kind="再次投票",
            scrutineers=spec.scrutineers,
            elected_before=before,
            **fresh,
        )
    if result.unfilled <= 0:
        return None
    taken = set(result.elected)
    pool = [n for n, _ in result.votes if n not in taken]
    pool += [c for c in spec.candidates if c not in taken and c not in pool]
    need = required_candidates(result.unfilled, spec.mode)
    extra = tuple(c for c in extra_candidates if c not in taken and c not in pool)
    chosen = tuple(pool[: max(need - len(extra), 0)]) + extra
    return replace(
        spec, seats=result.unfilled, candidates=chosen, round_kind="另行选举", elected_before=before, **fresh
    )
