"""AppTest of app_pages/planner.py (联合党支部规划), driven by widget keys, against a tiny roster in a tmp store."""

from __future__ import annotations

import re

import pytest
from helpers import open_app, store_roster
from helpers import rerun as run
from streamlit.testing.v1 import AppTest

from model.planning.plan import Plan
from model.planning.today import fits
from model.roster.values import Member, Roster, Society
from storage.store import DEFAULT_WORKSPACE, Store

PAGE = "app_pages/planner.py"
HOSTILE = "<b>*粗体*</b>学会"

# 甲乙 form today's joint branch 联合一支部 (locked at start); 丙丁戊 are 工科 in 武汉 and can join;
# 庚 (医科, 恩施) has no partner; 辛 has 5 formal members; 壬 none.
TINY = Roster(
    (
        Society("甲学会", "理科", "宜昌市", formal_members=1, existing_org="联合一支部", existing_kind="联合党支部"),
        Society("乙学会", "理科", "宜昌市", formal_members=2, existing_org="联合一支部", existing_kind="联合党支部"),
        Society("丙学会", "工科", "武汉市", formal_members=1),
        Society("丁学会", "工科", "武汉市", formal_members=1),
        Society(HOSTILE, "工科", "武汉市", formal_members=1),
        Society("庚学会", "医科", "恩施州", formal_members=2),
        Society("辛学会", "农科", "襄阳市", formal_members=5, existing_org="辛学会党支部", existing_kind="党支部"),
        Society("壬学会", "农科", "襄阳市", formal_members=0),
    ),
    members=(
        Member("张三", "甲学会", "男", "理事长"),
        Member("李四", "乙学会", "女", "理事"),
        Member("王五", "乙学会", "男", "副理事长"),
    ),
    has_member_sheet=True,
)


@pytest.fixture
def store(db_path) -> Store:
    return store_roster(Store(db_path), TINY)


def open_page() -> AppTest:
    return open_app(PAGE)


def current(store: Store) -> Plan:
    return Plan.from_dict(store.get(DEFAULT_WORKSPACE, "plan", "current"))


def test_page_explains_itself_before_planning(store):
    """It shows the rules, the settings from the workspace policy and asks to press 开始规划."""
    at = open_page()
    assert at.title[0].value == "联合党支部规划"
    assert at.number_input(key="pl_units").value == 5 and at.number_input(key="pl_need").value == 3
    assert at.checkbox(key="pl_同业共建").value
    assert any("开始规划" in i.value for i in at.info)


def section(at: AppTest, name: str) -> AppTest:
    """Open the planner's tab ``name`` (方案看板, 手工调整, 支部一览, 未覆盖的学会, 方案比较, 下载与相容关系图):
    only the open tab's contents are built."""
    at.session_state["pl_tab"] = name
    return run(at)


def opened(at: AppTest, popover: str) -> AppTest:
    """Open a card's 调整 popover (e.g. ``bd_pop_J002``): its inputs are built only while it is open."""
    at.session_state[popover] = True
    return run(at)


def press(at: AppTest, key: str) -> AppTest:
    """Click the button ``key`` and rerun."""
    at.button(key=key).click()
    return run(at)


def choose(at: AppTest, op: str) -> AppTest:
    """Open 手工调整 and pick the edit operation ``op`` (移动, 撤销支部, 同组/不同组 …)."""
    if at.session_state["pl_tab"] != "手工调整":
        section(at, "手工调整")
    at.radio(key="ed_op").set_value(op)
    return run(at)


def mark_pair(at: AppTest, names: list[str], button: str) -> AppTest:
    """Choose a pair of societies and press ed_pin (同组) or ed_forbid (不同组)."""
    at.multiselect(key="ed_pair").set_value(names)
    return press(at, button)


def planned(store: Store) -> AppTest:
    return press(open_page(), "pl_run")


