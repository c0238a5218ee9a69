"""``python -m model validate``: exit codes, streams, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEADER = "学会名称,学科类别,所在地,理事会正式党员数\n"


def validate(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "model", "validate", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_clean_roster_exits_zero(tmp_path):
    """It exits 0 with no errors and prints a summary."""
    f = tmp_path / "ok.csv"
    f.write_text(HEADER + "甲学会,工科,武汉市,3\n", encoding="utf-8")
    p = validate(f)
    assert p.returncode == 0 and p.stderr == "" and "检查通过" in p.stdout


def test_warnings_only_exit_zero_on_stdout(tmp_path):
    """It prints warnings on stdout and still exits 0."""
    f = tmp_path / "w.csv"
    f.write_text(HEADER + "甲学会,工科,武汉市,３\n", encoding="utf-8")
    p = validate(f)
    assert p.returncode == 0 and p.stderr == "" and "【警告】" in p.stdout and "第2行" in p.stdout


def test_errors_exit_two_one_line_each_on_stderr(tmp_path):
    """It prints one stderr line per error naming file, sheet, row and column, and exits 2."""
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "甲学会,工科,武汉市,-1\n甲学会,工科,武汉市,2.5\n", encoding="gb18030")
    p = validate(f)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 3
    assert all(str(f) in line and "工作表“学会”" in line for line in lines)
    assert "第2行 列“理事会正式党员数”" in lines[0] and "Traceback" not in p.stderr


def test_unreadable_inputs_exit_two_naming_the_file(tmp_path):
    """It exits 2 with a line naming the file for a missing file, a directory and a non-workbook."""
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04garbage")
    for path in (tmp_path / "missing.xlsx", tmp_path, junk):
        p = validate(path)
        assert p.returncode == 2, path
        assert str(path) in p.stderr and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1


def test_a_zip_bomb_is_refused_with_exit_two(tmp_path):
    """It refuses an .xlsx expanding past 200 MB with exit 2 and one line naming the limit."""
    from roster.test_bounded_input import zip_bomb

    f = tmp_path / "bomb.xlsx"
    f.write_bytes(zip_bomb(210 << 20))
    p = validate(f)
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and "超过上限 200 MB" in lines[0]


@pytest.mark.parametrize("command", ["elect", "ballot", "check", "plan", "graph", "docs"])
def test_deeply_nested_json_exits_two_with_one_line(tmp_path, command):
    """It refuses 1,000 levels of nested JSON given to any JSON-reading command: exit 2, one line."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    roster = ROOT / "sample_data" / "sample_roster.xlsx"
    out = str(tmp_path / "out")
    args = {
        "elect": [str(deep), "--out", out],
        "ballot": [str(deep), "--out", out + ".docx"],
        "check": [str(roster), str(deep)],
        "plan": [str(roster), "--locks", str(deep), "--out", out],
        "graph": [str(roster), str(deep), "--out", out + ".html"],
        "docs": [str(roster), str(deep), "--out", out],
    }[command]
    p = subprocess.run(
        [sys.executable, "-m", "model", command, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 2 and len(lines) == 1 and "嵌套" in lines[0] and "Traceback" not in p.stderr
