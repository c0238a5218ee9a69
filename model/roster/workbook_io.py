"""Reading roster files into a RawBook: IO only, no interpretation of values.

A RawBook holds, for each recognized sheet (学会/党员/地域相邻), the header row as
found (merged title rows above it are skipped), and every non-blank row with its
Excel row number and its cells as read: str, int, float, bool, date, datetime or
None. Problems that stop reading (not a workbook, encrypted, corrupt, empty) and
cell problems only visible at read time (a formula without a cached value, an Excel
error value) are findings on the RawBook. ``model.roster.loading`` interprets the cells.

Reading is bounded (README, 安全): a file over :data:`MAX_FILE_BYTES`, a workbook whose parts
expand beyond :data:`MAX_EXPANDED_BYTES` (a "zip bomb"), or a sheet of more than :data:`MAX_ROWS`
filled rows or :data:`MAX_COLUMNS` columns is refused with one finding, in seconds and without
reading the rest, so a wrong file can neither fill the memory nor hold the server.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from model.findings import ERROR, WARNING, Finding
from model.roster.columns import (
    HEADER_SCAN_ROWS,
    SHEETS,
    SOCIETY_SHEET,
    canonical_sheet_name,
    header_key,
    normalize_header,
    sheet_spec,
)

__all__ = [
    "Cell",
    "RawSheet",
    "RawBook",
    "read_raw",
    "cell_text",
    "find_header_row",
    "is_blank",
    "MAX_FILE_BYTES",
    "MAX_EXPANDED_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
]

MAX_FILE_BYTES = 50 * 1024 * 1024  # as the app's upload limit (.streamlit/config.toml maxUploadSize)
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts of an .xlsx, unpacked
MAX_ROWS = 200_000  # filled rows per sheet: a province has a few thousand, a 10,000-society city ~56,000 members
MAX_SCANNED_ROWS = 400_000  # rows read per sheet, blank ones included
MAX_COLUMNS = 500

Cell = str | int | float | bool | date | datetime | time | None
Origin = Literal["xlsx", "csv", "table"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXCEL_ERRORS = frozenset({"#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"})
# What openpyxl raises on a damaged package (named, so real bugs are not hidden).
_CORRUPT = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    OSError,
    SyntaxError,
    NotImplementedError,
    RuntimeError,
)
_BLANKS = " \t\r\n\u3000\u00a0\ufeff\u200b"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")  # a cell formula, not <formula1> of a data validation


@dataclass(frozen=True, slots=True)
class RawSheet:
    """One sheet as read: ``name`` is canonical (学会/党员/地域相邻), ``title`` as in the file."""

    name: str
    title: str
    header_row: int  # Excel row of the header; 0 when none was found
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (Excel row, cells), blank rows left out


@dataclass(frozen=True, slots=True)
class RawBook:
    """A roster file as read; ``origin`` tells whether cells carry Excel types."""

    filename: str
    sheets: tuple[RawSheet, ...] = ()
    findings: tuple[Finding, ...] = ()
    origin: Origin = "xlsx"

    def sheet(self, name: str) -> RawSheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def is_blank(value: Cell) -> bool:
    """True for None and text made only of (full-width) spaces."""
    return value is None or (isinstance(value, str) and not value.strip(_BLANKS))


def cell_text(value: Cell) -> str:
    """A cell as the user sees it in Excel.

    >>> [cell_text(v) for v in (None, 3, 3.0, 2.5, date(2025, 6, 30), datetime(2025, 6, 30), " 甲 ")]
    ['', '3', '3', '2.5', '2025-06-30', '2025-06-30', ' 甲 ']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def find_header_row(sheet: str, grid: list[tuple[Cell, ...]]) -> int:
    """0-based index of the header row among the first rows (most recognized headers), or -1."""
    spec = sheet_spec(sheet)
    best, best_score = -1, 0
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        keys = {header_key(sheet, v) for v in row if isinstance(v, str)} - {None}
        score = len(keys) + (100 if all(a in keys for a in spec.anchor) else 0)
        if score > best_score:
            best, best_score = i, score
    return best


