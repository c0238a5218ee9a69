"""The joint-branch planner: provably maximal coverage, then cohesive and few branches.

Objective (lexicographic, shown to the user through ``Plan.notes``):

1. **Coverage** — as many joint-branch candidates (1 ≤ F < own_min_formal) as possible
   in valid joint branches (2..max_units units, ≥ min_members formal members, one basis
   holding for every pair). ``Plan.optimal`` / ``Plan.bound`` / ``Plan.gap`` report the
   proof.
2. **Cohesion** — with coverage fixed, as many units as possible in branches whose
   units share two relations (same 学科类别 and 支撑单位, same 学科类别 and adjacent
   所在地, or same 支撑单位 and adjacent 所在地): 便于管理.
3. **Fewer branches** — then as few branches as possible.

How: candidates are grouped into pools (``model.planning.pools``) and split into connected
components, solved one by one in roster order. Per component a constructive assignment
(``model.planning.assign``) comes first; when it covers every unit that any pool could cover it
is optimal by counting. Otherwise CP-SAT (``model.planning.cpsat_model``, one worker, fixed seed)
maximizes coverage from that hint and proves it. On components of at most 200 units a
second CP-SAT stage then fixes coverage and optimizes cohesion and branch count
(deterministic-time limit); larger ones keep the constructive cohesion. Within every
pool the split into branches uses the fewest branches (exact). Same input → same plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from math import comb
from time import perf_counter

from model.findings import ERROR, Finding, InputError
from model.planning.assign import greedy_assignment
from model.planning.compat import branch_modes
from model.planning.cpsat_model import Component, Solution, maximal_plain, solve_component
from model.planning.plan import Organization, Plan
from model.planning.pools import Unit, build_pools, compositions, min_groups, units_of
from model.planning.replan import carry_identity, core_size, moves
from model.planning.wishes import pin_groups, wish_findings
from model.roster.values import Roster
from model.rules.policy import BASES, JOINT_BRANCH, Policy, kind_for_total

__all__ = [
    "plan_joint_branches",
    "OBJECTIVE_NOTES",
    "KEEP_NOTE",
    "existing_of",
    "assemble_plan",
    "cohesive_units",
    "named_basis",
]

MAX_COMPOSITIONS = 3000  # beyond this the settings are far from any regulation's reading

OBJECTIVE_NOTES = (
    "主目标：纳入合规联合党支部的候选学会（正式党员1–2名）数量最多；最优性由CP-SAT证明，"
    "或在构造方案已覆盖全部有可能组建的学会时由计数直接证明。",
    "次目标：覆盖数不变的前提下，尽量让同一支部的学会同时具备两种关系"
    "（同学科且同支撑单位、同学科且地域相邻、同支撑单位且地域相邻），便于管理。",
    "再次：支部数量尽量少。",
)


KEEP_NOTE = (
    "按上一方案重新规划时：覆盖数不变的前提下，先让调整所在支部的学会最少，再考虑上述次目标；"
    "保留过半学会的支部沿用原编号和名称。"
)


def _previous_groups(
    previous: Plan | None, index: dict[str, int], locked: set[str], free: set[int]
) -> list[tuple[tuple[int, ...], int]]:
    """The previous plan's unlocked joint branches as (coverable unit indices, core size)."""
    if previous is None:
        return []
    out = []
    for o in previous.joint_branches():
        left = tuple(sorted(index[u] for u in o.units if u in index and u not in locked and index[u] in free))
        if left:
            out.append((left, core_size(len(left))))
    return out


def _find(parent: list[int], a: int) -> int:
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


def existing_of(roster: Roster, existing: Mapping[str, str] | Plan | None) -> dict[str, str]:
    """Society → today's organization: from ``existing`` (a mapping or a previous plan),
    else from the roster's 现有党组织 column."""
    if isinstance(existing, Plan):
        return {u: o.id for o in existing.organizations for u in o.units}
    if existing is not None:
        return dict(existing)
    return {s.name: s.existing_org.strip() for s in roster.societies if s.existing_org and s.existing_org.strip()}


def _status(units: Sequence[str], today: dict[str, str], sizes: dict[str, int]) -> tuple[str, str | None]:
    names = {today.get(u) for u in units}
    if names == {None}:
        return "新建", None
    if len(names) == 1 and sizes[next(iter(names))] == len(units):
        return "保留", next(iter(names))
    return "调整", None


