"""AppTest of app_pages/documents.py (文书与台账), driven by widget keys, against a tiny roster in a tmp store."""

from __future__ import annotations

import pytest
from helpers import open_app, store_roster
from helpers import rerun as run
from streamlit.testing.v1 import AppTest

from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy
from storage.store import DEFAULT_WORKSPACE, Store

PAGE = "app_pages/documents.py"
HOSTILE = "<b>*粗体*</b>学会"

# 甲学会: own branch (3 formal); HOSTILE + 乙学会: a joint branch; 丙学会: liaison.
TINY = Roster(
    (
        Society("甲学会", "工科", "武汉市", formal_members=3),
        Society(HOSTILE, "理科", "宜昌市", formal_members=1),
        Society("乙学会", "理科", "宜昌市", formal_members=2),
        Society("丙学会", "农科", "襄阳市", formal_members=0),
    ),
    members=(
        Member("张三", "甲学会", "男", "理事长"),
        Member("李四", "甲学会", "女", "理事"),
        Member("王五", "甲学会", "男", "秘书长"),
        Member("赵六", HOSTILE, "男", "理事长"),
    ),
    has_member_sheet=True,
)
PLAN = Plan(
    Policy(),
    (
        Organization("S001", "党支部", "单独组建", ("甲学会",), 3),
        Organization("J001", "联合党支部", "区域联建", (HOSTILE, "乙学会"), 3),
    ),
    liaison=("丙学会",),
)


@pytest.fixture
def store(db_path) -> Store:
    return store_roster(Store(db_path), TINY)


def open_page() -> AppTest:
    return open_app(PAGE)


def test_page_asks_for_a_plan_first(store):
    """It explains that a plan is needed and links to the planner when none is saved."""
    at = open_page()
    assert at.title[0].value == "文书与台账"
    assert any("还没有规划方案" in i.value for i in at.info)


def test_preview_missing_list_and_downloads(store):
    """It previews 模板1 of the first organization, lists what is missing and offers both downloads."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    assert at.multiselect(key="doc_orgs").value == ["S001"]
    preview = at.text[0].value
    assert "关于成立“甲学会党支部”的请示" in preview and "书记：张三（理事长）" in preview
    missing = at.dataframe[0].value
    assert "主送机关（上级党组织）" in set(missing["缺少的信息"])
    at.text_input(key="doc_addressee").input("中共某省科技社团委员会")
    run(at)
    assert "中共某省科技社团委员会：" in at.text[0].value
    assert "主送机关（上级党组织）" not in set(at.dataframe[0].value["缺少的信息"])
    keys = {b.key for b in at.get("download_button")}
    assert {"doc_dl_S001", "doc_zip"} <= keys


def test_hostile_names_stay_text_and_registers_preview(store):
    """It shows a society named like HTML as plain text and previews a register as a table."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    at.multiselect(key="doc_orgs").set_value(["J001"])
    run(at)
    assert HOSTILE in at.text[0].value
    assert not any("<b>" in m.value for m in at.markdown)
    at.selectbox(key="doc_type").set_value("表3")
    run(at)
    shown = [v for df in at.dataframe for col in df.value.columns for v in df.value[col].astype(str)]
    assert "赵六" in shown and "理事长" in shown


def test_election_from_store_fills_result_letter(store):
    """It reads a stored election of the organization and fills 模板6 with its counted votes."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    store.put(
        DEFAULT_WORKSPACE,
        "election",
        "甲学会换届",
        {
            "organization": "甲学会党支部",
            "kind": "换届",
            "seats": 1,
            "mode": "等额",
            "candidates": ["张三"],
            "eligible_due": 3,
            "eligible_present": 3,
            "ballots": [{"yes": ["张三"]}] * 3,
        },
    )
    store.put(DEFAULT_WORKSPACE, "election", "旧方案", {"organization": "X9", "seats": 1, "candidates": []})
    at = open_page()
    assert any("旧方案" in w.value and "不在当前方案中" in w.value for w in at.warning)
    at.selectbox(key="doc_type").set_value("模板6")
    run(at)
    assert "张三同志得票3票" in at.text[0].value and "100%（超过五分之四）" in at.text[0].value


def test_stale_plan_is_flagged(store):
    """It warns when the saved plan names a society the roster no longer has, and still renders."""
    stale = Plan(Policy(), PLAN.organizations, liaison=("已撤销学会",))
    store.put(DEFAULT_WORKSPACE, "plan", "current", stale.to_dict())
    at = open_page()
    assert any("不在当前名册中" in w.value for w in at.warning)
    assert "甲学会党支部" in at.text[0].value


def test_register_preview_has_the_registers_own_headers(store):
    """It heads the 模板3 preview with the register's Chinese header cells, never numeric column keys."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    at.selectbox(key="doc_type").set_value("模板3")
    run(at)
    columns = [str(c) for df in at.dataframe for c in df.value.columns]
    assert "姓名" in columns and "序号" in columns
    assert not any(c.isdigit() for c in columns)
