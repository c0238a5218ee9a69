"""A PNG of the hierarchy for slides: layered tree layout drawn with matplotlib.

Chinese labels need a CJK font set explicitly (Noto Sans CJK from fonts-noto-cjk);
without one the labels would render as boxes, so ``cjk_font`` raises
``CJKFontMissing`` instead of drawing them. The figure is built with the object API
(``Figure``), never pyplot, so nothing global changes.
"""

from __future__ import annotations

import io

import networkx as nx
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from model.graph.hierarchy import MEMBER, SOCIETY, UNCOVERED_ID, UPPER_ID, aggregate
from model.graph.html_view import node_style, wrap_label

__all__ = ["CJKFontMissing", "cjk_font", "tree_layout", "hierarchy_png", "MAX_LEAVES"]

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)
MAX_LEAVES = 400  # above this the image shows the aggregated view
_MARKERS = {
    "dot": "o",
    "square": "s",
    "triangle": "^",
    "triangleDown": "v",
    "diamond": "D",
    "star": "*",
    "hexagon": "h",
    "ellipse": "o",
    "box": "s",
}


_PLAIN = {"fc": "white", "ec": "none", "pad": 0.5, "alpha": 0.85}  # labels sit above the lines


class CJKFontMissing(RuntimeError):
    """No Chinese font is installed; labels would render as boxes."""


def cjk_font(size: float = 10) -> font_manager.FontProperties:
    """The first installed CJK family of ``CJK_FAMILIES`` at ``size`` points."""
    for family in CJK_FAMILIES:
        prop = font_manager.FontProperties(family=family, size=size)
        try:
            font_manager.findfont(prop, fallback_to_default=False)
        except ValueError:
            continue
        return prop
    raise CJKFontMissing("未找到中文字体（请安装 fonts-noto-cjk），图片中的中文无法显示")


def _ordered_children(g: nx.DiGraph, n: str) -> list[str]:
    return sorted(g.successors(n), key=lambda c: (g.nodes[c].get("kind") == MEMBER, str(c)))


def tree_layout(g: nx.DiGraph, orientation: str = "TB") -> dict[str, tuple[float, float]]:
    """Layered positions: depth gives the layer, leaves take consecutive slots in
    depth-first order, a parent sits at the mean of its children. Roots: the upper
    committee first, the uncovered group last, one empty slot between trees.

    >>> tree_layout(nx.DiGraph([("upper", "a"), ("upper", "b")]))
    {'upper': (0.5, 0.0), 'a': (0.0, -1.0), 'b': (1.0, -1.0)}
    """
    roots = sorted((n for n in g if g.in_degree(n) == 0), key=lambda n: (n != UPPER_ID, n == UNCOVERED_ID, str(n)))
    slot: dict[str, float] = {}
    depth: dict[str, int] = {}
    nxt = 0.0
    for root in roots:
        stack: list[tuple[str, int, bool]] = [(root, 0, False)]
        while stack:  # iterative post-order: deep trees never hit the recursion limit
            n, d, done = stack.pop()
            depth[n] = d
            kids = _ordered_children(g, n)
            if done or not kids:
                if kids:
                    slot[n] = sum(slot[c] for c in kids) / len(kids)
                else:
                    slot[n], nxt = nxt, nxt + 1
                continue
            stack.append((n, d, True))
            stack += [(c, d + 1, False) for c in reversed(kids)]
        nxt += 1
    if orientation == "LR":
        return {n: (float(depth[n]), -slot[n]) for n in g}
    return {n: (slot[n], -float(depth[n]) or 0.0) for n in g}


