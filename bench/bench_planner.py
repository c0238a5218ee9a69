"""Time the joint-branch planner against the greedy first-fit baseline (issue 3 item 10).

Whole process per roster: load the workbook, plan, write the plan JSON. Rosters: the
sample province (sample_data/sample_roster.xlsx, else a generated one of 140 societies)
and synthetic city rosters of 3,000 and 10,000 societies. Also times one re-plan after
a hand edit (a lock and a forbidden pair) at province size.

Run: ``.venv/bin/python bench/bench_planner.py`` (prints a table; no assertions).
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from model.planning.baseline import greedy_plan
from model.planning.plan import plan_to_json
from model.planning.planner import cohesive_units, plan_joint_branches
from model.roster.loading import load_roster

HEADERS = ("学会名称", "学科类别", "所在地", "支撑单位", "理事会正式党员数", "理事会预备党员数")
INDUSTRIES = (
    "理科",
    "工科",
    "农科",
    "医科",
    "交叉学科",
    "人文社科",
    "信息",
    "能源",
    "材料",
    "环境",
    "化工",
    "机械",
    "电子",
    "生物",
    "地学",
    "数学",
    "物理",
    "建筑",
    "交通",
    "水利",
)


def synthetic_roster(n: int, seed: int, side: int) -> tuple[list[tuple], list[tuple[str, str]]]:
    """A city: ``side``×``side`` districts on a grid (rook adjacency plus some diagonals),
    20 industries, host units hosting about six societies each (mostly of their own
    industry and district); about a third of the societies have 1–2 formal members."""
    rng = random.Random(seed)
    regions = [f"片区{r:02d}-{c:02d}" for r in range(side) for c in range(side)]
    adjacency = []
    for r in range(side):
        for c in range(side):
            here = regions[r * side + c]
            if c + 1 < side:
                adjacency.append((here, regions[r * side + c + 1]))
            if r + 1 < side:
                adjacency.append((here, regions[(r + 1) * side + c]))
            if r + 1 < side and c + 1 < side and rng.random() < 0.3:
                adjacency.append((here, regions[(r + 1) * side + c + 1]))
    hosts = [(f"支撑单位{h:04d}", rng.choice(INDUSTRIES), rng.choice(regions)) for h in range(max(1, n // 6))]
    rows = []
    for i in range(n):
        host, ind, reg = rng.choice(hosts)
        if rng.random() < 0.25:
            ind = rng.choice(INDUSTRIES)
        if rng.random() < 0.3:
            reg = rng.choice(regions)
        if rng.random() < 0.2:
            host = None
        kind = rng.random()
        formal = rng.choice((1, 2)) if kind < 0.34 else 0 if kind < 0.5 else rng.randint(3, 60)
        rows.append((f"学会{i:05d}", ind, reg, host, formal, rng.randint(0, 3)))
    return rows, adjacency


def write_xlsx(path: Path, rows: list[tuple], adjacency: list[tuple[str, str]]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("学会")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    adj = wb.create_sheet("地域相邻")
    adj.append(("地区A", "地区B"))
    for pair in adjacency:
        adj.append(pair)
    wb.save(path)


def whole(path: Path, out: Path, planner) -> tuple[float, object]:
    start = perf_counter()
    roster = load_roster(path)
    plan = planner(roster)
    out.write_text(plan_to_json(plan), encoding="utf-8")
    return perf_counter() - start, plan


def covered(plan) -> int:
    return sum(len(o.units) for o in plan.joint_branches())


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench_planner_"))
    cases = []
    sample = ROOT / "sample_data" / "sample_roster.xlsx"
    if sample.exists():
        cases.append(("样例省份", sample))
    else:
        path = tmp / "province.xlsx"
        write_xlsx(path, *synthetic_roster(140, seed=1, side=5))
        cases.append(("生成省份140", path))
    for n, side in ((3000, 12), (10000, 20)):
        path = tmp / f"city{n}.xlsx"
        write_xlsx(path, *synthetic_roster(n, seed=n, side=side))
        cases.append((f"城市{n}", path))
    print(
        f"{'名册':<10}{'学会':>7}{'候选':>6}{'最优覆盖':>8}{'上界':>6}{'证明':>4}{'用时s':>7}"
        f"{'贪心覆盖':>8}{'贪心s':>7}{'覆盖比':>7}{'时间比':>7}{'两关系':>7}{'贪心两关系':>7}{'支部数':>6}{'贪心支部':>6}"
    )
    province = None
    for label, path in cases:
        t_opt, plan = whole(path, tmp / "plan.json", plan_joint_branches)
        t_greedy, base = whole(path, tmp / "greedy.json", greedy_plan)
        roster = load_roster(path)
        n_cand = covered(plan) + len(plan.uncovered)
        print(
            f"{label:<10}{len(roster.societies):>8}{n_cand:>7}{covered(plan):>10}{plan.bound:>7}"
            f"{'是' if plan.optimal else '否':>4}{t_opt:>8.2f}{covered(base):>10}{t_greedy:>8.2f}"
            f"{covered(plan) / max(1, covered(base)):>8.3f}{t_opt / max(t_greedy, 1e-9):>8.1f}"
            f"{cohesive_units(roster, plan):>9}{cohesive_units(roster, base):>11}"
            f"{len(plan.joint_branches()):>8}{len(base.joint_branches()):>9}"
        )
        if province is None:
            province = (roster, plan)
    roster, plan = province
    branch = plan.joint_branches()[0]
    pair = next(o.units[:2] for o in plan.joint_branches() if len(o.units) >= 2)
    for label, kwargs in (
        ("锁定一个支部", {"locks": [branch.units]}),
        ("禁止一对同支部", {"apart": [pair]}),
        ("指定两家同支部", {"together": [pair]}),
    ):
        times = []
        for _ in range(5):
            start = perf_counter()
            plan_joint_branches(roster, **kwargs)
            times.append(perf_counter() - start)
        times.sort()
        print(f"省份规模改动后重新规划（{label}）：中位 {times[2]:.3f}s，最慢 {times[-1]:.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