def read_raw(source: str | Path | bytes, filename: str | None = None) -> RawBook:
    """Read an .xlsx or .csv roster (path or bytes); never raises for a bad file.

    ``filename`` names the file in findings (default: the path's last part).
    """
    if isinstance(source, (bytes, bytearray)):
        name, data = filename or "上传的文件", bytes(source)
    else:
        name = filename or Path(source).name or str(source)  # no server folders in messages
        try:
            if Path(source).is_file() and Path(source).stat().st_size > MAX_FILE_BYTES:
                return _fatal(name, _too_big_file(Path(source).stat().st_size))
            data = Path(source).read_bytes()
        except FileNotFoundError:
            return _fatal(name, "文件不存在")
        except IsADirectoryError:
            return _fatal(name, "这是一个文件夹，不是名册文件")
        except OSError as exc:
            return _fatal(name, f"无法读取文件（{exc.strerror or exc}）")
    if len(data) > MAX_FILE_BYTES:
        return _fatal(name, _too_big_file(len(data)))
    if not data.strip():
        return _fatal(name, "文件是空的")
    if data[:2] == b"PK":
        other = _other_zip_format(data)
        if other:
            return _fatal(name, other)
        expanded = _expanded_size(data)
        if expanded > MAX_EXPANDED_BYTES:
            return _fatal(
                name,
                f"工作簿解压后有 {expanded / 1024 / 1024:.0f} MB，超过上限 {MAX_EXPANDED_BYTES // 1024 // 1024} MB"
                "（学会名册不会这么大），已拒绝读取",
            )
        return _read_xlsx(name, data)
    if data[:8] == OLE_MAGIC:
        return _fatal(name, _ole_message(data))
    if Path(name).suffix.lower() in ("", ".csv", ".txt"):
        return _read_csv(name, data)
    return _fatal(name, "不是 Excel 工作簿（.xlsx）或 CSV 文件，无法读取")


class _TooLarge(Exception):
    """A sheet beyond the reading limits (its message says which)."""


def _too_big_file(size: int) -> str:
    return f"文件有 {size / 1024 / 1024:.0f} MB，超过名册文件的上限 {MAX_FILE_BYTES // 1024 // 1024} MB，已拒绝读取"


def _expanded_size(data: bytes) -> int:
    """The declared unpacked size of every part of a zip package (zipfile never unpacks past it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(i.file_size for i in z.infolist())
    except _CORRUPT:
        return 0


# Zip packages that are not .xlsx: OpenDocument spreadsheets (WPS/LibreOffice .ods) and Word files.
_ZIP_KINDS = {
    b"application/vnd.oasis.opendocument.spreadsheet": "这是 OpenDocument 表格（.ods），请在 WPS 或 LibreOffice 中“另存为” Excel 工作簿（.xlsx）后再上传",
    b"application/vnd.oasis.opendocument": "这是 OpenDocument 文件，不是 Excel 工作簿，请另存为 .xlsx 后再上传",
}


def _other_zip_format(data: bytes) -> str | None:
    """The message for a zip package that is an .ods or a Word file, not a workbook; None for an .xlsx.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    >>> _other_zip_format(buf.getvalue())[:24]
    '这是 OpenDocument 表格（.ods）'
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mime = z.read("mimetype").strip() if "mimetype" in names else b""
    except _CORRUPT:  # a damaged package: _read_xlsx names it
        return None
    for prefix, message in _ZIP_KINDS.items():
        if mime.startswith(prefix):
            return message
    if "word/document.xml" in names:
        return "这是 Word 文档（.docx），不是 Excel 工作簿，请上传 .xlsx 名册"
    return None


def _fatal(name: str, message: str) -> RawBook:
    return RawBook(name, (), (Finding(ERROR, name, None, None, None, message, "文件"),))


