"""Word (.docx) rendering of a :class:`~model.paperwork.document.Document` (python-docx), as it should print.

GB/T 9704 loosely: title 小标宋 二号, body 仿宋 三号 with 28 pt lines; the closing paragraphs, the
signature and the date kept on one page; forms whole on a page with room to write; page numbers
「— N —」; 发文字号 and 签发人; zh-CN with font fallbacks so a machine without 仿宋 picks a Chinese face.
Names are written as text, never as markup.

Speed (a batch writes thousands): the parts every document shares (styles, fonts, settings, the footer
with its page number) are built once with python-docx (:func:`_skeleton`); each document then writes
only its body as XML text and the zip. python-docx would open its template (~25 ms) and save every part
(~24 ms) per document. The body XML is what python-docx wrote for the same calls, byte for byte
(tests/paperwork/test_fast_render.py compares it with the python-docx renderer it replaced).
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from model.paperwork.document import Block, Document, Para, Table
from model.paperwork.zip_parts import Deflated, deflated, zip_bytes

__all__ = ["to_docx", "xml_text", "TITLE_FONT", "BODY_FONT", "HEADING_FONT", "FONT_FALLBACKS"]

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


# style -> (line spacing in twips, paragraph properties after the spacing, run properties)
_STYLES = {
    "letterhead": (
        960,
        '<w:jc w:val="center"/>',
        f'<w:rFonts w:eastAsia="{TITLE_FONT}"/><w:color w:val="C00000"/><w:sz w:val="72"/>',
    ),
    "title": (720, '<w:jc w:val="center"/>', f'<w:rFonts w:eastAsia="{TITLE_FONT}"/><w:sz w:val="44"/>'),  # 二号
    "docno": (560, '<w:ind w:left="317"/>', ""),  # 上行文: 发文字号 left, 签发人 at a right tab (GB/T 9704)
    "center": (560, '<w:jc w:val="center"/>', ""),
    "right": (560, '<w:jc w:val="right"/>', ""),
    "heading": (560, '<w:ind w:firstLine="640"/>', f'<w:rFonts w:eastAsia="{HEADING_FONT}"/><w:sz w:val="32"/>'),
    "note": (440, '<w:jc w:val="both"/>', f'<w:rFonts w:eastAsia="{BODY_FONT}"/><w:sz w:val="28"/>'),  # 四号
    "body": (560, '<w:ind w:firstLine="640"/><w:jc w:val="both"/>', ""),  # two characters of 三号
    "plain": (560, '<w:jc w:val="both"/>', ""),
}
_KEPT = ("heading", "title", "letterhead")  # always on the page of the next paragraph
# GB/T 9704 7.2.5: under the 发文字号 a red line as wide as the text (1.5 pt, some 4 mm below)
RED_LINE = '<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="11" w:color="C00000"/></w:pBdr>'
CHAR = 320  # twips: one character of 三号 (16 pt)


def closing_indents(signature: tuple[str, ...], dated: str | None) -> tuple[tuple[int, ...], int | None]:
    """Right indents (twips) of the 落款 lines and of the date, GB/T 9704 7.3.5.1: the date four
    characters off the right margin, each 署名 line centred over it (at least two characters off).

    >>> closing_indents(("甲学会",), "2026年11月10日")
    ((1920,), 1280)
    >>> closing_indents(("湖北省科学技术协会某某学会联合党支部委员会",), "2026年11月10日")
    ((640,), 1280)
    >>> closing_indents(("甲学会",), None)
    ((640,), None)
    """
    if not dated:
        return tuple(2 * CHAR for _ in signature), None
    date_in = 4 * CHAR
    half = CHAR // 2
    centre = date_in + _half_widths(dated) * half // 2
    return tuple(max(2 * CHAR, centre - _half_widths(line) * half // 2) for line in signature), date_in


def _half_widths(text: str) -> int:
    """Width in half characters: CJK and full-width count two, digits and Latin letters one."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _run_content(text: str) -> str:
    """A run's text as python-docx writes it: <w:t> pieces, a tab as <w:tab/>, a line break as <w:br/>."""
    out, piece = [], []
    for ch in text + "\0":
        if ch in "\t\r\n\0":
            if piece:
                t = "".join(piece)
                space = ' xml:space="preserve"' if len(t.strip()) < len(t) else ""
                out.append(f"<w:t{space}>{_escape(t)}</w:t>")
                piece = []
            if ch == "\t":
                out.append("<w:tab/>")
            elif ch != "\0":
                out.append("<w:br/>")
        else:
            piece.append(ch)
    return "".join(out)


