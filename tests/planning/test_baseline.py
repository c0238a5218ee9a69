"""The greedy first-fit baseline: valid, and beaten by the optimizer where order matters."""

from __future__ import annotations

from model.planning.baseline import greedy_plan
from model.planning.check import check_plan
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster, Society


def test_first_fit_is_valid_but_myopic():
    """It fills the first compatible branch in roster order, which can strand a society."""
    # 甲(F2) 乙(F1) share 工科; 丙(F1) shares 华科 only with 甲
    socs = (
        Society("甲", "工科", "武汉", "华科", 2),
        Society("乙", "工科", "宜昌", None, 1),
        Society("丙", "理科", "恩施", "华科", 1),
        Society("丁", "工科", "孝感", None, 2),
    )
    r = Roster(socs)
    greedy = greedy_plan(r)
    assert [o.units for o in greedy.joint_branches()] == [("甲", "乙", "丁")] and greedy.uncovered == ("丙",)
    assert not [f for f in check_plan(r, greedy) if f.is_error]
    best = plan_joint_branches(r)
    assert sum(len(o.units) for o in best.joint_branches()) == 4
