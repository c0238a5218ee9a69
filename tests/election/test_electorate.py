"""Voters, excused members, committee size, candidate count and 监票人 (model.election.electorate)."""

from __future__ import annotations

from model.election.electorate import (
    Voter,
    check_candidate_count,
    check_committee_size,
    check_scrutineers,
    committee_range,
    electorate_from_members,
    electorate_from_roster,
    excused_reason,
    has_committee,
    required_candidates,
)
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy


def test_only_formal_members_without_sanction_vote():
    """It excludes 预备, 留党察看 and suspended members, each with the reason shown."""
    e = electorate_from_members(
        [Voter("甲"), Voter("乙", status="预备"), Voter("丙", discipline="留党察看一年"), Voter("丁", suspended=True)]
    )
    assert e.names() == ("甲",)
    reasons = dict(e.excluded)
    assert "预备" in reasons["乙"] and "留党察看" in reasons["丙"] and "留置" in reasons["丁"]


def test_listed_excuse_reduces_due_other_absence_does_not():
    """It removes absentees with a listed reason from 应到会 and keeps other absentees."""
    e = electorate_from_members(
        [
            Voter("甲"),
            Voter("乙", excused="长期生病生活不能自理", present=False),
            Voter("丙", excused="出差", present=False),
            Voter("丁", present=False),
        ]
    )
    assert (e.due, e.present) == (3, 1)
    assert e.excused == (("乙", "年老体弱、卧床不起、长期生病生活不能自理"),)
    assert any("出差" in n and "仍计入应到会" in n for n in e.notes)


def test_excused_member_who_attends_counts():
    """It counts an excused member who comes anyway as due and present."""
    e = electorate_from_members([Voter("甲", excused="自费出国半年以上", present=True)])
    assert (e.due, e.present) == (1, 1)


def test_excused_reason_matches_listed_reasons_only():
    """It recognises the regulation's listed reasons by their wording."""
    assert excused_reason("正在服刑") is not None and excused_reason("外出工作半年以上") is not None
    assert excused_reason("家中有事") is None and excused_reason("") is None


def test_roster_members_of_the_organizations_units():
    """It takes voters from every society of the organization, and only those."""
    roster = Roster(
        (Society("甲学会", "工科", "武汉"), Society("乙学会", "工科", "武汉")),
        members=(
            Member("张三", "甲学会"),
            Member("李四", "乙学会", status="预备"),
            Member("王五", "乙学会"),
            Member("赵六", "丙学会"),
        ),
        has_member_sheet=True,
    )
    e = electorate_from_roster(roster, ["甲学会", "乙学会"], absent={"王五": None})
    assert e.names() == ("张三", "王五") and (e.due, e.present) == (2, 1)
    assert e.excluded[0][0] == "李四" and e.members_due == 3 and e.members_present == 2


def test_committee_threshold_follows_policy():
    """It sets up a committee at F ≥ committee_min_formal (7 by default)."""
    assert not has_committee(6) and has_committee(7)
    assert has_committee(5, Policy(committee_min_formal=5))


def test_committee_size_ranges_by_kind():
    """It checks 3–5(7) for 支部, 5–7 for 总支 and 5–9 for 党委."""
    assert committee_range("党总支") == (5, 7, 7)
    assert not check_committee_size("党支部", 2)[0] and check_committee_size("党支部", 3)[0]
    ok, msg = check_committee_size("党支部", 7)
    assert ok and "超过一般规模" in msg
    assert not check_committee_size("党总支", 4)[0] and check_committee_size("党委", 9)[0]
    assert not check_committee_size("党委", 10)[0]


def test_candidate_counts_at_boundaries():
    """It needs 4 for 3 seats, 6 for 5, 8 for 6, 9 for 7 (差额) and exactly seats (等额)."""
    assert [required_candidates(s) for s in (1, 3, 5, 6, 7, 9)] == [2, 4, 6, 8, 9, 11]
    assert check_candidate_count(6, 8)[0] and not check_candidate_count(6, 7)[0]
    assert check_candidate_count(1, 1, "等额")[0] and not check_candidate_count(1, 2, "等额")[0]


def test_scrutineers_must_not_be_candidates():
    """It refuses a 监票人 who is a candidate and names them."""
    ok, msg = check_scrutineers(["甲", "乙"], ["乙", "丙"])
    assert not ok and "乙" in msg and "甲" not in msg.split("是候选人")[0]