def _para(text: str, style: str, keep_with_next: bool = False, right_indent: int | None = None) -> str:
    """One paragraph in the 公文 layout (28 pt lines, 三号); ``keep_with_next`` holds it on the page of the next;
    ``right_indent`` (twips) sets a 落款 or date off the right margin."""
    line, after, rpr = _STYLES.get(style, _STYLES["plain"])
    if right_indent is not None:
        after = f'<w:ind w:right="{right_indent}"/>{after}'
    keep = "<w:keepNext/>" if keep_with_next or style in _KEPT else '<w:keepNext w:val="0"/>'
    tabs = f'{RED_LINE}<w:tabs><w:tab w:pos="8504" w:val="right"/></w:tabs>' if style == "docno" else ""
    content = _run_content(text.translate(_XML_BAD))
    run = f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{content}</w:r>" if content or rpr else "<w:r/>"
    return (
        f'<w:p><w:pPr>{keep}<w:widowControl/>{tabs}<w:spacing w:lineRule="exact" w:line="{line}" w:before="0" '
        f'w:after="0"/>{after}</w:pPr>{run}</w:p>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_XML_BAD = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def xml_text(text: str) -> str:
    """Text safe inside an XML element: escaped, without characters XML forbids.

    >>> xml_text('<b>甲&乙</b>\x01')
    '&lt;b&gt;甲&amp;乙&lt;/b&gt;'
    """
    from xml.sax.saxutils import escape

    return escape(text.translate(_XML_BAD))


def _table(table: Table) -> str:
    """A grid table: fixed columns, rows that never split, the whole form held on one page."""
    col_w = 8900 // table.columns  # text width 15.6 cm ≈ 8850 twips
    tall = dict(table.heights)
    rows = ['<w:p><w:r><w:br w:type="page"/></w:r></w:p>'] if table.page_break_before else []
    tbl = []
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
            + _cell_text(text)
            + "</w:r></w:p></w:tc>"
            for text, span in row
        )
        tbl.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}"/></w:trPr>{cells}</w:tr>')
    grid = "".join(f'<w:gridCol w:w="{col_w}"/>' for _ in range(table.columns))
    rows.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{col_w * table.columns}" w:type="dxa"/>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(tbl)}</w:tbl>'
    )
    return "".join(rows)


def _cell_text(text: str) -> str:
    """A form cell's <w:t> as an XML parser reads it back: line ends normalized to \\n, empty self-closed."""
    text = xml_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return f'<w:t xml:space="preserve">{text}</w:t>' if text else '<w:t xml:space="preserve"/>'


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


@cache
def _skeleton() -> tuple[tuple[Deflated | str, ...], str, str, str]:
    """The parts every document shares, built once with python-docx and compressed once (the name alone
    for the two each document writes), the document part before and after its body content, and the
    core properties with a title marker.

    A4 with the 公文 margins, the Normal style 仿宋 三号 in zh-CN, the Chinese faces in the font table
    and 「— N —」 in the footer.
    """
    from docx import Document as Docx
    from docx.shared import Cm

    doc = Docx()
    _defaults(doc)
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = _TITLE_MARK
    doc.core_properties.language = "zh-CN"
    _page_numbers(doc)
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        raw = {info.filename: z.read(info.filename) for info in z.infolist()}
    own = (_DOCUMENT, _CORE)
    parts = tuple(name if name in own else deflated(name, data) for name, data in raw.items())
    body = raw[_DOCUMENT].decode("utf-8")
    cut = body.index("<w:sectPr")
    return parts, body[:cut], body[cut:], raw[_CORE].decode("utf-8")


_TITLE_MARK = "〔文书标题〕"
_DOCUMENT, _CORE = "word/document.xml", "docProps/core.xml"


def _body(document: Document) -> str:
    """The document's body content: head, title, 主送机关, body blocks, 落款 and date."""
    out: list[str] = []
    if document.letterhead:
        out.append(_para(document.letterhead, "letterhead"))
        out.append(_para("〔    〕号\t签发人：　　　　", "docno"))
        out.append(_para("", "plain"))
    out.append(_para(document.title, "title"))
    out.append(_para("", "plain"))
    if document.addressee is not None:
        out.append(_para(f"{document.addressee}：", "plain"))
    tail = bool(document.signature or document.dated)
    last_paras = _closing_paragraphs(document.body) if tail else set()
    for i, block in enumerate(document.body):
        if isinstance(block, Para):
            out.append(_para(block.text, block.style, keep_with_next=i in last_paras))
        else:
            out.append(_table(block))
    if tail:
        out.append(_para("", "plain", keep_with_next=True))
    lines, date_in = closing_indents(document.signature, document.dated)
    for j, (line, indent) in enumerate(zip(document.signature, lines)):
        keep = bool(document.dated) or j < len(document.signature) - 1
        out.append(_para(line, "right", keep_with_next=keep, right_indent=indent))
    if document.dated:
        out.append(_para(document.dated, "right", right_indent=date_in))
    return "".join(out)


def to_docx(document: Document) -> bytes:
    """Render a document to .docx bytes (names are written as text)."""
    parts, head, tail, core = _skeleton()
    own = {
        _DOCUMENT: (head + _body(document) + tail).encode("utf-8"),
        _CORE: core.replace(_TITLE_MARK, _escape(document.title.translate(_XML_BAD))).encode("utf-8"),
    }
    return zip_bytes(part if isinstance(part, Deflated) else (part, own[part]) for part in parts)
