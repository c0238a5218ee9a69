"""Pools of mutually compatible candidates: the building blocks of the exact planner.

Every valid joint branch lies inside one *pool*: all its units share one 学科类别
(同业共建), one 支撑单位 (挂靠组建), or sit in regions that are pairwise the same or
adjacent — a clique of the region adjacency graph, hence inside a *maximal* clique
(区域联建). Conversely any 2..max_units units of a pool with enough formal members form
a valid branch. So the planner only decides how many units of each pool go into
branches, never which pairs: that is what keeps the CP-SAT model small.

*Cohesive* pools are intersections of two kinds (same industry and same host unit,
same industry and a region clique, same host unit and a region clique): a branch
drawn from one shares two relations and is easier to manage (便于管理). They never
change coverage (each lies inside a pool of an allowed basis); the planner rewards them
in its second objective.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations_with_replacement

import networkx as nx

from model.roster.values import Roster, Society
from model.rules.policy import SAME_HOST, SAME_INDUSTRY, SAME_REGION, Policy

__all__ = ["Unit", "Pool", "units_of", "region_cliques", "build_pools", "compositions", "irreducible", "min_groups"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A joint-branch candidate as the optimizer sees it (``index`` = roster order)."""

    index: int
    name: str
    f: int
    industry: str
    region: str
    host: str  # "" when blank


@dataclass(frozen=True, slots=True)
class Pool:
    """Units (roster indices, sorted) any valid group of which is a valid branch.

    ``plain``: the pool of an allowed basis (defines coverage); ``cohesive``: every
    pair shares at least two relations. A pool can be both.
    """

    key: tuple
    members: tuple[int, ...]
    plain: bool
    cohesive: bool


def units_of(societies: tuple[Society, ...], policy: Policy, indices: dict[str, int]) -> list[Unit]:
    return [
        Unit(
            indices[s.name], s.name, s.counts(policy.count_basis)[0], s.industry, s.region, (s.host_unit or "").strip()
        )
        for s in societies
    ]


def region_cliques(regions: set[str], roster: Roster) -> dict[str, list[tuple[str, ...]]]:
    """For each region, the maximal cliques (sorted tuples) of the adjacency graph containing it."""
    g = nx.Graph()
    g.add_nodes_from(sorted(regions))
    g.add_edges_from((a, b) for a, b in roster.adjacency if a != b and a in regions and b in regions)
    out: dict[str, list[tuple[str, ...]]] = {r: [] for r in regions}
    for clique in sorted(tuple(sorted(c)) for c in nx.find_cliques(g)):
        for r in clique:
            out[r].append(clique)
    return out


def compositions(fvals: tuple[int, ...], policy: Policy) -> list[tuple[int, ...]]:
    """Valid branch compositions: counts per F value, 2..max_units units, Σ F ≥ min_members.

    >>> compositions((1, 2), Policy())[:4]
    [(1, 1), (0, 2), (3, 0), (2, 1)]
    """
    out = []
    for size in range(2, policy.max_units + 1):
        for combo in combinations_with_replacement(range(len(fvals)), size):
            if sum(fvals[i] for i in combo) >= policy.min_members:
                out.append(tuple(sum(1 for i in combo if i == k) for k in range(len(fvals))))
    return sorted(set(out), key=lambda v: (sum(v), tuple(-x for x in v)))


