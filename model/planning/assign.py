"""A fast constructive assignment of candidates to pools (the planner's first try).

Every unit of a component is either sent to one pool or left out; a pool's load (units
per F value) is feasible when it splits into valid branch compositions. The assignment
fills cohesive pools first (second objective), then plain pools largest first, then
adds each leftover to a pool whose load stays feasible. When it covers every
coverable unit it is optimal by counting (no unit outside every pool can be covered);
otherwise it serves as the CP-SAT hint.

Units with wishes (in a pinned or forbidden pair) go first, each pinned group (or lone
unit) into a slot of its own in the largest plain pool holding it, topped up with the
fewest wish-free units of that pool; so no forbidden pair can meet.
"""

from __future__ import annotations

from model.planning.pools import Pool, Unit, min_groups

__all__ = ["greedy_assignment", "feasible", "best_subload"]


def feasible(load: tuple[int, ...], comps: list[tuple[int, ...]], memo: dict) -> bool:
    """Whether ``load`` splits exactly into valid compositions (the empty load does)."""
    return min_groups(load, comps, memo) is not None


def best_subload(avail: tuple[int, ...], comps: list[tuple[int, ...]], memo: dict) -> tuple[int, ...]:
    """A feasible load ≤ ``avail`` with the most units (ties: more of the higher F values).

    >>> from model.planning.pools import compositions
    >>> from model.rules.policy import Policy
    >>> best_subload((2, 0), compositions((1, 2), Policy()), {}), best_subload((4, 1), compositions((1, 2), Policy()), {})
    ((0, 0), (4, 1))
    """
    total = sum(avail)
    frontier = {avail}
    for _ in range(total + 1):
        for v in sorted(frontier, key=lambda v: tuple(-x for x in reversed(v))):
            if feasible(v, comps, memo):
                return v
        frontier = {v[:k] + (v[k] - 1,) + v[k + 1 :] for v in frontier for k in range(len(v)) if v[k]}
    return tuple(0 for _ in avail)


def _slots(units, pools, slot_pools, fvals, comps, together, apart, where) -> list[tuple]:
    """Place wish units: (pool id, wish units, extras per F) per slot; extras recorded in ``where``.

    A pinned group (or lone wish unit) first tries to join an existing slot of a pool
    holding it (no forbidden pair inside), else opens its own slot in the largest pool.
    """
    fpos = {f: i for i, f in enumerate(fvals)}
    f_of = {u.index: fpos[u.f] for u in units}
    special = sorted({i for pair in together + apart for i in pair})
    parent = {i: i for i in special}
    for a, b in together:
        ra, rb = _root(parent, a), _root(parent, b)
        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in special:
        groups.setdefault(_root(parent, i), []).append(i)
    forbidden = {frozenset(p) for p in apart}
    valid = set(comps)
    slots: list[list] = []  # [pool id, wish units, extras per F, extra unit indices]

    def place(pid: int, members: list[int], released: list[int]) -> tuple | None:
        mine = [0] * len(fvals)
        for i in members:
            mine[f_of[i]] += 1
        free = [
            [i for i in pools[pid].members if (i not in where or i in released) and i not in parent and f_of[i] == k]
            for k in range(len(fvals))
        ]
        extra = _top_up(tuple(mine), tuple(len(x) for x in free), valid)
        if extra is None:
            return None
        for i in released:
            del where[i]
        chosen = [i for k, n in enumerate(extra) for i in free[k][:n]]
        for i in chosen:
            where[i] = pid
        return extra, chosen

    for group in sorted(groups.values(), key=lambda g: (-len(g), g[0])):
        done = False
        for slot in slots:
            pid, members, _, used = slot
            if (
                set(group) <= set(pools[pid].members)
                and len(members) + len(group) <= max(map(sum, comps))
                and not any(frozenset((a, b)) in forbidden for a in group for b in members)
            ):
                got = place(pid, members + group, used)
                if got:
                    slot[1], slot[2], slot[3] = members + group, got[0], got[1]
                    done = True
                    break
        if done:
            continue
        for pid in sorted(
            (p for p in slot_pools if set(group) <= set(pools[p].members)), key=lambda p: (-len(pools[p].members), p)
        ):
            got = place(pid, list(group), [])
            if got:
                slots.append([pid, list(group), got[0], got[1]])
                break
    return [(pid, tuple(sorted(members)), extra) for pid, members, extra, _ in slots]


def _root(parent: dict[int, int], a: int) -> int:
    while parent[a] != a:
        a = parent[a]
    return a


