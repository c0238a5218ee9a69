"""Minimal-change re-planning against a from-scratch re-plan after a one-society roster change (issue 11 item 3).

Per roster (the sample province, a synthetic city of 3,000 societies): plan from scratch (today's
joint branches locked, as the page and ``python -m model plan`` do), then change one society of a
joint branch (it reaches 3 formal members and organizes on its own) and re-plan twice in the same
run — with ``previous=`` (``plan --previous``) and from scratch. Prints the societies each moves
relative to the first plan, the ratio, both coverages (they must be equal: coverage comes first)
and the times.

Run: ``.venv/bin/python bench/bench_replan.py`` (prints a table; no assertions).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_planner import synthetic_roster, write_xlsx  # noqa: E402

from model.planning import today  # noqa: E402
from model.planning.planner import plan_joint_branches  # noqa: E402
from model.planning.replan import carry_identity, moves  # noqa: E402
from model.roster.loading import load_roster  # noqa: E402


def one_change(roster, plan):
    """The roster with the first unit of the largest unlocked joint branch at 3 formal members."""
    branch = max((o for o in plan.joint_branches() if not o.locked), key=lambda o: (len(o.units), o.id))
    name = branch.units[0]
    societies = tuple(replace(s, formal_members=3) if s.name == name else s for s in roster.societies)
    return replace(roster, societies=societies), name


def timed(fn):
    start = perf_counter()
    out = fn()
    return perf_counter() - start, out


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench_replan_"))
    cases = [("样例省份", ROOT / "sample_data" / "sample_roster.xlsx")]
    city = tmp / "city3000.xlsx"
    write_xlsx(city, *synthetic_roster(3000, seed=3000, side=12))
    cases.append(("城市3000", city))
    print(
        f"{'名册':<8}{'支部':>5}{'改动学会':>10}{'--previous调整':>14}{'从头调整':>8}{'比值':>7}"
        f"{'覆盖(prev)':>11}{'覆盖(从头)':>10}{'prev s':>8}{'从头 s':>8}{'调整最少已证明':>8}"
    )
    for label, path in cases:
        roster = load_roster(path)
        first = plan_joint_branches(roster, locks=today.today_locks(roster), time_limit=60)
        changed, name = one_change(roster, first)
        locks = today.today_locks(changed)
        t_prev, kept = timed(lambda: plan_joint_branches(changed, locks=locks, previous=first, time_limit=60))
        t_new, fresh = timed(lambda: plan_joint_branches(changed, locks=locks, time_limit=60))
        n_prev = len(moves(first, kept))
        n_new = len(moves(first, carry_identity(first, fresh)))
        proven = "是" if kept.notes[-1].endswith("（调整最少已证明）。") else "否"
        print(
            f"{label:<8}{len(first.joint_branches()):>6}{name:>12}{n_prev:>10}{n_new:>12}"
            f"{n_prev / max(1, n_new):>9.3f}{kept.coverage().organized:>9}{fresh.coverage().organized:>11}"
            f"{t_prev:>9.2f}{t_new:>8.2f}{proven:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
