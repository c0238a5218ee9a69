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


def test_merge_page_replaces_only_the_edited_page():
    """It puts an edited page back in place: rows before and after unchanged, a row added on the page kept there."""
    import pandas as pd

    frame = pd.DataFrame({"学会名称": [f"第{i}学会" for i in range(7)]}, index=range(2, 9))
    start, end = roster_book.page_bounds(len(frame), 2, size=3)
    assert (start, end) == (3, 6)
    page = frame.iloc[start:end].copy()
    page.iloc[0, 0] = "改名学会"
    page = pd.concat([page, pd.DataFrame({"学会名称": ["新学会"]})])
    whole = roster_book.merge_page(frame, start, end, page)
    assert list(whole["学会名称"]) == [
        "第0学会",
        "第1学会",
        "第2学会",
        "改名学会",
        "第4学会",
        "第5学会",
        "新学会",
        "第6学会",
    ]
    assert roster_book.page_bounds(7, 3, size=3) == (6, 7)
