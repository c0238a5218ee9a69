"""学会名册: upload, findings, in-place editing with re-validation and undo, downloads."""

from functools import partial
from pathlib import Path

import streamlit as st

from model.roster.loading import write_roster_xlsx
from ui import auth, roster_book, state, widgets

st.title("学会名册")
st.caption(
    "名册是全部统计、规划和文书的依据。可上传 Excel（.xlsx）或 CSV 文件，也可直接在下方表格中修改；"
    "每次修改都会自动保存并重新检查，可随时撤销。"
)
raw = state.raw()
roster = state.roster()
digest = state.roster_digest()

st.subheader("上传名册")
upload = st.file_uploader(
    "选择名册文件（Excel .xlsx 或 .csv）",
    type=["xlsx", "csv"],
    key=state.upload_key(),
    help="表头与标准模板一致（可先下载空白模板填写）。上传后先检查，确认后才替换当前名册。",
    disabled=auth.read_only(),
)
if upload is not None:
    roster_book.upload_review(upload)

st.subheader("检查结果")
n_err = len(roster.errors)
st.caption(
    f"当前名册：{Path(raw.filename).name}；{len(roster.societies)} 个学会，{len(roster.members)} 名党员；"
    f"{n_err} 处错误，{len(roster.findings) - n_err} 处警告。选中一行可查看名册中对应的行。"
)
roster_book.findings_section(raw, roster, digest)

st.subheader("编辑名册")
st.caption("双击单元格修改；表格底部可添加行，勾选行首后按删除键可删除行。修改即时保存。")
roster_book.sheet_editors(raw, digest)

history = state.roster_history()
c1, c2, c3 = st.columns(3)
if c1.button(
    "撤销上一次修改",
    disabled=(len(history) < 2) or auth.read_only(),
    icon=":material/undo:",
    help=roster_book.last_change(history),
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
        "下载空白模板", roster_book.blank_xlsx(), "学会名册模板.xlsx", key="dl_blank", help="含填表说明和一行示例"
    )
with st.expander(f"修改记录（保留最近 {len(history)} 次）"):
    st.dataframe(widgets.history_rows(history), hide_index=True, width="stretch")
