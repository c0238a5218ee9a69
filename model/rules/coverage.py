"""Coverage today against what the rules require (the home page's 覆盖情况总览).

Today's organizations come from the roster's 现有党组织 / 党组织类型 columns: societies
naming the same 现有党组织 form one organization (a joint one when it has two or more
units or is typed 联合党支部). A 党建工作小组 gives work coverage, not organizational
coverage. What the rules require comes from :func:`model.rules.classify.classify_all`; the
"required" coverage is what full compliance would give (every society with a formal
member organized, every other one with an instructor) — an upper bound, since a joint
branch also needs compatible partners (see the planner).

>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=3, existing_org="甲学会党支部", existing_kind="党支部"),
...             Society("乙学会", "工科", "武汉市", formal_members=1), Society("丙学会", "理科", "武汉市")))
>>> d = dashboard(r, today=date(2026, 11, 22))
>>> d.now.organized, d.required.organized, d.required.work_covered
(1, 2, 3)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from model.roster.values import Roster, Society
from model.rules.classify import Classification, classify_all
from model.rules.policy import (
    BRANCH,
    GENERAL_BRANCH,
    JOINT_BRANCH,
    JOINT_CANDIDATE,
    LIAISON,
    PARTY_COMMITTEE,
    Policy,
    kind_for_total,
)
from model.rules.rates import Coverage, rate

__all__ = [
    "ExistingOrg",
    "StatRow",
    "Target",
    "TARGETS",
    "GroupRow",
    "Violation",
    "TermDue",
    "Dashboard",
    "existing_organizations",
    "statutory_rows",
    "current_coverage",
    "required_coverage",
    "breakdown",
    "violations",
    "terms_due",
    "add_months",
    "dashboard",
    "WORK_GROUP",
    "NO_HOST",
]

WORK_GROUP = "党建工作小组"  # covers the work; not a party organization
ORG_KINDS = (PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, JOINT_BRANCH)
NO_HOST = "（无支撑单位）"


@dataclass(frozen=True, slots=True)
class ExistingOrg:
    """One organization that exists today (one or more societies naming the same 现有党组织)."""

    name: str
    kind: str  # as stated (first non-blank 党组织类型), else inferred
    units: tuple[str, ...]
    formal: int  # F summed over the units, on the policy's counting basis
    total: int  # T summed over the units
    term_ends: date | None  # the earliest 届满时间 of its units

    @property
    def joint(self) -> bool:
        return self.kind != WORK_GROUP and (self.kind == JOINT_BRANCH or len(self.units) > 1)

    @property
    def organizes(self) -> bool:
        """Counts for 组织覆盖率 (a 党建工作小组 only gives work coverage)."""
        return self.kind != WORK_GROUP


@dataclass(frozen=True, slots=True)
class StatRow:
    """One row of the statutory statistics form: today and under full compliance."""

    section: str
    item: str
    now: int
    required: int | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A coverage target from the provincial documents (docs/sources.md), e.g. 湖北 2016年底 组织覆盖率 70%."""

    label: str
    percent: int  # an integer percentage, compared as integers
    measure: str  # 组织覆盖率 or 工作覆盖率
    source: str

    def met_by(self, cov: Coverage) -> bool:
        part = cov.organized if self.measure == "组织覆盖率" else cov.work_covered
        return 100 * part >= self.percent * cov.units if cov.units else False