def test_plan_button_plans_keeps_todays_branch_locked_and_persists(store):
    """It plans on 开始规划: today's joint branch stays locked, coverage rises, and the plan is stored."""
    at = planned(store)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["组织覆盖率（现状）"] == "37.5%" and metrics["组织覆盖率（规划后）"] == "75.0%"
    assert metrics["未覆盖的候选学会"] == "1"
    assert any("已证明最优" in s.value for s in at.success)
    plan = current(store)
    j1 = plan.joint_branches()[0]
    assert j1.units == ("甲学会", "乙学会") and j1.locked and j1.name == "联合一支部" and j1.status == "保留"
    assert plan.uncovered == ("庚学会",)
    assert store.get(DEFAULT_WORKSPACE, "plan_history", "current")["cursor"] == 0


def test_uncovered_society_is_explained_with_a_verified_change(store):
    """It explains why 庚学会 is uncovered and suggests the adjacency that covers it."""
    at = section(planned(store), "未覆盖的学会")
    text = "\n".join(m.value for m in at.markdown)
    assert "**庚学会**" in text and "没有可与之联合的候选学会" in text and "恩施州" in text


def test_move_edit_reports_findings_and_undo_restores(store):
    """It moves a society by hand, shows the broken rule, survives a fresh session, and undoes the edit."""
    at = planned(store)
    choose(at, "移动")
    at.selectbox(key="ed_soc").set_value("庚学会")
    at.selectbox(key="ed_to").set_value("J002")
    press(at, "ed_go")
    assert "庚学会" in current(store).joint_branches()[1].units
    (said,) = [e.value for e in at.error if "移入J002" in e.value]
    assert "庚学会" in said and "不符合规则" in said  # a move that breaks a rule is answered in red, naming it
    findings = next(df.value for df in at.table if "规则" in df.value.columns)
    assert "学科类别不同且所在地不相邻且支撑单位不同" in set(findings["规则"])
    at = open_page()  # a refresh loses nothing
    assert any("手工调整" in i.value for i in at.info)
    press(at, "ed_undo")
    assert "庚学会" not in current(store).joint_branches()[1].units and current(store).optimal


def move_out_of_locked_branch(store: Store) -> AppTest:
    """Plan, then try to move 甲学会 out of today's locked branch."""
    at = planned(store)
    choose(at, "移动")
    at.selectbox(key="ed_soc").set_value("甲学会")
    return press(at, "ed_go")


def test_locked_branch_refuses_a_move(store):
    """It refuses to move a society out of today's locked branch and says so."""
    at = move_out_of_locked_branch(store)
    assert any("已锁定" in e.value for e in at.error)
    assert current(store).joint_branches()[0].units == ("甲学会", "乙学会")


def test_hostile_names_are_escaped_in_markdown(store):
    """It shows a society named with HTML and Markdown as data in tables and escaped in Markdown messages."""
    at = section(planned(store), "支部一览")
    assert any(HOSTILE in str(df.value.values) for df in at.table)
    choose(at, "移动")
    at.selectbox(key="ed_soc").set_value(HOSTILE)
    press(at, "ed_go")
    (message, *_) = [s.value for s in at.error if "移出" in s.value]
    assert "\\<b\\>\\*粗体\\*\\</b\\>学会" in message and "<b>*" not in message
    section(at, "未覆盖的学会")
    explained = "\n".join(m.value for m in at.markdown)
    assert "**\\<b\\>\\*粗体\\*\\</b\\>学会**" in explained  # now uncovered, and explained


def test_scenarios_save_and_compare(store):
    """It saves the current plan under a name and compares it with the current plan after an edit."""
    at = section(planned(store), "方案比较")
    at.text_input(key="sc_name").input("方案一")
    run(at)
    press(at, "sc_save")
    assert "方案一" in store.keys(DEFAULT_WORKSPACE, "scenario")
    choose(at, "撤销支部")
    at.selectbox(key="ed_org").set_value("J002")
    press(at, "ed_go")
    section(at, "方案比较")
    at.selectbox(key="sc_a").set_value("方案一")
    at.selectbox(key="sc_b").set_value("当前方案")
    run(at)
    moves = next(df.value for df in at.table if "方案A中" in df.value.columns)
    assert set(moves["学会"]) == {"丙学会", "丁学会", HOSTILE} and set(moves["方案B中"]) == {"未覆盖"}


