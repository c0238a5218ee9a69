"""``python -m model check ROSTER PLAN.json``: check a plan against the roster and the rules.

One line per finding (errors on stderr, warnings and notes on stdout), then a summary.
Exit 0 when there is no error, 2 otherwise; a malformed PLAN.json (bad JSON, missing
keys, wrong types) → exit 2 naming the file and what is wrong.
"""

from __future__ import annotations

import argparse
import sys

from model.findings import WARNING, Finding
from model.planning.check import check_plan
from model.planning.plan import Plan
from model.planning.plan_file import read_plan_file
from model.roster.loading import load_roster
from model.rules.policy import Policy


def _settings_warnings(plan: Plan, file: str) -> tuple[Finding, ...]:
    """The plan is checked against its own settings; say so when they are looser than the rules'."""
    default, own = Policy(), plan.policy
    out = []
    if own.max_units > default.max_units:
        out.append(
            f"方案设置每个联合党支部最多{own.max_units}家，宽于规定的{default.max_units}家（青海实施意见9、支部条例）"
        )
    if own.min_members < default.min_members:
        out.append(
            f"方案设置联合党支部正式党员至少{own.min_members}名，低于规定的{default.min_members}名（支部条例第四条）"
        )
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
