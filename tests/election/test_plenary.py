"""First plenary (书记/副书记 等额, more than half present) and 补选 (model.election.plenary)."""

from __future__ import annotations

import pytest

from model.election.counting import count_election
from model.election.plenary import by_election_spec, first_plenary, vacancy_check
from model.findings import InputError

COMMITTEE = ("甲", "乙", "丙", "丁", "戊")


def test_plenary_elects_secretary_and_deputy_with_majority_present():
    """It elects 书记 and 副书记 with more than half of present members' votes."""
    p = first_plenary(
        COMMITTEE,
        3,
        {"书记": "甲", "副书记": "乙"},
        {"书记": 3, "副书记": 2},
        {"丙": "组织委员", "丁": "宣传委员", "戊": "纪检委员"},
    )
    assert p.quorum_ok and p.holder("书记") == "甲" and p.holder("副书记") == "乙"
    assert dict(p.duties)["戊"] == "纪检委员"


def test_plenary_needs_more_than_half_of_committee():
    """It refuses to elect when exactly half or fewer of the committee attend."""
    p = first_plenary(("甲", "乙", "丙", "丁"), 2, {"书记": "甲"}, {"书记": 2})
    assert not p.quorum_ok and p.holder("书记") is None


def test_plenary_exactly_half_of_votes_fails():
    """It does not elect a secretary with exactly half of the present members' votes."""
    p = first_plenary(("甲", "乙", "丙", "丁"), 4, {"书记": "甲"}, {"书记": 2})
    assert p.quorum_ok and p.holder("书记") is None


def test_plenary_rejects_outsiders_and_double_posts():
    """It rejects a non-member for a post and one person in both posts."""
    with pytest.raises(InputError) as exc:
        first_plenary(COMMITTEE, 5, {"书记": "庚", "副书记": "庚"}, {"书记": 5, "副书记": 5})
    assert "不是新一届委员会委员" in str(exc.value) and "同时当选" in str(exc.value)


def test_vacancy_and_by_election():
    """It counts vacancies and runs the 补选 with the members' meeting quorum."""
    vac, msg = vacancy_check("党支部", 5, 3)
    assert vac == 2 and "补选" in msg
    assert (
        vacancy_check("党支部", 3, 2)[1].endswith("（青海指南：缺额及时补选）")
        and "必须补选" in vacancy_check("党支部", 3, 2)[1]
    )
    s = by_election_spec(1, ("己",), due=10, present=8, sitting=COMMITTEE)
    r = count_election(s)
    assert not r.meeting_valid and r.candidates_ok and s.round_kind == "补选"
    with pytest.raises(InputError):
        by_election_spec(1, ("甲",), due=10, present=9, sitting=COMMITTEE)