def test_pin_a_pair_is_stored(store):
    """It stores a pinned pair for the next planning run."""
    at = planned(store)
    choose(at, "同组/不同组")
    mark_pair(at, ["丙学会", "丁学会"], "ed_pin")
    assert [set(p) for p in store.get(DEFAULT_WORKSPACE, "plan_pairs", "current")["together"]] == [{"丙学会", "丁学会"}]
    mark_pair(at, ["丙学会", HOSTILE], "ed_forbid")
    press(at, "pl_run")  # 丙丁 must stay together, 丙 and the hostile one apart: the latter is left out
    assert HOSTILE in current(store).uncovered


def test_a_new_roster_asks_to_plan_again(store):
    """It warns that the saved plan no longer matches an updated roster, and plans the new roster on request."""
    planned(store)
    smaller = Roster(TINY.societies[:-1], TINY.members, has_member_sheet=True)
    store_roster(store, smaller, "new.xlsx", note="新名册")
    at = open_page()
    assert any("名册已更新" in w.value for w in at.warning) and not at.metric
    press(at, "pl_run")
    assert fits(current(store), smaller) and at.metric


def test_settings_that_break_a_lock_are_explained_not_crashed(store):
    """It shows a Chinese error naming the locked branch when new settings no longer allow it, for both buttons."""
    at = planned(store)
    at.checkbox(key="pl_同业共建").set_value(False)
    at.checkbox(key="pl_区域联建").set_value(False)
    run(at)
    press(at, "pl_run")
    assert any("锁定支部1" in e.value and "甲学会" in e.value for e in at.error)
    press(at, "ed_reopt")
    assert any("无法重新优化" in e.value for e in at.error)
    assert current(store).joint_branches()[0].units == ("甲学会", "乙学会")


def test_unproven_plan_shows_its_gap(store):
    """It shows the bound and the gap when the solver stopped at the time limit before proving optimality."""
    planned(store)
    d = store.get(DEFAULT_WORKSPACE, "plan", "current")
    store.put(DEFAULT_WORKSPACE, "plan", "current", {**d, "optimal": False, "bound": 6})
    at = open_page()
    assert any("最多可能覆盖6家" in w.value and "至多差1家" in w.value for w in at.warning)


def test_a_pin_contradicting_a_lock_keeps_the_page_working(store):
    """It still explains 庚学会 when 甲学会 (locked with 乙学会) is pinned to 丙学会, instead of a traceback."""
    at = planned(store)
    choose(at, "同组/不同组")
    mark_pair(at, ["甲学会", "丙学会"], "ed_pin")
    assert any("指定同组" in str(df.value.values) for df in at.table)
    section(at, "未覆盖的学会")
    assert "**庚学会**" in "\n".join(m.value for m in at.markdown)


def test_pinning_then_forbidding_a_pair_keeps_only_the_latest_wish(store):
    """It never stores one pair as both pinned and forbidden: forbidding a pinned pair unpins it."""
    at = planned(store)
    choose(at, "同组/不同组")
    mark_pair(at, ["丙学会", "丁学会"], "ed_pin")
    press(at, "ed_forbid")
    pairs = store.get(DEFAULT_WORKSPACE, "plan_pairs", "current")
    assert pairs["together"] == [] and [set(p) for p in pairs["apart"]] == [{"丙学会", "丁学会"}]
    assert at.multiselect(key="ed_pair").placeholder == "请选择"


def test_comparing_a_plan_with_itself_says_nothing_moved(store):
    """It says the two plans group every society alike instead of showing an empty table."""
    at = section(planned(store), "方案比较")
    assert any("编组完全相同" in c.value for c in at.caption)
    assert not any("方案A中" in df.value.columns for df in at.table)


