"""The optimizer: exact against brute force, valid, deterministic, honouring every wish."""

from __future__ import annotations

from functools import cache
from itertools import combinations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import candidate_rosters, pairs, policies, rosters

from model.findings import InputError
from model.planning.baseline import greedy_plan
from model.planning.check import check_plan
from model.planning.compat import branch_modes, candidates
from model.planning.planner import plan_joint_branches
from model.planning.wishes import pin_groups
from model.roster.values import Roster, Society
from model.rules.policy import Policy

SLOW = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def brute_force(roster: Roster, policy: Policy, together=(), apart=()) -> int:
    """Most candidates coverable, by dynamic programming over subsets (independent of the planner)."""
    cands = candidates(roster, policy)
    n = len(cands)
    f = [s.counts(policy.count_basis)[0] for s in cands]
    pos = {s.name: i for i, s in enumerate(cands)}
    partners = [0] * n
    for a, b in together:
        if a in pos and b in pos:
            partners[pos[a]] |= 1 << pos[b]
            partners[pos[b]] |= 1 << pos[a]
    closure = []
    for i in range(n):
        c, frontier = 1 << i, 1 << i
        while frontier:
            j = (frontier & -frontier).bit_length() - 1
            frontier &= frontier - 1
            new = partners[j] & ~c
            c |= new
            frontier |= new
        closure.append(c)
    forbidden = {frozenset((pos[a], pos[b])) for a, b in apart if a in pos and b in pos and a != b}

    def valid(group: tuple[int, ...]) -> bool:
        mask = sum(1 << i for i in group)
        return (
            2 <= len(group) <= policy.max_units
            and sum(f[i] for i in group) >= policy.min_members
            and all(closure[i] & ~mask == 0 for i in group)
            and not any(frozenset(p) in forbidden for p in combinations(group, 2))
            and bool(branch_modes([cands[i] for i in group], roster, policy))
        )

    @cache
    def best(mask: int) -> int:
        if not mask:
            return 0
        i = (mask & -mask).bit_length() - 1
        out = -1
        if closure[i] & mask == closure[i]:
            out = best(mask & ~closure[i])
        rest = [j for j in range(i + 1, n) if mask >> j & 1]
        for k in range(1, policy.max_units):
            for others in combinations(rest, k):
                group = (i,) + others
                if valid(group):
                    sub = best(mask & ~sum(1 << j for j in group))
                    if sub >= 0:
                        out = max(out, len(group) + sub)
        return out

    return best((1 << n) - 1)


def unplaceable_pin_group(roster: Roster, policy: Policy, together, apart) -> bool:
    """Whether some group of transitively pinned societies can never form one valid branch."""
    names = {s.name for s in candidates(roster, policy)}
    for group in pin_groups(together):
        socs = [roster.society(n) for n in group]
        if (
            not set(group) <= names
            or len(group) > policy.max_units
            or not branch_modes(socs, roster, policy)
            or any(a in group and b in group for a, b in apart)
        ):
            return True
    return False


def covered(plan) -> int:
    return sum(len(o.units) for o in plan.joint_branches())


def assert_sound(roster: Roster, plan, policy: Policy, apart=()) -> None:
    errors = [f.message for f in check_plan(roster, plan, policy, apart=apart) if f.is_error]
    assert errors == []
    placed = [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)
    assert sorted(placed) == sorted(roster.names())


@SLOW
@given(candidate_rosters(), policies())
def test_matches_brute_force(roster, policy):
    """It covers exactly as many candidates as exhaustive search, proves it, and stays valid."""
    plan = plan_joint_branches(roster, policy)
    assert covered(plan) == brute_force(roster, policy)
    assert plan.optimal and plan.bound == covered(plan)
    assert_sound(roster, plan, policy)


@SLOW
@given(st.data())
def test_matches_brute_force_with_wishes(data):
    """It stays exact with pinned and forbidden pairs, and honours both."""
    roster = data.draw(candidate_rosters(8))
    policy = data.draw(policies())
    together, apart = data.draw(pairs(roster, 1)), data.draw(pairs(roster, 2))
    try:
        plan = plan_joint_branches(roster, policy, together=together, apart=apart)
    except InputError as exc:  # a refusal must be justified: some pinned group can never share a branch
        assert all(f.column in ("同支部", None) or f.column.startswith("锁定") for f in exc.findings)
        assert unplaceable_pin_group(roster, policy, together, apart)
        return
    assert not unplaceable_pin_group(roster, policy, together, apart)
    assert covered(plan) == brute_force(roster, policy, together, apart)
    assert_sound(roster, plan, policy, apart)
    for a, b in together:
        assert plan.org_of(a) == plan.org_of(b)


@settings(max_examples=60, deadline=None)
@given(rosters(0, 12))
def test_partition_and_greedy(roster):
    """It places every society exactly once, validly, and never covers fewer than the greedy baseline."""
    plan = plan_joint_branches(roster)
    assert_sound(roster, plan, Policy())
    assert covered(plan) >= covered(greedy_plan(roster))
    assert_sound(roster, greedy_plan(roster), Policy())


