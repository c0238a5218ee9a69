"""The hierarchy's listing as rows and as an Excel workbook (openpyxl).

Sheet 组织架构 has one row per society under its organization; sheet 党员 (when the
graph shows members) one row per member. Personal columns (联系电话, 党组织关系所在单位)
appear only when the graph was built with ``show_personal=True``.
"""

from __future__ import annotations

import io

import networkx as nx
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
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


def _sheet(wb: Workbook, title: str, columns: tuple[str, ...], rows: list[dict], first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C0392B")
    for r, row in enumerate(rows, start=2):
        values = [row.get(c, "") for c in columns]
        ws.append(values)
        for col, v in enumerate(values, start=1):
            if isinstance(v, str) and v.startswith("="):  # a name is data, never a formula
                ws.cell(row=r, column=col).data_type = "s"
    for i, c in enumerate(columns, start=1):
        width = max([len(str(c))] + [len(str(r.get(c, ""))) for r in rows[:500]])
        ws.column_dimensions[get_column_letter(i)].width = min(4 + 2 * width, 60)
    ws.freeze_panes = "A2"


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