def test_a_scenario_of_another_roster_is_flagged(store):
    """It warns that a scenario saved for another roster does not match the current one."""
    from model.planning.plan import Organization
    from model.rules.policy import Policy

    other = Plan(Policy(), (Organization("S001", "党支部", "单独组建", ("别的学会",), 3),))
    store.put(DEFAULT_WORKSPACE, "scenario", "旧方案", other.to_dict())
    at = section(planned(store), "方案比较")
    at.selectbox(key="sc_b").set_value("旧方案")
    run(at)
    assert any("另一份名册" in w.value and "旧方案" in w.value for w in at.warning)


def test_switching_the_count_basis_in_settings_reaches_the_next_plan(db_path):
    """It re-plans on the workspace's 秘书处 basis after a plan on 理事会 exists, and says which basis applies."""
    from model.rules.policy import Policy

    store = store_roster(
        Store(db_path),
        Roster(
            (
                Society("子学会", "理科", "宜昌市", formal_members=5, secretariat_members=1),
                Society("丑学会", "理科", "宜昌市", formal_members=4, secretariat_members=2),
            )
        ),
    )
    at = planned(store)
    assert current(store).joint_branches() == ()
    store.put(DEFAULT_WORKSPACE, "settings", "policy", Policy(count_basis="秘书处").to_dict())
    at = press(at, "pl_run")
    assert any("党员统计口径：秘书处" in c.value for c in at.caption)
    assert [o.units for o in current(store).joint_branches()] == [("子学会", "丑学会")]


def test_move_offers_only_joint_branch_candidates(store):
    """It lists in 移动 only societies that can sit in a joint branch, never one that organizes alone."""
    at = choose(press(open_page(), "pl_run"), "移动")
    options = at.selectbox(key="ed_soc").options
    assert not any(o.startswith(("辛学会", "壬学会")) for o in options)
    assert {o.split("（")[0] for o in options} >= {"丙学会", "丁学会", "庚学会"}
    assert "庚学会（未覆盖）" in options and any(o.startswith("丙学会（现属J") for o in options)  # names, and where


def test_an_edit_message_about_an_older_roster_is_not_shown(store):
    """It hides the last edit's refusal once the roster has changed, even if the plan still fits it."""
    at = move_out_of_locked_branch(store)
    assert any("已锁定" in e.value for e in at.error)
    changed = TINY.replace_societies(
        s if s.name != "壬学会" else Society("壬学会", "农科", "十堰市") for s in TINY.societies
    )
    store_roster(store, changed)
    at = open_page()
    assert not any("已锁定" in e.value for e in at.error)


def widget(widgets, prefix: str):
    """The one widget whose key starts with ``prefix`` (the uncovered column's carry the plan's version)."""
    (found,) = [w for w in widgets if w.key and w.key.startswith(prefix)]
    return found


def test_board_move_that_breaks_a_rule_is_red_and_not_counted(store):
    """It moves a society out on the board by name; the branch left with 2 members turns red and its societies count as uncovered."""
    at = planned(store)
    assert any("J002" in m.value and "联合党支部" in m.value for m in at.markdown)  # the card names the branch
    assert not [w for w in at.selectbox if str(w.key).startswith("bd_out_")]  # built only when 调整 is open
    opened(at, "bd_pop_J002")
    widget(at.selectbox, "bd_out_J002").set_value("丙学会")
    run(at)
    (said,) = [e.value for e in at.error if "丙学会" in e.value and "移出" in e.value]
    assert "J002" in said and "不足3名" in said
    assert any("不足3名" in m.value and "支部条例第四条" in m.value for m in at.markdown)  # on the card, in red
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["合规的联合党支部"] == "1" and metrics["未覆盖的候选学会"] == "4"
    assert any("J002不符合规则" in e.value for e in at.error)
    assert any("不合规支部中的学会" in m.value and "2家" in m.value for m in at.markdown)  # its partners listed too


