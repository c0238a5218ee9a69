"""``python -m model graph ROSTER PLAN.json --out ORG.html [--members] [--show-personal]``.

Writes the hierarchy as offline HTML; an ``--out`` ending in ``.png`` writes the slide
image and ``.xlsx`` the listing instead. Bad input (unreadable roster or plan, a plan
naming societies the roster lacks, a society placed twice) raises InputError, which
the dispatcher prints one line per error with exit status 2. Roster societies the plan
leaves out are shown as uncovered, with a warning.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from ..findings import ERROR, WARNING, Finding, InputError
from ..graph_export import listing_xlsx
from ..graph_html import hierarchy_html
from ..graph_image import CJKFontMissing, hierarchy_png
from ..hierarchy import GraphOptions, build_hierarchy, plan_mismatch
from ..loading import load_roster
from ..plan import Plan

__all__ = ["run", "read_plan_file", "checked_plan"]

SUFFIXES = (".html", ".htm", ".png", ".xlsx")


def read_plan_file(path: str) -> Plan:
    """The plan in ``path``; every problem as an InputError naming the file."""
    def bad(message: str, column: str | None = None) -> InputError:
        return InputError([Finding(ERROR, path, None, None, column, message)])
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise bad("不是 UTF-8 编码的 JSON 文件") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Finding(ERROR, path, None, exc.lineno, None,
                                  f"JSON 格式错误（第{exc.colno}个字符）：{exc.msg}")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("organizations", []), list):
        raise bad("应为方案 JSON 对象，含 organizations、liaison、uncovered（见 FORMATS.md §3）")
    for i, org in enumerate(data.get("organizations", [])):
        if not isinstance(org, dict) or "id" not in org or "kind" not in org:
            raise bad("每个党组织应为含 id、kind、units 的对象", f"organizations[{i}]")
        if not isinstance(org.get("units", []), list):
            raise bad("units 应为学会名称列表", f"organizations[{i}].units")
    for key in ("liaison", "uncovered"):
        if not isinstance(data.get(key, []), list):
            raise bad("应为学会名称列表", key)
    try:
        return Plan.from_dict(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise bad(f"方案内容无法读取：{exc}") from None


def checked_plan(roster_path: str, plan_path: str, plan: Plan, roster) -> tuple[Plan, list[Finding]]:
    """The plan with roster societies it omits added as uncovered, and the warnings;
    raises InputError for societies the roster lacks or placed twice."""
    unknown, absent, twice = plan_mismatch(roster, plan)
    errors = [Finding(ERROR, plan_path, None, None, None, f"学会“{u}”不在名册 {roster_path} 中") for u in unknown]
    errors += [Finding(ERROR, plan_path, None, None, None, f"学会“{u}”在方案中出现多次") for u in twice]
    if errors:
        raise InputError(errors)
    warnings = [Finding(WARNING, plan_path, None, None, None, f"名册中的学会“{u}”不在方案中，按未覆盖显示")
                for u in absent]
    return (replace(plan, uncovered=plan.uncovered + absent) if absent else plan), warnings


def run(args) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError([Finding(ERROR, str(out), None, None, None,
                                  "输出文件应以 .html、.png 或 .xlsx 结尾")])
    roster = load_roster(args.roster)
    plan, warnings = checked_plan(args.roster, args.plan, read_plan_file(args.plan), roster)
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
