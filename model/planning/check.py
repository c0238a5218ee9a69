"""Check a plan against the roster and the rules (docs/rules.md §1–2): every finding names
the organization (``column`` = its id), the rule (``rule``) and the values.

>>> from model.roster.values import Roster, Society
>>> from model.planning.plan import Organization, Plan
>>> r = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "理科", "宜昌", None, 1)))
>>> p = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2),))
>>> [(f.column, f.rule) for f in check_plan(r, p)]
[('J001', '正式党员不足3名'), ('J001', '学科类别不同且所在地不相邻且支撑单位不同')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

from model.findings import ERROR, INFO, WARNING, Finding
from model.planning.compat import branch_modes, failed_bases
from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.policy import BASES, BRANCH, GENERAL_BRANCH, JOINT_BRANCH, PARTY_COMMITTEE, Policy, kind_for_total
from model.rules.rates import Coverage

__all__ = ["check_plan", "branch_errors", "valid_coverage"]

OWN_KINDS = (PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH)


def _joint(roster: Roster, o: Organization, policy: Policy, apart: set[frozenset[str]], add) -> None:
    socs = [roster.society(u) for u in o.units if u in roster]
    if len(o.units) == 1:
        add(ERROR, f"只有1家单位“{o.units[0]}”，不能组建联合党支部（至少2家）", "单个单位不能联合组建")
    if len(o.units) > policy.max_units:
        add(
            ERROR,
            f"联合组建单位{len(o.units)}家，超过{policy.max_units}家（青海实施意见9；支部条例第四条）",
            f"超过{policy.max_units}家",
        )
    total = sum(s.counts(policy.count_basis)[0] for s in socs)
    if total < policy.min_members:
        add(
            ERROR,
            f"正式党员合计{total}名，不足{policy.min_members}名（支部条例第四条）",
            f"正式党员不足{policy.min_members}名",
        )
    for s in socs:
        f, _ = s.counts(policy.count_basis)
        if f >= policy.own_min_formal:
            add(ERROR, f"“{s.name}”有正式党员{f}名，应单独建立党组织，不应参加联合党支部（党章第三十条）", "应单独组建")
        elif f == 0:
            add(ERROR, f"“{s.name}”无正式党员，不能参加联合党支部，宜派驻党建工作指导员", "无正式党员")
    for a, b in combinations(o.units, 2):
        if frozenset((a, b)) in apart:
            add(ERROR, f"“{a}”与“{b}”被要求不在同一支部", "不同支部")
    if len(socs) < 2:
        return
    modes = branch_modes(socs, roster, policy)
    if o.basis not in BASES:
        add(ERROR, f"组建方式“{o.basis}”无效，应为{'、'.join(policy.bases)}之一", "组建方式无效")
    elif o.basis not in policy.bases:
        add(ERROR, f"组建方式“{o.basis}”未被当前设置允许（允许：{'、'.join(policy.bases)}）", "组建方式未允许")
    elif modes and o.basis not in modes:
        bad = [
            f"“{a.name}”与“{b.name}”{'、'.join(failed_bases(a, b, roster, (o.basis,)))}"
            for a, b in combinations(socs, 2)
            if failed_bases(a, b, roster, (o.basis,))
        ]
        hint = f"；可改为{'或'.join(m for m in policy.bases if m in modes)}"
        add(ERROR, f"按{o.basis}：{'；'.join(bad)}{hint}", f"不符合{o.basis}")
    if not modes:
        phrases = {"同业共建": "学科类别不同", "区域联建": "所在地不相邻", "挂靠组建": "支撑单位不同"}
        rule = "且".join(phrases[m] for m in policy.bases if m in phrases)
        allowed = [m for m in policy.bases if m in phrases]
        failing = [(a, b, failed_bases(a, b, roster, policy.bases)) for a, b in combinations(socs, 2)]
        # blame the pairs sharing no basis at all; a pair sharing one is fine (only if none is, list all failing)
        blamed = [x for x in failing if len(x[2]) >= len(allowed)] or [x for x in failing if x[2]]
        pairs = [f"“{a.name}”与“{b.name}”（{'、'.join(why)}）" for a, b, why in blamed]
        add(ERROR, f"没有一种组建方式对每两家单位都成立：{'；'.join(pairs)}", rule)
    t = sum(s.counts(policy.count_basis)[1] for s in socs)
    if t > policy.branch_soft_cap:
        add(WARNING, f"党员{t}名，超过{policy.branch_soft_cap}名（支部条例第四条：一般不超过50人）", "党员人数偏多")


def _own(roster: Roster, o: Organization, policy: Policy, add) -> None:
    if len(o.units) != 1:
        add(ERROR, f"单独组建的党组织应只含1家单位，实际{len(o.units)}家", "单独组建只含1家")
        return
    if o.units[0] not in roster:
        return
    f, t = roster.society(o.units[0]).counts(policy.count_basis)
    if f < policy.own_min_formal:
        add(
            ERROR,
            f"“{o.units[0]}”正式党员{f}名，不足{policy.own_min_formal}名，不能单独组建（党章第三十条）",
            f"正式党员不足{policy.own_min_formal}名",
        )
    elif o.kind != kind_for_total(t, policy):
        add(
            ERROR, f"党员{t}名，应设{kind_for_total(t, policy)}，实为{o.kind}（青海指南 第二部分三(1)）", "组织类型不符"
        )
    elif o.kind in (PARTY_COMMITTEE, GENERAL_BRANCH):
        add(INFO, f"设立{o.kind}需经上级党组织批准", "需上级批准")


def check_plan(
    roster: Roster, plan: Plan, policy: Policy | None = None, *, apart: Iterable[Sequence[str]] = (), file: str = "方案"
) -> tuple[Finding, ...]:
    """Every rule the plan breaks, errors first in plan order; ``policy`` defaults to the plan's."""
    policy = policy or plan.policy
    apart_set = {frozenset(p) for p in apart if len(set(p)) == 2}
    out: list[Finding] = []
    for oid, n in Counter(o.id for o in plan.organizations).items():
        if n > 1:
            out.append(Finding(ERROR, file, None, None, oid, f"编号{oid}重复出现{n}次", "编号重复"))
    places: dict[str, list[str]] = {}
    for o in plan.organizations:

        def add(sev, msg, rule, o=o):
            out.append(Finding(sev, file, None, None, o.id, f"{o.id}：{msg}", rule))

        for u in o.units:
            places.setdefault(u, []).append(o.id)
            if u not in roster:
                add(ERROR, f"学会“{u}”不在名册中", "学会不在名册")
        stated = sum(roster.society(u).counts(policy.count_basis)[0] for u in o.units if u in roster)
        if o.formal_members != stated and all(u in roster for u in o.units):
            add(WARNING, f"填报正式党员{o.formal_members}名，与名册合计{stated}名不符", "党员数与名册不符")
        if o.kind == JOINT_BRANCH:
            _joint(roster, o, policy, apart_set, add)
        elif o.kind in OWN_KINDS:
            _own(roster, o, policy, add)
        else:
            add(ERROR, f"组织类型“{o.kind}”无效，应为党委、党总支、党支部或联合党支部", "组织类型无效")
    for label, names in (("派驻指导员", plan.liaison), ("未覆盖", plan.uncovered)):
        for u in names:
            places.setdefault(u, []).append(label)
            if u not in roster:
                out.append(
                    Finding(ERROR, file, None, None, None, f"{label}名单中的学会“{u}”不在名册中", "学会不在名册")
                )
                continue
            f, _ = roster.society(u).counts(policy.count_basis)
            if f >= policy.own_min_formal:
                out.append(
                    Finding(
                        ERROR,
                        file,
                        None,
                        None,
                        None,
                        f"“{u}”有正式党员{f}名，应单独建立党组织，却列入{label}",
                        "应单独组建",
                    )
                )
            elif label == "派驻指导员" and f > 0:
                out.append(
                    Finding(
                        WARNING,
                        file,
                        None,
                        None,
                        None,
                        f"“{u}”有正式党员{f}名，可参加联合党支部，却列入派驻指导员",
                        "可联合组建",
                    )
                )
    for u, where in places.items():
        if len(where) > 1:
            out.append(
                Finding(
                    ERROR,
                    file,
                    None,
                    None,
                    where[0],
                    f"学会“{u}”出现{len(where)}次（{'、'.join(where)}），每家学会只能安排一次",
                    "重复安排",
                )
            )
    for s in roster.societies:
        if s.name not in places:
            out.append(Finding(ERROR, file, None, None, None, f"学会“{s.name}”未在方案中安排", "学会缺失"))
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return tuple(sorted(out, key=lambda f: order[f.severity]))


