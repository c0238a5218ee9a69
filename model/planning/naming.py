"""How a joint branch is named, in the planner, the graph and the documents alike.

One rule for the name shown (the documents' wording, 青海指南 模板1 「××学会等×家单位联合党支部」):
a name the branch has (kept through edits and re-plans, or given by the coordinator) wins; a
single society's organization is the society's name and the kind; an unnamed joint branch is its
first unit, the number of units and the kind (:func:`org_display_name`).

Names for joint branches that have none, distinct across the plan (a name, once given, is kept):

A branch's suggested name says what holds it together: the shared 学科类别 (同业共建), the
所在地 of its first unit (区域联建) or the shared 支撑单位 (挂靠组建); a name already used gets
（二）, （三）…

>>> from model.roster.values import Roster, Society
>>> from model.rules.policy import Policy
>>> r = Roster(tuple(Society(n, "工科", "武汉市", None, 1) for n in "甲乙丙丁"))
>>> p = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2),
...                     Organization("J002", "联合党支部", "区域联建", ("丙", "丁"), 2)))
>>> [o.name for o in name_branches(p, r).organizations]
['工科类学会联合党支部', '武汉市学会联合党支部']
"""

from __future__ import annotations

from dataclasses import replace

from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.policy import SAME_HOST, SAME_INDUSTRY, SAME_REGION

__all__ = ["org_display_name", "suggested_name", "name_branches", "distinct"]

_NUMERALS = "一二三四五六七八九十"


def suggested_name(org: Organization, roster: Roster) -> str:
    """What the branch's basis says about it, as a name."""
    first = roster.society(org.units[0]) if org.units and org.units[0] in roster else None
    if first is None:
        return "联合党支部"
    if org.basis == SAME_INDUSTRY:
        return f"{first.industry}类学会联合党支部"
    if org.basis == SAME_HOST and first.host_unit:
        return f"{first.host_unit.strip()}学会联合党支部"
    if org.basis == SAME_REGION:
        return f"{first.region}学会联合党支部"
    return f"{org.units[0]}等单位联合党支部"


def distinct(name: str, taken: set[str]) -> str:
    """``name``, or ``name（二）``, ``name（三）``… whichever is free first."""
    if name not in taken:
        return name
    for k in range(2, 100):
        numeral = _NUMERALS[k - 1] if k <= 10 else str(k)
        candidate = f"{name}（{numeral}）"
        if candidate not in taken:
            return candidate
    return f"{name}（{len(taken)}）"


def name_branches(plan: Plan, roster: Roster) -> Plan:
    """Every joint branch named: a kept name stays, a repeated name is made distinct, a missing one suggested."""
    taken: set[str] = set()
    out = []
    for o in plan.organizations:
        if not o.joint:
            out.append(o)
            if o.name:
                taken.add(o.name)
            continue
        name = distinct(o.name or suggested_name(o, roster), taken)
        taken.add(name)
        out.append(o if name == o.name else replace(o, name=name))
    return replace(plan, organizations=tuple(out))


def org_display_name(org: Organization) -> str:
    """The name documents, graph and planner use for ``org``.

    >>> org_display_name(Organization("S001", "党支部", "单独组建", ("甲学会",), 3))
    '甲学会党支部'
    >>> org_display_name(Organization("J001", "联合党支部", "同业共建", ("甲学会", "乙协会"), 3))
    '甲学会等2家单位联合党支部'
    >>> org_display_name(Organization("T001", "联合党支部", "现有", ("甲学会",), 3, name="联合一支部"))
    '联合一支部'
    """
    if org.name:
        return org.name
    if not org.units:
        return org.id
    if org.joint or len(org.units) > 1:
        return f"{org.units[0]}等{len(org.units)}家单位{org.kind}"
    return f"{org.units[0]}{org.kind}"
