"""The one-screen overview of a plan (issue 12): the level under the upper committee, grouped.

A province has 100+ organizations under one 科技社团党委; a meeting room needs a handful of
groups it can read from the back. ``overview`` groups the plan's organizations and its
instructed/uncovered societies by kind (党委, 党总支, 党支部, 联合党支部 by basis, 派驻指导员,
未覆盖), by 学科类别 or by 所在地, and gives each group its counts and coverage; every group
keeps its entries (one per organization, or per society outside any) for the drill-down,
the presentation and the slide deck. Names follow the documents (:func:`org_display_name`);
entries carry names and roles only, never phone numbers.

A tiny plan, drawn::

    科技社团党委 ─┬─ 党支部（单独组建）        甲学会党支部
                  ├─ 联合党支部（同业共建）    乙学会等2家单位联合党支部 (乙学会, 丙学会)
                  └─ 未覆盖学会                丁学会

>>> from model.rules.policy import Policy
>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=3), Society("乙学会", "工科", "武汉市", formal_members=1),
...             Society("丙学会", "工科", "宜昌市", formal_members=2), Society("丁学会", "医科", "恩施州", formal_members=1)))
>>> p = Plan(Policy(), (Organization("S001", "党支部", "单独组建", ("甲学会",), 3),
...                     Organization("J001", "联合党支部", "同业共建", ("乙学会", "丙学会"), 3)), uncovered=("丁学会",))
>>> ov = overview(r, p)
>>> [(g.title, g.societies, g.organized) for g in ov.groups]
[('党支部（单独组建）', 1, 1), ('联合党支部（同业共建）', 2, 2), ('未覆盖学会', 1, 0)]
>>> [e.name for e in ov.new_branches()]
['乙学会等2家单位联合党支部']
>>> [(g.title, g.societies) for g in overview(r, p, group_by="region").groups]
[('武汉市', 2), ('宜昌市', 1), ('恩施州', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from model.graph.hierarchy import INSTRUCTOR, UNCOVERED
from model.planning.check import branch_errors, valid_coverage
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.planning.today import NEW
from model.roster.values import Roster
from model.rules.classify import secretary_candidate
from model.rules.coverage import current_coverage, existing_organizations

__all__ = ["GROUPINGS", "MAX_GROUPS", "Person", "Entry", "Group", "Overview", "overview", "group_rows"]

GROUPINGS = {"kind": "按党组织类型", "industry": "按学科类别", "region": "按所在地"}
MAX_GROUPS = 10  # more distinct values than this: the smallest merge into 其他 (one screen holds ten cards)
OTHER = "其他"
UNCOVERED_TITLE = "未覆盖学会"


@dataclass(frozen=True, slots=True)
class Person:
    """A party member as a meeting may see it: name, society, role and status (no phone)."""

    name: str
    society: str
    role: str
    status: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One tile of a group: an organization, or a society without one (instructor / uncovered)."""

    key: str
    name: str
    kind: str  # 党委 / 党总支 / 党支部 / 联合党支部 / 派驻党建工作指导员 / 未覆盖
    basis: str
    units: tuple[str, ...]
    formal_members: int
    secretary: str = ""  # 双向进入、交叉任职 candidate, if the 党员 sheet names one
    new: bool = False  # a joint branch this plan sets up
    people: tuple[Person, ...] = ()
    status: str = ""  # 新建 / 保留 / 调整 relative to today, when the plan says
    problems: tuple[str, ...] = ()  # the rules a joint branch breaks (check_plan): its units count as uncovered

    @property
    def invalid(self) -> bool:
        """A joint branch that breaks a rule (docs/rules.md §2): shown, but not counted as covering."""
        return bool(self.problems)

    @property
    def organized(self) -> bool:
        return self.kind not in (INSTRUCTOR, UNCOVERED) and not self.problems


@dataclass(frozen=True, slots=True)
class Group:
    """One card of the overview with its entries (the drill-down)."""

    key: str
    title: str
    kind: str  # the colour key: an organization kind, 派驻党建工作指导员 or 未覆盖 (or 学会 for a facet)
    basis: str
    societies: int
    organized: int
    work_covered: int
    entries: tuple[Entry, ...]

    @property
    def organizations(self) -> int:
        return sum(1 for e in self.entries if e.organized)

    @property
    def invalid_branches(self) -> int:
        """Joint branches of this group that break a rule (their societies count as uncovered)."""
        return sum(1 for e in self.entries if e.invalid)

    @property
    def new_branches(self) -> int:
        return sum(1 for e in self.entries if e.new)

    @property
    def organized_rate(self) -> float:
        return self.organized / self.societies if self.societies else 0.0


