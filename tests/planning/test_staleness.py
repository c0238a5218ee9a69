"""model.planning.staleness and the rule-checked coverage: a plan is honest about what it is the plan of."""

from dataclasses import replace

from model.planning.check import branch_errors, valid_coverage
from model.planning.naming import name_branches, org_display_name
from model.planning.plan import Organization, Plan
from model.planning.staleness import planning_digest, stale_reasons
from model.roster.values import Roster, Society
from model.rules.policy import Policy

# 甲乙丙: 工科 in 武汉, one formal member each; J001 = 甲乙丙 is valid.
ROSTER = Roster(tuple(Society(n, "工科", "武汉", None, 1) for n in ("甲", "乙", "丙")))
PLAN = Plan(Policy(), (Organization("J001", "联合党支部", "同业共建", ("甲", "乙", "丙"), 3),))


def test_a_plan_of_this_roster_and_settings_is_current():
    """It finds nothing stale when roster content and settings are those the plan was made for."""
    assert stale_reasons(PLAN, ROSTER, Policy(), planning_digest(ROSTER)) == ()


def test_changed_counts_with_the_same_names_are_stale():
    """It notices a roster whose names are unchanged but whose member counts changed."""
    later = Roster(tuple(replace(s, formal_members=3) if s.name == "丙" else s for s in ROSTER.societies))
    (why,) = stale_reasons(PLAN, later, Policy(), planning_digest(ROSTER))
    assert why.startswith("名册内容已更新")


def test_other_societies_and_other_settings_are_both_named():
    """It names a roster with other societies and every changed setting."""
    bigger = Roster(ROSTER.societies + (Society("丁", "工科", "武汉", None, 1),))
    why = stale_reasons(PLAN, bigger, Policy(max_units=4, bases=("同业共建",)))
    assert why[0].startswith("名册已更新") and "名册中有1家学会方案未安排" in why[0]
    assert "允许的组建方式" in why[1] and "每个支部最多几家学会由“5”改为“4”" in why[1]


def test_a_broken_branch_is_not_counted_covered():
    """It counts the societies of a joint branch that breaks a rule as uncovered, partner included."""
    later = Roster(tuple(replace(s, formal_members=3) if s.name == "丙" else s for s in ROSTER.societies))
    split = Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2),
            Organization("S001", "党支部", "单独组建", ("丙",), 3),
        ),
    )
    cov, left = valid_coverage(later, split)
    assert cov.organized == 1 and left == ("甲", "乙")
    assert [f.rule for f in branch_errors(later, split)["J001"]] == ["正式党员不足3名"]


def test_names_are_kept_distinct_and_never_made_up():
    """It makes a repeated name distinct and leaves an unnamed branch to the documents' form."""
    two = Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2, name="工科类学会联合党支部"),
            Organization("J002", "联合党支部", "同业共建", ("丙",), 1, name="工科类学会联合党支部"),
            Organization("J003", "联合党支部", "同业共建", ("丁", "甲乙"), 1),
        ),
    )
    named = name_branches(two, ROSTER)
    assert [o.name for o in named.organizations] == ["工科类学会联合党支部", "工科类学会联合党支部（二）", None]
    assert org_display_name(named.organizations[2]) == "丁等2家单位联合党支部"
    assert name_branches(named, ROSTER) == named
