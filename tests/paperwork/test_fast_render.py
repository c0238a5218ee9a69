"""The batch's fast writers give the files the slow ones gave.

- ``model.paperwork.word.to_docx`` (shared parts built once, the body written as XML text) against
  the python-docx renderer it replaced (``docx_reference.reference_docx``): every part of the
  package byte for byte, document.xml (text, paragraph and run properties, tables, sections), the
  styles, the font table, the footer with its page number and the core properties;
- ``model.paperwork.spreadsheet.to_xlsx`` (SpreadsheetML written directly) against openpyxl
  (``model.paperwork.workbook.openpyxl_xlsx``): the two workbooks read back with openpyxl hold the
  same sheets, cells, values, types, number formats, fonts, borders, alignments, quote prefixes,
  merges, widths, heights and print set-up.

Over every document and register of the sample province (elections included), plus names made to
break XML (markup, ampersands, tabs, line breaks, control characters, leading spaces, formulas).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from paperwork.docx_reference import reference_docx

from model.election.record import parse_record
from model.paperwork.ballot_paper import ballot_paper, read_ballot_setup, tally_sheet
from model.paperwork.bundle import org_items, society_ledger
from model.paperwork.document import DocContext, Document, Para, Table
from model.paperwork.registers import coverage_form, missing_register
from model.paperwork.spreadsheet import to_xlsx
from model.paperwork.word import to_docx
from model.paperwork.workbook import Percent, Register, Sheet, openpyxl_xlsx
from model.planning.planner import plan_joint_branches
from model.roster.loading import load_roster

REPO = Path(__file__).resolve().parents[2]
CTX = DocContext(
    addressee="中共湖北省科技社团委员会",
    council_meeting="2026年3月5日经第五届理事会第三次会议",
    issued=date(2026, 11, 10),
)
ODD = "<b>甲&乙</b>\t“学会”\n第二行\x01 "


@pytest.fixture(scope="module")
def items():
    """Every organization document and register of the sample province, with a 换届 and a 补选 record."""
    roster = load_roster(REPO / "sample_data" / "sample_roster.xlsx")
    plan = plan_joint_branches(roster)
    org = next(o for o in plan.organizations if o.kind == "党支部" and o.formal_members >= 7)
    names = [m.name for m in roster.members if m.society in org.units][:6]
    change = parse_record(
        {"organization": org.id, "seats": 5, "candidates": names, "eligible_due": 8, "eligible_present": 8,
         "date": "2026-11-20", "ballots": [{"yes": names[:5]}] * 8, "secretary": names[0], "secretary_votes": 5,
         "plenary_present": 5}
    )  # fmt: skip
    by = parse_record(
        {"organization": org.id, "kind": "补选", "seats": 1, "candidates": names[5:6], "mode": "等额",
         "round": "补选", "eligible_due": 8, "eligible_present": 8, "ballots": [{"yes": names[5:6]}] * 8,
         "committee_size": 5, "plenary_present": 5}
    )  # fmt: skip
    out = [i for o in plan.organizations for i in org_items(o, roster, plan, CTX, (), phones=True)]
    out += list(org_items(org, roster, plan, CTX, (change, by)))
    out += [society_ledger(s, roster, plan, CTX, phones=True) for s in roster.societies]
    out += [coverage_form(plan), missing_register(tuple(m for i in out for m in i.missing))]
    setup = read_ballot_setup({"seats": 5, "candidates": names, "organization": "甲学会党支部"})
    return out + [ballot_paper(setup), tally_sheet(setup)]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _workbook(data: bytes) -> list[dict]:
    """What a spreadsheet shows and prints of a workbook, sheet by sheet."""
    out = []
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        cells = [
            (c.coordinate, c.value, c.data_type, c.number_format, c.font.name, c.font.sz, bool(c.font.b),
             tuple(getattr(c.border, s).style for s in ("left", "right", "top", "bottom")),
             c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text), bool(c.quotePrefix), c.style)
            for row in ws.iter_rows() for c in row
        ]  # fmt: skip
        setup = ws.page_setup
        margins = ws.page_margins
        out.append(
            {
                "name": ws.title,
                "cells": cells,
                "merges": sorted(str(m) for m in ws.merged_cells.ranges),
                "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
                "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
                "print": (
                    setup.orientation,
                    setup.paperSize,
                    setup.fitToWidth,
                    setup.fitToHeight,
                    ws.sheet_properties.pageSetUpPr.fitToPage,
                    ws.print_options.horizontalCentered,
                    margins.left,
                    margins.right,
                    margins.top,
                    margins.bottom,
                    margins.header,
                    margins.footer,
                    ws.oddFooter.center.text,
                    str(ws.print_title_rows),
                    ws.freeze_panes,
                ),  # fmt: skip
            }
        )
    return out


def test_every_document_is_the_python_docx_one_part_for_part(items):
    """It writes each 请示, form, ballot and tally sheet of the province with the same parts, byte for byte."""
    docs = [i for i in items if isinstance(i, Document)]
    assert {d.code for d in docs} >= {f"模板{k}" for k in (1, 2, 4, 5, 6, 7, 8, 9)} | {"选票", "计票单"}
    for doc in docs:
        fast, slow = _parts(to_docx(doc)), _parts(reference_docx(doc))
        assert sorted(fast) == sorted(slow), doc.label
        for name in slow:
            assert fast[name] == slow[name], f"{doc.organization} {doc.label}: {name}"


def test_text_that_breaks_xml_is_written_as_python_docx_writes_it():
    """It escapes markup, keeps tabs and line breaks as Word elements and drops control characters alike
    (python-docx refused a control character in the title's core property: the fast writer drops it)."""
    doc = Document(
        "模板1", "成立党组织的请示", ODD, f"关于{ODD.replace(chr(1), '')}的请示",
        (Para(ODD), Para(f"  {ODD}", "heading"), Para("", "note"), Para(ODD, "right"), Para(ODD, "center"),
         Table(((("姓名", 1), (ODD, 3)), (("工作简历", 1), ("a\r\nb\rc", 3))), heights=((1, 3.0),),
               page_break_before=True)),
        addressee=ODD, letterhead=f"{ODD}文件", signature=(ODD, "甲学会"), dated="2026年11月10日",
    )  # fmt: skip
    fast, slow = _parts(to_docx(doc)), _parts(reference_docx(doc))
    assert fast == slow
    assert "&lt;b&gt;甲&amp;乙&lt;/b&gt;" in fast["word/document.xml"].decode("utf-8")
    titled = _parts(to_docx(Document("模板1", "成立党组织的请示", "甲", f"关于{ODD}的请示", ())))
    assert "关于&lt;b&gt;甲&amp;乙&lt;/b&gt;" in titled["docProps/core.xml"].decode("utf-8")


def test_every_register_reads_back_as_the_openpyxl_one(items):
    """It writes each 模板3, 表1–3, the statistics and the list of blanks with the same cells and print set-up."""
    registers = [i for i in items if isinstance(i, Register)]
    assert {r.code for r in registers} == {"模板3", "表1-3", "统计表", "清单"}
    for reg in registers:
        assert _workbook(to_xlsx(reg)) == _workbook(openpyxl_xlsx(reg)), f"{reg.organization} {reg.label}"


def test_odd_values_are_typed_and_quoted_as_openpyxl_types_them():
    """It keeps formulas as quoted text, dates as dates, rates as % numbers, blanks and wide rows alike."""
    rows = (
        ("序号", "名称", "日期", "比例", "金额", "说明"),
        (1, '=HYPERLINK("x")', date(2019, 6, 1), Percent(2, 3), 2.5, ODD.replace(chr(1), "")),
        (2, "+86 10", date(2020, 1, 31), Percent(1, 0), 0, ""),
        (3, "@甲", "2019-06", Percent(3, 5), 10**12, "甲" * 80),
        (4,),
    )
    title = f"标题{ODD.replace(chr(1), '')}"
    reg = Register("表", "测试", "甲学会", (Sheet("测试", title, rows), Sheet("表单", "表单", rows[1:], 0)))
    assert _workbook(to_xlsx(reg)) == _workbook(openpyxl_xlsx(reg))
    odd = Register("表", "测试", "甲学会", (Sheet("测试", "标题", (("说明",), (ODD,), ("长" * 40_000,))),))
    cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(to_xlsx(odd))).active.values]
    assert cells[2] == ODD.replace("\x01", "") and len(cells[3]) == 32_767  # openpyxl refused the first
