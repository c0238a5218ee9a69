"""One set of election rules on every path: the record ``docs --election`` reads is refused where the
regulation forbids it, with one line naming the rule; 差额 by-elections, seat reduction on the committee."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from helpers import xlsx

from cli.main import main

NAMES = ["李二", "王三", "张一", "赵四", "钱五", "孙六", "周七", "吴八"]
PLAN = {
    "settings": {"max_units": 5, "min_members": 3, "bases": ["同业共建"], "count_basis": "理事会"},
    "organizations": [{"id": "S001", "kind": "党支部", "basis": "单独组建", "units": ["甲学会"], "formal_members": 8}],
    "liaison": [],
    "uncovered": [],
}


@pytest.fixture
def files(tmp_path):
    """甲学会 with 8 formal members (a committee branch) and its plan."""
    societies = [["学会名称", "学科类别", "所在地", "理事会正式党员数"], ["甲学会", "工科", "武汉市", 8]]
    members = [["姓名", "学会名称", "党员类别"]] + [[n, "甲学会", "正式"] for n in NAMES]
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(xlsx({"学会": societies, "党员": members}))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN, ensure_ascii=False), encoding="utf-8")
    return tmp_path, roster, plan


def election(**more) -> dict:
    """换届 of 5 seats among 6 candidates, 8 present of 8: 李二 王三 张一 赵四 钱五 elected."""
    ballots = [{"yes": NAMES[:5]}] * 6 + [{"yes": NAMES[1:6]}] * 2
    return {
        "organization": "S001",
        "seats": 5,
        "candidates": NAMES[:6],
        "eligible_due": 8,
        "eligible_present": 8,
        "ballots": ballots,
        "date": "2026-11-20",
        **more,
    }


def run_docs(files, data: dict, capsys) -> tuple[int, str, Path]:
    tmp, roster, plan = files
    path = tmp / "e.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp / "out"
    code = main(["docs", str(roster), str(plan), "--out", str(out), "--election", str(path)])
    return code, capsys.readouterr().err, out


def letter_text(out: Path, code: str) -> str:
    path = next(p for p in out.rglob("*.docx") if code in p.name)
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_a_valid_committee_election_is_written_up(files, capsys):
    """It writes 模板6 for an elected 书记 with a quorate plenary and a majority."""
    data = election(secretary="李二", secretary_votes=5, plenary_present=5, deputy="王三", deputy_votes=4)
    code, err, out = run_docs(files, data, capsys)
    assert code == 0, err
    text = letter_text(out, "模板6")
    assert "李二同志得5票，当选书记" in text and "王三同志得4票，当选副书记" in text


def test_a_secretary_not_elected_to_the_committee_is_refused(files, capsys):
    """It refuses 孙六 as 书记 (not elected to the committee), naming the rule, and exits 2."""
    code, err, out = run_docs(files, election(secretary="孙六", secretary_votes=5, plenary_present=5), capsys)
    assert code == 2 and "孙六同志未当选委员会委员，不能当选书记" in err
    assert not out.exists() or not list(out.rglob("*模板6*"))


def test_a_plenary_without_quorum_and_votes_over_attendance_are_refused(files, capsys):
    """It refuses a plenary of 2 of 5 members (支部条例 第十二条) and a deputy with 5 votes when 2 are present."""
    data = election(secretary="李二", secretary_votes=2, plenary_present=2, deputy="王三", deputy_votes=5)
    code, err, _ = run_docs(files, data, capsys)
    assert code == 2
    assert "全体会议实到2人，未超过委员5人的半数" in err and "支部条例 第十二条" in err
    assert "王三同志得5票，多于全体会议实到2人" in err


def test_a_secretary_without_a_majority_is_refused(files, capsys):
    """It refuses a 书记 with 2 votes of 4 present (not more than half)."""
    code, err, _ = run_docs(files, election(secretary="李二", secretary_votes=2, plenary_present=4), capsys)
    assert code == 2 and "未超过实到会委员4人的半数，不能当选书记" in err


def test_an_invalid_meeting_is_refused_with_its_one_reason(files, capsys):
    """It refuses the result of 6 present of 8 due (not over 4/5) and gives no second, false reason."""
    data = election(eligible_present=6, ballots=[{"yes": NAMES[:5]}] * 6)
    code, err, _ = run_docs(files, data, capsys)
    assert code == 2 and "会议无效" in err and "未超过应到会8人的五分之四" in err
    assert "收回选票多于发出选票" not in err and len(err.strip().splitlines()) == 1


def test_a_contested_by_election_is_written_as_such(files, capsys):
    """It writes a 差额 补选 (2 candidates, 1 vacancy) as 差额 in 模板7 and 模板9."""
    data = {
        "organization": "S001",
        "kind": "补选",
        "seats": 1,
        "candidates": ["孙六", "周七"],
        "mode": "差额",
        "round": "补选",
        "eligible_due": 8,
        "eligible_present": 8,
        "ballots": [{"yes": ["孙六"]}] * 6 + [{"yes": ["周七"]}] * 2,
        "committee_size": 5,
        "plenary_present": 5,
        "division": {"宣传委员": "孙六"},
    }
    code, err, out = run_docs(files, data, capsys)
    assert code == 0, err
    assert "差额选举" in letter_text(out, "模板9") and "等额选举" not in letter_text(out, "模板9")
    assert "候选人差额选举办法" in letter_text(out, "模板7")


def test_seat_reduction_is_judged_on_the_committee(tmp_path, capsys):
    """It judges 减少名额 after 另行选举 on the committee's 5 seats (4 filled), not the round's 2."""
    spec = {
        "seats": 2,
        "candidates": ["孙六", "周七", "吴八"],
        "eligible_due": 8,
        "eligible_present": 8,
        "round": "另行选举",
        "elected_before": 3,
        "ballots": [{"yes": ["孙六"]}] * 5 + [{"yes": ["周七"]}] * 3,
    }
    path = tmp_path / "e.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    assert main(["elect", str(path), "--out", str(tmp_path / "r.json")]) == 0
    options = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["options"]
    assert any("可减少名额为4名" in o for o in options)


def test_a_committee_is_never_reduced_below_three(tmp_path):
    """It refuses to reduce a 3-seat committee to 2, even when no minimum is given."""
    spec = {
        "seats": 3,
        "candidates": NAMES[:4],
        "eligible_due": 8,
        "eligible_present": 8,
        "ballots": [{"yes": NAMES[:2]}] * 5 + [{"yes": NAMES[2:4]}] * 3,
    }
    path = tmp_path / "e.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    assert main(["elect", str(path), "--out", str(tmp_path / "r.json")]) == 0
    options = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["options"]
    assert not any("可减少名额" in o for o in options) and any("不得少于3人" in o for o in options)
