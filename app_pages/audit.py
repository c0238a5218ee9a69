"""修改记录（留痕）: every change to the workspace — who, when, what — filterable, and downloadable."""

import streamlit as st

from ui import audit_view, state

st.title("修改记录（留痕）")
st.caption(
    "工作区的每一次修改（名册编辑与上传、设置、规划方案与手工调整、情景、选举录入、导入、删除）都记录操作人、"
    "时间和内容，与数据保存在同一个数据库中，导出工作区时一并导出。记录不能在本页修改或删除。"
)

entries = state.store().audit(state.workspace_name())
chosen = audit_view.filters(entries)
st.dataframe(audit_view.rows(chosen), hide_index=True, width="stretch")
st.caption(audit_view.summary(chosen, entries))
audit_view.download(chosen, state.workspace_name())
