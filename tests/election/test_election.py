"""Counting rules of model.election.counting / model.election.ballot / model.election.spec at their boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.election.ballot import Ballot, judge_ballot
from model.election.counting import ElectionSpec, count_election, is_elected, next_round, quorum_met, reduction_allowed
from model.findings import InputError

SIX = ["张三", "李四", "王五", "赵六", "钱七", "孙八"]


def spec(ballots, *, seats=5, candidates=SIX, due=30, present=26, **more) -> ElectionSpec:
    d = {
        "seats": seats,
        "candidates": list(candidates),
        "eligible_due": due,
        "eligible_present": present,
        "ballots": ballots,
        **more,
    }
    return ElectionSpec.from_dict(d)


def yes(*names, n=1):
    return [{"yes": list(names)}] * n


# --- quorum -----------------------------------------------------------------------------


def test_quorum_ten_expected_eight_present_fails():
    """It rejects a meeting of 10 expected with 8 present (8 is exactly 4/5, not more)."""
    assert not quorum_met(8, 10)
    r = count_election(spec(yes("张三", n=8), due=10, present=8))
    assert not r.meeting_valid and not r.election_valid
    assert r.elected == () and r.revote == () and r.unfilled == 5
    assert "会议无效" in r.messages[0]


def test_quorum_ten_expected_nine_present_passes():
    """It accepts 9 present out of 10 expected."""
    assert quorum_met(9, 10)
    r = count_election(spec(yes("张三", n=9), due=10, present=9))
    assert r.meeting_valid and r.election_valid and r.elected == ("张三",)


def test_quorum_uses_integers_on_large_counts():
    """It compares 5*present > 4*due exactly, with no float rounding at 4/5 boundaries."""
    assert not quorum_met(800, 1000) and quorum_met(801, 1000)
    assert not quorum_met(24, 30) and quorum_met(25, 30)


# --- threshold --------------------------------------------------------------------------


def test_exactly_half_of_present_fails():
    """It does not elect a candidate with exactly half of the present voters' votes."""
    r = count_election(spec(yes("张三", n=13) + [{}] * 13, present=26))
    assert r.votes_of("张三") == 13 and "张三" not in r.elected and r.unfilled == 5
    assert not is_elected(13, 26)


def test_one_more_than_half_elects():
    """It elects a candidate with half the present voters plus one."""
    r = count_election(spec(yes("张三", n=14) + [{}] * 12, present=26))
    assert r.elected == ("张三",) and r.unfilled == 4


def test_threshold_counts_present_not_ballots():
    """It measures the threshold against 实到会, not against the ballots returned."""
    r = count_election(spec(yes("张三", n=13), present=26, ballots_issued=26))
    assert r.ballots_returned == 13 and r.elected == ()


# --- candidate list ---------------------------------------------------------------------


@pytest.mark.parametrize("seats,enough,short", [(3, 4, 3), (5, 6, 5), (6, 8, 7), (7, 9, 8)])
def test_differential_candidate_counts(seats, enough, short):
    """It requires seats + ceil(seats/5) candidates for 差额 and flags one fewer."""
    names = [f"候选{i}" for i in range(enough)]
    ok = count_election(spec([], seats=seats, candidates=names))
    bad = count_election(spec([], seats=seats, candidates=names[:short]))
    assert ok.candidates_ok and not bad.candidates_ok
    assert any("不符合" in m for m in bad.messages)


def test_equal_mode_needs_exactly_seats():
    """It accepts 等额 only with as many candidates as seats, and still counts otherwise."""
    assert count_election(spec([], seats=2, candidates=["甲", "乙"], mode="等额")).candidates_ok
    r = count_election(spec(yes("甲", n=20), seats=2, candidates=["甲", "乙", "丙"], mode="等额"))
    assert not r.candidates_ok and r.elected == ("甲",)


def test_scrutineer_who_is_candidate_is_flagged():
    """It names a 监票人 who is also a candidate."""
    r = count_election(spec([], scrutineers=["张三", "周九"]))
    assert any("张三是候选人，不能担任监票人" in m for m in r.messages)


# --- ballots ----------------------------------------------------------------------------


def test_over_marked_ballot_is_void():
    """It voids a ballot choosing more people than seats, and keeps one choosing exactly seats."""
    over = {"yes": SIX}
    exact = {"yes": SIX[:5]}
    r = count_election(spec([over, exact]))
    assert r.invalid_ballots == 1 and r.valid_ballots == 1
    assert r.votes_of("孙八") == 0 and r.votes_of("张三") == 1
    assert r.invalid_detail[0][0] == 0