def irreducible(comps: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Compositions that are not the sum of two valid ones (they generate all the others).

    >>> irreducible(compositions((1, 2), Policy()))
    [(1, 1), (0, 2), (3, 0), (2, 1), (1, 2), (0, 3), (4, 0), (3, 1), (5, 0)]
    """
    valid = set(comps)
    out = []
    for v in comps:
        if not any(tuple(a - b for a, b in zip(v, u)) in valid for u in comps if all(b <= a for a, b in zip(v, u))):
            out.append(v)
    return out


def min_groups(n: tuple[int, ...], comps: list[tuple[int, ...]], memo: dict) -> list[tuple[int, ...]] | None:
    """Fewest valid compositions summing exactly to ``n`` (None if impossible).

    >>> min_groups((4, 1), compositions((1, 2), Policy()), {})
    [(4, 1)]
    >>> min_groups((2, 0), compositions((1, 2), Policy()), {}) is None
    True
    """
    if not any(n):
        return []
    if n in memo:
        return memo[n]
    best: list | None = None
    for v in sorted(comps, key=lambda v: -sum(v)):
        if all(b <= a for a, b in zip(n, v)):
            rest = min_groups(tuple(a - b for a, b in zip(n, v)), comps, memo)
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = [v] + rest
                if len(best) == -(-sum(n) // max(map(sum, comps))):
                    break  # cannot do better than ceil(n / max_units)
    memo[n] = best
    return best


def _coverable(cap: tuple[int, ...], comps: list[tuple[int, ...]]) -> list[bool]:
    """Per F slot: is there a valid composition within ``cap`` using that slot."""
    ok = [False] * len(cap)
    for v in comps:
        if all(b <= a for a, b in zip(cap, v)):
            for k, x in enumerate(v):
                ok[k] = ok[k] or x > 0
    return ok


def build_pools(
    units: list[Unit], roster: Roster, policy: Policy, fvals: tuple[int, ...], comps: list[tuple[int, ...]]
) -> tuple[list[Pool], set[int]]:
    """Pools of the allowed bases plus cohesive pools; and the units no pool can cover.

    Pools with the same members are merged (the merged pool is plain if any was, cohesive
    if any was); pools admitting no valid composition are dropped; units left in no
    plain pool are returned as uncoverable.
    """
    cliques = region_cliques({u.region for u in units}, roster)
    raw: dict[tuple, tuple[bool, bool]] = {}
    keys_of: dict[int, list[tuple]] = {}
    ind, reg, host = (b in policy.bases for b in (SAME_INDUSTRY, SAME_REGION, SAME_HOST))
    for u in units:
        ks: list[tuple[tuple, bool, bool]] = []
        if ind:
            ks.append((("I", u.industry), True, False))
        if host and u.host:
            ks.append((("H", u.host), True, False))
        for q in cliques[u.region]:
            if reg:
                ks.append((("Q", q), True, False))
            if ind or reg:
                ks.append((("IQ", u.industry, q), False, True))
            if u.host and (host or reg):
                ks.append((("HQ", u.host, q), False, True))
        if u.host and (ind or host):
            ks.append((("IH", u.industry, u.host), False, True))
        for k, plain, coh in ks:
            p, c = raw.get(k, (False, False))
            raw[k] = (p or plain, c or coh)
        keys_of[u.index] = [k for k, _, _ in ks]
    members: dict[tuple, list[int]] = {k: [] for k in raw}
    for u in units:
        for k in keys_of[u.index]:
            members[k].append(u.index)
    fpos = {f: i for i, f in enumerate(fvals)}
    f_of = {u.index: u.f for u in units}
    merged: dict[tuple[int, ...], list] = {}
    for k in sorted(raw, key=repr):
        mem = tuple(sorted(members[k]))
        if len(mem) < 2:
            continue
        if mem in merged:
            entry = merged[mem]
            entry[1] = entry[1] or raw[k][0]
            entry[2] = entry[2] or raw[k][1]
        else:
            merged[mem] = [k, raw[k][0], raw[k][1]]
    pools, coverable = [], set()
    for mem, (k, plain, coh) in merged.items():
        cap = [0] * len(fvals)
        for i in mem:
            cap[fpos[f_of[i]]] += 1
        ok = _coverable(tuple(cap), comps)
        if not any(ok):
            continue
        kept = tuple(i for i in mem if ok[fpos[f_of[i]]])
        if len(kept) < 2:
            continue
        pools.append(Pool(k, kept, plain, coh))
        if plain:
            coverable.update(kept)
    pools = [p for p in pools if p.plain or set(p.members) <= coverable]
    pools.sort(key=lambda p: (p.members[0], repr(p.key)))
    return pools, {u.index for u in units} - coverable
