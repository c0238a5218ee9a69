"""Minimal-change re-planning: coverage first, then fewest societies moved, then ids kept (docs/rules.md §5)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import candidate_rosters, policies

from model.planning import today
from model.planning.check import check_plan
from model.planning.plan import Organization, Plan
from model.planning.planner import plan_joint_branches
from model.planning.replan import carry_identity, core_size, moves
from model.roster.loading import load_roster
from model.roster.values import Roster, Society
from model.rules.policy import Policy

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx"


@pytest.fixture(scope="module")
def sample() -> Roster:
    return load_roster(SAMPLE)


def reach_three(roster: Roster, name: str) -> Roster:
    """The roster with ``name`` at 3 formal members (it now organizes on its own)."""
    return replace(
        roster, societies=tuple(replace(s, formal_members=3) if s.name == name else s for s in roster.societies)
    )


def test_unchanged_roster_moves_nobody(sample):
    """It re-plans an unchanged roster from its own plan without moving anyone, ids and names kept."""
    first = plan_joint_branches(sample, locks=today.today_locks(sample))
    named = replace(
        first, organizations=tuple(replace(o, name=f"第{o.id}支部") if o.joint else o for o in first.organizations)
    )
    again = plan_joint_branches(sample, locks=today.today_locks(sample), previous=named)
    assert moves(named, again) == ()
    assert [(o.id, o.name, o.units) for o in again.joint_branches()] == [
        (o.id, o.name, o.units) for o in named.joint_branches()
    ]


def test_one_society_change_moves_fewer_than_from_scratch(sample):
    """After one society reaches 3 members, --previous keeps coverage optimal and moves no more than a fresh plan."""
    first = plan_joint_branches(sample, locks=today.today_locks(sample))
    branch = max((o for o in first.joint_branches() if not o.locked), key=lambda o: len(o.units))
    changed = reach_three(sample, branch.units[0])
    locks = today.today_locks(changed)
    kept = plan_joint_branches(changed, locks=locks, previous=first)
    fresh = plan_joint_branches(changed, locks=locks)
    assert kept.optimal is True and fresh.optimal is True
    assert kept.coverage().organized == fresh.coverage().organized
    moved = moves(first, kept)
    assert len(moved) <= len(moves(first, carry_identity(first, fresh)))
    assert branch.units[0] in {m.society for m in moved}
    assert not [f for f in check_plan(changed, kept, kept.policy) if f.is_error]
    assert any(n.startswith("与上一方案相比") for n in kept.notes)


def test_same_input_same_plan(sample):
    """It returns the same plan for the same roster and previous plan (pinned solver workers and seed)."""
    first = plan_joint_branches(sample, locks=today.today_locks(sample))
    changed = reach_three(sample, first.joint_branches()[-1].units[0])
    a = plan_joint_branches(changed, previous=first)
    b = plan_joint_branches(changed, previous=first)
    assert a.to_dict() == b.to_dict()


def test_leftover_joins_an_existing_branch():
    """It moves only the society that must move: the branch keeps its id and takes a newcomer rather than dissolving.

    J001 = 甲(1) 乙(1) 丙(1)    丙 reaches 3 → 甲乙 have 2 members; 丁(1) is uncovered: J001 = 甲乙丁
    """
    socs = tuple(Society(n, "工科", "武汉", None, 1) for n in ("甲学会", "乙学会", "丙学会", "丁学会"))
    roster = Roster(socs)
    before = Plan(
        Policy(),
        (Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会", "丙学会"), 3, name="一支部"),),
        uncovered=("丁学会",),
    )
    after = plan_joint_branches(reach_three(roster, "丙学会"), previous=before)
    (j,) = after.joint_branches()
    assert (j.id, j.name, set(j.units)) == ("J001", "一支部", {"甲学会", "乙学会", "丁学会"})
    assert [m.society for m in moves(before, after)] == ["丙学会", "丁学会"]


def test_core_is_half_rounded_up():
    """It defines a branch's core as half of its remaining units, rounded up."""
    assert [core_size(n) for n in range(1, 6)] == [1, 1, 2, 2, 3]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidate_rosters(), policies())
def test_previous_never_costs_coverage(roster, policy):
    """It covers exactly as many societies with a previous plan as without, and never moves more."""
    first = plan_joint_branches(roster, policy)
    changed = reach_three(roster, roster.societies[0].name)
    fresh = plan_joint_branches(changed, policy)
    kept = plan_joint_branches(changed, policy, previous=first)
    assert kept.coverage().organized == fresh.coverage().organized
    assert len(moves(first, kept)) <= len(moves(first, carry_identity(first, fresh)))


def test_merged_branch_keeps_its_identity_with_its_own_core_on_a_tie(sample):
    """Merge J008 (two 工科) into J011 (two 理科), re-optimize: the split halves tie, and J011's id stays with
    its own first units (理科), the 工科 pair gets a new id; the message names the new branch, not a bare id."""
    from model.planning.edits import merge, reoptimize

    first = plan_joint_branches(sample, locks=today.today_locks(sample))
    j011 = next(o for o in first.joint_branches() if o.id == "J011")
    j008 = next(o for o in first.joint_branches() if o.id == "J008")
    merged = merge(sample, first, "J011", "J008").plan
    after = reoptimize(sample, merged, time_limit=5)
    by_units = {frozenset(o.units): o for o in after.plan.joint_branches()}
    assert by_units[frozenset(j011.units)].id == "J011"
    new = by_units[frozenset(j008.units)]
    assert new.id not in {o.id for o in first.organizations}
    assert after.message.count(f"调入{new.id} {j008.units[0]}等2家单位联合党支部") == 2


def test_tie_goes_to_the_part_holding_the_branch_first_unit():
    """Each part holds half of J001: the part with J001's first unit keeps J001, whatever the new order."""
    before = Plan(
        Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙", "丁"), 4, name="一支部"),)
    )
    for order in ((("丙", "丁"), ("甲", "乙")), (("甲", "乙"), ("丙", "丁"))):
        after = Plan(Policy(), tuple(Organization("J009", "联合党支部", "同业共建", u, 2) for u in order))
        kept = {o.units: (o.id, o.name) for o in carry_identity(before, after).joint_branches()}
        assert kept[("甲", "乙")] == ("J001", "一支部")
        assert kept[("丙", "丁")] == ("J002", None)


def test_a_society_gone_from_the_roster_left_it_and_was_not_moved_out():
    """A society of the previous plan absent from the new one (renamed or removed) is listed as 已不在名册中."""
    before = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙"), 3, name="一支部"),))
    after = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2, name="一支部"),))
    assert [m.text() for m in moves(before, after)] == ["丙：已不在名册中（原在J001 一支部）"]
