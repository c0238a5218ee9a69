"""Tests of model.planning.scenarios: comparing two plans side by side."""

from model.planning.plan import Organization, Plan
from model.planning.scenarios import compare
from model.rules.policy import Policy


def _j(id_, basis, *units, f=3):
    return Organization(id_, "联合党支部", basis, units, f)


A = Plan(
    Policy(),
    (
        _j("J001", "同业共建", "甲", "乙"),
        _j("J002", "区域联建", "丙", "丁"),
        Organization("S001", "党支部", "单独组建", ("戊",), 5),
    ),
    liaison=("己",),
    uncovered=("庚",),
)
B = Plan(
    Policy(),
    (
        _j("J007", "同业共建", "乙", "甲"),
        _j("J008", "挂靠组建", "丙", "庚"),
        Organization("S001", "党支部", "单独组建", ("戊",), 5),
    ),
    liaison=("己",),
    uncovered=("丁",),
)


def test_compare_counts_coverage_and_bases():
    """It reports each plan's coverage and its joint branches per basis."""
    c = compare(A, B)
    assert (c.coverage_a.organized, c.coverage_b.organized) == (5, 5)
    assert c.bases_a == {"同业共建": 1, "区域联建": 1}
    assert c.bases_b == {"同业共建": 1, "挂靠组建": 1}


def test_compare_matches_branches_by_units_not_ids():
    """It treats branches with the same societies as common, whatever their ids."""
    c = compare(A, B)
    assert [o.id for o in c.common] == ["J001"]
    assert [o.id for o in c.only_a] == ["J002"] and [o.id for o in c.only_b] == ["J008"]


def test_compare_lists_moves_from_a_to_b():
    """It lists every society whose branch changed, with where it was in A and where it is in B."""
    moves = {(m.society, m.before, m.after) for m in compare(A, B).moves}
    assert moves == {("丙", "J002", "J008"), ("丁", "J002", "未覆盖"), ("庚", "未覆盖", "J008")}


def test_compare_of_a_plan_with_itself_has_no_moves():
    """It finds no moves and no differing branches between a plan and itself."""
    c = compare(A, A)
    assert c.moves == () and c.only_a == () and c.only_b == () and len(c.common) == 2


def test_summary_and_move_rows_are_tables():
    """It gives the side-by-side rows with both plans' figures and the move rows with Chinese headers."""
    c = compare(A, B)
    rows = {r["项目"]: (r["方案A"], r["方案B"]) for r in c.summary_rows()}
    assert rows["组织覆盖学会数"] == ("5", "5")
    assert rows["联合党支部（挂靠组建）"] == ("0", "1")
    assert {"学会": "庚", "方案A中": "未覆盖", "方案B中": "J008"} in c.move_rows()
