"""Tests of model.planning.edits: hand edits over frozen plans, their findings, locks, undo/redo, re-optimizing."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as hst
from strategies import candidate_rosters

from model.planning.edits import (
    EditHistory,
    create,
    dissolve,
    lock,
    merge,
    move,
    rename,
    reoptimize,
    set_basis,
    split,
    unlock,
)
from model.planning.plan import Organization, Plan
from model.planning.planner import plan_joint_branches
from model.roster.values import Roster, Society
from model.rules.policy import BASES, Policy


def _roster() -> Roster:
    """Seven candidates; 甲乙丙丁戊己 are 工科 in 武汉, 庚 is 医科 in 恩施; 辛 organizes on its own, 壬 has F=0.

    甲(2) 乙(1) 丙(1) 丁(1) 戊(1) 己(1)   all 工科 武汉
    庚(2) 医科 恩施     辛(5) own     壬(0) liaison
    """
    engineering = [
        Society(n, "工科", "武汉", None, f)
        for n, f in (("甲", 2), ("乙", 1), ("丙", 1), ("丁", 1), ("戊", 1), ("己", 1))
    ]
    return Roster(
        tuple(engineering)
        + (
            Society("庚", "医科", "恩施", None, 2),
            Society("辛", "理科", "宜昌", None, 5),
            Society("壬", "医科", "恩施", None, 0),
        )
    )


def _plan() -> Plan:
    """J001 甲乙 (3), J002 丙丁戊 (3), 己 and 庚 uncovered, 辛 on its own, 壬 with an instructor."""
    return Plan(
        Policy(),
        (
            Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3),
            Organization("J002", "联合党支部", "同业共建", ("丙", "丁", "戊"), 3),
            Organization("S001", "党支部", "单独组建", ("辛",), 5),
        ),
        liaison=("壬",),
        uncovered=("己", "庚"),
        optimal=True,
        bound=5,
    )


def _rules(result, org_id=None):
    return {f.rule for f in result.findings if org_id is None or f.column == org_id}


def _placed(plan: Plan) -> list[str]:
    return sorted([u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered))


def test_move_into_branch_recounts_members_and_keeps_the_old_plan():
    """It moves a society into a branch, recounts formal members, and leaves the original plan as it was."""
    old = _plan()
    r = move(_roster(), old, "己", "J001")
    j1 = next(o for o in r.plan.organizations if o.id == "J001")
    assert r.applied and j1.units == ("甲", "乙", "己") and j1.formal_members == 4
    assert "己" not in r.plan.uncovered and old.uncovered == ("己", "庚")
    assert r.plan.optimal is None and r.findings == ()


def test_move_out_breaks_min_members_and_names_the_rule():
    """It moves a society out to 未覆盖 and reports the branch falling below 3 formal members."""
    r = move(_roster(), _plan(), "乙", None)
    assert "乙" in r.plan.uncovered
    assert "正式党员不足3名" in _rules(r, "J001")
    assert _placed(r.plan) == _placed(_plan())


def test_sixth_unit_and_incompatible_unit_are_reported():
    """It reports 超过5家 for a sixth unit and the failing relation for an incompatible one."""
    p = merge(_roster(), _plan(), "J001", "J002").plan
    assert "超过5家" in _rules(move(_roster(), move(_roster(), p, "己", "J001").plan, "庚", "J001"), "J001")
    r = move(_roster(), _plan(), "庚", "J001")
    assert "学科类别不同且所在地不相邻且支撑单位不同" in _rules(r, "J001")


def test_locked_branch_refuses_edits_until_unlocked():
    """It refuses every edit touching a locked branch, with a finding and the plan unchanged, until unlocked."""
    locked = lock(_roster(), _plan(), "J001").plan
    for r in (
        move(_roster(), locked, "己", "J001"),
        move(_roster(), locked, "甲", None),
        dissolve(_roster(), locked, "J001"),
        merge(_roster(), locked, "J002", "J001"),
        split(_roster(), locked, "J001", ["甲"]),
        create(_roster(), locked, ["甲", "己"]),
        set_basis(_roster(), locked, "J001", "区域联建"),
    ):
        assert not r.applied and r.plan is locked and _rules(r) == {"已锁定"}
    assert move(_roster(), unlock(_roster(), locked, "J001").plan, "己", "J001").applied


def test_own_organization_is_not_edited_by_hand():
    """It refuses to move a society that organizes on its own."""
    r = move(_roster(), _plan(), "辛", "J001")
    assert not r.applied and _rules(r) == {"单独组建"}


def test_split_merge_dissolve_create_keep_every_society_once():
    """It splits, merges, dissolves and creates branches, placing every society exactly once."""
    r = split(_roster(), _plan(), "J002", ["丁"])
    assert [o.units for o in r.plan.joint_branches()] == [("甲", "乙"), ("丙", "戊"), ("丁",)]
    assert "单个单位不能联合组建" in _rules(r, "J003")
    m = merge(_roster(), _plan(), "J001", "J002")
    assert [o.units for o in m.plan.joint_branches()] == [("甲", "乙", "丙", "丁", "戊")] and m.findings == ()
    d = dissolve(_roster(), _plan(), "J002")
    assert set(d.plan.uncovered) == {"己", "庚", "丙", "丁", "戊"}
    c = create(_roster(), _plan(), ["己", "丁", "甲"])
    new = c.plan.joint_branches()[-1]
    assert new.units == ("己", "丁", "甲") and new.formal_members == 4 and new.basis == "同业共建"
    for plan in (r.plan, m.plan, d.plan, c.plan):
        assert _placed(plan) == _placed(_plan())


def test_create_chooses_a_basis_that_holds():
    """It declares the first allowed basis that holds for every pair, e.g. 区域联建 across industries."""
    roster = Roster((Society("甲", "工科", "武汉", None, 2), Society("乙", "理科", "武汉", None, 1)))
    plan = Plan(Policy(), (), uncovered=("甲", "乙"))
    r = create(roster, plan, ["甲", "乙"])
    assert r.plan.organizations[0].basis == "区域联建" and r.findings == ()


def test_set_basis_reports_a_basis_that_does_not_hold():
    """It declares the chosen basis and reports the pairs for which it fails."""
    r = set_basis(_roster(), _plan(), "J001", "挂靠组建")
    assert r.plan.organizations[0].basis == "挂靠组建" and "不符合挂靠组建" in _rules(r, "J001")
    assert not set_basis(_roster(), _plan(), "J001", "随便").applied


def test_pinned_pair_apart_is_reported():
    """It reports a pinned pair (指定同组) that the edit separates, and a forbidden pair put together."""
    r = move(_roster(), _plan(), "乙", "J002", together=[("甲", "乙")])
    assert "指定同组" in _rules(r)
    r = move(_roster(), _plan(), "己", "J001", apart=[("甲", "己")])
    assert "不同支部" in _rules(r, "J001")


def test_history_undo_redo_and_round_trip():
    """It undoes and redoes edits, drops the redo tail on a new edit, and survives to_dict/from_dict."""
    p0 = _plan()
    p1 = move(_roster(), p0, "己", "J001").plan
    p2 = dissolve(_roster(), p1, "J002").plan
    h = EditHistory.start(p0).push(p1, "移动").push(p2, "撤销")
    assert h.undo().undo().current() is p0 and not h.undo().undo().can_undo
    assert h.undo().redo().current() is p2
    branched = h.undo().push(p0, "另一改动")
    assert not branched.can_redo and len(branched.plans) == 3
    back = EditHistory.from_dict(h.undo().to_dict())
    assert back.cursor == 1 and back.current().to_dict() == p1.to_dict() and back.labels[2] == "撤销"
    assert len(EditHistory((p0,), limit=3).push(p1).push(p2).push(p0).plans) == 3


def test_reoptimize_keeps_locks_and_restores_coverage():
    """It keeps every locked branch exactly and re-plans the rest to the optimum."""
    roster = _roster()
    start = dissolve(roster, lock(roster, _plan(), "J001").plan, "J002").plan
    r = reoptimize(roster, start, time_limit=5)
    assert ("甲", "乙") in [o.units for o in r.plan.organizations if o.locked]
    assert r.plan.optimal and r.plan.coverage().organized == 1 + 2 + 4  # 辛, 甲乙, 丙丁戊己
    assert [f for f in r.findings if f.is_error] == []


@settings(max_examples=60, deadline=None)
@given(candidate_rosters(max_size=8), hst.data())
def test_any_edit_places_every_society_exactly_once(roster, data):
    """It keeps every society placed exactly once, members recounted, through any edit of an optimal plan."""
    plan = plan_joint_branches(roster, Policy(), time_limit=2)
    names, ids = roster.names(), [o.id for o in plan.joint_branches()] or ["J999"]
    some = hst.lists(hst.sampled_from(names), min_size=1, max_size=4, unique=True)
    op = data.draw(hst.sampled_from(["move", "split", "merge", "dissolve", "create", "basis"]))
    if op == "move":
        r = move(roster, plan, data.draw(hst.sampled_from(names)), data.draw(hst.sampled_from([None] + ids)))
    elif op == "split":
        r = split(roster, plan, data.draw(hst.sampled_from(ids)), data.draw(some))
    elif op == "merge":
        r = merge(roster, plan, data.draw(hst.sampled_from(ids)), data.draw(hst.sampled_from(ids)))
    elif op == "dissolve":
        r = dissolve(roster, plan, data.draw(hst.sampled_from(ids)))
    elif op == "create":
        r = create(roster, plan, data.draw(some))
    else:
        r = set_basis(roster, plan, data.draw(hst.sampled_from(ids)), data.draw(hst.sampled_from(BASES)))
    assert _placed(r.plan) == sorted(roster.names())
    assert all(
        o.units and o.formal_members == sum(roster.society(u).formal_members for u in o.units)
        for o in r.plan.organizations
    )
    assert len({o.id for o in r.plan.organizations}) == len(r.plan.organizations)
    assert r.applied or (r.plan is plan and r.findings)


def test_reoptimize_refuses_when_a_lock_breaks_the_new_settings():
    """It leaves the plan unchanged and names the lock when the settings no longer allow a locked branch."""
    plan = lock(_roster(), _plan(), "J001").plan
    r = reoptimize(_roster(), plan, Policy(bases=("挂靠组建",)), time_limit=2)
    assert not r.applied and r.plan is plan and "无法重新优化" in r.message
    assert {f.column for f in r.findings} == {"锁定支部1"}


def test_merge_keeps_the_branch_merged_into_and_says_so():
    """It merges J002 into J001: J001 keeps its id and name, J002 is gone, and the message says it in words."""
    named = Plan(
        _plan().policy,
        tuple(replace(o, name="一支部") if o.id == "J001" else o for o in _plan().organizations),
        _plan().liaison,
        _plan().uncovered,
    )
    r = merge(_roster(), named, "J001", "J002")
    ids = [o.id for o in r.plan.joint_branches()]
    assert ids == ["J001"] and r.plan.joint_branches()[0].name == "一支部"
    assert r.message.startswith("已将J002（丙等3家单位联合党支部）并入J001（一支部）")


def test_move_says_where_from_and_where_to_and_rebases():
    """It names the branch a society leaves and the one it joins, and re-declares a basis that holds."""
    r = move(_roster(), _plan(), "庚", "J001")
    assert r.message == "已将“庚”从未覆盖的学会中移入J001（甲等2家单位联合党支部）"
    r = move(_roster(), _plan(), "丙", None)
    assert r.message == "已将“丙”从J002（丙等3家单位联合党支部）移出，暂未覆盖"


def test_a_new_branch_never_reuses_a_dissolved_id():
    """It gives a new branch the next id after every one used, so a dissolved branch's id stays its own."""
    gone = dissolve(_roster(), _plan(), "J001").plan
    made = create(_roster(), gone, ("甲", "乙"))
    assert [o.id for o in made.plan.joint_branches()] == ["J002", "J003"]