def test_board_moves_an_uncovered_society_in_by_name(store):
    """It moves the uncovered 庚学会 into J002 picked by name and says where it went in words."""
    at = planned(store)
    box = widget(at.selectbox, "bd_unc_to")
    assert all("（" in o for o in box.options)  # a name and the basis, never a bare id
    box.set_value("J002")
    press(at, widget(at.button, "bd_unc_go").key)
    assert "庚学会" in current(store).joint_branches()[1].units
    assert any("已将“庚学会”从未覆盖的学会中移入J002" in e.value for e in at.error)  # 医科 in 工科: red


def test_rename_on_the_card_is_kept_through_a_reoptimization(store):
    """It keeps a name typed on the card through 重新优化其余, and refuses a name another branch has."""
    at = opened(planned(store), "bd_pop_J002")
    widget(at.text_input, "bd_name_J002").set_value("武汉工科联合支部")
    run(at)
    assert current(store).joint_branches()[1].name == "武汉工科联合支部"
    press(at, "ed_reopt")
    assert [o.name for o in current(store).joint_branches()] == ["联合一支部", "武汉工科联合支部"]
    assert any("0家学会调整了所在党组织" in s.value for s in at.success)
    widget(at.text_input, "bd_name_J002").set_value("联合一支部")
    run(at)
    assert any("已用于J001" in e.value for e in at.error)


def test_merge_offers_other_branches_and_keeps_the_target(store):
    """It never offers a branch to be merged into itself, and the branch merged into keeps its id."""
    at = planned(store)
    widget(at.toggle, "bd_lock_J001").set_value(False)
    run(at)
    choose(at, "合并")
    at.selectbox(key="ed_org").set_value("J001")
    run(at)
    assert at.selectbox(key="ed_org2").options == [at.selectbox(key="ed_org2").format_func("J002")]
    press(at, "ed_go")
    (j,) = current(store).joint_branches()
    assert j.id == "J002" and set(j.units) >= {"甲学会", "乙学会"}
    assert any("已将J001（联合一支部）并入J002" in m.value for m in list(at.error) + list(at.success))


def test_changed_settings_mark_the_plan_stale_and_undo_restores_them(store):
    """It marks the plan stale after a settings change, re-plans on the one button, and undo brings back both."""
    at = planned(store)
    at.number_input(key="pl_units").set_value(2)
    run(at)
    assert any("规划设置已改变" in w.value and "由“5”改为“2”" in w.value for w in at.warning)
    assert any("方案已过期" in w.value for w in at.warning) and not any("已证明最优" in s.value for s in at.success)
    press(at, "pl_revert")  # a settings change not yet planned is undone by putting the settings back
    assert at.number_input(key="pl_units").value == 5 and not any("规划设置已改变" in w.value for w in at.warning)
    at.number_input(key="pl_units").set_value(2)
    run(at)
    press(at, "pl_stale")
    assert current(store).policy.max_units == 2 and not any("规划设置已改变" in w.value for w in at.warning)
    press(at, "ed_undo")
    assert current(store).policy.max_units == 5 and at.number_input(key="pl_units").value == 5
    assert not any("规划设置已改变" in w.value for w in at.warning)


def test_a_changed_setting_survives_leaving_the_page_and_a_second_tab(store):
    """A setting changed but not yet planned is kept in the workspace: after another page, and in a new tab,
    the field still says 2 and the plan is still marked stale (Streamlit alone would put back 5)."""
    at = planned(store)
    at.number_input(key="pl_units").set_value(2)
    run(at)
    at.switch_page("app_pages/graph.py").run()
    at.switch_page("app_pages/planner.py").run()
    assert at.number_input(key="pl_units").value == 2
    assert any("方案已过期" in w.value for w in at.warning)
    other = open_page()
    assert other.number_input(key="pl_units").value == 2
    press(at, "pl_revert")
    assert open_page().number_input(key="pl_units").value == 5


