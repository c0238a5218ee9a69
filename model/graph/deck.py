"""The slide deck a coordinator takes to the meeting (.pptx, python-pptx, 16:9).

Slides: a title slide with organizational and work coverage before (today, from the roster's
现有党组织 column) and after the plan; the overview (the cards of :func:`slide_layout`, drawn as
shapes, so the text stays editable); one slide per joint branch with its units, basis, party
members and proposed secretary. Party members appear by name, society role and status only:
never a phone number (docs/formats.md §1: personal data stays out of meeting exports).
"""

from __future__ import annotations

import io
from datetime import date

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from model.graph.overview import Entry, Overview
from model.graph.overview_html import INVALID_COLOR, invalid_text
from model.graph.slide import SLIDE, slide_layout
from model.roster.values import Roster

__all__ = ["deck_pptx", "slide_count", "FONT"]

FONT = "Noto Sans CJK SC"  # LibreOffice and WPS fall back to a CJK font when it is missing
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, 16:9
PX = WIDTH / SLIDE[0]  # EMU per layout pixel
PT_PER_PX = 72 * 7.5 / SLIDE[1]  # a layout pixel in points on the 7.5 in high slide
MAROON = RGBColor(0x7B, 0x11, 0x13)
INK = RGBColor(0x22, 0x22, 0x22)
MAX_MEMBERS = 40  # names listed on a branch slide; more are counted, not dropped silently


