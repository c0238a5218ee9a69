"""Reading one cell as people really type it: spaces, full-width digits, text numbers, dates.

Each reader returns ``(value, error, note)``: ``error`` refuses the cell (the value is
then None), ``note`` accepts it but names a reinterpretation (a warning). Messages are
Chinese and name the rule and the bad value.

>>> read_count("３", "csv")
(3, None, '全角数字“３”已按3读取')
>>> read_count(2.5, "xlsx")[1]
'应为非负整数，实际为“2.5”（不是整数）'
>>> read_date("2025年6月30日")
(datetime.date(2025, 6, 30), None, None)
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from model.roster.workbook_io import Cell, cell_text

__all__ = ["clean_text", "read_count", "read_date", "to_halfwidth_digits"]

_BLANKS = " \t\r\n\u3000\u00a0\ufeff\u200b"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")  # cannot be stored in .xlsx (and \r becomes \n)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")
_INT_TEXT = re.compile(r"^\+?(\d+)(?:\.0*)?$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:\s+0{1,2}:00(?::00)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)

Result = tuple[object, str | None, str | None]


def clean_text(value: Cell) -> str:
    """The cell as text without surrounding spaces (ASCII, full-width U+3000, NBSP),
    control characters an .xlsx cannot hold, or carriage returns (line breaks become \\n).

    >>> clean_text("\\u3000湖北省 某学会\\u00a0")
    '湖北省 某学会'
    """
    text = value if value.__class__ is str else cell_text(value)  # most cells are text already
    if not text.isprintable() and _CONTROL.search(text):  # isprintable() is the cheap test of the usual case
        text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip(_BLANKS)


def to_halfwidth_digits(text: str) -> str:
    """Full-width digits and the signs people type with them, as ASCII.

    >>> to_halfwidth_digits("２０２５／６／３０")
    '2025/6/30'
    """
    return text.translate(_FULLWIDTH)


def read_count(value: Cell, origin: str) -> tuple[int | None, str | None, str | None]:
    """A count: a non-negative integer; blank gives None (the caller decides if required).

    Numbers stored as text in a workbook are accepted with a note; in CSV or an edited
    table every cell is text, so no note there.

    >>> read_count(3.0, "xlsx"), read_count(" 3 ", "xlsx")[2]
    ((3, None, None), '数字以文本形式存储（“ 3 ”），已按3读取')
    >>> read_count("-1", "csv")[1], read_count("三", "csv")[1]
    ('应为非负整数，实际为“-1”（不能为负数）', '应为非负整数，实际为“三”')
    """
    shown = cell_text(value)
    if value is None or not shown.strip(_BLANKS):
        return None, None, None
    if isinstance(value, (bool, date, datetime, time)):
        return None, f"应为非负整数，实际为“{shown}”", None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return None, f"应为非负整数，实际为“{shown}”（不是整数）", None
        n = int(value)
        return (None, f"应为非负整数，实际为“{shown}”（不能为负数）", None) if n < 0 else (n, None, None)
    text = shown.strip(_BLANKS)
    half = to_halfwidth_digits(text)
    m = _INT_TEXT.match(half)
    if m is None:
        if re.match(r"^-\d+(\.0*)?$", half):
            return None, f"应为非负整数，实际为“{shown}”（不能为负数）", None
        if re.match(r"^[+-]?\d*\.\d+$", half):
            return None, f"应为非负整数，实际为“{shown}”（不是整数）", None
        return None, f"应为非负整数，实际为“{shown}”", None
    n = int(m.group(1))
    if half != text:
        return n, None, f"全角数字“{text}”已按{n}读取"
    if origin == "xlsx":
        return n, None, f"数字以文本形式存储（“{shown}”），已按{n}读取"
    return n, None, None


def read_date(value: Cell) -> tuple[date | None, str | None, str | None]:
    """A date: an Excel date, or text 2025-06-30, 2025/6/30, 2025.6.30 or 2025年6月30日.

    A bare number (maybe an Excel serial) or a day-month order is ambiguous: refused.

    >>> read_date(datetime(2025, 6, 30, 0, 0))
    (datetime.date(2025, 6, 30), None, None)
    >>> read_date("6/30/2025")[1]
    '应为日期（如 2025-06-30、2025/6/30 或 2025年6月30日），实际为“6/30/2025”'
    >>> read_date("2025-02-30")[1]
    '日期不存在：“2025-02-30”'
    """
    if value is None:
        return None, None, None
    if isinstance(value, datetime):
        return value.date(), None, None
    if isinstance(value, date):
        return value, None, None
    shown = cell_text(value)
    text = shown.strip(_BLANKS)
    if not text:
        return None, None, None
    if isinstance(value, (int, float, bool, time)):
        return (
            None,
            f"应为日期，实际为“{shown}”（单元格不是日期格式；如是 Excel 日期序号，请把单元格格式设为日期）",
            None,
        )
    half = to_halfwidth_digits(text)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(half)
        if m:
            groups = [g for g in m.groups() if g not in ("-", "/", ".")]
            try:
                d = date(int(groups[0]), int(groups[1]), int(groups[2]))
            except ValueError:
                return None, f"日期不存在：“{shown}”", None
            note = f"全角数字“{text}”已按{d.isoformat()}读取" if half != text else None
            return d, None, note
    return None, f"应为日期（如 2025-06-30、2025/6/30 或 2025年6月30日），实际为“{shown}”", None
