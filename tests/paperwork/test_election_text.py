"""模板6 / 模板9 texts and their filled fields (model.paperwork.result_text)."""

from __future__ import annotations

import pytest

from model.election.counting import ElectionSpec, count_election
from model.election.plenary import first_plenary
from model.findings import InputError
from model.paperwork.result_text import (
    by_election_fields,
    by_election_letter,
    percent_text,
    result_fields,
    result_letter,
)

CANDS = ["张三", "李四", "王五", "赵六"]


def counted(present=26, due=30, **more):
    ballots = [{"yes": ["张三", "李四", "王五"]}] * 20 + [{"yes": ["赵六"]}] * (present - 20)
    return count_election(
        ElectionSpec.from_dict(
            {
                "seats": 3,
                "candidates": CANDS,
                "eligible_due": due,
                "eligible_present": present,
                "ballots": ballots,
                **more,
            }
        )
    )


def test_result_letter_fills_attendance_percentage_and_votes():
    """It writes 应到/实到, the percentage and every person's votes into 模板6."""
    plenary = first_plenary(
        ("张三", "李四", "王五"), 3, {"书记": "张三", "副书记": "李四"}, {"书记": 3, "副书记": 3}, {"王五": "组织委员"}
    )
    text = result_letter(
        counted(), "某某学会党支部", meeting_date="2024年5月10日", members_due=32, members_present=27, plenary=plenary
    )
    assert text.startswith("关于某某学会党支部委员会换届选举结果的请示")
    assert "应到党员32名（其中有选举权党员30名），实到党员27名（其中有选举权党员26名）" in text
    assert "86.7%（超过五分之四）" in text and "差额选举" in text
    assert "张三同志得票20票" in text and "赵六同志得票6票" in text
    assert "张三、李四、王五等3位同志当选" in text
    assert "应到会3人，实到会3人" in text and "张三同志得3票，当选书记；李四同志得3票，当选副书记" in text
    assert "王五同志任组织委员" in text


def test_fields_list_what_is_missing():
    """It exposes the filled fields and lists the unknown ones instead of hiding them."""
    f = result_fields(counted(), "某某学会党支部")
    assert f.percent == "86.7" and f.voters_due == 30 and f.elected == ("张三", "李四", "王五")
    assert {"会议日期", "应到党员数", "书记及得票"} <= set(f.missing())
    assert f.to_dict()["template"] == "模板6"
    assert "应到党员×名" in result_letter(counted(), "某某学会党支部")


def test_no_letter_for_an_invalid_meeting():
    """It refuses to write a result letter for an invalid meeting."""
    with pytest.raises(InputError):
        result_letter(counted(present=24), "某某学会党支部")


def test_by_election_letter():
    """It fills 模板9 for a 补选 with 等额 and the new members' duties."""
    r = count_election(
        ElectionSpec.from_dict(
            {
                "seats": 1,
                "candidates": ["周九"],
                "mode": "等额",
                "round": "补选",
                "eligible_due": 10,
                "eligible_present": 9,
                "ballots": [{"yes": ["周九"]}] * 9,
            }
        )
    )
    text = by_election_letter(r, "某某学会党支部", plenary_due=5, plenary_present=5, duties={"周九": "宣传委员"})
    assert "关于某某学会党支部委员会委员补选结果的请示" in text and "90%（超过五分之四）" in text
    assert "等额选举" in text and "周九同志补选为某某学会党支部委员会委员" in text and "周九同志任宣传委员" in text
    assert by_election_fields(r, "某某学会党支部").template == "模板9"


def test_percent_rounds_half_up():
    """It rounds the percentage half up to one decimal."""
    assert percent_text(2, 3) == "66.7" and percent_text(1, 8) == "12.5" and percent_text(1, 16) == "6.3"
