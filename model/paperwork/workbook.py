"""The register workbook: typed rows (:class:`Sheet`, :class:`Register`) and their .xlsx as an official
would file it — A4, landscape when wide, one page wide, the header repeated on every page, the title
merged across the table, borders, widths from the content (CJK characters count double).

Cells are typed: counts and 序号 are ``int``, full dates are :class:`~datetime.date` (``yyyy-mm-dd``),
rates are :class:`Percent` (a number with a % format). Everything else is text, including what only
looks numeric (phone numbers, ID numbers); a text starting with = + - @ is stored as a string cell
with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from model.paperwork.document import MissingData, percent

__all__ = [
    "NA",
    "MAX_WIDTH",
    "Percent",
    "Value",
    "Sheet",
    "Register",
    "as_date",
    "as_number",
    "write_text_cell",
    "text_width",
    "column_widths",
    "SheetLayout",
    "sheet_layout",
    "sheet_name",
    "write_sheet",
    "openpyxl_xlsx",
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
    """Printed width in character cells of the value's longest line (by characters): CJK and
    full-width characters count double.

    >>> text_width("序号"), text_width("13800000000"), text_width(date(2019, 6, 1)), text_width("甲乙\\nabc")
    (4, 11, 10, 3)
    """
    return _measure(value)[0]


@cache
def _wide() -> re.Pattern:
    """The characters East Asian Width calls wide or full-width (W, F), as one character class
    (built once, in some 0.2 s: then a line is measured in C, not character by character)."""
    width = unicodedata.east_asian_width
    flags = [width(ch) in "WF" for ch in map(chr, range(0x110000))] + [False]
    ranges, start = [], None
    for cp, wide in enumerate(flags):
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]")


def _measure(value: object) -> tuple[int, tuple[int, ...]]:
    """(width of the longest line, width of each line): measured once per cell."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if text.isascii():
        lines = text.split("\n")
        widths = tuple(len(line) for line in lines)
    else:
        lines = text.split("\n")
        wide = _wide()
        widths = tuple(len(line) + len(wide.findall(line)) for line in lines)
    if len(lines) == 1:
        return widths[0], widths
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))  # the first of the longest lines
    return widths[longest], widths


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
    return _wrapped(_measure(value)[1], width)


