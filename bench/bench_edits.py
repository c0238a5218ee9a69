"""Time what a coordinator does by hand with a plan (issue 3 items 3–8), at province and city size.

For each roster: plan once, then time one hand edit with its live check (move a society
into another branch), "re-optimize the rest" after it, explaining every uncovered society
(with each suggestion verified by re-planning), the Excel export and a scenario comparison.

Then the planner page itself (issue 11 item 1), driven by Streamlit's AppTest on a tmp store: the
first render after 开始规划 (metrics, the plan board, tables), and one move on the board (the
card's 调出 box: edit, check, re-render), at province size (12 branches, one page of cards) and at
city size (about 400 branches: the board pages 12 cards at a time), with the city/province ratio.

Run: ``.venv/bin/python bench/bench_edits.py`` (prints two tables; no assertions).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_planner import synthetic_roster, write_xlsx  # noqa: E402

from model.paperwork.plan_workbook import plan_workbook
from model.planning import edits
from model.planning.explain import explain_uncovered
from model.planning.planner import plan_joint_branches
from model.planning.scenarios import compare
from model.planning.today import annotate, today_locks
from model.roster.loading import load_roster
from model.rules.policy import Policy

SAMPLE = ROOT / "sample_data" / "sample_roster.xlsx"


def timed(fn):
    t = perf_counter()
    out = fn()
    return out, perf_counter() - t


def rosters():
    if SAMPLE.exists():
        yield "示例省", load_roster(SAMPLE), Policy()
        yield "示例省（仅挂靠组建）", load_roster(SAMPLE), Policy(bases=("挂靠组建",))
    with tempfile.TemporaryDirectory() as tmp:
        for n, side in ((3000, 12),):
            rows, adjacency = synthetic_roster(n, seed=7, side=side)
            path = Path(tmp) / f"city{n}.xlsx"
            write_xlsx(path, rows, adjacency)
            yield f"合成城市 {n} 家", load_roster(path), Policy()
            yield f"合成城市 {n} 家（仅挂靠组建）", load_roster(path), Policy(bases=("挂靠组建",))


def main() -> int:
    print(
        f"{'名册':<22}{'学会':>6}{'规划s':>8}{'移动+检查s':>12}{'重新优化s':>10}{'解释s':>8}{'未覆盖':>7}"
        f"{'有建议':>7}{'Excel s':>9}{'比较s':>8}"
    )
    for label, roster, policy in rosters():
        locks = today_locks(roster, policy)
        plan, t_plan = timed(lambda: annotate(plan_joint_branches(roster, policy, locks=locks), roster))
        joint = [o for o in plan.joint_branches() if not o.locked]
        mover = joint[0].units[0] if joint else roster.names()[0]
        target = joint[1].id if len(joint) > 1 else None
        edit, t_edit = timed(lambda: edits.move(roster, plan, mover, target))
        _, t_reopt = timed(lambda: edits.reoptimize(roster, edit.plan, time_limit=10))
        why, t_explain = timed(lambda: explain_uncovered(roster, plan))
        _, t_xlsx = timed(lambda: plan_workbook(roster, plan))
        _, t_cmp = timed(lambda: compare(plan, edit.plan))
        helped = sum(1 for e in why if e.suggestions)
        print(
            f"{label:<22}{len(roster.societies):>6}{t_plan:>8.2f}{t_edit:>12.3f}{t_reopt:>10.2f}{t_explain:>8.2f}"
            f"{len(why):>7}{helped:>7}{t_xlsx:>9.2f}{t_cmp:>8.3f}"
        )
    board()
    return 0


def board() -> None:
    """Time the planner page's render and a board move at province and city size (AppTest)."""
    import os

    from streamlit.testing.v1 import AppTest

    from model.roster.loading import raw_to_dict, read_raw
    from storage.store import DEFAULT_WORKSPACE, ENV_VAR, Store

    tmp = Path(tempfile.mkdtemp(prefix="bench_board_"))
    city = tmp / "city3000.xlsx"
    write_xlsx(city, *synthetic_roster(3000, seed=3000, side=12))
    print(f"\n{'规划页（AppTest）':<16}{'支部':>6}{'卡片':>6}{'首次显示s':>10}{'看板移动s':>10}{'比省份':>8}")
    base = None
    for label, path in (("样例省份", SAMPLE), ("城市3000", city)):
        db = tmp / f"{label}.db"
        os.environ[ENV_VAR] = str(db)
        Store(db).put_roster(DEFAULT_WORKSPACE, raw_to_dict(read_raw(path.read_bytes(), path.name)), note="bench")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        at.switch_page("app_pages/planner.py").run()
        at.slider(key="pl_limit").set_value(60)
        at.button(key="pl_run").click()
        _, t_first = timed(lambda: at.run())
        locks = [w for w in at.toggle if w.key and w.key.startswith("bd_lock_")]
        cards = len(locks)
        first_open = next(w for w in locks if not w.value)  # its 调整 popover builds its inputs when opened
        at.session_state["bd_pop_" + first_open.key.removeprefix("bd_lock_")] = True
        at.run()
        outs = [w for w in at.selectbox if w.key and w.key.startswith("bd_out_")]
        saved = Store(db).get(DEFAULT_WORKSPACE, "plan", "current")
        branches = sum(1 for o in saved["organizations"] if o["kind"] == "联合党支部")
        box = outs[0]
        box.set_value(box.options[1])
        _, t_move = timed(lambda: at.run())
        assert not at.exception, [e.value for e in at.exception]
        base = base or (t_first + t_move)
        print(f"{label:<18}{branches:>6}{cards:>6}{t_first:>10.2f}{t_move:>10.2f}{(t_first + t_move) / base:>8.1f}")


if __name__ == "__main__":
    sys.exit(main())