def assemble_plan(
    roster: Roster,
    policy: Policy,
    joint: list[tuple[tuple[str, ...], bool]],
    existing: Mapping[str, str] | Plan | None = None,
    **extra,
) -> Plan:
    """Own organizations, the given joint branches (units, locked), liaison and uncovered."""
    today = existing_of(roster, existing)
    sizes: dict[str, int] = {}
    for name in today.values():
        sizes[name] = sizes.get(name, 0) + 1
    keep_names = not isinstance(existing, Plan)
    orgs, liaison, placed = [], [], {u for units, _ in joint for u in units}
    for s in roster.societies:
        f, t = s.counts(policy.count_basis)
        if f >= policy.own_min_formal:
            status, name = _status((s.name,), today, sizes)
            orgs.append(
                Organization(
                    f"S{len(orgs) + 1:03d}",
                    kind_for_total(t, policy),
                    "单独组建",
                    (s.name,),
                    f,
                    status=status,
                    name=name if keep_names else None,
                )
            )
        elif f == 0:
            liaison.append(s.name)
    for i, (units, locked) in enumerate(joint, start=1):
        socs = [roster.society(u) for u in units]
        modes = branch_modes(socs, roster, policy)
        status, name = _status(units, today, sizes)
        basis = named_basis(name, modes) or next((b for b in policy.bases if b in modes), "")
        orgs.append(
            Organization(
                f"J{i:03d}",
                JOINT_BRANCH,
                basis,
                tuple(units),
                sum(s.counts(policy.count_basis)[0] for s in socs),
                locked,
                name=name if keep_names else None,
                status=status,
            )
        )
    uncovered = tuple(
        s.name
        for s in roster.societies
        if 1 <= s.counts(policy.count_basis)[0] < policy.own_min_formal and s.name not in placed
    )
    return Plan(policy, tuple(orgs), tuple(liaison), uncovered, **extra)


BASIS_WORDS = {"挂靠": "挂靠组建", "同业": "同业共建", "行业": "同业共建", "区域": "区域联建", "片区": "区域联建"}


def named_basis(name: str | None, modes) -> str | None:
    """The basis an existing branch's name declares (“…挂靠学会联合党支部” → 挂靠组建), when it holds.

    >>> named_basis("华中科技大学挂靠学会联合党支部", ("同业共建", "挂靠组建"))
    '挂靠组建'
    >>> named_basis("华中科技大学挂靠学会联合党支部", ("同业共建",)) is None
    True
    """
    for word, basis in BASIS_WORDS.items():
        if name and word in name and basis in modes:
            return basis
    return None


def cohesive_units(roster: Roster, plan: Plan) -> int:
    """Units in joint branches whose units share at least two of the three relations
    (same 学科类别, same-or-adjacent 所在地, same 支撑单位) — the second objective's figure."""
    every = replace(plan.policy, bases=BASES)
    return sum(
        len(o.units)
        for o in plan.joint_branches()
        if all(u in roster for u in o.units)
        and len(branch_modes([roster.society(u) for u in o.units], roster, every)) >= 2
    )


def _similar(a: Unit, b: Unit) -> int:
    return (a.industry == b.industry) + (bool(a.host) and a.host == b.host) + (a.region == b.region)


def _take(pool: list[Unit], n: int, like: list[Unit]) -> list[Unit]:
    """Remove and return the ``n`` units of ``pool`` most similar to ``like`` (roster order on ties)."""
    pool.sort(key=lambda u: (-sum(_similar(u, v) for v in like), u.index))
    out, pool[:] = pool[:n], pool[n:]
    return out


def _decode(comp: Component, sol: Solution, fvals: tuple[int, ...], comps: list, memo: dict) -> list[list[Unit]]:
    """Concrete branches from the pool assignment (a fixed, canonical choice)."""
    by_index = {u.index: u for u in comp.units}
    fpos = {f: i for i, f in enumerate(fvals)}
    per_pool: dict[int, list[list[Unit]]] = {pid: [[] for _ in fvals] for pid in range(len(comp.pools))}
    for i, pid in sorted(sol.assignment.items()):
        per_pool[pid][fpos[by_index[i].f]].append(by_index[i])
    branches: list[list[Unit]] = []
    for pid, specials, extras in sol.slots:
        heads = [by_index[i] for i in specials]
        group = list(heads)
        for fi, n in enumerate(extras):
            group += _take(per_pool[pid][fi], n, heads)
        branches.append(group)
    for pid in range(len(comp.pools)):
        lists = per_pool[pid]
        need = tuple(len(lst) for lst in lists)
        if not any(need):
            continue
        for lst in lists:
            lst.sort(key=lambda u: (u.host, u.region, u.industry, u.index))
        split = min_groups(need, comps, memo)
        if split is None:
            raise RuntimeError(f"pool load {need} does not split into valid branches")
        for v in split:
            seed_fi = next(fi for fi, a in enumerate(v) if a)
            seed = lists[seed_fi].pop(0)
            group = [seed]
            for fi, a in enumerate(v):
                group += _take(lists[fi], a - (fi == seed_fi), [seed])
            branches.append(group)
    return branches


