"""Excel registers (台账): 模板3 党员名册, 吉林要点2017 表1–表3, and the coverage statistics form.

A register is a plain value (:class:`Register`: sheets of typed rows plus the
:class:`~model.paperwork.document.MissingData` it left blank), rendered by :func:`to_xlsx`
as an official would file it: A4, landscape when wide, one page wide, the header repeated
on every page, the title merged across the table.

Cells are typed: counts and 序号 are ``int``, full dates are :class:`~datetime.date`
(``yyyy-mm-dd``), rates are :class:`Percent` (a number with a % format). Everything else is
text, including what only looks numeric (phone numbers, ID numbers); a text starting with
= + - @ is stored as a string cell with Excel's quote prefix, never as a formula.

Phone numbers (联系电话, 联系方式, 手机号码) appear only with ``personal=True``; every
builder here defaults to ``personal=False``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from model.paperwork.document import BLANK, DocContext, MissingData, percent
from model.paperwork.founding import org_display_name, org_members, person_value, proposed_leadership
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society

__all__ = [
    "Percent",
    "Value",
    "Sheet",
    "Register",
    "as_date",
    "as_number",
    "text_width",
    "column_widths",
    "to_xlsx",
    "write_sheet",
    "write_text_cell",
    "member_register",
    "society_info",
    "secretariat_register",
    "council_register",
    "coverage_form",
    "missing_register",
]

NA = "—"
LANDSCAPE_ABOVE = 7  # columns; a wider table is printed landscape
MAX_WIDTH = 30  # column width cap (characters) of a table; longer text wraps
FORM_MAX_WIDTH = 16  # of a form (表1, 表2): labels wrap onto two lines, the form fills the page
LINE_HEIGHT = 14.5  # points per line of 11 pt 宋体
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True, slots=True)
class Percent:
    """part/whole: a number with a % format in Excel, shown as the documents write it.

    >>> str(Percent(3, 5)), str(Percent(2, 3)), str(Percent(1, 0)), Percent(3, 5).share
    ('60%', '66.7%', '—', 0.6)
    """

    part: int
    whole: int

    @property
    def share(self) -> float | None:
        """The fraction (None when the whole is 0)."""
        return self.part / self.whole if self.whole > 0 else None

    def __str__(self) -> str:
        text = percent(self.part, self.whole)
        return text if text == NA else f"{text}%"


Value = str | int | float | date | Percent


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet: a title line, then rows of typed values; the first ``header_rows``
    rows are bold and repeat on every printed page (0: a form, not a table)."""

    name: str
    title: str
    rows: tuple[tuple[Value, ...], ...]
    header_rows: int = 1


