"""``python -m model docs``: writes every document; bad input exits 2 naming file and place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from helpers import xlsx

from cli.main import main
from model.paperwork.output_folder import MANIFEST
from model.roster.template import write_roster_xlsx
from model.roster.values import Roster, Society

ROOT = Path(__file__).resolve().parents[2]


def write_roster(path: Path, bad: bool = False) -> Path:
    """甲学会 (3 formal, own branch), 乙学会 (1) + 丙学会 (2) joint; 党员 sheet with an extra 出生日期 column."""
    societies = [
        ["学会名称", "学科类别", "所在地", "支撑单位", "理事会正式党员数"],
        ["甲学会", "工科", "武汉市", "某大学", "三" if bad else 3],
        ["乙学会", "工科", "武汉市", None, 1],
        ["丙学会", "工科", "武汉市", None, 2],
    ]
    members = [
        ["姓名", "学会名称", "性别", "学会职务", "党员类别", "出生日期"],
        ["李二", "甲学会", "女", "理事长", "正式", "1968-03"],
        ["王三", "甲学会", "男", "秘书长", "正式", None],
        ["张一", "甲学会", "男", "理事", "正式", None],
        ["郑九", "乙学会", "男", "理事长", "正式", None],
        ["冯十", "丙学会", "女", "理事", "正式", None],
        ["陈一", "丙学会", "男", "理事", "正式", None],
    ]
    path.write_bytes(xlsx({"学会": societies, "党员": members}))
    return path


PLAN = {
    "settings": {"max_units": 5, "min_members": 3, "bases": ["同业共建"], "count_basis": "理事会"},
    "organizations": [
        {"id": "S001", "kind": "党支部", "basis": "单独组建", "units": ["甲学会"], "formal_members": 3},
        {"id": "J001", "kind": "联合党支部", "basis": "同业共建", "units": ["乙学会", "丙学会"], "formal_members": 3},
    ],
    "liaison": [],
    "uncovered": [],
}


@pytest.fixture
def files(tmp_path):
    roster = write_roster(tmp_path / "名册.xlsx")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN, ensure_ascii=False), encoding="utf-8")
    return tmp_path, roster, plan


def test_docs_writes_every_document(files, capsys):
    """It exits 0 and writes 模板1–3 per organization and the registers."""
    tmp, roster, plan = files
    code = main(["docs", str(roster), str(plan), "--out", str(tmp / "out")])
    assert code == 0
    assert (tmp / "out" / "S001 甲学会党支部" / "模板1 成立党组织的请示.docx").is_file()
    assert (tmp / "out" / "J001 乙学会等2家单位联合党支部" / "丙学会" / "表1-3 学会党建台账.xlsx").is_file()
    out = capsys.readouterr().out
    assert "已生成" in out and "缺少的信息" in out
    names = [
        c.value for c in openpyxl.load_workbook(tmp / "out" / "S001 甲学会党支部" / "模板3 党员名册.xlsx").active["B"]
    ]
    assert names[2:] == ["李二", "王三", "张一"]


def test_docs_with_election(files):
    """It adds 模板6 from an election file naming its organization."""
    tmp, roster, plan = files
    e = tmp / "e.json"
    e.write_text(
        json.dumps(
            {
                "organization": "S001",
                "seats": 1,
                "mode": "等额",
                "candidates": ["李二"],
                "eligible_due": 3,
                "eligible_present": 3,
                "ballots": [{"yes": ["李二"]}] * 3,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert main(["docs", str(roster), str(plan), "--out", str(tmp / "out"), "--election", str(e)]) == 0
    assert (tmp / "out" / "S001 甲学会党支部" / "模板6 换届选举结果的请示.docx").is_file()


def test_bad_roster_exits_2_naming_row_and_column(tmp_path, capsys):
    """It exits 2 on a roster error, naming the sheet, row and column."""
    roster = write_roster(tmp_path / "r.xlsx", bad=True)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN, ensure_ascii=False), encoding="utf-8")
    assert main(["docs", str(roster), str(plan), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "第2行" in err and "理事会正式党员数" in err
    assert not (tmp_path / "out").exists()


def test_plan_naming_unknown_society_exits_2(files, capsys):
    """It exits 2 when the plan names a society not in the roster, naming the plan file and organization."""
    tmp, roster, plan = files
    broken = dict(PLAN, organizations=[dict(PLAN["organizations"][0], units=["无此学会"])])
    plan.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    assert main(["docs", str(roster), str(plan), "--out", str(tmp / "out")]) == 2
    err = capsys.readouterr().err
    assert "plan.json" in err and "S001" in err and "无此学会" in err


def test_invalid_json_and_bad_election_exit_2(files, capsys):
    """It exits 2 on malformed JSON (naming the line) and on a bad election value (naming the key)."""
    tmp, roster, plan = files
    e = tmp / "e.json"
    e.write_text('{"seats": 3,\n "candidates": [}', encoding="utf-8")
    assert main(["docs", str(roster), str(plan), "--out", str(tmp / "o"), "--election", str(e)]) == 2
    assert "e.json 第2行" in capsys.readouterr().err
    e.write_text(json.dumps({"organization": "S001", "seats": 0, "candidates": []}), encoding="utf-8")
    assert main(["docs", str(roster), str(plan), "--out", str(tmp / "o"), "--election", str(e)]) == 2
    assert "seats" in capsys.readouterr().err


def test_missing_file_exits_2_without_traceback(tmp_path):
    """It exits 2 with one line and no traceback when the plan file does not exist (real process)."""
    roster = write_roster(tmp_path / "r.xlsx")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "model",
            "docs",
            str(roster),
            str(tmp_path / "none.json"),
            "--out",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "none.json" in proc.stderr


def test_plan_placing_a_society_twice_exits_2(tmp_path, capsys):
    """It refuses a plan that lists a society in two places, naming the plan file and the society."""
    r = Roster((Society("甲学会", "工科", "武汉市", formal_members=4), Society("乙学会", "工科", "武汉市")))
    (tmp_path / "r.xlsx").write_bytes(write_roster_xlsx(r))
    plan = {
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
        "liaison": ["乙学会", "甲学会"],
        "uncovered": [],
    }
    (tmp_path / "p.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    assert main(["docs", str(tmp_path / "r.xlsx"), str(tmp_path / "p.json"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "p.json" in err and "“甲学会”在方案中出现多次" in err and not (tmp_path / "out").exists()


def test_addressee_option_fills_the_main_recipient(tmp_path):
    """It writes the --addressee into every 请示 and no longer lists 主送机关 as missing."""
    from docx import Document as Docx

    from cli.main import main
    from model.planning.plan import plan_to_json
    from model.planning.planner import plan_joint_branches
    from model.roster.template import write_roster_xlsx
    from model.roster.values import Roster, Society

    r = Roster((Society("甲学会", "工科", "武汉市", formal_members=4),))
    (tmp_path / "r.xlsx").write_bytes(write_roster_xlsx(r))
    (tmp_path / "p.json").write_text(plan_to_json(plan_joint_branches(r)), encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "docs",
                str(tmp_path / "r.xlsx"),
                str(tmp_path / "p.json"),
                "--out",
                str(out),
                "--addressee",
                "中共湖北省科技社团委员会",
            ]
        )
        == 0
    )
    texts = ["\n".join(p.text for p in Docx(f).paragraphs) for f in out.rglob("*模板1*.docx")]
    assert texts and all("中共湖北省科技社团委员会：" in t for t in texts)


# The second plan moves 丙学会 from J001 to a new branch with 甲学会; 乙学会 gets an instructor.
PLAN2 = dict(
    PLAN,
    organizations=[
        {"id": "J002", "kind": "联合党支部", "basis": "同业共建", "units": ["甲学会", "丙学会"], "formal_members": 5}
    ],
    liaison=["乙学会"],
)


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_second_run_replaces_the_first_generation(files, capsys):
    """It leaves no file of the first generation after a run with another plan, and never deletes a file
    it did not write; the count it prints is the count on disk."""
    tmp, roster, plan = files
    out = tmp / "out"
    assert main(["docs", str(roster), str(plan), "--out", str(out)]) == 0
    first = tree(out) - {MANIFEST}
    assert "J001 乙学会等2家单位联合党支部/丙学会/表1-3 学会党建台账.xlsx" in first
    assert f"已生成 {len(first)} 个文件" in capsys.readouterr().out
    (out / "我的笔记.txt").write_text("手写", encoding="utf-8")
    (out / "S001 甲学会党支部" / "批注.txt").write_text("手写", encoding="utf-8")
    plan.write_text(json.dumps(PLAN2, ensure_ascii=False), encoding="utf-8")
    assert main(["docs", str(roster), str(plan), "--out", str(out)]) == 0
    second = tree(out) - {MANIFEST, "我的笔记.txt", "S001 甲学会党支部/批注.txt"}
    assert "J002 甲学会等2家单位联合党支部/丙学会/表1-3 学会党建台账.xlsx" in second
    assert "派驻指导员的学会/乙学会/表1-3 学会党建台账.xlsx" in second
    stale = first - second
    assert stale and not any((out / p).exists() for p in stale)
    assert not (out / "J001 乙学会等2家单位联合党支部").exists()
    assert (out / "我的笔记.txt").read_text(encoding="utf-8") == "手写"
    assert (out / "S001 甲学会党支部" / "批注.txt").read_text(encoding="utf-8") == "手写"
    printed = capsys.readouterr().out
    assert "已删除上次" in printed and f"生成的 {len(first)} 个文件" in printed
    assert f"已生成 {len(second)} 个文件" in printed


def test_a_folder_of_other_files_is_refused(files, capsys):
    """It exits 2 with one line naming the folder when DIR holds files it did not write, touching nothing."""
    tmp, roster, plan = files
    out = tmp / "mine"
    out.mkdir()
    (out / "报告.docx").write_bytes(b"x")
    assert main(["docs", str(roster), str(plan), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(out) in err[0] and MANIFEST in err[0]
    assert tree(out) == {"报告.docx"}


def test_phone_numbers_only_with_the_phones_option(tmp_path):
    """It leaves 联系电话 out of the registers unless --phones is given."""
    from model.planning.plan import plan_to_json
    from model.planning.planner import plan_joint_branches
    from model.roster.values import Member

    r = Roster(
        (Society("甲学会", "工科", "武汉市", formal_members=3),),
        tuple(Member(n, "甲学会", phone=f"1390000000{i}") for i, n in enumerate(("张一", "李二", "王三"))),
        has_member_sheet=True,
    )
    (tmp_path / "r.xlsx").write_bytes(write_roster_xlsx(r))
    (tmp_path / "p.json").write_text(plan_to_json(plan_joint_branches(r)), encoding="utf-8")

    def cells(*extra: str) -> set[str]:
        out = tmp_path / ("on" if extra else "off")
        assert main(["docs", str(tmp_path / "r.xlsx"), str(tmp_path / "p.json"), "--out", str(out), *extra]) == 0
        found: set[str] = set()
        for f in out.rglob("*.xlsx"):
            for ws in openpyxl.load_workbook(f).worksheets:
                found |= {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
        return found

    off, on = cells(), cells("--phones")
    assert "13900000000" not in off and "联系电话" not in off
    assert "13900000000" in on and "联系电话" in on