def test_write_ins_count_toward_over_marking():
    """It counts 赞成 plus effective write-ins against the seats."""
    b = {"yes": SIX[:4], "no": ["钱七", "孙八"], "write_in": ["周九", "吴十"]}
    r = count_election(spec([b]))
    assert r.invalid_ballots == 1 and r.votes == ()


def test_blank_ballot_is_valid():
    """It counts a blank ballot as valid with no votes."""
    r = count_election(spec([{}, {"abstain": SIX}]))
    assert r.valid_ballots == 2 and r.invalid_ballots == 0 and r.votes == ()


def test_write_in_needs_a_disapproval():
    """It counts a write-in after a 不赞成 and voids a write-in without one, keeping the ballot."""
    good = {"yes": ["张三"], "no": ["李四"], "write_in": ["周九"]}
    orphan = {"yes": ["张三"], "write_in": ["吴十"]}
    r = count_election(spec([good, orphan]))
    assert r.valid_ballots == 2 and r.votes_of("周九") == 1 and r.votes_of("吴十") == 0
    assert r.votes_of("张三") == 2
    assert any("另选无效" in m for m in r.messages)
    assert judge_ballot(Ballot(no=("甲",), write_in=("乙", "丙")), 5).void_write_ins == ("丙",)


def test_write_in_can_be_elected():
    """It elects a written-in person who passes the threshold."""
    b = {"no": ["张三"], "write_in": ["周九"]}
    r = count_election(spec([b] * 14 + [{}] * 12))
    assert r.elected == ("周九",)


def test_more_ballots_returned_than_issued_voids_round():
    """It voids the round and counts nothing when more ballots come back than were issued."""
    r = count_election(spec(yes("张三", n=27), ballots_issued=26))
    assert r.meeting_valid and not r.election_valid
    assert r.votes == () and r.elected == () and r.unfilled == 5
    assert any("重新选举" in m for m in r.messages)
    again = next_round(r)
    assert again is not None and again.ballots == () and again.seats == 5 and again.round_kind == "选举"


def test_returned_equal_to_issued_is_valid():
    """It accepts as many ballots returned as issued."""
    assert count_election(spec(yes("张三", n=26), ballots_issued=26)).election_valid


# --- ranking, ties, shortfall -----------------------------------------------------------


def test_more_qualifiers_than_seats_ranked_by_votes():
    """It takes qualifiers in order of votes up to the seats and names those passed over."""
    ballots = yes("张三", "李四", n=10) + yes("张三", "王五", n=8) + yes("李四", "王五", n=8)
    r = count_election(spec(ballots, seats=2, candidates=["张三", "李四", "王五"], present=26))
    # 张三 18, 李四 18, 王五 16: all over 13, two tied at the cut-off for exactly two seats
    assert r.elected == ("张三", "李四") and r.revote == () and r.unfilled == 0
    assert any("王五未当选" in m for m in r.messages)


def test_tie_at_cutoff_goes_to_revote_and_holds_seats():
    """It elects those above a tie at the cut-off and holds the tied seats for a re-vote."""
    b = yes("张三", "李四", n=8) + yes("张三", "王五", n=8) + yes("李四", "王五", n=6)
    r = count_election(spec(b, seats=2, candidates=SIX[:5], present=26))
    # 张三 16; 李四 14 and 王五 14 tie for the one seat left
    assert r.elected == ("张三",) and r.revote == ("李四", "王五")
    assert r.revote_seats == 1 and r.unfilled == 0
    nxt = next_round(r)
    assert nxt.seats == 1 and nxt.candidates == ("李四", "王五") and nxt.round_kind == "再次投票"
    rv = count_election(ElectionSpec.from_dict({**nxt.to_dict(), "ballots": yes("李四", n=20)}))
    assert rv.candidates_ok and rv.elected == ("李四",)


def test_shortfall_unfilled_and_further_round_keeps_differential():
    """It leaves seats unfilled below the threshold and builds 另行选举 with the 差额 kept."""
    b = yes("张三", "李四", "王五", "赵六", n=15) + yes("钱七", n=11)
    r = count_election(spec(b, present=26, min_seats=3))
    assert r.elected == ("张三", "李四", "王五", "赵六") and r.unfilled == 1
    assert any("另行选举" in o for o in r.options) and any("减少名额为4名" in o for o in r.options)
    nxt = next_round(r)
    assert nxt.round_kind == "另行选举" and nxt.seats == 1
    assert nxt.candidates == ("钱七", "孙八")
    far = count_election(spec(yes("张三", "李四", "王五", n=15) + yes("赵六", n=11), present=26, min_seats=3))
    assert far.unfilled == 2 and not any("减少名额为" in o for o in far.options)
    assert next_round(far).candidates == ("赵六", "钱七", "孙八")


