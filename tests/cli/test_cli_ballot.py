"""``python -m model ballot``: the ballot (candidates in 姓氏笔画 order) and the tally sheet in Word."""

from __future__ import annotations

import json

import docx

from cli.main import main


def texts(path) -> tuple[list[str], list[list[str]]]:
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs], [[c.text for c in row.cells] for t in d.tables for row in t.rows]


def test_ballot_lists_candidates_in_stroke_order_with_write_in_lines(tmp_path, capsys):
    """It writes the ballot with 王五 方六 李四 张三 (strokes 4·4·7·7; 王 横 before 方 点), the rules, and 3 write-in lines."""
    src = tmp_path / "e.json"
    data = {
        "organization": "甲学会党支部",
        "seats": 3,
        "candidates": ["张三", "王五", "方六", "李四"],
        "eligible_due": 9,
    }
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "选票.docx"
    assert main(["ballot", str(src), "--out", str(out)]) == 0
    paras, rows = texts(out)
    assert "甲学会党支部党员大会选举委员会委员选票" in paras
    names = [r[0] for r in rows[1:5]]
    assert names == ["王五", "方六", "李四", "张三"]
    assert sum(1 for r in rows if r[0] == "另选他人：") == 3
    assert any("不赞成的划“×”" in p for p in paras) and any("投弃权票的，不能另选他人" in p for p in paras)
    assert any("多于应选人数3名的为无效票" in p for p in paras)
    tally_paras, tally_rows = texts(tmp_path / "选票_计票单.docx")
    assert [r[0] for r in tally_rows[1:5]] == names and any("监票人" in p for p in tally_paras)
    assert "王五、方六、李四、张三" in capsys.readouterr().out


def test_direct_flow_ballot_names_the_posts(tmp_path):
    """It labels a branch without a committee's ballot by post (书记, 副书记)."""
    src = tmp_path / "e.json"
    data = {"seats": 2, "candidates": ["李四", "张三"], "posts": {"书记": "张三", "副书记": "李四"}}
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "b.docx"
    assert main(["ballot", str(src), "--out", str(out), "--tally", str(tmp_path / "t.docx")]) == 0
    _, rows = texts(out)
    assert rows[1][0] == "书记候选人" and rows[1][1] == "张三" and rows[2][0] == "副书记候选人"


def test_bad_election_file_exits_2_naming_the_key(tmp_path, capsys):
    """It refuses a file without seats or candidates, one line per key."""
    src = tmp_path / "e.json"
    src.write_text('{"seats": 0, "candidates": "张三"}', encoding="utf-8")
    assert main(["ballot", str(src), "--out", str(tmp_path / "b.docx")]) == 2
    err = capsys.readouterr().err
    assert "“seats”" in err and "“candidates”" in err and not (tmp_path / "b.docx").exists()
