"""The coordinator's wishes — locked branches, pinned and forbidden pairs — checked.

``wish_findings`` names every wish the rules cannot honour; the planner refuses to run
while there is one (``InputError``), so a plan never silently drops a wish.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from model.findings import ERROR, Finding
from model.planning.compat import branch_modes, failed_bases
from model.roster.values import Roster
from model.rules.policy import Policy

__all__ = ["wish_findings", "pin_groups"]


def pin_groups(together: Iterable[Sequence[str]]) -> list[list[str]]:
    """Pinned pairs closed transitively: each group must share one branch.

    >>> pin_groups([("甲", "乙"), ("丙", "乙"), ("丁", "戊")])
    [['丁', '戊'], ['丙', '乙', '甲']]
    """
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for pair in together:
        names = list(pair)
        for other in names[1:]:
            ra, rb = find(names[0]), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for a in sorted(parent):
        groups.setdefault(find(a), []).append(a)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def _society_problem(roster: Roster, name: str, policy: Policy) -> str | None:
    if name not in roster:
        return f"学会“{name}”不在名册中"
    s = roster.society(name)
    f, _ = s.counts(policy.count_basis)
    if f >= policy.own_min_formal:
        return f"学会“{name}”有正式党员{f}名，应单独建立党组织，不能参加联合党支部"
    if f == 0:
        return f"学会“{name}”无正式党员，不能参加联合党支部"
    return None


def _group_problems(roster: Roster, names: Sequence[str], policy: Policy) -> list[str]:
    socs = [roster.society(n) for n in names]
    out = []
    if len(names) < 2:
        out.append("联合党支部至少需要2家单位")
    if len(names) > policy.max_units:
        out.append(f"共{len(names)}家，超过{policy.max_units}家")
    total = sum(s.counts(policy.count_basis)[0] for s in socs)
    if total < policy.min_members:
        out.append(f"正式党员合计{total}名，不足{policy.min_members}名")
    if len(names) >= 2 and not branch_modes(socs, roster, policy):
        bad = []
        for i, a in enumerate(socs):
            for b in socs[i + 1 :]:
                why = failed_bases(a, b, roster, policy.bases)
                if len(why) == len(policy.bases):
                    bad.append(f"“{a.name}”与“{b.name}”{'且'.join(why)}")
        out.append("没有一种组建方式对每两家单位都成立" + (f"：{'；'.join(bad[:3])}" if bad else ""))
    return out


def wish_findings(
    roster: Roster,
    policy: Policy,
    locks: Iterable[Sequence[str]] = (),
    together: Iterable[Sequence[str]] = (),
    apart: Iterable[Sequence[str]] = (),
    *,
    file: str = "锁定设置",
) -> tuple[Finding, ...]:
    """Every lock, pin and forbidden pair the rules cannot honour, as error findings.

    ``column`` names the entry: 锁定支部i (1-based, in the order given), 同支部, 不同支部.
    """
    out: list[Finding] = []

    def err(where: str, msg: str, rule: str) -> None:
        out.append(Finding(ERROR, file, None, None, where, msg, rule))

    locks = [tuple(lock) for lock in locks]
    seen = Counter(n for lock in locks for n in set(lock))
    lock_of: dict[str, int] = {}
    for i, lock in enumerate(locks, start=1):
        where = f"锁定支部{i}"
        if any(not isinstance(n, str) for n in lock):
            err(where, "应为学会名称的列表", "格式")
            continue
        problems = [p for p in (_society_problem(roster, n, policy) for n in lock) if p]
        problems += [f"学会“{n}”在本支部中重复出现" for n, c in Counter(lock).items() if c > 1]
        problems += [f"学会“{n}”同时出现在多个锁定支部" for n in dict.fromkeys(lock) if seen[n] > 1]
        if not problems:
            problems = _group_problems(roster, lock, policy)
        for p in problems:
            err(where, p, "锁定支部不合规")
        for n in lock:
            lock_of.setdefault(n, i)
    for a, b in (tuple(p) for p in apart):
        if lock_of.get(a) is not None and lock_of.get(a) == lock_of.get(b) and a != b:
            err(f"锁定支部{lock_of[a]}", f"“{a}”与“{b}”被要求不在同一支部，却锁定在同一支部", "不同支部")
    for group in pin_groups(tuple(p) for p in together):
        label = "、".join(f"“{n}”" for n in group)
        problems = [p for p in (_society_problem(roster, n, policy) for n in group) if p]
        if problems:
            for p in problems:
                err("同支部", f"{label}被要求在同一支部，但{p}", "同支部")
            continue
        held = {lock_of.get(n) for n in group}
        if held != {None}:
            if len(held) > 1 or any(n not in locks[next(iter(held)) - 1] for n in group):
                err("同支部", f"{label}被要求在同一支部，但锁定支部把他们分开", "同支部")
            continue
        for p in _group_problems(roster, group, policy) if len(group) > 2 else ():
            if "不足" not in p:
                err("同支部", f"{label}被要求在同一支部，但{p}", "同支部")
        if len(group) == 2 and not branch_modes([roster.society(n) for n in group], roster, policy):
            err("同支部", f"{label}被要求在同一支部，但没有可用的组建方式", "同支部")
        bad = [(a, b) for a, b in (tuple(p) for p in apart) if a in group and b in group]
        for a, b in bad:
            err("同支部", f"“{a}”与“{b}”既被要求同支部又被要求不同支部", "同支部")
    return tuple(out)
