"""The planner page's "who could join whom" section, readable at province size (one render function).

Three views of the compatibility graph: summed by 学科类别, summed by 所在地, or one society and
the candidates it could join. The drawings are cached on the roster digest, the policy and the
coordinator's together/apart wishes (the same inputs as the plan).
"""

from __future__ import annotations

import streamlit as st

from model.graph.compat import class_graph, class_graph_html, class_rows, neighbourhood_html, partner_rows
from model.planning.compat import compatibility_graph
from model.roster.values import Roster
from model.rules.policy import Policy

__all__ = ["VIEWS", "compat_section", "cached_classes", "cached_neighbourhood", "cached_candidates"]

VIEWS = {"按学科类别汇总": "industry", "按所在地汇总": "region", "看某个学会能和谁联合": "society"}
HEIGHT = 560


@st.cache_data(show_spinner="正在汇总相容关系…", max_entries=16)
def cached_classes(digest: str, policy: Policy, together: tuple, apart: tuple, by: str, _roster: Roster):
    """(html, rows) of the class graph."""
    cg = class_graph(compatibility_graph(_roster, policy, together=together, apart=apart), by)
    return class_graph_html(cg), class_rows(cg)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_candidates(digest: str, policy: Policy, together: tuple, apart: tuple, _roster: Roster) -> list[str]:
    """Candidate names, those with the fewest partners first (they need attention first)."""
    g = compatibility_graph(_roster, policy, together=together, apart=apart)
    return sorted(g.nodes, key=lambda n: (g.degree(n), n))


@st.cache_data(show_spinner="正在绘制…", max_entries=32)
def cached_neighbourhood(
    digest: str, policy: Policy, together: tuple, apart: tuple, society: str, radius: int, _roster: Roster
):
    """(html, rows) of one society's neighbourhood."""
    g = compatibility_graph(_roster, policy, together=together, apart=apart)
    return neighbourhood_html(g, society, radius), partner_rows(g, society)


def compat_section(roster: Roster, digest: str, policy: Policy, together: tuple, apart: tuple) -> None:
    """The section: a choice of view, the drawing, and its table."""
    view = st.radio("怎么看", list(VIEWS), horizontal=True, key="cv_view")
    by = VIEWS[view]
    if by != "society":
        html, rows = cached_classes(digest, policy, together, apart, by, roster)
        if not rows:
            st.info("没有联合党支部候选学会（正式党员1–2名的学会）。")
            return
        st.caption("每个圆点是一类候选学会（正式党员1–2名），连线上的数字是两类之间可以联合的学会对数。")
        st.iframe(html, height=HEIGHT)  # names escaped by the template
        st.table(rows, hide_index=True)  # st.table: no English toolbar
        return
    names = cached_candidates(digest, policy, together, apart, roster)
    if not names:
        st.info("没有联合党支部候选学会（正式党员1–2名的学会）。")
        return
    c1, c2 = st.columns([3, 1])
    society = c1.selectbox("选择学会（可联合对象最少的排在前面）", names, key="cv_society", placeholder="请选择")
    radius = c2.radio("范围", [1, 2], format_func=lambda r: "直接可联合" if r == 1 else "再扩一层", key="cv_radius")
    html, rows = cached_neighbourhood(digest, policy, together, apart, society, radius, roster)
    if not rows:
        st.warning(f"“{society}”没有可以联合的候选学会：可考虑派驻党建工作指导员，或由支撑单位党组织兼管。")
    st.iframe(html, height=HEIGHT)  # names escaped by the template
    st.table(rows, hide_index=True)  # st.table: no English toolbar