@dataclass(frozen=True, slots=True)
class Register:
    """One workbook: its sheets and the MissingData it left blank."""

    code: str  # 模板3 / 表1 / 表2 / 表3 / 统计表
    name: str
    organization: str  # organization or society name
    sheets: tuple[Sheet, ...]
    missing: tuple[MissingData, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_NUMBER = re.compile(r"(0|[1-9]\d*)(\.\d+)?")


def as_date(text: str) -> date | str:
    """A full date written as text, as a date; anything else (a month, a note, a blank) unchanged.

    >>> as_date("2019-06-01"), as_date("2019年6月1日"), as_date("2019.6.1")
    (datetime.date(2019, 6, 1), datetime.date(2019, 6, 1), datetime.date(2019, 6, 1))
    >>> as_date("1968-03"), as_date("2023-02-30"), as_date("＿＿＿")
    ('1968-03', '2023-02-30', '＿＿＿')
    """
    m = _DATE.fullmatch(text.strip())
    if m is None:
        return text
    try:
        return date(*(int(g) for g in m.groups()))
    except ValueError:
        return text


def as_number(text: str) -> int | float | str:
    """A count or amount written as text, as a number; other text (``0371``, ``约20``) unchanged.

    Only for fields that are quantities: phone and ID numbers stay text.

    >>> as_number("12"), as_number("2.5"), as_number("0371"), as_number("约20")
    (12, 2.5, '0371', '约20')
    """
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        return text
    return float(m.group(0)) if m.group(2) else int(m.group(0))


def write_text_cell(ws, row: int, column: int, value: object):
    """Write a value; text always as a string cell (formula injection is impossible).

    >>> import openpyxl; ws = openpyxl.Workbook().active
    >>> c = write_text_cell(ws, 1, 1, "=HYPERLINK(\\"x\\")"); (c.data_type, c.quotePrefix)
    ('s', True)
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _write_value(ws, row: int, column: int, value: Value):
    """A typed value with its number format: a date as a date, a Percent as a % number."""
    if isinstance(value, Percent):
        if value.share is None:
            return write_text_cell(ws, row, column, NA)
        cell = write_text_cell(ws, row, column, value.share)
        cell.number_format = "0.0%" if "." in str(value) else "0%"
        return cell
    cell = write_text_cell(ws, row, column, value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def text_width(value: object) -> int:
    """Printed width in character cells: CJK and full-width characters count double.

    >>> text_width("序号"), text_width("13800000000"), text_width(date(2019, 6, 1))
    (4, 11, 10)
    """
    text = value.isoformat() if isinstance(value, date) else str(value)
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def column_widths(natural: list[int], landscape: bool, form: bool = False) -> list[int]:
    """Column widths from the widths the content asks for: capped at :data:`MAX_WIDTH`
    (:data:`FORM_MAX_WIDTH` in a form), the cap raised while the table still fits the page
    at no less than about 85 % (A4: some 110 characters portrait, 160 landscape).

    >>> column_widths([6, 12, 50], landscape=False), column_widths([6, 33, 32, 60], landscape=False)
    ([6, 12, 50], [6, 33, 32, 39])
    >>> column_widths([6, 33, 32, 60], landscape=False, form=True)
    [6, 16, 16, 16]
    """
    if form:
        return [min(FORM_MAX_WIDTH, n) for n in natural]
    budget, cap = (160 if landscape else 110), MAX_WIDTH
    while cap < max(natural, default=0) and sum(min(cap + 1, n) for n in natural) <= budget:
        cap += 1
    return [min(cap, n) for n in natural]


def _lines(value: object, width: float) -> int:
    """Lines a wrapped value takes in a column ``width`` characters wide.

    >>> _lines("甲" * 10, 22), _lines("甲" * 20, 12), _lines("a\\nb", 10)
    (1, 4, 2)
    """
    text = value.isoformat() if isinstance(value, date) else str(value)
    usable = max(1.0, width - 1.5)
    return sum(max(1, -(-text_width(line) // int(usable))) for line in text.split("\n"))


def _spans(sheet: Sheet) -> list[list[int]]:
    """Per row, how many columns each cell spans. In a form, or above a table's last header
    row, a row holding just a label and its value runs the value across the row
    (“学会名称（盖章）｜甲学会”)."""
    width = max((len(r) for r in sheet.rows), default=1)
    out = []
    for i, row in enumerate(sheet.rows):
        spans = [1] * len(row)
        above_table = sheet.header_rows == 0 or i < sheet.header_rows - 1
        if above_table and width > 2 and len(row) >= 2 and row[1] != "" and all(v == "" for v in row[2:]):
            spans[1] = width - 1
        out.append(spans)
    return out


def _styles(wb) -> None:
    """The named styles of a register (one lookup per cell), added once per workbook."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side

    if "台账正文" in wb.named_styles:
        return
    thin = Side(style="thin")
    for name, is_bold in (("台账正文", False), ("台账表头", True)):
        wb.add_named_style(
            NamedStyle(
                name=name,
                font=Font(name="宋体", size=11, bold=is_bold),
                border=Border(left=thin, right=thin, top=thin, bottom=thin),
                alignment=Alignment(wrap_text=True, vertical="center", horizontal="center" if is_bold else None),
            )
        )


def write_sheet(wb, sheet: Sheet):
    """Add one sheet to an openpyxl workbook, laid out and set up for print; returns the worksheet.

    Title in row 1 merged across the table, table from row 2 with thin borders, header rows
    bold and repeated on every page, A4 (landscape above 7 columns), one page wide.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _styles(wb)
    ws = wb.create_sheet(_sheet_name(sheet.name, wb.sheetnames))
    width = max((len(r) for r in sheet.rows), default=1)
    spans = _spans(sheet)
    natural = [6] * width
    for row, row_spans in zip(sheet.rows, spans):
        for c, (value, span) in enumerate(zip(row, row_spans)):
            if span == 1:
                natural[c] = max(natural[c], text_width(value) + 2)
    widths = column_widths(natural, landscape=width > LANDSCAPE_ABOVE, form=sheet.header_rows == 0)
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w

    title = write_text_cell(ws, 1, 1, sheet.title)
    title.font = Font(name="宋体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = -(-text_width(sheet.title) * 16 // 11 // max(1, sum(widths)))  # 16 pt title over 11 pt columns
    ws.row_dimensions[1].height = 30 * max(1, lines)
    if width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)

    merges = []
    body = sheet.rows[sheet.header_rows :]
    short = {c for c in range(width) if all(text_width(row[c]) <= 8 for row in body if c < len(row))}
    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (row, row_spans) in enumerate(zip(sheet.rows, spans), start=2):
        header = r - 2 < sheet.header_rows
        for c in range(1, width + 1):  # every cell of the table gets its border, short rows too
            ws.cell(r, c).style = "台账表头" if header else "台账正文"
        for c, (value, span) in enumerate(zip(row, row_spans), start=1):
            cell = _write_value(ws, r, c, value)  # after the style: the quote prefix is part of it
            if not header and (not sheet.header_rows or not isinstance(value, str) or value == NA or c - 1 in short):
                cell.alignment = centered  # a form, a number, a date, a short code (男, 正式)
            if span > 1:
                merges.append((r, c, c + span - 1))
        # rows sized here, not left to the reader: LibreOffice does not refit wrapped rows on load
        lines = max((_lines(v, sum(widths[c : c + n])) for c, (v, n) in enumerate(zip(row, row_spans))), default=1)
        ws.row_dimensions[r].height = max(20 if sheet.header_rows else 30, LINE_HEIGHT * lines + 6)
    for r, first, last in merges:
        ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
    _print_setup(ws, width, sheet.header_rows)
    return ws


def _print_setup(ws, width: int, header_rows: int) -> None:
    """A4, landscape above :data:`LANDSCAPE_ABOVE` columns, one page wide, title and header on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if width > LANDSCAPE_ABOVE else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if header_rows > 0:
        ws.print_title_rows = f"1:{1 + header_rows}"
        ws.freeze_panes = ws.cell(row=2 + header_rows, column=1)


def to_xlsx(register: Register) -> bytes:
    """Render a register as .xlsx bytes, each sheet by :func:`write_sheet`."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in register.sheets:
        write_sheet(wb, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_name(name: str, taken: list[str]) -> str:
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "Sheet"
    out, i = clean, 2
    while out in taken:
        out, i = f"{clean[:25]}({i})", i + 1
    return out


def _column_gaps(doc: str, where: str, members: tuple[Member, ...], fields: tuple[str, ...]) -> list[MissingData]:
    """Blank cells, one row per member and field; a field blank for everyone is one row."""
    out: list[MissingData] = []
    for f in fields:
        lacking = [m.name for m in members if person_value(m, f) is None]
        if members and len(lacking) == len(members):
            out.append(MissingData(doc, where, f"{f}（全部{len(members)}名党员均未填写）"))
        else:
            out += [MissingData(doc, where, f"{n}：{f}") for n in lacking]
    return out


def _no_members(roster: Roster) -> str:
    return "“党员”工作表中没有本组织的党员" if roster.has_member_sheet else "名册未提供“党员”工作表"


DATE_FIELDS = frozenset({"出生日期", "入党时间", "参加工作时间"})


def _v(member: Member | None, field: str) -> Value:
    """A member's detail as a cell: a full date as a date, a blank as ＿＿＿, the rest as text."""
    value = person_value(member, field)
    if value is None:
        return BLANK
    return as_date(value) if field in DATE_FIELDS else value


def member_register(org: Organization, roster: Roster, personal: bool = False) -> Register:
    """模板3 党员名册 of one organization (all its units' members on the 党员 sheet).

    联系电话 is the last column only with ``personal=True``.
    """
    name, doc = org_display_name(org), "模板3 党员名册"
    members = org_members(org, roster)
    fields = ("性别", "出生日期", "民族", "学历", "入党时间", "学会职务", "党组织关系所在单位") + (
        ("联系电话",) if personal else ()
    )
    header = ("序号", "姓名", "所在学会", "党员类别") + fields
    rows: list[tuple[Value, ...]] = [header] + [
        (i, m.name, m.society, m.status) + tuple(_v(m, f) for f in fields) for i, m in enumerate(members, start=1)
    ]
    missing = _column_gaps(doc, name, members, fields)
    if not members:
        missing.insert(0, MissingData(doc, name, f"党员名单（{_no_members(roster)}）"))
        rows.append((1,) + (BLANK,) * (len(header) - 1))
    return Register("模板3", "党员名册", name, (Sheet("党员名册", f"{name}党员名册", tuple(rows)),), tuple(missing))


def _extra(society: Society, *headers: str) -> str | None:
    extra = {k.strip(): v for k, v in society.extra}
    return next(((extra.get(h) or "").strip() for h in headers if (extra.get(h) or "").strip()), None)


def society_info(
    society: Society, roster: Roster, plan: Plan, ctx: DocContext = DocContext(), personal: bool = False
) -> Register:
    """Seed 001 表1 学会党建信息表 for one society, filled from the roster and the plan.

    The two 联系方式 cells are filled only with ``personal=True`` (left empty, to be written
    by hand, otherwise).
    """
    doc, where = "表1 学会党建信息表", society.name
    missing: list[MissingData] = []

    def need(value: object, field: str) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            missing.append(MissingData(doc, where, field))
            return BLANK
        return text

    def count(value: object, field: str) -> int | float | str:
        return as_number(need(value, field))

    def phone(person: Member | None, field: str) -> str:
        return need(person_value(person, "联系电话"), field) if personal else ""

    org = plan.org_of(society.name)
    f, t = society.counts(plan.policy.count_basis)
    members = roster.members_of(society.name)
    branches: Value
    founded: Value
    if org is None:
        kind = founded = belongs = branches = NA
        reason = (
            "无正式党员，派驻党建工作指导员（联络员）"
            if society.name in plan.liaison
            else f"正式党员{f}名，不足{plan.policy.own_min_formal}名，暂无可联合组建的学会"
        )
    else:
        kind = org.kind + ("" if len(org.units) == 1 else f"（{org_display_name(org)}）")
        founded = (
            society.org_founded
            if society.org_founded
            else ("拟新建" if not society.existing_org else need(None, "建立党组织时间"))
        )
        belongs = need(ctx.addressee, "党组织关系隶属（上级党组织）")
        branches = 0 if org.kind in ("党支部", "联合党支部") else count(_extra(society, "下辖党支部"), "下辖党支部数")
        reason = NA
    chair = next((m for m in members if (m.society_role or "").strip() == "理事长"), None)
    leaders = proposed_leadership(org, roster, plan.policy) if org else ()
    secretary = next((r.person for r in leaders if r.title == "书记"), None)
    chair_row: tuple[Value, ...] = (
        "",
        need(chair.name if chair else None, "学会负责人（理事长）姓名"),
        count(person_value(chair, "年龄") if chair else None, "学会负责人：年龄"),
        need(person_value(chair, "学历") if chair else None, "学会负责人：学历"),
        ("中共党员" if chair and chair.is_formal else "中共预备党员") if chair else need(None, "学会负责人：政治面貌"),
        need(person_value(chair, "现任职务") if chair else None, "学会负责人：党内外职务"),
        phone(chair, "学会负责人：联系方式"),
    )
    sec_row: tuple[Value, ...]
    if org is None:
        sec_row = ("", NA, NA, NA, NA, NA, NA)
    else:
        sec_row = (
            "",
            need(secretary.name if secretary else None, "党组织书记姓名"),
            count(person_value(secretary, "年龄") if secretary else None, "党组织书记：年龄"),
            need(person_value(secretary, "学历") if secretary else None, "党组织书记：学历"),
            as_date(need(_extra(society, "书记任职时间"), "党组织书记：任职时间")),
            need(person_value(secretary, "现任职务") if secretary else None, "党组织书记：行政职务"),
            phone(secretary, "党组织书记：联系方式"),
        )
    rows: tuple[tuple[Value, ...], ...] = (
        ("学会名称（盖章）", society.name, "", "", "", "", ""),
        ("支撑单位名称", need(society.host_unit, "支撑单位名称"), "", "", "", "", ""),
        ("建立党组织时间", founded, "党组织类型", kind, "学会所在地", society.region, ""),
        (
            "党组织关系隶属",
            belongs,
            "党组织工作经费（元/年）",
            count(_extra(society, "党组织工作经费"), "党组织工作经费"),
            "党组织活动场所（平方米）",
            count(_extra(society, "党组织活动场所"), "党组织活动场所面积"),
            "",
        ),
        (
            "工作人员总数（人）",
            count(_extra(society, "工作人员总数"), "工作人员总数"),
            "专职人员数（人）",
            count(_extra(society, "专职人员数"), "专职人员数"),
            "下辖党支部（个）",
            branches,
            "",
        ),
        (
            "党员总数（人）",
            t,
            "党的积极分子数量（人）",
            count(_extra(society, "党的积极分子数量", "入党积极分子"), "党的积极分子数量"),
            "党务干部数量（人）",
            count(_extra(society, "党务干部数量"), "党务干部数量"),
            "",
        ),
        ("学会负责人", "姓名", "年龄", "学历", "政治面貌", "党内外职务", "联系方式"),
        chair_row,
        ("党组织书记", "姓名", "年龄", "学历", "任职时间", "行政职务", "联系方式"),
        sec_row,
        ("未建党组织原因", reason, "", "", "", "", ""),
    )
    return Register(
        "表1", "学会党建信息表", where, (Sheet("学会党建信息表", "学会党建信息表", rows, 0),), tuple(missing)
    )


def secretariat_register(society: Society, roster: Roster, personal: bool = False) -> Register:
    """Seed 001 表2 秘书处专兼职干部党员信息表: members whose 学会职务 names 秘书处/秘书长.

    手机号码 is filled only with ``personal=True`` (left empty, to be written by hand, otherwise).
    """
    doc, where = "表2 秘书处专兼职干部党员信息表", society.name
    staff = tuple(m for m in roster.members_of(society.name) if "秘书" in (m.society_role or ""))
    missing: list[MissingData] = []
    if not staff:
        missing.append(MissingData(doc, where, "秘书处专兼职干部党员名单（名册中无学会职务含“秘书”的党员）"))
    pairs = (
        ("姓名", "性别", "出生日期"),
        ("民族", "籍贯", "入党时间"),
        ("学历", "学位", "专业技术职务"),
        ("工作单位", "现任职务"),
        ("联系电话", "电子邮箱"),
        ("人事档案所在单位",),
        ("党组织关系所在单位",),
    )
    labels = {"专业技术职务": "技术职称", "现任职务": "职务", "联系电话": "手机号码"}
    rows: list[tuple[Value, ...]] = [("学会（盖章）：", society.name, "", "", "", "")]
    for m in staff or (None,):
        for group in pairs:
            row: list[Value] = []
            for field in group:
                if field == "联系电话" and not personal:
                    row += [labels[field], ""]
                    continue
                value = _v(m, field) if m else BLANK
                if value == BLANK and m is not None:
                    missing.append(MissingData(doc, where, f"{m.name}：{field}"))
                row += [labels.get(field, field), value]
            rows.append(tuple(row))
        rows.append(("",) * 6)
    return Register(
        "表2",
        "秘书处专兼职干部党员信息表",
        where,
        (Sheet("秘书处党员信息表", "学会秘书处专兼职干部党员信息表", tuple(rows), 0),),
        tuple(missing),
    )


def council_register(society: Society, roster: Roster, personal: bool = False) -> Register:
    """Seed 001 表3 理事会党员信息表: 序号 姓名 性别 学会职务 (联系电话) 党组织关系所在单位.

    联系电话 is a column only with ``personal=True``.
    """
    doc, where = "表3 理事会党员信息表", society.name
    members = roster.members_of(society.name)
    fields = ("性别", "学会职务") + (("联系电话",) if personal else ()) + ("党组织关系所在单位",)
    rows: list[tuple[Value, ...]] = [("学会（盖章）：", society.name) + ("",) * len(fields), ("序号", "姓名") + fields]
    rows += [(i, m.name) + tuple(_v(m, f) for f in fields) for i, m in enumerate(members, start=1)]
    missing = _column_gaps(doc, where, members, fields)
    if not members and sum(society.counts()) > 0:
        missing.insert(0, MissingData(doc, where, f"理事会党员名单（{_no_members(roster)}）"))
        rows.append((1,) + (BLANK,) * (len(fields) + 1))
    return Register(
        "表3",
        "理事会党员信息表",
        where,
        (Sheet("理事会党员信息表", "学会理事会党员信息表", tuple(rows), 2),),
        tuple(missing),
    )


def coverage_form(plan: Plan) -> Register:
    """The statutory statistics form, by the plan: own / joint / not yet / instructor rows.

    Counts are numbers and the rates :class:`Percent`, so the form sums and sorts in Excel."""
    own = [o for o in plan.organizations if not o.joint]
    joint = [o for o in plan.organizations if o.joint]
    cov = plan.coverage()

    def kind(k: str) -> tuple[str, str, int, int]:
        n = [o for o in own if o.kind == k]
        return ("已单独建立党组织的", k, len(n), sum(len(o.units) for o in n))

    rows: tuple[tuple[Value, ...], ...] = (
        ("类别", "项目", "党组织数（个）", "覆盖学会数（家）"),
        kind("党委"),
        kind("党总支"),
        kind("党支部"),
        ("已建立联合党支部的", "联合党支部数", len(joint), NA),
        ("已建立联合党支部的", "覆盖单位数", NA, sum(len(o.units) for o in joint)),
        ("应建尚未建立党组织的", "学会数", NA, len(plan.uncovered)),
        ("派驻党建工作指导员（联络员）的", "学会数", NA, len(plan.liaison)),
        ("合计", "学会总数", len(plan.organizations), cov.units),
        ("组织覆盖率", Percent(cov.organized, cov.units), "", f"{cov.organized}/{cov.units}"),
        ("工作覆盖率", Percent(cov.work_covered, cov.units), "", f"{cov.work_covered}/{cov.units}"),
    )
    return Register(
        "统计表",
        "党组织覆盖情况统计表",
        "全部学会",
        (Sheet("覆盖情况统计表", "学会党组织覆盖情况统计表（按规划方案）", rows),),
    )


def missing_register(missing: tuple[MissingData, ...]) -> Register:
    """All missing data as one list to hand to whoever can supply it."""
    rows: tuple[tuple[Value, ...], ...] = (("序号", "文书", "党组织/学会", "缺少的信息"),) + tuple(
        (i, m.document, m.organization, m.field) for i, m in enumerate(missing, start=1)
    )
    return Register("清单", "文书缺项清单", "全部", (Sheet("缺项清单", "文书缺项清单（请补齐后重新生成）", rows),))
