"""A RawBook as JSON (for the workspace) and as editable tables (for st.data_editor).

Both directions are lossless for what the loader reads: ``raw_from_dict(raw_to_dict(r)) == r``.
Tables show canonical Chinese headers first, then the extra columns, every cell as
the user sees it in Excel (text), indexed by Excel row number (``行号``).
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

import pandas as pd

from model.findings import Finding
from model.roster.columns import SHEETS, SOCIETY_SHEET, header_key, sheet_spec
from model.roster.workbook_io import Cell, RawBook, RawSheet, cell_text, is_blank

__all__ = ["raw_to_dict", "raw_from_dict", "roster_frames", "frames_to_raw", "ROW_INDEX"]

ROW_INDEX = "行号"
_VERSION = 1


def _cell_out(v: Cell) -> object:
    if isinstance(v, datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, date):
        return {"date": v.isoformat()}
    if isinstance(v, time):
        return {"time": v.isoformat()}
    return v


def _cell_in(v: object) -> Cell:
    if isinstance(v, dict):
        if "datetime" in v:
            return datetime.fromisoformat(v["datetime"])
        if "date" in v:
            return date.fromisoformat(v["date"])
        return time.fromisoformat(v["time"])
    return v  # type: ignore[return-value]


def raw_to_dict(raw: RawBook) -> dict:
    """JSON-safe form of a RawBook (dates as {"date": iso}).

    >>> b = RawBook("a.csv", (RawSheet("学会", "学会", 1, ("学会名称",), ((2, ("甲",)),)),), origin="csv")
    >>> raw_from_dict(raw_to_dict(b)) == b
    True
    """
    return {
        "version": _VERSION,
        "filename": raw.filename,
        "origin": raw.origin,
        "findings": [f.to_dict() for f in raw.findings],
        "sheets": [
            {
                "name": s.name,
                "title": s.title,
                "header_row": s.header_row,
                "headers": list(s.headers),
                "rows": [[r, [_cell_out(c) for c in cells]] for r, cells in s.rows],
            }
            for s in raw.sheets
        ],
    }


def raw_from_dict(d: dict) -> RawBook:
    """Inverse of ``raw_to_dict``."""
    sheets = tuple(
        RawSheet(
            s["name"],
            s["title"],
            int(s["header_row"]),
            tuple(s["headers"]),
            tuple((int(r), tuple(_cell_in(c) for c in cells)) for r, cells in s["rows"]),
        )
        for s in d.get("sheets", ())
    )
    findings = tuple(Finding(**f) for f in d.get("findings", ()))
    return RawBook(d["filename"], sheets, findings, d.get("origin", "xlsx"))


def canonical_columns(sheet: RawSheet | None, name: str) -> tuple[list[str], list[int | None]]:
    """Output headers (canonical, then extras) and, for each, the raw column it comes from."""
    spec = sheet_spec(name)
    source: dict[str, int] = {}
    extras: list[int] = []
    headers = sheet.headers if sheet else ()
    for j, h in enumerate(headers):
        key = header_key(name, h)
        if key is not None and key not in source:
            source[key] = j
        else:
            extras.append(j)
    out = [c.header for c in spec.columns]
    idx: list[int | None] = [source.get(c.key) for c in spec.columns]
    for j in extras:
        label, n = headers[j], 2
        while label in out:
            label, n = f"{headers[j]}({n})", n + 1
        out.append(label)
        idx.append(j)
    return out, idx


def roster_frames(raw: RawBook) -> dict[str, pd.DataFrame]:
    """One editable frame per sheet present (学会 always), cells as text, index = Excel row."""
    frames = {}
    for spec in SHEETS:
        sheet = raw.sheet(spec.name)
        if sheet is None and spec.name != SOCIETY_SHEET:
            continue
        headers, idx = canonical_columns(sheet, spec.name)
        rows = sheet.rows if sheet else ()
        data = [[cell_text(cells[j]) if j is not None and j < len(cells) else "" for j in idx] for _, cells in rows]
        index = pd.Index([r for r, _ in rows], name=ROW_INDEX, dtype="int64")
        frames[spec.name] = pd.DataFrame(data, columns=headers, index=index, dtype=object)
    return frames


def _text(v: object) -> str | None:
    if v.__class__ is str:  # the usual cell: no conversion needed
        return None if is_blank(v) else v  # type: ignore[arg-type]
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    text = cell_text(v)  # type: ignore[arg-type]
    return None if is_blank(text) else text


def frames_to_raw(frames: dict[str, pd.DataFrame], filename: str) -> RawBook:
    """Tables (after edits) back to a RawBook: blank rows dropped, rows numbered 2, 3, … as
    in the canonical template (header on row 1)."""
    sheets = []
    for spec in SHEETS:
        df = frames.get(spec.name)
        if df is None:
            continue
        headers = tuple(str(c) for c in df.columns)
        rows, n = [], 2
        for values in df.itertuples(index=False, name=None):
            cells = tuple(_text(v) for v in values)
            if all(c is None for c in cells):
                continue
            rows.append((n, cells))
            n += 1
        sheets.append(RawSheet(spec.name, spec.name, 1, headers, tuple(rows)))
    return RawBook(filename, tuple(sheets), (), "table")
