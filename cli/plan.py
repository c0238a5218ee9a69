"""``python -m model plan ROSTER [--locks LOCKS.json] [--previous PLAN.json] [--max-units 5] [--min-members 3] --out PLAN.json``.

Loads the roster (any error → exit 2), reads the locks (a JSON list of branches, each a
list of society names; a malformed file, an unknown name or a lock breaking a rule →
exit 2 with one line per problem naming LOCKS.json and the entry), plans, writes the
plan JSON of docs/formats.md §3 and prints a one-line Chinese summary.

What stays as it is, as on the planner page: without ``--previous``, today's valid joint
branches (the roster's 现有党组织, :func:`model.planning.today.today_locks`) unless
``--replan-today``; with ``--previous``, the previous plan's locked joint branches. Locks of
LOCKS.json win over those they overlap. With ``--previous`` the re-plan changes as few
societies' branches as possible (docs/rules.md §7) and prints one line per society that moves.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from model.findings import ERROR, Finding, InputError
from model.paperwork.plan_workbook import plan_workbook
from model.planning import today
from model.planning.plan import Plan, plan_to_json
from model.planning.plan_file import read_plan_file
from model.planning.planner import plan_joint_branches
from model.planning.replan import moves
from model.planning.wishes import wish_findings
from model.roster.loading import load_roster
from model.rules.policy import BASES, Policy


def _fail(file: str, message: str, column: str | None = None) -> InputError:
    return InputError([Finding(ERROR, file, None, None, column, message, "格式")])


def read_locks(path: str) -> list[tuple[str, ...]]:
    """LOCKS.json: a list of branches, each a list of society names."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise _fail(path, f"不是有效的JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    except UnicodeDecodeError:
        raise _fail(path, "应为UTF-8编码的JSON文件") from None
    if not isinstance(data, list):
        raise _fail(path, '应为锁定支部的列表，例如 [["甲学会", "乙学会"]]')
    bad = [
        Finding(
            ERROR,
            path,
            None,
            None,
            f"锁定支部{i}",
            f"第{i}项应为学会名称的列表，实际为{json.dumps(e, ensure_ascii=False)[:60]}",
            "格式",
        )
        for i, e in enumerate(data, start=1)
        if not isinstance(e, list) or not all(isinstance(n, str) for n in e)
    ]
    if bad:
        raise InputError(bad)
    return [tuple(n.strip() for n in e) for e in data]


def policy_from(args: argparse.Namespace) -> Policy:
    policy = Policy(max_units=args.max_units, min_members=args.min_members, count_basis=args.count_basis)
    problems = []
    if args.bases:
        bases = tuple(b.strip() for b in args.bases.replace("，", ",").split(",") if b.strip())
        unknown = [b for b in bases if b not in BASES]
        if unknown or not bases:
            problems.append(f"--bases 应为{'、'.join(BASES)}中的一种或几种（逗号分隔），实际为“{args.bases}”")
        policy = replace(policy, bases=tuple(b for b in BASES if b in bases))
    if not 2 <= args.max_units <= 20:
        problems.append(f"--max-units 应为2到20之间的整数，实际为{args.max_units}")
    if not 1 <= args.min_members <= 50:
        problems.append(f"--min-members 应为1到50之间的整数，实际为{args.min_members}")
    if args.time_limit <= 0:
        problems.append(f"--time-limit 应为正数，实际为{args.time_limit}")
    if problems:
        raise InputError([Finding(ERROR, "命令行", None, None, None, p, "参数") for p in problems])
    return policy


def kept_branches(roster, policy: Policy, previous: Plan | None, replan_today: bool) -> list[tuple[str, ...]]:
    """The branches kept exactly besides LOCKS.json: the previous plan's locked ones, else today's."""
    if previous is None:
        return [] if replan_today else list(today.today_locks(roster, policy))
    out = []
    for o in previous.joint_branches():
        units = tuple(o.units)
        if o.locked and all(u in roster for u in units) and not wish_findings(roster, policy, [units]):
            out.append(units)
        elif o.locked:
            print(f"【警告】{o.id}（{'、'.join(units)}）已不符合规定或名册已无其中学会，不再锁定，重新规划")
    return out


def run(args: argparse.Namespace) -> int:
    policy = policy_from(args)
    roster = load_roster(args.roster, filename=args.roster)
    locks = read_locks(args.locks) if args.locks else []
    previous = read_plan_file(args.previous) if getattr(args, "previous", None) else None
    taken = {u for lock in locks for u in lock}
    extra = kept_branches(roster, policy, previous, getattr(args, "replan_today", False))
    locks = locks + [k for k in extra if not set(k) & taken]
    plan = plan_joint_branches(
        roster,
        policy,
        locks=locks,
        time_limit=args.time_limit,
        lock_file=args.locks or "锁定设置",
        previous=previous,
    )
    Path(args.out).write_text(plan_to_json(plan), encoding="utf-8")
    if getattr(args, "xlsx", None):
        Path(args.xlsx).write_bytes(plan_workbook(roster, plan))
    cov = plan.coverage()
    joint = plan.joint_branches()
    proof = "已证明最优" if plan.optimal else f"未证明最优（上界{plan.bound}家）"
    print(
        f"{args.out}：共{cov.units}个学会，单独组建{len(plan.organizations) - len(joint)}个，"
        f"联合党支部{len(joint)}个（覆盖{sum(len(o.units) for o in joint)}家，{proof}），"
        f"未覆盖{len(plan.uncovered)}家，派驻指导员{len(plan.liaison)}家；"
        f"组织覆盖率{cov.organized_rate:.1%}，工作覆盖率{cov.work_rate:.1%}"
    )
    if previous is not None:
        found = moves(previous, plan)
        print(f"与上一方案（{args.previous}）相比，{len(found)}家学会调整了所在党组织" + ("：" if found else "。"))
        for m in found:
            print(f"  {m.text()}")
    return 0
