"""Contract regressions for `python -m model check` (docs/formats.md §3, §5): malformed plan fields exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROSTER = "学会名称,学科类别,所在地,支撑单位,理事会正式党员数\n甲学会,理科,武汉,,1\n乙学会,理科,武汉,,2\n"
JOINT = {
    "id": "J001",
    "kind": "联合党支部",
    "basis": "同业共建",
    "units": ["甲学会", "乙学会"],
    "formal_members": 3,
    "locked": False,
}


def check(tmp_path: Path, org: dict):
    (tmp_path / "r.csv").write_text(ROSTER, encoding="utf-8")
    plan = {"organizations": [org], "liaison": [], "uncovered": []}
    (tmp_path / "p.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "model", "check", "r.csv", "p.json"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_valid_plan_passes(tmp_path):
    """It exits 0 on a well-formed, compliant plan (the baseline for the cases below)."""
    p = check(tmp_path, JOINT)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("key, value", [("id", None), ("kind", 3), ("basis", ""), ("locked", "no")])
def test_mistyped_organization_field_exits_2(tmp_path, key, value):
    """It exits 2 naming the plan file and the field when id/kind/basis/locked has the wrong type."""
    p = check(tmp_path, {**JOINT, key: value})
    assert p.returncode == 2
    assert p.stderr.startswith("p.json：") and f"“{key}”" in p.stderr and "Traceback" not in p.stderr
