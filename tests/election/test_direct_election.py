"""Branches without a committee: the members' meeting elects 书记 (副书记) directly (model.election.direct)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from model.election.ballot import Ballot
from model.election.counting import count_election
from model.election.direct import (
    COMMITTEE_FLOW,
    DIRECT_FLOW,
    check_posts,
    direct_election,
    direct_outcome,
    direct_spec,
    leadership_flow,
)
from model.findings import InputError
from model.rules.policy import Policy

POSTS = {"书记": "张三", "副书记": "李四"}


def ballots(*marks: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[Ballot, ...]:
    return tuple(Ballot(yes=y, no=n, write_in=w) for y, n, w in marks)


def test_six_formal_members_elect_directly_seven_have_a_committee():
    """It picks the direct flow at F = 6 and the committee flow at F = 7, each with its rule's source."""
    six, seven = leadership_flow(6, "联合党支部"), leadership_flow(7, "联合党支部")
    assert (six.flow, seven.flow) == (DIRECT_FLOW, COMMITTEE_FLOW)
    assert not six.committee and seven.committee
    assert six.summary == "不设委员会：由党员大会直接选举书记（可设副书记1名）"
    assert "支部工作条例" in six.source and "差额" in seven.source


def test_flow_threshold_is_the_policy_setting_and_big_kinds_have_committees():
    """It follows committee_min_formal, and a 党总支 or 党委 always has a committee."""
    assert leadership_flow(6, policy=Policy(committee_min_formal=5)).flow == COMMITTEE_FLOW
    assert leadership_flow(3, "党总支").committee and leadership_flow(3, "党委").committee


def test_direct_spec_is_equal_with_one_seat_per_post():
    """It builds a 等额 round at the members' quorum: seats = posts, candidates in post order."""
    s = direct_spec({"副书记": "李四", "书记": "张三"}, 6, 5)
    assert (s.seats, s.candidates, s.mode, s.quorum) == (2, ("张三", "李四"), "等额", "五分之四")
    only = direct_spec({"书记": "张三", "副书记": " "}, 6, 5)
    assert (only.seats, only.candidates) == (1, ("张三",))


def test_direct_spec_refuses_posts_that_break_the_rule():
    """It refuses no 书记, a committee post, and one person for both posts, naming each problem."""
    with pytest.raises(InputError) as exc:
        direct_spec({"副书记": "张三", "组织委员": "张三"}, 5, 5)
    text = str(exc.value)
    assert "须选举书记" in text and "组织委员" in text and "同一人" in text
    assert check_posts({"书记": "王五"}, eligible=["张三"]) == ["posts.书记：“王五”没有被选举权或不是本支部党员"]


def test_equal_check_flags_extra_candidates_in_the_count():
    """It counts with count_election and reports candidates_ok False when candidates exceed the posts."""
    spec = direct_spec({"书记": "张三"}, 5, 5)
    res = count_election(replace(spec, candidates=("张三", "李四")))
    assert res.candidates_ok is False and any("等额选举" in m and "不符合" in m for m in res.messages)
    assert count_election(spec).candidates_ok is True


def test_secretary_and_deputy_elected_by_more_than_half_present():
    """It names 书记 and 副书记 when each gets more than half of the present voters' votes."""
    r, d = direct_election(POSTS, 5, 5, ballots=ballots(*[(("张三", "李四"), (), ())] * 3, (("张三",), ("李四",), ())))
    assert r.elected == ("张三", "李四") and d.holder("书记") == "张三" and d.holder("副书记") == "李四"
    assert (d.votes("书记"), d.votes("副书记"), d.vacant) == (4, 3, ())


def test_exactly_half_leaves_the_deputy_post_vacant():
    """It leaves 副书记 vacant when its candidate gets exactly half (2 of 4 present)."""
    b = ballots(*[(("张三", "李四"), (), ())] * 2, *[(("张三",), ("李四",), ())] * 2)
    r, d = direct_election(POSTS, 4, 4, ballots=b)
    assert d.holder("书记") == "张三" and d.vacant == ("副书记",) and r.unfilled == 1
    assert any("副书记职务空缺" in m for m in d.messages)


def test_no_quorum_elects_nobody():
    """It elects no one when present voters are not more than 4/5 of those due (4 of 5 is exactly 4/5)."""
    r, d = direct_election({"书记": "张三"}, 5, 4, ballots=ballots(*[(("张三",), (), ())] * 4))
    assert not r.meeting_valid and d.vacant == ("书记",)


def test_write_in_takes_the_post_of_the_failed_candidate():
    """It gives the post to a write-in who wins when exactly one candidate of that round failed."""
    b = ballots(*[((), ("张三",), ("王五",))] * 3, (("张三",), (), ()))
    r = count_election(direct_spec({"书记": "张三"}, 4, 4, ballots=b))
    d = direct_outcome({"书记": "张三"}, r)
    assert r.elected == ("王五",) and d.holder("书记") == "王五"
