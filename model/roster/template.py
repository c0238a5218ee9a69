"""Writing rosters in the canonical template (docs/formats.md §1), and the blank template.

The workbook has the sheets 学会, 党员 (when members are known), 地域相邻 (when
adjacency is known) and 填表说明 (the column notes). Headers are the canonical
Chinese ones, then any extra columns; the header row is frozen; text that starts
with = + - @ is stored as text, never as a formula.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from model.roster.cells import read_count, read_date
from model.roster.columns import (
    ADJACENCY_SHEET,
    MEMBER_SHEET,
    MEMBER_STATUSES,
    ORG_KINDS,
    SHEETS,
    SOCIETY_SHEET,
    SheetSpec,
    sheet_spec,
)
from model.roster.raw_tables import canonical_columns
from model.roster.values import Roster
from model.roster.workbook_io import Cell, RawBook, cell_text, is_blank

__all__ = ["write_roster_xlsx", "blank_template_xlsx"]

NOTES_SHEET = "填表说明"
_FORMULA_START = ("=", "+", "-", "@")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_TYPE_NAMES = {"text": "文本", "int": "非负整数", "date": "日期", "kind": "文本（限定取值）", "status": "正式/预备"}

Table = tuple[list[str], list[Sequence[Cell]]]


def write_roster_xlsx(roster_or_raw: Roster | RawBook) -> bytes:
    """The roster (parsed values) or a RawBook (cells as typed, e.g. after edits) as .xlsx bytes.

    From a Roster: loading the result gives an identical Roster. From a RawBook: the
    user's cells are kept (bad ones too, so they can be fixed); counts and dates typed
    as text are written as numbers and dates.
    """
    if isinstance(roster_or_raw, Roster):
        tables = _roster_tables(roster_or_raw)
    else:
        tables = _raw_tables(roster_or_raw)
    return _workbook(tables)


def blank_template_xlsx() -> bytes:
    """The three sheets with headers and one example row each, plus 填表说明."""
    tables = {
        spec.name: ([c.header for c in spec.columns], [[c.example if c.example != "" else None for c in spec.columns]])
        for spec in SHEETS
    }
    return _workbook(tables)


def _roster_tables(roster: Roster) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    spec = sheet_spec(SOCIETY_SHEET)
    extra = _extra_headers(s.extra for s in roster.societies)
    rows = []
    for s in roster.societies:
        values = [
            s.name,
            s.industry,
            s.region,
            s.host_unit,
            s.formal_members,
            s.probationary_members,
            s.secretariat_members,
            s.supervisor,
            s.existing_org,
            s.existing_kind,
            s.org_founded,
            s.term_ends,
        ]
        rows.append(values + [dict(s.extra).get(h) or None for h in extra])
    tables[SOCIETY_SHEET] = ([c.header for c in spec.columns] + extra, rows)
    if roster.has_member_sheet or roster.members:
        spec = sheet_spec(MEMBER_SHEET)
        extra = _extra_headers(m.extra for m in roster.members)
        rows = [
            [m.name, m.society, m.gender, m.society_role, m.status, m.discipline, m.phone, m.home_org]
            + [dict(m.extra).get(h) or None for h in extra]
            for m in roster.members
        ]
        tables[MEMBER_SHEET] = ([c.header for c in spec.columns] + extra, rows)
    if roster.adjacency:
        tables[ADJACENCY_SHEET] = (
            [c.header for c in sheet_spec(ADJACENCY_SHEET).columns],
            [list(pair) for pair in roster.adjacency],
        )
    return tables


def _extra_headers(extras: Iterable[tuple[tuple[str, str], ...]]) -> list[str]:
    seen: dict[str, None] = {}
    for pairs in extras:
        for h, _ in pairs:
            seen.setdefault(h, None)
    return list(seen)


def _raw_tables(raw: RawBook) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for spec in SHEETS:
        sheet = raw.sheet(spec.name)
        if sheet is None and spec.name != SOCIETY_SHEET:
            continue
        headers, idx = canonical_columns(sheet, spec.name)
        types = [c.type for c in spec.columns] + ["extra"] * (len(headers) - len(spec.columns))
        rows = []
        for _, cells in sheet.rows if sheet else ():
            rows.append([_typed(cells[j] if j is not None and j < len(cells) else None, t) for j, t in zip(idx, types)])
        tables[spec.name] = (headers, rows)
    return tables


def _typed(value: Cell, column_type: str) -> Cell:
    """A raw cell as it should be stored: clean counts as numbers, clean dates as dates."""
    if is_blank(value):
        return None
    if column_type == "int":
        n, error, _ = read_count(value, "table")
        return n if error is None and n is not None else value
    if column_type == "date":
        d, error, _ = read_date(value)
        return d if error is None and d is not None else value
    if column_type == "extra":
        return value
    return cell_text(value)


def _workbook(tables: dict[str, Table]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in SHEETS:
        if spec.name in tables:
            headers, rows = tables[spec.name]
            _write_sheet(wb.create_sheet(spec.name), spec, headers, rows)
    _write_notes(wb.create_sheet(NOTES_SHEET))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_sheet(ws, spec: SheetSpec, headers: list[str], rows: list[Sequence[Cell]]) -> None:
    required = {c.header for c in spec.columns if c.required}
    for j, h in enumerate(headers, start=1):
        cell = ws.cell(1, j, h)
        cell.font = _REQUIRED_FONT if h in required else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, values in enumerate(rows, start=2):
        for j, v in enumerate(values, start=1):
            if v is None or v == "":
                continue
            cell = ws.cell(i, j)
            if isinstance(v, str):
                v = ILLEGAL_CHARACTERS_RE.sub("", v)
                cell.value = v
                if v.startswith(_FORMULA_START):
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
            else:
                cell.value = v
                if isinstance(v, (date, datetime)):
                    cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    for j, h in enumerate(headers, start=1):
        sample = [cell_text(r[j - 1]) for r in rows[:300] if j - 1 < len(r)]
        width = max([_width(h)] + [_width(s) for s in sample])
        ws.column_dimensions[get_column_letter(j)].width = min(max(width + 2, 8), 40)
    _validation(ws, headers, "党组织类型", ORG_KINDS)
    _validation(ws, headers, "党员类别", MEMBER_STATUSES)


def _validation(ws, headers: list[str], header: str, allowed: Sequence[str]) -> None:
    if header not in headers:
        return
    letter = get_column_letter(headers.index(header) + 1)
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(allowed) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="取值不对",
        error="请从下拉列表中选择：" + "、".join(allowed),
    )
    dv.add(f"{letter}2:{letter}20000")
    ws.add_data_validation(dv)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_notes(ws) -> None:
    ws.append(["工作表", "列名", "英文键（也可作表头）", "是否必填", "类型", "说明"])
    for spec in SHEETS:
        for c in spec.columns:
            must = "必填" if c.required else "选填"
            if spec.name == SOCIETY_SHEET and c.key == "formal_members":
                must = "必填（填写了“党员”表时可不填）"
            ws.append([spec.name, c.header, c.key, must, _TYPE_NAMES[c.type], c.note])
    ws.append([])
    for line in (
        "“学会”表每行一个学会；“党员”表（可选）每行一名党员，填写后各学会党员数以党员表为准；",
        "“地域相邻”表（可选）每行一对相邻地区，不填则只有同一地区视为相邻。",
        "表头须在第一行（上方可有标题行）；单元格首尾空格、全角数字会自动处理并提示。",
    ):
        ws.append([line])
    for j in range(1, 7):
        cell = ws.cell(1, j)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for letter, width in zip("ABCDEF", (10, 18, 22, 26, 16, 70)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