@dataclass(frozen=True, slots=True)
class Overview:
    """The grouped level under ``upper``; ``coverage`` of the plan, ``before`` of today (or None)."""

    upper: str
    group_by: str
    groups: tuple[Group, ...]
    coverage: dict
    before: dict | None
    order: dict = field(default_factory=dict, compare=False)  # organization id -> its place in the plan

    @property
    def societies(self) -> int:
        return int(self.coverage.get("units", 0))

    def joint_branches(self) -> tuple[Entry, ...]:
        """Every joint branch of the plan, once, in plan order."""
        seen: dict[str, Entry] = {}
        for g in self.groups:
            for e in g.entries:
                if e.kind == "联合党支部":
                    seen.setdefault(e.key, e)
        return tuple(sorted(seen.values(), key=lambda e: self.order.get(e.key, 0)))

    def new_branches(self) -> tuple[Entry, ...]:
        """Every joint branch the plan sets up, once, in plan order."""
        return tuple(e for e in self.joint_branches() if e.new)


def _is_new(org: Organization) -> bool:
    """A joint branch this plan sets up: marked 新建, or unmarked and not locked (today's are locked)."""
    return org.joint and (org.status == NEW or (org.status is None and not org.locked))


def _entry(roster: Roster, org: Organization, count_basis: str, problems: tuple[str, ...] = ()) -> Entry:
    units = [roster.society(u) for u in org.units if u in roster]
    formal = sum(s.counts(count_basis)[0] for s in units) if units else org.formal_members
    members = tuple(m for u in org.units for m in roster.members_of(u))
    secretary, _ = secretary_candidate(members)
    people = tuple(Person(m.name, m.society, m.society_role or "", m.status) for m in members)
    return Entry(
        org.id,
        org_display_name(org),
        org.kind,
        org.basis,
        org.units,
        formal,
        secretary or "",
        _is_new(org),
        people,
        org.status or "",
        problems,
    )


def _single(roster: Roster, name: str, kind: str, count_basis: str) -> Entry:
    formal = roster.society(name).counts(count_basis)[0] if name in roster else 0
    basis = "工作覆盖" if kind == INSTRUCTOR else "未覆盖"
    return Entry(f"soc:{name}", name, kind, basis, (name,), formal)


def _kind_key(e: Entry) -> tuple[str, str, str]:
    """(group key, title, colour kind) of an entry when grouping by kind."""
    if e.kind == "联合党支部":
        return f"联合党支部·{e.basis}", f"联合党支部（{e.basis}）", e.kind
    if e.kind == "党支部":
        return "党支部", "党支部（单独组建）", e.kind
    if e.kind == UNCOVERED:
        return UNCOVERED, UNCOVERED_TITLE, UNCOVERED
    return e.kind, e.kind, e.kind


_KIND_ORDER = ("党委", "党总支", "党支部", "联合党支部", INSTRUCTOR, UNCOVERED)


def _by_kind(entries: list[Entry]) -> list[Group]:
    buckets: dict[str, tuple[str, str, list[Entry]]] = {}
    for e in entries:
        key, title, kind = _kind_key(e)
        buckets.setdefault(key, (title, kind, []))[2].append(e)
    groups = []
    for key, (title, kind, items) in buckets.items():
        n = sum(len(e.units) for e in items)
        organized = sum(len(e.units) for e in items if e.organized)
        work = n if kind != UNCOVERED else 0
        groups.append(
            Group(key, title, kind, items[0].basis if kind == "联合党支部" else "", n, organized, work, tuple(items))
        )
    return sorted(groups, key=lambda g: (_KIND_ORDER.index(g.kind), g.key))


