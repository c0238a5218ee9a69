"""``python -m model validate``: exit codes, streams, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
