"""The home page's dashboard (app_pages/home.py): the cached figures, the headline metrics, the group tabs."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from model.roster.values import Roster
from model.rules import coverage
from model.rules import coverage_tables as tables
from model.rules.coverage import Dashboard
from model.rules.coverage_tables import percent
from model.rules.policy import Policy
from ui import election_page

__all__ = ["GROUPS", "cached_dashboard", "problem_orgs", "headline_metrics", "group_tabs", "bar_spec", "bar_data"]

# (tab title, column label, the dashboard's rows for it)
GROUPS = (
    ("按所在地", "所在地", "by_region"),
    ("按学科类别", "学科类别", "by_industry"),
    ("按支撑单位", "支撑单位", "by_host"),
)
CHART_ROWS = 15  # the bar chart shows the largest groups; the table lists them all
BARS = ("已建党组织", "按规则应覆盖")
COLORS = ("#c0392b", "#f0b27a")


# cache_resource: the Dashboard is frozen, and cache_data would unpickle a copy on every rerun.
@st.cache_resource(show_spinner="正在统计覆盖情况…", max_entries=32)
def cached_dashboard(digest: str, policy_json: str, today: date, _roster: Roster, _policy: Policy) -> Dashboard:
    return coverage.dashboard(_roster, _policy, today=today)


def problem_orgs(d: Dashboard) -> int:
    """How many existing organizations break at least one rule."""
    return len({v.org for v in d.violations})


def headline_metrics(d: Dashboard) -> None:
    """Five metrics in a row: societies, organized and work coverage (against the rules), organizations, problems."""
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric("学会总数", d.now.units, help="名册“学会”表中的学会、协会、研究会数")
    c2.metric(
        "组织覆盖率",
        percent(d.now.organized_rate),
        f"按规则应达 {percent(d.required.organized_rate)}",
        delta_color="off",
        delta_arrow="off",
        help="已建立或加入党组织（含联合党支部）的学会 ÷ 学会总数",
    )
    c3.metric(
        "工作覆盖率",
        percent(d.now.work_rate),
        f"按规则应达 {percent(d.required.work_rate)}",
        delta_color="off",
        delta_arrow="off",
        help="有党组织或党建工作小组的学会 ÷ 学会总数；无正式党员的学会派驻指导员即实现工作覆盖",
    )
    c4.metric("现有党组织", len(d.orgs), help="按“现有党组织”名称归并：同名的学会属于同一个党组织")
    c5.metric("存在问题的党组织", problem_orgs(d), help="现有党组织中不符合规定的，见下方列表")


def group_tabs(d: Dashboard) -> None:
    """One tab per grouping (所在地, 学科类别, 支撑单位): a bar chart of the largest groups and the full table."""
    tabs = st.tabs([title for title, _, _ in GROUPS])
    for tab, (_, label, field) in zip(tabs, GROUPS):
        with tab:
            _group(pd.DataFrame(tables.group_table(getattr(d, field), label)), label)


def bar_spec(label: str) -> dict:
    """A Vega-Lite spec: horizontal bars per group, 已建党组织 (dark) beside 按规则应覆盖 (light), groups in table order.

    Written as a plain spec for ``st.vega_lite_chart``: ``st.bar_chart`` builds the same chart through
    Altair, whose import and conversion cost the first page ~2 s (docs/performance.md).
    """
    return {
        "mark": {"type": "bar"},
        "height": 420,
        "encoding": {
            "y": {"field": label, "type": "nominal", "sort": None, "title": label},
            "x": {"field": "数量", "type": "quantitative", "title": "学会数"},
            "yOffset": {"field": "系列", "sort": list(BARS)},
            "color": {
                "field": "系列",
                "type": "nominal",
                "scale": {"domain": list(BARS), "range": list(COLORS)},
                "legend": {"orient": "bottom", "title": None},
            },
            "tooltip": [
                {"field": label},
                {"field": "系列"},
                {"field": "数量", "type": "quantitative", "title": "学会数"},
            ],
        },
    }


def bar_data(table: pd.DataFrame, label: str) -> pd.DataFrame:
    """The chart's rows (long form): one per group of the first CHART_ROWS and series."""
    head = table.head(CHART_ROWS)
    return head.melt(id_vars=[label], value_vars=list(BARS), var_name="系列", value_name="数量")


def _group(table: pd.DataFrame, label: str) -> None:
    st.vega_lite_chart(bar_data(table, label), bar_spec(label), width="stretch")
    st.dataframe(table, hide_index=True, width="stretch")


def prepare_election(d: Dashboard, roster: Roster, policy: Policy) -> None:
    """From a term that ends soon to the election set-up of that organization."""
    by_name = {t.org: t for t in d.terms}
    c = st.columns([3, 1])
    name = c[0].selectbox("准备换届选举的党组织", list(by_name), key="home_term_org")
    if c[1].button("去准备换届选举", key="home_term_go", icon=":material/how_to_vote:"):
        election_page.open_for(roster, policy, by_name[name].units)
