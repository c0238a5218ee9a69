"""Excel registers: 模板3 党员名册, 表1–表3, the statistics form, and formula safety."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from model.paperwork.document import DocContext
from model.paperwork.registers import (
    council_register,
    coverage_form,
    member_register,
    missing_register,
    secretariat_register,
    society_info,
    to_xlsx,
)
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy

# 甲学会 (3 formal, own branch), 乙学会 (1) + 丙协会 (2) joint, 丁学会 (0) liaison, 戊学会 (1) uncovered.
ROSTER = Roster(
    (
        Society(
            "甲学会",
            "工科",
            "武汉市",
            host_unit="某大学",
            formal_members=3,
            probationary_members=1,
            org_founded=date(2019, 6, 1),
            existing_org="甲学会党支部",
        ),
        Society("乙学会", "工科", "武汉市", formal_members=1),
        Society("丙协会", "工科", "宜昌市", formal_members=2),
        Society("丁学会", "理科", "武汉市"),
        Society("戊学会", "农科", "十堰市", formal_members=1),
    ),
    (
        Member(
            "李二", "甲学会", gender="女", society_role="理事长", phone="13800000000", extra=(("出生日期", "1968-03"),)
        ),
        Member("王三", "甲学会", gender="男", society_role="秘书长", home_org="某大学党委"),
        Member("张一", "甲学会", society_role="理事"),
        Member("郑九", "乙学会", society_role='=HYPERLINK("http://x")'),
        Member("冯十", "丙协会", phone="+8613900000000"),
        Member("陈一", "丙协会", society_role="-理事", home_org="@SUM(A1)"),
    ),
    has_member_sheet=True,
)
OWN = Organization("S001", "党支部", "单独组建", ("甲学会",), 3)
JOINT = Organization("J001", "联合党支部", "同业共建", ("乙学会", "丙协会"), 3)
PLAN = Plan(Policy(), (OWN, JOINT), liaison=("丁学会",), uncovered=("戊学会",))
CTX = DocContext(addressee="中共某省科技社团委员会")


def cells(data: bytes) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [list(row) for row in ws.iter_rows()]


def values(data: bytes) -> list[list]:
    return [[c.value for c in row] for row in cells(data)]


def test_member_register_lists_members_and_missing_columns():
    """It writes 模板3 with one row per member and reports blank fields, a column blank for all as one row."""
    reg = member_register(OWN, ROSTER)
    rows = values(to_xlsx(reg))
    assert rows[0][0] == "甲学会党支部党员名册"
    assert [r[1] for r in rows[2:]] == ["李二", "王三", "张一"]
    fields = [m.field for m in reg.missing]
    assert "民族（全部3名党员均未填写）" in fields
    assert "王三：出生日期" in fields and "李二：出生日期" not in fields
    assert "张一：性别" in fields


def test_member_register_without_member_sheet():
    """It lists the whole member list as missing when the roster has no 党员 sheet."""
    reg = member_register(OWN, Roster(ROSTER.societies))
    assert reg.missing[0].field.startswith("党员名单")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+8613900000000", "-理事", "@SUM(A1)"])
def test_dangerous_text_is_written_as_text(text):
    """It stores text beginning with = + - @ as a string cell with a quote prefix, never as a formula."""
    data = to_xlsx(member_register(JOINT, ROSTER))
    found = [c for row in cells(data) for c in row if c.value == text]
    assert found, text
    assert all(c.data_type == "s" and c.quotePrefix for c in found)
    raw = io.BytesIO(data)
    import zipfile

    sheet_xml = zipfile.ZipFile(raw).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_society_info_fills_from_roster_and_plan():
    """It fills 表1 with the society, its organization and member total, and reports the unknown figures."""
    reg = society_info(ROSTER.society("甲学会"), ROSTER, PLAN, CTX)
    flat = [v for row in values(to_xlsx(reg)) for v in row]
    assert "甲学会" in flat and "某大学" in flat and "2019-06-01" in flat and "党支部" in flat
    assert "4" in flat  # 党员总数 T = 3 + 1
    assert "李二" in flat  # 学会负责人 and proposed 书记
    fields = {m.field for m in reg.missing}
    assert {"党组织工作经费", "工作人员总数", "学会负责人：学历"} <= fields


def test_society_info_gives_reason_when_not_organized():
    """It writes the 未建党组织原因 for liaison and uncovered societies."""
    liaison = values(to_xlsx(society_info(ROSTER.society("丁学会"), ROSTER, PLAN, CTX)))
    uncovered = values(to_xlsx(society_info(ROSTER.society("戊学会"), ROSTER, PLAN, CTX)))
    assert liaison[-1][1].startswith("无正式党员，派驻党建工作指导员")
    assert "暂无可联合组建" in uncovered[-1][1]


def test_council_register_and_personal_switch():
    """It lists 表3 members with 联系电话, and leaves the phone column out when asked."""
    with_phone = values(to_xlsx(council_register(ROSTER.society("甲学会"), ROSTER)))
    assert with_phone[2] == ["序号", "姓名", "性别", "学会职务", "联系电话", "党组织关系所在单位"]
    assert with_phone[3][:5] == ["1", "李二", "女", "理事长", "13800000000"]
    without = values(to_xlsx(council_register(ROSTER.society("甲学会"), ROSTER, personal=False)))
    assert "联系电话" not in without[2] and "13800000000" not in [v for r in without for v in r]


def test_secretariat_register_picks_secretariat_members():
    """It fills 表2 for members whose 学会职务 names 秘书, and reports when there are none."""
    reg = secretariat_register(ROSTER.society("甲学会"), ROSTER)
    flat = [v for row in values(to_xlsx(reg)) for v in row]
    assert "王三" in flat and "李二" not in flat and "某大学党委" in flat
    none = secretariat_register(ROSTER.society("乙学会"), ROSTER)
    assert none.missing[0].field.startswith("秘书处专兼职干部党员名单")


def test_coverage_form_counts_the_plan():
    """It counts own, joint, not-yet and instructor rows and the coverage rates of the plan."""
    rows = values(to_xlsx(coverage_form(PLAN)))
    table = {(r[0], r[1]): r[2:] for r in rows[2:]}
    assert table[("已单独建立党组织的", "党支部")] == [1, 1]
    assert table[("已建立联合党支部的", "联合党支部数")][0] == 1
    assert table[("已建立联合党支部的", "覆盖单位数")][1] == 2
    assert table[("应建尚未建立党组织的", "学会数")][1] == 1
    assert table[("派驻党建工作指导员（联络员）的", "学会数")][1] == 1
    assert table[("组织覆盖率", "60%")][1] == "3/5"
    assert table[("工作覆盖率", "100%")][1] == "5/5"


def test_missing_register_lists_every_row():
    """It writes the missing-data list with one numbered row per item."""
    missing = member_register(OWN, ROSTER).missing
    rows = values(to_xlsx(missing_register(missing)))
    assert len(rows) == 2 + len(missing) and rows[2][0] == "1"
