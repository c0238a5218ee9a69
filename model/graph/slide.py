"""The overview as a 16:9 slide (PNG, SVG) and the whole structure for print (PDF on A3).

One layout (:func:`slide_layout`, in pixels of a 1920×1080 slide) is drawn by matplotlib here
and by python-pptx in ``deck``, so the picture on the projector and in the deck agree. The SVG
keeps its text as ``<text>`` and the PDF embeds the CJK font (TrueType, Type 42), so both print
sharply and can be searched. Figures use the object API; the font settings are scoped with
``rc_context``, so nothing global changes.
"""

from __future__ import annotations

import io
import math
import unicodedata
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from model.graph.image import cjk_font
from model.graph.overview import GROUPINGS, Overview
from model.graph.overview_html import entry_color, group_color, invalid_text

__all__ = [
    "Box",
    "Card",
    "SlideLayout",
    "slide_layout",
    "columns_for",
    "overview_png",
    "overview_svg",
    "overview_pdf",
    "SLIDE",
    "A3",
]

SLIDE = (1920, 1080)  # px: a 16:9 slide
A3 = (16.54, 11.69)  # inches, landscape
PT_PER_PX = 0.72  # at 100 dpi one pixel is 0.72 pt
UPPER_FILL = "#7b1113"
LIGHT_TEXT = "#7b1113"


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True)
class Card:
    """One group card: where it goes, its colours and its lines (size in px, bold)."""

    box: Box
    fill: str
    text: str  # text colour
    edge: str
    lines: tuple[tuple[str, float, bool], ...]


@dataclass(frozen=True, slots=True)
class SlideLayout:
    width: float
    height: float
    root: Box
    root_lines: tuple[tuple[str, float, bool], ...]
    bus: tuple[float, float, float]  # y, x from, x to
    cards: tuple[Card, ...]
    footer: str


def columns_for(n: int, width: float, height: float, min_width: float = 260) -> int:
    """The column count whose cards are largest (cards about 1.6 times as wide as high).

    >>> columns_for(6, 1840, 780), columns_for(4, 1840, 780), columns_for(1, 1840, 780)
    (3, 2, 1)
    """
    best, score = 1, -1.0
    for c in range(1, max(n, 1) + 1):
        rows = math.ceil(n / c)
        cw, ch = width / c, height / rows
        s = min(cw / 1.6, ch) * n / (rows * c)
        if cw >= min_width and s > score:
            best, score = c, s
    return best


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _cover(c: dict) -> str:
    return f"学会 {c['units']} 家　组织覆盖率 {_pct(c['organized_rate'])}　工作覆盖率 {_pct(c['work_rate'])}"


def slide_layout(ov: Overview, width: float = SLIDE[0], height: float = SLIDE[1]) -> SlideLayout:
    """Root box, bus line and group cards of the overview on a ``width``×``height`` px slide;
    every text at least 18 px."""
    margin, gap = 0.02 * width, 0.0125 * width
    root = Box(width / 2 - 0.23 * width, 0.03 * height, 0.46 * width, 0.14 * height)
    root_lines = ((ov.upper, 0.052 * height, True), (_cover(ov.coverage), 0.028 * height, False))
    top, bottom = root.y + root.h + 0.05 * height, height - 0.07 * height
    n = len(ov.groups)
    cols = columns_for(n, width - 2 * margin, bottom - top)
    rows = max(1, math.ceil(n / cols))
    cw = (width - 2 * margin - (cols - 1) * gap) / cols
    ch = (bottom - top - (rows - 1) * gap) / rows
    s = max(18.0, min(ch / 9.5, cw / 17, 40.0))
    cards = []
    for i, g in enumerate(ov.groups):
        r, c = divmod(i, cols)
        box = Box(margin + c * (cw + gap), top + r * (ch + gap), cw, ch)
        light = g.kind == "未覆盖"
        lines = [(g.title, 1.45 * s, True), (f"{g.societies} 家学会", 2.2 * s, True)]
        if g.organizations:
            lines.append((f"党组织 {g.organizations} 个", 1.05 * s, False))
        if g.new_branches:
            lines.append((f"新建联合党支部 {g.new_branches} 个", 1.05 * s, False))
        if g.invalid_branches:
            lines.append((f"不符合规则 {g.invalid_branches} 个（其学会按未覆盖计）", 1.05 * s, True))
        if g.organized or not g.work_covered or g.invalid_branches:
            lines.append((f"组织覆盖 {g.organized} 家（{_pct(g.organized_rate)}）", 1.05 * s, False))
        else:
            lines.append((f"工作覆盖 {g.work_covered} 家（派驻指导员）", 1.05 * s, False))
        fill = "#fff4e5" if light else group_color(g, i)
        cards.append(Card(box, fill, LIGHT_TEXT if light else "#ffffff", "#b03a2e" if light else fill, tuple(lines)))
    footer = f"分组：{GROUPINGS.get(ov.group_by, ov.group_by)}"
    if ov.before is not None:
        footer += (
            f"　　组织覆盖率：现状 {_pct(ov.before['organized_rate'])} → 方案 {_pct(ov.coverage['organized_rate'])}"
            f"　　工作覆盖率：现状 {_pct(ov.before['work_rate'])} → 方案 {_pct(ov.coverage['work_rate'])}"
        )
    bus = (top - 0.025 * height, margin + cw / 2, width - margin - cw / 2 if cols > 1 else margin + cw / 2)
    return SlideLayout(width, height, root, root_lines, bus, tuple(cards), footer)


