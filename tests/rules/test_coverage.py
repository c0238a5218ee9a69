"""Coverage figures of the home page on tiny inline rosters."""

from __future__ import annotations

from datetime import date

import pytest

from model.roster.values import Roster, Society
from model.rules import coverage_tables as tables
from model.rules.coverage import (
    TARGETS,
    add_months,
    breakdown,
    current_coverage,
    dashboard,
    existing_organizations,
    required_coverage,
    statutory_rows,
    terms_due,
    violations,
)
from model.rules.policy import Policy

TODAY = date(2026, 11, 22)


def S(name, f=0, p=0, org=None, kind=None, region="武汉市", industry="工科", host=None, ends=None, sec=None):
    return Society(
        name,
        industry,
        region,
        host_unit=host,
        formal_members=f,
        probationary_members=p,
        secretariat_members=sec,
        existing_org=org,
        existing_kind=kind,
        term_ends=ends,
    )


def R(*societies):
    return Roster(tuple(societies))


def rules_broken(roster, policy=Policy()):
    return sorted((v.org, v.rule) for v in violations(roster, policy))


def test_exactly_three_formal_requires_own_branch():
    """It counts a society with exactly 3 formal members as needing its own 党支部 (党章 第三十条)."""
    r = R(S("甲", f=3), S("乙", f=2), S("丙", f=0))
    rows = {(row.section, row.item): row for row in statutory_rows(r)}
    assert rows[("已单独建立党组织的", "党支部")].required == 1
    assert rows[("已建立联合党支部的", "覆盖单位数")].required == 1
    assert rows[("应建尚未建立党组织的", "应单独建立而未建")].now == 1
    assert rows[("派驻党建工作指导员的", "工作覆盖（无党组织）")].required == 1


def test_kinds_by_total_members_on_the_form():
    """It splits required own organizations into 党委/党总支/党支部 by all members T (100 → 党委, 50 → 党总支)."""
    r = R(S("甲", f=90, p=10), S("乙", f=49, p=1), S("丙", f=49))
    rows = {row.item: row.required for row in statutory_rows(r)}
    assert (rows["党委"], rows["党总支"], rows["党支部"]) == (1, 1, 1)


def test_members_of_one_existing_org_form_one_organization():
    """It groups societies naming the same 现有党组织 into one joint organization."""
    r = R(
        S("甲", f=1, org="联合一支部 "), S("乙", f=2, org="联合一支部", kind="联合党支部"), S("丙", f=5, org="丙党支部")
    )
    orgs = existing_organizations(r)
    assert [(o.name, o.units, o.joint, o.formal) for o in orgs] == [
        ("联合一支部", ("甲", "乙"), True, 3),
        ("丙党支部", ("丙",), False, 5),
    ]
    rows = {row.item: row.now for row in statutory_rows(r)}
    assert (rows["联合党支部数"], rows["覆盖单位数"], rows["党支部"]) == (1, 2, 1)


def test_coverage_now_and_required():
    """It gives 组织覆盖率 now from existing orgs and required from the rules; a working group is work only."""
    r = R(
        S("甲", f=3, org="甲党支部", kind="党支部"),
        S("乙", f=1),
        S("丙", f=0, org="丙小组", kind="党建工作小组"),
        S("丁", f=0),
    )
    now, req = current_coverage(r, existing_organizations(r)), required_coverage(r)
    assert (now.units, now.organized, now.work_covered) == (4, 1, 2)
    assert (req.organized, req.work_covered) == (2, 4)
    assert (now.organized_rate, req.organized_rate) == (0.25, 0.5)


def test_targets_compare_integers_at_the_boundary():
    """It meets the 70% target at exactly 7 of 10, not at 6 of 10."""
    hubei = next(t for t in TARGETS if t.percent == 70)
    seven = R(*[S(f"{i}", f=3, org=f"o{i}") for i in range(7)], *[S(f"x{i}") for i in range(3)])
    six = R(*[S(f"{i}", f=3, org=f"o{i}") for i in range(6)], *[S(f"x{i}") for i in range(4)])
    assert hubei.met_by(current_coverage(seven, existing_organizations(seven)))
    assert not hubei.met_by(current_coverage(six, existing_organizations(six)))


def test_six_unit_joint_branch_listed_five_not():
    """It lists a joint branch of 6 units (超过5家) and not one of 5."""
    six = R(*[S(f"六{i}", f=1, org="六联") for i in range(6)])
    five = R(*[S(f"五{i}", f=1, org="五联") for i in range(5)])
    assert ("六联", "超过5家") in rules_broken(six)
    assert rules_broken(five) == []
    assert ("五联", "超过4家") in rules_broken(five, Policy(max_units=4))


