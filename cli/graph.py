"""``python -m model graph ROSTER PLAN.json --out ORG.html [--members] [--show-personal]``.

Writes the hierarchy as offline HTML; an ``--out`` ending in ``.png`` writes the slide
image and ``.xlsx`` the listing instead. Bad input (unreadable roster or plan, a plan
naming societies the roster lacks, a society placed twice) raises InputError, which
the dispatcher prints one line per error with exit status 2. Roster societies the plan
leaves out are shown as uncovered, with a warning.
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.findings import ERROR, Finding, InputError
from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.html_view import hierarchy_html
from model.graph.image import CJKFontMissing, hierarchy_png
from model.graph.listing import listing_xlsx
from model.planning.plan_file import plan_against_roster, read_plan_file
from model.roster.loading import load_roster

__all__ = ["run"]

SUFFIXES = (".html", ".htm", ".png", ".xlsx")


def run(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError([Finding(ERROR, str(out), None, None, None, "输出文件应以 .html、.png 或 .xlsx 结尾")])
    roster = load_roster(args.roster)
    plan, warnings = plan_against_roster(args.roster, args.plan, read_plan_file(args.plan, strict=False), roster)
    for w in warnings:
        print(f"警告：{w.line()}", file=sys.stderr)
    options = GraphOptions(members=args.members, show_personal=args.show_personal)
    graph = build_hierarchy(roster, plan, options)
    if out.suffix.lower() == ".png":
        try:
            out.write_bytes(hierarchy_png(graph))
        except CJKFontMissing as exc:
            raise InputError([Finding(ERROR, str(out), None, None, None, str(exc))]) from None
    elif out.suffix.lower() == ".xlsx":
        out.write_bytes(listing_xlsx(graph))
    else:
        out.write_text(hierarchy_html(graph), encoding="utf-8")
    n_orgs = len(plan.organizations)
    n_soc = sum(1 for _, k in graph.nodes(data="kind") if k == "学会")
    print(f"已写出 {out}：{n_orgs} 个党组织，{n_soc} 家学会")
    return 0
