"""Loading a roster: RawBook (see ``model.roster.workbook_io``) -> Roster with every finding.

``parse_roster`` is pure and never raises for bad cells; each problem becomes a Finding
naming the file, sheet, Excel row, column header, the rule and the bad value.

Decisions (docs/formats.md §1):
- A duplicate society name (after trimming) is an error on the later row naming both
  rows; the later row is left out of the roster.
- A society with bad cells stays in the roster (bad counts as 0) so it can be shown and
  edited; a roster with errors is not for planning.
- When sheet 党员 is given, counts are derived only for societies that have member
  rows; a stated count that disagrees is a warning naming both numbers (rows win).
  Societies without member rows keep their stated counts (blank = 0).
- An adjacency naming a region no society is in is a warning (likely a misspelling; it
  cannot change a plan).
- A fatal problem (unreadable file, missing 学会 sheet or required column, no data)
  gives a roster with no societies, still listing every other finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from model.findings import ERROR, WARNING, Finding, RosterError
from model.roster.cells import clean_text, read_count, read_date
from model.roster.columns import (
    ADJACENCY_SHEET,
    MEMBER_SHEET,
    MEMBER_STATUSES,
    ORG_KINDS,
    SOCIETY_SHEET,
    SheetSpec,
    header_key,
    sheet_spec,
)
from model.roster.raw_tables import frames_to_raw, raw_from_dict, raw_to_dict, roster_frames
from model.roster.template import blank_template_xlsx, write_roster_xlsx
from model.roster.values import Member, Roster, Society
from model.roster.workbook_io import Cell, RawBook, RawSheet, read_raw

__all__ = [
    "RawBook",
    "RawSheet",
    "read_raw",
    "parse_roster",
    "read_roster",
    "load_roster",
    "raw_to_dict",
    "raw_from_dict",
    "roster_frames",
    "frames_to_raw",
    "write_roster_xlsx",
    "blank_template_xlsx",
]

_STATUS_ALIASES = {"正式": "正式", "正式党员": "正式", "预备": "预备", "预备党员": "预备"}


def read_roster(source: str | Path | bytes, filename: str | None = None) -> Roster:
    """Read and parse a roster file; problems are findings on the Roster, never raised."""
    return parse_roster(read_raw(source, filename))


def load_roster(source: str | Path | bytes, filename: str | None = None) -> Roster:
    """Like ``read_roster`` but raise RosterError (carrying every finding) on any error."""
    roster = read_roster(source, filename)
    if roster.errors:
        raise RosterError(roster.findings)
    return roster


@dataclass(slots=True)
class _Sink:
    """Collects findings for one file; cells already flagged at read time stay quiet."""

    file: str
    origin: str
    findings: list[Finding]
    flagged: set = field(default_factory=set)

    def add(
        self, severity: str, sheet: RawSheet | None, row: int | None, column: str | None, message: str, rule: str
    ) -> None:
        title = sheet.title if sheet else None
        if (title, row, column) not in self.flagged:
            self.findings.append(Finding(severity, self.file, title, row, column, message, rule))


@dataclass(slots=True)
class _Table:
    """A sheet with its columns mapped to keys."""

    sheet: RawSheet
    spec: SheetSpec
    index: dict[str, int]
    extras: list[int]

    def header(self, key: str) -> str:
        j = self.index.get(key)
        return self.sheet.headers[j] if j is not None else self.spec.column(key).header

    def get(self, cells: tuple[Cell, ...], key: str) -> Cell:
        j = self.index.get(key)
        return cells[j] if j is not None and j < len(cells) else None

    def extra(self, cells: tuple[Cell, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((self.sheet.headers[j], clean_text(cells[j] if j < len(cells) else None)) for j in self.extras)


def parse_roster(raw: RawBook) -> Roster:
    """Interpret a RawBook: every finding at once; see the module docstring for the rules."""
    sink = _Sink(raw.filename, raw.origin, list(raw.findings), {(f.sheet, f.row, f.column) for f in raw.findings})
    unreadable = not raw.sheets and any(f.is_error for f in raw.findings)
    member_sheet = raw.sheet(MEMBER_SHEET)
    has_members = member_sheet is not None and member_sheet.header_row > 0 and bool(member_sheet.rows)
    societies, stated, fatal = _parse_societies(sink, raw.sheet(SOCIETY_SHEET), has_members, unreadable)
    known = {s.name for s in societies} if not fatal else None
    members = _parse_members(sink, member_sheet, known) if member_sheet is not None else ()
    if has_members:
        societies = _derive_counts(sink, societies, stated, members)
    adjacency = _parse_adjacency(sink, raw.sheet(ADJACENCY_SHEET), {s.region for s in societies} if not fatal else None)
    _check_existing(sink, societies, raw.sheet(SOCIETY_SHEET))
    return Roster(
        () if fatal else tuple(societies), tuple(members), adjacency, tuple(sink.findings), raw.filename, has_members
    )


def _table(sink: _Sink, sheet: RawSheet, spec: SheetSpec) -> _Table:
    index: dict[str, int] = {}
    extras: list[int] = []
    for j, header in enumerate(sheet.headers):
        key = header_key(spec.name, header)
        if key is None:
            extras.append(j)
        elif key in index:
            first = sheet.headers[index[key]]
            sink.add(
                ERROR,
                sheet,
                sheet.header_row,
                header,
                f"列“{header}”与列“{first}”是同一列（{spec.column(key).header}），请删去其中一列",
                "表头",
            )
            extras.append(j)
        else:
            index[key] = j
    return _Table(sheet, spec, index, extras)


def _structure(
    sink: _Sink,
    sheet: RawSheet,
    spec: SheetSpec,
    required: tuple[str, ...],
    fatal: bool,
) -> tuple[_Table | None, bool]:
    """Map the columns and report a missing header, column or data; returns (table, broken)."""
    severity = ERROR if fatal else WARNING
    if sheet.header_row == 0:
        message = (
            f"工作表“{sheet.title}”是空的"
            if not sheet.rows
            else f"工作表“{sheet.title}”前10行中找不到表头（应有“{spec.columns[0].header}”等列）"
        )
        sink.add(severity, sheet, None, None, message + ("" if fatal else "，已忽略"), "表头")
        return None, True
    table = _table(sink, sheet, spec)
    broken = False
    for key in required:
        if key not in table.index:
            broken = True
            sink.add(
                ERROR,
                sheet,
                sheet.header_row,
                spec.column(key).header,
                f"缺少必填列“{spec.column(key).header}”（也可用英文键 {key}）",
                "必填列",
            )
    if not sheet.rows:
        sink.add(
            severity,
            sheet,
            None,
            None,
            f"工作表“{sheet.title}”只有表头，没有数据行" + ("" if fatal else "，已忽略"),
            "数据",
        )
        broken = broken or fatal
    return table, broken


def _parse_societies(
    sink: _Sink,
    sheet: RawSheet | None,
    has_members: bool,
    unreadable: bool,
) -> tuple[list[Society], dict[str, tuple], bool]:
    spec = sheet_spec(SOCIETY_SHEET)
    if sheet is None:
        if not unreadable:
            sink.add(ERROR, None, None, None, "缺少工作表“学会”（每行一个学会的名册）", "工作表")
        return [], {}, True
    required = ("name", "industry", "region") + (() if has_members else ("formal_members",))
    table, fatal = _structure(sink, sheet, spec, required, True)
    if table is None:
        return [], {}, True
    societies: list[Society] = []
    stated: dict[str, tuple] = {}
    first_row: dict[str, int] = {}
    for row, cells in sheet.rows:
        text = {c.key: clean_text(table.get(cells, c.key)) for c in spec.columns if c.type in ("text", "kind")}
        for key in required:
            if key in table.index and key != "formal_members" and not text[key]:
                sink.add(ERROR, sheet, row, table.header(key), "必填，不能为空", "必填")
        counts = {}
        for key in ("formal_members", "probationary_members", "secretariat_members"):
            counts[key] = _count(sink, table, row, cells, key, required=key in required)
        kind = text["existing_kind"] or None
        if kind is not None and kind not in ORG_KINDS:
            sink.add(
                ERROR,
                sheet,
                row,
                table.header("existing_kind"),
                f"党组织类型应为{'、'.join(ORG_KINDS)}之一，实际为“{kind}”",
                "党组织类型",
            )
            kind = None
        dates = {key: _date(sink, table, row, cells, key) for key in ("org_founded", "term_ends")}
        name = text["name"]
        if not name:
            continue
        if name in first_row:
            sink.add(
                ERROR,
                sheet,
                row,
                table.header("name"),
                f"学会名称“{name}”重复：第{first_row[name]}行与第{row}行是同一名称（已去除首尾空格），学会名称必须唯一",
                "名称唯一",
            )
            continue
        first_row[name] = row
        stated[name] = (
            counts["formal_members"],
            counts["probationary_members"],
            row,
            table.header("formal_members"),
            table.header("probationary_members"),
            sheet,
        )
        societies.append(
            Society(
                name=name,
                industry=text["industry"],
                region=text["region"],
                host_unit=text["host_unit"] or None,
                formal_members=counts["formal_members"] or 0,
                probationary_members=counts["probationary_members"] or 0,
                secretariat_members=counts["secretariat_members"],
                supervisor=text["supervisor"] or None,
                existing_org=text["existing_org"] or None,
                existing_kind=kind,
                org_founded=dates["org_founded"],
                term_ends=dates["term_ends"],
                extra=table.extra(cells),
                row=row,
            )
        )
    return societies, stated, fatal


def _count(sink: _Sink, table: _Table, row: int, cells: tuple, key: str, required: bool) -> int | None:
    if key not in table.index:
        return None
    value, error, note = read_count(table.get(cells, key), sink.origin)
    header = table.header(key)
    if error:
        sink.add(ERROR, table.sheet, row, header, error, "非负整数")
    elif note:
        sink.add(WARNING, table.sheet, row, header, note, "数字格式")
    elif value is None and required:
        sink.add(ERROR, table.sheet, row, header, "必填，不能为空（没有党员请填0）", "必填")
    return value


def _date(sink: _Sink, table: _Table, row: int, cells: tuple, key: str):
    if key not in table.index:
        return None
    value, error, note = read_date(table.get(cells, key))
    if error:
        sink.add(ERROR, table.sheet, row, table.header(key), error, "日期")
    elif note:
        sink.add(WARNING, table.sheet, row, table.header(key), note, "数字格式")
    return value


def _parse_members(sink: _Sink, sheet: RawSheet, known: set[str] | None) -> tuple[Member, ...]:
    spec = sheet_spec(MEMBER_SHEET)
    table, broken = _structure(sink, sheet, spec, ("name", "society"), False)
    if table is None or broken and not sheet.rows:
        return ()
    members: list[Member] = []
    seen: dict[tuple[str, str], int] = {}
    columns = [(c.key, table.index.get(c.key)) for c in spec.columns]  # looked up once, not per cell
    for row, cells in sheet.rows:
        n = len(cells)
        text = {key: clean_text(cells[j] if j is not None and j < n else None) for key, j in columns}
        for key in ("name", "society"):
            if key in table.index and not text[key]:
                sink.add(ERROR, sheet, row, table.header(key), "必填，不能为空", "必填")
        status = _STATUS_ALIASES.get(text["status"] or "正式")
        if status is None:
            sink.add(
                ERROR,
                sheet,
                row,
                table.header("status"),
                f"党员类别应为{'或'.join(MEMBER_STATUSES)}（留空按正式），实际为“{text['status']}”",
                "党员类别",
            )
        society = text["society"]
        if society and known is not None and society not in known:
            sink.add(
                ERROR,
                sheet,
                row,
                table.header("society"),
                f"学会“{society}”不在“学会”表中（请核对名称是否完全一致）",
                "学会存在",
            )
        if not (text["name"] and society):
            continue
        if (text["name"], society) in seen:
            sink.add(
                WARNING,
                sheet,
                row,
                table.header("name"),
                f"“{society}”的党员“{text['name']}”在第{seen[text['name'], society]}行已出现，请核对是否重复登记",
                "重复",
            )
        seen.setdefault((text["name"], society), row)
        if status is None:
            continue
        members.append(
            Member(
                name=text["name"],
                society=society,
                gender=text["gender"] or None,
                society_role=text["society_role"] or None,
                status=status,
                discipline=text["discipline"] or None,
                phone=text["phone"] or None,
                home_org=text["home_org"] or None,
                extra=table.extra(cells),
                row=row,
            )
        )
    return tuple(members)


def _derive_counts(
    sink: _Sink, societies: list[Society], stated: dict[str, tuple], members: tuple[Member, ...]
) -> list[Society]:
    """Counts from member rows (for societies that have rows); warn where a stated count differs."""
    tally: dict[str, list[int]] = {}
    for m in members:
        t = tally.setdefault(m.society, [0, 0])
        t[0 if m.is_formal else 1] += 1
    out = []
    for s in societies:
        if s.name not in tally:
            out.append(s)
            continue
        formal, probationary = tally[s.name]
        f_stated, p_stated, row, f_header, p_header, sheet = stated[s.name]
        for said, derived, header, label in (
            (f_stated, formal, f_header, "正式"),
            (p_stated, probationary, p_header, "预备"),
        ):
            if said is not None and said != derived:
                sink.add(
                    WARNING,
                    sheet,
                    row,
                    header,
                    f"填写为{said}，但“党员”表中该学会有{derived}名{label}党员，以党员表为准（计{derived}名）",
                    "人数一致",
                )
        out.append(replace(s, formal_members=formal, probationary_members=probationary))
    return out


def _parse_adjacency(sink: _Sink, sheet: RawSheet | None, regions: set[str] | None) -> tuple[tuple[str, str], ...]:
    if sheet is None or sheet.header_row > 0 and not sheet.rows:
        return ()  # no sheet, or only its header: only the same region counts as adjacent
    spec = sheet_spec(ADJACENCY_SHEET)
    table, broken = _structure(sink, sheet, spec, ("region_a", "region_b"), False)
    if table is None or broken:
        return ()
    pairs: set[tuple[str, str]] = set()
    for row, cells in sheet.rows:
        a, b = (clean_text(table.get(cells, k)) for k in ("region_a", "region_b"))
        if not a or not b:
            for key, v in (("region_a", a), ("region_b", b)):
                if not v:
                    sink.add(ERROR, sheet, row, table.header(key), "必填，不能为空（每行写一对相邻地区）", "必填")
            continue
        if a == b:
            sink.add(
                WARNING,
                sheet,
                row,
                table.header("region_b"),
                f"地区A与地区B都是“{a}”，同一地区本就视为相邻，已忽略此行",
                "相邻",
            )
            continue
        for key, v in (("region_a", a), ("region_b", b)):
            if regions is not None and v not in regions:
                sink.add(
                    WARNING,
                    sheet,
                    row,
                    table.header(key),
                    f"地区“{v}”不是任何学会的所在地（请核对写法是否与“学会”表一致），此相邻关系不影响规划",
                    "地区存在",
                )
        pairs.add((min(a, b), max(a, b)))
    return tuple(sorted(pairs))


def _check_existing(sink: _Sink, societies: list[Society], sheet: RawSheet | None) -> None:
    """Today's organizations: one kind per organization name; a kind needs a name."""
    kinds: dict[str, tuple[str, int]] = {}
    for s in societies:
        if s.existing_kind and not s.existing_org:
            sink.add(
                WARNING,
                sheet,
                s.row,
                "现有党组织",
                f"填写了党组织类型“{s.existing_kind}”，但现有党组织名称为空",
                "现有党组织",
            )
        if s.existing_org and s.existing_kind:
            first = kinds.setdefault(s.existing_org, (s.existing_kind, s.row or 0))
            if first[0] != s.existing_kind:
                sink.add(
                    WARNING,
                    sheet,
                    s.row,
                    "党组织类型",
                    f"现有党组织“{s.existing_org}”在第{first[1]}行类型为“{first[0]}”，此处为“{s.existing_kind}”，请统一",
                    "现有党组织",
                )
