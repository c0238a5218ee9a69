"""Re-planning from a previous plan: which branch is "the same", and who moves (docs/rules.md §5).

A branch keeps its identity (id, name, lock) through a re-plan or an edit as long as it keeps its
**core**: at least half of its units that are still joint-branch candidates (rounded up). Each
previous branch passes its identity to at most one new branch — the one holding most of its units;
on a tie (e.g. each of two parts holds half) the part holding the branch's earliest unit in its
previous units order (the branch's first unit: the one it was formed or named around; a merge
appends the merged branch's units after its own) — and a new branch takes at most one identity. A society **moves**
when the organization it is in changes identity: it leaves a branch, joins one, or both.

A tiny example, drawn::

    before  J001 = 甲 乙 丙      after  ? = 甲 乙 丁     (丙 now organizes on its own)

>>> from model.rules.policy import Policy
>>> before = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙"), 4, name="一支部"),),
...               uncovered=("丁",))
>>> after = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丁"), 4),
...                          Organization("S001", "党支部", "单独组建", ("丙",), 3)))
>>> kept = carry_identity(before, after)
>>> [(o.id, o.name) for o in kept.joint_branches()]
[('J001', '一支部')]
>>> [m.text() for m in moves(before, kept)]
['丙：由J001 一支部调入S001 丙党支部', '丁：由未覆盖调入J001 一支部']
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan

__all__ = ["Move", "core_size", "carry_identity", "moves", "move_rows", "UNCOVERED", "LIAISON", "LEFT_ROSTER"]

UNCOVERED = "未覆盖"
LIAISON = "派驻党建工作指导员"
LEFT_ROSTER = "已不在名册中"


def core_size(n: int) -> int:
    """Units a branch of ``n`` remaining candidates must keep to stay itself: half, rounded up.

    >>> [core_size(n) for n in (1, 2, 3, 4, 5)]
    [1, 1, 2, 2, 3]
    """
    return (n + 1) // 2


@dataclass(frozen=True, slots=True)
class Move:
    """One society whose organization changes: ids (None: no organization) and display labels."""

    society: str
    before: str | None
    before_label: str
    after: str | None
    after_label: str

    def text(self) -> str:
        if self.after is None and self.after_label == LEFT_ROSTER:
            return f"{self.society}：{LEFT_ROSTER}（原在{self.before_label}）"
        if self.after is None:
            return f"{self.society}：由{self.before_label}调出，{self.after_label}"
        return f"{self.society}：由{self.before_label}调入{self.after_label}"


def _label(org: Organization | None, plan: Plan, society: str) -> str:
    if org is not None:
        return f"{org.id} {org_display_name(org)}"
    return LIAISON if society in plan.liaison else UNCOVERED


def _number(org_id: str) -> int:
    digits = org_id[1:]
    return int(digits) if digits.isdigit() else 0


def carry_identity(previous: Plan, plan: Plan) -> Plan:
    """``plan`` with each branch that keeps a previous branch's core under that branch's id and name.

    Joint branches match joint branches, own organizations match own organizations of the same
    society; the rest get fresh ids after the highest used (J…/S…). Joint branches are listed
    in id order.
    """
    candidates = {u for o in plan.joint_branches() for u in o.units} | set(plan.uncovered)
    pairs = []
    new_joint = plan.joint_branches()
    for pi, old in enumerate(previous.joint_branches()):
        left = [u for u in old.units if u in candidates]
        need = core_size(len(left))
        rank = {u: k for k, u in enumerate(left)}
        for ni, new in enumerate(new_joint):
            mine = [rank[u] for u in new.units if u in rank]
            shared = len(mine)
            if shared and shared >= need:
                pairs.append((-shared, pi, min(mine), ni, old))
    heir: dict[int, Organization] = {}
    taken: set[int] = set()
    for _, pi, _first, ni, old in sorted(pairs, key=lambda p: p[:4]):
        if pi not in taken and ni not in heir:
            heir[ni] = old
            taken.add(pi)
    own_before = {o.units[0]: o for o in previous.organizations if not o.joint and len(o.units) == 1}
    used = {o.id for o in previous.organizations}
    top = {p: max((_number(i) for i in used if i.startswith(p)), default=0) for p in ("J", "S")}
    out = []
    own_taken: set[str] = set()
    for o in plan.organizations:
        if o.joint:
            continue
        old = own_before.get(o.units[0])
        if old is not None and old.id not in own_taken:
            own_taken.add(old.id)
            out.append(replace(o, id=old.id, name=old.name or o.name))
        else:
            top["S"] += 1
            out.append(replace(o, id=f"S{top['S']:03d}"))
    joint = []
    for ni, o in enumerate(new_joint):
        old = heir.get(ni)
        if old is not None:
            joint.append(replace(o, id=old.id, name=old.name or o.name, locked=o.locked or old.locked))
        else:
            top["J"] += 1
            joint.append(replace(o, id=f"J{top['J']:03d}"))
    joint.sort(key=lambda o: (_number(o.id), o.id))
    return replace(plan, organizations=tuple(out + joint))


def moves(previous: Plan, plan: Plan) -> tuple[Move, ...]:
    """Every society whose organization (by identity) differs between the two plans, roster order of ``plan``."""
    before = {u: o for o in previous.organizations for u in o.units}
    after = {u: o for o in plan.organizations for u in o.units}
    order = list(
        dict.fromkeys(
            [u for o in plan.organizations for u in o.units]
            + list(plan.uncovered)
            + list(plan.liaison)
            + [u for o in previous.organizations for u in o.units]
            + list(previous.uncovered)
            + list(previous.liaison)
        )
    )
    present = set(after) | set(plan.uncovered) | set(plan.liaison)
    out = []
    for s in order:
        a, b = before.get(s), after.get(s)
        if (a.id if a else None) == (b.id if b else None):
            continue
        if a is None and b is None:
            continue
        after_label = _label(b, plan, s) if s in present else LEFT_ROSTER
        out.append(Move(s, a.id if a else None, _label(a, previous, s), b.id if b else None, after_label))
    return tuple(sorted(out, key=lambda m: order.index(m.society)))


def move_rows(found: tuple[Move, ...]) -> list[dict]:
    """Moves as table rows with Chinese headers."""
    return [{"学会": m.society, "原党组织": m.before_label, "新党组织": m.after_label} for m in found]
