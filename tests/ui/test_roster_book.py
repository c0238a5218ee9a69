"""ui/roster_book.py: the 撤销 button's help."""

from __future__ import annotations

from ui import roster_book


def test_last_change_names_the_latest_note_escaped():
    """It names the latest change (Markdown escaped), and nothing before any change."""
    assert roster_book.last_change([("2026-01-02T10:00", "编辑工作表“学会”"), ("2026-01-01T09:00", "上传 a.xlsx")]) == (
        "上一次：编辑工作表“学会”"
    )
    assert roster_book.last_change([("2026-01-01T09:00", "上传 a_b.xlsx")]) == "上一次：上传 a\\_b\\.xlsx"
    assert roster_book.last_change([]) is None
