"""学会党建规划工作台 — Streamlit entry point: st.navigation over the pages in app_pages/.

Before any page: the Host check and, in office mode, the login (ui/auth.py); a database that cannot
be used is said in Chinese with a way back; the 只读 and 示例数据 banners; the conflict notices of
ui/state.py. A storage problem or a viewer's refused write inside a page is shown here, once, for all pages.
"""

from pathlib import Path

import streamlit as st

from storage.store import ReadOnly, StorageFailure, StoreError
from ui import auth, state, warmup, widgets, workspace_forms

ICON = Path(__file__).with_name("static") / "icon.png"  # a local file: the tab's icon fetches nothing from outside

st.set_page_config(page_title="学会党建规划工作台", page_icon=str(ICON), layout="wide")
if not auth.host_allowed():
    st.error("此地址不被本工作台接受。请使用管理员告知的地址打开。")
    st.stop()
try:
    auth.require_login(state.store())
    state.init()
except StorageFailure as exc:
    workspace_forms.storage_recovery(exc)
    st.stop()

pages = {
    "总览": [
        st.Page("app_pages/home.py", title="覆盖情况总览", icon=":material/dashboard:", default=True),
        st.Page("app_pages/roster.py", title="学会名册", icon=":material/table_view:"),
    ],
    "规划与选举": [
        st.Page("app_pages/planner.py", title="联合党支部规划", icon=":material/hub:"),
        st.Page("app_pages/graph.py", title="组织架构图", icon=":material/account_tree:"),
        st.Page("app_pages/election.py", title="换届选举", icon=":material/how_to_vote:"),
        st.Page("app_pages/documents.py", title="文书与台账", icon=":material/description:"),
    ],
    "设置": [
        st.Page("app_pages/workspace.py", title="工作区与设置", icon=":material/settings:"),
        st.Page("app_pages/audit.py", title="修改记录（留痕）", icon=":material/history:"),
    ],
}
page = st.navigation(pages)
st.markdown(widgets.UPLOADER_CSS, unsafe_allow_html=True)  # constant CSS: Chinese words on the uploader
try:
    workspace_forms.sidebar_status()
    workspace_forms.banners()
    state.page_opened(page.url_path)
    state.notices()
    page.run()
except ReadOnly as exc:
    st.warning(str(exc))
except StorageFailure as exc:
    workspace_forms.storage_recovery(exc)
except StoreError as exc:
    st.error(str(exc))
warmup.start()  # once per process, after the first page: the heavy libraries load in the background