def _wrapped(line_widths: tuple[int, ...], width: float) -> int:
    usable = int(max(1.0, width - 1.5))
    return sum(max(1, -(-w // usable)) for w in line_widths)


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


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Where everything of a sheet goes, decided once for both writers (openpyxl and the direct one).

    ``cells`` holds, per table row (sheet row 2 on), the style of each of the ``width`` cells:
    ``header`` (bold, centered), ``body``, or ``centered`` (a body cell of a form, a number, a date,
    a short code); ``merges`` the (sheet row, first column, last column) of each value spanning columns.
    """

    width: int
    widths: tuple[int, ...]
    title_height: float
    heights: tuple[float, ...]
    cells: tuple[tuple[str, ...], ...]
    merges: tuple[tuple[int, int, int], ...]
    landscape: bool


def sheet_layout(sheet: Sheet) -> SheetLayout:
    """Column widths from the content, rows sized to their wrapped text, cell styles and merges.

    >>> lay = sheet_layout(Sheet("名册", "甲学会党员名册", (("序号", "姓名"), (1, "张三"))))
    >>> lay.width, lay.widths, lay.cells, lay.merges
    (2, (6, 6), (('header', 'header'), ('centered', 'centered')), ())
    """
    width = max((len(r) for r in sheet.rows), default=1)
    spans = _spans(sheet)
    memo: dict[tuple[type, Value], tuple[int, tuple[int, ...]]] = {}  # a register repeats its values

    def measure(value: Value) -> tuple[int, tuple[int, ...]]:
        key = (value.__class__, value)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _measure(value)
        return found

    measured = [[measure(v) for v in row] for row in sheet.rows]
    natural = [6] * width
    for row, row_spans in zip(measured, spans):
        for c, ((longest, _), span) in enumerate(zip(row, row_spans)):
            if span == 1 and longest + 2 > natural[c]:
                natural[c] = longest + 2
    landscape = width > LANDSCAPE_ABOVE
    widths = column_widths(natural, landscape=landscape, form=sheet.header_rows == 0)
    lines = -(-text_width(sheet.title) * 16 // 11 // max(1, sum(widths)))  # 16 pt title over 11 pt columns
    body = measured[sheet.header_rows :]
    short = {c for c in range(width) if all(row[c][0] <= 8 for row in body if c < len(row))}
    usable = {}  # (first column, span) -> characters a line holds
    floor = 20 if sheet.header_rows else 30
    heights, cells, merges = [], [], []
    for i, (row, row_spans, sizes) in enumerate(zip(sheet.rows, spans, measured)):
        header = i < sheet.header_rows
        styles = ["header" if header else "body"] * width  # every cell of the table, short rows too
        for c, (value, span) in enumerate(zip(row, row_spans)):
            if not header and (not sheet.header_rows or not isinstance(value, str) or value == NA or c in short):
                styles[c] = "centered"
            if span > 1:
                merges.append((i + 2, c + 1, c + span))
        cells.append(tuple(styles))
        # rows sized here, not left to the reader: LibreOffice does not refit wrapped rows on load
        n = 1
        for c, ((_, line_widths), k) in enumerate(zip(sizes, row_spans)):
            room = usable.get((c, k))
            if room is None:
                room = usable[(c, k)] = int(max(1.0, sum(widths[c : c + k]) - 1.5))
            taken = (
                sum(max(1, -(-w // room)) for w in line_widths) if len(line_widths) > 1 else -(-line_widths[0] // room)
            )
            if taken > n:
                n = taken
        heights.append(max(floor, LINE_HEIGHT * n + 6))
    return SheetLayout(width, tuple(widths), 30 * max(1, lines), tuple(heights), tuple(cells), tuple(merges), landscape)


def write_sheet(wb, sheet: Sheet):
    """Add one sheet to an openpyxl workbook, laid out and set up for print; returns the worksheet.

    Title in row 1 merged across the table, table from row 2 with thin borders, header rows
    bold and repeated on every page, A4 (landscape above 7 columns), one page wide
    (:func:`sheet_layout`; :func:`model.paperwork.spreadsheet.to_xlsx` writes the same without openpyxl).
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _styles(wb)
    ws = wb.create_sheet(sheet_name(sheet.name, wb.sheetnames))
    lay = sheet_layout(sheet)
    for c, w in enumerate(lay.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w

    title = write_text_cell(ws, 1, 1, sheet.title)
    title.font = Font(name="宋体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = lay.title_height
    if lay.width > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=lay.width)

    centered = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (row, styles, height) in enumerate(zip(sheet.rows, lay.cells, lay.heights), start=2):
        for c, style in enumerate(styles, start=1):
            ws.cell(r, c).style = "台账表头" if style == "header" else "台账正文"
        for c, value in enumerate(row, start=1):
            cell = _write_value(ws, r, c, value)  # after the style: the quote prefix is part of it
            if styles[c - 1] == "centered":
                cell.alignment = centered
        ws.row_dimensions[r].height = height
    for r, first, last in lay.merges:
        ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
    _print_setup(ws, lay.width, sheet.header_rows)
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


def openpyxl_xlsx(register: Register) -> bytes:
    """Render a register as .xlsx bytes with openpyxl, each sheet by :func:`write_sheet`: the reference
    the batch's faster writer (:func:`model.paperwork.spreadsheet.to_xlsx`) is tested against."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in register.sheets:
        write_sheet(wb, sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_name(name: str, taken: list[str]) -> str:
    clean = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "Sheet"
    out, i = clean, 2
    while out in taken:
        out, i = f"{clean[:25]}({i})", i + 1
    return out
