"""`python -m model elect` (docs/formats.md §4–5): result file, summary, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = {
    "seats": 5,
    "candidates": ["张三", "李四", "王五", "赵六", "钱七", "孙八"],
    "eligible_due": 30,
    "eligible_present": 26,
    "ballots_issued": 26,
    "ballots": [{"yes": ["张三", "李四"], "no": ["王五"], "abstain": ["赵六"], "write_in": ["周九"]}],
}
KEYS = {
    "meeting_valid",
    "candidates_ok",
    "election_valid",
    "eligible_due",
    "eligible_present",
    "ballots_returned",
    "valid_ballots",
    "invalid_ballots",
    "votes",
    "elected",
    "revote",
    "unfilled",
    "messages",
}


def elect(tmp_path: Path, data, name="e.json"):
    src = tmp_path / name
    src.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.json"
    p = subprocess.run(
        [sys.executable, "-m", "model", "elect", str(src), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return p, out


def test_writes_result_with_all_keys(tmp_path):
    """It writes the docs/formats.md §4 keys, unescaped Chinese, and exits 0."""
    p, out = elect(tmp_path, EXAMPLE)
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    result = json.loads(text)
    assert set(result) >= KEYS and "张三" in text
    assert result["votes"] == {"张三": 1, "李四": 1, "周九": 1} and result["unfilled"] == 5
    assert "会议有效" in p.stdout


def test_invalid_meeting_is_a_result_not_an_error(tmp_path):
    """It exits 0 with meeting_valid false when the quorum is missed."""
    p, out = elect(tmp_path, {**EXAMPLE, "eligible_present": 24, "ballots_issued": 24})
    assert p.returncode == 0
    r = json.loads(out.read_text(encoding="utf-8"))
    assert not r["meeting_valid"] and r["elected"] == [] and r["unfilled"] == 5


def test_bad_names_and_types_exit_2_with_json_paths(tmp_path):
    """It exits 2 with one line per error naming the file and the JSON path, and no traceback."""
    bad = {**EXAMPLE, "seats": "五", "ballots": EXAMPLE["ballots"] * 3 + [{"yes": ["张三", "某某"]}]}
    p, out = elect(tmp_path, bad)
    assert p.returncode == 2 and not out.exists()
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 2 and all("e.json" in line for line in lines)
    assert any("ballots[3].yes[1]" in line for line in lines) and any("seats" in line for line in lines)
    assert "Traceback" not in p.stderr


def test_malformed_json_and_missing_keys_exit_2(tmp_path):
    """It exits 2 on broken JSON and on missing required keys."""
    p, _ = elect(tmp_path, '{"seats": 5,')
    assert p.returncode == 2 and "JSON" in p.stderr and "Traceback" not in p.stderr
    p, _ = elect(tmp_path, {"seats": 5})
    assert p.returncode == 2 and "candidates" in p.stderr and "eligible_due" in p.stderr


def test_members_input(tmp_path):
    """It derives the counts from a members list."""
    members = [{"name": f"党员{i}", "status": "正式", "present": i < 9} for i in range(10)]
    p, out = elect(
        tmp_path,
        {"seats": 1, "candidates": ["党员0"], "mode": "等额", "members": members, "ballots": [{"yes": ["党员0"]}] * 9},
    )
    r = json.loads(out.read_text(encoding="utf-8"))
    assert p.returncode == 0 and (r["eligible_due"], r["eligible_present"]) == (10, 9) and r["elected"] == ["党员0"]
