"""What each planning setting means, its regulation default and source (for the settings page).

Every threshold of :class:`model.rules.policy.Policy` is a setting; the UI shows each one with
the regulation's default and where that default comes from, and can reset to defaults.

>>> spec = SETTINGS[0]
>>> spec.field, spec.default
('own_min_formal', 3)
>>> check_policy(Policy(max_units=1))
('“联合党支部组建单位上限（家）”应为2到20之间的整数，实际为1',)
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from model.rules.policy import BASES, Policy

__all__ = ["SettingSpec", "SETTINGS", "COUNT_BASES", "check_policy", "changed_settings", "policy_with"]

COUNT_BASES: tuple[str, ...] = ("理事会", "秘书处")
_DEFAULTS = Policy()


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One integer threshold: its Policy field, Chinese label, bounds and source."""

    field: str
    label: str
    low: int
    high: int
    source: str
    help: str = ""

    @property
    def default(self) -> int:
        return int(getattr(_DEFAULTS, self.field))


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "own_min_formal",
        "单独建立党组织所需正式党员数（以上）",
        1,
        50,
        "党章 第三十条；支部条例 第四条（“3名以上”含3名）",
        "达到此数的学会应单独建立党组织。青海指南写作“超过3名”，此处按党章读作“3名以上”。",
    ),
    SettingSpec(
        "general_branch_min_total",
        "设党总支所需全体党员数（以上）",
        2,
        1000,
        "青海指南 第二部分三(1)；党和国家机关基层组织工作条例 第五、六条",
        "全体党员（含预备党员）达到此数、未达党委标准的，设党总支。",
    ),
    SettingSpec(
        "party_committee_min_total",
        "设党委所需全体党员数（以上）",
        3,
        10000,
        "青海指南 第二部分三(1)；党和国家机关基层组织工作条例 第五条",
        "全体党员（含预备党员）达到此数的，设党委；须经上级党组织批准。",
    ),
    SettingSpec(
        "branch_soft_cap",
        "党支部党员人数一般上限",
        3,
        1000,
        "支部条例 第四条（一般不超过50人）",
        "超过时给出提示，不作为错误。",
    ),
    SettingSpec(
        "committee_min_formal",
        "设支部委员会所需正式党员数（以上）",
        3,
        100,
        "支部条例（正式党员7人以上设支部委员会）",
        "不足此数的不设委员会，只设书记（可设副书记）。",
    ),
    SettingSpec(
        "max_units", "联合党支部组建单位上限（家）", 2, 20, "支部条例 第四条；青海实施意见9（原则上不得超过5家）"
    ),
    SettingSpec("min_members", "联合党支部正式党员合计下限", 1, 50, "支部条例 第四条（正式党员3人以上成立支部）"),
    SettingSpec(
        "term_warning_months",
        "换届提醒：届满前几个月提示",
        1,
        36,
        "工作台设置（非规定）",
        "届满时间在此期限内的党组织在总览页列出。",
    ),
)


def check_policy(policy: Policy) -> tuple[str, ...]:
    """Every setting out of bounds or inconsistent, as Chinese messages (empty when fine)."""
    out = []
    for spec in SETTINGS:
        value = getattr(policy, spec.field)
        if not isinstance(value, int) or not spec.low <= value <= spec.high:
            out.append(f"“{spec.label}”应为{spec.low}到{spec.high}之间的整数，实际为{value}")
    if policy.general_branch_min_total >= policy.party_committee_min_total:
        out.append(
            f"设党总支的人数（{policy.general_branch_min_total}）应小于设党委的人数"
            f"（{policy.party_committee_min_total}）"
        )
    if not policy.bases or any(b not in BASES for b in policy.bases):
        out.append(f"联建方式至少选一种，且只能是{'、'.join(BASES)}，实际为{'、'.join(policy.bases) or '（无）'}")
    if policy.count_basis not in COUNT_BASES:
        out.append(f"党员统计口径应为理事会或秘书处，实际为{policy.count_basis}")
    return tuple(out)


def changed_settings(policy: Policy) -> tuple[str, ...]:
    """Names (Chinese) of the settings that differ from the regulation's defaults."""
    labels = {s.field: s.label for s in SETTINGS} | {"bases": "允许的联建方式", "count_basis": "党员统计口径"}
    return tuple(
        labels[f.name]
        for f in fields(Policy)
        if f.name in labels and getattr(policy, f.name) != getattr(_DEFAULTS, f.name)
    )


def policy_with(policy: Policy, **changes: object) -> Policy:
    """A new Policy with ``changes`` (bases as a tuple); the old one is unchanged."""
    if "bases" in changes:
        changes["bases"] = tuple(changes["bases"])  # type: ignore[arg-type]
    return replace(policy, **changes)  # type: ignore[arg-type]
