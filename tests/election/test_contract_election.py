"""Contract regressions for elections (docs/rules.md §4, docs/formats.md §4): found by hostile CLI runs."""

from __future__ import annotations

import pytest

from model.election.ballot import Ballot, judge_ballot
from model.election.counting import count_election
from model.election.spec import parse_election
from model.findings import InputError

BASE = {"seats": 2, "candidates": ["甲", "乙", "丙"], "eligible_due": 10, "eligible_present": 10}


def test_yes_plus_unsanctioned_write_in_over_seats_voids_the_ballot():
    """It voids a ballot with 2 赞成 and a write-in (no 不赞成) for 2 seats: it chose 3 people."""
    assert judge_ballot(Ballot(yes=("甲", "乙"), write_in=("周",)), seats=2).valid is False
    spec = parse_election({**BASE, "ballots": [{"yes": ["甲", "乙"], "write_in": ["周"]}] + [{"yes": ["甲"]}] * 9})
    result = count_election(spec)
    assert (result.valid_ballots, result.invalid_ballots) == (9, 1)
    assert dict(result.votes).get("乙", 0) == 0 and dict(result.votes)["甲"] == 9


def test_write_in_within_seats_without_no_stays_void_but_ballot_counts():
    """It keeps a ballot with 1 赞成 and an unsanctioned write-in for 2 seats, not counting the write-in."""
    verdict = judge_ballot(Ballot(yes=("甲",), write_in=("周",)), seats=2)
    assert verdict.valid and verdict.counted == ("甲",) and verdict.void_write_ins == ("周",)


def test_member_status_spelled_zhengshi_dangyuan_votes():
    """It counts members whose status reads 正式党员 or ' 正式 ' as voters, and 预备党员 as not."""
    members = [
        {"name": "a", "status": "正式党员", "present": True},
        {"name": "b", "status": " 正式 ", "present": True},
        {"name": "c", "status": "预备党员", "present": True},
    ]
    spec = parse_election({"seats": 1, "candidates": ["甲", "乙"], "members": members})
    assert (spec.eligible_due, spec.eligible_present) == (2, 2)


@pytest.mark.parametrize(
    "member, path",
    [
        ({"name": "a", "present": False, "excused": True}, "members[0].excused"),
        ({"name": "a", "present": True, "discipline": 1}, "members[0].discipline"),
        ({"name": "a", "present": True, "suspended": "false"}, "members[0].suspended"),
        ({"name": "a", "present": True, "status": "见习"}, "members[0].status"),
        ({"name": "a", "present": True, "status": ["正式"]}, "members[0].status"),
    ],
)
def test_badly_typed_member_fields_are_input_errors(member, path):
    """It raises InputError naming the JSON path for a mistyped member field instead of crashing or guessing."""
    with pytest.raises(InputError) as exc:
        parse_election({"seats": 1, "candidates": ["甲", "乙"], "members": [member]}, source="e.json")
    assert any(f.message.startswith(path + "：") and f.file == "e.json" for f in exc.value.findings)


def test_present_above_due_is_an_input_error():
    """It refuses eligible_present greater than eligible_due (present voters are part of 应到会)."""
    with pytest.raises(InputError) as exc:
        parse_election({**BASE, "eligible_due": 2, "eligible_present": 3})
    assert exc.value.findings[0].message.startswith("eligible_present：")


def test_unknown_ballot_key_is_an_input_error():
    """It refuses a ballot key other than yes/no/abstain/write_in, so a typo is not read as a blank ballot."""
    with pytest.raises(InputError) as exc:
        parse_election({**BASE, "ballots": [{"yse": ["甲"]}]})
    assert exc.value.findings[0].message.startswith("ballots[0].yse：")