def hierarchy_png(g: nx.DiGraph, *, title: str = "组织架构图", orientation: str | None = None, dpi: int = 150) -> bytes:
    """PNG bytes of the hierarchy. ``orientation`` TB (top-down) or LR; by default TB
    for small trees and LR once there are more than 24 leaves."""
    if sum(1 for n in g if g.out_degree(n) == 0) > MAX_LEAVES:
        g = aggregate(g)
    leaves = max(1, sum(1 for n in g if g.out_degree(n) == 0))
    orientation = orientation or ("LR" if leaves > 24 else "TB")
    pos = tree_layout(g, orientation)
    levels = 1 + max((abs(p[0] if orientation == "LR" else p[1]) for p in pos.values()), default=0)
    if orientation == "LR":
        size = (max(8.0, 3.2 * levels), min(max(5.0, 0.3 * leaves + 1.5), 300.0))
    else:
        size = (min(max(8.0, 1.1 * leaves + 1.0), 300.0), max(5.0, 1.6 * levels + 1.0))
    font = cjk_font(9)
    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    legend_h, top = 0.9 / size[1], 1 - 0.75 / size[1]  # inches of margin, as figure fractions
    ax = fig.add_axes((0.01, legend_h, 0.98, top - legend_h))
    ax.set_axis_off()
    for u, v in g.edges:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        if orientation == "LR":
            xm = (x0 + x1) / 2
            ax.plot([x0, xm, xm, x1], [y0, y0, y1, y1], color="#b3b6b7", lw=0.8, zorder=1)
        else:
            ym = (y0 + y1) / 2
            ax.plot([x0, x0, x1, x1], [y0, ym, ym, y1], color="#b3b6b7", lw=0.8, zorder=1)
    seen: dict[str, Line2D] = {}
    for n, a in g.nodes(data=True):
        style = node_style(a)
        x, y = pos[n]
        fill, edge = style["color"]["background"], style["color"]["border"]
        label = str(a.get("label", n))
        if a.get("kind") in (SOCIETY, MEMBER):
            marker = _MARKERS.get(style["shape"], "o")
            ax.scatter(
                [x],
                [y],
                s=style["size"] * 6,
                marker=marker,
                c=fill,
                edgecolors=edge,
                linewidths=style.get("borderWidth", 1),
                zorder=3,
            )
            if orientation == "LR":
                ax.text(
                    x + 0.08,
                    y,
                    label,
                    fontproperties=font,
                    va="center",
                    ha="left",
                    zorder=4,
                    parse_math=False,
                    bbox=_PLAIN,
                )
            else:
                ax.text(
                    x,
                    y - 0.12,
                    wrap_label(label, 6),
                    fontproperties=font,
                    va="top",
                    ha="center",
                    zorder=4,
                    parse_math=False,
                    bbox=_PLAIN,
                )
            key = f"{a.get('kind')}（{a.get('basis')}）" if a.get("kind") == SOCIETY else "党员（★书记人选）"
            seen.setdefault(key, Line2D([], [], ls="", marker=marker, color=fill, markeredgecolor=edge, ms=8))
        else:
            text = wrap_label(label, 14 if orientation == "LR" else 8)
            ax.text(
                x,
                y,
                text,
                fontproperties=font,
                ha="center",
                va="center",
                zorder=4,
                parse_math=False,
                color="#ffffff",
                bbox={"boxstyle": "round,pad=0.35", "fc": fill, "ec": edge, "lw": 1.5},
            )
            key = f"联合党支部（{a.get('basis')}）" if a.get("kind") == "联合党支部" else str(a.get("kind"))
            seen.setdefault(key, Line2D([], [], ls="", marker="s", color=fill, markeredgecolor=edge, ms=9))
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    pad_right = 2.6 if orientation == "LR" else 0.6
    ax.set_xlim(min(xs) - 0.6, max(xs) + pad_right)
    ax.set_ylim(min(ys) - (0.3 if orientation == "LR" else 0.7), max(ys) + 0.5)
    cov = g.graph.get("coverage")
    sub = f"　组织覆盖率 {100 * cov['organized_rate']:.1f}%　工作覆盖率 {100 * cov['work_rate']:.1f}%" if cov else ""
    fig.suptitle(title + sub, fontproperties=cjk_font(14), y=1 - 0.25 / size[1], parse_math=False)
    fig.legend(
        list(seen.values()),
        list(seen.keys()),
        prop=cjk_font(8),
        loc="lower center",
        ncol=min(5, len(seen)),
        frameon=False,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white")
    return buf.getvalue()
