"""Why a society is left uncovered, and the smallest change that would cover it (docs/rules.md §2).

Reasons, computed exactly on the society's compatible neighbourhood:

- 无可联合学会 — no candidate shares a mode with it under the allowed bases;
- 人数不足 — partners exist, but no valid branch of at most ``max_units`` units containing it
  reaches ``min_members`` formal members (a valid branch is a clique of one mode);
- 伙伴已锁定 — such a branch exists only with societies in locked branches;
- 伙伴已编入其他支部 — such a branch exists, but its partners serve other branches of the plan.

Suggestions are single changes — unlock a named branch, make two named regions adjacent,
allow another basis, allow one more unit, re-optimize — each verified by re-planning with
that change; only those after which the society is covered *and* overall coverage grows
are returned (covering it by uncovering another is no remedy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import networkx as nx

from model.findings import InputError
from model.planning.compat import compatibility_graph
from model.planning.plan import Plan
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster
from model.rules.policy import BASES, SAME_REGION, Policy

__all__ = [
    "Suggestion",
    "Explanation",
    "explain_uncovered",
    "best_partner_total",
    "NO_PARTNER",
    "TOO_FEW",
    "LOCKED_OUT",
    "TAKEN",
    "NOT_CANDIDATE",
]

NO_PARTNER = "无可联合学会"
TOO_FEW = "人数不足"
LOCKED_OUT = "伙伴已锁定"
TAKEN = "伙伴已编入其他支部"
NOT_CANDIDATE = "非联合候选"

Pairs = Iterable[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One verified change: after it, a re-plan covers the society (``gain`` = societies gained overall)."""

    kind: str  # 解锁 / 地域相邻 / 组建方式 / 单位上限 / 重新优化
    text: str
    detail: tuple[str, ...] = ()
    gain: int = 0


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one society is uncovered (``reason``, ``text``) and the verified changes that would cover it."""

    society: str
    reason: str
    text: str
    partners: tuple[str, ...] = ()
    best_total: int = 0  # most formal members a valid branch containing it can reach
    suggestions: tuple[Suggestion, ...] = ()


def _modes(graph: nx.Graph, a: str, b: str, allowed: tuple[str, ...]) -> set[str]:
    return set(graph.edges[a, b].get("modes", ())) & set(allowed)


def best_partner_total(
    graph: nx.Graph,
    society: str,
    formal: Callable[[str], int],
    policy: Policy,
    exclude: frozenset[str] = frozenset(),
    max_units: int | None = None,
    complete: bool = False,
) -> int:
    """Most formal members of a valid branch of ≤ max_units units containing ``society``.

    Exact: for each allowed mode, the partners form cliques of that mode among its
    neighbours; any subset of a clique is valid, so the best takes the heaviest units
    of one maximal clique. ``complete=True`` promises that no edge was removed from the
    graph (no forbidden pairs): then same-industry / same-host neighbours are one clique
    and region cliques are found on the (few) regions instead of the units.
    """
    if society not in graph:
        return formal(society)
    k = (max_units or policy.max_units) - 1

    def top(units: Iterable[str]) -> int:
        return sum(sorted((formal(v) for v in units), reverse=True)[:k])

    def has(a: str, b: str, mode: str) -> bool:
        return graph.has_edge(a, b) and mode in graph.edges[a, b].get("modes", ())

    best = 0
    for mode in policy.bases:
        near = [v for v in graph[society] if v not in exclude and has(society, v, mode)]
        if complete and mode != SAME_REGION:
            best = max(best, top(near))
            continue
        if complete:  # units of one region are interchangeable: cliques of regions
            groups: dict[str, list[str]] = {}
            for v in near:
                groups.setdefault(graph.nodes[v].get("region", v), []).append(v)
            regions = list(groups)
            sub = nx.Graph()
            sub.add_nodes_from(regions)
            sub.add_edges_from(
                (a, b) for i, a in enumerate(regions) for b in regions[i + 1 :] if has(groups[a][0], groups[b][0], mode)
            )
            cliques = ([v for r in c for v in groups[r]] for c in nx.find_cliques(sub))
        else:
            sub = nx.Graph()
            sub.add_nodes_from(near)
            sub.add_edges_from((a, b) for i, a in enumerate(near) for b in near[i + 1 :] if has(a, b, mode))
            cliques = nx.find_cliques(sub)
        for clique in cliques:
            best = max(best, top(clique))
    return formal(society) + best


@dataclass(frozen=True, slots=True)
class _Change:
    kind: str
    text: str
    detail: tuple[str, ...]
    roster: Roster
    policy: Policy
    locks: tuple[tuple[str, ...], ...]


def explain_uncovered(
    roster: Roster,
    plan: Plan,
    policy: Policy | None = None,
    *,
    together: Pairs = (),
    apart: Pairs = (),
    verify: bool = True,
    time_limit: float = 5.0,
    region_tries: int = 3,
    societies: Iterable[str] | None = None,
    max_replans: int = 24,
) -> tuple[Explanation, ...]:
    """One :class:`Explanation` per society in ``plan.uncovered`` (or those of ``societies``), in plan order.

    Each distinct change is re-planned once and shared by every society it may help; after
    ``max_replans`` re-plans, further changes go unverified and are therefore not suggested.
    """

    policy = policy or plan.policy
    together, apart = tuple(together), tuple(apart)
    wanted = set(plan.uncovered if societies is None else societies)
    if not wanted & set(plan.uncovered):
        return ()
    graph = compatibility_graph(roster, policy, together=together, apart=apart)
    full = (
        graph
        if set(policy.bases) == set(BASES)
        else compatibility_graph(roster, replace(policy, bases=BASES), together=together, apart=apart)
    )
    formal = lambda u: roster.society(u).counts(policy.count_basis)[0]  # noqa: E731
    locked = [o for o in plan.joint_branches() if o.locked]
    locked_units = frozenset(u for o in locked for u in o.units)
    locks = tuple(o.units for o in locked)
    replans: dict[tuple, int] = {}  # change -> organized after re-planning, or -1 when not covering
    covered_by: dict[tuple, Plan] = {}
    organized = plan.coverage().organized
    complete = not apart  # no edge removed: the fast exact path of best_partner_total holds

    def covers(change: _Change, society: str) -> Suggestion | None:
        if not verify:
            return Suggestion(change.kind, change.text, change.detail)
        key = (change.kind, change.detail)
        if key not in replans:
            if len(replans) >= max_replans:
                return None
            try:
                covered_by[key] = plan_joint_branches(
                    change.roster,
                    change.policy,
                    locks=change.locks,
                    together=together,
                    apart=apart,
                    time_limit=time_limit,
                )
            except InputError:  # the wishes contradict this change's locks: it is no remedy
                replans[key] = -1
                return None
            replans[key] = covered_by[key].coverage().organized
        gain = replans[key] - organized
        if gain <= 0 or covered_by[key].org_of(society) is None:  # covering it by uncovering another is no remedy
            return None
        return Suggestion(change.kind, change.text, change.detail, gain)

    out = []
    for s in (u for u in plan.uncovered if u in wanted):
        f = formal(s)
        if f == 0 or f >= policy.own_min_formal:
            text = (
                "无正式党员，不能参加联合党支部，宜派驻党建工作指导员或联络员"
                if f == 0
                else f"正式党员{f}名，应单独建立党组织，不参加联合党支部"
            )
            out.append(Explanation(s, NOT_CANDIDATE, text, best_total=f))
            continue
        partners = tuple(sorted(v for v in graph[s] if _modes(graph, s, v, policy.bases))) if s in graph else ()
        best = best_partner_total(graph, s, formal, policy, complete=complete)
        best_free = best_partner_total(graph, s, formal, policy, exclude=locked_units, complete=complete)
        if not partners:
            reason, text = (
                NO_PARTNER,
                (
                    f"在允许的组建方式（{'、'.join(policy.bases)}）下，没有可与之联合的候选学会"
                    "（学科类别不同、所在地不相邻、支撑单位不同）"
                ),
            )
        elif best < policy.min_members:
            reason, text = (
                TOO_FEW,
                (
                    f"可联合的学会有{len(partners)}家，但{policy.max_units}家以内正式党员合计最多"
                    f"{best}名，不足{policy.min_members}名（支部条例第四条）"
                ),
            )
        elif best_free < policy.min_members:
            names = sorted({o.id for o in locked if set(o.units) & set(partners)})
            reason, text = LOCKED_OUT, f"可联合的学会都在已锁定的支部（{'、'.join(names)}）中"
        else:
            where = "最优方案" if plan.optimal else "当前方案"
            reason, text = (
                TAKEN,
                (
                    f"可联合的学会已编入其他支部；{where}中把它们调出会使其他学会失去覆盖"
                    if plan.optimal
                    else f"可联合的学会已编入{where}的其他支部"
                ),
            )
        found: list[Suggestion] = []
        for ch in _changes(roster, plan, policy, s, graph, full, formal, locked, locks, region_tries, complete):
            if (sg := covers(ch, s)) is not None:
                found.append(sg)
                if sg.kind == "重新优化":  # no rule or wish need change: nothing smaller to suggest
                    break
        if not found:
            text += "；没有找到单项调整能覆盖它，可派驻党建工作指导员或依托支撑单位党组织开展工作"
        out.append(Explanation(s, reason, text, partners, best, tuple(found)))
    return tuple(out)


def _changes(
    roster: Roster,
    plan: Plan,
    policy: Policy,
    s: str,
    graph: nx.Graph,
    full: nx.Graph,
    formal: Callable[[str], int],
    locked,
    locks,
    region_tries: int,
    complete: bool,
) -> list[_Change]:
    """Candidate single changes for society ``s``, cheapest first, pre-filtered by an exact bound."""
    out: list[_Change] = []
    need = policy.min_members
    if plan.optimal is not True:
        out.append(_Change("重新优化", "保留锁定支部，重新优化其余部分", (), roster, policy, locks))
    locked_units = frozenset(u for o in locked for u in o.units)
    for o in locked:
        if s in graph and set(o.units) & set(graph[s]):
            rest = locked_units - set(o.units)
            if best_partner_total(graph, s, formal, policy, exclude=rest, complete=complete) >= need:
                label = f"{o.id}（{o.name}）" if o.name else o.id
                out.append(
                    _Change(
                        "解锁",
                        f"解锁{label}，允许重新编组",
                        (o.id,),
                        roster,
                        policy,
                        tuple(x for x in locks if set(x) != set(o.units)),
                    )
                )
    if SAME_REGION in policy.bases:
        out.extend(_adjacency_changes(roster, policy, s, formal, locked_units, locks, region_tries))
    for mode in BASES:
        if mode in policy.bases:
            continue
        wider = replace(policy, bases=policy.bases + (mode,))
        if (
            best_partner_total(full, s, formal, replace(policy, bases=(mode,)), exclude=locked_units, complete=complete)
            >= need
        ):
            out.append(_Change("组建方式", f"允许以“{mode}”方式组建", (mode,), roster, wider, locks))
    more = replace(policy, max_units=policy.max_units + 1)
    if best_partner_total(graph, s, formal, more, exclude=locked_units, complete=complete) >= need:
        out.append(
            _Change(
                "单位上限",
                f"联合组建单位上限放宽到{more.max_units}家（青海实施意见9：原则上不超过5家，需说明理由）",
                (str(more.max_units),),
                roster,
                more,
                locks,
            )
        )
    return out


def _adjacency_changes(
    roster: Roster, policy: Policy, s: str, formal, locked_units, locks, tries: int
) -> list[_Change]:
    """One more adjacency: s's region with another region, or two regions next to s's that are not adjacent.

    Pairs linking the regions richest in free candidates are tried first; each is pre-checked
    by the exact region bound of :func:`_region_best` before it is re-planned.
    """
    home = roster.society(s).region
    units: dict[str, list[int]] = {}
    for x in roster.societies:
        f = x.counts(policy.count_basis)[0]
        if x.name != s and 1 <= f < policy.own_min_formal and x.name not in locked_units:
            units.setdefault(x.region, []).append(f)
    weight = {r: sum(fs) for r, fs in units.items()}
    near = sorted(r for r in weight if r != home and roster.adjacent(home, r))
    pairs = [(home, r) for r in weight if not roster.adjacent(home, r)]
    pairs += [(a, b) for i, a in enumerate(near) for b in near[i + 1 :] if not roster.adjacent(a, b)]
    pairs.sort(key=lambda p: (-sum(weight.get(r, 0) for r in p), p))
    out = []
    for a, b in pairs[:tries]:
        if formal(s) + _region_best(roster, home, (a, b), units, policy.max_units - 1) >= policy.min_members:
            wider = Roster(
                roster.societies,
                roster.members,
                roster.adjacency + ((min(a, b), max(a, b)),),
                roster.findings,
                roster.source,
                roster.has_member_sheet,
            )
            out.append(
                _Change(
                    "地域相邻", f"将“{a}”与“{b}”视为相邻地区（在“地域相邻”表中增加一行）", (a, b), wider, policy, locks
                )
            )
    return out


def _region_best(roster: Roster, home: str, extra: tuple[str, str], units: dict[str, list[int]], k: int) -> int:
    """Most formal members of ≤ k partners in regions pairwise adjacent and adjacent to ``home``,
    with one extra adjacency ``extra`` (units of one region are interchangeable)."""

    def adjacent(a: str, b: str) -> bool:
        return roster.adjacent(a, b) or {a, b} == set(extra)

    regions = [r for r in units if adjacent(home, r)]
    g = nx.Graph()
    g.add_nodes_from(regions)
    g.add_edges_from((a, b) for i, a in enumerate(regions) for b in regions[i + 1 :] if adjacent(a, b))
    return max((sum(sorted((f for r in c for f in units[r]), reverse=True)[:k]) for c in nx.find_cliques(g)), default=0)
