"""The election page's stored document (model.election_flow), tested without the UI."""
from __future__ import annotations

from model import election_flow as flow
from model.plan import Organization, Plan
from model.roster import Member, Roster, Society
from model.rules import Policy

ROSTER = Roster((Society("甲学会", "工科", "武汉", formal_members=3), Society("乙学会", "工科", "武汉", formal_members=1)),
                members=(Member("张三", "甲学会"), Member("李四", "甲学会", status="预备"), Member("王五", "乙学会")),
                has_member_sheet=True)


def test_organizations_from_plan_or_roster():
    """It lists the plan's organizations, else the societies that organize on their own."""
    plan = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会"), 4),))
    assert [o.units for o in flow.organizations(ROSTER, plan)] == [("甲学会", "乙学会")]
    assert [o.label for o in flow.organizations(ROSTER, None)] == ["甲学会党支部"]


def test_voter_rows_from_members_or_placeholders():
    """It lists the organization's members, or numbered rows when the roster has no 党员 sheet."""
    rows = flow.voter_rows(ROSTER, ["甲学会", "乙学会"])
    assert [r["姓名"] for r in rows] == ["张三", "李四", "王五"]
    members = flow.members_from_rows(rows + [{"姓名": " "}])
    assert len(members) == 3 and flow.eligible_candidates(members) == ["张三", "王五"]
    bare = Roster((Society("丙学会", "理科", "宜昌", formal_members=3),))
    assert [r["姓名"] for r in flow.voter_rows(bare, ["丙学会"], 3)] == ["党员1", "党员2", "党员3"]


def test_rounds_advance_from_tie_to_revote():
    """It archives a tied round and sets up the re-vote with the tied candidates only."""
    members = [{"name": f"党员{i}", "status": "正式", "present": True} for i in range(10)]
    doc = {**flow.new_doc("甲学会党支部", "党支部"), "members": members, "seats": 1, "candidates": ["党员0", "党员1"],
           "ballots": [{"yes": ["党员0"]}] * 3 + [{"yes": ["党员1"]}] * 3 + [{}] * 4}
    first = flow.count_doc(doc)
    assert first.elected == () and first.unfilled == 1   # 3 of 10 is not over half
    nxt = flow.advance(doc, first)
    assert nxt["round"] == "另行选举" and nxt["ballots"] == [] and len(nxt["history"]) == 1
    nxt = {**nxt, "ballots": [{"yes": ["党员0"]}] * 6 + [{"yes": ["党员1"]}] * 4}
    rounds = flow.results(nxt)
    assert [r.round_kind for r in rounds] == ["选举", "另行选举"] and flow.elected_all(rounds) == ["党员0"]
    assert flow.advance(nxt, rounds[-1]) is nxt   # nothing left to elect
    assert doc["history"] == []                    # the input document is unchanged
