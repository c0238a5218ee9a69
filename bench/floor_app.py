"""The framework's floor: a one-widget Streamlit app; bench/bench_browser.py times its rerun as the unit."""

import streamlit as st

ticked = st.checkbox("勾选")
st.write("已勾选" if ticked else "未勾选")