def _best_start(comp: Component, fvals: tuple[int, ...], comps: list, memo: dict) -> tuple[dict, list]:
    """The constructive assignment covering most units: cohesive pools first, unless that costs coverage."""
    best, best_n = None, -1
    for cohesive_first in (True, False):
        where, slots = greedy_assignment(
            comp.units,
            comp.pools,
            fvals,
            comps,
            memo,
            together=comp.together,
            apart=comp.apart,
            slot_pools=maximal_plain(comp.pools),
            cohesive_first=cohesive_first,
        )
        n = len(where) + sum(len(sp) for _, sp, _ in slots)
        if n > best_n:
            best, best_n = (where, slots), n
        if n == len(comp.units):
            break
    return best


def plan_joint_branches(
    roster: Roster,
    policy: Policy = Policy(),
    *,
    locks: Iterable[Sequence[str]] = (),
    together: Iterable[Sequence[str]] = (),
    apart: Iterable[Sequence[str]] = (),
    time_limit: float = 10.0,
    existing: Mapping[str, str] | Plan | None = None,
    lock_file: str = "锁定设置",
    previous: Plan | None = None,
) -> Plan:
    """Plan every society: own organizations, joint branches, liaison, uncovered.

    ``locks`` are kept exactly; ``together`` pairs end in one branch or both stay
    uncovered; ``apart`` pairs never share a branch. Raises ``InputError`` naming every
    wish the rules cannot honour (file ``lock_file``).

    With ``previous`` (minimal-change re-planning, docs/rules.md §5): coverage stays
    maximal (proven as without it), then as few societies as possible change branch
    relative to ``previous``, then cohesion and fewer branches; branches keeping their
    core keep their ids and names (:func:`model.planning.replan.carry_identity`).
    """
    if previous is None:
        return _plan_once(roster, policy, locks, together, apart, time_limit, existing, lock_file, None)[0]
    start = perf_counter()
    args = (roster, policy)
    main, proven = _plan_once(*args, locks, together, apart, time_limit, existing, lock_file, previous)
    options = [(main, proven)]
    scratch, _ = _plan_once(*args, locks, together, apart, time_limit, existing, lock_file, None)
    options.append((carry_identity(previous, scratch), False))
    keepers = _still_valid(roster, policy, previous, locks, together, apart)
    if keepers:
        try:
            kept, _ = _plan_once(*args, list(locks) + keepers, together, apart, time_limit, existing, lock_file, None)
        except InputError:
            kept = None
        if kept is not None:
            keep = set(map(frozenset, keepers)) - set(map(frozenset, (tuple(lock) for lock in locks)))
            orgs = tuple(replace(o, locked=False) if frozenset(o.units) in keep else o for o in kept.organizations)
            options.append((carry_identity(previous, replace(kept, organizations=orgs)), False))
    size = main.coverage().organized
    fair = [(p, pr) for p, pr in options if p.coverage().organized == size]
    best, best_proven = min(fair, key=lambda o: len(moves(previous, o[0])))
    n_moved = len(moves(previous, best))
    notes = tuple(n for n in main.notes if not n.startswith("与上一方案相比"))
    notes = notes + (
        f"与上一方案相比{n_moved}家学会调整了所在党组织"
        + ("（调整最少已证明）。" if best is main and best_proven else "（调整数为时限内最好结果）。"),
    )
    return replace(
        best, optimal=main.optimal, bound=main.bound, notes=notes, solve_seconds=round(perf_counter() - start, 3)
    )


def _still_valid(roster: Roster, policy: Policy, previous: Plan, locks, together, apart) -> list[tuple[str, ...]]:
    """The previous plan's unlocked joint branches that are still valid as they stand (for locking)."""
    locked = {u for lock in locks for u in lock}
    wished = {u for pair in tuple(together) + tuple(apart) for u in pair}
    out = []
    for o in previous.joint_branches():
        units = tuple(o.units)
        if set(units) & (locked | wished) or not all(u in roster for u in units):
            continue
        if not all(1 <= roster.society(u).counts(policy.count_basis)[0] < policy.own_min_formal for u in units):
            continue
        if not wish_findings(roster, policy, [units]):
            out.append(units)
    return out


