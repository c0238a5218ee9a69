"""Reading a plan file (docs/formats.md §3) for the CLI: every structural fault named, then the
plan set against the roster. Shared by ``check``, ``graph`` and ``docs``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from model.findings import ERROR, WARNING, Finding, InputError
from model.planning.plan import Plan
from model.roster.values import Roster

__all__ = ["read_plan_file", "plan_against_roster", "plan_mismatch"]


def plan_mismatch(roster: Roster, plan: Plan) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(in the plan but not the roster, in the roster but not the plan, placed twice).

    >>> from model.roster.values import Society
    >>> from model.rules.policy import Policy
    >>> r = Roster((Society("甲学会", "工科", "武汉市"), Society("乙学会", "工科", "武汉市")))
    >>> plan_mismatch(r, Plan(Policy(), (), liaison=("甲学会", "丙学会", "甲学会")))
    (('丙学会',), ('乙学会',), ('甲学会',))
    """
    placed = [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)
    seen: set[str] = set()
    twice: list[str] = []
    for u in placed:
        if u in seen and u not in twice:
            twice.append(u)
        seen.add(u)
    unknown = tuple(dict.fromkeys(u for u in placed if u not in roster))
    absent = tuple(n for n in roster.names() if n not in seen)
    return unknown, absent, tuple(twice)


def _problems(data: object, strict: bool = True) -> list[str]:
    """What is structurally wrong with a plan document (docs/formats.md §3)."""
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
            if "formal_members" in o and not (
                isinstance(o["formal_members"], int) and not isinstance(o["formal_members"], bool)
            ):
                out.append(f"organizations 第{i}项的“formal_members”应为整数")
            for key in ("id", "kind", "basis"):
                if key in o and not (isinstance(o[key], str) and o[key].strip()):
                    out.append(
                        f"organizations 第{i}项的“{key}”应为非空文字，实际为{json.dumps(o[key], ensure_ascii=False)}"
                    )
            if "locked" in o and not isinstance(o["locked"], bool):
                out.append(
                    f"organizations 第{i}项的“locked”应为 true/false，实际为{json.dumps(o['locked'], ensure_ascii=False)}"
                )
    for key in ("liaison", "uncovered"):
        if key not in data:
            if strict:
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


def read_plan_file(path: str, strict: bool = True) -> Plan:
    """The plan in ``path``, or InputError with one finding per structural fault.

    ``strict=False`` lets ``liaison``/``uncovered`` be absent (the graph and documents
    reconcile the plan with the roster); ``check`` insists on the whole §3 shape.
    """

    def fail(messages: list[str]) -> InputError:
        return InputError([Finding(ERROR, path, None, None, None, m, "格式") for m in messages])

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise fail([f"不是有效的JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）"]) from None
    except UnicodeDecodeError:
        raise fail(["应为UTF-8编码的JSON文件"]) from None
    problems = _problems(data, strict)
    if problems:
        raise fail(problems)
    return Plan.from_dict(data)


def _where(plan: Plan, society: str) -> str:
    """Where a society stands in the plan, for messages: 党组织S001 / liaison / uncovered."""
    for o in plan.organizations:
        if society in o.units:
            return f"党组织{o.id}"
    return "liaison（派驻指导员）" if society in plan.liaison else "uncovered（未覆盖）"


def plan_against_roster(roster_path: str, plan_path: str, plan: Plan, roster: Roster) -> tuple[Plan, list[Finding]]:
    """The plan with roster societies it omits added as uncovered, and the warnings;
    raises InputError for societies the roster lacks or that are placed twice."""
    unknown, absent, twice = plan_mismatch(roster, plan)
    errors = [
        Finding(ERROR, plan_path, None, None, None, f"{_where(plan, u)}的学会“{u}”不在名册 {roster_path} 中")
        for u in unknown
    ]
    errors += [Finding(ERROR, plan_path, None, None, None, f"学会“{u}”在方案中出现多次") for u in twice]
    if errors:
        raise InputError(errors)
    warnings = [
        Finding(WARNING, plan_path, None, None, None, f"名册中的学会“{u}”不在方案中，按未覆盖处理") for u in absent
    ]
    return (replace(plan, uncovered=plan.uncovered + absent) if absent else plan), warnings