TARGETS: tuple[Target, ...] = (
    Target("湖北省科协 2016年底", 70, "组织覆盖率", "湖北省科协“百日攻坚行动”方案（2016）"),
    Target("中国科协 2016年底", 80, "组织覆盖率", "中国科协关于加强科技社团党建工作的若干意见（2016）"),
    Target("中国科协 2016年底 工作全覆盖", 100, "工作覆盖率", "中国科协关于加强科技社团党建工作的若干意见（2016）"),
    Target("吉林省科协 2017年底", 90, "组织覆盖率", "吉林省科协2017年学会党建工作要点"),
    Target("中国科协 2017年6月底 组织全覆盖", 100, "组织覆盖率", "中国科协关于加强科技社团党建工作的若干意见（2016）"),
)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Coverage of one 所在地 / 学科类别 / 支撑单位."""

    group: str
    units: int
    organized_now: int
    work_now: int
    organized_required: int

    @property
    def rate_now(self) -> float:
        return rate(self.organized_now, self.units)

    @property
    def rate_required(self) -> float:
        return rate(self.organized_required, self.units)


@dataclass(frozen=True, slots=True)
class Violation:
    """An existing organization that breaks a rule today."""

    org: str
    units: tuple[str, ...]
    rule: str
    message: str
    source: str


@dataclass(frozen=True, slots=True)
class TermDue:
    """An organization whose term ends within the warning window (or has ended)."""

    org: str
    units: tuple[str, ...]
    term_ends: date
    days_left: int  # negative when already overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def existing_organizations(roster: Roster, policy: Policy = Policy()) -> tuple[ExistingOrg, ...]:
    """Group societies by 现有党组织 (trimmed, non-blank), in roster order, with their figures.

    The kind is the first non-blank 党组织类型 of its units; when all are blank it is
    inferred: 联合党支部 for two or more units, else by size (:func:`kind_for_total`).
    """
    groups: dict[str, list[Society]] = {}
    for s in roster.societies:
        name = (s.existing_org or "").strip()
        if name:
            groups.setdefault(name, []).append(s)
    orgs = []
    for name, units in groups.items():
        counts = [u.counts(policy.count_basis) for u in units]
        formal, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
        stated = [k for k in ((u.existing_kind or "").strip() for u in units) if k]
        kind = stated[0] if stated else (JOINT_BRANCH if len(units) > 1 else kind_for_total(total, policy))
        ends = [u.term_ends for u in units if u.term_ends]
        orgs.append(ExistingOrg(name, kind, tuple(u.name for u in units), formal, total, min(ends) if ends else None))
    return tuple(orgs)


def _placement(roster: Roster, orgs: tuple[ExistingOrg, ...]) -> dict[str, ExistingOrg]:
    return {u: o for o in orgs for u in o.units}


def current_coverage(roster: Roster, orgs: tuple[ExistingOrg, ...]) -> Coverage:
    """组织覆盖率 and 工作覆盖率 today: organized societies, plus 党建工作小组 for work coverage."""
    organized = sum(len(o.units) for o in orgs if o.organizes)
    work_only = sum(len(o.units) for o in orgs if not o.organizes)
    return Coverage(units=len(roster.societies), organized=organized, work_covered=organized + work_only)


def required_coverage(
    roster: Roster, policy: Policy = Policy(), classes: tuple[Classification, ...] | None = None
) -> Coverage:
    """What full compliance gives: every society with F ≥ 1 organized, every society work-covered.

    ``classes`` is ``classify_all(roster, policy)`` when the caller has it already (the dashboard).
    """
    classes = classify_all(roster, policy) if classes is None else classes
    organized = sum(1 for c in classes if c.required != LIAISON)
    n = len(roster.societies)
    return Coverage(units=n, organized=organized, work_covered=n)


def statutory_rows(
    roster: Roster,
    policy: Policy = Policy(),
    orgs: tuple[ExistingOrg, ...] | None = None,
    classes: tuple[Classification, ...] | None = None,
) -> tuple[StatRow, ...]:
    """The statutory form's rows, today (``now``) against full compliance (``required``)."""
    orgs = existing_organizations(roster, policy) if orgs is None else orgs
    placed = _placement(roster, orgs)
    classes = classify_all(roster, policy) if classes is None else classes
    own_now = Counter(o.kind for o in orgs if not o.joint and o.kind in ORG_KINDS)
    own_req = Counter(c.required for c in classes if c.own)
    joint = [o for o in orgs if o.joint]
    candidates = sum(1 for c in classes if c.required == JOINT_CANDIDATE)
    missing_own = sum(1 for c in classes if c.own and not (c.society in placed and placed[c.society].organizes))
    missing_joint = sum(
        1
        for c in classes
        if c.required == JOINT_CANDIDATE and not (c.society in placed and placed[c.society].organizes)
    )
    liaison_req = sum(1 for c in classes if c.required == LIAISON)
    work_only = sum(len(o.units) for o in orgs if not o.organizes)
    s1, s2 = "已单独建立党组织的", "已建立联合党支部的"
    return (
        StatRow(s1, PARTY_COMMITTEE, own_now[PARTY_COMMITTEE], own_req[PARTY_COMMITTEE], "全体党员100名以上"),
        StatRow(s1, GENERAL_BRANCH, own_now[GENERAL_BRANCH], own_req[GENERAL_BRANCH], "全体党员50–99名"),
        StatRow(s1, BRANCH, own_now[BRANCH], own_req[BRANCH], f"正式党员{policy.own_min_formal}名以上"),
        StatRow(
            s2,
            "联合党支部数",
            len(joint),
            None,
            f"由规划确定，至少{-(-candidates // policy.max_units) if candidates else 0}个",
        ),
        StatRow(s2, "覆盖单位数", sum(len(o.units) for o in joint), candidates, "正式党员1–2名的学会"),
        StatRow("应建尚未建立党组织的", "应单独建立而未建", missing_own, 0, f"正式党员{policy.own_min_formal}名以上"),
        StatRow("应建尚未建立党组织的", "宜联合组建而未建", missing_joint, 0, "正式党员1–2名"),
        StatRow(
            "派驻党建工作指导员的",
            "工作覆盖（无党组织）",
            work_only,
            liaison_req,
            "无正式党员的学会应派驻；名册不记录指导员，现状按党建工作小组统计",
        ),
    )


