"""The election page's choices (model.election.flow) and the election draft (model.election.draft), without the UI."""

from __future__ import annotations

from model.election import flow
from model.election.draft import ElectionDraft, elected_all, split_names, voter_from_dict
from model.election.electorate import Voter
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy

ROSTER = Roster(
    (Society("甲学会", "工科", "武汉", formal_members=3), Society("乙学会", "工科", "武汉", formal_members=1)),
    members=(Member("张三", "甲学会"), Member("李四", "甲学会", status="预备"), Member("王五", "乙学会")),
    has_member_sheet=True,
)


def voters(*names: str) -> list[Voter]:
    return [Voter(n) for n in names]


def test_organizations_from_plan_or_roster():
    """It lists the plan's organizations, else the societies that organize on their own."""
    plan = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会"), 4),))
    assert [o.units for o in flow.organizations(ROSTER, plan)] == [("甲学会", "乙学会")]
    assert [o.label for o in flow.organizations(ROSTER, None)] == ["甲学会党支部"]


def test_an_existing_branch_keeps_its_name_in_the_paperwork():
    """It names the organization as the plan does (its 现有党组织 name), as the documents page does."""
    plan = Plan(
        Policy(),
        (Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会"), 4, name="工科学会联合党支部"),),
    )
    (choice,) = flow.organizations(ROSTER, plan)
    assert choice.label == "工科学会联合党支部" and choice.organization() == plan.organizations[0]


def test_voter_rows_from_members_or_placeholders():
    """It lists the organization's members, or numbered rows when the roster has no 党员 sheet."""
    rows = flow.voter_rows(ROSTER, ["甲学会", "乙学会"])
    assert [r["姓名"] for r in rows] == ["张三", "李四", "王五"]
    members = flow.members_from_rows(rows + [{"姓名": " "}])
    assert len(members) == 3 and flow.eligible_candidates(members) == ["张三", "王五"]
    bare = Roster((Society("丙学会", "理科", "宜昌", formal_members=3),))
    assert [r["姓名"] for r in flow.voter_rows(bare, ["丙学会"], 3)] == ["党员1", "党员2", "党员3"]
    again = flow.voters_from_rows(flow.member_rows(flow.voters_from_rows(rows)))
    assert again == flow.voters_from_rows(rows)


def test_rounds_advance_from_tie_to_revote():
    """It archives a failed round and sets up 另行选举; the draft it started from is unchanged."""
    draft = ElectionDraft.new("甲学会党支部", "党支部").with_setup(
        members=voters(*(f"党员{i}" for i in range(10))), seats=1, mode="差额", candidates=["党员0", "党员1"]
    )
    for marks in [{"党员0": "赞成"}] * 3 + [{"党员1": "赞成"}] * 3 + [{}] * 4:
        draft = draft.cast_ballot(marks)
    first = draft.count()
    assert first.elected == () and first.unfilled == 1  # 3 of 10 is not over half
    nxt = draft.advance(first)
    assert nxt.round == "另行选举" and nxt.ballots == () and len(nxt.history) == 1
    for marks in [{"党员0": "赞成"}] * 6 + [{"党员1": "赞成"}] * 4:
        nxt = nxt.cast_ballot(marks)
    rounds = nxt.results()
    assert [r.round_kind for r in rounds] == ["选举", "另行选举"] and elected_all(rounds) == ["党员0"]
    assert nxt.advance(rounds[-1]) is nxt  # nothing left to elect
    assert draft.history == ()  # the input draft is unchanged


def test_flow_of_small_joint_branch_is_direct_and_its_draft_says_so():
    """It gives a 6-member joint branch the direct flow (等额, seats 1) and a 7-member one the committee flow."""
    small = flow.OrgChoice(
        "J001 联合党支部（甲学会、乙学会）", "联合党支部", ("甲学会", "乙学会"), 6, "J001", "同业共建"
    )
    big = flow.OrgChoice("J002 联合党支部（丙学会、丁学会）", "联合党支部", ("丙学会", "丁学会"), 7, "J002", "同业共建")
    assert flow.flow_of(small).flow == "直接选举" and flow.flow_of(big).flow == "委员会"
    draft = ElectionDraft.new(small.label, small.kind, flow=flow.flow_of(small).flow)
    assert (draft.flow, draft.mode, draft.seats) == ("直接选举", "等额", 1)
    assert small.organization().id == "J001" and small.organization().basis == "同业共建"


def test_adopt_flow_keeps_members_and_drops_the_other_flows_round():
    """It turns a committee-style document of a small branch into a direct one, keeping only the members."""
    members = [{"name": "张三", "status": "正式", "present": True}]
    old = {**ElectionDraft.new("甲学会党支部", "党支部").to_dict(), "members": members, "candidates": ["张三"]}
    old.pop("flow")  # saved before the flows were told apart
    new = ElectionDraft.from_dict(old).adopt_flow("直接选举")
    assert new.flow == "直接选举" and new.to_dict()["members"] == members and new.candidates == ()
    assert new.adopt_flow("直接选举") is new


def test_direct_posts_count_and_fill_the_officers():
    """It sets 书记/副书记 as a 等额 round, counts it and fills secretary/deputy with their votes."""
    draft = ElectionDraft.new("J001", "联合党支部", flow="直接选举")
    draft = draft.with_posts({"书记": "张三", "副书记": "李四"}, members=voters("张三", "李四", "王五", "赵六", "钱七"))
    assert (draft.candidates, draft.seats, draft.mode) == (("张三", "李四"), 2, "等额")
    for marks in [{"张三": "赞成", "李四": "赞成"}] * 4 + [{"张三": "赞成", "李四": "不赞成"}]:
        draft = draft.cast_ballot(marks)
    rounds = draft.results()
    assert rounds[-1].candidates_ok and rounds[-1].elected == ("张三", "李四")
    officers = draft.with_officers(rounds)
    assert (officers.secretary, officers.secretary_votes, officers.deputy, officers.deputy_votes) == (
        "张三",
        5,
        "李四",
        4,
    )


def test_another_round_elects_only_the_vacant_post():
    """It re-elects only the post left vacant: the next round's candidates skip the post already filled."""
    draft = ElectionDraft.new("J001", "联合党支部", flow="直接选举")
    draft = draft.with_posts({"书记": "张三", "副书记": "李四"}, members=voters("张三", "李四", "王五", "赵六"))
    for marks in [{"张三": "赞成", "李四": "赞成"}] * 2 + [{"张三": "赞成", "李四": "不赞成"}] * 2:
        draft = draft.cast_ballot(marks)
    first = draft.count()
    assert first.elected == ("张三",) and first.unfilled == 1  # 李四: 2 of 4 is not more than half
    nxt = draft.advance(first).with_posts({"书记": "张三", "副书记": "王五"})
    assert (nxt.candidates, nxt.seats) == (("王五",), 1)
    for marks in [{"王五": "赞成"}] * 3 + [{}]:
        nxt = nxt.cast_ballot(marks)
    done = nxt.with_officers(nxt.results())
    assert (done.secretary, done.deputy, done.deputy_votes) == ("张三", "王五", 3)


def test_ballots_write_ins_undo_and_tally():
    """It builds each ballot from its marks, takes the last one back, and reads a tally with a write-in."""
    draft = ElectionDraft.new("甲学会党支部", "党支部").with_setup(
        members=voters("张三", "李四", "王五", "赵六"), seats=1, mode="差额", candidates=["张三", "李四"]
    )
    draft = draft.cast_ballot({"张三": "不赞成", "李四": "弃权"}, "王五，")
    assert draft.ballots[0].no == ("张三",) and draft.ballots[0].abstain == ("李四",)
    assert draft.ballots[0].write_in == ("王五",)
    assert draft.undo_ballot().ballot_count == 0 and draft.undo_ballot().undo_ballot().ballot_count == 0
    tallied = draft.with_tally([("张三", 3), ("王五", 1), (" ", 9), ("李四", None)], returned=4, invalid=0)
    assert tallied.tally == (("张三", 3), ("王五", 1), ("李四", 0)) and tallied.count().elected == ("张三",)
    assert tallied.tally_names() == ["李四", "张三", "王五"]  # candidates in 姓氏笔画 order: 李 before 张
    assert split_names("甲、乙,丙，") == ("甲", "乙", "丙")


def test_stored_form_round_trips_and_result_only_once_cast():
    """It reads back what it stores, and stores a counted result only once a vote was entered."""
    draft = ElectionDraft.new("甲学会党支部", "党支部").with_setup(
        members=voters("张三", "李四", "王五"), seats=1, mode="等额", candidates=["张三"]
    )
    assert "result" not in draft.to_dict()
    cast = draft.cast_ballot({"张三": "赞成"}).with_meeting_date(None)
    stored = cast.to_dict()
    assert stored["result"]["votes"] == {"张三": 1} and stored["members_due"] == 3
    assert ElectionDraft.from_dict(stored) == cast and ElectionDraft.from_dict(stored).to_dict() == stored
    assert voter_from_dict({"name": "甲", "present": False}) == Voter("甲", present=False)
    record = cast.record()
    assert record.candidates == ("张三",) and record.result["elected"] == []