def _text_block(ax, box: Box, lines, color: str, center: bool) -> None:
    """Lines stacked and vertically centred in ``box`` (sizes in px of the slide)."""
    total = sum(1.3 * size for _, size, _ in lines)
    y = box.y + (box.h - total) / 2
    x = box.x + box.w / 2 if center else box.x + 0.05 * box.w
    for text, size, bold in lines:
        ax.text(
            x,
            y + 0.65 * 1.3 * size,
            text,
            ha="center" if center else "left",
            va="center",
            color=color,
            fontproperties=cjk_font(size * PT_PER_PX),
            fontweight="bold" if bold else "normal",
            parse_math=False,
        )
        y += 1.3 * size


def _slide_figure(ov: Overview, width_in: float, height_in: float) -> Figure:
    w, h = 100 * width_in, 100 * height_in  # px at 100 dpi: fonts in px scale with the figure
    lay = slide_layout(ov, w, h)
    fig = Figure(figsize=(width_in, height_in), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, w)
    ax.set_ylim(h, 0)
    ax.set_axis_off()
    r = lay.root
    ax.add_patch(
        FancyBboxPatch((r.x, r.y), r.w, r.h, boxstyle="round,pad=0,rounding_size=10", fc=UPPER_FILL, ec="none")
    )
    _text_block(ax, r, lay.root_lines, "#ffffff", center=True)
    y, x0, x1 = lay.bus
    ax.plot([w / 2, w / 2], [r.y + r.h, y], color="#b3b6b7", lw=2)
    ax.plot([x0, x1], [y, y], color="#b3b6b7", lw=2)
    for card in lay.cards:
        b = card.box
        cx = b.x + b.w / 2
        if abs(b.y - lay.cards[0].box.y) < 1:
            ax.plot([cx, cx], [y, b.y], color="#b3b6b7", lw=2)
        ax.add_patch(
            FancyBboxPatch(
                (b.x, b.y),
                b.w,
                b.h,
                boxstyle="round,pad=0,rounding_size=10",
                fc=card.fill,
                ec=card.edge,
                lw=4 if card.edge != card.fill else 0,
            )
        )
        _text_block(ax, b, card.lines, card.text, center=False)
    ax.text(
        0.02 * w,
        h - 0.035 * h,
        lay.footer,
        fontproperties=cjk_font(max(18.0, 0.022 * h) * PT_PER_PX),
        color="#333333",
        va="center",
        parse_math=False,
    )
    return fig


def overview_png(ov: Overview, *, width: int = SLIDE[0]) -> bytes:
    """The overview as a 16:9 PNG ``width`` pixels wide (1920×1080 by default)."""
    fig = _slide_figure(ov, 19.2, 10.8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100 * width / SLIDE[0], facecolor="white")
    return buf.getvalue()


