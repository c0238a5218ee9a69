"""The overview as one offline HTML page: group cards, drill-down, full-screen presentation.

Our own template (``templates/overview.html``), no external script: every name travels as
JSON (escaped by :func:`inline_json`) and is put on the page with ``textContent``. The page
holds its own few controls (全屏演示, 返回总览, and in presentation ‹ › and 退出); the data
choices (plan, grouping, filters) stay with whoever embeds it.
"""

from __future__ import annotations

import html
import re
from importlib.resources import files

from model.graph.html_view import BASIS_COLORS, KIND_COLORS, inline_json
from model.graph.overview import Entry, Group, Overview
from model.roster.values import Roster

__all__ = ["overview_html", "group_color", "entry_color", "invalid_text", "FACET_COLORS", "INVALID_COLOR"]

INVALID_COLOR = "#c0392b"  # a joint branch that breaks a rule: red, as on the planner's board

FACET_COLORS = (
    "#1f618d",
    "#117864",
    "#7d6608",
    "#6c3483",
    "#a04000",
    "#1b4f72",
    "#0e6251",
    "#784212",
    "#4a235a",
    "#424949",
)


def group_color(g: Group, index: int = 0) -> str:
    """A card's fill: the kind's colour (a joint group by its basis), or a palette colour for a facet group.

    >>> group_color(Group("党总支", "党总支", "党总支", "", 1, 1, 1, ()))
    '#9c640c'
    """
    if g.kind == "联合党支部":
        return BASIS_COLORS.get(g.basis, KIND_COLORS["联合党支部"])
    if g.kind in KIND_COLORS:
        return KIND_COLORS[g.kind]
    return FACET_COLORS[index % len(FACET_COLORS)]


def entry_color(e: Entry) -> str:
    """A tile's stripe: the organization's kind (a joint branch by basis); red for one breaking a rule."""
    if e.problems:
        return INVALID_COLOR
    if e.kind == "联合党支部":
        return BASIS_COLORS.get(e.basis, KIND_COLORS["联合党支部"])
    return "#b03a2e" if e.kind == "未覆盖" else KIND_COLORS.get(e.kind, "#7f8c8d")


def invalid_text(e: Entry) -> str:
    """The red line of a joint branch that breaks a rule ('' for one that does not).

    >>> invalid_text(Entry("J1", "甲等2家单位联合党支部", "联合党支部", "同业共建", ("甲", "乙"), 2, problems=("正式党员不足3名",)))
    '不符合规则（正式党员不足3名），其中的学会暂按未覆盖计算'
    """
    return f"不符合规则（{'；'.join(e.problems)}），其中的学会暂按未覆盖计算" if e.problems else ""


def _unit_rows(roster: Roster | None, e: Entry, count_basis: str) -> list[list]:
    rows = []
    for u in e.units:
        s = roster.society(u) if roster is not None and u in roster else None
        rows.append([u, s.industry if s else "", s.region if s else "", s.counts(count_basis)[0] if s else 0])
    return rows


def overview_data(ov: Overview, roster: Roster | None = None, count_basis: str = "理事会") -> dict:
    """The JSON the template draws (also what a browser test reads back)."""
    groups = []
    for i, g in enumerate(ov.groups):
        groups.append(
            {
                "key": g.key,
                "title": g.title,
                "color": group_color(g, i),
                "light": g.kind == "未覆盖",
                "facet": g.kind == "学会",  # a 学科类别 / 所在地 group mixes kinds
                "societies": g.societies,
                "organized": g.organized,
                "work": g.work_covered,
                "rate": g.organized_rate,
                "organizations": g.organizations,
                "new_branches": g.new_branches,
                "invalid": g.invalid_branches,
                "note": "派驻党建工作指导员"
                if g.kind == "派驻党建工作指导员"
                else "尚无党组织"
                if g.kind == "未覆盖"
                else "",
                "entries": [
                    {
                        "name": e.name,
                        "organized": e.organized,
                        "kind": e.kind,
                        "basis": e.basis,
                        "units": list(e.units),
                        "members": e.formal_members,
                        "new": e.new,
                        "problems": list(e.problems),
                        "color": entry_color(e),
                    }
                    for e in g.entries
                ],
            }
        )
    branches = [
        {
            "name": e.name,
            "basis": e.basis,
            "units": list(e.units),
            "members": e.formal_members,
            "secretary": e.secretary,
            "problems": list(e.problems),
            "rows": _unit_rows(roster, e, count_basis),
        }
        for e in ov.new_branches()
    ]
    return {"upper": ov.upper, "coverage": ov.coverage, "groups": groups, "branches": branches}


def overview_html(
    ov: Overview, roster: Roster | None = None, *, title: str = "组织架构总览", count_basis: str = "理事会"
) -> str:
    """The overview page; ``roster`` adds each new branch's units' 学科类别, 所在地 and members."""
    template = (files("model.graph") / "templates" / "overview.html").read_text("utf-8")
    parts = {"TITLE": html.escape(title), "DATA": inline_json(overview_data(ov, roster, count_basis))}
    return re.sub(r"__(TITLE|DATA)__", lambda m: parts[m.group(1)], template)