def test_joint_branch_under_three_formal_listed():
    """It lists a joint branch whose units have fewer than 3 formal members together."""
    assert rules_broken(R(S("甲", f=1, org="联"), S("乙", f=1, org="联"))) == [("联", "正式党员不足3名")]
    assert rules_broken(R(S("甲", f=1, org="联"), S("乙", f=2, org="联"))) == []


def test_society_with_three_formal_in_joint_branch_listed():
    """It lists a society with F ≥ 3 still in a joint branch, and one with F = 0."""
    broken = rules_broken(R(S("甲", f=3, org="联"), S("乙", f=1, org="联"), S("丙", f=0, org="联")))
    assert broken == [("联", "应单独组建"), ("联", "无正式党员")]


def test_own_org_with_too_few_members_or_wrong_kind_listed():
    """It lists an own organization whose society has F < 3, and a kind that no longer fits T."""
    r = R(
        S("甲", f=2, org="甲党支部", kind="党支部"),
        S("乙", f=60, org="乙党支部", kind="党支部"),
        S("丙", f=30, org="丙党总支", kind="党总支"),
        S("丁", f=3, org="丁党支部", kind="党支部"),
    )
    assert rules_broken(r) == [
        ("丙党总支", "类型与规模不符"),
        ("乙党支部", "类型与规模不符"),
        ("甲党支部", "正式党员不足3名"),
    ]
    msg = next(v.message for v in violations(r) if v.org == "乙党支部")
    assert "60" in msg and "党总支" in msg


def test_term_ending_in_five_months_flagged_seven_not():
    """It flags a term ending within 6 months (and an overdue one), not one in 7 months."""
    r = R(
        S("甲", f=3, org="五月", ends=add_months(TODAY, 5)),
        S("乙", f=3, org="七月", ends=add_months(TODAY, 7)),
        S("丙", f=3, org="过期", ends=date(2026, 1, 1)),
        S("丁", f=3, org="六月整", ends=add_months(TODAY, 6)),
    )
    due = terms_due(existing_organizations(r), TODAY, 6)
    assert [t.org for t in due] == ["过期", "五月", "六月整"]
    assert due[0].overdue and not due[1].overdue
    assert "已届满" in tables.term_table(due)[0]["状态"]


def test_joint_org_term_is_its_earliest():
    """It takes a joint organization's term end as the earliest of its units."""
    r = R(S("甲", f=1, org="联", ends=date(2027, 9, 1)), S("乙", f=2, org="联", ends=date(2027, 3, 1)))
    assert existing_organizations(r)[0].term_ends == date(2027, 3, 1)


def test_breakdown_by_region_and_host():
    """It breaks coverage down by 所在地 and 支撑单位, blank host grouped, largest group first."""
    r = R(
        S("甲", f=3, org="o1", region="宜昌市", host="华中科技大学"),
        S("乙", f=1, region="宜昌市"),
        S("丙", f=0, region="武汉市"),
    )
    rows = breakdown(r, "region")
    assert [(g.group, g.units, g.organized_now, g.organized_required) for g in rows] == [
        ("宜昌市", 2, 1, 2),
        ("武汉市", 1, 0, 0),
    ]
    assert rows[0].rate_now == 0.5
    assert [g.group for g in breakdown(r, "host_unit")] == ["（无支撑单位）", "华中科技大学"]


def test_count_basis_secretariat():
    """It classifies on the 秘书处 count when the policy says so."""
    r = R(S("甲", f=0, sec=3), S("乙", f=5, sec=0))
    secretariat = required_coverage(r, Policy(count_basis="秘书处"))
    assert secretariat.organized == 1
    assert required_coverage(r).organized == 1
    rows = {row.item: row.required for row in statutory_rows(r, Policy(count_basis="秘书处"))}
    assert rows["党支部"] == 1 and rows["工作覆盖（无党组织）"] == 1


def test_dashboard_and_tables():
    """It assembles the whole dashboard and its display rows with Chinese headers."""
    r = R(S("甲", f=3, org="甲党支部", kind="党支部"), S("乙", f=1), S("丙"))
    d = dashboard(r, today=TODAY)
    assert d.now.organized == 1 and d.required.organized == 2
    assert len(d.targets) == len(TARGETS) and not any(now for _, now, _ in d.targets)
    stat = tables.stat_table(d.stat_rows)
    assert stat[3]["细目"] == "联合党支部数" and stat[3]["按规则应有"] == "—"
    assert tables.target_table(d)[0]["现状"] == "33.3%"
    assert tables.group_table(d.by_region, "所在地")[0]["组织覆盖率"] == "33.3%"
    assert tables.org_table(d.orgs)[0]["现有党组织"] == "甲党支部"


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 22), 6, date(2027, 5, 22)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 12, 1), 13, date(2028, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    """It adds whole months, clamping to the month's last day."""
    assert add_months(day, months) == expected
