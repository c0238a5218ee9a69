"""The listing as Excel: one row per society, members on request, personal columns on request."""

from __future__ import annotations

import io

from graph_fixtures import IMG, PHONE, SCRIPT, tiny_plan, tiny_roster
from openpyxl import load_workbook

from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.listing import listing_rows, listing_xlsx, member_rows
from model.planning.plan import Plan
from model.roster.values import Roster, Society
from model.rules.policy import Policy


def _book(**options):
    return load_workbook(io.BytesIO(listing_xlsx(build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(**options)))))


def test_one_row_per_society_under_its_organization():
    """It lists each society once with its organization, kind and basis."""
    rows = {r["学会名称"]: r for r in listing_rows(build_hierarchy(tiny_roster(), tiny_plan()))}
    assert set(rows) == {"湖北省计算机学会", IMG, SCRIPT, "湖北省植物学会", "湖北省中医药学会"}
    assert (rows[SCRIPT]["党组织"], rows[SCRIPT]["组建方式"]) == (f"{IMG}等2家单位联合党支部", "同业共建")
    assert rows["湖北省中医药学会"]["党组织类型"] == "未覆盖" and rows["湖北省中医药学会"]["上级党组织"] == ""
    assert rows["湖北省计算机学会"]["党员总数（含预备）"] == 11


def test_member_sheet_only_with_members_and_phone_only_when_personal():
    """It adds sheet 党员 only with members, and the phone column only with show_personal."""
    assert _book().sheetnames == ["组织架构"]
    values = [c.value for row in _book(members=True)["党员"].iter_rows() for c in row]
    assert "张三" in values and PHONE not in values and "联系电话" not in values
    personal = [c.value for row in _book(members=True, show_personal=True)["党员"].iter_rows() for c in row]
    assert PHONE in personal and "联系电话" in personal
    assert all(
        "联系电话" not in r
        for r in member_rows(build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True)))
    )


def test_formula_like_names_stay_text():
    """It writes a name starting with = as text, so Excel never evaluates it."""
    r = Roster((Society('=HYPERLINK("http://x")', "工科", "武汉市", None, 0),))
    g = build_hierarchy(r, Plan(Policy(), (), liaison=('=HYPERLINK("http://x")',)))
    ws = load_workbook(io.BytesIO(listing_xlsx(g)))["组织架构"]
    assert ws["F2"].value == '=HYPERLINK("http://x")' and ws["F2"].data_type == "s" and ws["F2"].quotePrefix


def test_listing_prints_one_page_wide_with_its_header():
    """It sets each sheet on A4 (组织架构: 11 columns, landscape), one page wide, row 1 on every page."""
    book = _book(members=True)
    listing, members = book["组织架构"], book["党员"]
    assert (listing.page_setup.paperSize, listing.page_setup.orientation) == (9, "landscape")
    assert members.page_setup.orientation == "portrait"  # 6 columns
    for ws in (listing, members):
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
        assert ws["A2"].border.left.style == "thin" and ws.oddHeader.center.text
    assert listing.column_dimensions["F"].width >= 2 * len("湖北省计算机学会")  # CJK counts double


def test_counts_are_numbers():
    """It writes 序号 and the member counts as integers."""
    ws = _book()["组织架构"]
    header = [c.value for c in ws[1]]
    row = list(ws[2])
    assert row[0].value == 1 and isinstance(row[header.index("正式党员数")].value, int)
    assert row[header.index("党员总数（含预备）")].data_type == "n"
