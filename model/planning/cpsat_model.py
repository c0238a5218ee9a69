"""The exact CP-SAT model of one connected component of candidates.

Formulation (see ``model.planning.pools`` for why pools suffice):

* Interchangeable units are aggregated: a *type* is (F, the pools containing the unit).
  ``y[t, p]`` = how many units of type ``t`` go to pool ``p``; Σ_p y[t, p] ≤ |t|.
* Per pool, ``x[p, v]`` = how many branches of composition ``v`` (units per F value)
  it forms; per F value, the units sent to the pool equal the units its branches use.
* Units with a wish (a pinned or a forbidden pair) are *special*: they are not
  aggregated but placed in explicit branch slots of plain pools (slot k of a pool holds
  the pool's k-th special and possibly later ones, plus pool units as extras), so
  "together" is an equality and "apart" a ≤ 1 per slot.

Stage 1 maximizes covered units and proves it; stage 2 fixes that number and maximizes
units in cohesive pools, then minimizes the number of branches (weights chosen so
cohesion can never be traded for fewer branches). One worker, fixed seed: the same
model gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from model.planning.pools import Pool, Unit, min_groups

__all__ = ["Component", "Solution", "solve_component"]


@dataclass(frozen=True, slots=True)
class Component:
    """Units (all coverable), their pools, and the wishes among them (pairs of indices)."""

    units: tuple[Unit, ...]
    pools: tuple[Pool, ...]
    together: tuple[tuple[int, int], ...] = ()
    apart: tuple[tuple[int, int], ...] = ()
    groups: tuple[tuple[tuple[int, ...], int], ...] = ()  # previous branches: (units, core size)


@dataclass(frozen=True, slots=True)
class Solution:
    """Unit index → pool id for aggregated units; explicit slots for special units."""

    covered: int
    bound: int
    optimal: bool
    cohesive: int
    second_optimal: bool
    assignment: dict  # unit index -> pool id (position in Component.pools)
    slots: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...] = ()  # (pool id, specials, extras per F)
    stayed: int = 0  # units of previous branches kept in them (minimal change, ``Component.groups``)
    stay_optimal: bool = True


def _params(solver: cp_model.CpSolver, seconds: float, det: float | None) -> None:
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 7
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    if det is not None:
        solver.parameters.max_deterministic_time = det


def maximal_plain(pools: tuple[Pool, ...]) -> list[int]:
    """Plain pools not strictly inside another plain pool (enough for coverage)."""
    plain = [pid for pid, p in enumerate(pools) if p.plain]
    sets = {pid: frozenset(pools[pid].members) for pid in plain}
    holders: dict[int, list[int]] = {}
    for pid in plain:
        for i in pools[pid].members:
            holders.setdefault(i, []).append(pid)
    keep = []
    for pid in plain:
        first = pools[pid].members[0]
        if not any(q != pid and len(sets[q]) > len(sets[pid]) and sets[pid] <= sets[q] for q in holders[first]):
            keep.append(pid)
    return keep


class _Model:
    """The CP-SAT model over a chosen subset of the component's pools."""

    def __init__(
        self,
        comp: Component,
        pids: list[int],
        fvals: tuple[int, ...],
        comps: list[tuple[int, ...]],
        max_units: int,
        min_members: int,
    ):
        self.comp, self.pids, self.fvals, self.comps = comp, pids, fvals, comps
        fpos = {f: i for i, f in enumerate(fvals)}
        self.fpos = fpos
        by_index = {u.index: u for u in comp.units}
        self.by_index = by_index
        special = sorted({i for pair in comp.together + comp.apart for i in pair})
        special_set = set(special)
        self.special = special_set
        pools_of: dict[int, list[int]] = {}
        for pid in pids:
            for i in comp.pools[pid].members:
                pools_of.setdefault(i, []).append(pid)
        group_of = {i: gid for gid, (members, _) in enumerate(comp.groups) for i in members}
        groups: dict[tuple, list[int]] = {}
        for u in comp.units:
            if u.index not in special_set and u.index in pools_of:
                key = (u.f, tuple(pools_of[u.index]), group_of.get(u.index, -1))
                groups.setdefault(key, []).append(u.index)
        type_keys = sorted(groups, key=lambda k: groups[k][0])
        self.types = [tuple(groups[k]) for k in type_keys]
        self.type_of = {i: tid for tid, members in enumerate(self.types) for i in members}
        m = self.m = cp_model.CpModel()
        y = self.y = {}
        pool_in: dict[int, list[list]] = {pid: [[] for _ in fvals] for pid in pids}
        rows: dict[int, list] = {}
        for tid, (key, members) in enumerate(zip(type_keys, self.types)):
            f, tpids, _gid = key
            row = rows[tid] = []
            for pid in tpids:
                v = m.new_int_var(0, len(members), f"y{tid}_{pid}")
                y[tid, pid] = v
                row.append(v)
                pool_in[pid][fpos[f]].append(v)
        self.stay, self.anchors = {}, {}
        self._anchor_slots(comp, pids, fvals, max_units, min_members, pool_in, rows)
        for tid, row in rows.items():
            if len(row) > 1:
                m.add(sum(row) <= len(self.types[tid]))
        # special slots: slot k of pool p is headed by its k-th special
        member = self.member = {}
        slot_extra = self.slot_extra = {}
        head_vars = self.head_vars = []
        for pid in pids:
            p = comp.pools[pid]
            if not p.plain:
                continue
            sp = [i for i in p.members if i in special_set]
            for k, head in enumerate(sp):
                heads_var = m.new_bool_var(f"m{head}_{pid}_{k}")
                member[head, pid, k] = heads_var
                head_vars.append(heads_var)
                for j in sp[k + 1 :]:
                    b = m.new_bool_var(f"m{j}_{pid}_{k}")
                    member[j, pid, k] = b
                    m.add_implication(b, heads_var)
                extra = [m.new_int_var(0, max_units, f"e{pid}_{k}_{f}") for f in fvals]
                slot_extra[pid, k] = extra
                for fi, e in enumerate(extra):
                    pool_in[pid][fi].append(-e)  # extras are taken from the pool's units
                ins = [member[j, pid, k] for j in sp[k:]]
                size = sum(ins) + sum(extra)
                m.add(size >= 2).only_enforce_if(heads_var)
                m.add(size <= max_units).only_enforce_if(heads_var)
                m.add(
                    sum(by_index[j].f * member[j, pid, k] for j in sp[k:]) + sum(f * e for f, e in zip(fvals, extra))
                    >= min_members
                ).only_enforce_if(heads_var)
                m.add(sum(extra) == 0).only_enforce_if(~heads_var)
        placed: dict[int, list] = {}
        for (i, _pool, _slot), b in member.items():
            placed.setdefault(i, []).append(b)
        for bs in placed.values():
            if len(bs) > 1:
                m.add_at_most_one(bs)
        slot_keys = set(slot_extra)
        for a, b in comp.together:
            for pid, k in slot_keys:
                va, vb = member.get((a, pid, k)), member.get((b, pid, k))
                if va is not None and vb is not None:
                    m.add(va == vb)
                elif va is not None or vb is not None:
                    m.add((va if va is not None else vb) == 0)
        for a, b in comp.apart:
            for pid, k in slot_keys:
                va, vb = member.get((a, pid, k)), member.get((b, pid, k))
                if va is not None and vb is not None:
                    m.add(va + vb <= 1)
        x = self.x = {}
        for pid in pids:
            cap = [0] * len(fvals)
            for i in comp.pools[pid].members:
                cap[fpos[by_index[i].f]] += 1
            uses = [[] for _ in fvals]
            for vid, v in enumerate(comps):
                if all(a <= c for a, c in zip(v, cap)):
                    ub = min(c // a for a, c in zip(v, cap) if a)
                    xv = m.new_int_var(0, ub, f"x{pid}_{vid}")
                    x[pid, vid] = xv
                    for fi, a in enumerate(v):
                        if a:
                            uses[fi].append(a * xv)
            for fi in range(len(fvals)):
                m.add(sum(pool_in[pid][fi]) == sum(uses[fi]))
        self.stayed = sum(self.stay.values())
        self.covered = sum(y.values()) + sum(member.values()) + self.stayed
        self.cohesive = (
            sum(v for (tid, pid), v in y.items() if comp.pools[pid].cohesive)
            + sum(b for (i, pid, k), b in member.items() if comp.pools[pid].cohesive)
            + sum(v for (g, pid, t), v in self.stay.items() if comp.pools[pid].cohesive)
        )
        self.branches = sum(x.values()) + sum(head_vars) + sum(used for used, _ in self.anchors.values())

    def _anchor_slots(self, comp, pids, fvals, max_units, min_members, pool_in, rows) -> None:
        """One optional slot per (previous branch, plain pool holding its core): the branch kept.

        ``stay[g, p, t]`` units of type ``t`` stay in previous branch ``g`` (drawn as pool ``p``),
        at least its core size when the slot is used, topped up with extras of pool ``p``; a
        previous branch is kept in at most one pool.
        """
        m, y = self.m, self.y
        for gid, (members, core) in enumerate(comp.groups):
            gtypes = sorted({self.type_of[i] for i in members if i in self.type_of})
            used_any = []
            for pid in pids:
                if not comp.pools[pid].plain:
                    continue
                inside = [t for t in gtypes if (t, pid) in y]
                if sum(len(self.types[t]) for t in inside) < core:
                    continue
                used = m.new_bool_var(f"a{gid}_{pid}")
                used_any.append(used)
                stays = []
                for t in inside:
                    v = m.new_int_var(0, len(self.types[t]), f"s{gid}_{pid}_{t}")
                    self.stay[gid, pid, t] = v
                    rows[t].append(v)
                    stays.append((t, v))
                extra = [m.new_int_var(0, max_units, f"ae{gid}_{pid}_{f}") for f in fvals]
                for fi, e in enumerate(extra):
                    pool_in[pid][fi].append(-e)
                self.anchors[gid, pid] = (used, extra)
                size = sum(v for _, v in stays) + sum(extra)
                formal = sum(self.by_index[self.types[t][0]].f * v for t, v in stays)
                m.add(size >= 2).only_enforce_if(used)
                m.add(size <= max_units).only_enforce_if(used)
                m.add(formal + sum(f * e for f, e in zip(fvals, extra)) >= min_members).only_enforce_if(used)
                m.add(sum(v for _, v in stays) >= core).only_enforce_if(used)
                m.add(size == 0).only_enforce_if(~used)
            if len(used_any) > 1:
                m.add_at_most_one(used_any)

    def hint(self, assignment: dict[int, int], slots: tuple, memo: dict) -> None:
        """Hint an assignment (unit → pool, extras of slots included) and its wish slots."""
        counts: dict[tuple[int, int], int] = {}
        loads = {pid: [0] * len(self.fvals) for pid in self.pids}
        for i, pid in assignment.items():
            if i in self.type_of and pid in loads:
                counts[self.type_of[i], pid] = counts.get((self.type_of[i], pid), 0) + 1
                loads[pid][self.fpos[self.by_index[i].f]] += 1
        values: dict = dict.fromkeys(list(self.member.values()), 0)
        values.update({e: 0 for es in self.slot_extra.values() for e in es})
        for pid, specials, extra in slots:
            heads = [k for (i, p2, k) in self.member if p2 == pid and i == min(specials)]
            k = max(heads, default=None)  # the slot headed by the group's first unit
            if k is None or pid not in loads or not all((i, pid, k) in self.member for i in specials):
                continue
            for i in specials:
                values[self.member[i, pid, k]] = 1
            for fi, e in enumerate(extra):
                values[self.slot_extra[pid, k][fi]] = e
                loads[pid][fi] -= e
        for key, var in self.y.items():
            self.m.add_hint(var, counts.get(key, 0))
        index = {v: k for k, v in enumerate(self.comps)}
        for pid, load in loads.items():
            chosen = min_groups(tuple(load), self.comps, memo) or []
            for vid in range(len(self.comps)):
                if (pid, vid) in self.x:
                    self.m.add_hint(self.x[pid, vid], sum(1 for v in chosen if index[v] == vid))
        for var, value in values.items():
            self.m.add_hint(var, value)

    def hint_kept(self) -> None:
        """Hint every previous branch kept whole in the first pool that holds it (the usual answer)."""
        taken: set[int] = set()
        for (gid, pid), (used, extra) in sorted(self.anchors.items()):
            if gid in taken:
                continue
            stays = {t: v for (g2, p2, t), v in self.stay.items() if g2 == gid and p2 == pid}
            whole = sum(len(self.types[t]) for t in stays) == sum(
                1 for i in self.comp.groups[gid][0] if i in self.type_of
            )
            if not whole:
                continue
            taken.add(gid)
            self.m.add_hint(used, 1)
            for t, v in stays.items():
                self.m.add_hint(v, len(self.types[t]))
            for e in extra:
                self.m.add_hint(e, 0)

    def read(self, solver: cp_model.CpSolver) -> tuple[dict[int, int], tuple]:
        assignment: dict[int, int] = {}
        cursor = dict.fromkeys(range(len(self.types)), 0)
        for (tid, pid), var in sorted(self.y.items()):
            n = int(solver.value(var))
            for i in self.types[tid][cursor[tid] : cursor[tid] + n]:
                assignment[i] = pid
            cursor[tid] += n
        slots = []
        for (pid, k), extra in sorted(self.slot_extra.items()):
            ins = sorted(i for (i, p2, k2), b in self.member.items() if p2 == pid and k2 == k and solver.value(b))
            if ins:
                slots.append((pid, tuple(ins), tuple(int(solver.value(e)) for e in extra)))
        for (gid, pid), (used, extra) in sorted(self.anchors.items()):
            if not solver.value(used):
                continue
            ins = []
            for (g2, p2, t), var in sorted(self.stay.items()):
                if g2 == gid and p2 == pid:
                    n = int(solver.value(var))
                    ins += self.types[t][cursor[t] : cursor[t] + n]
                    cursor[t] += n
            slots.append((pid, tuple(sorted(ins)), tuple(int(solver.value(e)) for e in extra)))
        return assignment, tuple(slots)


def solve_component(
    comp: Component,
    fvals: tuple[int, ...],
    comps: list[tuple[int, ...]],
    max_units: int,
    min_members: int,
    time_limit: float,
    *,
    hint: dict[int, int] | None = None,
    hint_slots: tuple = (),
    memo: dict | None = None,
    second_limit: int = 200,
    second_det: float = 0.25,
    keep_det: float = 5.0,
) -> Solution:
    """Solve one component; ``hint`` is a feasible assignment (e.g. the greedy one).

    When the hint covers every unit, coverage is optimal by counting and stage 1 is
    skipped. Stage 2 runs on components of at most
    ``second_limit`` units; larger ones keep the hint's cohesion.
    """
    memo = {} if memo is None else memo
    hint = dict(hint or {})
    n = len(comp.units)
    hint_slots = tuple(hint_slots)
    hinted = len(hint) + sum(len(sp) for _, sp, _ in hint_slots)
    if hinted == n:
        best, bound, optimal, assignment, slots = n, n, True, hint, hint_slots
    else:
        stage1 = _Model(replace(comp, groups=()), maximal_plain(comp.pools), fvals, comps, max_units, min_members)
        lift = _lift(comp, stage1.pids)
        lifted = {i: lift[pid] for i, pid in hint.items()}
        stage1.hint(lifted, hint_slots, memo)
        stage1.m.maximize(stage1.covered)
        s1 = cp_model.CpSolver()
        _params(s1, time_limit, None)
        st = s1.solve(stage1.m)
        raw_bound = s1.best_objective_bound
        finite = raw_bound == raw_bound and abs(raw_bound) < 1e12
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best = int(round(s1.objective_value))
            assignment, slots = stage1.read(s1)
        else:  # time ran out before CP-SAT restated the hint: keep the hint
            best, assignment, slots = hinted, hint, hint_slots
        bound = min(n, max(best, int(raw_bound + 1e-6))) if finite else n
        optimal = st == cp_model.OPTIMAL or best >= bound
        if best <= hinted:
            assignment, slots = hint, hint_slots  # same coverage, and the hint is cohesion-aware
        time_limit -= s1.wall_time
    cohesive = sum(1 for pid in assignment.values() if comp.pools[pid].cohesive)
    keep = bool(comp.groups)
    if n > second_limit or time_limit < 0.05:  # minimal change too: the caller tries locking instead
        return Solution(best, bound, optimal, cohesive, False, assignment, slots, 0, not keep)
    pids = list(range(len(comp.pools)))
    stage2 = _Model(comp, pids, fvals, comps, max_units, min_members)
    stage2.m.add(stage2.covered == best)
    stage2.hint(assignment, slots, memo)
    if keep:
        stage2.hint_kept()
    # lexicographic by weights: units kept in their previous branch, then cohesion, then fewer branches
    weight = (n + 1) * (n + 1) if keep else 0
    stage2.m.maximize(weight * stage2.stayed + (n + 1) * stage2.cohesive - stage2.branches)
    s2 = cp_model.CpSolver()
    _params(s2, time_limit, keep_det if keep else second_det)
    st2 = s2.solve(stage2.m)
    if st2 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution(best, bound, optimal, cohesive, False, assignment, slots, 0, not keep)
    assignment, slots = stage2.read(s2)
    proven = st2 == cp_model.OPTIMAL
    return Solution(
        best,
        bound,
        optimal,
        int(s2.value(stage2.cohesive)),
        proven,
        assignment,
        slots,
        int(s2.value(stage2.stayed)),
        proven or not keep,
    )


def _lift(comp: Component, plain: list[int]) -> dict[int, int]:
    """For each pool, a pool of ``plain`` containing it (feasible loads stay feasible when merged)."""
    holders: dict[int, list[int]] = {}
    for q in plain:
        for i in comp.pools[q].members:
            holders.setdefault(i, []).append(q)
    out = {}
    for pid, p in enumerate(comp.pools):
        mine = set(p.members)
        out[pid] = pid if pid in plain else next(q for q in holders[p.members[0]] if mine <= set(comp.pools[q].members))
    return out
