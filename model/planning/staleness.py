"""Is a plan still the plan of this roster under these settings? (docs/rules.md §5, stale plans)

:func:`planning_digest` fingerprints the roster content a plan depends on: each society's
name, formal and total members on both counting bases, 学科类别, 所在地, 支撑单位 and 现有党组织,
and the region adjacency. The app records it when a plan is made; a plan whose recorded digest
differs, whose societies are not the roster's, or whose carried settings (formats.md §3
``settings``) differ from the settings in force is stale, and :func:`stale_reasons` says why.

>>> from model.roster.values import Roster, Society
>>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=1), Society("乙学会", "工科", "武汉", formal_members=2)))
>>> plan = Plan(Policy(), (), uncovered=("甲学会", "乙学会"))
>>> stale_reasons(plan, r, Policy(), planning_digest(r))
()
>>> stale_reasons(plan, r, Policy(max_units=4), planning_digest(r))
('规划设置已改变：每个支部最多几家学会由“5”改为“4”',)
"""

from __future__ import annotations

import hashlib
import json

from model.planning.plan import Plan
from model.roster.values import Roster
from model.rules.policy import Policy

__all__ = ["planning_digest", "stale_reasons", "CARRIED", "SETTING_LABELS"]

CARRIED = ("bases", "max_units", "min_members", "count_basis")  # the settings a plan file carries (formats.md §3)
SETTING_LABELS = {
    "bases": "允许的组建方式",
    "max_units": "每个支部最多几家学会",
    "min_members": "正式党员合计至少",
    "count_basis": "党员统计口径",
}


def planning_digest(roster: Roster) -> str:
    """A short fingerprint of the roster content a plan depends on."""
    rows = [
        (
            s.name,
            s.counts("理事会"),
            s.counts("秘书处"),
            s.industry,
            s.region,
            (s.host_unit or "").strip(),
            (s.existing_org or "").strip(),
            s.existing_kind or "",
        )
        for s in roster.societies
    ]
    text = json.dumps([rows, sorted(roster.adjacency)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _value(v) -> str:
    return "、".join(v) if isinstance(v, tuple | list) else str(v)


def stale_reasons(plan: Plan, roster: Roster, policy: Policy, recorded: str | None = None) -> tuple[str, ...]:
    """Why ``plan`` is not the plan of ``roster`` under ``policy`` (empty when it is).

    ``recorded`` is the :func:`planning_digest` of the roster the plan was made for (None:
    unknown; only the societies and the carried settings are compared).
    """
    out = []
    placed = sorted([u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered))
    names = sorted(roster.names())
    if placed != names:
        gone, new = len(set(placed) - set(names)), len(set(names) - set(placed))
        out.append(f"名册已更新：方案中有{gone}家学会名册中已没有，名册中有{new}家学会方案未安排")
    elif recorded is not None and recorded != planning_digest(roster):
        out.append("名册内容已更新（党员人数、学科类别、所在地、支撑单位、现有党组织或地域相邻有变化）")
    changed = [
        f"{SETTING_LABELS[k]}由“{_value(getattr(plan.policy, k))}”改为“{_value(getattr(policy, k))}”"
        for k in CARRIED
        if getattr(plan.policy, k) != getattr(policy, k)
    ]
    if changed:
        out.append("规划设置已改变：" + "；".join(changed))
    return tuple(out)
