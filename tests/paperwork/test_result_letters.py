"""模板6 / 模板9 from counted rounds (model.paperwork.election_letters.result_letter / by_election_letter).

These letters come from the same renderer as the documents page (change_result /
by_election_result), so the election page and the documents page show the same 请示.
"""

from __future__ import annotations

import pytest

from model.election.counting import ElectionSpec, count_election
from model.election.plenary import first_plenary
from model.election.record import record_of_rounds
from model.findings import InputError
from model.paperwork.document import BLANK, DocContext, percent
from model.paperwork.election_letters import (
    by_election_letter,
    by_election_result,
    change_result,
    result_letter,
)
from model.planning.plan import Organization
from model.roster.values import Roster

CANDS = ["张三", "李四", "王五", "赵六"]
ORG = Organization("S001", "党支部", "单独组建", ("某某学会",), 30, name="某某学会党支部")


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
    doc = result_letter(counted(), ORG, members_due=32, members_present=27, plenary=plenary)
    text = doc.text()
    assert doc.title == "关于某某学会党支部委员会换届选举结果的请示"
    assert "应到党员32名（其中有选举权党员30名），实到党员27名（其中有选举权党员26名）" in text
    assert "86.7%（超过五分之四）" in text and "差额选举" in text
    assert "张三同志得票20票" in text and "赵六同志得票6票" in text
    assert "张三、李四、王五等3位同志当选" in text
    assert "应到会3人，实到会3人" in text and "张三同志得3票，当选书记；李四同志得3票，当选副书记" in text
    assert "王五同志任组织委员" in text


def test_fields_list_what_is_missing():
    """It lists the unknown fields instead of hiding them, and prints them as blanks."""
    doc = result_letter(counted(), ORG)
    missing = [m.field for m in doc.missing]
    assert {"党员大会日期", "应到党员人数（含预备党员）", "当选书记"} <= set(missing)
    assert percent(26, 30) == "86.7" and "86.7%" in doc.text()
    assert f"应到党员{BLANK}名" in doc.text()
    assert doc.code == "模板6"


def test_no_letter_for_an_invalid_meeting():
    """It refuses to write a result letter for an invalid meeting."""
    with pytest.raises(InputError):
        result_letter(counted(present=24), ORG)


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
    doc = by_election_letter(r, ORG, committee_size=5, plenary_present=5, division=(("宣传委员", "周九"),))
    text = doc.text()
    assert doc.title == "关于某某学会党支部委员会委员补选结果的请示" and "90%（超过五分之四）" in text
    assert "等额选举" in text and "周九同志补选为党支部委员会委员" in text and "周九同志任宣传委员" in text
    assert "应到会5人，实到会5人" in text
    assert doc.code == "模板9"


def test_percent_rounds_half_up():
    """It rounds the percentage half up to one decimal."""
    assert percent(2, 3) == "66.7" and percent(1, 8) == "12.5" and percent(1, 16) == "6.3"


def test_the_page_letter_and_the_documents_letter_are_the_same():
    """It renders one 请示 whether it starts from counted rounds or from the stored record."""
    plenary = first_plenary(("张三", "李四", "王五"), 3, {"书记": "张三"}, {"书记": 3}, {})
    ctx = DocContext(addressee="中共某省科技社团委员会")
    record = record_of_rounds(counted(), flow="委员会", plenary=plenary)
    assert result_letter(counted(), ORG, Roster(()), ctx, plenary=plenary).text() == (
        change_result(ORG, Roster(()), record, ctx).text()
    )
    by = record_of_rounds(counted(), kind="补选", flow="委员会")
    assert (
        by_election_letter(counted(), ORG, Roster(()), ctx).text()
        == by_election_result(ORG, Roster(()), by, ctx).text()
    )