def test_locks_kept_and_rest_optimal():
    """It keeps a locked branch exactly (even when unlocking it would cover more) and optimizes the rest."""
    socs = tuple(Society(f"学会{i}", "工科", "武汉", None, 1) for i in range(6))
    roster = Roster(socs)
    plan = plan_joint_branches(roster, locks=[("学会0", "学会1", "学会2", "学会3")])
    assert plan.joint_branches()[0].units == ("学会0", "学会1", "学会2", "学会3")
    assert plan.joint_branches()[0].locked
    assert plan.uncovered == ("学会4", "学会5") and plan.optimal
    assert covered(plan_joint_branches(roster)) == 6


def test_bad_lock_refused():
    """It refuses a lock that breaks a rule, naming the lock and the rule."""
    roster = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "理科", "宜昌", None, 1)))
    with pytest.raises(InputError) as exc:
        plan_joint_branches(roster, locks=[("甲", "乙")], lock_file="LOCKS.json")
    lines = [f.line() for f in exc.value.findings]
    assert any("锁定支部1" in x and "不足3名" in x for x in lines)
    assert any("没有一种组建方式" in x for x in lines)


def test_deterministic():
    """It returns the same plan for the same input, whatever the order of calls."""
    socs = tuple(
        Society(
            f"学会{i}",
            "工科理科"[i % 2 * 2 : i % 2 * 2 + 2],
            "武汉孝感"[i % 3 % 2 * 2 :][:2],
            "华科" if i % 4 else None,
            1 + i % 2,
        )
        for i in range(40)
    )
    roster = Roster(socs, adjacency=(("孝感", "武汉"),))
    first = plan_joint_branches(roster).to_dict()
    assert all(plan_joint_branches(roster).to_dict() == first for _ in range(3))


def test_cohesion_preferred():
    """It prefers branches whose units share two relations when coverage is equal."""
    socs = (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "宜昌", "武大", 2),
        Society("丙", "工科", "武汉", "武大", 2),
        Society("丁", "工科", "宜昌", "华科", 2),
    )
    plan = plan_joint_branches(Roster(socs))
    assert {o.units for o in plan.joint_branches()} == {("甲", "丁"), ("乙", "丙")}
    assert any("两种关系" in n for n in plan.notes)


def test_respects_policy_settings():
    """It honours max_units, min_members, the allowed bases and the counting basis."""
    socs = tuple(Society(f"学会{i}", "工科", f"区{i}", None, 1, secretariat_members=2) for i in range(6))
    roster = Roster(socs)
    assert max(len(o.units) for o in plan_joint_branches(roster, Policy(max_units=3)).joint_branches()) <= 3
    assert plan_joint_branches(roster, Policy(bases=("区域联建",))).joint_branches() == ()
    assert plan_joint_branches(roster, Policy(min_members=7)).joint_branches() == ()
    per_two = plan_joint_branches(roster, Policy(count_basis="秘书处", max_units=2))
    assert [o.formal_members for o in per_two.joint_branches()] == [4, 4, 4]


@settings(max_examples=60, deadline=None)
@given(candidate_rosters(9), st.data())
def test_locks_hold_property(roster, data):
    """It keeps any valid lock exactly and covers the rest as well as brute force does."""
    first = plan_joint_branches(roster)
    assume(first.joint_branches())
    lock = data.draw(st.sampled_from(first.joint_branches())).units
    plan = plan_joint_branches(roster, locks=[lock])
    assert plan.joint_branches()[0].units == lock and plan.joint_branches()[0].locked
    rest = Roster(tuple(s for s in roster.societies if s.name not in lock), adjacency=roster.adjacency)
    assert covered(plan) == len(lock) + brute_force(rest, Policy())
    assert_sound(roster, plan, Policy())


def _city(n: int, seed: int) -> Roster:
    import random

    rng = random.Random(seed)
    regions = [f"区{i}" for i in range(12)]
    adjacency = tuple((regions[i], regions[i + 1]) for i in range(11))
    socs = tuple(
        Society(
            f"学会{i:04d}",
            rng.choice("甲乙丙丁戊") + "科",
            rng.choice(regions),
            rng.choice([None, "华科", "武大", "省医院", "农科院"]),
            rng.choice((1, 2)),
        )
        for i in range(n)
    )
    return Roster(socs, adjacency=adjacency)


def test_time_limit_reports_gap():
    """It returns a valid best plan with its bound and gap when the time limit cuts the proof short."""
    roster = _city(900, 3)
    policy = Policy(max_units=2)
    plan = plan_joint_branches(roster, policy, time_limit=0.05)
    assert_sound(roster, plan, policy)
    assert plan.bound >= covered(plan) and plan.gap == plan.bound - covered(plan)
    assert any("差距至多" in n for n in plan.notes) == (not plan.optimal)
    full = plan_joint_branches(roster, policy, time_limit=30)
    assert full.optimal and full.gap == 0 and covered(full) >= covered(plan)


def test_deterministic_with_wishes_at_scale():
    """It gives the same plan twice on a few hundred societies with pinned and forbidden pairs."""
    roster = _city(400, 5)
    names = roster.names()
    together = [
        (names[0], next(n for n in names[1:] if roster.society(n).industry == roster.society(names[0]).industry))
    ]
    apart = [(names[1], names[2]), (names[3], names[4])]
    first = plan_joint_branches(roster, together=together, apart=apart)
    again = plan_joint_branches(roster, together=together, apart=apart)
    assert first.to_dict() == again.to_dict() and first.optimal
    assert_sound(roster, first, Policy(), apart)
    assert first.org_of(together[0][0]) == first.org_of(together[0][1]) is not None
