"""Benchmark: the sample province's zip of every document and register (build_bundle + to_zip).

In one run, against baselines:

- the documents and registers as values only (filled, not rendered to Word/Excel);
- the organization-level documents only (模板1–9 rendered), without the societies' 表1–3;
- build_bundle (documents + registers), then to_zip: what ``python -m model docs`` and the zip cost;
- the same batch step by step, as the 文书与台账 page builds it under its progress bar
  (bundle_part per organization, then finish_bundle), with the slowest step;
- one 模板1 for the page preview.

Prints figures; not a timed test. Run: .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.paperwork.bundle import (
    build_bundle,
    build_document,
    bundle_part,
    bundle_steps,
    file_bytes,
    finish_bundle,
    org_items,
    society_ledger,
    to_zip,
)
from model.paperwork.document import DocContext
from model.planning.planner import plan_joint_branches
from model.roster.loading import read_roster

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "sample_roster.xlsx"


def timed(f):
    t = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t


def main() -> None:
    roster = read_roster(SAMPLE)
    plan, t_plan = timed(lambda: plan_joint_branches(roster, time_limit=20))
    ctx = DocContext(addressee="中国共产党某省科技社团委员会")
    units = [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)
    print(f"societies {len(roster.societies)}, members {len(roster.members)}, organizations {len(plan.organizations)}")
    print(f"plan {t_plan:.2f} s (not part of the paperwork)")

    def values():
        docs = [i for o in plan.organizations for i in org_items(o, roster, plan, ctx)]
        return docs + [society_ledger(roster.society(u), roster, plan, ctx) for u in units if u in roster]

    items, t_values = timed(values)
    print(f"baseline, values only (filled, not rendered): {len(items)} items in {t_values:.2f} s")
    docs = [i for o in plan.organizations for i in org_items(o, roster, plan, ctx)]
    _, t_docs = timed(lambda: [file_bytes(i) for i in docs])
    print(f"baseline, organization documents only (模板1–9 rendered): {len(docs)} files in {t_docs:.2f} s")

    bundle, t_build = timed(lambda: build_bundle(roster, plan, ctx))
    data, t_zip = timed(lambda: to_zip(bundle))
    print(
        f"build_bundle (documents + registers): {len(bundle.files)} files in {t_build:.2f} s "
        f"({1000 * t_build / max(1, len(bundle.files)):.1f} ms/file); registers {t_build - t_docs:.2f} s of it"
    )
    print(
        f"to_zip: {len(data) / 1024:.0f} KiB in {t_zip:.2f} s; zip total {t_build + t_zip:.2f} s; "
        f"missing items {len(bundle.missing)}; warnings {len(bundle.warnings)}"
    )

    steps = bundle_steps(plan)
    times: list[tuple[float, str]] = []
    parts = []
    t0 = time.perf_counter()
    for step in steps:
        part, dt = timed(lambda: bundle_part(roster, plan, step, ctx))
        parts.append(part)
        times.append((dt, step))
    whole, t_finish = timed(lambda: finish_bundle(plan, parts))
    t_steps = time.perf_counter() - t0
    slowest = max(times)
    print(
        f"step by step (the page's progress bar): {len(steps)} steps + finish in {t_steps:.2f} s "
        f"(vs build_bundle {t_build:.2f} s); slowest step {slowest[1]} {1000 * slowest[0]:.0f} ms; "
        f"finish {1000 * t_finish:.0f} ms; same files: {[p for p, _ in whole.files] == [p for p, _ in bundle.files]}"
    )
    _, t_one = timed(lambda: build_document("模板1", plan.organizations[0], roster, plan, ctx))
    print(f"one 模板1 preview: {1000 * t_one:.1f} ms")


if __name__ == "__main__":
    main()