def test_a_roster_update_replans_with_fewest_moves_and_undo_stops_there(store):
    """It re-plans an updated roster from the old plan (branches and names kept), and undo stops at that re-plan."""
    planned(store)
    moved = TINY.replace_societies(
        s if s.name != "庚学会" else Society("庚学会", "工科", "武汉市", formal_members=2) for s in TINY.societies
    )
    store_roster(store, moved, "new.xlsx", note="庚学会改为工科")
    at = open_page()
    assert any("名册内容已更新" in w.value for w in at.warning)
    press(at, "pl_stale")
    plan = current(store)
    assert plan.joint_branches()[0].name == "联合一支部" and plan.uncovered == ()
    assert any("1家学会调整了所在党组织" in s.value and "庚学会" in s.value for s in at.success)
    assert at.button(key="ed_undo").disabled and any("撤销到此为止" in c.value for c in at.caption)


def test_scenarios_confirm_overwrite_rename_and_delete(store):
    """It confirms a save, asks before overwriting, renames and (after a second click) deletes a scenario."""
    at = section(planned(store), "方案比较")
    at.text_input(key="sc_name").input("方案一")
    run(at)
    press(at, "sc_save")
    assert any("已保存方案“方案一”" in s.value for s in at.success)
    press(at, "sc_save")
    assert any("已有名为“方案一”的方案" in w.value for w in at.warning)
    press(at, "sc_overwrite")
    assert any("覆盖“方案一”" in s.value for s in at.success)
    at.selectbox(key="sc_pick").set_value("方案一")
    at.text_input(key="sc_new_name").input("区域为主")
    run(at)
    press(at, "sc_rename")
    assert store.keys(DEFAULT_WORKSPACE, "scenario") == ["区域为主"]
    press(at, "sc_delete")
    assert store.keys(DEFAULT_WORKSPACE, "scenario") == ["区域为主"]  # not before the second click
    press(at, "sc_delete_yes")
    assert store.keys(DEFAULT_WORKSPACE, "scenario") == []


def test_a_suggestion_is_applied_and_replans(store):
    """It applies the verified suggestion for 庚学会 with one click and re-plans so that 庚学会 is covered."""
    at = section(planned(store), "未覆盖的学会")
    button = widget(at.button, "sg_0_")
    assert button.label.startswith("采纳：")
    press(at, button.key)
    assert "庚学会" not in current(store).uncovered
    assert any("已采纳建议" in s.value for s in at.success)


def test_every_choice_box_speaks_chinese(store):
    """It gives every select box and multiselect a Chinese placeholder and labels without English words."""
    at = planned(store)
    for op in ("移动", "新建支部", "合并", "同组/不同组"):
        choose(at, op)
        boxes = list(at.selectbox) + list(at.multiselect)
        assert all(b.placeholder == "请选择" for b in boxes), [b.key for b in boxes if b.placeholder != "请选择"]
        labels = [w.label for w in boxes + list(at.button) + list(at.text_input)]
        assert not [t for t in labels if re.search("[A-Za-z]{2,}", t)]  # 方案A, J001 are fine; words are not


def test_skipped_branch_notice_is_past_tense_once_planned(db_path):
    """Today's 联合二支部 (丙丁: 2 formal members) breaks the rules: before planning it says 将重新规划,
    right after 开始规划 it says 已重新规划 (not the stale future tense)."""
    from dataclasses import replace as _replace

    socs = tuple(
        _replace(s, existing_org="联合二支部", existing_kind="联合党支部") if s.name in ("丙学会", "丁学会") else s
        for s in TINY.societies
    )
    store_roster(Store(db_path), _replace(TINY, societies=socs))
    at = open_page()
    assert any("将重新规划" in w.value for w in at.warning)
    at = press(at, "pl_run")
    assert not any("将重新规划" in w.value for w in at.warning)
    assert any("已重新规划" in i.value and "联合二支部" in i.value for i in at.info)


def test_last_action_message_shows_only_in_the_session_that_made_it(store):
    """重新优化其余's message shows in this session, not in a brand-new browser session opening the page."""
    at = press(planned(store), "ed_reopt")
    assert any("已重新优化未锁定部分" in s.value for s in at.success)
    other = open_page()
    assert not any("已重新优化未锁定部分" in s.value for s in other.success)
