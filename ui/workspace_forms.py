"""The workspace page's forms (app_pages/workspace.py): pick, create, rename, delete, export, import; settings;
and what app.py shows around every page: the sidebar status, the 只读 / 示例数据 banners, and the way back
from a database that cannot be used.

A :class:`storage.store.StoreError` (a taken name, a foreign file …) propagates: the page shows it.
Every edit control is disabled for a viewer (``auth.read_only()``); the store refuses a viewer's writes anyway.
"""

from __future__ import annotations

import os

import streamlit as st

from model.rules.policy import Policy
from model.rules.settings import SETTINGS, changed_settings, check_policy, policy_with
from storage.store import ENV_VAR, StorageFailure, Store, StoreError, reset_default_path, set_default_path
from ui import auth, state, widgets

__all__ = [
    "switch_workspace",
    "workspace_picker",
    "create_form",
    "rename_form",
    "delete_expander",
    "import_upload",
    "db_path_form",
    "settings_note",
    "threshold_inputs",
    "save_policy",
    "storage_recovery",
    "sidebar_status",
    "banners",
]


def switch_workspace() -> None:
    """Callback of the 切换工作区 selectbox: show the chosen workspace."""
    state.set_workspace(st.session_state["ws_select"])


def workspace_picker(names: list[str], current: str) -> None:
    """The 切换工作区 selectbox, showing ``current`` (also after a switch made elsewhere)."""
    if st.session_state.get("ws_select") != current:
        st.session_state["ws_select"] = current
    st.selectbox(
        "切换工作区",
        names if current in names else [current, *names],  # a viewer's empty database: the workspace shown
        key="ws_select",
        on_change=switch_workspace,
        help="切换后各页面显示所选工作区的数据；下次打开程序时仍打开它。",
    )


def create_form(store: Store) -> None:
    """新建工作区: a name, then create it and switch to it."""
    with st.form("create_ws", clear_on_submit=True):
        new_name = st.text_input("新建工作区", placeholder="例如：2026年规划", max_chars=60)
        if st.form_submit_button("新建并切换", disabled=auth.read_only()):
            state.set_workspace(store.create_workspace(new_name))
            st.rerun()


def rename_form(store: Store, current: str) -> None:
    """重命名当前工作区."""
    with st.form("rename_ws"):
        renamed = st.text_input("重命名当前工作区", value=current, max_chars=60)
        if st.form_submit_button("重命名", disabled=auth.read_only()):
            state.set_workspace(store.rename_workspace(current, renamed))
            st.rerun()


def delete_expander(store: Store, current: str) -> None:
    """删除当前工作区, only after ticking the confirmation; then the store's current workspace is shown."""
    with st.expander("删除当前工作区"):
        sure = st.checkbox(
            f"我确认删除工作区“{current}”及其中全部数据（不可恢复，建议先导出）", key=f"confirm_delete_{current}"
        )
        if st.button("删除", type="primary", disabled=not sure or auth.read_only()):
            store.delete_workspace(current)
            state.set_workspace(store.current_workspace())
            st.rerun()


def import_upload(store: Store) -> None:
    """导入工作区文件: once a file is chosen, a name for the new workspace and the import button."""
    upload = st.file_uploader("导入工作区文件", type=["json"], key="ws_import", disabled=auth.read_only())
    if upload is None:
        return
    target = st.text_input("导入为新工作区，名称", value=store.unique_name(upload.name.split(".")[0]))
    if st.button("导入并切换"):
        state.set_workspace(store.import_workspace(upload.getvalue(), target))
        st.rerun()


def db_path_form() -> None:
    """改用另一个数据库文件 (a refused path shows why), and 恢复默认位置 (undoes a choice)."""
    with st.form("db_path"):
        where = st.text_input(
            "改用另一个数据库文件",
            value=str(state.db_path()),
            help="例如共享盘上的文件。改动对之后打开的所有页面生效；原文件保留不动。不是本工作台数据库的文件会被拒绝。",
        )
        if st.form_submit_button("改用此位置"):
            try:
                set_default_path(where)
                st.rerun()
            except StoreError as exc:
                st.error(str(exc))
    if st.button("恢复默认位置", key="db_default", help="改回本机用户数据文件夹中的数据库"):
        reset_default_path()
        st.rerun()


def storage_recovery(exc: StorageFailure) -> None:
    """The database cannot be used: why, that the last edit was not saved, and (locally) a way back."""
    if auth.office_mode() and not auth.user():
        st.error("工作台的数据库暂时无法使用，请联系管理员。")
        return
    st.error(f"数据库出现问题，刚才的操作未完成，修改未保存。\n\n{widgets.md_text(str(exc))}")
    if auth.office_mode():
        st.caption("数据库位置由服务器管理员设置，请联系管理员。")
        return
    if os.environ.get(ENV_VAR, "").strip():
        st.caption(f"数据库位置由环境变量 {ENV_VAR} 指定，请修改该环境变量后重新启动。")
        return
    try:
        db_path_form()
    except StoreError as again:
        st.error(str(again))


def sidebar_status() -> None:
    """The sidebar's lines: the workspace, and in office mode the account with its 退出 button."""
    with st.sidebar:
        st.caption("学会党建规划工作台")
        st.caption("当前工作区：" + widgets.md_text(state.workspace_name()))
        if auth.user():
            role = "只读" if auth.read_only() else "编辑"
            st.caption(f"登录账户：{widgets.md_text(auth.user())}（{role}）")
            if st.button("退出登录", key="logout"):
                auth.logout()
                st.rerun()


def banners() -> None:
    """One 只读 banner for a viewer, one 示例数据 banner while the generated sample roster is loaded."""
    if auth.read_only():
        st.info("只读：当前账户只能查看，不能修改任何数据。")
    if state.is_sample():
        st.warning(
            "示例数据：当前名册是程序生成的示例名册，其中的学会和人员均为虚构。"
            "请在“学会名册”页上传本单位的名册后再用于实际工作。"
        )


def settings_note(policy: Policy) -> str:
    """The caption above the settings: which settings differ from the regulation's defaults."""
    changed = changed_settings(policy)
    intro = "默认值按党章、支部条例等规定设置，一般不需修改。修改只影响当前工作区。"
    if changed:
        return intro + f"当前已修改：{'、'.join(changed)}。"
    return intro + "当前全部为规定默认值。"


def threshold_inputs(policy: Policy) -> dict[str, int]:
    """One number input per threshold in SETTINGS, in two columns, each with its default and source."""
    values = {}
    cols = st.columns(2)
    for i, spec in enumerate(SETTINGS):
        with cols[i % 2]:
            values[spec.field] = st.number_input(
                spec.label, spec.low, spec.high, getattr(policy, spec.field), step=1, help=spec.help or None
            )
            st.caption(f"规定默认值：{spec.default}　依据：{spec.source}")
    return values


def save_policy(policy: Policy, basis: str, bases: list[str], values: dict[str, int]) -> None:
    """Save the settings and rerun, or say why they were not saved."""
    new = policy_with(policy, count_basis=basis, bases=bases, **values)
    problems = check_policy(new)
    if problems:
        st.error("设置未保存：" + "；".join(problems))
    else:
        state.set_policy(new)
        st.rerun()
