"""Tests of model.planning.explain: why a society is uncovered and which verified change would cover it."""

from itertools import combinations

from hypothesis import given, settings
from strategies import candidate_rosters, policies

from model.planning.compat import branch_modes, compatibility_graph
from model.planning.explain import (
    LOCKED_OUT,
    NO_PARTNER,
    NOT_CANDIDATE,
    TAKEN,
    TOO_FEW,
    best_partner_total,
    explain_uncovered,
)
from model.planning.plan import Plan
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster, Society
from model.rules.policy import Policy


def _explain(roster, policy=Policy(), locks=()):
    plan = plan_joint_branches(roster, policy, locks=locks, time_limit=5)
    return {e.society: e for e in explain_uncovered(roster, plan)}


def test_no_partner_suggests_a_verified_adjacency():
    """It says no partner exists, and suggests making the two regions adjacent, which covers both."""
    r = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "理科", "孝感", None, 2)))
    e = _explain(r)["甲"]
    assert e.reason == NO_PARTNER and e.partners == ()
    assert [(s.kind, s.detail, s.gain) for s in e.suggestions] == [("地域相邻", ("武汉", "孝感"), 2)]
    assert "武汉" in e.suggestions[0].text and "孝感" in e.suggestions[0].text


def test_too_few_members_is_computed_on_cliques_not_neighbour_sums():
    """It finds the best branch among mutually compatible partners only: a path A–B–C of regions is not a clique."""
    r = Roster(
        (
            Society("甲", "工科", "甲市", None, 1),
            Society("乙", "理科", "乙市", None, 1),
            Society("丙", "医科", "丙市", None, 1),
        ),
        adjacency=(("乙市", "甲市"), ("丙市", "乙市")),
    )
    g = compatibility_graph(r)
    formal = lambda u: r.society(u).formal_members  # noqa: E731
    assert best_partner_total(g, "乙", formal, Policy()) == 2
    e = _explain(r)["乙"]
    assert e.reason == TOO_FEW and e.best_total == 2 and set(e.partners) == {"甲", "丙"}
    assert [(s.kind, s.detail, s.gain) for s in e.suggestions] == [("地域相邻", ("丙市", "甲市"), 3)]


def test_too_few_within_five_units_suggests_a_sixth_unit():
    """It explains that five units cannot reach the minimum and verifies that a sixth unit would."""
    r = Roster(tuple(Society(f"学会{i}", "工科", f"市{i}", None, 1) for i in range(6)))
    e = _explain(r, Policy(min_members=6))["学会0"]
    assert e.reason == TOO_FEW and e.best_total == 5 and "不足6名" in e.text
    assert [s.kind for s in e.suggestions] == ["单位上限"] and e.suggestions[0].gain == 6


def test_locked_partners_suggest_unlocking_the_named_branch():
    """It blames the locked branch holding every partner and verifies that unlocking it covers the society."""
    r = Roster(
        (
            Society("甲", "工科", "武汉", None, 1),
            Society("乙", "工科", "宜昌", None, 2),
            Society("丙", "工科", "襄阳", None, 1),
        )
    )
    plan = plan_joint_branches(r, Policy(), locks=[("甲", "乙")], time_limit=5)
    (e,) = explain_uncovered(r, plan)
    assert e.society == "丙" and e.reason == LOCKED_OUT and "J001" in e.text
    assert [(s.kind, s.detail) for s in e.suggestions] == [("解锁", ("J001",))]


def test_partners_taken_by_the_optimum_and_no_single_change_helps():
    """It says the optimum uses the partners elsewhere, and suggests nothing when no single change covers it."""
    r = Roster(
        (
            Society("甲", "工科", "武汉", None, 2),
            Society("乙", "工科", "宜昌", None, 1),
            Society("丙", "理科", "武汉", None, 1),
        )
    )
    (e,) = explain_uncovered(r, plan_joint_branches(r, Policy(max_units=2), time_limit=5))
    assert e.reason == TAKEN and e.suggestions == () and "没有找到单项调整" in e.text


def test_another_basis_is_suggested_only_when_it_covers():
    """It suggests allowing 区域联建 when only 同业共建 is allowed and the pair shares a region."""
    r = Roster(
        (
            Society("甲", "工科", "武汉", None, 1),
            Society("乙", "理科", "武汉", None, 2),
            Society("丙", "农科", "恩施", None, 1),
        )
    )
    got = _explain(r, Policy(bases=("同业共建",)))
    assert [(s.kind, s.detail) for s in got["甲"].suggestions] == [("组建方式", ("区域联建",))]
    assert got["丙"].suggestions == () and got["丙"].reason == NO_PARTNER


def test_non_candidates_are_explained_without_replanning():
    """It explains a society without formal members left uncovered by hand, suggesting an instructor."""
    r = Roster((Society("甲", "工科", "武汉", None, 0),))
    (e,) = explain_uncovered(r, Plan(Policy(), (), uncovered=("甲",)))
    assert e.reason == NOT_CANDIDATE and "指导员" in e.text


def test_hand_edited_plan_suggests_reoptimizing():
    """It suggests re-optimizing when a hand-edited plan leaves out a society the optimum covers."""
    r = Roster((Society("甲", "工科", "武汉", None, 1), Society("乙", "工科", "武汉", None, 2)))
    (e,) = explain_uncovered(r, Plan(Policy(), (), uncovered=("甲", "乙")), societies=["乙"])
    assert e.society == "乙" and e.reason == TAKEN and e.suggestions[0].kind == "重新优化"


@settings(max_examples=60, deadline=None)
@given(candidate_rosters(max_size=7), policies())
def test_best_partner_total_matches_brute_force(roster, policy):
    """It equals the best formal total over every valid branch containing the society, by both exact paths."""
    g = compatibility_graph(roster, policy)
    formal = lambda u: roster.society(u).formal_members  # noqa: E731
    for s in roster.societies:
        others = [x for x in roster.societies if x.name != s.name]
        brute = s.formal_members
        for size in range(1, policy.max_units):
            for group in combinations(others, size):
                if branch_modes((s,) + group, roster, policy):
                    brute = max(brute, s.formal_members + sum(x.formal_members for x in group))
        assert best_partner_total(g, s.name, formal, policy) == brute
        assert best_partner_total(g, s.name, formal, policy, complete=True) == brute


def test_a_pinned_pair_split_by_a_lock_gives_explanations_not_an_error():
    """It explains every uncovered society when a pinned pair contradicts a lock: a re-plan that cannot honour
    both is no suggestion, not an error."""
    r = Roster(
        (
            Society("甲", "工科", "武汉", None, 1),
            Society("乙", "工科", "宜昌", None, 2),
            Society("丙", "工科", "襄阳", None, 1),
            Society("丁", "理科", "襄阳", None, 1),
            Society("戊", "医科", "孝感", None, 1),
        )
    )
    plan = plan_joint_branches(r, Policy(), locks=[("甲", "乙")], time_limit=5)
    found = {e.society: e for e in explain_uncovered(r, plan, together=(("丙", "甲"),))}
    assert set(found) == set(plan.uncovered) == {"丙", "丁", "戊"}
    assert found["丙"].reason == LOCKED_OUT
    assert all(s.gain > 0 for e in found.values() for s in e.suggestions)
