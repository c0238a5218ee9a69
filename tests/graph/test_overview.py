"""model/graph/overview.py: the grouped level under the upper committee."""

from __future__ import annotations

import json

import pytest
from graph_fixtures import IMG, PHONE, SCRIPT, big_roster_plan, tiny_plan, tiny_roster

from model.graph.overview import MAX_GROUPS, overview
from model.graph.overview_html import overview_data, overview_html
from model.planning.naming import org_display_name
from model.planning.plan import Organization


def test_groups_by_kind_with_counts_and_coverage():
    """It makes one card per kind (joint branches by basis) counting societies, organizations and coverage."""
    ov = overview(tiny_roster(), tiny_plan())
    rows = [(g.title, g.societies, g.organizations, g.organized, g.work_covered) for g in ov.groups]
    assert rows == [
        ("党支部（单独组建）", 1, 1, 1, 1),
        ("联合党支部（同业共建）", 2, 1, 2, 2),
        ("派驻党建工作指导员", 1, 0, 0, 1),
        ("未覆盖学会", 1, 0, 0, 0),
    ]
    assert sum(g.societies for g in ov.groups) == ov.societies == 5


def test_joint_branch_is_named_as_in_the_documents():
    """It names a joint branch with the documents' rule: 首家单位等N家单位联合党支部."""
    ov = overview(tiny_roster(), tiny_plan())
    (branch,) = ov.joint_branches()
    assert branch.name == f"{IMG}等2家单位联合党支部" == org_display_name(tiny_plan().organizations[1])
    assert branch.units == (IMG, SCRIPT) and branch.secretary == IMG  # the formal 副理事长


def test_new_branches_skip_kept_and_locked_ones():
    """It counts as new only joint branches marked 新建, or unmarked and not locked."""
    plan = tiny_plan()
    kept = Organization("J001", "联合党支部", "同业共建", (IMG, SCRIPT), 3, status="保留")
    locked = Organization("J001", "联合党支部", "同业共建", (IMG, SCRIPT), 3, locked=True)
    assert len(overview(tiny_roster(), plan).new_branches()) == 1
    for org in (kept, locked):
        p = type(plan)(plan.policy, (plan.organizations[0], org), plan.liaison, plan.uncovered)
        assert overview(tiny_roster(), p).new_branches() == ()


@pytest.mark.parametrize("group_by", ["industry", "region"])
def test_facet_groups_partition_the_societies(group_by):
    """It counts every society once across 学科类别 or 所在地 groups, a joint branch listed in each group of its units."""
    ov = overview(tiny_roster(), tiny_plan(), group_by=group_by)
    assert sum(g.societies for g in ov.groups) == 5
    if group_by == "region":
        holding = [g.title for g in ov.groups if any(e.key == "J001" for e in g.entries)]
        assert holding == ["武汉市", "宜昌市"]


def test_many_values_merge_into_other():
    """It keeps at most MAX_GROUPS cards: the smallest values merge into 其他 with their societies."""
    roster, plan = big_roster_plan(400)
    ov = overview(roster, plan, group_by="region")  # 20 regions
    assert len(ov.groups) == MAX_GROUPS and ov.groups[-1].title == "其他（11类）"
    assert sum(g.societies for g in ov.groups) == 400


def test_city_scale_stays_a_handful_of_groups():
    """It gives a 10,000-society city the same few cards, all societies counted."""
    roster, plan = big_roster_plan(10_000)
    ov = overview(roster, plan)
    assert len(ov.groups) <= 8 and sum(g.societies for g in ov.groups) == 10_000


def test_filter_keeps_matching_organizations_whole():
    """It keeps organizations with a unit in the region (all their units) and recomputes the coverage."""
    ov = overview(tiny_roster(), tiny_plan(), regions=["宜昌市"])
    assert [e.key for g in ov.groups for e in g.entries] == ["J001"]
    assert ov.coverage["units"] == 2 and ov.coverage["organized_rate"] == 1.0 and ov.before is None


