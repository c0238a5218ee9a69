"""The constructive assignment: feasible pool loads, wishes kept apart, leftovers repaired."""

from __future__ import annotations

from model.planning.assign import best_subload, feasible, greedy_assignment
from model.planning.pools import build_pools, compositions, units_of
from model.roster.values import Roster, Society
from model.rules.policy import Policy

COMPS = compositions((1, 2), Policy())


def setup(socs, adjacency=()):
    r = Roster(socs, adjacency=adjacency)
    units = units_of(socs, Policy(), {s.name: i for i, s in enumerate(socs)})
    pools, lost = build_pools(units, r, Policy(), (1, 2), COMPS)
    return tuple(u for u in units if u.index not in lost), tuple(pools)


def loads_feasible(units, pools, where, slots) -> bool:
    f = {u.index: u.f for u in units}
    extra = {pid: [0, 0] for pid in range(len(pools))}
    for pid, _, e in slots:
        extra[pid] = [extra[pid][0] + e[0], extra[pid][1] + e[1]]
    for pid in range(len(pools)):
        load = [sum(1 for i, p in where.items() if p == pid and f[i] == k) for k in (1, 2)]
        if not feasible((load[0] - extra[pid][0], load[1] - extra[pid][1]), COMPS, {}):
            return False
    return True


def test_best_subload():
    """It keeps the most units a pool can split into valid branches."""
    assert best_subload((2, 0), COMPS, {}) == (0, 0)
    assert best_subload((7, 0), COMPS, {}) == (7, 0)
    assert best_subload((1, 0), COMPS, {}) == (0, 0)


def test_covers_everyone_when_possible():
    """It covers every unit of a roster where one industry holds all of them."""
    socs = tuple(Society(f"学会{i}", "工科", f"区{i}", "华科" if i < 3 else None, 1 + i % 2) for i in range(8))
    units, pools = setup(socs)
    where, slots = greedy_assignment(units, pools, (1, 2), COMPS, {})
    assert len(where) == 8 and slots == [] and loads_feasible(units, pools, where, slots)


def test_wishes_get_their_own_slots():
    """It groups wish units into slots topped up with wish-free units; a forbidden pair never meets."""
    socs = tuple(Society(f"学会{i}", "工科", "武汉", None, 1) for i in range(7))
    units, pools = setup(socs)
    where, slots = greedy_assignment(units, pools, (1, 2), COMPS, {}, apart=[(0, 1)], together=[(2, 3)])
    groups = {sp: e for _, sp, e in slots}
    assert groups == {(0, 2, 3): (0, 0), (1,): (2, 0)}  # all seven covered
    assert len(where) == 2
    assert loads_feasible(units, pools, where, slots)


def test_repair_opens_a_pool_with_donors():
    """It covers a leftover by pulling a unit whose own pool stays feasible."""
    # 甲乙丙丁 工科 (F=1); 戊 理科 F=2 shares 华科 with 甲 only
    socs = (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "武汉", None, 1),
        Society("丙", "工科", "武汉", None, 1),
        Society("丁", "工科", "武汉", None, 1),
        Society("戊", "理科", "恩施", "华科", 2),
    )
    units, pools = setup(socs)
    where, _ = greedy_assignment(units, pools, (1, 2), COMPS, {}, cohesive_first=False)
    assert len(where) == 5 and where[0] == where[4]
