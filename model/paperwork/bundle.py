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

Names that clean to the same file name (“甲/学会” and “甲:学会” both give ``甲_学会``; case is
ignored, as Windows does) get （2）, （3） … in the order of the plan, so no file ever replaces
another. The batch is built in steps (:func:`bundle_steps`: one per organization, then the
societies without one), so a caller can show progress; :func:`build_bundle` runs them all.
Phone numbers (联系电话, 联系方式, 手机号码) are left out of the registers unless ``phones=True``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from model.paperwork import election_letters as ed
from model.paperwork import founding
from model.paperwork import registers as reg
from model.paperwork.document import DocContext, Document, MissingData
from model.paperwork.election_match import match_elections, org_for, records_for, usable_elections
from model.paperwork.file_names import (
    LIAISON_FOLDER,
    UNCOVERED_FOLDER,
    org_folders,
    renamed_notes,
    safe_name,
    same_file_key,
    society_folders,
    unique_names,
)
from model.paperwork.output_folder import check_folder, write_folder
from model.paperwork.spreadsheet import to_xlsx
from model.paperwork.word import to_docx
from model.paperwork.workbook import Register, Sheet
from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.coverage import add_months

__all__ = [
    "DOC_TYPES",
    "LIAISON_FOLDER",
    "UNCOVERED_FOLDER",
    "Bundle",
    "safe_name",
    "unique_names",
    "org_folders",
    "file_bytes",
    "org_for",
    "match_elections",
    "records_for",
    "usable_elections",
    "stale_units",
    "due_for_change",
    "build_document",
    "society_ledger",
    "org_codes",
    "org_items",
    "bundle_steps",
    "step_label",
    "bundle_part",
    "finish_bundle",
    "build_bundle",
    "to_zip",
    "write_documents",
]

Item = Document | Register

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
    """Files (path inside the zip/folder, bytes) and what they left blank.

    Paths are distinct, ignoring case: a bundle never holds two files that would overwrite
    each other (ValueError naming both otherwise).
    """

    files: tuple[tuple[str, bytes], ...]
    missing: tuple[MissingData, ...]
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for path, _ in self.files:
            if same_file_key(path) in seen:
                raise ValueError(f"Bundle.files: 路径“{path}”与“{seen[same_file_key(path)]}”是同一个文件，后者会被覆盖")
            seen[same_file_key(path)] = path


def file_bytes(item: Item) -> tuple[str, bytes]:
    """(file name, content) of one document or register."""
    if isinstance(item, Document):
        return f"{item.label}.docx", to_docx(item)
    return f"{item.label}.xlsx", to_xlsx(item)


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
    phones: bool = False,
) -> Item:
    """One document of type ``code`` for one organization (for previews and single downloads).

    ``phones``: the registers (模板3, 表1–表3) carry phone numbers (off unless asked for).
    """
    p = plan.policy
    change = next((r for r in records if r.kind == ed.CHANGE), None)
    by = next((r for r in records if r.kind == ed.BY_ELECTION), None)
    builders = {
        "模板1": lambda: founding.founding_request(org, roster, ctx, p),
        "模板2": lambda: founding.personnel_forms(org, roster, ctx, p),
        "模板3": lambda: reg.member_register(org, roster, personal=phones),
        "模板4": lambda: ed.change_request(org, roster, change, ctx, p),
        "模板5": lambda: ed.candidate_forms(org, roster, change, ctx, p, "模板5"),
        "模板6": lambda: ed.change_result(org, roster, change, ctx, p),
        "模板7": lambda: ed.by_election_request(org, roster, by, ctx, p),
        "模板8": lambda: ed.candidate_forms(
            org, roster, by or ed.ElectionRecord(ed.BY_ELECTION, 1, ()), ctx, p, "模板8"
        ),
        "模板9": lambda: ed.by_election_result(org, roster, by, ctx, p),
        "表1": lambda: _per_society(org, lambda s: reg.society_info(s, roster, plan, ctx, personal=phones), roster),
        "表2": lambda: _per_society(org, lambda s: reg.secretariat_register(s, roster, personal=phones), roster),
        "表3": lambda: _per_society(org, lambda s: reg.council_register(s, roster, personal=phones), roster),
    }
    if code not in builders:
        raise ValueError(f"unknown document type {code!r}")
    return builders[code]()


