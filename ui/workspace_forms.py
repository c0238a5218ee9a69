"""The workspace page's forms (app_pages/workspace.py): pick, create, rename, delete, export, import; settings.

A :class:`storage.store.StoreError` (a taken name, a foreign file …) propagates: the page shows it.
"""

from __future__ import annotations

import streamlit as st

from model.rules.policy import Policy
from model.rules.settings import SETTINGS, changed_settings, check_policy, policy_with
from storage.store import Store, StoreError, set_default_path
from ui import state

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
        names,
        key="ws_select",
        on_change=switch_workspace,
        help="切换后各页面显示所选工作区的数据；下次打开程序时仍打开它。",
    )


def create_form(store: Store) -> None:
    """新建工作区: a name, then create it and switch to it."""
    with st.form("create_ws", clear_on_submit=True):
        new_name = st.text_input("新建工作区", placeholder="例如：2026年规划", max_chars=60)
        if st.form_submit_button("新建并切换"):
            state.set_workspace(store.create_workspace(new_name))
            st.rerun()


def rename_form(store: Store, current: str) -> None:
    """重命名当前工作区."""
    with st.form("rename_ws"):
        renamed = st.text_input("重命名当前工作区", value=current, max_chars=60)
        if st.form_submit_button("重命名"):
            state.set_workspace(store.rename_workspace(current, renamed))
            st.rerun()


def delete_expander(store: Store, current: str) -> None:
    """删除当前工作区, only after ticking the confirmation; then the store's current workspace is shown."""
    with st.expander("删除当前工作区"):
        sure = st.checkbox(
            f"我确认删除工作区“{current}”及其中全部数据（不可恢复，建议先导出）", key=f"confirm_delete_{current}"
        )
        if st.button("删除", type="primary", disabled=not sure):
            store.delete_workspace(current)
            state.set_workspace(store.current_workspace())
            st.rerun()


def import_upload(store: Store) -> None:
    """导入工作区文件: once a file is chosen, a name for the new workspace and the import button."""
    upload = st.file_uploader("导入工作区文件", type=["json"], key="ws_import")
    if upload is None:
        return
    target = st.text_input("导入为新工作区，名称", value=store.unique_name(upload.name.split(".")[0]))
    if st.button("导入并切换"):
        state.set_workspace(store.import_workspace(upload.getvalue(), target))
        st.rerun()


def db_path_form() -> None:
    """改用另一个数据库文件 (a refused path shows why)."""
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
