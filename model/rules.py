"""Classification of a society by DOMAIN.md §1, with every threshold a setting."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .roster import Member, Roster, Society

__all__ = [
    "Policy", "Classification", "classify", "classify_all", "kind_for_total",
    "secretary_candidate", "BASES", "SAME_INDUSTRY", "SAME_REGION", "SAME_HOST",
    "PARTY_COMMITTEE", "GENERAL_BRANCH", "BRANCH", "JOINT_BRANCH", "JOINT_CANDIDATE", "LIAISON",
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
    """Every threshold of DOMAIN.md §1–2, defaulting to the regulation's reading.

    >>> Policy().own_min_formal, Policy().max_units, Policy().min_members
    (3, 5, 3)
    """

    own_min_formal: int = 3            # 党章 第三十条: 3名以上正式党员 (exactly 3 qualifies)
    general_branch_min_total: int = 50  # 青海指南 第二部分三(1): 50–99 人设党总支
    party_committee_min_total: int = 100  # 青海指南 第二部分三(1): 100 人以上设党委
    branch_soft_cap: int = 50           # 支部条例 第四条: 党员人数一般不超过50人
    committee_min_formal: int = 7       # 支部条例: 正式党员7人以上设支部委员会
    max_units: int = 5                  # 青海实施意见9: 联合组建单位原则上不得超过5家
    min_members: int = 3                # 支部条例 第四条: a joint branch needs 3 formal members
    bases: tuple[str, ...] = BASES
    count_basis: Basis = "理事会"
    term_warning_months: int = 6

    def to_dict(self) -> dict:
        return {"max_units": self.max_units, "min_members": self.min_members,
                "bases": list(self.bases), "count_basis": self.count_basis,
                "own_min_formal": self.own_min_formal,
                "general_branch_min_total": self.general_branch_min_total,
                "party_committee_min_total": self.party_committee_min_total,
                "branch_soft_cap": self.branch_soft_cap,
                "committee_min_formal": self.committee_min_formal,
                "term_warning_months": self.term_warning_months}

    @classmethod
    def from_dict(cls, d: dict) -> "Policy":
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


@dataclass(frozen=True, slots=True)
class Classification:
    """What the rules require of one society."""

    society: str
    formal: int
    total: int
    required: str                 # 党委/党总支/党支部/联合党支部候选/派驻指导员
    needs_approval: bool          # kinds above 党支部 need the higher level's approval
    committee: bool               # F ≥ 7 → 支部委员会
    over_soft_cap: bool           # a 党支部 over 50 members (warning)
    secretary: str | None = None  # 双向进入、交叉任职 candidate, when the 党员 sheet is given
    secretary_role: str | None = None
    secretary_flag: str | None = None  # message when no party-member chair/vice chair
    reasons: tuple[str, ...] = field(default=())

    @property
    def own(self) -> bool:
        return self.required in (PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH)


def secretary_candidate(members: tuple[Member, ...]) -> tuple[str | None, str | None]:
    """青海指南 第二部分三(4) 双向进入、交叉任职: the formal-member 理事长, else a 副理事长.

    >>> secretary_candidate((Member("甲", "某学会", society_role="副理事长"), Member("乙", "某学会", society_role="理事长")))
    ('乙', '理事长')
    """
    formal = [m for m in members if m.is_formal]
    for role in ("理事长", "副理事长"):
        for m in formal:
            if (m.society_role or "").strip() == role:
                return m.name, role
    return None, None


def classify(society: Society, policy: Policy = Policy(), members: tuple[Member, ...] | None = None) -> Classification:
    """Classify one society (DOMAIN.md §1).

    >>> classify(Society("甲学会", "工科", "武汉市", formal_members=3)).required
    '党支部'
    >>> classify(Society("乙学会", "工科", "武汉市", formal_members=2)).required
    '联合党支部候选'
    >>> classify(Society("丙学会", "工科", "武汉市", formal_members=0)).required
    '派驻指导员'
    """
    f, t = society.counts(policy.count_basis)
    reasons: list[str] = []
    if f >= policy.own_min_formal:
        required = kind_for_total(t, policy)
        reasons.append(f"正式党员{f}名，达到{policy.own_min_formal}名，应单独建立党组织（党章第三十条）")
    elif f >= 1:
        required = JOINT_CANDIDATE
        reasons.append(f"正式党员{f}名，不足{policy.own_min_formal}名，宜建立联合党支部（支部条例第四条）")
    else:
        required = LIAISON
        reasons.append("无正式党员，派驻党建工作指导员/联络员，实现工作覆盖")
    secretary = role = flag = None
    if members is not None and f >= 1:
        secretary, role = secretary_candidate(members)
        if secretary is None:
            flag = "无正式党员理事长或副理事长，难以落实“双向进入、交叉任职”（青海指南 第二部分三(4)）"
    return Classification(
        society=society.name, formal=f, total=t, required=required,
        needs_approval=required in (PARTY_COMMITTEE, GENERAL_BRANCH),
        committee=f >= policy.committee_min_formal,
        over_soft_cap=required == BRANCH and t > policy.branch_soft_cap,
        secretary=secretary, secretary_role=role, secretary_flag=flag, reasons=tuple(reasons),
    )


def classify_all(roster: Roster, policy: Policy = Policy()) -> tuple[Classification, ...]:
    """Classify every society; member-based checks only when the 党员 sheet is given."""
    by_society: dict[str, list[Member]] = {}
    for m in roster.members:
        by_society.setdefault(m.society, []).append(m)
    return tuple(
        classify(s, policy, tuple(by_society.get(s.name, ())) if roster.has_member_sheet else None)
        for s in roster.societies
    )
