"""The python-docx renderer the batch's faster writer (model.paperwork.word.to_docx) replaced, kept as the
reference it is tested against (tests/paperwork/test_fast_render.py): every call goes through python-docx's
own API, as model/paperwork/word.py did at commit 88d1f93. A layout change goes into both.
"""

from __future__ import annotations

import io

from model.paperwork.document import Block, Document, Para, Table
from model.paperwork.word import RED_LINE, closing_indents

__all__ = ["reference_docx"]

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def _east_asian(element, name: str) -> None:
    """Set the East Asian font (w:eastAsia) of a run or style's rPr."""
    from docx.oxml.ns import qn

    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _font(run, east_asian: str, size_pt: float, color: tuple[int, int, int] | None = None) -> None:
    from docx.shared import Pt, RGBColor

    run.font.size = Pt(size_pt)
    if color:
        run.font.color.rgb = RGBColor(*color)
    _east_asian(run._element, east_asian)


def _defaults(doc) -> None:
    """Normal style: 仿宋 三号 (16 pt) for East Asian text, Times New Roman for Latin."""
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    _east_asian(normal.element, BODY_FONT)
    _chinese_language(doc)
    _font_table(doc)


# East-Asian faces with the names a machine without them looks for next (charset 86 = GB2312):
# a word processor missing 仿宋 then picks a Simplified-Chinese face, not a Japanese one.
FONT_FALLBACKS = {
    BODY_FONT: ("FangSong", "modern"),
    TITLE_FONT: ("SimSun", "roman"),
    HEADING_FONT: ("SimHei", "swiss"),
    "宋体": ("SimSun", "roman"),
}


def _chinese_language(doc) -> None:
    """Language zh-CN for East-Asian text in the defaults and the Normal style (font fallback follows it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [doc.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    for rpr in targets:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")


def _font_table(doc) -> None:
    """Declare the Chinese faces in word/fontTable.xml with their alternative names and GB2312 charset."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from lxml import etree

    part = next((r.target_part for r in doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    root = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, family) in FONT_FALLBACKS.items():
        if name in have:
            continue
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc")  # fmt: skip


def _para(doc, text: str, style: str, keep_with_next: bool = False):
    """One paragraph in the 公文 layout (28 pt lines, 三号); ``keep_with_next`` holds it on the page of the next."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.widow_control = True
    fmt.keep_with_next = keep_with_next or style in ("heading", "title", "letterhead")
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    run = p.add_run(text.translate(_XML_BAD))
    if style == "letterhead":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.line_spacing = Pt(48)
        _font(run, TITLE_FONT, 36, color=(0xC0, 0x00, 0x00))
    elif style == "title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.line_spacing = Pt(36)
        _font(run, TITLE_FONT, 22)  # 二号
    elif style == "docno":  # 上行文: 发文字号 at the left, 签发人 at the right (GB/T 9704)
        fmt.left_indent = Cm(0.56)
        p._p.get_or_add_pPr().insert_element_before(
            parse_xml(f"<w:pBdr {nsdecls('w')}>{RED_LINE[8:-9]}</w:pBdr>"), *_AFTER_PBDR
        )
        fmt.tab_stops.add_tab_stop(Cm(15.0), WD_TAB_ALIGNMENT.RIGHT)
    elif style == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif style == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif style == "heading":
        fmt.first_line_indent = Pt(32)
        _font(run, HEADING_FONT, 16)
    elif style == "note":
        fmt.line_spacing = Pt(22)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _font(run, BODY_FONT, 14)  # 四号
    else:  # body / plain: 仿宋 三号 from the Normal style
        if style == "body":
            fmt.first_line_indent = Pt(32)  # two characters of 三号
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


_XML_BAD = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def xml_text(text: str) -> str:
    """Text safe inside an XML element: escaped, without characters XML forbids.

    >>> xml_text('<b>甲&乙</b>\x01')
    '&lt;b&gt;甲&amp;乙&lt;/b&gt;'
    """
    from xml.sax.saxutils import escape

    return escape(text.translate(_XML_BAD))


def _table(doc, table: Table) -> None:
    """A grid table, written as one XML fragment (python-docx cell access is slow for forms)."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if table.page_break_before:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    col_w = 8900 // table.columns  # text width 15.6 cm ≈ 8850 twips
    tall = dict(table.heights)
    rows = []
    last = len(table.rows) - 1
    for i, row in enumerate(table.rows):
        height = round(tall.get(i, table.row_height) * 567)  # twips per cm
        align = "top" if i in tall else "center"
        keep = "" if i == last else "<w:keepNext/>"  # the whole form stays on one page
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{col_w * span}" w:type="dxa"/>'
            + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
            + f'<w:vAlign w:val="{align}"/></w:tcPr><w:p><w:pPr>{keep}<w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr>'
            f'<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:p></w:tc>'
            for text, span in row
        )
        rows.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}"/></w:trPr>{cells}</w:tr>')
    grid = "".join(f'<w:gridCol w:w="{col_w}"/>' for _ in range(table.columns))
    tbl = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{col_w * table.columns}" '
        f'w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    doc.element.body.sectPr.addprevious(tbl)