def overview_svg(ov: Overview) -> bytes:
    """The overview as a 16:9 SVG whose labels stay text (``svg.fonttype: none``)."""
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig = _slide_figure(ov, 19.2, 10.8)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", facecolor="white")
    return buf.getvalue()


# --- the whole structure, for print -------------------------------------------------------------

_COLS = 4
_LINE = 15.0  # pt between lines on A3
_SIZE = 10.5  # pt


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` CJK characters, a Latin letter or digit counting half.

    >>> _wrap("甲乙丙丁", 3), _wrap("ab甲乙", 2)
    (['甲乙丙', '丁'], ['ab甲', '乙'])
    """
    lines, line, used = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
        if used + w > 2 * width and line:
            lines.append(line)
            line, used = "", 0
        line, used = line + ch, used + w
    return lines + [line] if line or not lines else lines


def _structure_lines(ov: Overview) -> list[tuple[str, str, str]]:
    """(text, style, colour) lines: a group heading, then per entry its name and its units."""
    out: list[tuple[str, str, str]] = []
    chars = 26  # CJK characters per line in a quarter of an A3 page
    for i, g in enumerate(ov.groups):
        head = f"{g.title}（{g.societies}家学会，党组织{g.organizations}个）"
        out += [(t, "head", group_color(g, i)) for t in _wrap(head, chars - 4)]
        for e in g.entries:
            if e.organized:
                tag = "【新建】" if e.new else ""
                out += [
                    (t, "org", entry_color(e)) for t in _wrap(f"■ {e.name}{tag}（正式党员{e.formal_members}名）", chars)
                ]
                if len(e.units) > 1:
                    out += [(t, "unit", "#333333") for t in _wrap("　" + "、".join(e.units), chars)]
            elif e.invalid:
                out += [(t, "org", entry_color(e)) for t in _wrap(f"■ {e.name}（{invalid_text(e)}）", chars)]
                out += [(t, "unit", "#333333") for t in _wrap("　" + "、".join(e.units), chars)]
            else:
                out += [(t, "unit", "#333333") for t in _wrap(f"· {e.name}", chars)]
        out.append(("", "unit", "#333333"))
    return out


def _structure_figures(ov: Overview, title: str) -> list[Figure]:
    w, h = A3[0] * 72, A3[1] * 72  # points
    per_col = int((h - 110) // _LINE)
    lines = _structure_lines(ov)
    per_page = per_col * _COLS
    pages = max(1, math.ceil(len(lines) / per_page))
    figs = []
    for p in range(pages):
        fig = Figure(figsize=A3, dpi=72)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, w)
        ax.set_ylim(h, 0)
        ax.set_axis_off()
        ax.text(
            36, 40, f"{title}　第{p + 1}/{pages}页", fontproperties=cjk_font(16), fontweight="bold", parse_math=False
        )
        chunk = lines[p * per_page : (p + 1) * per_page]
        for k, (text, style, color) in enumerate(chunk):
            col, row = divmod(k, per_col)
            if not text:
                continue
            ax.text(
                36 + col * (w - 72) / _COLS,
                80 + row * _LINE,
                text,
                fontproperties=cjk_font(_SIZE + (1.5 if style == "head" else 0)),
                fontweight="bold" if style != "unit" else "normal",
                color=color if style != "unit" else "#333333",
                va="center",
                parse_math=False,
            )
        figs.append(fig)
    return figs


def overview_pdf(ov: Overview, *, title: str = "组织架构图") -> bytes:
    """Page 1 the overview on A3 landscape, then the whole structure (every organization and its
    units, four columns per A3 page); text embedded as TrueType, so it prints sharply and is searchable."""
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        buf = io.BytesIO()
        with PdfPages(buf, metadata={"Title": title}) as pdf:
            pdf.savefig(_slide_figure(ov, *A3), facecolor="white")
            for fig in _structure_figures(ov, title):
                pdf.savefig(fig, facecolor="white")
    return buf.getvalue()
