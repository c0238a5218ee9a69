"""AppTest of app_pages/documents.py (文书与台账), driven by widget keys, against a tiny roster in a tmp store."""

from __future__ import annotations

import json
from datetime import date

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


def missing_fields(at: AppTest) -> set[str]:
    """The fields of the preview's list of what is missing."""
    return {v for df in at.dataframe if "缺少的信息" in df.value.columns for v in df.value["缺少的信息"]}


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
    assert "主送机关（上级党组织）" in missing_fields(at)
    at.text_input(key="doc_addressee").input("中共某省科技社团委员会")
    run(at)
    assert "中共某省科技社团委员会：" in at.text[0].value
    assert "主送机关（上级党组织）" not in missing_fields(at)
    assert "doc_dl_S001" in {b.key for b in at.get("download_button")}


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
    """It warns (the planner's stale-plan notice, with its re-plan button) when the saved plan names a
    society the roster no longer has, and still renders."""
    stale = Plan(Policy(), PLAN.organizations, liaison=("已撤销学会",))
    store.put(DEFAULT_WORKSPACE, "plan", "current", stale.to_dict())
    at = open_page()
    assert any("当前方案已过期" in w.value and "名册中已没有" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]
    assert at.button(key="doc_stale")
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


def test_letter_options_are_kept_in_the_workspace(store):
    """It keeps the 主送机关 and 理事会会议 the moment they change: shown again after a page switch and a
    refresh, written into the 请示, and part of the workspace export."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    at.text_input(key="doc_addressee").input("中共某省科技社团委员会")
    run(at)
    at.text_input(key="doc_meeting").input("2026年3月5日经第五届理事会第三次会议")
    run(at)
    saved = store.get(DEFAULT_WORKSPACE, "settings", "doc_context")
    assert saved["addressee"] == "中共某省科技社团委员会" and saved.get("issued") is None
    at.switch_page("app_pages/home.py")
    run(at)
    at.switch_page(PAGE)
    run(at)
    assert at.text_input(key="doc_addressee").value == "中共某省科技社团委员会"
    assert at.text_input(key="doc_meeting").value == "2026年3月5日经第五届理事会第三次会议"
    assert "中共某省科技社团委员会：" in at.text[0].value
    assert "2026年3月5日经第五届理事会第三次会议" in at.text[0].value
    fresh = open_page()  # a refresh: a new session
    assert fresh.text_input(key="doc_addressee").value == "中共某省科技社团委员会"
    exported = json.loads(store.export_workspace(DEFAULT_WORKSPACE))
    kept = [d["value"] for d in exported["documents"] if (d["kind"], d["key"]) == ("settings", "doc_context")]
    assert kept and kept[0]["council_meeting"] == "2026年3月5日经第五届理事会第三次会议"


def test_issue_date_kept_and_today_stays_today(store):
    """It keeps a 成文日期 other than today as a date (and says it is not today), and today as “today”."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    at.date_input(key="doc_issued").set_value(date(2026, 3, 5))
    run(at)
    assert store.get(DEFAULT_WORKSPACE, "settings", "doc_context")["issued"] == "2026-03-05"
    fresh = open_page()
    assert fresh.date_input(key="doc_issued").value == date(2026, 3, 5)
    assert any("不是今天" in c.value for c in fresh.caption)
    assert "2026年3月5日" in fresh.text[0].value
    fresh.date_input(key="doc_issued").set_value(date.today())
    run(fresh)
    assert store.get(DEFAULT_WORKSPACE, "settings", "doc_context")["issued"] is None


def test_phone_numbers_are_opt_in(store):
    """It starts with the phone-number box unticked, leaving 联系电话 out of 表3 until it is ticked."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    assert at.checkbox(key="doc_phones").value is False
    at.selectbox(key="doc_type").set_value("表3")
    run(at)
    cells = {str(v) for df in at.dataframe for col in df.value.columns for v in [col, *df.value[col]]}
    assert "联系电话" not in cells
    at.checkbox(key="doc_phones").check()
    run(at)
    cells = {str(v) for df in at.dataframe for col in df.value.columns for v in [col, *df.value[col]]}
    assert "联系电话" in cells


def test_opens_on_the_documents_that_are_due(store):
    """It opens on the organization with the most pressing due document and on that document, and says what
    is due: a new branch's 模板1 before a kept one's registers; with nothing due, 模板3 of the first."""
    kept = Organization("S001", "党支部", "单独组建", ("甲学会",), 3, status="保留")
    store.put(DEFAULT_WORKSPACE, "plan", "current", Plan(Policy(), (kept, PLAN.organizations[1])).to_dict())
    at = open_page()
    assert at.multiselect(key="doc_orgs").value == ["J001"]
    assert at.selectbox(key="doc_type").value == "模板1"
    assert any("需要办理文书的党组织共 1 个" in i.value and "新建或调整党组织 1 个" in i.value for i in at.info)
    at.multiselect(key="doc_orgs").set_value(["S001"])
    run(at)
    assert at.selectbox(key="doc_type").value == "模板1"  # the user's type stays while the page is open
    store.put(DEFAULT_WORKSPACE, "plan", "current", Plan(Policy(), (kept,)).to_dict())
    at = open_page()
    assert at.multiselect(key="doc_orgs").value == ["S001"]
    assert at.selectbox(key="doc_type").value == "模板3"
    assert any("当前没有需要报送的请示" in c.value for c in at.caption)


def test_a_held_election_is_due_before_a_founding(store):
    """It opens on the 换届结果 request of an organization whose election has been counted."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    names = ["张三", "李四", "王五"]
    store.put(DEFAULT_WORKSPACE, "election", "S001 甲学会党支部",
              {"organization": "S001", "seats": 1, "candidates": names[:1], "mode": "等额", "eligible_due": 3,
               "eligible_present": 3, "date": "2026-11-20", "ballots": [{"yes": names[:1]}] * 3})  # fmt: skip
    at = open_page()
    assert at.multiselect(key="doc_orgs").value == ["S001"]
    assert at.selectbox(key="doc_type").value == "模板6"


def test_zip_is_built_with_progress_then_offered(store):
    """It builds the zip only when asked, with a progress bar per organization, then offers its download."""
    store.put(DEFAULT_WORKSPACE, "plan", "current", PLAN.to_dict())
    at = open_page()
    assert "doc_zip" not in {b.key for b in at.get("download_button")}
    at.button(key="doc_zip_build").click()
    run(at)
    assert at.get("progress") and "已生成" in at.status[0].label
    assert "doc_zip" in {b.key for b in at.get("download_button")}
