"""Excel registers: 模板3 党员名册, 表1–表3, the statistics form, and formula safety."""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import partial

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
)
from model.paperwork.spreadsheet import to_xlsx
from model.paperwork.workbook import MAX_WIDTH, Register
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
        Member(
            "王三",
            "甲学会",
            gender="男",
            society_role="秘书长",
            home_org="某大学党委",
            phone="02787654321",
            extra=(("入党时间", "1990年7月1日"), ("身份证号", "420106199001010011")),
        ),
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
    data = to_xlsx(member_register(JOINT, ROSTER, personal=True))
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
    assert "甲学会" in flat and "某大学" in flat and datetime(2019, 6, 1) in flat and "党支部" in flat
    assert 4 in flat  # 党员总数 T = 3 + 1
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
    """It lists 表3 members without 联系电话 unless asked, and with the phone column when asked."""
    with_phone = values(to_xlsx(council_register(ROSTER.society("甲学会"), ROSTER, personal=True)))
    assert with_phone[2] == ["序号", "姓名", "性别", "学会职务", "联系电话", "党组织关系所在单位"]
    assert with_phone[3][:5] == [1, "李二", "女", "理事长", "13800000000"]
    without = values(to_xlsx(council_register(ROSTER.society("甲学会"), ROSTER)))
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
    table = {(r[0], r[1] if isinstance(r[1], str) else f"{r[1]:.0%}"): r[2:] for r in rows[2:]}
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
    assert len(rows) == 2 + len(missing) and rows[2][0] == 1


def sheet_of(register: Register):
    return openpyxl.load_workbook(io.BytesIO(to_xlsx(register))).active


def test_wide_register_prints_landscape_one_page_wide():
    """It sets 模板3 (12 columns) on A4 landscape, one page wide, title and header on every page."""
    ws = sheet_of(member_register(OWN, ROSTER, personal=True))
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert (setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
    assert ws.print_title_rows == "$1:$2"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:L1"] and ws["A1"].alignment.horizontal == "center"
    assert ws.page_margins.left <= 0.75 and ws.page_margins.top <= 0.75
    assert all(ws.cell(3, c).border.left.style == "thin" for c in range(1, 13))


def test_narrow_registers_print_portrait_with_their_header_rows():
    """It prints 表3 (6 columns) and the statistics form portrait, repeating 表3's two header rows."""
    council = sheet_of(council_register(ROSTER.society("甲学会"), ROSTER, personal=True))
    assert council.page_setup.orientation == "portrait" and council.print_title_rows == "$1:$3"
    assert "B2:F2" in {str(r) for r in council.merged_cells.ranges}  # 学会（盖章）：甲学会
    form = sheet_of(coverage_form(PLAN))
    assert form.page_setup.orientation == "portrait" and form.page_setup.fitToWidth == 1
    info = sheet_of(society_info(ROSTER.society("甲学会"), ROSTER, PLAN, CTX))
    assert info.print_title_rows is None and "B2:G2" in {str(r) for r in info.merged_cells.ranges}


def test_counts_are_numbers_dates_are_dates_identifiers_stay_text():
    """It writes 序号 as int and a full date as a date, but a month, a blank and a phone number as text."""
    ws = sheet_of(member_register(OWN, ROSTER, personal=True))
    header = [c.value for c in ws[2]]
    li, wang = ws[3], ws[4]
    assert [r[0].value for r in (li, wang)] == [1, 2] and li[0].data_type == "n"
    joined = wang[header.index("入党时间")]
    assert joined.value == datetime(1990, 7, 1) and joined.is_date and joined.number_format == "yyyy-mm-dd"
    assert li[header.index("出生日期")].value == "1968-03"  # no day to invent
    phone = wang[header.index("联系电话")]
    assert phone.value == "02787654321" and phone.data_type == "s"


def test_rates_are_percent_numbers():
    """It writes the coverage rates as fractions with a % format, and the counts as integers."""
    ws = sheet_of(coverage_form(PLAN))
    org_rate, work_rate = ws["B11"], ws["B12"]
    assert (org_rate.value, org_rate.number_format) == (0.6, "0%")
    assert (work_rate.value, work_rate.number_format) == (1, "0%")
    assert ws["C5"].value == 1 and ws["C5"].data_type == "n"
    thirds = Plan(Policy(), (JOINT,), uncovered=("丁学会",), liaison=())
    assert sheet_of(coverage_form(thirds))["B11"].number_format == "0.0%"  # 2/3 = 66.7%


def test_society_info_counts_are_numbers():
    """It writes the figures of 表1 as numbers when they are numbers, and keeps any other text."""
    s = ROSTER.society("甲学会")
    extra = Society(
        s.name,
        s.industry,
        s.region,
        host_unit=s.host_unit,
        formal_members=3,
        org_founded=s.org_founded,
        extra=(("工作人员总数", "12"), ("党组织工作经费", "约5000"), ("书记任职时间", "2020-01-15")),
    )
    roster = Roster((extra,) + ROSTER.societies[1:], ROSTER.members, has_member_sheet=True)
    ws = sheet_of(society_info(extra, roster, PLAN, CTX))
    assert ws["B6"].value == 12 and ws["D5"].value == "约5000" and ws["B7"].value == 3
    assert ws["B4"].value == datetime(2019, 6, 1) and ws["B4"].number_format == "yyyy-mm-dd"
    assert ws["E11"].value == datetime(2020, 1, 15)


@pytest.mark.parametrize(
    "build",
    [
        partial(member_register, OWN, ROSTER),
        partial(council_register, ROSTER.society("甲学会"), ROSTER),
        partial(society_info, ROSTER.society("甲学会"), ROSTER, PLAN, CTX),
        partial(secretariat_register, ROSTER.society("甲学会"), ROSTER),
    ],
    ids=["模板3", "表3", "表1", "表2"],
)
def test_phone_numbers_only_when_asked(build):
    """It leaves phone numbers out by default and writes them with personal=True, unreported when off."""
    by_default, asked = build(), build(personal=True)
    flat = {v for row in values(to_xlsx(by_default)) for v in row}
    assert not flat & {"13800000000", "02787654321"}
    assert not any("联系" in m.field or "电话" in m.field for m in by_default.missing)
    assert {v for row in values(to_xlsx(asked)) for v in row} & {"13800000000", "02787654321"}


def test_column_widths_follow_the_content():
    """It sizes columns by content, a CJK character counting double, and caps a long text (which wraps)."""
    long_unit = "某" * 60
    roster = Roster(
        ROSTER.societies, (Member("李二", "甲学会", phone="13800000000", home_org=long_unit),), (), (), "", True
    )
    ws = sheet_of(member_register(OWN, roster, personal=True))
    width = {ws.cell(2, c).value: ws.column_dimensions[ws.cell(2, c).column_letter].width for c in range(1, 13)}
    assert width["所在学会"] >= 2 * len("所在学会") and width["联系电话"] >= len("13800000000")
    assert MAX_WIDTH <= width["党组织关系所在单位"] < 2 * len(long_unit)
    assert ws.row_dimensions[3].height > ws.row_dimensions[2].height  # the wrapped row is taller
