"""学会党建规划工作台 — Streamlit entry point: st.navigation over the pages in app_pages/."""

from pathlib import Path

import streamlit as st

from ui import state, widgets

ICON = Path(__file__).with_name("static") / "icon.png"  # a local file: the tab's icon fetches nothing from outside

st.set_page_config(page_title="学会党建规划工作台", page_icon=str(ICON), layout="wide")
state.init()

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
    ],
}
page = st.navigation(pages)
st.markdown(widgets.UPLOADER_CSS, unsafe_allow_html=True)  # constant CSS: Chinese words on the uploader
with st.sidebar:
    st.caption("学会党建规划工作台")
    st.caption("当前工作区：" + widgets.md_text(state.workspace_name()))
page.run()
