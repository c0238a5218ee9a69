"""How a joint branch is named, in the planner, the graph and the documents alike.

One rule for the name shown (the documents' wording, 青海指南 模板1 「××学会等×家单位联合党支部」):
a name the branch has (kept through edits and re-plans, or given by the coordinator) wins; a
single society's organization is the society's name and the kind; an unnamed joint branch is its
first unit, the number of units and the kind (:func:`org_display_name`).

A name is never made up for a branch: an unnamed joint branch shows the documents' form, which
follows its units (a unit joining makes it 等4家单位); a name the branch had (today's organization)
or the coordinator gave it is kept, and a repeated one is made distinct with （二）, （三）…

>>> from model.roster.values import Roster, Society
>>> from model.rules.policy import Policy
>>> r = Roster(tuple(Society(n, "工科", "武汉市", None, 1) for n in "甲乙丙丁"))
>>> p = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2, name="联合一支部"),
...                     Organization("J002", "联合党支部", "区域联建", ("丙",), 1, name="联合一支部"),
...                     Organization("J003", "联合党支部", "区域联建", ("丁",), 1)))
>>> [org_display_name(o) for o in name_branches(p, r).organizations]
['联合一支部', '联合一支部（二）', '丁等1家单位联合党支部']
"""

from __future__ import annotations

from dataclasses import replace

from model.planning.plan import Organization, Plan
from model.roster.values import Roster

__all__ = ["org_display_name", "name_branches", "distinct"]

_NUMERALS = "一二三四五六七八九十"


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
    """Names made distinct: a kept name stays, a repeated one gets （二）…; an unnamed branch stays unnamed
    (it shows :func:`org_display_name`, the documents' form)."""
    taken: set[str] = set()
    out = []
    for o in plan.organizations:
        if not o.joint:
            out.append(o)
            if o.name:
                taken.add(o.name)
            continue
        if not o.name:
            out.append(o)
            continue
        name = distinct(o.name, taken)
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
