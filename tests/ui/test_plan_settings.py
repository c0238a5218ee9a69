"""ui/plan_settings.py: the policy the planner plans with, and the 规划设置 expander."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from model.planning.edits import EditHistory
from model.planning.plan import Plan
from model.rules.policy import Policy
from ui import plan_settings


def test_base_policy_takes_bases_and_size_from_the_plan():
    """It keeps the workspace's count basis but the plan's bases and branch size."""
    planned = Policy(bases=("挂靠组建",), max_units=4, min_members=4, count_basis="秘书处")
    history = EditHistory.start(Plan(planned, ()))
    base = plan_settings.base_policy(history)
    assert (base.bases, base.max_units, base.min_members) == (("挂靠组建",), 4, 4)
    assert base.count_basis == Policy().count_basis
    assert plan_settings.base_policy(None) == Policy()


def _settings_app() -> None:
    import streamlit as st

    from model.rules.policy import Policy
    from ui import plan_settings

    policy, limit = plan_settings.settings_panel(Policy(), expanded=True)
    st.text(repr((policy.bases, policy.max_units, limit)))


def test_settings_panel_keeps_a_basis_when_none_is_ticked():
    """It returns the ticked bases, and the base policy's bases when the user unticks all three."""
    at = AppTest.from_function(_settings_app).run()
    assert at.text[0].value == repr((Policy().bases, 5, 10.0))
    at.checkbox(key="pl_同业共建").set_value(False).run()
    assert at.text[0].value == repr((("区域联建", "挂靠组建"), 5, 10.0))
    at.checkbox(key="pl_区域联建").set_value(False)
    at.checkbox(key="pl_挂靠组建").set_value(False)
    at.number_input(key="pl_units").set_value(3).run()
    assert at.text[0].value == repr((Policy().bases, 3, 10.0))
