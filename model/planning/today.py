"""Today's organizations, read from the roster's 现有党组织 column, and how a plan differs from them.

Societies naming the same 现有党组织 form one existing organization
(:func:`model.rules.coverage.existing_organizations`). It is a joint
organization when its 党组织类型 is 联合党支部 or when it names two or more societies; in the
app those start locked (docs/formats.md §2), so a plan starts from today.

A tiny roster, drawn::

    甲学会 ─┐ 现有党组织 “联合一支部” (联合党支部)
    乙学会 ─┘
    丙学会     现有党组织 “丙学会党支部” (党支部)
    丁学会     (none)

>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=1, existing_org="联合一支部", existing_kind="联合党支部"),
...             Society("乙学会", "工科", "武汉", formal_members=2, existing_org="联合一支部", existing_kind="联合党支部"),
...             Society("丙学会", "理科", "宜昌", formal_members=5, existing_org="丙学会党支部", existing_kind="党支部"),
...             Society("丁学会", "农科", "襄阳", formal_members=1)))
>>> [(o.name, o.units, o.joint) for o in existing_organizations(r)]
[('联合一支部', ('甲学会', '乙学会'), True), ('丙学会党支部', ('丙学会',), False)]
>>> today_locks(r)
(('甲学会', '乙学会'),)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from model.planning.plan import Organization, Plan
from model.planning.wishes import wish_findings
from model.roster.values import Roster
from model.rules.coverage import WORK_GROUP, ExistingOrg, existing_organizations
from model.rules.policy import BRANCH, GENERAL_BRANCH, JOINT_BRANCH, PARTY_COMMITTEE, Policy, kind_for_total

__all__ = [
    "ExistingOrg",
    "Change",
    "existing_organizations",
    "today_locks",
    "today_plan",
    "annotate",
    "changes",
    "change_rows",
    "lock_names",
    "skipped_locks",
    "fits",
    "NEW",
    "KEPT",
    "CHANGED",
]

NEW = "新建"
KEPT = "保留"
CHANGED = "调整"
_OWN_KINDS = (PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH)


@dataclass(frozen=True, slots=True)
class Change:
    """How one society's organization changes: ``before`` / ``after`` are display labels."""

    society: str
    before: str
    after: str

    def text(self) -> str:
        return f"{self.society}：由“{self.before}”调整为“{self.after}”"


def today_locks(roster: Roster, policy: Policy = Policy()) -> tuple[tuple[str, ...], ...]:
    """Locks for the planner: each existing joint organization's joint-branch candidates.

    Only societies with 1 ≤ F < own_min_formal stay in a lock (a society that has reached
    3 formal members must organize on its own, docs/rules.md §2); a lock needs ≥ 2 of them,
    and an organization that breaks the rules today (e.g. 6 units, or too few members)
    is not locked but re-planned: :func:`skipped_locks` says why.
    """
    return tuple(units for _, units, problems in _joint_locks(roster, policy) if not problems)


def skipped_locks(roster: Roster, policy: Policy = Policy()) -> tuple[tuple[str, str], ...]:
    """(name, reason) for each existing joint organization that cannot be kept as it is."""
    return tuple((name, "；".join(problems)) for name, _, problems in _joint_locks(roster, policy) if problems)


def _joint_locks(roster: Roster, policy: Policy) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:

    out = []
    for org in existing_organizations(roster, policy):
        if not org.joint or org.kind == WORK_GROUP:
            continue
        units = tuple(u for u in org.units if 1 <= _formal(roster, u, policy) < policy.own_min_formal)
        if len(units) < 2:
            continue
        problems = tuple(f.message for f in wish_findings(roster, policy, [units]))
        out.append((org.name, units, problems))
    return out


def lock_names(roster: Roster, policy: Policy = Policy()) -> dict[tuple[str, ...], str]:
    """Existing organization name for each lock of :func:`today_locks`."""
    return {units: name for name, units, problems in _joint_locks(roster, policy) if not problems}


def today_plan(roster: Roster, policy: Policy = Policy()) -> Plan:
    """Today's situation as a plan (coverage *before*).

    Every existing party organization counts as organizational coverage; a 党建工作小组
    counts as work coverage only (listed under ``liaison``); everyone else is uncovered,
    because the roster does not record today's instructors.

    >>> from model.roster.values import Roster, Society
    >>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=1, existing_org="联合一支部"),
    ...             Society("乙学会", "工科", "武汉", formal_members=2, existing_org="联合一支部"),
    ...             Society("丙学会", "理科", "宜昌", formal_members=0)))
    >>> today_plan(r).coverage().to_dict()["organized"]
    2
    """
    orgs: list[Organization] = []
    liaison: list[str] = []
    for i, org in enumerate(existing_organizations(roster, policy), start=1):
        if not org.organizes:
            liaison.extend(org.units)
            continue
        formal = org.formal
        if org.joint:
            kind, basis = JOINT_BRANCH, "现有"
        else:
            kind = org.kind if org.kind in _OWN_KINDS else kind_for_total(org.total, policy)
            basis = "单独组建"
        orgs.append(
            Organization(f"T{i:03d}", kind, basis, org.units, formal, locked=org.joint, name=org.name, status=KEPT)
        )
    placed = {u for o in orgs for u in o.units} | set(liaison)
    uncovered = tuple(n for n in roster.names() if n not in placed)
    return Plan(policy, tuple(orgs), tuple(liaison), uncovered, notes=("现状：按名册“现有党组织”列统计",))


