"""学会党建规划工作台 — Streamlit entry point: navigation over the pages in pages/."""
import streamlit as st

st.set_page_config(page_title="学会党建规划工作台", page_icon="🏛️", layout="wide")

pages = {
    "总览": [
        st.Page("pages/home.py", title="覆盖情况总览", icon="📊", default=True),
        st.Page("pages/roster.py", title="学会名册", icon="📋"),
    ],
    "规划与选举": [
        st.Page("pages/planner.py", title="联合党支部规划", icon="🧩"),
        st.Page("pages/graph.py", title="组织架构图", icon="🕸️"),
        st.Page("pages/election.py", title="换届选举", icon="🗳️"),
        st.Page("pages/documents.py", title="文书与台账", icon="📄"),
    ],
    "设置": [
        st.Page("pages/workspace.py", title="工作区与设置", icon="⚙️"),
    ],
}
st.navigation(pages).run()
