"""A register's .xlsx written part by part (SpreadsheetML), for the batch of every register.

The layout is :func:`~model.paperwork.workbook.sheet_layout`'s, the same the openpyxl writer
(:func:`~model.paperwork.workbook.openpyxl_xlsx`, the reference) lays out: opened in a spreadsheet
the two workbooks hold the same cells, values, types, number formats, fonts, borders, alignments,
merges, widths, heights and print set-up (tests/paperwork/test_fast_render.py compares them cell by
cell). Writing the XML directly takes about a tenth of openpyxl's time, which builds an object per
cell and compares style objects on every assignment.

Characters XML forbids are dropped (openpyxl refuses them). Text is always an inline string cell (formula injection is impossible: a text starting with
= + - @ gets Excel's quote prefix, as :func:`~model.paperwork.workbook.write_text_cell` does).
"""

from __future__ import annotations

from datetime import date

from model.paperwork.workbook import (
    DATE_FORMAT,
    LANDSCAPE_ABOVE,
    NA,
    Percent,
    Register,
    Sheet,
    Value,
    sheet_layout,
    sheet_name,
)
from model.paperwork.zip_parts import zip_bytes

__all__ = ["to_xlsx", "column_letter"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_QUOTED = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = date(1899, 12, 30)
MAX_TEXT = 32_767  # characters a cell holds (Excel's limit; openpyxl cuts there too)
_XML_BAD = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))

# fonts: Calibri 11 (the default, merged cells), 宋体 11, 宋体 11 bold, 宋体 16 bold (the title)
_FONTS = (
    '<font><name val="Calibri"/><family val="2"/><sz val="11"/></font>'
    '<font><name val="宋体"/><sz val="11"/></font>'
    '<font><name val="宋体"/><b val="1"/><sz val="11"/></font>'
    '<font><name val="宋体"/><b val="1"/><sz val="16"/></font>'
)
# borders: none, thin all round, thin top and bottom (inside a merge), and the right too (a merge's end)
_BORDERS = (
    "<border><left/><right/><top/><bottom/><diagonal/></border>"
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>'
    '<border><left/><right/><top style="thin"/><bottom style="thin"/><diagonal/></border>'
    '<border><left/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>'
)
_CENTER = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
_MIDDLE = '<alignment vertical="center" wrapText="1"/>'
# named styles, as write_sheet registers them: Normal, 台账正文, 台账表头
_STYLE_XFS = (
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    f'<xf numFmtId="0" fontId="1" fillId="0" borderId="1" applyAlignment="1">{_MIDDLE}</xf>'
    f'<xf numFmtId="0" fontId="2" fillId="0" borderId="1" applyAlignment="1">{_CENTER}</xf>'
)
# cell kind -> (font, border, alignment, named style)
_KINDS = {
    "title": (3, 0, _CENTER, 0),
    "header": (2, 1, _CENTER, 2),
    "body": (1, 1, _MIDDLE, 1),
    "centered": (1, 1, _CENTER, 1),
    "merged": (0, 2, "", 0),
    "merged_end": (0, 3, "", 0),
}
_NUMBER_FORMATS = {"": 0, "0%": 9, DATE_FORMAT: 164, "0.0%": 165}


def column_letter(n: int) -> str:
    """Excel's column name of the ``n``-th column (1-based).

    >>> column_letter(1), column_letter(26), column_letter(27), column_letter(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _text(text: str) -> str:
    """Escaped element text, without the characters XML forbids."""
    text = text.translate(_XML_BAD)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


class _Styles:
    """The workbook's cell formats (cellXfs), each added once: (kind, number format, quote prefix) -> index."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, bool], int] = {}
        self.xfs: list[str] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']

    def of(self, kind: str, number_format: str = "", quoted: bool = False) -> int:
        key = (kind, number_format, quoted)
        found = self.index.get(key)
        if found is None:
            font, border, align, named = _KINDS[kind]
            attrs = f'numFmtId="{_NUMBER_FORMATS[number_format]}" fontId="{font}" fillId="0" borderId="{border}"'
            if number_format:
                attrs += ' applyNumberFormat="1"'
            if align:
                attrs += ' applyAlignment="1"'
            if quoted:
                attrs += ' quotePrefix="1"'
            self.xfs.append(f'<xf {attrs} xfId="{named}">{align}</xf>' if align else f'<xf {attrs} xfId="{named}"/>')
            found = self.index[key] = len(self.xfs) - 1
        return found

    def xml(self) -> bytes:
        formats = f'<numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/><numFmt numFmtId="165" formatCode="0.0%"/>'
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="2">{formats}</numFmts><fonts count="4">{_FONTS}</fonts>'
            '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            f'<borders count="4">{_BORDERS}</borders><cellStyleXfs count="3">{_STYLE_XFS}</cellStyleXfs>'
            f'<cellXfs count="{len(self.xfs)}">{"".join(self.xfs)}</cellXfs>'
            '<cellStyles count="3"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            '<cellStyle name="台账正文" xfId="1"/><cellStyle name="台账表头" xfId="2"/></cellStyles>'
            "</styleSheet>"
        ).encode()


