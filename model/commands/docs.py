"""``python -m model docs ROSTER PLAN.json --out DIR [--election E.json ...]``.

Writes every 请示, 备案表 and register for every organization of the plan (see
``model.batch``). Bad input raises InputError naming the file, row and column; the
dispatcher prints one line per error and exits 2.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from ..batch import write_documents
from ..documents import DocContext
from ..election_docs import ElectionRecord, parse_record
from ..findings import ERROR, Finding, InputError
from ..plan import Plan
from ..roster import Roster

__all__ = ["run", "read_json", "read_plan_checked"]


def read_json(path: str) -> object:
    """A JSON file, or InputError naming the file, line and column of the fault."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Finding(ERROR, path, None, None, None, f"不是 UTF-8 编码的文本（{exc.reason}）")])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Finding(ERROR, path, None, exc.lineno, None, f"不是有效的 JSON：第{exc.colno}列，{exc.msg}")])


def read_plan_checked(path: str, roster: Roster) -> Plan:
    """The plan, every unit of which must be a society of the roster."""
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("organizations"), list):
        raise InputError([Finding(ERROR, path, None, None, "organizations", "方案文件应为含 organizations 列表的 JSON 对象")])
    bad: list[Finding] = []
    for i, o in enumerate(data["organizations"]):
        if not isinstance(o, dict) or not o.get("id") or not o.get("kind") or not isinstance(o.get("units"), list) \
                or not o["units"]:
            bad.append(Finding(ERROR, path, None, None, f"organizations[{i}]", "应含 id、kind 和非空 units"))
            continue
        for u in o["units"]:
            if u not in roster:
                bad.append(Finding(ERROR, path, None, None, f"organizations[{i}].units",
                                   f"党组织{o['id']}的学会“{u}”不在名册中"))
    for key in ("liaison", "uncovered"):
        for u in data.get(key, ()) or ():
            if u not in roster:
                bad.append(Finding(ERROR, path, None, None, key, f"学会“{u}”不在名册中"))
    if bad:
        raise InputError(bad)
    try:
        return Plan.from_dict(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError([Finding(ERROR, path, None, None, None, f"方案内容无法读取（{exc}）")])


def run(args) -> int:
    from ..loading import load_roster

    roster = load_roster(args.roster)
    plan = read_plan_checked(args.plan, roster)
    records: list[ElectionRecord] = []
    problems: list[Finding] = []
    for path in args.election or ():
        try:
            records.append(parse_record(read_json(path), source=path))
        except InputError as exc:
            problems += exc.findings
    if problems:
        raise InputError(problems)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError([Finding(ERROR, str(out), None, None, None, "输出位置已存在且不是文件夹")])
    bundle = write_documents(roster, plan, out, records, DocContext(issued=date.today()))
    print(f"已生成 {len(bundle.files)} 个文件到 {out}")
    if bundle.missing:
        print(f"缺少的信息 {len(bundle.missing)} 项，已留空并列入“清单 文书缺项清单.xlsx”")
    for w in bundle.warnings[:10]:
        print(f"提示：{w}", file=sys.stderr)
    if len(bundle.warnings) > 10:
        print(f"提示：另有{len(bundle.warnings) - 10}条，全部列在“说明.txt”中", file=sys.stderr)
    return 0