def _top_up(mine: tuple[int, ...], avail: tuple[int, ...], valid: set) -> tuple[int, ...] | None:
    """Fewest extra units (≤ avail) making ``mine`` a valid composition."""
    best = None
    for v in valid:
        extra = tuple(a - b for a, b in zip(v, mine))
        if all(0 <= e <= c for e, c in zip(extra, avail)) and (best is None or (sum(extra), extra) < (sum(best), best)):
            best = extra
    return best


def greedy_assignment(
    units: tuple[Unit, ...],
    pools: tuple[Pool, ...],
    fvals: tuple[int, ...],
    comps: list[tuple[int, ...]],
    memo: dict,
    *,
    together=(),
    apart=(),
    slot_pools: list[int] | None = None,
    cohesive_first: bool = True,
) -> tuple[dict[int, int], list[tuple]]:
    """Unit index → pool id (position in ``pools``) for the units placed, and wish slots."""
    fpos = {f: i for i, f in enumerate(fvals)}
    f_of = {u.index: fpos[u.f] for u in units}
    where: dict[int, int] = {}
    load: list[list[int]] = [[0] * len(fvals) for _ in pools]
    if slot_pools is None:
        slot_pools = [p for p in range(len(pools)) if pools[p].plain]
    slots = _slots(units, pools, slot_pools, fvals, comps, list(together), list(apart), where)
    skip = {i for pair in list(together) + list(apart) for i in pair}
    extras = set(where)

    def fill(pid: int) -> None:
        free = [
            [i for i in pools[pid].members if i not in where and i not in skip and f_of[i] == k]
            for k in range(len(fvals))
        ]
        take = best_subload(tuple(len(x) for x in free), comps, memo)
        for k, n in enumerate(take):
            for i in free[k][:n]:
                where[i] = pid
            load[pid][k] += n

    order = sorted(range(len(pools)), key=lambda p: (len(pools[p].members), p))
    if cohesive_first:
        for pid in order:
            if pools[pid].cohesive:
                fill(pid)
    for pid in reversed(order):
        if pools[pid].plain:
            fill(pid)
    pools_of: dict[int, list[int]] = {}
    for pid in order:
        for i in pools[pid].members:
            pools_of.setdefault(i, []).append(pid)
    for u in units:
        if u.index in where or u.index in skip:
            continue
        for pid in pools_of.get(u.index, ()):
            if any(load[pid]):
                trial = list(load[pid])
                trial[f_of[u.index]] += 1
                if feasible(tuple(trial), comps, memo):
                    load[pid] = trial
                    where[u.index] = pid
                    break
    _repair(units, pools, [p for p in reversed(order) if pools[p].plain], f_of, where, load, skip | extras, comps, memo)
    _gather(pools, [p for p in order if pools[p].cohesive], f_of, where, load, skip | extras, comps, memo)
    return where, slots


def _gather(pools, cohesive_order, f_of, where, load, skip, comps, memo) -> None:
    """Move units into cohesive pools when every pool left behind stays feasible (coverage kept)."""
    for pid in cohesive_order:
        trial = list(load[pid])
        moved: list[int] = []
        for j in pools[pid].members:
            if j in skip or j not in where or where[j] == pid or pools[where[j]].cohesive:
                continue
            rest = list(load[where[j]])
            rest[f_of[j]] -= 1
            if feasible(tuple(rest), comps, memo):
                load[where[j]] = rest
                moved.append(j)
                trial[f_of[j]] += 1
        while moved and not feasible(tuple(trial), comps, memo):
            j = moved.pop()  # give back the last one taken until the pool's load splits
            load[where[j]][f_of[j]] += 1
            trial[f_of[j]] -= 1
        for j in moved:
            where[j] = pid
        load[pid] = trial


def _repair(units, pools, plain_order, f_of, where, load, skip, comps, memo) -> None:
    """Cover leftovers by opening a plain pool with donors whose own pools stay feasible."""
    for u in units:
        i = u.index
        if i in where or i in skip:
            continue
        for pid in (p for p in plain_order if i in pools[p].members):
            trial = list(load[pid])
            trial[f_of[i]] += 1
            moved: list[int] = []
            for j in pools[pid].members:
                if feasible(tuple(trial), comps, memo):
                    break
                if j == i or j in skip or where.get(j) == pid:
                    continue
                if j in where:
                    rest = list(load[where[j]])
                    rest[f_of[j]] -= 1
                    if not feasible(tuple(rest), comps, memo):
                        continue
                    load[where[j]] = rest
                moved.append(j)
                trial[f_of[j]] += 1
            if feasible(tuple(trial), comps, memo):
                for j in moved + [i]:
                    where[j] = pid
                load[pid] = trial
                break
            for j in moved:  # undo
                if j in where:
                    load[where[j]][f_of[j]] += 1
