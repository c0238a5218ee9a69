"""``python -m model docs ROSTER PLAN.json --out DIR [--election E.json ...] [--phones]``.

Writes every 请示, 备案表 and register for every organization of the plan (see
``model.paperwork.bundle``) into DIR as one generation: an earlier generation there is replaced,
a folder holding other files is refused (``model.paperwork.output_folder``). Phone numbers go
into the registers only with ``--phones``. Bad input raises InputError naming the file, row and
column; the dispatcher prints one line per error and exits 2.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from cli.json_file import read_json
from model.findings import Finding, InputError
from model.paperwork.bundle import build_bundle
from model.paperwork.document import DocContext
from model.paperwork.election_letters import ElectionRecord, parse_record
from model.paperwork.output_folder import check_folder, write_folder
from model.planning.plan import Plan
from model.planning.plan_file import plan_against_roster, read_plan_file
from model.roster.loading import load_roster
from model.roster.values import Roster

__all__ = ["run", "read_plan_checked"]


def read_plan_checked(path: str, roster: Roster, roster_path: str = "名册") -> Plan:
    """The plan, structurally sound, every unit a society of the roster and placed once;
    roster societies it omits are added as uncovered (with a warning on stderr)."""
    plan, warnings = plan_against_roster(roster_path, path, read_plan_file(path, strict=False), roster)
    for w in warnings:
        print(f"警告：{w.line()}", file=sys.stderr)
    return plan


def run(args) -> int:

    roster = load_roster(args.roster)
    plan = read_plan_checked(args.plan, roster, args.roster)
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
    check_folder(out)  # refuse a folder of other files before the long build
    ctx = DocContext(
        issued=date.today(),
        addressee=getattr(args, "addressee", None) or None,
        council_meeting=getattr(args, "council_meeting", None) or None,
    )
    bundle = build_bundle(roster, plan, ctx, records, phones=bool(getattr(args, "phones", False)))
    written = write_folder(bundle.files, out)
    if written.previous is not None:
        print(f"已删除上次（{written.previous.replace('T', ' ')}）生成的 {len(written.removed)} 个文件")
    print(f"已生成 {len(written.files)} 个文件到 {out}")
    if bundle.missing:
        print(f"缺少的信息 {len(bundle.missing)} 项，已留空并列入“清单 文书缺项清单.xlsx”")
    for w in bundle.warnings[:10]:
        print(f"提示：{w}", file=sys.stderr)
    if len(bundle.warnings) > 10:
        print(f"提示：另有{len(bundle.warnings) - 10}条，全部列在“说明.txt”中", file=sys.stderr)
    return 0