def _cell(ref: str, value: Value | None, kind: str, styles: _Styles) -> str:
    """One <c> element: text inline, numbers and dates as numbers with their format."""
    if isinstance(value, Percent):
        if value.share is None:
            value = NA
        else:
            fmt = "0.0%" if "." in str(value) else "0%"
            return f'<c r="{ref}" s="{styles.of(kind, fmt)}" t="n"><v>{_number(value.share)}</v></c>'
    if value is None:
        return f'<c r="{ref}" s="{styles.of(kind)}" t="n"></c>'
    if isinstance(value, str):
        value = value[:MAX_TEXT]
        s = styles.of(kind, "", value[:1] in _QUOTED)
        if not value:
            return f'<c r="{ref}" s="{s}" t="inlineStr"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{styles.of(kind, DATE_FORMAT)}" t="n"><v>{(value - _EPOCH).days}</v></c>'
    return f'<c r="{ref}" s="{styles.of(kind)}" t="n"><v>{_number(value)}</v></c>'


def _sheet_xml(sheet: Sheet, styles: _Styles) -> str:
    """The worksheet part of one sheet, laid out as :func:`~model.paperwork.workbook.write_sheet` does."""
    lay = sheet_layout(sheet)
    letters = [column_letter(c) for c in range(1, lay.width + 1)]
    merged: dict[tuple[int, int], str] = {}  # the cells a merge covers, past its first: their border
    for r, first, last in lay.merges:
        for c in range(first + 1, last + 1):
            merged[(r, c)] = "merged_end" if c == last else "merged"
    rows = [
        f'<row r="1" ht="{_number(lay.title_height)}" customHeight="1">'
        + _cell("A1", sheet.title, "title", styles)
        + "</row>"
    ]
    for r, (row, kinds, height) in enumerate(zip(sheet.rows, lay.cells, lay.heights), start=2):
        cells = []
        for c, kind in enumerate(kinds, start=1):
            cover = merged.get((r, c))
            if cover is not None:
                cells.append(f'<c r="{letters[c - 1]}{r}" s="{styles.of(cover)}" t="n"></c>')
            else:
                cells.append(_cell(f"{letters[c - 1]}{r}", row[c - 1] if c <= len(row) else None, kind, styles))
        rows.append(f'<row r="{r}" ht="{_number(height)}" customHeight="1">{"".join(cells)}</row>')
    last_row = 1 + len(sheet.rows)
    freeze = ""
    if sheet.header_rows > 0:
        top = f"A{2 + sheet.header_rows}"
        freeze = (
            f'<pane ySplit="{1 + sheet.header_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'
        )
    else:
        freeze = '<selection activeCell="A1" sqref="A1"/>'
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{_number(w)}" customWidth="1"/>' for c, w in enumerate(lay.widths, start=1)
    )
    merges = ([(1, 1, lay.width)] if lay.width > 1 else []) + list(lay.merges)
    merge_xml = "".join(f'<mergeCell ref="{letters[a - 1]}{r}:{letters[b - 1]}{r}"/>' for r, a, b in merges)
    orientation = "landscape" if lay.width > LANDSCAPE_ABOVE else "portrait"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{letters[-1]}{last_row}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{freeze}</sheetView></sheetViews>'
        f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>{cols}</cols>'
        f"<sheetData>{''.join(rows)}</sheetData>"
        + (f'<mergeCells count="{len(merges)}">{merge_xml}</mergeCells>' if merges else "")
        + '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        f'<pageSetup orientation="{orientation}" paperSize="9" fitToHeight="0" fitToWidth="1"/>'
        "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        "</worksheet>"
    )


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def to_xlsx(register: Register) -> bytes:
    """The register as .xlsx bytes: one worksheet per sheet, the header rows printed on every page."""
    styles = _Styles()
    names: list[str] = []
    parts: list[tuple[str, str]] = []
    titles: list[str] = []
    for i, sheet in enumerate(register.sheets):
        name = sheet_name(sheet.name, names)
        names.append(name)
        parts.append((f"xl/worksheets/sheet{i + 1}.xml", _sheet_xml(sheet, styles)))
        if sheet.header_rows > 0:
            titles.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                f"{_text(_quoted_sheet(name))}!$1:${1 + sheet.header_rows}</definedName>"
            )
    sheets = "".join(
        f'<sheet name="{_text(n).replace(chr(34), "&quot;")}" sheetId="{i}" r:id="rId{i}"/>'
        for i, n in enumerate(names, start=1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets>"
        + (f"<definedNames>{''.join(titles)}</definedNames>" if titles else "")
        + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )
    n = len(names)
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>' for i in range(1, n + 1)
        )
        + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        + f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    )
    return zip_bytes(
        (name, xml.encode("utf-8"))
        for name, xml in (
            ("[Content_Types].xml", types),
            ("_rels/.rels", root_rels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", book_rels),
            *parts,
            ("xl/styles.xml", styles.xml().decode("utf-8")),
        )
    )
