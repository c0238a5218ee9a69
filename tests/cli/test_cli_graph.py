"""`python -m model graph ROSTER PLAN.json --out X [--members] [--show-personal] [--group-by]`: the export by suffix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import xlsx
from openpyxl import load_workbook

from cli.main import main

ROOT = Path(__file__).resolve().parents[2]
IMG = "<img src=x onerror=alert(1)>"
ROSTER = f"""学会名称,学科类别,所在地,支撑单位,理事会正式党员数
甲学会,工科,武汉市,华科,5
{IMG},工科,武汉市,,2
丙学会,工科,宜昌市,,1
丁学会,理科,襄阳市,,0
"""
MEMBERS_ROSTER_PLAN = {
    "organizations": [
        {"id": "S001", "kind": "党支部", "basis": "单独组建", "units": ["甲学会"], "formal_members": 5},
        {"id": "J001", "kind": "联合党支部", "basis": "同业共建", "units": [IMG, "丙学会"], "formal_members": 3},
    ],
    "liaison": ["丁学会"],
    "uncovered": [],
}


@pytest.fixture
def files(tmp_path):
    roster = tmp_path / "名册.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    plan = tmp_path / "方案.json"
    plan.write_text(json.dumps(MEMBERS_ROSTER_PLAN, ensure_ascii=False), encoding="utf-8")
    return tmp_path, roster, plan


def test_writes_offline_html_with_every_society(files, capsys):
    """It exits 0 and writes HTML naming every organization and society, payload escaped."""
    tmp, roster, plan = files
    out = tmp / "org.html"
    assert main(["graph", str(roster), str(plan), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    for name in ("甲学会", "丙学会", "丁学会", "甲学会党支部", "科技社团党委"):
        assert name in page
    assert IMG not in page and "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert "2 个党组织，4 家学会" in capsys.readouterr().out


def test_meeting_exports_by_suffix(files, capsys):
    """It writes a 16:9 PNG of 1920 px, an SVG and a PDF with text, and a deck of title + overview + one
    slide per joint branch, each chosen by the suffix of --out."""
    from PIL import Image
    from pptx import Presentation

    tmp, roster, plan = files
    for suffix in (".png", ".svg", ".pdf", ".pptx"):
        assert main(["graph", str(roster), str(plan), "--out", str(tmp / f"org{suffix}"), "--group-by", "region"]) == 0
    assert "4 家学会" in capsys.readouterr().out
    assert Image.open(tmp / "org.png").size == (1920, 1080)
    svg = (tmp / "org.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "武汉市" in svg and "宜昌市" in svg  # grouped by 所在地, labels as text
    assert (tmp / "org.pdf").read_bytes().startswith(b"%PDF")
    deck = Presentation(str(tmp / "org.pptx"))
    assert len(deck.slides) == 3  # title, overview, J001
    texts = " ".join(sh.text_frame.text for sh in deck.slides[2].shapes if sh.has_text_frame)
    assert f"{IMG}等2家单位联合党支部" in texts and "同业共建" in texts


def test_png_and_xlsx_by_suffix(files):
    """It writes the slide PNG or the Excel listing when --out ends in .png or .xlsx."""
    tmp, roster, plan = files
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "org.png")]) == 0
    assert (tmp / "org.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "org.xlsx")]) == 0
    ws = load_workbook(tmp / "org.xlsx")["组织架构"]
    assert [c.value for c in ws["F"]][1:] == ["甲学会", IMG, "丙学会", "丁学会"]


def test_unknown_society_is_bad_input(files, capsys):
    """It exits 2 naming the plan file and the society the roster lacks."""
    tmp, roster, plan = files
    bad = dict(MEMBERS_ROSTER_PLAN, liaison=["丁学会", "戊学会"])
    plan.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.html")]) == 2
    err = capsys.readouterr().err
    assert str(plan) in err and "戊学会" in err and not (tmp / "o.html").exists()


def test_society_placed_twice_is_bad_input(files, capsys):
    """It exits 2 when a society appears in two places of the plan."""
    tmp, roster, plan = files
    plan.write_text(json.dumps(dict(MEMBERS_ROSTER_PLAN, uncovered=["甲学会"]), ensure_ascii=False), "utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.html")]) == 2
    assert "甲学会”在方案中出现多次" in capsys.readouterr().err


def test_missing_society_is_a_warning_shown_uncovered(files, capsys):
    """It warns about a roster society the plan omits and draws it as uncovered."""
    tmp, roster, plan = files
    plan.write_text(json.dumps(dict(MEMBERS_ROSTER_PLAN, liaison=[]), ensure_ascii=False), "utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.html")]) == 0
    assert "丁学会" in capsys.readouterr().err
    assert "未覆盖学会（需关注）" in (tmp / "o.html").read_text("utf-8")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{not json", "不是有效的JSON"),
        ('["a"]', "应为JSON对象"),
        ('{"organizations": [{"units": []}]}', "organizations 第1项"),
        ('{"organizations": [], "liaison": "丁学会"}', "liaison"),
    ],
)
def test_bad_plan_file_names_the_problem(files, capsys, text, expected):
    """It exits 2 with one line naming the plan file and what is wrong."""
    tmp, roster, plan = files
    plan.write_text(text, encoding="utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.html")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(plan) in err[0] and expected in err[0]


def test_bad_roster_and_output_suffix(files, capsys):
    """It exits 2 naming the roster's missing column, and refuses an unknown output type."""
    tmp, roster, plan = files
    roster.write_text("学会名称,学科类别,所在地\n甲学会,工科,武汉市\n", encoding="utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.html")]) == 2
    assert "理事会正式党员数" in capsys.readouterr().err
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "o.docx")]) == 2
    assert ".pptx" in capsys.readouterr().err


