"""The hierarchy's listing as rows and as an Excel workbook (openpyxl).

Sheet 组织架构 has one row per society under its organization; sheet 党员 (when the
graph shows members) one row per member. Personal columns (联系电话, 党组织关系所在单位)
appear only when the graph was built with ``show_personal=True`` (``GraphOptions`` default: off).

The sheets print as the registers do: A4 (landscape when wider than 7 columns), one page
wide, the header row on every page, the sheet's title in the page header (row 1 stays the
header, so the listing reads back as a plain table). Counts are numbers; every text is data,
never a formula.
"""

from __future__ import annotations

import io
import unicodedata

import networkx as nx
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from model.graph.hierarchy import MEMBER, SOCIETY

__all__ = ["listing_rows", "member_rows", "listing_xlsx", "SOCIETY_COLUMNS", "MEMBER_COLUMNS", "PERSONAL_COLUMNS"]

SOCIETY_COLUMNS = (
    "序号",
    "上级党组织",
    "党组织",
    "党组织类型",
    "组建方式",
    "学会名称",
    "学科类别",
    "所在地",
    "支撑单位",
    "正式党员数",
    "党员总数（含预备）",
)
MEMBER_COLUMNS = ("序号", "学会名称", "姓名", "学会职务", "党员类别", "书记人选")
PERSONAL_COLUMNS = ("联系电话", "党组织关系所在单位")


def listing_rows(g: nx.DiGraph) -> list[dict]:
    """One dict per society (keys ``SOCIETY_COLUMNS``), in organization order."""
    rows: list[dict] = []
    upper = g.graph.get("upper", "")
    for n, a in g.nodes(data=True):
        if a.get("kind") != SOCIETY:
            continue
        parent = next(iter(g.predecessors(n)), None)
        p = g.nodes[parent] if parent is not None else {}
        rows.append(
            {
                "序号": len(rows) + 1,
                "上级党组织": upper if p.get("kind") != "未覆盖" else "",
                "党组织": p.get("name", "") if p.get("kind") not in ("派驻党建工作指导员", "未覆盖") else "",
                "党组织类型": p.get("kind", ""),
                "组建方式": a.get("basis", ""),
                "学会名称": a["name"],
                "学科类别": a.get("industry", ""),
                "所在地": a.get("region", ""),
                "支撑单位": a.get("host_unit", ""),
                "正式党员数": a.get("members", 0),
                "党员总数（含预备）": a.get("total", 0),
            }
        )
    return rows


def member_rows(g: nx.DiGraph) -> list[dict]:
    """One dict per member node; personal columns only if the graph carries them."""
    personal = bool(g.graph.get("show_personal"))
    rows: list[dict] = []
    for _, a in g.nodes(data=True):
        if a.get("kind") != MEMBER:
            continue
        row = {
            "序号": len(rows) + 1,
            "学会名称": a.get("society", ""),
            "姓名": a["name"],
            "学会职务": a.get("role", ""),
            "党员类别": a.get("status", ""),
            "书记人选": "是" if a.get("secretary") else "",
        }
        if personal:
            row.update({"联系电话": a.get("phone", ""), "党组织关系所在单位": a.get("home_org", "")})
        rows.append(row)
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TITLES = {"组织架构": "学会党组织设置一览", "党员": "学会党员一览"}


def _width(value: object) -> int:
    """Printed width in character cells, CJK counting double.

    >>> _width("党组织"), _width(12)
    (6, 2)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def _sheet(wb: Workbook, title: str, columns: tuple[str, ...], rows: list[dict], first: bool) -> None:
    """One bordered table from row 1 (its header), set up for print by :func:`_print_setup`."""
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2DCDB")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30
    for r, row in enumerate(rows, start=2):
        for col, c in enumerate(columns, start=1):
            v = row.get(c, "")
            cell = ws.cell(row=r, column=col, value=v)
            cell.border = border
            cell.alignment = Alignment(vertical="center", horizontal="center" if isinstance(v, int) else None)
            if isinstance(v, str):
                cell.data_type = "s"  # a name is data, never a formula
                cell.quotePrefix = v.startswith(_FORMULA_START)
        ws.row_dimensions[r].height = 18
    for i, c in enumerate(columns, start=1):
        width = max([_width(c)] + [_width(r.get(c, "")) for r in rows[:500]])
        ws.column_dimensions[get_column_letter(i)].width = min(30, max(6, width + 2))
    ws.freeze_panes = "A2"
    _print_setup(ws, len(columns), _TITLES.get(title, title))


def _print_setup(ws, width: int, title: str) -> None:
    """A4, landscape above 7 columns, one page wide, row 1 on every page, the title in the page header."""
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if width > 7 else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.center.text = title
    ws.oddHeader.center.size = 14
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def listing_xlsx(g: nx.DiGraph) -> bytes:
    """The listing workbook as bytes (sheet 组织架构, and 党员 when members are shown)."""
    wb = Workbook()
    _sheet(wb, "组织架构", SOCIETY_COLUMNS, listing_rows(g), first=True)
    members = member_rows(g)
    if g.graph.get("members"):
        cols = MEMBER_COLUMNS + (PERSONAL_COLUMNS if g.graph.get("show_personal") else ())
        _sheet(wb, "党员", cols, members, first=False)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
