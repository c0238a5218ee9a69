"""Which candidate societies can share a joint branch (docs/rules.md §2).

A joint branch declares one basis (组建方式) that must hold for every pair of its
units: 同业共建 (same 学科类别), 区域联建 (same or adjacent 所在地), 挂靠组建 (same
non-blank 支撑单位). ``pair_modes`` answers for one pair, ``branch_modes`` for a
whole branch, ``compatibility_graph`` draws every candidate and every pair that could
share a branch. Mode tuples are ``sorted()`` (code-point order), as the graph's
edge attribute ``modes`` promises.

Tiny roster used below (甲–乙 same industry; 乙–丙 same host unit; 丁 alone)::

    甲(工科, 武汉, 华科)  乙(工科, 宜昌, 武大)  丙(理科, 襄阳, 武大)  丁(医科, 恩施, —)

>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲", "工科", "武汉", "华科", 1), Society("乙", "工科", "宜昌", "武大", 2),
...             Society("丙", "理科", "襄阳", "武大", 1), Society("丁", "医科", "恩施", None, 1)))
>>> pair_modes(r.society("甲"), r.society("乙"), r)
('同业共建',)
>>> g = compatibility_graph(r)
>>> sorted(g.edges(data="modes"))
[('乙', '丙', ('挂靠组建',)), ('甲', '乙', ('同业共建',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import networkx as nx

from model.roster.values import Roster, Society
from model.rules.policy import SAME_HOST, SAME_INDUSTRY, SAME_REGION, Policy

__all__ = ["pair_modes", "branch_modes", "compatibility_graph", "is_candidate", "candidates", "failed_bases"]

_DEFAULT = Policy()


def is_candidate(society: Society, policy: Policy = _DEFAULT) -> bool:
    """A joint-branch candidate has 1 ≤ F < own_min_formal formal members (支部条例 第四条)."""
    f, _ = society.counts(policy.count_basis)
    return 1 <= f < policy.own_min_formal


def candidates(roster: Roster, policy: Policy = _DEFAULT) -> tuple[Society, ...]:
    """The joint-branch candidates in roster order."""
    return tuple(s for s in roster.societies if is_candidate(s, policy))


def _host(s: Society) -> str:
    return (s.host_unit or "").strip()


def _holds(basis: str, a: Society, b: Society, roster: Roster) -> bool:
    if basis == SAME_INDUSTRY:
        return a.industry == b.industry
    if basis == SAME_REGION:
        return roster.adjacent(a.region, b.region)
    if basis == SAME_HOST:
        return bool(_host(a)) and _host(a) == _host(b)
    return False


def pair_modes(a: Society, b: Society, roster: Roster, policy: Policy = _DEFAULT) -> tuple[str, ...]:
    """The bases among ``policy.bases`` that hold for the pair, ``sorted()``."""
    return tuple(sorted(m for m in policy.bases if _holds(m, a, b, roster)))


def branch_modes(units: Sequence[Society], roster: Roster, policy: Policy = _DEFAULT) -> tuple[str, ...]:
    """The bases among ``policy.bases`` holding for every pair of ``units``, ``sorted()``.

    A single unit satisfies every basis vacuously.
    """
    modes = set(policy.bases)
    for a, b in combinations(units, 2):
        modes = {m for m in modes if _holds(m, a, b, roster)}
        if not modes:
            break
    return tuple(sorted(modes))


def failed_bases(a: Society, b: Society, roster: Roster, bases: Iterable[str]) -> tuple[str, ...]:
    """Chinese phrases for each of ``bases`` the pair fails, e.g. ``学科类别不同``."""
    phrase = {SAME_INDUSTRY: "学科类别不同", SAME_REGION: "所在地不相邻", SAME_HOST: "支撑单位不同"}
    return tuple(phrase[m] for m in bases if m in phrase and not _holds(m, a, b, roster))


def _pairs(names: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    out = set()
    for pair in names:
        p = frozenset(pair)
        if len(p) == 2:
            out.add(p)
    return out


def compatibility_graph(
    roster: Roster,
    policy: Policy = _DEFAULT,
    *,
    together: Iterable[Sequence[str]] = (),
    apart: Iterable[Sequence[str]] = (),
) -> nx.Graph:
    """Candidates as nodes, an edge wherever a pair can share a branch.

    Node attributes: ``industry``, ``region``, ``host_unit``, ``formal`` (F on the
    counting basis). Edge attribute ``modes``: the sorted bases the pair satisfies.
    Pinned pairs (``together``) get ``pinned=True`` (and appear even when no basis
    holds, with empty ``modes``, so the conflict is visible). Forbidden pairs
    (``apart``) are *removed*: the societies' wish overrides the rules' permission.
    Pairs naming non-candidates are ignored here (``check_plan`` reports them).

    Edges come from grouping by industry, host unit and region, so the cost is the
    number of edges, not the square of the candidates.
    """
    cands = candidates(roster, policy)
    g = nx.Graph()
    for s in cands:
        g.add_node(
            s.name, industry=s.industry, region=s.region, host_unit=s.host_unit, formal=s.counts(policy.count_basis)[0]
        )
    by_region: dict[str, list[Society]] = {}
    for s in cands:
        by_region.setdefault(s.region, []).append(s)
    groups: list[list[Society]] = []
    if SAME_INDUSTRY in policy.bases:
        by_ind: dict[str, list[Society]] = {}
        for s in cands:
            by_ind.setdefault(s.industry, []).append(s)
        groups += by_ind.values()
    if SAME_HOST in policy.bases:
        by_host: dict[str, list[Society]] = {}
        for s in cands:
            if _host(s):
                by_host.setdefault(_host(s), []).append(s)
        groups += by_host.values()
    if SAME_REGION in policy.bases:
        groups += by_region.values()
        for a, b in roster.adjacency:
            if a != b and a in by_region and b in by_region:
                groups += [[x, y] for x in by_region[a] for y in by_region[b]]
    for group in groups:
        for a, b in combinations(group, 2):
            if not g.has_edge(a.name, b.name):
                g.add_edge(a.name, b.name, modes=pair_modes(a, b, roster, policy))
    for p in _pairs(together):
        a, b = sorted(p)
        if a in g and b in g:
            if not g.has_edge(a, b):
                g.add_edge(a, b, modes=())
            g.edges[a, b]["pinned"] = True
    for p in _pairs(apart):
        a, b = sorted(p)
        if g.has_edge(a, b):
            g.remove_edge(a, b)
    return g