def test_before_is_todays_coverage():
    """It reports today's coverage from the roster's 现有党组织 column (none in the tiny roster)."""
    ov = overview(tiny_roster(), tiny_plan())
    assert ov.before["organized"] == 0 and ov.coverage["organized"] == 3


def test_unknown_grouping_is_refused():
    """It names the allowed groupings."""
    with pytest.raises(ValueError, match="kind"):
        overview(tiny_roster(), tiny_plan(), group_by="colour")


def test_page_data_is_escaped_and_has_no_phone():
    """It escapes names inside the script and never carries a phone number."""
    page = overview_html(overview(tiny_roster(), tiny_plan()), tiny_roster())
    assert IMG not in page and "</script><script>alert" not in page and PHONE not in page
    data = overview_data(overview(tiny_roster(), tiny_plan()), tiny_roster())
    assert [b["name"] for b in data["branches"]] == [f"{IMG}等2家单位联合党支部"]
    assert data["branches"][0]["rows"][1] == [SCRIPT, "工科", "宜昌市", 1]
    assert PHONE not in json.dumps(data, ensure_ascii=False)


def _invalid_plan():
    """J001 joins a 工科 society of 武汉市 and a 医科 society of 恩施州 (no common basis): it breaks a rule."""
    from model.planning.plan import Plan
    from model.rules.policy import Policy

    return Plan(
        Policy(),
        (
            Organization("S001", "党支部", "单独组建", ("湖北省计算机学会",), 9),
            Organization("J001", "联合党支部", "同业共建", (IMG, "湖北省中医药学会"), 3),
        ),
        liaison=("湖北省植物学会",),
        uncovered=(SCRIPT,),
    )


def test_invalid_joint_branch_counts_as_uncovered_and_is_flagged():
    """It counts a joint branch breaking a rule as not covering (the planner's valid_coverage) and flags its tile."""
    from model.graph.overview_html import INVALID_COLOR, entry_color
    from model.graph.slide import slide_layout
    from model.planning.check import valid_coverage

    roster, plan = tiny_roster(), _invalid_plan()
    ov = overview(roster, plan)
    assert plan.coverage().organized == 3
    assert ov.coverage["organized"] == valid_coverage(roster, plan)[0].organized == 1
    assert ov.coverage["organized_rate"] == 0.2
    joint = next(g for g in ov.groups if g.kind == "联合党支部")
    assert (joint.societies, joint.organized, joint.organizations, joint.invalid_branches) == (2, 0, 0, 1)
    (branch,) = ov.joint_branches()
    assert branch.invalid and not branch.organized
    assert "学科类别不同且所在地不相邻且支撑单位不同" in branch.problems
    assert entry_color(branch) == INVALID_COLOR
    tile = overview_data(ov, roster)["groups"][1]["entries"][0]
    assert tile["problems"] == list(branch.problems) and tile["organized"] is False
    card = next(c for c in slide_layout(ov).cards if c.lines[0][0] == joint.title)
    texts = [t for t, _, _ in card.lines]
    assert "不符合规则 1 个（其学会按未覆盖计）" in texts and "组织覆盖 0 家（0.0%）" in texts


def test_valid_plan_has_no_flag():
    """It flags nothing in a plan whose joint branches keep the rules."""
    ov = overview(tiny_roster(), tiny_plan())
    assert all(not e.problems for g in ov.groups for e in g.entries)
    assert ov.coverage["organized"] == tiny_plan().coverage().organized


def test_before_is_the_dashboards_coverage_on_the_sample_roster():
    """It states today's coverage as the home page's 覆盖情况总览 does (instructors: only the roster's)."""
    from datetime import date
    from pathlib import Path

    from model.planning.today import today_plan
    from model.roster.loading import load_roster
    from model.rules.coverage import dashboard

    sample = load_roster(Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx")
    ov = overview(sample, today_plan(sample))
    assert ov.before == dashboard(sample, today=date(2026, 12, 1)).now.to_dict()
    assert ov.before["work_rate"] < 1.0