def test_reduction_never_below_minimum():
    """It refuses to reduce seats below the body's minimum size."""
    assert reduction_allowed(5, 4, 3) and not reduction_allowed(3, 2, 3) and not reduction_allowed(5, 2, 3)


def test_members_list_derives_counts():
    """It derives 应到/实到 from the members list by the voting-rights rules."""
    members = [
        {"name": "张三", "status": "正式", "present": True},
        {"name": "李四", "status": "预备", "present": True},
        {"name": "王五", "status": "正式", "discipline": "留党察看", "present": True},
        {"name": "赵六", "status": "正式", "excused": "自费出国半年以上", "present": False},
        {"name": "钱七", "status": "正式", "suspended": True, "present": False},
        {"name": "孙八", "status": "正式", "present": False},
    ]
    s = ElectionSpec.from_dict({"seats": 1, "candidates": ["张三", "孙八"], "members": members})
    assert (s.eligible_due, s.eligible_present) == (2, 1)
    assert (s.members_due, s.members_present) == (5, 3)
    r = count_election(s)
    assert any("李四" in m and "预备" in m for m in r.messages)
    assert any("赵六" in m and "不计入应到会" in m for m in r.messages)


# --- input errors -----------------------------------------------------------------------


def test_bad_input_names_every_json_path():
    """It reports every bad value with its JSON path at once."""
    with pytest.raises(InputError) as exc:
        ElectionSpec.from_dict(
            {
                "seats": 0,
                "candidates": ["甲", "甲"],
                "eligible_due": "x",
                "eligible_present": 3,
                "ballots": [{"yes": ["乙"]}, {"no": ["甲"], "yes": ["甲"]}],
            }
        )
    text = str(exc.value)
    for path in ("seats", "candidates[1]", "eligible_due", "ballots[0].yes[0]", "ballots[1].no[0]"):
        assert path in text


def test_tally_mode_counts_like_ballots():
    """It counts per-candidate tallies with an invalid-ballot count."""
    s = ElectionSpec.from_dict(
        {
            "seats": 2,
            "candidates": ["甲", "乙", "丙"],
            "eligible_due": 10,
            "eligible_present": 9,
            "tally": {"甲": 8, "乙": 5, "丙": 3},
            "ballots_returned": 9,
            "invalid_ballots": 1,
        }
    )
    r = count_election(s)
    assert r.valid_ballots == 8 and r.invalid_ballots == 1 and r.elected == ("甲", "乙")
    with pytest.raises(InputError):
        ElectionSpec.from_dict({**s.to_dict(), "tally": {"甲": 9, "乙": 9}})


def test_spec_round_trips_through_dict():
    """It rebuilds the same spec from its dict."""
    s = spec([{"yes": ["张三"], "no": ["李四"], "write_in": ["周九"]}], scrutineers=["吴十"])
    assert ElectionSpec.from_dict(s.to_dict()) == s


# --- properties -------------------------------------------------------------------------

NAMES = ["甲", "乙", "丙", "丁", "戊", "己"]


@st.composite
def elections(draw):
    seats = draw(st.integers(1, 4))
    cands = NAMES[: draw(st.integers(seats, 6))]
    due = draw(st.integers(1, 15))
    present = draw(st.integers(0, due))
    ballots = []
    for _ in range(draw(st.integers(0, present))):
        marks = draw(
            st.lists(st.sampled_from(["yes", "no", "abstain", None]), min_size=len(cands), max_size=len(cands))
        )
        b = {"yes": [], "no": [], "abstain": []}
        for c, m in zip(cands, marks):
            if m:
                b[m].append(c)
        b["write_in"] = draw(st.lists(st.sampled_from(["庚", "辛"]), max_size=2, unique=True))
        ballots.append(b)
    return ElectionSpec.from_dict(
        {"seats": seats, "candidates": cands, "eligible_due": due, "eligible_present": present, "ballots": ballots}
    )


@settings(max_examples=200, deadline=None)
@given(elections())
def test_votes_conserved_and_elected_pass_threshold(s):
    """It never counts more votes than seats × valid ballots, and elects only those over half."""
    r = count_election(s)
    assert sum(v for _, v in r.votes) <= s.seats * r.valid_ballots
    assert all(2 * r.votes_of(n) > r.eligible_present for n in r.elected)
    assert len(r.elected) + r.revote_seats + r.unfilled == s.seats
    assert r.valid_ballots + r.invalid_ballots == (r.ballots_returned if r.election_valid else 0)
    if not r.meeting_valid:
        assert r.elected == () and r.unfilled == s.seats
