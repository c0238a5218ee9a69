"""``python -m model validate ROSTER``: list every finding in a roster (docs/formats.md §5).

Errors go to stderr, one line each (Finding.line()); warnings to stdout, marked 【警告】;
a summary line ends stdout. Exit 0 when there is no error, 2 otherwise.
"""

from __future__ import annotations

import argparse
import sys

from model.roster.loading import read_roster


def run(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster, filename=args.roster)
    for f in roster.findings:
        if f.is_error:
            print(f.line(), file=sys.stderr)
        else:
            print(f"【{f.severity}】{f.line()}")
    errors = len(roster.errors)
    warnings = len(roster.findings) - errors
    if errors:
        print(f"{args.roster}：发现{errors}个错误、{warnings}个警告，请更正后再使用")
        return 2
    print(f"{args.roster}：检查通过，共{len(roster.societies)}个学会、{len(roster.members)}名党员，{warnings}个警告")
    return 0