def branch_errors(roster: Roster, plan: Plan, *, apart: Iterable[Sequence[str]] = ()) -> dict[str, tuple[Finding, ...]]:
    """Joint branch id → the rule errors it breaks (only branches breaking one are listed).
    Worked out once per plan, roster and ``apart`` (:meth:`Plan.derived`); do not change the result."""
    pairs = tuple(tuple(p) for p in apart)
    return plan.derived(("branch_errors", pairs), roster, lambda: _branch_errors(roster, plan, pairs))


def _branch_errors(roster: Roster, plan: Plan, apart: tuple) -> dict[str, tuple[Finding, ...]]:
    out: dict[str, list[Finding]] = {}
    ids = {o.id for o in plan.joint_branches()}
    for f in check_plan(roster, plan, apart=apart):
        if f.is_error and f.column in ids:
            out.setdefault(f.column, []).append(f)
    return {k: tuple(v) for k, v in out.items()}


def valid_coverage(
    roster: Roster, plan: Plan, *, apart: Iterable[Sequence[str]] = ()
) -> tuple[Coverage, tuple[str, ...]]:
    """Coverage counting a joint branch that breaks a rule as not set up, and the societies that
    are then uncovered (the plan's own uncovered first, then those of the invalid branches).

    >>> from model.roster.values import Roster, Society
    >>> r = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "工科", "武汉", None, 1)))
    >>> p = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2),))
    >>> cov, left = valid_coverage(r, p)
    >>> cov.organized, left
    (0, ('甲', '乙'))
    """
    bad = branch_errors(roster, plan, apart=apart)
    lost = tuple(u for o in plan.joint_branches() if o.id in bad for u in o.units)
    base = plan.coverage()
    cov = Coverage(units=base.units, organized=base.organized - len(lost), work_covered=base.work_covered)
    return cov, tuple(plan.uncovered) + lost