def breakdown(
    roster: Roster,
    field: str,
    policy: Policy = Policy(),
    orgs: tuple[ExistingOrg, ...] | None = None,
    classes: tuple[Classification, ...] | None = None,
) -> tuple[GroupRow, ...]:
    """Coverage per value of ``field`` (``region``, ``industry`` or ``host_unit``), largest group first."""

    def key(s: Society) -> str:
        return (getattr(s, field) or "").strip() or NO_HOST

    orgs = existing_organizations(roster, policy) if orgs is None else orgs
    placed = _placement(roster, orgs)
    classes = classify_all(roster, policy) if classes is None else classes
    required = {c.society: c.required != LIAISON for c in classes}
    acc: dict[str, list[int]] = {}
    for s in roster.societies:
        row = acc.setdefault(key(s), [0, 0, 0, 0])
        org = placed.get(s.name)
        row[0] += 1
        row[1] += bool(org and org.organizes)
        row[2] += bool(org)
        row[3] += required[s.name]
    rows = [GroupRow(g, *v) for g, v in acc.items()]
    return tuple(sorted(rows, key=lambda r: (-r.units, r.group)))


def violations(
    roster: Roster, policy: Policy = Policy(), orgs: tuple[ExistingOrg, ...] | None = None
) -> tuple[Violation, ...]:
    """Existing organizations that break a rule of docs/rules.md §1–2 today."""
    orgs = existing_organizations(roster, policy) if orgs is None else orgs
    out: list[Violation] = []
    for o in orgs:
        counts = {u: roster.society(u).counts(policy.count_basis) for u in o.units}
        if o.joint:
            if len(o.units) > policy.max_units:
                out.append(
                    Violation(
                        o.name,
                        o.units,
                        f"超过{policy.max_units}家",
                        f"联合党支部覆盖{len(o.units)}家单位，超过{policy.max_units}家",
                        "支部条例；青海实施意见9「联合组建单位原则上不得超过5家」",
                    )
                )
            if o.formal < policy.min_members:
                out.append(
                    Violation(
                        o.name,
                        o.units,
                        f"正式党员不足{policy.min_members}名",
                        f"联合党支部正式党员合计{o.formal}名，不足{policy.min_members}名",
                        "支部条例 第四条",
                    )
                )
            for u, (f, _t) in counts.items():
                if f >= policy.own_min_formal:
                    out.append(
                        Violation(
                            o.name,
                            (u,),
                            "应单独组建",
                            f"{u}正式党员{f}名，达到{policy.own_min_formal}名，应单独建立党组织而仍在联合党支部",
                            "党章 第三十条；支部条例 第四条",
                        )
                    )
                elif f == 0:
                    out.append(
                        Violation(
                            o.name,
                            (u,),
                            "无正式党员",
                            f"{u}无正式党员，不宜作为联合党支部组建单位（宜派驻指导员）",
                            "DOMAIN §2",
                        )
                    )
        elif o.organizes:
            f, t = counts[o.units[0]]
            if f < policy.own_min_formal:
                out.append(
                    Violation(
                        o.name,
                        o.units,
                        f"正式党员不足{policy.own_min_formal}名",
                        f"单独建立的{o.kind}，正式党员仅{f}名，不足{policy.own_min_formal}名，宜改为联合党支部或派驻指导员",
                        "党章 第三十条；支部条例 第四条",
                    )
                )
            elif o.kind != kind_for_total(t, policy):
                out.append(
                    Violation(
                        o.name,
                        o.units,
                        "类型与规模不符",
                        f"现为{o.kind}，全体党员{t}名，按规模应设{kind_for_total(t, policy)}",
                        "青海指南 第二部分三(1)；党和国家机关基层组织工作条例 第五、六条",
                    )
                )
    return tuple(out)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day.

    >>> add_months(date(2026, 8, 31), 6), add_months(date(2026, 11, 22), 6)
    (datetime.date(2027, 2, 28), datetime.date(2027, 5, 22))
    """
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def terms_due(orgs: tuple[ExistingOrg, ...], today: date, months: int = 6) -> tuple[TermDue, ...]:
    """Organizations whose 届满时间 is on or before ``today`` + ``months``, soonest first."""
    limit = add_months(today, months)
    due = [
        TermDue(o.name, o.units, o.term_ends, (o.term_ends - today).days)
        for o in orgs
        if o.term_ends is not None and o.term_ends <= limit
    ]
    return tuple(sorted(due, key=lambda t: (t.term_ends, t.org)))


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the home page shows, computed once."""

    now: Coverage
    required: Coverage
    orgs: tuple[ExistingOrg, ...]
    stat_rows: tuple[StatRow, ...]
    by_region: tuple[GroupRow, ...]
    by_industry: tuple[GroupRow, ...]
    by_host: tuple[GroupRow, ...]
    violations: tuple[Violation, ...]
    terms: tuple[TermDue, ...]
    targets: tuple[tuple[Target, bool, bool], ...]  # (target, met now, met when compliant)


def dashboard(roster: Roster, policy: Policy = Policy(), *, today: date) -> Dashboard:
    """The whole coverage overview for ``roster`` under ``policy`` as of ``today``."""
    orgs = existing_organizations(roster, policy)
    classes = classify_all(roster, policy)  # once: every society, shared by the figures below
    now, req = current_coverage(roster, orgs), required_coverage(roster, policy, classes)
    return Dashboard(
        now=now,
        required=req,
        orgs=orgs,
        stat_rows=statutory_rows(roster, policy, orgs, classes),
        by_region=breakdown(roster, "region", policy, orgs, classes),
        by_industry=breakdown(roster, "industry", policy, orgs, classes),
        by_host=breakdown(roster, "host_unit", policy, orgs, classes),
        violations=violations(roster, policy, orgs),
        terms=terms_due(orgs, today, policy.term_warning_months),
        targets=tuple((t, t.met_by(now), t.met_by(req)) for t in TARGETS),
    )
