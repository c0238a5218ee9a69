"""Pools of compatible candidates, compositions and the exact min-branch split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from model.planning.pools import build_pools, compositions, irreducible, min_groups, region_cliques, units_of
from model.roster.values import Roster, Society
from model.rules.policy import Policy


def test_region_cliques_are_maximal():
    """It puts each region in every maximal clique of the adjacency graph that holds it."""
    r = Roster((), adjacency=(("甲", "乙"), ("乙", "丙"), ("甲", "丙"), ("丙", "丁")))
    cl = region_cliques({"甲", "乙", "丙", "丁", "戊"}, r)
    assert cl["丙"] == [("丁", "丙"), ("丙", "乙", "甲")]
    assert cl["戊"] == [("戊",)] and len(cl["甲"]) == 1


def test_compositions_follow_policy():
    """It lists exactly the valid compositions: 2..max_units units, enough formal members."""
    assert compositions((1, 2), Policy(max_units=2)) == [(1, 1), (0, 2)]
    assert compositions((1, 2), Policy(max_units=3, min_members=5)) == [(1, 2), (0, 3)]
    assert all(2 <= sum(v) <= 5 and v[0] + 2 * v[1] >= 3 for v in compositions((1, 2), Policy()))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(2, 5), st.integers(2, 6))
def test_min_groups_exact(n1, n2, k, m):
    """It splits a load into the fewest valid compositions, or says it cannot (checked by search)."""
    comps = compositions((1, 2), Policy(max_units=k, min_members=m))
    got = min_groups((n1, n2), comps, {})
    best: dict = {(0, 0): 0}
    for a in range(n1 + 1):
        for b in range(n2 + 1):
            if (a, b) != (0, 0):
                options = [
                    best[a - x, b - y] + 1
                    for x, y in comps
                    if x <= a and y <= b and best.get((a - x, b - y)) is not None
                ]
                best[a, b] = min(options) if options else None
    assert (got is None) == (best[n1, n2] is None)
    if got:
        assert len(got) == best[n1, n2]
        assert (sum(v[0] for v in got), sum(v[1] for v in got)) == (n1, n2)
        assert all(v in comps for v in got)


def test_irreducible_generate_all():
    """It keeps only compositions that are not sums of two valid ones."""
    irr = irreducible(compositions((1, 2), Policy()))
    assert (2, 2) not in irr and (1, 1) in irr and (4, 0) in irr


def test_build_pools_cohesive_and_uncoverable():
    """It merges identical pools, flags cohesive ones and returns the units no pool covers."""
    socs = (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "武汉", "华科", 2),
        Society("丙", "医科", "恩施", None, 1),
        Society("丁", "理科", "恩施", None, 1),
    )
    r = Roster(socs)
    units = units_of(socs, Policy(), {s.name: i for i, s in enumerate(socs)})
    pools, lost = build_pools(units, r, Policy(), (1, 2), compositions((1, 2), Policy()))
    assert [(p.members, p.plain, p.cohesive) for p in pools] == [((0, 1), True, True)]
    assert lost == {2, 3}  # 丙 and 丁 share only a region and have 2 formal members together