def _per_society(org: Organization, make, roster: Roster) -> Register:
    """A per-society register for every unit of the organization, one sheet per unit."""
    parts = [make(roster.society(u)) for u in org.units if u in roster]
    if not parts:  # a stale plan: none of its societies is in the roster any more
        name = founding.org_display_name(org)
        return Register("表", "学会台账", name, (), (MissingData("学会台账", name, "本组织的学会均不在当前名册中"),))
    if len(parts) == 1:
        return parts[0]
    sheets = tuple(Sheet(p.organization, sh.title, sh.rows, sh.header_rows) for p in parts for sh in p.sheets)
    return Register(
        parts[0].code, parts[0].name, founding.org_display_name(org), sheets, tuple(m for p in parts for m in p.missing)
    )


def org_codes(
    org: Organization,
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    records: tuple[ed.ElectionRecord, ...] = (),
) -> tuple[str, ...]:
    """The codes of the organization-level documents the organization needs (模板3 always).

    >>> from model.roster.values import Society
    >>> from model.rules.policy import Policy
    >>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=3),))
    >>> new = Organization("S1", "党支部", "单独组建", ("甲学会",), 3)
    >>> kept = Organization("S1", "党支部", "单独组建", ("甲学会",), 3, status="保留")
    >>> org_codes(new, r, Plan(Policy(), (new,))), org_codes(kept, r, Plan(Policy(), (kept,)))
    (('模板1', '模板2', '模板3'), ('模板3',))
    """
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
    return tuple(codes)


def org_items(
    org: Organization,
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    records: tuple[ed.ElectionRecord, ...] = (),
    phones: bool = False,
) -> tuple[Item, ...]:
    """The organization-level documents the batch writes for one organization."""
    return tuple(
        build_document(c, org, roster, plan, ctx, records, phones) for c in org_codes(org, roster, plan, ctx, records)
    )


def society_ledger(
    society, roster: Roster, plan: Plan, ctx: DocContext = DocContext(), phones: bool = False
) -> Register:
    """表1, 表2 and 表3 of one society as one workbook with three sheets (学会党建台账)."""
    parts = (
        reg.society_info(society, roster, plan, ctx, personal=phones),
        reg.secretariat_register(society, roster, personal=phones),
        reg.council_register(society, roster, personal=phones),
    )
    sheets = tuple(Sheet(f"{p.code} {sh.name}", sh.title, sh.rows, sh.header_rows) for p in parts for sh in p.sheets)
    return Register("表1-3", "学会党建台账", society.name, sheets, tuple(m for p in parts for m in p.missing))


def bundle_steps(plan: Plan, only: Iterable[str] | None = None) -> tuple[str, ...]:
    """The steps of the batch: the organization ids (only those in ``only`` when given), then, for the
    whole plan, the folders of the societies with an instructor and of those not yet organized.

    >>> from model.rules.policy import Policy
    >>> p = Plan(Policy(), (Organization("S1", "党支部", "单独组建", ("甲学会",), 3),), liaison=("乙学会",))
    >>> bundle_steps(p), bundle_steps(p, only=["S1"])
    (('S1', '派驻指导员的学会'), ('S1',))
    """
    wanted = set(only) if only is not None else None
    ids = tuple(o.id for o in plan.organizations if wanted is None or o.id in wanted)
    if wanted is not None:
        return ids
    rest = ((LIAISON_FOLDER, plan.liaison), (UNCOVERED_FOLDER, plan.uncovered))
    return ids + tuple(label for label, names in rest if names)


def step_label(plan: Plan, step: str, folders: Mapping[str, str] | None = None) -> str:
    """What a step writes, for a progress line: the organization's folder name, or the folder.

    ``folders`` is :func:`org_folders` of the plan, when the caller has it (a batch computes it once).
    """
    return (org_folders(plan) if folders is None else folders).get(step, step)