def annotate(plan: Plan, roster: Roster) -> Plan:
    """Mark each organization 新建 / 保留 (same units as today) / 调整, and name it after today's.

    >>> from model.roster.values import Roster, Society
    >>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=1, existing_org="联合一支部"),
    ...             Society("乙学会", "工科", "武汉", formal_members=2, existing_org="联合一支部"),
    ...             Society("丙学会", "工科", "武汉", formal_members=2)))
    >>> p = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙学会", "丙学会"), 5),))
    >>> o = annotate(p, r).organizations[0]
    >>> (o.status, o.name)
    ('调整', '联合一支部')
    """
    today = existing_organizations(roster, plan.policy)
    by_units = {frozenset(o.units): o for o in today if o.kind != WORK_GROUP}
    holding: dict[str, list[int]] = {}  # society -> today's organizations (by index) it belongs to
    for k, t in enumerate(today):
        for u in dict.fromkeys(t.units):
            holding.setdefault(u, []).append(k)
    picks: list[tuple[str, ExistingOrg | None]] = []
    heir: dict[str, tuple[int, int]] = {}  # today's name -> (units shared, index) of the one successor named after it
    for i, o in enumerate(plan.organizations):
        units = frozenset(o.units)
        same = by_units.get(units)
        if same is not None:
            picks.append((KEPT, same))
            heir[same.name] = (len(units) + 1, i)  # kept unchanged: it keeps its name
            continue
        overlap = _most_shared(units, today, holding)
        if overlap is not None and overlap.kind != WORK_GROUP:
            inherit = o.joint == overlap.joint  # a joint branch is not named after an own one
            picks.append((CHANGED, overlap if inherit else None))
            shared = len(units & set(overlap.units))
            if inherit and shared > heir.get(overlap.name, (0, -1))[0]:
                heir[overlap.name] = (shared, i)  # a split organization names only its largest successor
        else:
            picks.append((NEW, None))
    named = {o.name for o in plan.organizations if o.name}  # a name already borne is never given twice
    orgs = [
        replace(
            o,
            status=status,
            name=o.name or (t.name if t is not None and heir[t.name][1] == i and t.name not in named else None),
        )
        for i, (o, (status, t)) in enumerate(zip(plan.organizations, picks))
    ]
    return replace(plan, organizations=tuple(orgs))


def _most_shared(units: frozenset, today: tuple, holding: dict[str, list[int]]) -> ExistingOrg | None:
    """Today's organization sharing the most of ``units`` (the first such in today's order), or None
    when none shares any: counted over the organizations holding one of them, not all of today's."""
    shared: dict[int, int] = {}
    for u in units:
        for k in holding.get(u, ()):
            shared[k] = shared.get(k, 0) + 1
    if not shared:
        return None
    return today[min(shared, key=lambda k: (-shared[k], k))]


def changes(plan: Plan, roster: Roster) -> tuple[Change, ...]:
    """Per society whose organization differs from today's: from org X to org Y.

    A society has changed when the set of societies it shares an organization with
    differs (or it gains or loses an organization).
    """
    before: dict[str, ExistingOrg] = {u: o for o in existing_organizations(roster, plan.policy) for u in o.units}
    after: dict[str, Organization] = {u: o for o in plan.organizations for u in o.units}
    liaison = set(plan.liaison)
    out = []
    for name in roster.names():
        old, new = before.get(name), after.get(name)
        old_units = frozenset(old.units) if old and old.kind != WORK_GROUP else None
        new_units = frozenset(new.units) if new else None
        if old_units == new_units:
            continue
        out.append(Change(name, old.name if old else "无党组织", _label(new, name in liaison)))
    return tuple(out)


def fits(plan: Plan, roster: Roster) -> bool:
    """Whether the plan places exactly the roster's societies (False after the roster changed)."""
    placed = [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)
    return sorted(placed) == sorted(roster.names())


def change_rows(plan: Plan, roster: Roster) -> list[dict]:
    """:func:`changes` as table rows with Chinese headers."""
    return [{"学会": c.society, "现状": c.before, "规划后": c.after} for c in changes(plan, roster)]


def _label(org: Organization | None, liaison: bool) -> str:
    if org is not None:
        return f"{org.id} {org.name}" if org.name else org.id
    return "派驻党建工作指导员" if liaison else "未覆盖"


def _formal(roster: Roster, name: str, policy: Policy) -> int:
    return roster.society(name).counts(policy.count_basis)[0]
