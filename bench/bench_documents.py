"""Benchmark: every document and register of the sample province (the zip), and of a 10,000-society city.

In one run, against baselines measured in the same run:

- the documents and registers as values only (filled, not rendered to Word/Excel): the floor;
- the province's 请示 and forms rendered by the python-docx renderer the batch used before
  (tests/paperwork/docx_reference.py) and by today's writer (model.paperwork.word.to_docx), and its
  registers by openpyxl (model.paperwork.workbook.openpyxl_xlsx) and by today's writer
  (model.paperwork.spreadsheet.to_xlsx): seconds, ms per file and the speed-up;
- build_bundle + to_zip for the province (what ``python -m model docs`` and the page's zip cost; target ≤ 3 s),
  and the page's build (ui.documents_zip.build_zip's steps, one organization at a time);
- one 模板1 for the page preview;
- a synthetic city of 10,000 societies (bench_planner's roster, up to 10 members listed per society,
  about 53,000 in all), planned, then build_bundle + to_zip (target ≤ 2 minutes), with its values-only floor.

CPU seconds are printed beside wall seconds: on a shared machine the wall clock also counts other work.
Prints figures; not a timed test. Run: .venv/bin/python bench/bench_documents.py [--no-city]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "paperwork"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_planner import synthetic_roster  # noqa: E402
from docx_reference import reference_docx  # noqa: E402

from model.paperwork.bundle import (  # noqa: E402
    build_bundle,
    build_document,
    bundle_part,
    bundle_steps,
    finish_bundle,
    org_items,
    society_ledger,
    to_zip,
)
from model.paperwork.document import DocContext, Document  # noqa: E402
from model.paperwork.file_names import org_folders  # noqa: E402
from model.paperwork.spreadsheet import to_xlsx  # noqa: E402
from model.paperwork.word import to_docx  # noqa: E402
from model.paperwork.workbook import openpyxl_xlsx  # noqa: E402
from model.planning.planner import plan_joint_branches  # noqa: E402
from model.roster.loading import read_roster  # noqa: E402
from model.roster.values import Member, Roster, Society  # noqa: E402

SAMPLE = ROOT / "sample_data" / "sample_roster.xlsx"
ROLES = ("理事长", "副理事长", "秘书长", "常务理事", "理事", "会员")


def timed(f):
    wall, cpu = time.perf_counter(), time.process_time()
    out = f()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def city(n: int = 10_000, seed: int = 7, side: int = 20) -> Roster:
    """bench_planner's synthetic city with members listed (at most 10 per society)."""
    rows, adjacency = synthetic_roster(n, seed=seed, side=side)
    rng = random.Random(seed)
    societies, members = [], []
    for name, industry, region, host, formal, probationary in rows:
        term = date(2026, 1, 1) + timedelta(days=rng.randint(0, 900))
        societies.append(
            Society(name, industry, region, host, formal, probationary, rng.randint(0, 5), "市科协", term_ends=term)
        )
        for j in range(min(formal, 10)):
            phone = f"10{rng.randint(10**8, 10**9 - 1)}"
            members.append(Member(f"{name}党员{j}", name, rng.choice("男女"), ROLES[min(j, 5)], "正式", None, phone))
    return Roster(tuple(societies), tuple(members), tuple(adjacency), (), f"city{n}.xlsx", True)


