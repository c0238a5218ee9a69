"""The ``plan`` and ``check`` commands: outputs and exit codes (docs/formats.md §5)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import HEAD, xlsx

from cli.main import main
from model.roster.loading import write_roster_xlsx
from model.roster.values import Roster, Society

ROOT = Path(__file__).resolve().parents[2]
# 甲乙丙: 工科 candidates; 丁: F=4 organizes alone; 戊: F=0 liaison; 己: 医科, no partner
ROSTER = Roster(
    (
        Society("甲学会", "工科", "武汉", "华科", 1),
        Society("乙学会", "工科", "武汉", None, 2),
        Society("丙学会", "工科", "孝感", None, 1),
        Society("丁学会", "理科", "武汉", None, 4),
        Society("戊学会", "理科", "武汉", None, 0),
        Society("己学会", "医科", "恩施", None, 1),
    )
)


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(write_roster_xlsx(ROSTER))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_writes_formats_json(roster_file, tmp_path, capsys):
    """It writes the plan JSON of docs/formats.md §3 and prints a one-line summary."""
    out = tmp_path / "plan.json"
    code, stdout, _ = run(capsys, "plan", roster_file, "--out", out)
    assert code == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert set(d) >= {"settings", "organizations", "liaison", "uncovered", "coverage"}
    assert d["settings"] == {
        "max_units": 5,
        "min_members": 3,
        "bases": ["同业共建", "区域联建", "挂靠组建"],
        "count_basis": "理事会",
    }
    joint = [o for o in d["organizations"] if o["kind"] == "联合党支部"]
    assert [(o["id"], o["units"], o["formal_members"]) for o in joint] == [("J001", ["甲学会", "乙学会", "丙学会"], 4)]
    assert d["liaison"] == ["戊学会"] and d["uncovered"] == ["己学会"] and d["optimal"] is True
    assert d["coverage"] == {"units": 6, "organized": 4, "organized_rate": 0.667, "work_covered": 6, "work_rate": 1.0}
    assert len(stdout.strip().splitlines()) == 1 and "已证明最优" in stdout


def test_plan_settings_flags(roster_file, tmp_path, capsys):
    """It applies --max-units and --min-members."""
    out = tmp_path / "plan.json"
    assert run(capsys, "plan", roster_file, "--max-units", "2", "--out", out)[0] == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["settings"]["max_units"] == 2
    assert all(len(o["units"]) <= 2 for o in d["organizations"])
    assert run(capsys, "plan", roster_file, "--min-members", "5", "--out", out)[0] == 0
    assert not [o for o in json.loads(out.read_text(encoding="utf-8"))["organizations"] if o["kind"] == "联合党支部"]


def test_plan_keeps_locks(roster_file, tmp_path, capsys):
    """It keeps a lock from LOCKS.json exactly, marked locked."""
    locks = tmp_path / "locks.json"
    locks.write_text(json.dumps([["乙学会", "丙学会"]], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "plan.json"
    assert run(capsys, "plan", roster_file, "--locks", locks, "--out", out)[0] == 0
    joint = [o for o in json.loads(out.read_text(encoding="utf-8"))["organizations"] if o["kind"] == "联合党支部"]
    assert [(o["units"], o["locked"]) for o in joint] == [(["乙学会", "丙学会"], True)]


@pytest.mark.parametrize(
    "content, expected",
    [
        ([["乙学会", "无此学会"]], "学会“无此学会”不在名册中"),
        ([["甲学会", "丙学会"]], "不足3名"),
        ([["甲学会", "丁学会"]], "应单独建立党组织"),
        ([["乙学会"], "甲学会"], "第2项应为学会名称的列表"),
    ],
)
def test_plan_bad_locks(roster_file, tmp_path, capsys, content, expected):
    """It exits 2 naming LOCKS.json and the entry for unknown names, broken rules and bad shapes."""
    locks = tmp_path / "LOCKS.json"
    locks.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "plan", roster_file, "--locks", locks, "--out", tmp_path / "p.json")
    assert code == 2
    assert any(str(locks) in line and "锁定支部" in line and expected in line for line in err.splitlines())
    assert not (tmp_path / "p.json").exists()


def test_plan_bad_locks_json(roster_file, tmp_path, capsys):
    """It exits 2 on a LOCKS.json that is not JSON, saying where."""
    locks = tmp_path / "LOCKS.json"
    locks.write_text('[["甲学会",', encoding="utf-8")
    code, _, err = run(capsys, "plan", roster_file, "--locks", locks, "--out", tmp_path / "p.json")
    assert code == 2 and "不是有效的JSON" in err and str(locks) in err


def test_plan_roster_with_errors(tmp_path, capsys):
    """It exits 2 when the roster has an error, naming the sheet, row and column."""
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉", "三"]]}))
    code, _, err = run(capsys, "plan", path, "--out", tmp_path / "p.json")
    assert code == 2 and "第2行" in err and "理事会正式党员数" in err


def test_check_round_trip_and_violations(roster_file, tmp_path, capsys):
    """It exits 0 on the planner's own plan and 2 with a line per broken rule on a doctored one."""
    out = tmp_path / "plan.json"
    run(capsys, "plan", roster_file, "--out", out)
    code, stdout, _ = run(capsys, "check", roster_file, out)
    assert code == 0 and "检查通过" in stdout
    d = json.loads(out.read_text(encoding="utf-8"))
    d["organizations"].append(
        {
            "id": "J002",
            "kind": "联合党支部",
            "basis": "同业共建",
            "units": ["己学会"],
            "formal_members": 1,
            "locked": False,
        }
    )
    d["uncovered"] = []
    out.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "check", roster_file, out)
    assert code == 2
    assert any("J002" in line and "只有1家单位" in line for line in err.splitlines())
    assert any("J002" in line and "不足3名" in line for line in err.splitlines())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{not json", "不是有效的JSON"),
        ('{"organizations": [], "liaison": []}', "缺少键“uncovered”"),
        ('{"organizations": [{"id": "J001", "kind": "联合党支部"}], "liaison": [], "uncovered": []}', "缺少键“units”"),
        ("[]", "应为JSON对象"),
    ],
)
def test_check_malformed_plan(roster_file, tmp_path, capsys, text, expected):
    """It exits 2 on a malformed PLAN.json, naming the file and what is wrong."""
    path = tmp_path / "PLAN.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "check", roster_file, path)
    assert code == 2 and str(path) in err and expected in err and "Traceback" not in err


