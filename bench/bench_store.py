"""Workspace store and dashboard on a 10,000-society roster: prints the time of each step; then the
version check's cost against an unchecked save, and bounded reading: a 4 GB-expanding .xlsx and a sheet
over the row limit refused, with time and peak memory against reading a roster just under the limit.

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
        versions(store)
    bounded_reading()


def versions(store: Store) -> None:
    """A checked save (expected=) against an unchecked one, 200 small settings saves each."""
    t = time.perf_counter()
    for i in range(200):
        store.put("甲", "settings", "policy", {"n": i})
    plain = time.perf_counter() - t
    digest = store.digest("甲", "settings", "policy")
    t = time.perf_counter()
    for i in range(200):
        digest = store.put("甲", "settings", "policy", {"n": -i - 1}, expected=digest)
    checked = time.perf_counter() - t
    print(f"{'200 saves unchecked / checked':<38}{plain:8.3f} s {checked:8.3f} s  ratio {checked / plain:5.2f}")


_READ = """
import resource, sys, time
sys.path.insert(0, {repo!r})
from model.roster.workbook_io import read_raw
data = open({path!r}, "rb").read()
t = time.perf_counter()
book = read_raw(data, "bench.xlsx")
took = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{took:.2f}} {{peak:.0f}} {{len(book.sheets)}} {{book.findings[0].message[:40] if book.findings else ''}}")
"""


def _read_in_child(path: Path) -> tuple[float, float, str]:
    import subprocess

    code = _READ.format(repo=str(Path(__file__).resolve().parents[1]), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 3)
    return float(out[0]), float(out[1]), out[3].strip()


def bounded_reading() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from roster.test_bounded_input import tall_sheet, zip_bomb

    from model.roster.workbook_io import MAX_ROWS

    with tempfile.TemporaryDirectory() as tmp:
        files = {
            f"baseline: {MAX_ROWS - 1000:,}-row sheet (read)": tall_sheet(MAX_ROWS - 1000),
            f"{MAX_ROWS + 1000:,}-row sheet (refused)": tall_sheet(MAX_ROWS + 1000),
            "4 GB-expanding zip bomb (refused)": zip_bomb(4 << 30),
        }
        base = None
        for label, data in files.items():
            path = Path(tmp) / "f.xlsx"
            path.write_bytes(data)
            took, peak, message = _read_in_child(path)
            base = base or took
            print(f"{label:<38}{took:8.2f} s  peak {peak:6.0f} MB  ratio {took / base:5.2f}  {message}")


if __name__ == "__main__":
    main()
