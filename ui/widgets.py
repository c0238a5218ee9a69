"""Small render helpers shared by the pages: findings table, notices, downloads.

Every user-supplied string is rendered as data (dataframes, plain text), never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import streamlit as st

from model.findings import Finding
from model.roster.values import Roster
from model.roster.workbook_io import RawBook, cell_text

__all__ = [
    "finding_rows",
    "findings_table",
    "roster_notice",
    "no_roster_notice",
    "download_xlsx",
    "download_json",
    "error_lines",
    "md_text",
    "raw_row",
    "history_rows",
    "has_edits",
    "XLSX_MIME",
    "require_valid_roster",
    "sheet_rows",
    "PICK",
    "UPLOADER_CSS",
]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROSTER_PAGE = "app_pages/roster.py"
PICK = "请选择"  # placeholder of every multiselect (Streamlit's default is English)
# Streamlit's file uploader has English built in ("Upload", "50MB per file • XLSX"): swap the words.
# Constant CSS, no user text (app.py injects it once per run).
UPLOADER_CSS = (
    "<style>[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p{font-size:0}"
    "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer'] p::after"
    "{content:'选择文件';font-size:0.875rem}"
    "[data-testid='stFileUploaderDropzoneInstructions'] span{font-size:0}"
    "[data-testid='stFileUploaderDropzoneInstructions'] span::after"
    "{content:'或将文件拖到此处（单个文件不超过50MB）';font-size:0.875rem}</style>"
)


def finding_rows(findings: Iterable[Finding]) -> list[dict]:
    """One display row per finding, Chinese headers."""
    return [
        {"级别": f.severity, "工作表": f.sheet or "", "行": f.row, "列": f.column or "", "说明": f.message}
        for f in findings
    ]


def findings_table(findings: Sequence[Finding], key: str) -> Finding | None:
    """The findings as a selectable table; returns the selected finding, if any."""
    event = st.dataframe(
        finding_rows(findings),
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        column_config={"行": st.column_config.NumberColumn("行", format="%d")},
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    return findings[rows[0]] if rows and rows[0] < len(findings) else None


def roster_notice(roster: Roster) -> None:
    """A notice when the roster has errors, linking to the roster page."""
    if not roster.societies:
        no_roster_notice()
    elif roster.errors:
        st.warning(
            f"名册有 {len(roster.errors)} 处错误，以下数字可能不准确。请先到“学会名册”页修正。",
            icon=":material/warning:",
        )
        st.page_link(ROSTER_PAGE, label="前往学会名册修正错误", icon=":material/table_view:")


def require_valid_roster(roster: Roster) -> None:
    """Stop the page with a Chinese notice unless the roster has societies and no errors."""
    if not roster.societies or roster.errors:
        roster_notice(roster)
        if roster.societies:
            st.info("本页需要一份没有错误的名册：名册修正后，本页会按新名册显示。", icon=":material/info:")
        st.stop()


def sheet_rows(rows: Sequence[Sequence], header_rows: int = 1) -> list[dict]:
    """A register sheet's rows as display rows keyed by its own (Chinese) header cells.

    Several header rows are joined per column; blank or repeated headers get the column number.
    """
    head = [list(r) for r in rows[:header_rows]]
    width = max((len(r) for r in rows), default=0)
    names: list[str] = []
    for i in range(width):
        parts = [str(r[i]) for r in head if i < len(r) and str(r[i] or "").strip()]
        name = "／".join(dict.fromkeys(parts)) or f"第{i + 1}列"
        names.append(name if name not in names else f"{name}（第{i + 1}列）")
    return [
        {n: "" if i >= len(r) or r[i] is None else str(r[i]) for i, n in enumerate(names)} for r in rows[header_rows:]
    ]


def no_roster_notice() -> None:
    st.info("当前工作区还没有可用的学会名册。请到“学会名册”页上传名册，或下载空白模板填写。", icon=":material/info:")
    st.page_link(ROSTER_PAGE, label="前往学会名册", icon=":material/table_view:")


# ``data`` may be a no-argument callable: it then runs only when the user clicks (large files).
def download_xlsx(
    label: str, data: bytes | Callable[[], bytes], file_name: str, key: str, help: str | None = None
) -> None:
    st.download_button(
        label, data=data, file_name=file_name, mime=XLSX_MIME, key=key, help=help, icon=":material/download:"
    )


def download_json(
    label: str, data: bytes | Callable[[], bytes], file_name: str, key: str, help: str | None = None
) -> None:
    st.download_button(
        label, data=data, file_name=file_name, mime="application/json", key=key, help=help, icon=":material/download:"
    )


def error_lines(findings: Iterable[Finding], limit: int = 8) -> str:
    """Plain text of the first errors, for st.error (markdown-safe: one finding per line)."""
    items = [f.line() for f in findings]
    more = f"\n\n…另有{len(items) - limit}处" if len(items) > limit else ""
    return "\n\n".join(_plain(i) for i in items[:limit]) + more


def _plain(text: str) -> str:
    """Escape Markdown so a user-supplied name renders as text (st.error renders Markdown)."""
    for ch in "\\`*_{}[]()#+-.!|<>~$":
        text = text.replace(ch, "\\" + ch)
    return text


md_text = _plain


def raw_row(book: RawBook, sheet: str | None, row: int | None) -> list[dict]:
    """The cells of Excel row ``row`` on ``sheet`` as one display row (empty when not found)."""
    for s in book.sheets:
        if sheet in (s.name, s.title):
            for number, cells in s.rows:
                if number == row:
                    values = {h or f"第{i + 1}列": cell_text(c) for i, (h, c) in enumerate(zip(s.headers, cells))}
                    return [{"行": number, **values}]
    return []


def history_rows(history: Sequence[tuple[str, str]]) -> list[dict]:
    return [{"保存时间": saved.replace("T", " "), "操作": note} for saved, note in history]


def has_edits(key: str) -> bool:
    """Whether the st.data_editor with ``key`` holds edits worth saving.

    A freshly added blank row is not saved yet (saving would drop it before the user types).
    """
    delta = st.session_state.get(key) or {}
    added = any(any(v not in (None, "") for v in row.values()) for row in delta.get("added_rows") or ())
    return bool(delta.get("edited_rows") or delta.get("deleted_rows") or added)
