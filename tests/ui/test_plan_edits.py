"""ui/plan_edits.py: the 手工调整 panel's candidates, and its buttons' callbacks on a stored plan."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from model.planning.plan import Organization, Plan
from model.rules.policy import Policy
from ui import plan_edits

# J1 = 甲 + 乙 (joint), S1 = 丙 alone, 丁 uncovered.
PLAN = Plan(
    Policy(),
    (
        Organization("J1", "联合党支部", "同业共建", ("甲学会", "乙学会"), 3),
        Organization("S1", "党支部", "单独组建", ("丙学会",), 5),
    ),
    uncovered=("丁学会",),
)


def test_candidates_are_the_joint_branches_and_the_uncovered():
    """It offers the joint branches' societies and the uncovered ones, never a society organized alone."""
    assert plan_edits.candidates(PLAN) == ["甲学会", "乙学会", "丁学会"]


def test_operations_start_with_a_move():
    """It lists 移动 first (the radio's default) and the pair wishes last."""
    assert plan_edits.OPERATIONS[0] == "移动" and plan_edits.OPERATIONS[-1] == plan_edits.PAIRS


def _pair_app() -> None:
    import streamlit as st

    from ui import plan_edits, planning

    st.multiselect("pair", ["甲学会", "乙学会", "丁学会"], key="ed_pair")
    st.button("pin", key="pin", on_click=plan_edits.add_pair, args=("together",))
    st.button("forbid", key="forbid", on_click=plan_edits.add_pair, args=("apart",))
    st.button("clear", key="clear", on_click=plan_edits.clear_pairs)
    st.text(repr(planning.pairs()))


def test_pairs_are_pinned_forbidden_and_cleared():
    """It pins a pair, moves it to the forbidden list when forbidden, and forgets both lists on 清空."""
    at = AppTest.from_function(_pair_app).run()
    at.multiselect(key="ed_pair").set_value(["乙学会", "甲学会"]).run()
    at.button(key="pin").click().run()
    assert at.text[0].value == repr(((("乙学会", "甲学会"),), ()))
    at.button(key="forbid").click().run()
    assert at.text[0].value == repr(((), (("乙学会", "甲学会"),)))
    at.button(key="clear").click().run()
    assert at.text[0].value == repr(((), ()))