def province() -> None:
    roster = read_roster(SAMPLE)
    plan, t_plan, _ = timed(lambda: plan_joint_branches(roster, time_limit=20))
    ctx = DocContext(addressee="中国共产党某省科技社团委员会")
    print(f"样例省份: societies {len(roster.societies)}, members {len(roster.members)}, "
          f"organizations {len(plan.organizations)}; plan {t_plan:.2f} s (not part of the paperwork)")  # fmt: skip

    def values():
        docs = [i for o in plan.organizations for i in org_items(o, roster, plan, ctx)]
        return docs + [society_ledger(s, roster, plan, ctx) for s in roster.societies]

    items, t_values, _ = timed(values)
    print(f"  floor, values only (filled, not rendered): {len(items)} items in {t_values:.2f} s")
    docs = [i for i in items if isinstance(i, Document)]
    regs = [i for i in items if not isinstance(i, Document)]
    for label, slow, fast, group in (
        ("Word (模板1–9)", reference_docx, to_docx, docs),
        ("Excel (模板3, 表1–3)", openpyxl_xlsx, to_xlsx, regs),
    ):
        _, w_slow, c_slow = timed(lambda: [slow(i) for i in group])
        _, w_fast, c_fast = timed(lambda: [fast(i) for i in group])
        print(
            f"  {label}: {len(group)} files, before {w_slow:.2f} s ({1000 * c_slow / len(group):.1f} ms cpu/file), "
            f"now {w_fast:.2f} s ({1000 * c_fast / len(group):.1f} ms cpu/file): {c_slow / max(c_fast, 1e-9):.0f}× faster"
        )

    bundle, t_build, c_build = timed(lambda: build_bundle(roster, plan, ctx))
    data, t_zip, _ = timed(lambda: to_zip(bundle))
    print(
        f"  build_bundle + to_zip: {len(bundle.files)} files, {len(data) >> 10} KiB in {t_build + t_zip:.2f} s "
        f"(cpu {c_build:.2f} s; {t_build / max(t_values, 1e-9):.1f}× the values-only floor; target ≤ 3 s); "
        f"missing items {len(bundle.missing)}, warnings {len(bundle.warnings)}"
    )
    steps, folders = bundle_steps(plan), org_folders(plan)
    times = []

    def stepwise():
        parts = []
        for step in steps:
            part, dt, _ = timed(lambda: bundle_part(roster, plan, step, ctx, (), False, folders))
            parts.append(part)
            times.append((dt, step))
        return to_zip(finish_bundle(plan, parts))

    _, t_steps, _ = timed(stepwise)
    slowest = max(times)
    print(f"  the page's build (one organization at a time, then the top files and the zip): {t_steps:.2f} s; "
          f"slowest step {slowest[1]} {1000 * slowest[0]:.0f} ms")  # fmt: skip
    one, t_one, _ = timed(lambda: to_docx(build_document("模板1", plan.organizations[0], roster, plan, ctx)))
    print(f"  one 模板1 (fill + Word) for the page: {1000 * t_one:.1f} ms")


def big_city() -> None:
    roster, t_roster, _ = timed(city)
    plan, t_plan, _ = timed(lambda: plan_joint_branches(roster, time_limit=20))
    ctx = DocContext(addressee="中国共产党某市科技社团委员会")
    print(f"合成城市: societies {len(roster.societies)}, members {len(roster.members)}, organizations "
          f"{len(plan.organizations)} (roster {t_roster:.1f} s, plan {t_plan:.1f} s, not part of the paperwork)")  # fmt: skip

    def values():
        docs = [i for o in plan.organizations for i in org_items(o, roster, plan, ctx)]
        return len(docs) + len([society_ledger(s, roster, plan, ctx) for s in roster.societies])

    n, t_values, c_values = timed(values)
    print(f"  floor, values only: {n} items in {t_values:.1f} s (cpu {c_values:.1f} s)")
    bundle, t_build, c_build = timed(lambda: build_bundle(roster, plan, ctx))
    data, t_zip, c_zip = timed(lambda: to_zip(bundle))
    print(
        f"  build_bundle + to_zip: {len(bundle.files)} files, {len(data) >> 20} MiB in {t_build + t_zip:.1f} s "
        f"(cpu {c_build + c_zip:.1f} s; {c_build / max(c_values, 1e-9):.1f}× the floor's cpu; target ≤ 120 s); "
        f"missing items {len(bundle.missing)}"
    )


def main() -> None:
    province()
    if "--no-city" not in sys.argv:
        big_city()


if __name__ == "__main__":
    main()
