"""The election page's stored document (model.election.flow), tested without the UI."""

from __future__ import annotations

from model.election import flow
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy

ROSTER = Roster(
    (Society("甲学会", "工科", "武汉", formal_members=3), Society("乙学会", "工科", "武汉", formal_members=1)),
    members=(Member("张三", "甲学会"), Member("李四", "甲学会", status="预备"), Member("王五", "乙学会")),
    has_member_sheet=True,
)


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
    doc = {
        **flow.new_doc("甲学会党支部", "党支部"),
        "members": members,
        "seats": 1,
        "candidates": ["党员0", "党员1"],
        "ballots": [{"yes": ["党员0"]}] * 3 + [{"yes": ["党员1"]}] * 3 + [{}] * 4,
    }
    first = flow.count_doc(doc)
    assert first.elected == () and first.unfilled == 1  # 3 of 10 is not over half
    nxt = flow.advance(doc, first)
    assert nxt["round"] == "另行选举" and nxt["ballots"] == [] and len(nxt["history"]) == 1
    nxt = {**nxt, "ballots": [{"yes": ["党员0"]}] * 6 + [{"yes": ["党员1"]}] * 4}
    rounds = flow.results(nxt)
    assert [r.round_kind for r in rounds] == ["选举", "另行选举"] and flow.elected_all(rounds) == ["党员0"]
    assert flow.advance(nxt, rounds[-1]) is nxt  # nothing left to elect
    assert doc["history"] == []  # the input document is unchanged


def test_flow_of_small_joint_branch_is_direct_and_its_document_says_so():
    """It gives a 6-member joint branch the direct flow (等额, seats 1) and a 7-member one the committee flow."""
    small = flow.OrgChoice(
        "J001 联合党支部（甲学会、乙学会）", "联合党支部", ("甲学会", "乙学会"), 6, "J001", "同业共建"
    )
    big = flow.OrgChoice("J002 联合党支部（丙学会、丁学会）", "联合党支部", ("丙学会", "丁学会"), 7, "J002", "同业共建")
    assert flow.flow_of(small).flow == "直接选举" and flow.flow_of(big).flow == "委员会"
    doc = flow.new_doc(small.label, small.kind, flow=flow.flow_of(small).flow)
    assert (doc["flow"], doc["mode"], doc["seats"]) == ("直接选举", "等额", 1)
    assert small.organization().id == "J001" and small.organization().basis == "同业共建"


def test_adopt_flow_keeps_members_and_drops_the_other_flows_round():
    """It turns a committee-style document of a small branch into a direct one, keeping only the members."""
    members = [{"name": "张三", "status": "正式", "present": True}]
    old = {**flow.new_doc("甲学会党支部", "党支部"), "members": members, "candidates": ["张三"], "seats": 5}
    old.pop("flow")  # saved before the flows were told apart
    new = flow.adopt_flow(old, "直接选举")
    assert new["flow"] == "直接选举" and new["members"] == members and new["candidates"] == []
    assert flow.adopt_flow(new, "直接选举") is new


def test_direct_posts_count_and_fill_the_officers():
    """It sets 书记/副书记 as a 等额 round, counts it and fills secretary/deputy with their votes."""
    members = [{"name": n, "status": "正式", "present": True} for n in ("张三", "李四", "王五", "赵六", "钱七")]
    doc = flow.with_posts(
        {**flow.new_doc("J001", "联合党支部", flow="直接选举"), "members": members}, {"书记": "张三", "副书记": "李四"}
    )
    assert (doc["candidates"], doc["seats"], doc["mode"]) == (["张三", "李四"], 2, "等额")
    doc = {**doc, "ballots": [{"yes": ["张三", "李四"]}] * 4 + [{"yes": ["张三"], "no": ["李四"]}]}
    rounds = flow.results(doc)
    assert rounds[-1].candidates_ok and rounds[-1].elected == ("张三", "李四")
    assert flow.officer_fields(doc, rounds) == {
        "secretary": "张三",
        "secretary_votes": 5,
        "deputy": "李四",
        "deputy_votes": 4,
    }


def test_another_round_elects_only_the_vacant_post():
    """It re-elects only the post left vacant: the next round's candidates skip the post already filled."""
    members = [{"name": n, "status": "正式", "present": True} for n in ("张三", "李四", "王五", "赵六")]
    doc = flow.with_posts(
        {**flow.new_doc("J001", "联合党支部", flow="直接选举"), "members": members}, {"书记": "张三", "副书记": "李四"}
    )
    doc = {**doc, "ballots": [{"yes": ["张三", "李四"]}] * 2 + [{"yes": ["张三"], "no": ["李四"]}] * 2}
    first = flow.count_doc(doc)
    assert first.elected == ("张三",) and first.unfilled == 1  # 李四: 2 of 4 is not more than half
    nxt = flow.with_posts(flow.advance(doc, first), {"书记": "张三", "副书记": "王五"})
    assert (nxt["candidates"], nxt["seats"]) == (["王五"], 1)
    nxt = {**nxt, "ballots": [{"yes": ["王五"]}] * 3 + [{}]}
    fields = flow.officer_fields(nxt, flow.results(nxt))
    assert (fields["secretary"], fields["deputy"], fields["deputy_votes"]) == ("张三", "王五", 3)