def test_module_entry_point(roster_file, tmp_path):
    """It runs as ``python -m model plan`` in a fresh process without a traceback."""
    out = tmp_path / "plan.json"
    proc = subprocess.run(
        [sys.executable, "-m", "model", "plan", str(roster_file), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["coverage"]["units"] == 6


def test_check_warns_when_the_plan_settings_are_looser_than_the_rules(tmp_path):
    """It checks a plan against its own settings but warns when they loosen the regulation's limits."""
    r = Roster((Society("甲学会", "工科", "武汉市", formal_members=4),))
    (tmp_path / "r.xlsx").write_bytes(write_roster_xlsx(r))
    plan = {
        "settings": {"max_units": 6, "min_members": 2, "bases": ["同业共建"], "count_basis": "理事会"},
        "organizations": [
            {
                "id": "S001",
                "kind": "党支部",
                "basis": "单独组建",
                "units": ["甲学会"],
                "formal_members": 4,
                "locked": False,
            }
        ],
        "liaison": [],
        "uncovered": [],
    }
    (tmp_path / "p.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "model", "check", str(tmp_path / "r.xlsx"), str(tmp_path / "p.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0
    assert "最多6家，宽于规定的5家" in out.stdout and "至少2名，低于规定的3名" in out.stdout


def test_plan_locks_today_joint_branches_as_the_page_does(capsys, tmp_path):
    """It keeps today's valid joint branches, as the planner page does (sample roster: 12 branches)."""
    from model.planning import today
    from model.planning.planner import plan_joint_branches
    from model.roster.loading import load_roster

    sample = ROOT / "sample_data" / "sample_roster.xlsx"
    out = tmp_path / "plan.json"
    code, _, _ = run(capsys, "plan", sample, "--out", out)
    roster = load_roster(sample)
    page = plan_joint_branches(roster, locks=today.today_locks(roster))
    joint = [
        o["units"] for o in json.loads(out.read_text(encoding="utf-8"))["organizations"] if o["kind"] == "联合党支部"
    ]
    assert code == 0 and joint == [list(o.units) for o in page.joint_branches()]
    assert all(list(lock) in joint for lock in today.today_locks(roster))
    code, _, _ = run(capsys, "plan", sample, "--replan-today", "--out", out)
    assert code == 0


def test_plan_previous_lists_the_moves(capsys, tmp_path, roster_file):
    """It re-plans from --previous, keeps the branch's id, and prints who leaves which branch for which."""
    first = tmp_path / "first.json"
    assert run(capsys, "plan", roster_file, "--out", first)[0] == 0
    later = Roster(tuple(replace(s, formal_members=4) if s.name == "丙学会" else s for s in ROSTER.societies))
    path = tmp_path / "名册2.xlsx"
    path.write_bytes(write_roster_xlsx(later))
    out = tmp_path / "new.json"
    code, stdout, _ = run(capsys, "plan", path, "--previous", first, "--out", out)
    assert code == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    joint = [(o["id"], o["units"]) for o in d["organizations"] if o["kind"] == "联合党支部"]
    assert joint == [("J001", ["甲学会", "乙学会"])]
    assert (
        "1家学会调整了所在党组织" in stdout
        and "丙学会：由J001 甲学会等3家单位联合党支部调入S002 丙学会党支部" in stdout
    )


def test_plan_previous_malformed_exits_2(capsys, tmp_path, roster_file):
    """It refuses a --previous file that is not a plan, naming the file, without a traceback."""
    bad = tmp_path / "旧方案.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "plan", roster_file, "--previous", bad, "--out", tmp_path / "x.json")
    assert code == 2 and "旧方案.json" in err and "Traceback" not in err
