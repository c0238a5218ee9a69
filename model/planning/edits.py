"""Hand edits of a plan: plain functions over frozen plans, each returning a new plan and its findings.

Every edit recomputes the formal members of the branches it touches, drops empty
branches, and returns ``EditResult(plan, findings)`` where the findings are those of
:func:`model.planning.check.check_plan` on the new plan (each naming the rule broken, e.g.
“超过5家”, “正式党员不足3名”), plus any pinned pair the plan now separates. A locked
branch refuses every edit but unlocking: the result then carries the refusal as a
finding and the plan unchanged (``applied`` is False). Undo/redo come free from
:class:`EditHistory`, a tuple of plans and a cursor.

Societies taken out of a branch become uncovered, or go to ``liaison`` when they have
no formal member. Societies organized on their own (单独组建) are not moved by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from model.findings import ERROR, Finding, InputError
from model.planning.check import check_plan
from model.planning.compat import branch_modes
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.planning.planner import plan_joint_branches
from model.planning.replan import moves
from model.roster.values import Roster
from model.rules.policy import BASES, JOINT_BRANCH, Policy

__all__ = [
    "EditResult",
    "EditHistory",
    "set_locked",
    "lock",
    "unlock",
    "move",
    "split",
    "merge",
    "dissolve",
    "create",
    "set_basis",
    "reoptimize",
    "best_basis",
    "pinned_findings",
    "recheck",
    "finding_rows",
    "rename",
    "org_label",
]

Pairs = Iterable[tuple[str, str]]
_FILE = "方案"


@dataclass(frozen=True, slots=True)
class EditResult:
    """The plan after an edit and what is wrong with it; ``applied`` is False on a refusal."""

    plan: Plan
    findings: tuple[Finding, ...]
    applied: bool = True
    message: str = ""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


def _refuse(plan: Plan, column: str | None, message: str, rule: str) -> EditResult:
    return EditResult(plan, (Finding(ERROR, _FILE, None, None, column, message, rule),), False, message)


def _org(plan: Plan, org_id: str) -> Organization | None:
    return next((o for o in plan.organizations if o.id == org_id), None)


def _formal(roster: Roster, units: Iterable[str], policy: Policy) -> int:
    return sum(roster.society(u).counts(policy.count_basis)[0] for u in units)


def _next_id(plan: Plan, taken: Iterable[str] = ()) -> str:
    """The next joint id after every one used (a dissolved branch's id is never reused)."""
    used = {o.id for o in plan.organizations} | set(taken)
    top = max((int(i[1:]) for i in used if i.startswith("J") and i[1:].isdigit()), default=0)
    return f"J{top + 1:03d}"


def org_label(org: Organization | None) -> str:
    """How an edit message names an organization: ``J006（湖北省农科类学会联合党支部）`` or its shown name (an unnamed branch: 「首家学会等N家单位联合党支部」).

    >>> org_label(Organization("J006", "联合党支部", "同业共建", ("甲",), 1, name="农科联合支部"))
    'J006（农科联合支部）'
    """
    if org is None:
        return "未覆盖"
    return f"{org.id}（{org_display_name(org)}）"


def _names(units: Iterable[str]) -> str:
    units = list(units)
    shown = "、".join(f"“{u}”" for u in units[:3])
    return shown + (f"等{len(units)}家" if len(units) > 3 else "")


def best_basis(units: Iterable[str], roster: Roster, policy: Policy, prefer: str | None = None) -> str:
    """The basis to declare for ``units``: ``prefer`` if it holds, else the first allowed mode that holds.

    When no allowed mode holds, ``prefer`` (or the first allowed mode) is kept and the
    check names the broken rule.
    """

    units = tuple(units)
    allowed = policy.bases or BASES
    if len(units) < 2:
        return prefer or allowed[0]
    holding = set(branch_modes([roster.society(u) for u in units], roster, policy))
    if prefer in holding:
        return prefer  # type: ignore[return-value]
    modes = [m for m in allowed if m in holding]  # the coordinator's order of bases
    return modes[0] if modes else (prefer or allowed[0])


def pinned_findings(plan: Plan, together: Pairs = ()) -> tuple[Finding, ...]:
    """A finding for every pinned pair (指定同组) the plan places apart."""
    out = []
    for a, b in together:
        oa, ob = plan.org_of(a), plan.org_of(b)
        if oa is None or oa is not ob:
            out.append(
                Finding(
                    ERROR,
                    _FILE,
                    None,
                    None,
                    oa.id if oa else None,
                    f"“{a}”与“{b}”已指定同组，但不在同一党支部",
                    "指定同组",
                )
            )
    return tuple(out)


def recheck(roster: Roster, plan: Plan, *, together: Pairs = (), apart: Pairs = ()) -> tuple[Finding, ...]:
    """Findings of the plan: :func:`model.planning.check.check_plan` plus broken pins."""

    return tuple(check_plan(roster, plan, plan.policy, apart=tuple(apart), file=_FILE)) + pinned_findings(
        plan, together
    )


def finding_rows(findings: Iterable[Finding], plan: Plan | None = None) -> list[dict]:
    """Findings of a plan as table rows: the organization, the rule broken, the message.

    With ``plan``, an organization is named by its id and shown name, and a message's leading
    ``S007：`` says the name instead (no bare id where a name is meant).

    >>> from model.findings import INFO
    >>> p = Plan(Policy(), (Organization("S007", "党委", "单独组建", ("甲学会",), 60),))
    >>> finding_rows([Finding(INFO, "方案", None, None, "S007", "S007：设立党委需经上级党组织批准", "需上级批准")], p)
    [{'支部': 'S007 甲学会党委', '规则': '需上级批准', '说明': '甲学会党委：设立党委需经上级党组织批准'}]
    """
    by_id = {o.id: o for o in plan.organizations} if plan is not None else {}
    rows = []
    for f in findings:
        o = by_id.get(f.column or "")
        column, message = f.column or "", f.message
        if o is not None:
            column = f"{o.id} {org_display_name(o)}"
            if message.startswith(f"{o.id}："):
                message = f"{org_display_name(o)}：{message[len(o.id) + 1 :]}"
        rows.append({"支部": column, "规则": f.rule, "说明": message})
    return rows


def _finish(
    roster: Roster,
    plan: Plan,
    orgs: Iterable[Organization],
    freed: Iterable[str] = (),
    taken: Iterable[str] = (),
    message: str = "",
    rebase: Iterable[str] = (),
    **pairs: Pairs,
) -> EditResult:
    """Rebuild the plan: recount members, drop empty branches, place freed societies.

    Branches in ``rebase`` (those whose units changed) declare the basis that holds for their
    new units, keeping the old one when it still holds."""
    policy = plan.policy
    taken = set(taken)
    rebase = set(rebase)
    kept = tuple(
        replace(
            o,
            formal_members=_formal(roster, o.units, policy),
            basis=best_basis(o.units, roster, policy, o.basis) if o.id in rebase and o.joint else o.basis,
        )
        for o in orgs
        if o.units
    )
    freed = [u for u in freed if u not in taken]
    liaison = [u for u in plan.liaison if u not in taken]
    uncovered = [u for u in plan.uncovered if u not in taken]
    for u in freed:
        (liaison if roster.society(u).counts(policy.count_basis)[0] == 0 else uncovered).append(u)
    notes = tuple(n for n in plan.notes if n != "已手工调整") + ("已手工调整",)
    new = replace(
        plan,
        organizations=kept,
        liaison=tuple(liaison),
        uncovered=tuple(uncovered),
        optimal=None,
        bound=None,
        notes=notes,
    )
    return EditResult(new, recheck(roster, new, **pairs), True, message)


def _guard(plan: Plan, *org_ids: str | None) -> EditResult | None:
    """A refusal when an org is unknown, not a joint branch, or locked; else None."""
    for org_id in org_ids:
        if org_id is None:
            continue
        o = _org(plan, org_id)
        if o is None:
            return _refuse(plan, org_id, f"方案中没有党组织“{org_id}”", "党组织不存在")
        if not o.joint:
            return _refuse(plan, org_id, f"“{org_id}”为单独组建的党组织，不能手工调整", "单独组建")
        if o.locked:
            return _refuse(plan, org_id, f"“{org_id}”已锁定，请先解锁再调整", "已锁定")
    return None


def set_locked(roster: Roster, plan: Plan, org_id: str, locked: bool = True, **pairs: Pairs) -> EditResult:
    """Lock or unlock a branch: a locked branch is kept exactly by every later edit and re-plan."""
    o = _org(plan, org_id)
    if o is None:
        return _refuse(plan, org_id, f"方案中没有党组织“{org_id}”", "党组织不存在")
    orgs = tuple(replace(x, locked=locked) if x.id == org_id else x for x in plan.organizations)
    new = replace(plan, organizations=orgs)
    return EditResult(new, recheck(roster, new, **pairs), True, f"已{'锁定' if locked else '解锁'}{org_id}")


def lock(roster: Roster, plan: Plan, org_id: str, **pairs: Pairs) -> EditResult:
    """Lock branch ``org_id``: kept exactly by every later edit and re-plan."""
    return set_locked(roster, plan, org_id, True, **pairs)


def unlock(roster: Roster, plan: Plan, org_id: str, **pairs: Pairs) -> EditResult:
    """Unlock branch ``org_id`` so it can be edited and re-planned."""
    return set_locked(roster, plan, org_id, False, **pairs)


def move(roster: Roster, plan: Plan, society: str, to: str | None, **pairs: Pairs) -> EditResult:
    """Move ``society`` into branch ``to``, or out of every branch when ``to`` is None."""
    if society not in roster:
        return _refuse(plan, None, f"名册中没有学会“{society}”", "学会不存在")
    src = plan.org_of(society)
    refusal = _guard(plan, src.id if src else None, to)
    if refusal:
        return refusal
    if (src.id if src else None) == to:
        return _refuse(plan, to, f"“{society}”已在{to or '党组织之外'}", "无变化")
    orgs = []
    for o in plan.organizations:
        if src is not None and o.id == src.id:
            o = replace(o, units=tuple(u for u in o.units if u != society))
        if o.id == to:
            o = replace(o, units=o.units + (society,))
        orgs.append(o)
    target = _org(plan, to) if to else None
    origin = f"从{org_label(src)}" if src else "从未覆盖的学会中"
    where = f"移入{org_label(target)}" if to else "移出，暂未覆盖"
    left = [u for u in src.units if u != society] if src else []
    after = f"；{org_label(src)}已无学会，随之撤销" if src and not left else ""
    return _finish(
        roster,
        plan,
        orgs,
        freed=() if to else (society,),
        taken=(society,) if to else (),
        message=f"已将“{society}”{origin}{where}{after}",
        rebase=[x for x in (src.id if src else None, to) if x],
        **pairs,
    )


def split(roster: Roster, plan: Plan, org_id: str, part: Iterable[str], **pairs: Pairs) -> EditResult:
    """Split a branch: ``part`` becomes a new branch, the other units stay in ``org_id``."""
    refusal = _guard(plan, org_id)
    if refusal:
        return refusal
    o = _org(plan, org_id)
    part = tuple(u for u in o.units if u in set(part))
    rest = tuple(u for u in o.units if u not in part)
    if not part or not rest:
        return _refuse(plan, org_id, "拆分需把本支部的学会分成两个非空部分", "拆分无效")
    new_id = _next_id(plan)
    orgs = []
    for x in plan.organizations:
        if x.id == org_id:
            orgs.append(replace(x, units=rest, basis=best_basis(rest, roster, plan.policy, x.basis)))
            orgs.append(Organization(new_id, JOINT_BRANCH, best_basis(part, roster, plan.policy, x.basis), part, 0))
        else:
            orgs.append(x)
    message = f"已将{_names(part)}从{org_label(o)}拆出，新建{new_id}；{_names(rest)}留在{o.id}"
    return _finish(roster, plan, orgs, message=message, **pairs)


def merge(roster: Roster, plan: Plan, a: str, b: str, **pairs: Pairs) -> EditResult:
    """Merge branch ``b`` into branch ``a``: ``a`` keeps its id and name, ``b`` is gone."""
    if a == b:
        return _refuse(plan, a, "请选择两个不同的党支部合并", "合并无效")
    refusal = _guard(plan, a, b)
    if refusal:
        return refusal
    ob = _org(plan, b)
    orgs = []
    for x in plan.organizations:
        if x.id == a:
            units = x.units + ob.units
            orgs.append(replace(x, units=units, basis=best_basis(units, roster, plan.policy, x.basis)))
        elif x.id != b:
            orgs.append(x)
    oa = _org(plan, a)
    return _finish(
        roster, plan, orgs, message=f"已将{org_label(ob)}并入{org_label(oa)}（{_names(ob.units)}调入）", **pairs
    )


def dissolve(roster: Roster, plan: Plan, org_id: str, **pairs: Pairs) -> EditResult:
    """Dissolve a branch: its societies become uncovered (or liaison when F = 0)."""
    refusal = _guard(plan, org_id)
    if refusal:
        return refusal
    o = _org(plan, org_id)
    orgs = [x for x in plan.organizations if x.id != org_id]
    message = f"已撤销{org_label(o)}，{_names(o.units)}暂未覆盖"
    return _finish(roster, plan, orgs, freed=o.units, message=message, **pairs)


def create(roster: Roster, plan: Plan, units: Iterable[str], basis: str | None = None, **pairs: Pairs) -> EditResult:
    """Create a branch of ``units`` (taken from wherever they are), declaring the best basis."""
    units = tuple(dict.fromkeys(units))
    if not units:
        return _refuse(plan, None, "请至少选择一个学会", "新建无效")
    missing = [u for u in units if u not in roster]
    if missing:
        return _refuse(plan, None, f"名册中没有学会“{missing[0]}”", "学会不存在")
    sources = {o.id for u in units if (o := plan.org_of(u)) is not None}
    refusal = _guard(plan, *sorted(sources))
    if refusal:
        return refusal
    new_id = _next_id(plan)
    orgs = [replace(o, units=tuple(u for u in o.units if u not in units)) for o in plan.organizations]
    basis = basis if basis in BASES else best_basis(units, roster, plan.policy)
    orgs.append(Organization(new_id, JOINT_BRANCH, basis, units, 0))
    message = f"已新建{new_id}（{basis}），含{_names(units)}" + (
        f"，调出自{'、'.join(sorted(sources))}" if sources else ""
    )
    return _finish(roster, plan, orgs, taken=units, message=message, rebase=sorted(sources), **pairs)


def rename(roster: Roster, plan: Plan, org_id: str, name: str, **pairs: Pairs) -> EditResult:
    """Name a branch (names are kept through edits and re-plans); refuses an empty or a taken name."""
    o = _org(plan, org_id)
    name = (name or "").strip()
    if o is None:
        return _refuse(plan, org_id, f"方案中没有党组织“{org_id}”", "党组织不存在")
    if not name:
        return _refuse(plan, org_id, "名称不能为空", "名称无效")
    other = next((x for x in plan.organizations if x.name == name and x.id != org_id), None)
    if other is not None:
        return _refuse(plan, org_id, f"名称“{name}”已用于{other.id}，请换一个名称", "名称重复")
    orgs = tuple(replace(x, name=name) if x.id == org_id else x for x in plan.organizations)
    new = replace(plan, organizations=orgs)
    return EditResult(new, recheck(roster, new, **pairs), True, f"已将{o.id}命名为“{name}”")


def set_basis(roster: Roster, plan: Plan, org_id: str, basis: str, **pairs: Pairs) -> EditResult:
    """Declare the basis (组建方式) of a branch; the check says whether it holds."""
    if basis not in BASES:
        return _refuse(plan, org_id, f"组建方式应为{'、'.join(BASES)}之一，实际为“{basis}”", "组建方式无效")
    refusal = _guard(plan, org_id)
    if refusal:
        return refusal
    orgs = [replace(o, basis=basis) if o.id == org_id else o for o in plan.organizations]
    return _finish(roster, plan, orgs, message=f"{org_label(_org(plan, org_id))}的组建方式改为{basis}", **pairs)


def reoptimize(
    roster: Roster,
    plan: Plan,
    policy: Policy | None = None,
    *,
    together: Pairs = (),
    apart: Pairs = (),
    time_limit: float = 10.0,
) -> EditResult:
    """Re-plan everything but the locked branches, which are kept exactly, changing as few
    societies' branches as possible (``previous=plan``, docs/rules.md §5); ids and names of
    branches keeping their core are kept."""

    policy = policy or plan.policy
    locked = {frozenset(o.units): o for o in plan.organizations if o.locked and o.joint}
    locks = tuple(o.units for o in locked.values())
    try:
        new = plan_joint_branches(
            roster,
            policy,
            locks=locks,
            together=tuple(together),
            apart=tuple(apart),
            time_limit=time_limit,
            existing=plan,
            previous=plan,
        )
    except InputError as exc:  # a lock or wish the (new) settings cannot honour: plan unchanged
        return EditResult(
            plan, exc.findings, False, "无法重新优化：" + "；".join(f.message for f in exc.errors or exc.findings)
        )
    orgs = []
    for o in new.organizations:
        old = locked.get(frozenset(o.units))
        orgs.append(replace(o, locked=True, name=old.name or o.name) if old else o)
    new = replace(new, organizations=tuple(orgs))
    found = recheck(roster, new, together=together, apart=apart)
    moved = moves(plan, new)
    said = "；".join(m.text() for m in moved[:8]) + ("……" if len(moved) > 8 else "")
    message = f"已重新优化未锁定部分（保留{len(locks)}个锁定支部），{len(moved)}家学会调整了所在党组织" + (
        f"：{said}" if moved else ""
    )
    return EditResult(new, found, True, message)


@dataclass(frozen=True, slots=True)
class EditHistory:
    """Plans in edit order and a cursor on the current one: undo/redo move the cursor.

    >>> p0, p1 = Plan(Policy(), ()), Plan(Policy(), (), uncovered=("甲学会",))
    >>> h = EditHistory.start(p0).push(p1, "移出甲学会")
    >>> h.undo().current() is p0, h.undo().redo().current() is p1, h.can_redo
    (True, True, False)
    """

    plans: tuple[Plan, ...]
    cursor: int = 0
    labels: tuple[str, ...] = ()
    limit: int = 50

    @classmethod
    def start(cls, plan: Plan, label: str = "规划结果") -> EditHistory:
        return cls((plan,), 0, (label,))

    def current(self) -> Plan:
        return self.plans[self.cursor]

    @property
    def can_undo(self) -> bool:
        return self.cursor > 0

    @property
    def can_redo(self) -> bool:
        return self.cursor < len(self.plans) - 1

    def push(self, plan: Plan, label: str = "") -> EditHistory:
        """Add ``plan`` after the current one; the redo tail is dropped, the oldest beyond ``limit`` too."""
        plans = self.plans[: self.cursor + 1] + (plan,)
        labels = _pad(self.labels, len(self.plans))[: self.cursor + 1] + (label,)
        drop = max(0, len(plans) - self.limit)
        return replace(self, plans=plans[drop:], labels=labels[drop:], cursor=len(plans) - 1 - drop)

    def undo(self) -> EditHistory:
        return replace(self, cursor=max(0, self.cursor - 1))

    def redo(self) -> EditHistory:
        return replace(self, cursor=min(len(self.plans) - 1, self.cursor + 1))

    def to_dict(self) -> dict:
        return {
            "plans": [p.to_dict() for p in self.plans],
            "cursor": self.cursor,
            "labels": list(_pad(self.labels, len(self.plans))),
        }

    @classmethod
    def from_dict(cls, d: dict) -> EditHistory:
        plans = tuple(Plan.from_dict(p) for p in d.get("plans", ()))
        if not plans:
            raise ValueError("edit history without plans")
        cursor = min(max(0, int(d.get("cursor", 0))), len(plans) - 1)
        return cls(plans, cursor, _pad(tuple(d.get("labels", ())), len(plans)))


def _pad(labels: tuple[str, ...], n: int) -> tuple[str, ...]:
    return (tuple(labels) + ("",) * n)[:n]
