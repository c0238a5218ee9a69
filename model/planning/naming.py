"""How an organization of a plan is named, in the graph, the planner and the documents alike.

One rule (the documents' wording, 青海指南 模板1 「××学会等×家单位联合党支部」): an existing
name wins; a single society's organization is the society's name and the kind; a joint
branch is its first unit, the number of units and the kind.
"""

from __future__ import annotations

from model.planning.plan import Organization

__all__ = ["org_display_name"]


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