def bundle_part(
    roster: Roster,
    plan: Plan,
    step: str,
    ctx: DocContext = DocContext(),
    records: Iterable[ed.ElectionRecord] = (),
    phones: bool = False,
    folders: Mapping[str, str] | None = None,
) -> Bundle:
    """The files of one step (:func:`bundle_steps`): an organization's folder, or a folder of societies.

    ``records`` may hold every election of the plan; the step keeps those of its organization.
    ``folders`` is :func:`org_folders` of the plan, computed once by a caller that runs many steps
    (it costs as much as a small step, and a city has thousands).
    """
    files: list[tuple[str, bytes]] = []
    missing: list[MissingData] = []
    warnings: list[str] = []

    def add(folder: str, item: Item) -> None:
        name, data = file_bytes(item)
        files.append((f"{folder}/{name}", data))
        missing.extend(item.missing)
        warnings.extend(f"{item.organization}（{item.label}）：{w}" for w in getattr(item, "warnings", ()))

    org = next((o for o in plan.organizations if o.id == step), None)
    if org is not None:
        folder = (org_folders(plan) if folders is None else folders)[org.id]
        for item in org_items(org, roster, plan, ctx, records_for(plan, org, records), phones):
            add(folder, item)
        units = org.units
    elif step in (LIAISON_FOLDER, UNCOVERED_FOLDER):
        folder = step
        units = plan.liaison if step == LIAISON_FOLDER else plan.uncovered
    else:
        raise ValueError(f"unknown step {step!r}: neither an organization of the plan nor a society folder")
    societies = society_folders(units, roster)
    warnings += renamed_notes(folder, societies)
    for unit, name in societies.items():
        add(f"{folder}/{name}", society_ledger(roster.society(unit), roster, plan, ctx, phones))
    return Bundle(tuple(files), tuple(missing), tuple(warnings))


def finish_bundle(plan: Plan, parts: Iterable[Bundle], whole: bool = True) -> Bundle:
    """The parts joined, with the top files: the coverage statistics (``whole`` plan only), the list of
    everything left blank and 说明.txt."""
    parts = tuple(parts)
    files = [f for p in parts for f in p.files]
    missing = tuple(m for p in parts for m in p.missing)
    warnings = tuple(w for p in parts for w in p.warnings)
    tops: list[Item] = ([reg.coverage_form(plan)] if whole else []) + [reg.missing_register(missing)]
    files += [file_bytes(item) for item in tops]
    readme = _readme(len(files), missing, warnings)
    files.append(("说明.txt", readme.encode("utf-8-sig")))
    return Bundle(tuple(files), missing, warnings)


def build_bundle(
    roster: Roster,
    plan: Plan,
    ctx: DocContext = DocContext(),
    elections: Iterable[ed.ElectionRecord | dict] = (),
    phones: bool = False,
    only: Iterable[str] | None = None,
) -> Bundle:
    """Every document and register for the plan (or only the organizations with ids in ``only``).

    ``elections`` are ElectionRecords or their JSON dicts (docs/formats.md §4 and the keys of
    ``model.election.record``); InputError names each that belongs to no organization of the plan.
    ``phones``: the registers carry phone numbers (off unless asked for).
    """
    records = [e if isinstance(e, ed.ElectionRecord) else ed.parse_record(e) for e in elections]
    by_org = match_elections(plan, records)  # once: each step then looks only at its own
    steps = bundle_steps(plan, only)
    folders = org_folders(plan)
    parts = (bundle_part(roster, plan, s, ctx, by_org.get(s, ()), phones, folders) for s in steps)
    return finish_bundle(plan, parts, only is None)


def _readme(n: int, missing: tuple[MissingData, ...], warnings: tuple[str, ...]) -> str:
    lines = [
        f"本文件包共 {n} 份文书与台账（按党组织、学会分文件夹）。",
        f"缺少的信息共 {len(missing)} 项，已在文书中留出“＿＿＿”，清单见“清单 文书缺项清单.xlsx”。",
    ]
    if warnings:
        lines += ["", "请注意："] + [f"- {w}" for w in warnings]
    return "\n".join(lines) + "\n"


def to_zip(bundle: Bundle) -> bytes:
    """The bundle as one zip (UTF-8 file names, each once). The .docx and .xlsx are zips already: they
    are stored as they are (compressing them again would save little and take most of the time)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in bundle.files:
            packed = path.endswith((".docx", ".xlsx"))
            z.writestr(path, data, zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def write_documents(
    roster: Roster,
    plan: Plan,
    out_dir: str | Path,
    elections: Iterable[ed.ElectionRecord | dict] = (),
    ctx: DocContext = DocContext(),
    phones: bool = False,
) -> Bundle:
    """Write every document and register under ``out_dir`` as one generation; returns the bundle.

    The folder is created if needed; an earlier generation there is replaced, and a folder holding
    other files is refused (:func:`~model.paperwork.output_folder.write_folder` raises FolderRefused).
    """
    check_folder(out_dir)  # refuse before the long build
    bundle = build_bundle(roster, plan, ctx, elections, phones)
    write_folder(bundle.files, out_dir)
    return bundle