def _ole_message(data: bytes) -> str:
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError

    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except (FileFormatError, OSError, ValueError, KeyError, AssertionError, IndexError, TypeError):
        encrypted = False
    if encrypted:
        return "工作簿已加密（设置了打开密码），请在 Excel 中取消密码后另存为 .xlsx 再上传"
    return "这是旧版 .xls 或其他 Office 格式，请在 Excel 中“另存为” .xlsx 后再上传"


# ---------------------------------------------------------------- xlsx


def _read_xlsx(name: str, data: bytes) -> RawBook:
    corrupt = "文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法打开"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            has_formulas = any(_FORMULA_TAG.search(z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/"))
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _CORRUPT:
        return _fatal(name, corrupt)
    try:
        grids = {title: _grid(wb[title], title) for title in wb.sheetnames if _wanted(title)}
        chosen, notes = _choose_sheets(name, grids)
        formulas = {}
        if has_formulas:
            wf = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                formulas = {title: _grid(wf[title], title) for title in chosen.values()}
            finally:
                wf.close()
    except _TooLarge as exc:
        return _fatal(name, str(exc))
    except _CORRUPT:
        return _fatal(name, corrupt)
    finally:
        wb.close()
    sheets, findings = [], list(notes)
    for canonical, title in chosen.items():
        sheet, found = _sheet_from_grid(name, canonical, title, grids[title], formulas.get(title))
        sheets.append(sheet)
        findings.extend(found)
    return RawBook(name, tuple(sheets), tuple(findings), "xlsx")


def _wanted(title: str) -> bool:
    return normalize_header(title) != "填表说明"


def _grid(ws, title: str) -> list[tuple[Cell, ...]]:
    ws.reset_dimensions()  # some writers store a wrong <dimension>; read every cell
    return _bounded(ws.iter_rows(values_only=True), title)


def _bounded(rows, title: str) -> list[tuple[Cell, ...]]:
    """The rows, stopping with :class:`_TooLarge` past the limits."""
    grid, filled = [], 0
    for r in rows:
        row = tuple(r)
        if len(row) > MAX_COLUMNS and any(not is_blank(v) for v in row[MAX_COLUMNS:]):
            raise _TooLarge(f"工作表“{title}”超过 {MAX_COLUMNS} 列（上限），不像是学会名册，已拒绝读取")
        grid.append(row[:MAX_COLUMNS])
        filled += not all(is_blank(v) for v in row)
        if filled > MAX_ROWS or len(grid) > MAX_SCANNED_ROWS:
            raise _TooLarge(f"工作表“{title}”超过 {MAX_ROWS:,} 行（上限），已拒绝读取；请只上传学会名册")
    return grid


def _choose_sheets(name: str, grids: dict[str, list]) -> tuple[dict[str, str], list[Finding]]:
    """Canonical sheet name -> title; a lone unnamed sheet with 学会 headers stands in for 学会."""
    chosen: dict[str, str] = {}
    for title in grids:
        canonical = canonical_sheet_name(title)
        if canonical and canonical not in chosen:
            chosen[canonical] = title
    notes = []
    if SOCIETY_SHEET not in chosen:
        spec = sheet_spec(SOCIETY_SHEET)
        fits = []
        for title, grid in grids.items():
            if canonical_sheet_name(title) is None:
                i = find_header_row(SOCIETY_SHEET, grid)
                keys = {header_key(SOCIETY_SHEET, v) for v in grid[i]} if i >= 0 else set()
                if all(a in keys for a in spec.anchor) and len(keys - {None}) >= 2:
                    fits.append(title)
        if len(fits) == 1:
            chosen[SOCIETY_SHEET] = fits[0]
            notes.append(
                Finding(
                    WARNING,
                    name,
                    fits[0],
                    None,
                    None,
                    f"没有名为“学会”的工作表，已按表头把工作表“{fits[0]}”当作“学会”表读取",
                    "工作表",
                )
            )
    order = [s.name for s in SHEETS]
    return dict(sorted(chosen.items(), key=lambda kv: order.index(kv[0]))), notes


def _sheet_from_grid(
    name: str,
    canonical: str,
    title: str,
    grid: list,
    formulas: list | None,
) -> tuple[RawSheet, list[Finding]]:
    findings: list[Finding] = []
    h = find_header_row(canonical, grid)
    raw_headers = [cell_text(v).strip(_BLANKS) for v in grid[h]] if h >= 0 else []
    body = grid[h + 1 :] if h >= 0 else grid
    width = max([len(raw_headers)] + [_last_filled(r) for r in body])
    headers = []
    for j in range(width):
        text = raw_headers[j] if j < len(raw_headers) else ""
        if not text:
            if not any(j < len(r) and not is_blank(r[j]) for r in body):
                headers.append("")
                continue
            text = f"未命名列{get_column_letter(j + 1)}"
            findings.append(
                Finding(
                    WARNING,
                    name,
                    title,
                    h + 1 if h >= 0 else None,
                    text,
                    f"第{get_column_letter(j + 1)}列有数据但没有表头，已作为附加列“{text}”保留",
                    "表头",
                )
            )
        headers.append(text)
    keep = [j for j, t in enumerate(headers) if t]
    rows = []
    first = h + 2 if h >= 0 else 1
    for offset, r in enumerate(body):
        excel_row = first + offset
        cells = []
        for j in keep:
            v = r[j] if j < len(r) else None
            if isinstance(v, str) and v in EXCEL_ERRORS:
                findings.append(
                    Finding(
                        ERROR,
                        name,
                        title,
                        excel_row,
                        headers[j],
                        f"单元格是 Excel 错误值“{v}”，请更正公式或改填数值",
                        "公式",
                    )
                )
                v = None
            elif v is None and formulas is not None:
                f = _at(formulas, excel_row - 1, j)
                if isinstance(f, str) and f.startswith("="):
                    findings.append(
                        Finding(
                            ERROR,
                            name,
                            title,
                            excel_row,
                            headers[j],
                            f"单元格{get_column_letter(j + 1)}{excel_row}是公式“{f}”，但文件中没有计算结果"
                            "（未在 Excel 中保存过），请在 Excel 中打开并保存，或改填数值",
                            "公式",
                        )
                    )
            cells.append(v)
        if not all(is_blank(v) for v in cells):
            rows.append((excel_row, tuple(cells)))
    sheet = RawSheet(canonical, title, h + 1 if h >= 0 else 0, tuple(headers[j] for j in keep), tuple(rows))
    return sheet, findings


def _last_filled(row: tuple) -> int:
    for j in range(len(row) - 1, -1, -1):
        if not is_blank(row[j]):
            return j + 1
    return 0


def _at(grid: list, i: int, j: int) -> Cell:
    return grid[i][j] if i < len(grid) and j < len(grid[i]) else None


# ---------------------------------------------------------------- csv


def _read_csv(name: str, data: bytes) -> RawBook:
    text = _decode(data)
    if text is None or "\x00" in text:
        return _fatal(name, "无法识别文件的文字编码（支持 UTF-8 与 GBK/GB18030 的 CSV），也不是 Excel 工作簿")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        grid = _bounded((tuple(c if c != "" else None for c in rec) for rec in records), name)
    except csv.Error:
        return _fatal(name, "CSV 文件格式有误（引号不配对等），无法读取")
    except _TooLarge as exc:
        return _fatal(name, str(exc))
    sheet, findings = _sheet_from_grid(name, SOCIETY_SHEET, SOCIETY_SHEET, grid, None)
    return RawBook(name, (sheet,), tuple(findings), "csv")


def _decode(data: bytes) -> str | None:
    """UTF-16 with BOM (Excel 'Unicode text'), else UTF-8 (with or without BOM), else GB18030."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
