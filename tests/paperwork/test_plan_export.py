"""Tests of model.paperwork.plan_workbook: page tables and the Excel workbook."""

import io

import openpyxl

from model.paperwork.plan_workbook import organization_rows, plan_workbook, register_rows, society_rows
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy


def _roster(with_members: bool = True) -> Roster:
    """甲(1)+乙(2) form J001; 丙 has its own branch; 丁 is uncovered; 戊 (F=0) gets an instructor."""
    societies = (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "宜昌", None, 2),
        Society("丙", "理科", "襄阳", None, 4),
        Society("丁", "医科", "恩施", None, 1),
        Society("戊", "医科", "恩施", None, 0),
    )
    members = (
        (
            Member("张三", "甲", "男", "副理事长", phone="13800000000"),
            Member('=HYPERLINK("http://x")', "乙", "女", "理事长", home_org="-乙单位", phone="@1"),
            Member("王五", "乙", "男", "理事", status="预备"),
            Member("赵六", "丙", "男", "理事长"),
        )
        if with_members
        else ()
    )
    return Roster(societies, members, has_member_sheet=with_members)


PLAN = Plan(
    Policy(),
    (
        Organization("J001", "联合党支部", "同业共建", ("甲", "乙"), 3, locked=True, status="新建"),
        Organization("S001", "党支部", "单独组建", ("丙",), 4),
    ),
    liaison=("戊",),
    uncovered=("丁",),
)


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_organization_rows_name_secretary_candidate():
    """It gives one row per organization with the 双向进入 secretary candidate across the branch's units."""
    rows = organization_rows(_roster(), PLAN)
    assert [r["编号"] for r in rows] == ["J001", "S001"]
    assert rows[0]["书记人选"] == '=HYPERLINK("http://x")（乙理事长）'
    assert rows[0]["锁定"] == "是" and rows[0]["所含学会"] == "甲、乙"
    assert organization_rows(_roster(False), PLAN)[0]["书记人选"] == "（未提供党员表）"


def test_society_rows_say_where_each_society_is():
    """It places every society: in an organization, with an instructor, or uncovered."""
    where = {r["学会名称"]: (r["归属"], r["党组织编号"]) for r in society_rows(_roster(), PLAN)}
    assert where == {
        "甲": ("联合党支部", "J001"),
        "乙": ("联合党支部", "J001"),
        "丙": ("党支部", "S001"),
        "丁": ("未覆盖", ""),
        "戊": ("派驻党建工作指导员", ""),
    }


def test_register_rows_include_phones_only_when_asked():
    """It lists the branch's members from the 党员 sheet, with phones only on request."""
    org = PLAN.organizations[0]
    rows = register_rows(_roster(), org)
    assert [r["姓名"] for r in rows] == ["张三", '=HYPERLINK("http://x")', "王五"]
    assert rows[2]["党员类别"] == "预备" and rows[1]["学会职务"] == "理事长" and "联系电话" not in rows[0]
    assert register_rows(_roster(), org, phones=True)[0]["联系电话"] == "13800000000"
    assert register_rows(_roster(False), org) == []


def test_workbook_has_the_three_kinds_of_sheet():
    """It writes 党组织, 学会归属 and one 党员名册 sheet per joint branch, readable back."""
    wb = _book(plan_workbook(_roster(), PLAN))
    assert wb.sheetnames == ["党组织", "学会归属", "党员名册-J001"]
    assert wb["党组织"]["A1"].value == "党组织一览（共2个）" and wb["学会归属"]["A1"].value.startswith("学会归属一览")
    assert [c.value for c in wb["党组织"][2]][:4] == ["编号", "名称", "类型", "组建方式"]
    assert wb["党组织"]["H3"].value == "是"  # 锁定
    reg = wb["党员名册-J001"]
    assert "党员名册" in reg["A1"].value and "J001" in reg["A1"].value
    assert [c.value for c in reg[2]] == [
        "序号",
        "姓名",
        "所在学会",
        "党员类别",
        "性别",
        "出生日期",
        "民族",
        "学历",
        "入党时间",
        "学会职务",
        "党组织关系所在单位",
    ]
    assert reg["B3"].value == "张三" and reg["J3"].value == "副理事长" and reg.max_row == 5
    assert reg["A3"].value == 1


def test_workbook_writes_formula_like_text_as_text():
    """It stores names starting with = - @ as strings, never formulas, and phones only when asked."""
    data = plan_workbook(_roster(), PLAN, phones=True)
    reg = _book(data)["党员名册-J001"]
    assert reg["B4"].value.startswith("=") and reg["B4"].data_type == "s"
    assert reg["K4"].value == "-乙单位" and reg["K4"].data_type == "s"
    assert reg["L2"].value == "联系电话" and reg["L4"].value == "@1" and reg["L4"].data_type == "s"
    assert b"<f>" not in _unzipped(data)
    assert "13800000000" not in str(
        [c.value for row in _book(plan_workbook(_roster(), PLAN))["党员名册-J001"] for c in row]
    )


def _unzipped(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_workbook_without_member_sheet_says_so():
    """It leaves a note in each register when the roster has no 党员 sheet."""
    reg = _book(plan_workbook(_roster(False), PLAN))["党员名册-J001"]
    assert reg["A3"].value == 1 and reg["B3"].value == "＿＿＿"  # a blank row to fill in
    assert "未提供党员表" in reg["A4"].value and "A4:K4" in {str(r) for r in reg.merged_cells.ranges}
    assert reg.max_column == 11  # the note stays inside the printed width


def test_every_sheet_prints_one_page_wide_with_its_header():
    """It sets every sheet on A4, landscape (8–11 columns), one page wide, title and header on every page."""
    wb = _book(plan_workbook(_roster(), PLAN))
    for ws in wb:
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$2", ws.title
        assert ws["A1"].alignment.horizontal == "center" and ws["A2"].border.top.style == "thin", ws.title


def test_counts_are_numbers():
    """It writes 单位数 and 正式党员数 as integers, so the ledger sums in Excel."""
    wb = _book(plan_workbook(_roster(), PLAN))
    orgs, societies = wb["党组织"], wb["学会归属"]
    assert (orgs["E3"].value, orgs["F3"].value, orgs["F4"].value) == (2, 3, 4)
    assert orgs["E3"].data_type == "n" and societies["E3"].value == 1 and societies["E5"].value == 4


def test_register_rows_show_dates_as_text():
    """It gives the page a member's full date as ISO text, so a column keeps one type."""
    roster = Roster(
        _roster().societies, (Member("张三", "甲", extra=(("入党时间", "1990年7月1日"),)),), has_member_sheet=True
    )
    assert register_rows(roster, PLAN.organizations[0])[0]["入党时间"] == "1990-07-01"
