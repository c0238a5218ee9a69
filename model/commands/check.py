"""``python -m model check ROSTER PLAN.json``: check a plan against the roster and the rules.

One line per finding (errors on stderr, warnings and notes on stdout), then a summary.
Exit 0 when there is no error, 2 otherwise; a malformed PLAN.json (bad JSON, missing
keys, wrong types) → exit 2 naming the file and what is wrong.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..check import check_plan
from ..findings import ERROR, WARNING, Finding, InputError
from ..loading import load_roster
from ..plan import Plan
from ..rules import Policy


def _problems(data: object) -> list[str]:
    """What is structurally wrong with a plan document (FORMATS.md §3)."""
    if not isinstance(data, dict):
        return ["应为JSON对象（含 organizations、liaison、uncovered）"]
    out = []
    if "organizations" not in data:
        out.append("缺少键“organizations”")
    elif not isinstance(data["organizations"], list):
        out.append("“organizations”应为列表")
    else:
        for i, o in enumerate(data["organizations"], start=1):
            if not isinstance(o, dict):
                out.append(f"organizations 第{i}项应为对象")
                continue
            missing = [k for k in ("id", "kind", "units") if k not in o]
            if missing:
                out.append(f"organizations 第{i}项缺少键{'、'.join(f'“{k}”' for k in missing)}")
            if "units" in o and (not isinstance(o["units"], list) or not all(isinstance(u, str) for u in o["units"])):
                out.append(f"organizations 第{i}项的“units”应为学会名称的列表")
            if "formal_members" in o and not (isinstance(o["formal_members"], int) and not isinstance(o["formal_members"], bool)):
                out.append(f"organizations 第{i}项的“formal_members”应为整数")
            for key in ("id", "kind", "basis"):
                if key in o and not (isinstance(o[key], str) and o[key].strip()):
                    out.append(f"organizations 第{i}项的“{key}”应为非空文字，实际为{json.dumps(o[key], ensure_ascii=False)}")
            if "locked" in o and not isinstance(o["locked"], bool):
                out.append(f"organizations 第{i}项的“locked”应为 true/false，实际为{json.dumps(o['locked'], ensure_ascii=False)}")
    for key in ("liaison", "uncovered"):
        if key not in data:
            out.append(f"缺少键“{key}”")
        elif not isinstance(data[key], list) or not all(isinstance(u, str) for u in data[key]):
            out.append(f"“{key}”应为学会名称的列表")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        out.append("“settings”应为对象")
    else:
        for key in ("max_units", "min_members"):
            if key in settings and not (isinstance(settings[key], int) and not isinstance(settings[key], bool)):
                out.append(f"settings 的“{key}”应为整数")
        if "bases" in settings and not isinstance(settings["bases"], list):
            out.append("settings 的“bases”应为列表")
    return out


def read_plan_file(path: str) -> Plan:
    def fail(messages: list[str]) -> InputError:
        return InputError([Finding(ERROR, path, None, None, None, m, "格式") for m in messages])

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise fail([f"不是有效的JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）"]) from None
    except UnicodeDecodeError:
        raise fail(["应为UTF-8编码的JSON文件"]) from None
    problems = _problems(data)
    if problems:
        raise fail(problems)
    return Plan.from_dict(data)


def _settings_warnings(plan: Plan, file: str) -> tuple[Finding, ...]:
    """The plan is checked against its own settings; say so when they are looser than the rules'."""
    default, own = Policy(), plan.policy
    out = []
    if own.max_units > default.max_units:
        out.append(f"方案设置每个联合党支部最多{own.max_units}家，宽于规定的{default.max_units}家（青海实施意见9、支部条例）")
    if own.min_members < default.min_members:
        out.append(f"方案设置联合党支部正式党员至少{own.min_members}名，低于规定的{default.min_members}名（支部条例第四条）")
    return tuple(Finding(WARNING, file, None, None, "settings", m, "设置") for m in out)


def run(args: argparse.Namespace) -> int:
    plan = read_plan_file(args.plan)
    roster = load_roster(args.roster, filename=args.roster)
    findings = _settings_warnings(plan, args.plan) + tuple(check_plan(roster, plan, file=args.plan))
    for f in findings:
        if f.is_error:
            print(f.line(), file=sys.stderr)
        else:
            print(f"【{f.severity}】{f.line()}")
    errors = sum(1 for f in findings if f.is_error)
    if errors:
        print(f"{args.plan}：发现{errors}个错误、{len(findings) - errors}个提示，方案不合规")
        return 2
    print(f"{args.plan}：检查通过（{len(plan.organizations)}个党组织，{len(findings)}个提示）")
    return 0
