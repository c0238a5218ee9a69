"""Loading speed: a 10,000-row 学会 sheet (+ a 10,000-row 党员 sheet), read, validated, written.

Run: ``.venv/bin/python bench/bench_loading.py``. Prints seconds per step; the target is
"a few seconds" for read + validate of 10,000 rows.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.roster.loading import parse_roster, raw_from_dict, raw_to_dict, read_raw, roster_frames
from model.roster.template import write_roster_xlsx
from model.roster.values import Member, Roster, Society

REGIONS = ["武汉市", "宜昌市", "襄阳市", "荆州市", "黄石市"]
FIELDS = ["理科", "工科", "农科", "医科", "交叉学科"]


def big_roster(n: int, rng: random.Random, with_members: bool) -> Roster:
    societies = tuple(
        Society(
            f"湖北省第{i}学会",
            rng.choice(FIELDS),
            rng.choice(REGIONS),
            f"第{i % 40}大学",
            1 if with_members else rng.randint(0, 40),
            0 if with_members else rng.randint(0, 2),
            rng.randint(0, 3),
            "湖北省科协",
            None,
            None,
            date(2020, 1, 1),
            date(2026, 1, 1) + timedelta(days=rng.randint(0, 900)),
            (("备注", "x"),),
        )
        for i in range(n)
    )
    members = ()
    if with_members:
        members = tuple(
            Member(f"党员{j}", f"湖北省第{j % n}学会", "男", "理事", "正式", None, "10000000000") for j in range(n)
        )
    return Roster(societies, members, (("武汉市", "宜昌市"),), (), "big.xlsx", with_members)


def timed(label: str, fn):
    t = time.perf_counter()
    out = fn()
    print(f"{label:<42}{time.perf_counter() - t:6.2f} s")
    return out


def main() -> int:
    rng = random.Random(1)
    for with_members in (False, True):
        roster = big_roster(10_000, rng, with_members)
        title = "10,000 学会 rows" + (" + 10,000 党员 rows" if with_members else "")
        print(f"== {title}")
        data = timed("write_roster_xlsx", lambda: write_roster_xlsx(roster))
        print(f"{'  file size':<42}{len(data) / 1e6:6.2f} MB")
        raw = timed("read_raw (openpyxl read_only)", lambda: read_raw(data, "big.xlsx"))
        parsed = timed("parse_roster (validate)", lambda: parse_roster(raw))
        timed("raw_to_dict + raw_from_dict", lambda: raw_from_dict(raw_to_dict(raw)))
        timed("roster_frames", lambda: roster_frames(raw))
        timed("content_hash", parsed.content_hash)
        t = time.perf_counter()
        parse_roster(read_raw(data, "big.xlsx"))
        print(
            f"{'read + validate total':<42}{time.perf_counter() - t:6.2f} s  "
            f"({len(parsed.societies)} societies, {len(parsed.findings)} findings)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
