"""The regulation's thresholds as one frozen Policy, and the names of kinds and bases (docs/rules.md §1–2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Policy",
    "kind_for_total",
    "BASES",
    "SAME_INDUSTRY",
    "SAME_REGION",
    "SAME_HOST",
    "PARTY_COMMITTEE",
    "GENERAL_BRANCH",
    "BRANCH",
    "JOINT_BRANCH",
    "JOINT_CANDIDATE",
    "LIAISON",
]

SAME_INDUSTRY = "同业共建"
SAME_REGION = "区域联建"
SAME_HOST = "挂靠组建"
BASES: tuple[str, ...] = (SAME_INDUSTRY, SAME_REGION, SAME_HOST)

PARTY_COMMITTEE = "党委"
GENERAL_BRANCH = "党总支"
BRANCH = "党支部"
JOINT_BRANCH = "联合党支部"
JOINT_CANDIDATE = "联合党支部候选"
LIAISON = "派驻指导员"

Basis = Literal["理事会", "秘书处"]


@dataclass(frozen=True, slots=True)
class Policy:
    """Every threshold of docs/rules.md §1–2, defaulting to the regulation's reading.

    >>> Policy().own_min_formal, Policy().max_units, Policy().min_members
    (3, 5, 3)
    """

    own_min_formal: int = 3  # 党章 第三十条: 3名以上正式党员 (exactly 3 qualifies)
    general_branch_min_total: int = 50  # 青海指南 第二部分三(1): 50–99 人设党总支
    party_committee_min_total: int = 100  # 青海指南 第二部分三(1): 100 人以上设党委
    branch_soft_cap: int = 50  # 支部条例 第四条: 党员人数一般不超过50人
    committee_min_formal: int = 7  # 支部条例: 正式党员7人以上设支部委员会
    max_units: int = 5  # 青海实施意见9: 联合组建单位原则上不得超过5家
    min_members: int = 3  # 支部条例 第四条: a joint branch needs 3 formal members
    bases: tuple[str, ...] = BASES
    count_basis: Basis = "理事会"
    term_warning_months: int = 6

    def to_dict(self) -> dict:
        return {
            "max_units": self.max_units,
            "min_members": self.min_members,
            "bases": list(self.bases),
            "count_basis": self.count_basis,
            "own_min_formal": self.own_min_formal,
            "general_branch_min_total": self.general_branch_min_total,
            "party_committee_min_total": self.party_committee_min_total,
            "branch_soft_cap": self.branch_soft_cap,
            "committee_min_formal": self.committee_min_formal,
            "term_warning_months": self.term_warning_months,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Policy:
        kw = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        if "bases" in kw:
            kw["bases"] = tuple(kw["bases"])
        return cls(**kw)


def kind_for_total(total: int, policy: Policy = Policy()) -> str:
    """Kind of an own organization by all members T (formal + probationary).

    >>> [kind_for_total(t) for t in (3, 49, 50, 99, 100)]
    ['党支部', '党支部', '党总支', '党总支', '党委']
    """
    if total >= policy.party_committee_min_total:
        return PARTY_COMMITTEE
    if total >= policy.general_branch_min_total:
        return GENERAL_BRANCH
    return BRANCH
