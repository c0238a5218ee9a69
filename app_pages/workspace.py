"""工作区与设置: workspaces (choose, create, rename, delete, export, import), database path, policy."""

import os
from functools import partial

import streamlit as st

from model.rules.policy import BASES, Policy
from model.rules.settings import COUNT_BASES, SETTINGS, changed_settings, check_policy, policy_with
from storage.store import ENV_VAR, StoreError, set_default_path
from ui import state, widgets

st.title("工作区与设置")
st.caption(
    "工作区保存一套完整的工作数据：学会名册及修改记录、规划方案、情景、选举和设置。"
    "数据随时自动保存在本机数据库中，刷新页面、打开新标签页或重启程序都不会丢失。"
)

store, current = state.store(), state.workspace_name()
names = store.workspaces()


def switch() -> None:
    state.set_workspace(st.session_state["ws_select"])


st.subheader("当前工作区")
if st.session_state.get("ws_select") != current:
    st.session_state["ws_select"] = current
st.selectbox(
    "切换工作区",
    names,
    key="ws_select",
    on_change=switch,
    help="切换后各页面显示所选工作区的数据；下次打开程序时仍打开它。",
)

try:
    c1, c2 = st.columns(2)
    with c1.form("create_ws", clear_on_submit=True):
        new_name = st.text_input("新建工作区", placeholder="例如：2026年规划", max_chars=60)
        if st.form_submit_button("新建并切换"):
            state.set_workspace(store.create_workspace(new_name))
            st.rerun()
    with c2.form("rename_ws"):
        renamed = st.text_input("重命名当前工作区", value=current, max_chars=60)
        if st.form_submit_button("重命名"):
            state.set_workspace(store.rename_workspace(current, renamed))
            st.rerun()
    with st.expander("删除当前工作区"):
        sure = st.checkbox(
            f"我确认删除工作区“{current}”及其中全部数据（不可恢复，建议先导出）", key=f"confirm_delete_{current}"
        )
        if st.button("删除", type="primary", disabled=not sure):
            store.delete_workspace(current)
            state.set_workspace(store.current_workspace())
            st.rerun()

    st.subheader("导出与导入")
    st.caption("导出文件（.json）包含当前工作区的全部数据，可备份或拷贝到另一台电脑导入。")
    widgets.download_json(
        "导出当前工作区", partial(store.export_workspace, current), f"{current}.workbench.json", key="dl_workspace"
    )
    upload = st.file_uploader("导入工作区文件", type=["json"], key="ws_import")
    if upload is not None:
        target = st.text_input("导入为新工作区，名称", value=store.unique_name(upload.name.split(".")[0]))
        if st.button("导入并切换"):
            state.set_workspace(store.import_workspace(upload.getvalue(), target))
            st.rerun()
except StoreError as exc:
    st.error(str(exc))

st.subheader("数据保存位置")
st.code(str(state.db_path()), language=None)
if os.environ.get(ENV_VAR, "").strip():
    st.caption(f"位置由环境变量 {ENV_VAR} 指定。")
else:
    with st.form("db_path"):
        where = st.text_input(
            "改用另一个数据库文件",
            value=str(state.db_path()),
            help="例如共享盘上的文件。改动对之后打开的所有页面生效；原文件保留不动。",
        )
        if st.form_submit_button("改用此位置"):
            try:
                set_default_path(where)
                st.rerun()
            except StoreError as exc:
                st.error(str(exc))

st.subheader("规划规则设置")
policy = state.policy()
changed = changed_settings(policy)
st.caption(
    "默认值按党章、支部条例等规定设置，一般不需修改。修改只影响当前工作区。"
    + (f"当前已修改：{'、'.join(changed)}。" if changed else "当前全部为规定默认值。")
)
with st.form("policy"):
    values, cols = {}, st.columns(2)
    for i, spec in enumerate(SETTINGS):
        with cols[i % 2]:
            values[spec.field] = st.number_input(
                spec.label, spec.low, spec.high, getattr(policy, spec.field), step=1, help=spec.help or None
            )
            st.caption(f"规定默认值：{spec.default}　依据：{spec.source}")
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
    if st.form_submit_button("保存设置", type="primary"):
        new = policy_with(policy, count_basis=basis, bases=bases, **values)
        problems = check_policy(new)
        if problems:
            st.error("设置未保存：" + "；".join(problems))
        else:
            state.set_policy(new)
            st.rerun()
if st.button("恢复规定默认值", disabled=not changed):
    state.set_policy(Policy())
    st.rerun()