def _plan_once(
    roster: Roster,
    policy: Policy,
    locks: Iterable[Sequence[str]],
    together: Iterable[Sequence[str]],
    apart: Iterable[Sequence[str]],
    time_limit: float,
    existing: Mapping[str, str] | Plan | None,
    lock_file: str,
    previous: Plan | None,
) -> tuple[Plan, bool]:
    """One planner run; with ``previous``, the second CP-SAT stage keeps previous branches first.
    Returns the plan and whether the fewest changes are proven."""
    start = perf_counter()
    locks = [tuple(lock) for lock in locks]
    together, apart = [tuple(p) for p in together], [tuple(p) for p in apart]
    problems = wish_findings(roster, policy, locks, together, apart, file=lock_file)
    if problems:
        raise InputError(problems)
    index = {s.name: i for i, s in enumerate(roster.societies)}
    locked = {n for lock in locks for n in lock}
    free = tuple(
        s
        for s in roster.societies
        if s.name not in locked and 1 <= s.counts(policy.count_basis)[0] < policy.own_min_formal
    )
    units = units_of(free, policy, index)
    fvals = tuple(sorted({u.f for u in units}))
    size = sum(comb(len(fvals) + k - 1, k) for k in range(2, policy.max_units + 1))
    if size > MAX_COMPOSITIONS:
        raise InputError(
            [
                Finding(
                    ERROR,
                    lock_file,
                    None,
                    None,
                    None,
                    f"当前设置下联合党支部的人数组合多达{size}种，无法精确求解；"
                    "请减小“组建单位上限”或“单独组建所需正式党员数”",
                    "设置过大",
                )
            ]
        )
    comps = compositions(fvals, policy)
    pins = [[index[n] for n in g] for g in pin_groups(together)]
    excluded: set[int] = set()
    while True:  # pinned societies are covered together or not at all
        live = [u for u in units if u.index not in excluded]
        pools, lost = build_pools(live, roster, policy, fvals, comps)
        parent = list(range(len(roster.societies)))
        for p in pools:
            if p.plain:
                for i in p.members[1:]:
                    parent[_find(parent, i)] = _find(parent, p.members[0])
        more = {i for g in pins if set(g) & lost or len({_find(parent, i) for i in g}) > 1 for i in g} - excluded
        if not more:
            break
        excluded |= more
    pairs_t = [(index[a], index[b]) for a, b in together if a in index and b in index]
    pairs_a = [(index[a], index[b]) for a, b in apart if a in index and b in index and a != b]
    comp_units: dict[int, list[Unit]] = {}
    for u in live:
        if u.index not in lost:
            comp_units.setdefault(_find(parent, u.index), []).append(u)
    comp_pools: dict[int, list] = {}
    for p in pools:
        comp_pools.setdefault(_find(parent, p.members[0]), []).append(p)
    groups = _previous_groups(previous, index, locked, {u.index for u in live if u.index not in lost})
    covered = bound = stayed = 0
    optimal, second, keep_proven = True, True, True
    joint: list[tuple[tuple[str, ...], bool]] = [(lock, True) for lock in locks]
    found: list[list[Unit]] = []
    memo: dict = {}
    for root in sorted(comp_units, key=lambda r: comp_units[r][0].index):
        members = {u.index for u in comp_units[root]}
        special = {i for p in pairs_t + pairs_a for i in p}
        comp = Component(
            tuple(comp_units[root]),
            tuple(comp_pools.get(root, ())),
            tuple(p for p in pairs_t if p[0] in members and p[1] in members),
            tuple(p for p in pairs_a if p[0] in members and p[1] in members),
            tuple(
                (tuple(i for i in g if i in members and i not in special), core)
                for g, core in groups
                if len(set(g) & members) >= core
            ),
        )
        left = max(0.05, time_limit - (perf_counter() - start))
        hint, slots = _best_start(comp, fvals, comps, memo)
        sol = solve_component(
            comp,
            fvals,
            comps,
            policy.max_units,
            policy.min_members,
            left,
            hint=hint,
            hint_slots=tuple(slots),
            memo=memo,
        )
        covered, bound = covered + sol.covered, bound + sol.bound
        optimal, second = optimal and sol.optimal, second and sol.second_optimal
        stayed, keep_proven = stayed + sol.stayed, keep_proven and sol.stay_optimal
        found += _decode(comp, sol, fvals, comps, memo)
    found.sort(key=lambda g: min(u.index for u in g))
    joint += [(tuple(u.name for u in sorted(g, key=lambda u: u.index)), False) for g in found]
    n_locked = sum(len(lock) for lock in locks)
    plan = assemble_plan(roster, policy, joint, existing, optimal=optimal, bound=bound + n_locked)
    if previous is not None:
        plan = carry_identity(previous, plan)
    notes = OBJECTIVE_NOTES + (
        f"覆盖候选学会{covered + n_locked}家（含锁定{n_locked}家），上界{bound + n_locked}家，"
        + ("已证明最优。" if optimal else f"未在时限内证明最优，差距至多{bound - covered}家。"),
        f"{cohesive_units(roster, plan)}家学会所在支部同时具备两种关系"
        + ("（次目标已证明最优）。" if second else "（次目标为启发式或时限内最好结果）。"),
    )
    if previous is not None:
        notes = (notes[0], KEEP_NOTE) + notes[1:]
    return replace(plan, solve_seconds=round(perf_counter() - start, 3), notes=notes), keep_proven
