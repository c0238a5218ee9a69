"""姓氏笔画 order (model.election.stroke_order), on names whose order was checked by hand.

Hand checks (strokes, then the first differing stroke in the order 横竖撇点折):
丁(2, 横) 卜(2, 竖); 王(4, 横) 毛(4, 撇) 方(4, 点); 刘(6, 点) 孙(6, 折);
李(7, 横) 吴(7, 竖) 张(7, 折: 横折 then 横) 陈(7, 折: 横撇弯钩 then 竖); 周(8, 撇) 郑(8, 点);
赵(9) 钱(10). Same surname: 王三 (三: 横横横) before 王大 (大: 横撇捺) before 王小明 (小: 竖) before
王五 (五 has 4 strokes); 王 alone first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from model.election.draft import ElectionDraft
from model.election.electorate import Voter
from model.election.stroke_order import stroke_key, stroke_sorted


def test_surnames_by_strokes_then_stroke_order():
    """It orders surnames by stroke count, then 横竖撇点折 — 王 毛 方, which ICU's stroke collation gets wrong."""
    names = ["钱", "赵", "郑", "周", "陈", "张", "吴", "李", "孙", "刘", "方", "毛", "王", "卜", "丁"]
    assert stroke_sorted(names) == [
        "丁",
        "卜",
        "王",
        "毛",
        "方",
        "刘",
        "孙",
        "李",
        "吴",
        "张",
        "陈",
        "周",
        "郑",
        "赵",
        "钱",
    ]


def test_same_surname_by_the_next_character():
    """It orders names with one surname by the next character, a shorter name first."""
    assert stroke_sorted(["王五", "王小明", "王大", "王三", "王"]) == ["王", "王三", "王大", "王小明", "王五"]


def test_odd_characters_go_last_and_equal_names_keep_their_order():
    """It puts characters without stroke data after the rest and keeps duplicates stable."""
    assert stroke_sorted(["𠀀", "王五", "王五"]) == ["王五", "王五", "𠀀"]
    assert stroke_sorted(["买买提·艾力", "买买提"]) == ["买买提", "买买提·艾力"]
    assert stroke_key(" 王 ") == stroke_key("王")


def test_the_draft_lists_candidates_in_stroke_order():
    """It keeps the election's candidates (ballot and tally order) and the choices in 姓氏笔画 order."""
    members = [Voter(n) for n in ("张三", "方六", "王五", "李四")]
    d = ElectionDraft.new("甲学会党支部", "党支部").with_setup(
        members=members, seats=1, mode="差额", candidates=["张三", "方六", "王五"]
    )
    assert d.candidates == ("王五", "方六", "张三")
    assert d.eligible_candidates() == ["王五", "方六", "李四", "张三"]


def test_reading_the_table_writes_no_log_files(tmp_path, monkeypatch):
    """It reads cn-sort's table without importing cn_sort, which would write all.log into the working folder."""
    monkeypatch.chdir(tmp_path)
    level = logging.getLogger().level
    stroke_sorted(["王", "方"])
    assert list(Path(tmp_path).iterdir()) == [] and logging.getLogger().level == level
