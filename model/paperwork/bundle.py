"""Every document and register for every organization of a plan: one zip, or a folder.

Layout (folders named by organization, then society)::

    统计表 党组织覆盖情况统计表.xlsx
    清单 文书缺项清单.xlsx
    说明.txt
    J001 甲学会等2家单位联合党支部/模板1 成立党组织的请示.docx
    J001 甲学会等2家单位联合党支部/模板2 党组织人员备案表.docx
    J001 甲学会等2家单位联合党支部/模板3 党员名册.xlsx
    J001 甲学会等2家单位联合党支部/甲学会/表1-3 学会党建台账.xlsx   (sheets 表1, 表2, 表3)
    派驻指导员的学会/丙学会/表1-3 学会党建台账.xlsx
    尚未建立党组织的学会/丁学会/表1-3 学会党建台账.xlsx

模板1/2 (founding) go to every organization the plan sets up or changes (status 新建 or
调整; not 保留); 模板3 to all. 模板4/5 go to an organization with a committee whose term
ends within ``term_warning_months`` of the issue date, or with a 换届 election record;
模板6 when that record has a counted round; 模板7/8/9 likewise for 补选.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from model.findings import ERROR, Finding, InputError
from model.paperwork import election_letters as ed
from model.paperwork import founding
from model.paperwork import registers as reg
from model.paperwork.document import DocContext, Document, MissingData, to_docx
from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.coverage import add_months

__all__ = [
    "DOC_TYPES",
    "Bundle",
    "safe_name",
    "file_bytes",
    "org_for",
    "match_elections",
    "records_for",
    "usable_elections",
    "stale_units",
    "due_for_change",
    "build_document",
    "society_ledger",
    "org_items",
    "build_bundle",
    "to_zip",
    "write_documents",
]

Item = Document | reg.Register

# code -> label, for choosing one type in the app.
DOC_TYPES: dict[str, str] = {
    "模板1": "成立党组织的请示",
    "模板2": "党组织人员备案表",
    "模板3": "党员名册",
    "模板4": "换届选举请示",
    "模板5": "候选人预备人选备案表（换届）",
    "模板6": "换届选举结果的请示",
    "模板7": "委员补选的请示",
    "模板8": "候选人预备人选备案表（补选）",
    "模板9": "委员补选结果的请示",
    "表1": "学会党建信息表",
    "表2": "秘书处专兼职干部党员信息表",
    "表3": "理事会党员信息表",
}


@dataclass(frozen=True, slots=True)
class Bundle:
    """Files (path inside the zip/folder, bytes) and what they left blank."""

    files: tuple[tuple[str, bytes], ...]
    missing: tuple[MissingData, ...]
    warnings: tuple[str, ...] = ()


def safe_name(text: str) -> str:
    """A file or folder name: no path separators or characters Windows refuses.

    >>> safe_name('../甲学会/党支部:"x"')
    '甲学会_党支部_x'
    """
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")
    return cleaned[:80] or "未命名"


def file_bytes(item: Item) -> tuple[str, bytes]:
    """(file name, content) of one document or register."""
    if isinstance(item, Document):
        return f"{item.label}.docx", to_docx(item)
    return f"{item.label}.xlsx", reg.to_xlsx(item)


def org_for(plan: Plan, key: str | None) -> Organization | None:
    """The organization an election names: its id, name, display name or (single-unit) society.

    Without a name, the plan's only organization (None when there are several).
    """
    if key is None:
        return plan.organizations[0] if len(plan.organizations) == 1 else None
    return next(
        (
            o
            for o in plan.organizations
            if key in (o.id, o.name, founding.org_display_name(o))
            or key.split(" ", 1)[0] == o.id  # the election page's label "J001 联合党支部（…）"
            or (len(o.units) == 1 and key in (o.units[0], f"{o.units[0]}{o.kind}"))
        ),
        None,
    )


def match_elections(plan: Plan, records: Iterable[ed.ElectionRecord]) -> dict[str, tuple[ed.ElectionRecord, ...]]:
    """Election records by organization id; InputError names each record that matches none."""
    out: dict[str, list[ed.ElectionRecord]] = {}
    bad: list[Finding] = []
    for rec in records:
        org = org_for(plan, rec.organization)
        if org is None:
            msg = (
                f"所属党组织“{rec.organization}”不在方案中"
                if rec.organization
                else '未指明所属党组织：请在选举文件中加入 "organization": "方案中的党组织编号"'
            )
            bad.append(Finding(ERROR, rec.source, None, None, "organization", msg))
            continue
        out.setdefault(org.id, []).append(rec)
    if bad:
        raise InputError(bad)
    return {k: tuple(v) for k, v in out.items()}


def records_for(plan: Plan, org: Organization, records: Iterable[ed.ElectionRecord]) -> tuple[ed.ElectionRecord, ...]:
    """The records that belong to ``org`` (records naming no known organization are left out)."""
    return tuple(r for r in records if (o := org_for(plan, r.organization)) is not None and o.id == org.id)


def usable_elections(plan: Plan, stored: Mapping[str, object]) -> tuple[dict[str, dict], tuple[str, ...]]:
    """The stored elections (key -> JSON dict) that belong to the plan, and why others are left out."""
    usable: dict[str, dict] = {}
    problems: list[str] = []
    for key, data in stored.items():
        try:
            record = ed.parse_record(data, source=key)
        except InputError as exc:
            problems.append(f"选举记录“{key}”无法使用：{exc.findings[0].message if exc.findings else ''}")
            continue
        if org_for(plan, record.organization) is None:
            problems.append(f"选举记录“{key}”所属党组织“{record.organization or '未指明'}”不在当前方案中，未使用。")
        else:
            usable[key] = data  # type: ignore[assignment]
    return usable, tuple(problems)


def stale_units(plan: Plan, roster: Roster) -> tuple[str, ...]:
    """Societies the plan names that the roster no longer has (the roster changed after planning).

    >>> from model.roster.values import Society
    >>> from model.rules.policy import Policy
    >>> stale_units(Plan(Policy(), (Organization("S1", "党支部", "单独组建", ("甲学会",), 3),), liaison=("乙学会",)),
    ...             Roster((Society("甲学会", "工科", "武汉市"),)))
    ('乙学会',)
    """
    named = [u for o in plan.organizations for u in o.units] + list(plan.liaison) + list(plan.uncovered)
    return tuple(u for u in named if u not in roster)


def due_for_change(org: Organization, roster: Roster, plan: Plan, today: date | None = None) -> bool:
    """A committee (F ≥ 7) whose term (earliest 届满时间 of its units) ends within
    ``term_warning_months`` of ``today`` (any known term end when ``today`` is None).

    >>> from model.roster.values import Society
    >>> from model.rules.policy import Policy
    >>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=7, term_ends=date(2027, 3, 1)),))
    >>> o, p = Organization("S1", "党支部", "单独组建", ("甲学会",), 7), Plan(Policy(), ())
    >>> due_for_change(o, r, p, date(2026, 11, 22)), due_for_change(o, r, p, date(2026, 6, 1))
    (True, False)
    """
    ends = [roster.society(u).term_ends for u in org.units if u in roster and roster.society(u).term_ends]
    if org.formal_members < plan.policy.committee_min_formal or not ends:
        return False
    return today is None or min(ends) <= add_months(today, plan.policy.term_warning_months)


def build_document(
    code: str,
    org: Organization,
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    records: tuple[ed.ElectionRecord, ...] = (),
    personal: bool = True,
) -> Item:
    """One document of type ``code`` for one organization (for previews and single downloads)."""
    p = plan.policy
    change = next((r for r in records if r.kind == ed.CHANGE), None)
    by = next((r for r in records if r.kind == ed.BY_ELECTION), None)
    builders = {
        "模板1": lambda: founding.founding_request(org, roster, ctx, p),
        "模板2": lambda: founding.personnel_forms(org, roster, ctx, p),
        "模板3": lambda: reg.member_register(org, roster, personal),
        "模板4": lambda: ed.change_request(org, roster, change, ctx, p),
        "模板5": lambda: ed.candidate_forms(org, roster, change, ctx, p, "模板5"),
        "模板6": lambda: ed.change_result(org, roster, change, ctx, p),
        "模板7": lambda: ed.by_election_request(org, roster, by, ctx, p),
        "模板8": lambda: ed.candidate_forms(
            org, roster, by or ed.ElectionRecord(ed.BY_ELECTION, 1, ()), ctx, p, "模板8"
        ),
        "模板9": lambda: ed.by_election_result(org, roster, by, ctx, p),
        "表1": lambda: _per_society(org, lambda s: reg.society_info(s, roster, plan, ctx), roster),
        "表2": lambda: _per_society(org, lambda s: reg.secretariat_register(s, roster), roster),
        "表3": lambda: _per_society(org, lambda s: reg.council_register(s, roster, personal), roster),
    }
    if code not in builders:
        raise ValueError(f"unknown document type {code!r}")
    return builders[code]()


def _per_society(org: Organization, make, roster: Roster) -> reg.Register:
    """A per-society register for every unit of the organization, one sheet per unit."""
    parts = [make(roster.society(u)) for u in org.units if u in roster]
    if not parts:  # a stale plan: none of its societies is in the roster any more
        name = founding.org_display_name(org)
        return reg.Register(
            "表", "学会台账", name, (), (MissingData("学会台账", name, "本组织的学会均不在当前名册中"),)
        )
    if len(parts) == 1:
        return parts[0]
    sheets = tuple(reg.Sheet(p.organization, sh.title, sh.rows, sh.header_rows) for p in parts for sh in p.sheets)
    return reg.Register(
        parts[0].code, parts[0].name, founding.org_display_name(org), sheets, tuple(m for p in parts for m in p.missing)
    )


def org_items(
    org: Organization,
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    records: tuple[ed.ElectionRecord, ...] = (),
    personal: bool = True,
) -> tuple[Item, ...]:
    """The organization-level documents the batch writes for one organization."""
    codes = ([] if org.status == "保留" else ["模板1", "模板2"]) + ["模板3"]  # a kept organization is not founded again
    kinds = {r.kind for r in records}
    if ed.CHANGE in kinds or due_for_change(org, roster, plan, ctx.issued):
        codes += ["模板4", "模板5"]
    if any(r.kind == ed.CHANGE and r.all_rounds() for r in records):
        codes.append("模板6")
    if ed.BY_ELECTION in kinds:
        codes += ["模板7", "模板8"]
    if any(r.kind == ed.BY_ELECTION and r.all_rounds() for r in records):
        codes.append("模板9")
    return tuple(build_document(c, org, roster, plan, ctx, records, personal) for c in codes)


def build_bundle(
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    elections: Iterable[ed.ElectionRecord | dict] = (),
    personal: bool = True,
    only: Iterable[str] | None = None,
) -> Bundle:
    """Every document and register for the plan (or only the organizations with ids in ``only``).

    ``elections`` are ElectionRecords or their JSON dicts (docs/formats.md §4 and the keys of
    ``model.election.record``).
    """
    by_org = match_elections(plan, [e if isinstance(e, ed.ElectionRecord) else ed.parse_record(e) for e in elections])
    wanted = set(only) if only is not None else None
    files: list[tuple[str, bytes]] = []
    missing: list[MissingData] = []
    warnings: list[str] = []

    def add(folder: str, item: Item) -> None:
        name, data = file_bytes(item)
        files.append((f"{folder}/{name}" if folder else name, data))
        missing.extend(item.missing)
        warnings.extend(f"{item.organization}（{item.label}）：{w}" for w in getattr(item, "warnings", ()))

    for org in plan.organizations:
        if wanted is not None and org.id not in wanted:
            continue
        folder = safe_name(f"{org.id} {founding.org_display_name(org)}")
        for item in org_items(org, roster, plan, ctx, by_org.get(org.id, ()), personal):
            add(folder, item)
        for unit in org.units:
            if unit in roster:
                _society_registers(add, f"{folder}/{safe_name(unit)}", unit, roster, plan, ctx, personal)
    if wanted is None:
        for label, names in (("派驻指导员的学会", plan.liaison), ("尚未建立党组织的学会", plan.uncovered)):
            for unit in names:
                if unit in roster:
                    _society_registers(add, f"{label}/{safe_name(unit)}", unit, roster, plan, ctx, personal)
        add("", reg.coverage_form(plan))
    add("", reg.missing_register(tuple(missing)))
    readme = _readme(len(files), tuple(missing), tuple(warnings))
    files.append(("说明.txt", readme.encode("utf-8-sig")))
    return Bundle(tuple(files), tuple(missing), tuple(warnings))


def society_ledger(
    society, roster: Roster, plan: Plan, ctx: DocContext = DocContext(), personal: bool = True
) -> reg.Register:
    """表1, 表2 and 表3 of one society as one workbook with three sheets (学会党建台账)."""
    parts = (
        reg.society_info(society, roster, plan, ctx),
        reg.secretariat_register(society, roster),
        reg.council_register(society, roster, personal),
    )
    sheets = tuple(
        reg.Sheet(f"{p.code} {sh.name}", sh.title, sh.rows, sh.header_rows) for p in parts for sh in p.sheets
    )
    return reg.Register("表1-3", "学会党建台账", society.name, sheets, tuple(m for p in parts for m in p.missing))


def _society_registers(
    add, folder: str, unit: str, roster: Roster, plan: Plan, ctx: DocContext, personal: bool
) -> None:
    add(folder, society_ledger(roster.society(unit), roster, plan, ctx, personal))


def _readme(n: int, missing: tuple[MissingData, ...], warnings: tuple[str, ...]) -> str:
    lines = [
        f"本文件包共 {n} 份文书与台账（按党组织、学会分文件夹）。",
        f"缺少的信息共 {len(missing)} 项，已在文书中留出“＿＿＿”，清单见“清单 文书缺项清单.xlsx”。",
    ]
    if warnings:
        lines += ["", "请注意："] + [f"- {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def to_zip(bundle: Bundle) -> bytes:
    """The bundle as one zip (UTF-8 file names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in bundle.files:
            z.writestr(path, data)
    return buf.getvalue()


def write_documents(
    roster: Roster,
    plan: Plan,
    out_dir: str | Path,
    elections: Iterable[ed.ElectionRecord | dict] = (),
    ctx: DocContext = DocContext(),
    personal: bool = True,
) -> Bundle:
    """Write every document and register under ``out_dir`` (created if needed); returns the bundle."""
    bundle = build_bundle(roster, plan, ctx, elections, personal)
    root = Path(out_dir)
    for path, data in bundle.files:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return bundle
