"""Benchmark: every document and register for the sample roster's plan, as one zip.

Prints the number of organizations, files, missing items, the zip size and the time
to build (documents + registers) and to zip. Also times one 模板1 for the page preview.

Run: .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.paperwork.bundle import build_bundle, build_document, to_zip
from model.paperwork.document import DocContext
from model.planning.planner import plan_joint_branches
from model.roster.loading import read_roster

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "sample_roster.xlsx"


def main() -> None:
    roster = read_roster(SAMPLE)
    t0 = time.perf_counter()
    plan = plan_joint_branches(roster, time_limit=20)
    t1 = time.perf_counter()
    ctx = DocContext(addressee="中国共产党某省科技社团委员会")
    bundle = build_bundle(roster, plan, ctx)
    t2 = time.perf_counter()
    data = to_zip(bundle)
    t3 = time.perf_counter()
    build_document("模板1", plan.organizations[0], roster, plan, ctx)
    t4 = time.perf_counter()
    print(f"societies {len(roster.societies)}, members {len(roster.members)}, organizations {len(plan.organizations)}")
    print(f"plan {t1 - t0:.2f} s (not part of the paperwork)")
    print(
        f"documents+registers: {len(bundle.files)} files in {t2 - t1:.2f} s "
        f"({1000 * (t2 - t1) / max(1, len(bundle.files)):.1f} ms/file)"
    )
    print(
        f"zip: {len(data) / 1024:.0f} KiB in {t3 - t2:.2f} s; missing items {len(bundle.missing)}; "
        f"warnings {len(bundle.warnings)}"
    )
    print(f"one 模板1 preview: {1000 * (t4 - t3):.1f} ms")


if __name__ == "__main__":
    main()