def slide_count(ov: Overview) -> int:
    """Slides :func:`deck_pptx` makes: title, overview, one per joint branch."""
    return 2 + len(ov.joint_branches())


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _text(slide, x, y, w, h, lines, *, color=INK, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A text box of ``lines`` = (text, size in pt, bold)."""
    box = slide.shapes.add_textbox(Emu(int(x)), Emu(int(y)), Emu(int(w)), Emu(int(h)))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, (text, size, bold) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = color
    return box


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _title_slide(prs, ov: Overview, title: str, when: date) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[6])
    _text(s, 0.06 * WIDTH, 0.12 * HEIGHT, 0.88 * WIDTH, 0.16 * HEIGHT, [(title, 40, True)], color=MAROON)
    _text(s, 0.06 * WIDTH, 0.28 * HEIGHT, 0.88 * WIDTH, 0.08 * HEIGHT, [(f"{ov.upper}　{when:%Y年%m月}", 22, False)])
    rows = [("", "现状", "方案"), ("学会数", str(ov.societies), str(ov.societies))]
    before = ov.before or {}
    for key, label in (("organized", "组织覆盖"), ("work_covered", "工作覆盖")):
        rate = key.replace("covered", "rate") if key == "work_covered" else "organized_rate"
        old = f"{before.get(key, 0)}家（{_pct(before.get(rate, 0.0))}）" if before else "—"
        rows.append((f"{label}学会", old, f"{ov.coverage[key]}家（{_pct(ov.coverage[rate])}）"))
    rows.append(("新建联合党支部", "—", f"{len(ov.new_branches())}个"))
    shape = s.shapes.add_table(
        len(rows), 3, Emu(int(0.06 * WIDTH)), Emu(int(0.4 * HEIGHT)), Emu(int(0.8 * WIDTH)), Emu(int(0.4 * HEIGHT))
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = shape.table.cell(r, c)
            cell.text = value
            for p in cell.text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(22)
                    run.font.name = FONT
                    run.font.bold = r == 0 or c == 0
    note = "现状按名册“现有党组织”列统计；方案为本次联合党支部组建方案。"
    _text(s, 0.06 * WIDTH, 0.86 * HEIGHT, 0.88 * WIDTH, 0.08 * HEIGHT, [(note, 18, False)])


def _overview_slide(prs, ov: Overview) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[6])
    lay = slide_layout(ov)

    def box(b, fill: str, edge: str | None = None):
        shape = s.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(int(b.x * PX)), Emu(int(b.y * PX)), Emu(int(b.w * PX)), Emu(int(b.h * PX))
        )
        shape.adjustments[0] = 0.04
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
        if edge:
            shape.line.color.rgb = _rgb(edge)
            shape.line.width = Pt(3)
        else:
            shape.line.fill.background()
        shape.shadow.inherit = False
        return shape

    def lines_in(shape, lines, color: str, align) -> None:
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = Emu(int(0.04 * shape.width))
        for i, (text, size, bold) in enumerate(lines):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.alignment = align
            run = p.add_run()
            run.text = text
            run.font.size = Pt(round(0.9 * size * PT_PER_PX))  # Office lays CJK text a little wider
            run.font.bold = bold
            run.font.name = FONT
            run.font.color.rgb = _rgb(color)

    root = box(lay.root, "#7b1113")
    lines_in(root, lay.root_lines, "#ffffff", PP_ALIGN.CENTER)
    for card in lay.cards:
        shape = box(card.box, card.fill, card.edge if card.edge != card.fill else None)
        lines_in(shape, card.lines, card.text, PP_ALIGN.LEFT)
    _text(
        s,
        0.02 * WIDTH,
        0.935 * HEIGHT,
        0.96 * WIDTH,
        0.06 * HEIGHT,
        [(lay.footer, 14, False)],
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _member_text(e: Entry) -> str:
    shown = [
        f"{p.name}（{p.role or '党员'}{'' if p.status == '正式' else '，' + p.status}）" for p in e.people[:MAX_MEMBERS]
    ]
    more = f" 等{len(e.people)}人" if len(e.people) > MAX_MEMBERS else ""
    return "、".join(shown) + more if shown else "名册未列党员名单"


def _branch_slide(prs, e: Entry, roster: Roster | None, count_basis: str, index: int, total: int) -> None:
    s = prs.slides.add_slide(prs.slide_layouts[6])
    tag = f"【{e.status}】" if e.status else ("【新建】" if e.new else "")
    _text(s, 0.05 * WIDTH, 0.04 * HEIGHT, 0.9 * WIDTH, 0.12 * HEIGHT, [(e.name + tag, 30, True)], color=MAROON)
    basis = f"{e.basis}（不符合规则）" if e.invalid else e.basis
    facts = f"组建方式：{basis}　　联合单位：{len(e.units)}家　　正式党员：{e.formal_members}名　　书记人选：{e.secretary or '待推选'}"
    _text(s, 0.05 * WIDTH, 0.16 * HEIGHT, 0.9 * WIDTH, 0.08 * HEIGHT, [(facts, 20, False)])
    if e.invalid:
        _text(
            s,
            0.05 * WIDTH,
            0.21 * HEIGHT,
            0.9 * WIDTH,
            0.05 * HEIGHT,
            [(invalid_text(e), 18, True)],
            color=_rgb(INVALID_COLOR),
        )
    rows = len(e.units) + 1
    shape = s.shapes.add_table(
        rows, 5, Emu(int(0.05 * WIDTH)), Emu(int(0.26 * HEIGHT)), Emu(int(0.9 * WIDTH)), Emu(int(0.07 * HEIGHT * rows))
    )
    table = shape.table
    for c, h in enumerate(("序号", "单位名称", "学科类别", "所在地", "正式党员")):
        table.cell(0, c).text = h
    for r, u in enumerate(e.units, start=1):
        soc = roster.society(u) if roster is not None and u in roster else None
        values = (
            str(r),
            u,
            soc.industry if soc else "",
            soc.region if soc else "",
            f"{soc.counts(count_basis)[0] if soc else 0}名",
        )
        for c, v in enumerate(values):
            table.cell(r, c).text = v
    for r in range(rows):
        for c in range(5):
            for p in table.cell(r, c).text_frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(18)
                    run.font.name = FONT
    table.columns[0].width = Emu(int(0.07 * WIDTH))
    table.columns[1].width = Emu(int(0.41 * WIDTH))
    for c in (2, 3, 4):
        table.columns[c].width = Emu(int(0.14 * WIDTH))
    top = 0.26 * HEIGHT + 0.07 * HEIGHT * rows + 0.03 * HEIGHT
    _text(s, 0.05 * WIDTH, top, 0.9 * WIDTH, HEIGHT - top - 0.08 * HEIGHT, [("党员：" + _member_text(e), 18, False)])
    _text(s, 0.05 * WIDTH, 0.93 * HEIGHT, 0.9 * WIDTH, 0.05 * HEIGHT, [(f"联合党支部 {index} / {total}", 14, False)])


def deck_pptx(
    ov: Overview, roster: Roster | None = None, *, title: str = "联合党支部组建方案", when: date | None = None
) -> bytes:
    """The deck as bytes: title (coverage before/after), overview, one slide per joint branch."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, ov, title, when or date.today())
    _overview_slide(prs, ov)
    branches = ov.joint_branches()
    count_basis = "理事会"
    for i, e in enumerate(branches, start=1):
        _branch_slide(prs, e, roster, count_basis, i, len(branches))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
