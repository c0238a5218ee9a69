"""The plan as tables (for the planner page) and as an Excel workbook (openpyxl).

Sheets: 党组织 (one row per organization), 学会归属 (one row per society), and one
党员名册 sheet per joint branch in the columns of 青海指南 模板3, exactly as
:func:`model.paperwork.registers.member_register` lays them out for the documents (the seed's text
does not reproduce the table body; that module documents the columns). Phones appear
only when asked (docs/formats.md §1).

Every sheet has a title row and prints on A4, one page wide, its header repeated on every
page. Counts are numbers, 锁定 is 是/否, and every text is data: a text starting with
= + - @ (or a tab / CR) is stored as a string, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment

from model.paperwork.founding import org_members
from model.paperwork.registers import member_register
from model.paperwork.workbook import Sheet, Value, write_sheet, write_text_cell
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster
from model.rules.classify import secretary_candidate

__all__ = [
    "organization_rows",
    "society_rows",
    "register_rows",
    "branch_secretary",
    "plan_workbook",
    "register_header",
    "ORG_COLUMNS",
    "SOCIETY_COLUMNS",
]

ORG_COLUMNS = ("编号", "名称", "类型", "组建方式", "单位数", "正式党员数", "书记人选", "锁定", "状态", "所含学会")
SOCIETY_COLUMNS = ("学会名称", "学科类别", "所在地", "支撑单位", "正式党员数", "归属", "党组织编号", "组建方式")


def _by_society(roster: Roster) -> dict[str, list[Member]]:
    index: dict[str, list[Member]] = {}
    for m in roster.members:
        index.setdefault(m.society, []).append(m)
    return index


def branch_secretary(roster: Roster, org: Organization, index: dict[str, list[Member]] | None = None) -> str:
    """双向进入、交叉任职 candidate over all units (青海指南 第二部分三(4)), or a note why none."""
    if not roster.has_member_sheet:
        return "（未提供党员表）"
    index = _by_society(roster) if index is None else index
    members = tuple(m for u in org.units for m in index.get(u, ()))
    if not members:
        return "（党员表中无本组织党员）"
    name, role = secretary_candidate(members)
    if name is None:
        return "（无正式党员理事长或副理事长）"
    society = next((m.society for m in members if m.name == name), "")
    return f"{name}（{society}{role}）" if len(org.units) > 1 else f"{name}（{role}）"


def organization_rows(roster: Roster, plan: Plan) -> list[dict]:
    """One row per organization, columns :data:`ORG_COLUMNS`."""
    index = _by_society(roster)
    return [
        dict(
            zip(
                ORG_COLUMNS,
                (
                    o.id,
                    org_display_name(o),  # one naming rule with the graph and the documents
                    o.kind,
                    o.basis,
                    len(o.units),
                    o.formal_members,
                    branch_secretary(roster, o, index),
                    "是" if o.locked else "否",
                    o.status or "",
                    "、".join(o.units),
                ),
            )
        )
        for o in plan.organizations
    ]


def society_rows(roster: Roster, plan: Plan) -> list[dict]:
    """One row per society of the roster, columns :data:`SOCIETY_COLUMNS`."""
    rows = []
    for s in roster.societies:
        org = plan.org_of(s.name)
        if org is not None:
            where = org.kind
        else:
            where = "派驻党建工作指导员" if s.name in plan.liaison else "未覆盖"
        rows.append(
            dict(
                zip(
                    SOCIETY_COLUMNS,
                    (
                        s.name,
                        s.industry,
                        s.region,
                        s.host_unit or "",
                        s.counts(plan.policy.count_basis)[0],
                        where,
                        org.id if org else "",
                        org.basis if org else "",
                    ),
                )
            )
        )
    return rows


def register_header(roster: Roster, org: Organization, *, phones: bool = False) -> tuple[str, ...]:
    """The 模板3 党员名册 columns (联系电话 last, only when asked)."""
    return member_register(org, roster, personal=phones).sheets[0].rows[0]


def register_rows(roster: Roster, org: Organization, *, phones: bool = False) -> list[dict]:
    """The branch's 模板3 党员名册 rows from the 党员 sheet (empty when it lists nobody of the branch).

    For display: 序号 is a number, a date is its ISO text (a column keeps one type).
    """
    if not org_members(org, roster):
        return []
    header, *rows = member_register(org, roster, personal=phones).sheets[0].rows
    return [dict(zip(header, (v.isoformat() if isinstance(v, date) else v for v in row))) for row in rows]


def _cells(value: object) -> Value:
    return ("是" if value else "否") if isinstance(value, bool) else value


def _table(title: str, name: str, header: tuple[str, ...], rows: Iterable[dict]) -> Sheet:
    body = tuple(tuple(_cells(row.get(h, "")) for h in header) for row in rows)
    return Sheet(name, title, (header, *body))


def _sheet_title(org: Organization, used: set[str]) -> str:
    base = f"党员名册-{org.id}"
    for bad in "[]:*?/\\":
        base = base.replace(bad, "_")
    title, n = base[:31], 2
    while title in used:
        title, n = f"{base[:28]}-{n}", n + 1
    used.add(title)
    return title


def plan_workbook(roster: Roster, plan: Plan, *, phones: bool = False) -> bytes:
    """The plan as .xlsx bytes: 党组织, 学会归属 and one 党员名册 per joint branch.

    Every sheet prints as the registers do (:func:`model.paperwork.registers.write_sheet`).
    """
    orgs = organization_rows(roster, plan)
    societies = society_rows(roster, plan)
    wb = Workbook()
    wb.remove(wb.active)
    write_sheet(wb, _table(f"党组织一览（共{len(orgs)}个）", "党组织", ORG_COLUMNS, orgs))
    write_sheet(wb, _table(f"学会归属一览（共{len(societies)}家学会）", "学会归属", SOCIETY_COLUMNS, societies))
    used = {"党组织", "学会归属"}
    for org in plan.joint_branches():
        register = member_register(org, roster, personal=phones).sheets[0]
        sheet = Sheet(_sheet_title(org, used), f"{register.title}（{org.id}，{org.basis}）", register.rows)
        ws = write_sheet(wb, sheet)
        if not org_members(org, roster):
            _note(ws, len(sheet.rows) + 2, len(register.rows[0]), _NO_MEMBERS[roster.has_member_sheet])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_NO_MEMBERS = {False: "注：未提供党员表，请按模板3填写。", True: "注：党员表中无本支部党员，请按模板3填写。"}


def _note(ws, row: int, width: int, text: str) -> None:
    """A line under the table, across its width (inside the printed page)."""
    write_text_cell(ws, row, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
