"""姓氏笔画 order: how candidates are listed on ballots and in candidate lists (选举条例: 候选人按姓氏笔画为序).

Names are ordered by the surname's number of strokes, then by its strokes in the order
横、竖、撇、点、折, then the same for the next character (a shorter name before a longer one
that begins like it). The stroke data come from the package ``cn-sort`` (MIT): its table
gives every character a rank that encodes exactly that (stroke count, then stroke order).
We read the table directly and never import ``cn_sort`` itself, whose import reconfigures
the root logger and writes log files into the working directory.

>>> stroke_sorted(["王五", "方六", "毛七", "丁一", "白八", "马五", "王大", "王小二"])
['丁一', '马五', '王大', '王小二', '王五', '毛七', '方六', '白八']
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["stroke_key", "stroke_sorted", "StrokeDataMissing"]


class StrokeDataMissing(RuntimeError):
    """The stroke table of cn-sort is not installed."""


@cache
def _ranks() -> dict[str, int]:
    spec = importlib.util.find_spec("cn_sort")  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise StrokeDataMissing("未安装 cn-sort（姓氏笔画数据），无法按姓氏笔画排序")
    table = Path(next(iter(spec.submodule_search_locations))) / "res" / "all_word.json"
    entries = json.loads(table.read_text(encoding="utf-8"))["all_word"]
    return {e["chinese"]: int(e["stroke_increment_level"]) for e in entries}


def stroke_key(name: str) -> tuple[tuple[int, int], ...]:
    """The sort key of a name: each character's stroke rank (characters without one after all
    that have one, by code point), so names beginning alike are ordered by the next character."""
    ranks = _ranks()
    return tuple((0, ranks[ch]) if ch in ranks else (1, ord(ch)) for ch in name.strip())


def stroke_sorted(names: Iterable[str]) -> list[str]:
    """The names in 姓氏笔画 order (equal names keep their order)."""
    return sorted(names, key=stroke_key)
