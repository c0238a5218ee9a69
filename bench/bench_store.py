"""Workspace store and dashboard on a 10,000-society roster: prints the time of each step.

Run: .venv/bin/python bench/bench_store.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.roster.loading import parse_roster, raw_from_dict, raw_to_dict, read_raw, write_roster_xlsx
from model.roster.values import Roster, Society
from model.rules.coverage import dashboard
from storage.store import Store

N = 10_000
REGIONS = ("武汉市", "宜昌市", "襄阳市", "黄石市", "荆州市")


def timed(label: str, fn):
    t = time.perf_counter()
    out = fn()
    print(f"{label:<38}{time.perf_counter() - t:8.3f} s")
    return out


def main() -> None:
    societies = tuple(
        Society(
            f"湖北省第{i}学会",
            ("工科", "理科", "农科")[i % 3],
            REGIONS[i % 5],
            host_unit=f"大学{i % 50}",
            formal_members=i % 7,
            existing_org=f"组织{i // 2}" if i % 3 == 0 else None,
        )
        for i in range(N)
    )
    raw = read_raw(write_roster_xlsx(Roster(societies)), "bench.xlsx")
    as_dict = raw_to_dict(raw)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite")
        timed(f"put_roster ({N} rows, first)", lambda: store.put_roster("甲", as_dict, "v0"))
        for i in range(1, 21):
            store.put_roster("甲", as_dict | {"filename": f"v{i}.xlsx"}, f"v{i}")
        timed("put_roster (21st, history trimmed)", lambda: store.put_roster("甲", as_dict, "v21"))
        text, _ = timed("get_text (raw JSON + digest)", lambda: store.get_text("甲", "roster", "current"))
        print(f"{'stored roster JSON':<38}{len(text.encode()) / 1e6:8.2f} MB")
        timed("undo_roster", lambda: store.undo_roster("甲"))
        data = timed("export_workspace", lambda: store.export_workspace("甲"))
        print(f"{'export file':<38}{len(data) / 1e6:8.2f} MB")
        timed("import_workspace", lambda: store.import_workspace(data, "乙"))
        roster = timed("parse_roster (from stored JSON)", lambda: parse_roster(raw_from_dict(as_dict)))
        timed("coverage dashboard", lambda: dashboard(roster, today=date(2026, 11, 22)))


if __name__ == "__main__":
    main()
