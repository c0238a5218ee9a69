"""The Word layout of the documents: what keeps a 请示 printable and Chinese (python-docx level)."""

from __future__ import annotations

import io
from datetime import date

import docx
from docx.oxml.ns import qn

from model.election.record import ElectionRecord
from model.paperwork import election_letters as el
from model.paperwork.document import BLANK, DocContext, Document, Para, Table
from model.paperwork.word import to_docx
from model.planning.plan import Organization
from model.roster.values import Roster, Society

ORG = Organization("S001", "党支部", "单独组建", ("甲学会",), 9, name="甲学会党支部")
ROSTER = Roster((Society("甲学会", "工科", "武汉市", formal_members=9),))


def letter() -> Document:
    body = tuple(Para(f"第{i}段正文。") for i in range(6)) + (Para("特此请示。妥否，请批示。"),)
    return Document("模板1", "请示", "甲学会党支部", "关于某事的请示", body, addressee="上级", letterhead="甲学会文件",
                    signature=("甲学会",), dated="2026年12月2日")  # fmt: skip


def opened(doc: Document):
    return docx.Document(io.BytesIO(to_docx(doc)))


def test_the_close_signature_and_date_are_kept_together():
    """It holds the last two body paragraphs, the signature and the blank before it on the date's page."""
    by_text = {p.text: p for p in opened(letter()).paragraphs}
    assert by_text["特此请示。妥否，请批示。"].paragraph_format.keep_with_next
    assert by_text["第5段正文。"].paragraph_format.keep_with_next
    assert not by_text["第1段正文。"].paragraph_format.keep_with_next
    assert by_text["甲学会"].paragraph_format.keep_with_next
    assert not by_text["2026年12月2日"].paragraph_format.keep_with_next


def test_chinese_language_fonts_with_fallbacks_page_numbers_and_issuer_line():
    """It sets zh-CN, declares 仿宋 with its alternative name and GB2312 charset, numbers pages, has 签发人."""
    d = opened(letter())
    lang = d.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    table = next(r.target_part for r in d.part.rels.values() if r.reltype.endswith("/fontTable")).blob.decode()
    assert 'w:name="仿宋"' in table and 'w:val="FangSong"' in table and 'w:charset w:val="86"' in table
    footer = d.sections[0].footer._element.xml
    assert "PAGE" in footer and "— " in footer
    assert any("签发人" in p.text for p in d.paragraphs)


def test_red_line_under_the_document_number_date_four_characters_in_and_the_issuer_over_it():
    """It rules the red line under 发文字号 (GB/T 9704 7.2.5), sets the date four characters off the right
    margin and centres the 落款 over the date (7.3.5.1)."""
    d = opened(letter())
    by_text = {p.text: p for p in d.paragraphs}
    border = next(p for p in d.paragraphs if "签发人" in p.text)._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "C00000" and border.get(qn("w:val")) == "single"
    date_in = by_text["2026年12月2日"].paragraph_format.right_indent
    name_in = by_text["甲学会"].paragraph_format.right_indent
    assert round(date_in.pt) == 64  # four characters of 三号
    assert round(name_in.pt - date_in.pt) == (13 - 6) * 8 // 2  # half the difference: 13 and 6 half characters


def test_forms_have_room_to_write_and_do_not_split():
    """It gives 工作简历 a tall row, keeps rows whole, and holds a form on one page."""
    form = Document("模板2", "备案表", "甲", "表", (Table(((("姓名", 1), ("", 3)), (("工作简历", 1), ("", 3))),
                                                       heights=((1, 3.0),)),))  # fmt: skip
    rows = opened(form).tables[0].rows
    assert rows[1].height.cm > 2.9 and rows[0].height.cm < 1.0
    xml = opened(form).tables[0]._tbl.xml
    assert xml.count("<w:cantSplit/>") == 2 and "<w:keepNext/>" in xml


def test_a_request_without_candidates_has_no_nonsense_figures():
    """It leaves the count, the margin and the share blank (listed as missing) when no candidates are named."""
    doc = el.change_request(ORG, ROSTER, ElectionRecord("换届", 5, ()), DocContext())
    text = doc.text()
    assert "等0位" not in text and "-5" not in text and "-100" not in text
    assert f"等{BLANK}位同志" in text and f"差额{BLANK}名，差额比例{BLANK}%" in text
    assert {"候选人人数", "差额人数", "差额比例"} <= {m.field for m in doc.missing}


def test_dates_that_contradict_the_meeting_are_flagged():
    """It warns when a result letter is dated before its meeting, or a request after the meeting it asks for."""
    rec = ElectionRecord("换届", 5, ("甲", "乙", "丙", "丁", "戊", "己"), meeting_date=date(2026, 12, 10))
    request = el.change_request(ORG, ROSTER, rec, DocContext(issued=date(2026, 12, 20)))
    assert any("晚于拟召开的党员大会" in w for w in request.warnings)
    early = el.change_request(ORG, ROSTER, rec, DocContext(issued=date(2026, 12, 1)))
    assert not any("党员大会" in w and "成文日期" in w for w in early.warnings)
