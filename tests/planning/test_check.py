"""check_plan: each rule broken gives a finding naming the organization and the rule."""

from __future__ import annotations

from model.planning.check import check_plan
from model.planning.plan import Organization, Plan
from model.roster.values import Roster, Society
from model.rules.policy import Policy

# 甲 乙 丙 丁 戊 己: candidates (工科 武汉 unless noted); 庚: F=5 (T=60); 辛: F=0
ROSTER = Roster(
    (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "武汉", "华科", 2),
        Society("丙", "工科", "武汉", None, 1),
        Society("丁", "工科", "武汉", None, 1),
        Society("戊", "工科", "武汉", None, 1),
        Society("己", "理科", "恩施", None, 2),
        Society("庚", "工科", "武汉", None, 5, 55),
        Society("辛", "工科", "武汉", None, 0),
    )
)
GOOD = (
    Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3),
    Organization("J002", "联合党支部", "同业共建", ("丙", "丁", "戊"), 3),
    Organization("S001", "党总支", "单独组建", ("庚",), 5),
)


def plan(*orgs, liaison=("辛",), uncovered=("己",)) -> Plan:
    return Plan(Policy(), tuple(orgs), liaison, uncovered)


def rules(p: Plan, **kw) -> list[tuple[str | None, str]]:
    return [(f.column, f.rule) for f in check_plan(ROSTER, p, **kw) if f.severity != "提示"]


def test_valid_plan_has_no_error():
    """It finds nothing wrong in a valid plan (only the approval note for the 党总支)."""
    found = check_plan(ROSTER, plan(*GOOD))
    assert [(f.column, f.rule, f.severity) for f in found] == [("S001", "需上级批准", "提示")]


def test_too_many_units():
    """It names the branch and 超过5家 when a branch has six units."""
    r = ROSTER.replace_societies(ROSTER.societies + (Society("壬", "工科", "武汉", None, 1),))
    p = Plan(
        Policy(),
        (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙", "丁", "戊", "壬"), 7), GOOD[2]),
        ("辛",),
        ("己",),
    )
    assert [(f.column, f.rule) for f in check_plan(r, p) if f.is_error] == [("J001", "超过5家")]


def test_too_few_members_and_single_unit():
    """It flags 正式党员不足3名 and a joint branch of one unit."""
    p = plan(
        Organization("J001", "联合党支部", "同业共建", ("甲",), 1),
        Organization("J002", "联合党支部", "同业共建", ("丙", "丁"), 2),
        Organization("J003", "联合党支部", "同业共建", ("乙", "戊"), 3),
        GOOD[2],
    )
    assert ("J001", "单个单位不能联合组建") in rules(p)
    assert ("J002", "正式党员不足3名") in rules(p)


def test_no_basis_names_the_pair():
    """It names the failing pair and every failed basis when no basis holds."""
    p = plan(Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "己"), 5), GOOD[1], GOOD[2], uncovered=())
    found = [f for f in check_plan(ROSTER, p) if f.column == "J001"]
    assert [f.rule for f in found] == ["学科类别不同且所在地不相邻且支撑单位不同"]
    assert "“甲”与“己”（学科类别不同、所在地不相邻、支撑单位不同）" in found[0].message


def test_wrong_declared_basis_suggests_another():
    """It rejects a declared basis that fails and suggests one that holds."""
    p = plan(Organization("J002", "联合党支部", "挂靠组建", ("丙", "丁", "戊"), 3), GOOD[0], GOOD[2])
    found = [f for f in check_plan(ROSTER, p) if f.column == "J002"]
    assert [f.rule for f in found] == ["不符合挂靠组建"]
    assert "可改为同业共建或区域联建" in found[0].message


def test_missing_twice_unknown():
    """It reports a missing society, one placed twice and one not on the roster."""
    p = plan(GOOD[0], Organization("J002", "联合党支部", "同业共建", ("甲", "丙", "丁", "无名"), 4), GOOD[2])
    found = rules(p)
    assert ("J002", "学会不在名册") in found
    assert ("J001", "重复安排") in found
    assert (None, "学会缺失") in found  # 戊


def test_f3_and_f0_in_joint_branch():
    """It refuses a society with 3+ formal members or none in a joint branch."""
    p = plan(GOOD[0], Organization("J002", "联合党支部", "同业共建", ("丙", "丁", "戊", "庚", "辛"), 8), liaison=())
    assert ("J002", "应单独组建") in rules(p)
    assert ("J002", "无正式党员") in rules(p)


def test_own_org_kind_and_strength():
    """It checks the kind of an own organization against T and its formal members."""
    p = plan(GOOD[0], GOOD[1], Organization("S001", "党支部", "单独组建", ("庚",), 5))
    assert rules(p) == [("S001", "组织类型不符")]
    p = plan(
        GOOD[0],
        Organization("S001", "党支部", "单独组建", ("丙",), 1),
        Organization("J002", "联合党支部", "同业共建", ("丁", "戊", "乙"), 4),
        GOOD[2],
    )
    assert ("S001", "正式党员不足3名") in rules(p)


def test_forbidden_pair_and_stated_count():
    """It flags a forbidden pair placed together and a formal_members figure off the roster."""
    p = plan(Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 9), GOOD[1], GOOD[2])
    found = check_plan(ROSTER, p, apart=[("乙", "甲")])
    assert [(f.column, f.rule, f.severity) for f in found if f.column == "J001"] == [
        ("J001", "不同支部", "错误"),
        ("J001", "党员数与名册不符", "警告"),
    ]


def test_f3_left_uncovered():
    """It refuses leaving a society with 3+ formal members without its own organization."""
    p = plan(GOOD[0], GOOD[1], uncovered=("己", "庚"))
    assert (None, "应单独组建") in rules(p)


def test_file_label():
    """It uses the file name given in every finding."""
    found = check_plan(ROSTER, plan(GOOD[0]), file="PLAN.json")
    assert found and all(f.file == "PLAN.json" for f in found)


def test_no_basis_names_only_the_pairs_sharing_none():
    """甲乙 share 学科 and 所在地; 丙 shares nothing with them: only pairs with 丙 are blamed."""
    from model.planning.check import check_plan as _check
    from model.planning.plan import Organization as _O
    from model.planning.plan import Plan as _P
    from model.roster.values import Roster as _R
    from model.roster.values import Society as _S

    r = _R(
        (_S("甲", "农科", "武汉市", None, 1), _S("乙", "农科", "武汉市", None, 1), _S("丙", "工科", "恩施州", None, 1))
    )
    p = _P(Policy(), (_O("J001", "联合党支部", "同业共建", ("甲", "乙", "丙"), 3),))
    msgs = [f.message for f in _check(r, p) if "没有一种组建方式" in f.message]
    assert msgs and "“甲”与“乙”" not in msgs[0] and "“甲”与“丙”" in msgs[0] and "“乙”与“丙”" in msgs[0]
