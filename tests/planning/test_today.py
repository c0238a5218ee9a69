"""Tests of model.planning.today: today's organizations as locks and the plan's status relative to today."""

from model.planning.plan import Organization, Plan
from model.planning.today import (
    CHANGED,
    KEPT,
    NEW,
    annotate,
    changes,
    fits,
    lock_names,
    skipped_locks,
    today_locks,
    today_plan,
)
from model.roster.values import Roster, Society
from model.rules.policy import Policy


def _roster() -> Roster:
    """甲乙 share 联合一支部; 丙 (F=3) sits in 联合二支部 with 丁; 戊 has its own branch; 己 none; 庚 work group."""
    return Roster(
        (
            Society("甲", "工科", "武汉", formal_members=1, existing_org="联合一支部", existing_kind="联合党支部"),
            Society("乙", "工科", "武汉", formal_members=2, existing_org=" 联合一支部 ", existing_kind="联合党支部"),
            Society("丙", "理科", "宜昌", formal_members=3, existing_org="联合二支部"),
            Society("丁", "理科", "宜昌", formal_members=1, existing_org="联合二支部"),
            Society("戊", "医科", "襄阳", formal_members=6, existing_org="戊党支部", existing_kind="党支部"),
            Society("己", "农科", "恩施", formal_members=1),
            Society("庚", "农科", "恩施", formal_members=0, existing_org="庚工作小组", existing_kind="党建工作小组"),
        )
    )


def test_locks_are_existing_joint_organizations_of_candidates():
    """It locks each existing joint organization by its trimmed name, keeping only joint-branch candidates."""
    r = _roster()
    assert today_locks(r) == (("甲", "乙"),)
    assert lock_names(r) == {("甲", "乙"): "联合一支部"}


def test_lock_counts_follow_the_counting_basis():
    """It reads formal members on the policy's counting basis (秘书处 here), so locks change with it."""
    r = Roster(
        (
            Society("甲", "工科", "武汉", formal_members=1, secretariat_members=1, existing_org="联合"),
            Society("乙", "工科", "武汉", formal_members=2, secretariat_members=0, existing_org="联合"),
        )
    )
    assert today_locks(r) == (("甲", "乙"),)
    assert today_locks(r, Policy(count_basis="秘书处")) == ()


def test_today_plan_places_every_society_once():
    """It turns today into a plan: organizations locked when joint, work groups as liaison, others uncovered."""
    p = today_plan(_roster())
    placed = [u for o in p.organizations for u in o.units] + list(p.liaison) + list(p.uncovered)
    assert sorted(placed) == sorted(_roster().names())
    assert p.liaison == ("庚",) and p.uncovered == ("己",)
    joint = {o.name: o for o in p.organizations}
    assert joint["联合一支部"].locked and joint["联合一支部"].formal_members == 3
    assert joint["戊党支部"].kind == "党支部" and not joint["戊党支部"].locked
    assert p.coverage().organized == 5 and p.coverage(instructor_fallback=False).work_covered == 6


def test_annotate_marks_new_kept_and_changed():
    """It marks a branch 保留 when its units equal today's, 调整 when they overlap, 新建 otherwise."""
    r = _roster()
    plan = Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3),
            Organization("J002", "联合党支部", "同业共建", ("丁", "己"), 2),
            Organization("S001", "党支部", "单独组建", ("丙",), 3),
            Organization("S002", "党支部", "单独组建", ("戊",), 6),
        ),
        liaison=("庚",),
    )
    got = {o.id: (o.status, o.name) for o in annotate(plan, r).organizations}
    assert got["J001"] == (KEPT, "联合一支部")
    assert got["J002"] == (CHANGED, "联合二支部")
    assert got["S001"] == (CHANGED, None)  # an own branch is not named after the joint one
    assert got["S002"] == (KEPT, "戊党支部")
    fresh = Plan(Policy(), (Organization("J009", "联合党支部", "同业共建", ("己", "甲"), 2),))
    assert (
        annotate(
            fresh,
            Roster((Society("己", "农科", "恩施", formal_members=1), Society("甲", "工科", "武汉", formal_members=1))),
        )
        .organizations[0]
        .status
        == NEW
    )


def test_changes_list_each_society_that_moves():
    """It lists per society the organization before and after, and nothing for societies that stay."""
    r = _roster()
    plan = Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3, name="联合一支部"),
            Organization("J002", "联合党支部", "区域联建", ("丁", "己"), 2),
            Organization("S001", "党支部", "单独组建", ("丙",), 3),
            Organization("S002", "党支部", "单独组建", ("戊",), 6),
        ),
        liaison=("庚",),
    )
    got = {c.society: (c.before, c.after) for c in changes(plan, r)}
    assert got == {"丙": ("联合二支部", "S001"), "丁": ("联合二支部", "J002"), "己": ("无党组织", "J002")}
    assert "由“联合二支部”调整为“J002”" in changes(plan, r)[1].text()


def test_an_organization_breaking_the_rules_today_is_not_locked():
    """It leaves unlocked, with the reason, an existing joint organization the rules no longer allow (6 units)."""
    r = Roster(
        tuple(Society(f"学会{i}", "工科", "武汉", formal_members=1, existing_org="大联合支部") for i in range(6))
    )
    assert today_locks(r) == ()
    ((name, reason),) = skipped_locks(r)
    assert name == "大联合支部" and "超过5家" in reason
    assert today_locks(r, Policy(max_units=6)) == (tuple(f"学会{i}" for i in range(6)),)


def test_fits_tells_a_plan_of_another_roster():
    """It says whether a plan places exactly the roster's societies."""
    r = _roster()
    assert fits(today_plan(r), r)
    assert not fits(today_plan(r), Roster(r.societies[:-1]))


def test_a_split_organization_lends_its_name_to_one_successor_only():
    """It names only the successor sharing most units after today's organization; the others stay unnamed."""
    r = Roster(
        tuple(
            Society(n, "工科", "武汉", formal_members=1, existing_org="联合一支部", existing_kind="联合党支部")
            for n in "甲乙丙丁戊己"
        )
    )
    p = Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 2),
            Organization("J002", "联合党支部", "同业共建", ("丙", "丁", "戊"), 3),
            Organization("J003", "联合党支部", "同业共建", ("己",), 1),
        ),
    )
    orgs = annotate(p, r).organizations
    assert [o.status for o in orgs] == [CHANGED, CHANGED, CHANGED]
    assert [o.name for o in orgs] == [None, "联合一支部", None]