def test_subprocess_never_shows_a_traceback(files):
    """It runs as `python -m model graph` and reports a missing file in one line, exit 2."""
    tmp, _, plan = files
    r = subprocess.run(
        [sys.executable, "-m", "model", "graph", str(tmp / "无.csv"), str(plan), "--out", str(tmp / "o.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr and "无.csv" in r.stderr


def test_members_and_personal_flags(tmp_path):
    """It shows members only with --members, and phone numbers only with --show-personal."""
    roster = tmp_path / "名册.xlsx"
    members = [["姓名", "学会名称", "学会职务", "党员类别", "联系电话"]] + [
        [name, "甲学会", role, "正式", "13912345678"]
        for name, role in (("张三", "理事长"), ("李四", "理事"), ("王五", "理事"))
    ]
    roster.write_bytes(
        xlsx(
            {
                "学会": [["学会名称", "学科类别", "所在地", "理事会正式党员数"], ["甲学会", "工科", "武汉市", 3]],
                "党员": members,
            }
        )
    )
    plan = tmp_path / "p.json"
    plan.write_text(
        json.dumps(
            {
                "organizations": [
                    {"id": "S1", "kind": "党支部", "basis": "单独组建", "units": ["甲学会"], "formal_members": 3}
                ]
            }
        ),
        "utf-8",
    )
    outs = {}
    for flags in ((), ("--members",), ("--members", "--show-personal")):
        out = tmp_path / f"o{len(flags)}.html"
        assert main(["graph", str(roster), str(plan), "--out", str(out), *flags]) == 0
        outs[flags] = out.read_text("utf-8")
    assert "张三" not in outs[()]
    assert "张三" in outs[("--members",)] and "13912345678" not in outs[("--members",)]
    assert "13912345678" in outs[("--members", "--show-personal")]


def test_pptx_counts_a_rule_breaking_branch_as_uncovered(files):
    """It writes a deck whose coverage leaves out a joint branch breaking a rule, and flags that branch."""
    import io

    from pptx import Presentation

    tmp, roster, _ = files
    bad = {
        "organizations": [
            {"id": "S001", "kind": "党支部", "basis": "单独组建", "units": ["甲学会"], "formal_members": 5},
            {"id": "J001", "kind": "联合党支部", "basis": "同业共建", "units": [IMG, "丁学会"], "formal_members": 2},
        ],
        "liaison": [],
        "uncovered": ["丙学会"],
    }
    plan = tmp / "不合规.json"
    plan.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert main(["graph", str(roster), str(plan), "--out", str(tmp / "deck.pptx")]) == 0
    prs = Presentation(io.BytesIO((tmp / "deck.pptx").read_bytes()))

    def text(slide) -> str:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        parts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        return "\n".join(parts)

    title, _, branch = (text(s) for s in prs.slides)
    assert "1家（25.0%）" in title and "3家（75.0%）" not in title
    assert "组建方式：同业共建（不符合规则）" in branch and "暂按未覆盖计算" in branch