CLOSING_PARAGRAPHS = 2  # the last body paragraphs held on the page of the signature and the date


def _closing_paragraphs(body: tuple[Block, ...]) -> set[int]:
    """Indexes of the body's last paragraphs (after the last table), kept together with the signature."""
    out: set[int] = set()
    for i in range(len(body) - 1, -1, -1):
        if not isinstance(body[i], Para) or len(out) == CLOSING_PARAGRAPHS:
            break
        out.add(i)
    return out


def _page_numbers(doc) -> None:
    """「— N —」 centered in the footer of every page (公文 page numbers, GB/T 9704)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for section in doc.sections:
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = '<w:r {ns}><w:rPr><w:sz w:val="28"/></w:rPr>{inner}</w:r>'
        parts = [
            run.format(ns=nsdecls("w"), inner='<w:t xml:space="preserve">— </w:t>'),
            run.format(ns=nsdecls("w"), inner='<w:fldChar w:fldCharType="begin"/>'),
            run.format(ns=nsdecls("w"), inner='<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
            run.format(ns=nsdecls("w"), inner='<w:fldChar w:fldCharType="end"/>'),
            run.format(ns=nsdecls("w"), inner='<w:t xml:space="preserve"> —</w:t>'),
        ]
        for xml in parts:
            p._p.append(parse_xml(xml))


def reference_docx(document: Document) -> bytes:
    """Render a document to .docx bytes with python-docx's API (names are written as text)."""
    from docx import Document as Docx
    from docx.shared import Cm, Twips

    doc = Docx()
    _defaults(doc)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = document.title
    doc.core_properties.language = "zh-CN"
    _page_numbers(doc)
    if document.letterhead:
        _para(doc, document.letterhead, "letterhead")
        _para(doc, "〔    〕号\t签发人：　　　　", "docno")
        _para(doc, "", "plain")
    _para(doc, document.title, "title")
    _para(doc, "", "plain")
    if document.addressee is not None:
        _para(doc, f"{document.addressee}：", "plain")
    tail = bool(document.signature or document.dated)
    last_paras = _closing_paragraphs(document.body) if tail else set()
    for i, block in enumerate(document.body):
        if isinstance(block, Para):
            _para(doc, block.text, block.style, keep_with_next=i in last_paras)
        else:
            _table(doc, block)
    if tail:
        _para(doc, "", "plain", keep_with_next=True)
    lines, date_in = closing_indents(document.signature, document.dated)
    for j, (line, indent) in enumerate(zip(document.signature, lines)):
        p = _para(doc, line, "right", keep_with_next=bool(document.dated) or j < len(document.signature) - 1)
        p.paragraph_format.right_indent = Twips(indent)
    if document.dated:
        _para(doc, document.dated, "right").paragraph_format.right_indent = Twips(date_in)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
