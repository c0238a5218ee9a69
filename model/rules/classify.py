"""Classification of a society by docs/rules.md §1: what the rules require of it, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.roster.values import Member, Roster, Society
from model.rules.policy import BRANCH, GENERAL_BRANCH, JOINT_CANDIDATE, LIAISON, PARTY_COMMITTEE, Policy, kind_for_total

__all__ = ["Classification", "classify", "classify_all", "secretary_candidate"]


@dataclass(frozen=True, slots=True)
class Classification:
    """What the rules require of one society."""

    society: str
    formal: int
    total: int
    required: str  # 党委/党总支/党支部/联合党支部候选/派驻指导员
    needs_approval: bool  # kinds above 党支部 need the higher level's approval
    committee: bool  # F ≥ 7 → 支部委员会
    over_soft_cap: bool  # a 党支部 over 50 members (warning)
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
    """Classify one society (docs/rules.md §1).

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
        society=society.name,
        formal=f,
        total=t,
        required=required,
        needs_approval=required in (PARTY_COMMITTEE, GENERAL_BRANCH),
        committee=f >= policy.committee_min_formal,
        over_soft_cap=required == BRANCH and t > policy.branch_soft_cap,
        secretary=secretary,
        secretary_role=role,
        secretary_flag=flag,
        reasons=tuple(reasons),
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
