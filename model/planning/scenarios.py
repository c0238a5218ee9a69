"""Comparing two plans (scenarios) side by side: coverage, branches per basis, and the moves between them.

Two branches are the same branch when they hold the same societies (ids may differ).
A society *moves* when the set of societies it shares an organization with changes, or
it gains or loses an organization.

>>> from model.planning.plan import Organization
>>> from model.rules.policy import Policy
>>> a = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3),), uncovered=("丙",))
>>> b = Plan(Policy(), (Organization("J001", "联合党支部", "区域联建", ("甲", "乙", "丙"), 4),))
>>> c = compare(a, b)
>>> [(m.society, m.before, m.after) for m in c.moves]
[('甲', 'J001', 'J001'), ('乙', 'J001', 'J001'), ('丙', '未覆盖', 'J001')]
>>> c.bases_a, c.bases_b
({'同业共建': 1}, {'区域联建': 1})
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from model.planning.plan import Organization, Plan
from model.rules.rates import Coverage

__all__ = ["Move", "Comparison", "compare", "place_label"]

UNCOVERED = "未覆盖"
LIAISON = "派驻指导员"


@dataclass(frozen=True, slots=True)
class Move:
    society: str
    before: str  # org id in A, 未覆盖 or 派驻指导员
    after: str  # the same in B


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two plans side by side: coverage, joint branches per basis, branches only in one, and the moves."""

    coverage_a: Coverage
    coverage_b: Coverage
    bases_a: dict[str, int]  # joint branches per basis
    bases_b: dict[str, int]
    only_a: tuple[Organization, ...]
    only_b: tuple[Organization, ...]
    common: tuple[Organization, ...]  # as in A
    moves: tuple[Move, ...]

    def summary_rows(self) -> list[dict]:
        """Rows for a side-by-side table: one figure per row, A and B in columns (as text)."""
        rows = [
            {"项目": "组织覆盖学会数", "方案A": self.coverage_a.organized, "方案B": self.coverage_b.organized},
            {
                "项目": "组织覆盖率",
                "方案A": f"{self.coverage_a.organized_rate:.1%}",
                "方案B": f"{self.coverage_b.organized_rate:.1%}",
            },
            {
                "项目": "工作覆盖率",
                "方案A": f"{self.coverage_a.work_rate:.1%}",
                "方案B": f"{self.coverage_b.work_rate:.1%}",
            },
        ]
        for basis in sorted(set(self.bases_a) | set(self.bases_b)):
            rows.append(
                {
                    "项目": f"联合党支部（{basis}）",
                    "方案A": self.bases_a.get(basis, 0),
                    "方案B": self.bases_b.get(basis, 0),
                }
            )
        rows.append({"项目": "仅在本方案中的联合党支部", "方案A": len(self.only_a), "方案B": len(self.only_b)})
        rows.append({"项目": "两方案相同的联合党支部", "方案A": len(self.common), "方案B": len(self.common)})
        return [{k: str(v) for k, v in row.items()} for row in rows]

    def move_rows(self) -> list[dict]:
        return [{"学会": m.society, "方案A中": m.before, "方案B中": m.after} for m in self.moves]


def place_label(plan: Plan, society: str) -> str:
    """Where a society is in a plan: the org id, 派驻指导员 or 未覆盖."""
    org = plan.org_of(society)
    if org is not None:
        return org.id
    return LIAISON if society in plan.liaison else UNCOVERED


def _societies(plan: Plan) -> list[str]:
    return [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)


def compare(plan_a: Plan, plan_b: Plan) -> Comparison:
    """Compare two plans of the same roster (societies only in one plan count as 未覆盖 in the other)."""
    joint_a, joint_b = plan_a.joint_branches(), plan_b.joint_branches()
    sets_a = {frozenset(o.units) for o in joint_a}
    sets_b = {frozenset(o.units) for o in joint_b}
    groups_a = {u: frozenset(o.units) for o in plan_a.organizations for u in o.units}
    groups_b = {u: frozenset(o.units) for o in plan_b.organizations for u in o.units}
    moves = []
    for s in dict.fromkeys(_societies(plan_a) + _societies(plan_b)):
        ga, gb = groups_a.get(s), groups_b.get(s)
        if ga != gb or (ga is None and place_label(plan_a, s) != place_label(plan_b, s)):
            moves.append(Move(s, place_label(plan_a, s), place_label(plan_b, s)))
    return Comparison(
        coverage_a=plan_a.coverage(),
        coverage_b=plan_b.coverage(),
        bases_a=dict(Counter(o.basis for o in joint_a)),
        bases_b=dict(Counter(o.basis for o in joint_b)),
        only_a=tuple(o for o in joint_a if frozenset(o.units) not in sets_b),
        only_b=tuple(o for o in joint_b if frozenset(o.units) not in sets_a),
        common=tuple(o for o in joint_a if frozenset(o.units) in sets_b),
        moves=tuple(moves),
    )
