"""The roster page's sections (app_pages/roster.py): the upload awaiting confirmation, the findings, the editors.

Reading an upload and splitting the roster into editable sheets are cached on the file id and
the roster digest (shared, never copied: nothing here mutates them); every edit is saved at once as a new roster version (kept for 撤销).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from model.findings import InputError
from model.roster.loading import RawBook, blank_template_xlsx, frames_to_raw, parse_roster, read_raw, roster_frames
from model.roster.values import Roster
from storage.store import ReadOnly, StorageFailure, StoreError
from ui import auth, state, widgets, workspace_forms

__all__ = [
    "read_upload",
    "frames",
    "blank_xlsx",
    "upload_review",
    "findings_section",
    "sheet_editors",
    "page_bounds",
    "merge_page",
    "last_change",
    "PAGE_ROWS",
]

PAGE_ROWS = 500  # rows per editor page: a city roster (10,000 societies, 50,000 members) is edited a page at a time


# cache_resource, not cache_data: the values are frozen (RawBook, Roster) or never mutated (the frames), and
# cache_data would unpickle a copy on every hit — 1–2 s per run for a 10,000-society roster (docs/performance.md).
@st.cache_resource(show_spinner="正在读取并检查文件…", max_entries=4)
def read_upload(file_id: str, name: str, _data: bytes) -> tuple[RawBook, Roster]:
    book = read_raw(_data, name)
    return book, parse_roster(book)


@st.cache_resource(show_spinner=False, max_entries=8)
def frames(digest: str, _raw: RawBook) -> dict[str, pd.DataFrame]:
    return roster_frames(_raw)


@st.cache_data(show_spinner=False)
def blank_xlsx() -> bytes:
    return blank_template_xlsx()


def upload_review(upload: Any) -> None:
    """An uploaded file (from st.file_uploader) checked before it replaces the roster: counts, findings, two buttons.

    A file that cannot be read at all shows why and stops the page.
    """
    try:
        new_raw, new_roster = read_upload(upload.file_id, upload.name, upload.getvalue())
    except InputError as exc:
        st.error("无法读取此文件：\n\n" + widgets.error_lines(exc.findings))
        st.stop()
    errors = len(new_roster.errors)
    st.markdown(
        f"**{widgets.md_text(upload.name)}**：{len(new_roster.societies)} 个学会，"
        f"{errors} 处错误，{len(new_roster.findings) - errors} 处警告。当前名册尚未改动。"
    )
    if new_roster.findings:
        st.dataframe(widgets.finding_rows(new_roster.findings), hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    if c1.button(
        "用此文件替换当前名册",
        type="primary",
        disabled=(not new_roster.societies) or auth.read_only(),
        help="替换后仍可用“撤销上一次修改”恢复原名册",
    ):
        state.save_raw(new_raw, note=f"上传 {upload.name}")
        state.clear_upload()
        st.rerun()
    if c2.button("放弃此文件"):
        state.clear_upload()
        st.rerun()


def findings_section(raw: RawBook, roster: Roster, digest: str) -> None:
    """The roster's findings as a selectable table, with the roster row of the selected one; or that all is well."""
    if not roster.findings:
        st.success("名册没有发现问题。")
        return
    chosen = widgets.findings_table(list(roster.findings), key=f"findings_{digest}")
    if chosen is None:
        return
    row = widgets.raw_row(raw, chosen.sheet, chosen.row)
    if row:
        st.dataframe(row, hide_index=True, width="stretch")
    else:
        st.info("此问题不对应名册中的某一行（例如缺少工作表或整列）。")


def sheet_editors(raw: RawBook, digest: str) -> None:
    """One tab per sheet with an editor; an edit is saved as a new roster version and the page reruns."""
    sheets = frames(digest, raw)
    tabs = st.tabs(list(sheets))
    for tab, sheet in zip(tabs, sheets):
        with tab:
            _sheet_editor(raw, digest, sheet)


def page_bounds(rows: int, page: int, size: int = PAGE_ROWS) -> tuple[int, int]:
    """The [start, end) rows of 1-based ``page`` of a sheet of ``rows`` rows (the last page may be short).

    >>> page_bounds(1200, 1), page_bounds(1200, 3), page_bounds(0, 1)
    ((0, 500), (1000, 1200), (0, 0))
    """
    start = (page - 1) * size
    return start, min(start + size, rows)


def merge_page(frame: pd.DataFrame, start: int, end: int, edited: pd.DataFrame) -> pd.DataFrame:
    """The whole sheet with rows [start, end) replaced by the edited page (rows added or deleted there included)."""
    return pd.concat([frame.iloc[:start], edited, frame.iloc[end:]])


@st.fragment
def _sheet_editor(raw: RawBook, digest: str, sheet: str) -> None:
    """One sheet's editor, a page of PAGE_ROWS rows at a time; turning a page reruns this fragment only."""
    sheets = frames(digest, raw)
    frame = sheets[sheet]
    pages = max(1, -(-len(frame) // PAGE_ROWS))
    page = 1
    if pages > 1:
        page = st.number_input(
            f"页码（共 {pages} 页，每页 {PAGE_ROWS} 行，共 {len(frame)} 行）",
            min_value=1,
            max_value=pages,
            value=1,
            key=f"page_{sheet}_{digest}",
            help="名册较大时分页编辑；每页的修改即时保存。",
        )
    start, end = page_bounds(len(frame), page)
    key = f"edit_{sheet}_{digest}_{page}"
    edited = st.data_editor(
        frame.iloc[start:end], key=key, num_rows="dynamic", width="stretch", disabled=auth.read_only()
    )
    if widgets.has_edits(key):
        whole = merge_page(frame, start, end, edited)
        # a fragment's rerun does not pass through app.py's handler: storage problems are told here
        try:
            state.save_raw(frames_to_raw({**sheets, sheet: whole}, raw.filename), note=f"编辑工作表“{sheet}”")
        except ReadOnly as exc:
            st.warning(str(exc))
            return
        except StorageFailure as exc:
            workspace_forms.storage_recovery(exc)
            return
        except StoreError as exc:
            st.error(str(exc))
            return
        st.rerun(scope="app")


def last_change(history: list[tuple[str, str]]) -> str | None:
    """The 撤销 button's help: the latest change's note (None before any change)."""
    if not history:
        return None
    return f"上一次：{widgets.md_text(history[0][1])}"
