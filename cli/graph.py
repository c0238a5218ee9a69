"""``python -m model graph ROSTER PLAN.json --out X [--members] [--show-personal] [--group-by kind]``.

The suffix of ``--out`` chooses the export (docs/formats.md §5):

- ``.html``: the interactive hierarchy, offline;
- ``.png``: the overview as a 16:9 slide, 1920×1080;
- ``.svg``: the overview as a vector slide, labels as text;
- ``.pdf``: the overview and the whole structure on A3, text embedded;
- ``.pptx``: the meeting deck (title with coverage before/after, overview, one slide per joint branch);
- ``.xlsx``: the listing.

Meeting exports (.png, .svg, .pdf, .pptx) never carry phone numbers; the HTML and the listing
only with ``--members --show-personal``. Bad input (unreadable roster or plan, a plan naming
societies the roster lacks, a society placed twice) raises InputError, which the dispatcher
prints one line per error with exit status 2. Roster societies the plan leaves out are shown as
uncovered, with a warning.
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.findings import ERROR, Finding, InputError
from model.graph.deck import deck_pptx
from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.html_view import hierarchy_html
from model.graph.image import CJKFontMissing
from model.graph.listing import listing_xlsx
from model.graph.overview import overview
from model.graph.slide import overview_pdf, overview_png, overview_svg
from model.planning.plan_file import plan_against_roster, read_plan_file
from model.roster.loading import load_roster

__all__ = ["run", "SUFFIXES"]

SUFFIXES = (".html", ".htm", ".png", ".svg", ".pdf", ".pptx", ".xlsx")
MEETING = (".png", ".svg", ".pdf", ".pptx")


def _meeting_export(suffix: str, roster, plan, group_by: str) -> bytes:
    ov = overview(roster, plan, group_by=group_by)
    if suffix == ".pptx":
        return deck_pptx(ov, roster)
    return {".png": overview_png, ".svg": overview_svg, ".pdf": overview_pdf}[suffix](ov)


def run(args) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            [Finding(ERROR, str(out), None, None, None, "输出文件应以 .html、.png、.svg、.pdf、.pptx 或 .xlsx 结尾")]
        )
    roster = load_roster(args.roster)
    plan, warnings = plan_against_roster(args.roster, args.plan, read_plan_file(args.plan, strict=False), roster)
    for w in warnings:
        print(f"警告：{w.line()}", file=sys.stderr)
    options = GraphOptions(members=args.members, show_personal=args.show_personal)
    graph = build_hierarchy(roster, plan, options)
    if suffix in MEETING:
        try:
            data = _meeting_export(suffix, roster, plan, getattr(args, "group_by", "kind"))
        except CJKFontMissing as exc:
            raise InputError([Finding(ERROR, str(out), None, None, None, str(exc))]) from None
        out.write_bytes(data)
    elif suffix == ".xlsx":
        out.write_bytes(listing_xlsx(graph))
    else:
        out.write_text(hierarchy_html(graph), encoding="utf-8")
    n_orgs = len(plan.organizations)
    n_soc = sum(1 for _, k in graph.nodes(data="kind") if k == "学会")
    print(f"已写出 {out}：{n_orgs} 个党组织，{n_soc} 家学会")
    return 0