def _by_facet(roster: Roster, entries: list[Entry], facet: str) -> list[Group]:
    def value(society: str) -> str:
        if society not in roster:
            return "（不在名册）"
        return getattr(roster.society(society), facet) or "（未填）"

    buckets: dict[str, list[Entry]] = {}
    counts: dict[str, list[int]] = {}  # value -> [societies, organized, work covered]
    for e in entries:
        for v in dict.fromkeys(value(u) for u in e.units):
            buckets.setdefault(v, []).append(e)
        for u in e.units:
            c = counts.setdefault(value(u), [0, 0, 0])
            c[0] += 1
            c[1] += e.organized
            c[2] += e.kind != UNCOVERED
    order = sorted(buckets, key=lambda v: (-counts[v][0], v))
    if len(order) > MAX_GROUPS:
        rest = order[MAX_GROUPS - 1 :]
        order = order[: MAX_GROUPS - 1]
        other = f"{OTHER}（{len(rest)}类）"
        seen: dict[str, Entry] = {}
        for v in rest:
            for e in buckets.pop(v):
                seen.setdefault(e.key, e)
        buckets[other] = list(seen.values())
        counts[other] = [sum(counts[v][i] for v in rest) for i in range(3)]
        order.append(other)
    return [Group(v, v, "学会", "", *counts[v], tuple(buckets[v])) for v in order]


def _matches(roster: Roster, e: Entry, regions: set[str], industries: set[str]) -> bool:
    socs = [roster.society(u) for u in e.units if u in roster]
    return any((not regions or s.region in regions) and (not industries or s.industry in industries) for s in socs)


def _coverage(entries: list[Entry]) -> dict:
    units = sum(len(e.units) for e in entries)
    organized = sum(len(e.units) for e in entries if e.organized)
    work = sum(len(e.units) for e in entries if e.kind != UNCOVERED)
    return {
        "units": units,
        "organized": organized,
        "organized_rate": round(organized / units, 3) if units else 0.0,
        "work_covered": work,
        "work_rate": round(work / units, 3) if units else 0.0,
    }


def overview(
    roster: Roster,
    plan: Plan,
    *,
    group_by: str = "kind",
    upper: str = "科技社团党委",
    before: bool = True,
    regions: Iterable[str] = (),
    industries: Iterable[str] = (),
    apart: Iterable[Sequence[str]] = (),
) -> Overview:
    """The plan's overview grouped ``group_by`` (a key of ``GROUPINGS``); ``before`` adds today's
    coverage (from the roster's 现有党组织 column) for the title slide. With ``regions`` or
    ``industries`` only organizations with a matching unit (whole, with all their units) and
    matching societies outside any organization are kept, and the coverage is theirs.

    A joint branch that breaks a rule (:func:`branch_errors`, as on the planner page) stays on
    its tile flagged with its rules, but its societies count as not organized, as in the
    planner's :func:`valid_coverage`. Today's coverage is the dashboard's (:func:`current_coverage`)."""
    if group_by not in GROUPINGS:
        raise ValueError(f"group_by must be one of {tuple(GROUPINGS)}, got {group_by!r}")
    count_basis = plan.policy.count_basis
    apart = tuple(apart)
    bad = branch_errors(roster, plan, apart=apart)
    rules = {k: tuple(dict.fromkeys(f.rule for f in v)) for k, v in bad.items()}
    entries = [_entry(roster, o, count_basis, rules.get(o.id, ()) if o.joint else ()) for o in plan.organizations]
    entries += [_single(roster, n, INSTRUCTOR, count_basis) for n in plan.liaison]
    entries += [_single(roster, n, UNCOVERED, count_basis) for n in plan.uncovered]
    regions, industries = set(regions), set(industries)
    filtered = bool(regions or industries)
    if filtered:
        entries = [e for e in entries if _matches(roster, e, regions, industries)]
    groups = _by_kind(entries) if group_by == "kind" else _by_facet(roster, entries, group_by)
    today = None
    if before and not filtered:
        today = current_coverage(roster, existing_organizations(roster, plan.policy)).to_dict()
    order = {o.id: i for i, o in enumerate(plan.organizations)}
    cover = _coverage(entries) if filtered else valid_coverage(roster, plan, apart=apart)[0].to_dict()
    return Overview(upper, group_by, tuple(groups), cover, today, order)


def group_rows(ov: Overview) -> list[dict]:
    """One row per group (the page's table and the deck's overview notes)."""
    return [
        {
            "分组": g.title,
            "学会数": g.societies,
            "党组织数": g.organizations,
            "新建联合党支部": g.new_branches,
            "组织覆盖学会": g.organized,
            "组织覆盖率": f"{100 * g.organized_rate:.1f}%",
        }
        for g in ov.groups
    ]
