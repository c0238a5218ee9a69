"""学会名册: upload, findings, in-place editing with re-validation and undo, downloads."""

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from model.findings import InputError
from model.roster.loading import (
    RawBook,
    blank_template_xlsx,
    frames_to_raw,
    parse_roster,
    read_raw,
    roster_frames,
    write_roster_xlsx,
)
from model.roster.values import Roster
from ui import state, widgets


@st.cache_data(show_spinner="正在读取文件…", max_entries=4)
def read_upload(file_id: str, name: str, _data: bytes) -> tuple[RawBook, Roster]:
    book = read_raw(_data, name)
    return book, parse_roster(book)


@st.cache_data(show_spinner=False, max_entries=8)
def frames(digest: str, _raw: RawBook) -> dict[str, pd.DataFrame]:
    return roster_frames(_raw)


@st.cache_data(show_spinner=False)
def blank_xlsx() -> bytes:
    return blank_template_xlsx()


st.title("学会名册")
st.caption(
    "名册是全部统计、规划和文书的依据。可上传 Excel（.xlsx）或 CSV 文件，也可直接在下方表格中修改；"
    "每次修改都会自动保存并重新检查，可随时撤销。"
)
raw, roster, digest = state.raw(), state.roster(), state.roster_digest()

st.subheader("上传名册")
upload = st.file_uploader(
    "选择名册文件（Excel .xlsx 或 .csv）",
    type=["xlsx", "csv"],
    key=state.upload_key(),
    help="表头与标准模板一致（可先下载空白模板填写）。上传后先检查，确认后才替换当前名册。",
)
if upload is not None:
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
        disabled=not new_roster.societies,
        help="替换后仍可用“撤销上一次修改”恢复原名册",
    ):
        state.save_raw(new_raw, note=f"上传 {upload.name}")
        state.clear_upload()
        st.rerun()
    if c2.button("放弃此文件"):
        state.clear_upload()
        st.rerun()

st.subheader("检查结果")
n_err = len(roster.errors)
st.caption(
    f"当前名册：{Path(raw.filename).name}；{len(roster.societies)} 个学会，{len(roster.members)} 名党员；"
    f"{n_err} 处错误，{len(roster.findings) - n_err} 处警告。选中一行可查看名册中对应的行。"
)
if roster.findings:
    chosen = widgets.findings_table(list(roster.findings), key=f"findings_{digest}")
    if chosen is not None:
        row = widgets.raw_row(raw, chosen.sheet, chosen.row)
        if row:
            st.dataframe(row, hide_index=True, width="stretch")
        else:
            st.info("此问题不对应名册中的某一行（例如缺少工作表或整列）。")
else:
    st.success("名册没有发现问题。")

st.subheader("编辑名册")
st.caption("双击单元格修改；表格底部可添加行，勾选行首后按删除键可删除行。修改即时保存。")
sheets = frames(digest, raw)
for tab, (sheet, frame) in zip(st.tabs(list(sheets)), sheets.items()):
    with tab:
        key = f"edit_{sheet}_{digest}"
        edited = st.data_editor(frame, key=key, num_rows="dynamic", width="stretch")
        if widgets.has_edits(key):
            state.save_raw(frames_to_raw({**sheets, sheet: edited}, raw.filename), note=f"编辑工作表“{sheet}”")
            st.rerun()

history = state.roster_history()
c1, c2, c3 = st.columns(3)
if c1.button(
    "撤销上一次修改",
    disabled=len(history) < 2,
    icon=":material/undo:",
    help=f"上一次：{widgets.md_text(history[0][1])}" if history else None,
):
    state.undo_roster()
    st.rerun()
with c2:
    widgets.download_xlsx(
        "下载当前名册（标准模板）",
        partial(write_roster_xlsx, raw),
        f"{state.workspace_name()}-学会名册.xlsx",
        key="dl_roster",
        help="按标准模板导出，保留额外列",
    )
with c3:
    widgets.download_xlsx(
        "下载空白模板", blank_xlsx(), "学会名册模板.xlsx", key="dl_blank", help="含填表说明和一行示例"
    )
with st.expander(f"修改记录（保留最近 {len(history)} 次）"):
    st.dataframe(widgets.history_rows(history), hide_index=True, width="stretch")
