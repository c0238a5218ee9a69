"""工作区与设置: workspaces (choose, create, rename, delete, export, import), database path, policy."""

import os
from functools import partial

import streamlit as st

from model.rules.policy import BASES, Policy
from model.rules.settings import COUNT_BASES, changed_settings
from storage.store import ENV_VAR, StoreError
from ui import auth, state, widgets, workspace_forms

st.title("工作区与设置")
st.caption(
    "工作区保存一套完整的工作数据：学会名册及修改记录、规划方案、情景、选举和设置。"
    "数据随时自动保存在本机数据库中，刷新页面、打开新标签页或重启程序都不会丢失。"
)

store = state.store()
current = state.workspace_name()

st.subheader("当前工作区")
workspace_forms.workspace_picker(store.workspaces(), current)

try:
    c1, c2 = st.columns(2)
    with c1:
        workspace_forms.create_form(store)
    with c2:
        workspace_forms.rename_form(store, current)
    workspace_forms.delete_expander(store, current)

    st.subheader("导出与导入")
    st.caption("导出文件（.json）包含当前工作区的全部数据，可备份或拷贝到另一台电脑导入。")
    widgets.download_json(
        "导出当前工作区", partial(store.export_workspace, current), f"{current}.workbench.json", key="dl_workspace"
    )
    workspace_forms.import_upload(store)
except StoreError as exc:
    st.error(str(exc))

st.subheader("数据保存位置")
st.code(str(state.db_path()), language=None)
if os.environ.get(ENV_VAR, "").strip():
    st.caption(f"位置由环境变量 {ENV_VAR} 指定。")
elif auth.office_mode():
    st.caption("办公室模式下，数据库位置由服务器管理员设置。")
else:
    workspace_forms.db_path_form()

st.subheader("规划规则设置")
policy = state.policy()
st.caption(workspace_forms.settings_note(policy))
with st.form("policy"):
    values = workspace_forms.threshold_inputs(policy)
    basis = st.radio(
        "党员统计口径",
        COUNT_BASES,
        index=COUNT_BASES.index(policy.count_basis),
        horizontal=True,
        help="理事会党员（青海指南、中国科协）或秘书处专职工作人员党员（吉林）。默认：理事会",
    )
    bases = st.multiselect(
        "允许的联合组建方式",
        BASES,
        default=list(policy.bases),
        placeholder=widgets.PICK,
        help="同业共建：学科类别相同；区域联建：所在地相同或相邻；挂靠组建：支撑单位相同。默认：三种均可",
    )
    if st.form_submit_button("保存设置", type="primary", disabled=auth.read_only()):
        workspace_forms.save_policy(policy, basis, bases, values)
if st.button("恢复规定默认值", disabled=not changed_settings(policy) or auth.read_only()):
    state.set_policy(Policy())
    st.rerun()