def test_rename_refuses_a_taken_or_empty_name():
    """It names a branch, refusing an empty name or one another branch bears."""
    first = rename(_roster(), _plan(), "J001", "一支部")
    assert first.applied and first.plan.joint_branches()[0].name == "一支部"
    assert not rename(_roster(), first.plan, "J002", "一支部").applied
    assert not rename(_roster(), first.plan, "J002", "  ").applied


def test_reoptimize_keeps_ids_names_and_lists_moves():
    """It re-plans the unlocked part with the fewest moves: unchanged branches keep id and name, and it says how many moved."""
    roster = _roster()
    plan = plan_joint_branches(roster)
    named = replace(
        plan, organizations=tuple(replace(o, name=f"第{o.id}") if o.joint else o for o in plan.organizations)
    )
    r = reoptimize(roster, named)
    assert [(o.id, o.name, o.units) for o in r.plan.joint_branches()] == [
        (o.id, o.name, o.units) for o in named.joint_branches()
    ]
    assert "0家学会调整了所在党组织" in r.message


def test_check_rows_name_organizations_not_bare_ids():
    """The 方案检查 rows of the sample plan (a 党委 needs approval) name each organization, never a bare S007/J004."""
    import re
    from pathlib import Path

    from model.planning import today
    from model.planning.edits import finding_rows, recheck
    from model.roster.loading import load_roster

    roster = load_roster(Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx")
    plan = plan_joint_branches(roster, locks=today.today_locks(roster))
    rows = finding_rows(recheck(roster, plan), plan)
    approval = [r for r in rows if r["规则"] == "需上级批准"]
    assert approval, "the sample has a 党委/党总支 needing approval"
    for r in rows:
        assert not re.fullmatch(r"[JS]\d{3}", r["支部"]) and not re.match(r"[JS]\d{3}：", r["说明"])
    s = next(o for o in plan.organizations if o.id == approval[0]["支部"].split()[0])
    assert approval[0]["支部"] == f"{s.id} {s.units[0]}{s.kind}"
    assert approval[0]["说明"].startswith(f"{s.units[0]}{s.kind}：设立")
