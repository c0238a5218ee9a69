"""ui/plan_scenarios.py: the moves between two plans, with branch names, as rows and as a picture."""

from __future__ import annotations

from model.planning.plan import Organization, Plan
from model.rules.policy import Policy
from ui import plan_scenarios

# A: J001 一支部 = 甲乙丙, 丁 uncovered.  B: J001 = 甲乙丁, 丙 uncovered.
A = Plan(
    Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙"), 3, name="一支部"),), uncovered=("丁",)
)
B = Plan(
    Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丁"), 3, name="一支部"),), uncovered=("丙",)
)


def test_moves_name_the_branches():
    """It lists each society whose grouping differs with its branch's id and name in both plans."""
    rows = {r["学会"]: (r["方案A中"], r["方案B中"]) for r in plan_scenarios.named_moves(A, B)}
    assert rows["丙"] == ("J001 一支部", "未覆盖") and rows["丁"] == ("未覆盖", "J001 一支部")


def test_picture_has_one_bar_per_way():
    """It draws one bar per way societies move, as long as the number moving that way."""
    chart = plan_scenarios.move_picture(plan_scenarios.named_moves(A, B))
    data = chart.data.set_index("去向")["学会数"].to_dict()
    assert data["J001 一支部 → 未覆盖"] == 1 and data["未覆盖 → J001 一支部"] == 1
