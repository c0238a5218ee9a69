"""Standalone interactive HTML for the hierarchy and the compatibility graph (vis-network).

The page is our own small template (``templates/graph.html``) with vis-network's
JavaScript inlined from the pyvis package, so the file opens offline: no http(s)
script or stylesheet. Every name is data: labels are drawn on the canvas as text,
hover cards are DOM elements filled with ``textContent``, and the inline JSON has
``<``, ``>``, ``&`` escaped so ``</script>`` in a name cannot close the script.
"""

from __future__ import annotations

import html
import json
import math
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import networkx as nx

from model.graph.hierarchy import INSTRUCTOR, MEMBER, SOCIETY, UNCOVERED, UPPER, facets
from model.rules.policy import BASES, SAME_HOST, SAME_INDUSTRY, SAME_REGION

__all__ = [
    "hierarchy_html",
    "compat_graph_html",
    "custom_graph_html",
    "node_style",
    "inline_json",
    "vis_js",
    "LAYOUTS",
    "KIND_COLORS",
    "BASIS_COLORS",
]

LAYOUTS = ("hierarchical", "hierarchical_lr", "force")
BASIS_COLORS = {
    SAME_INDUSTRY: "#2e86c1",
    SAME_REGION: "#239b56",
    SAME_HOST: "#8e44ad",
    "单独组建": "#c0392b",
    "工作覆盖": "#7f8c8d",
    "未覆盖": "#e67e22",
}
KIND_COLORS = {
    UPPER: "#7b1113",
    "党委": "#c0392b",
    "党总支": "#9c640c",  # brown-gold: never mistaken for the hollow 未覆盖 box
    "党支部": "#e74c3c",
    "联合党支部": "#2e86c1",
    INSTRUCTOR: "#5d6d7e",
    UNCOVERED: "#fff4e5",  # hollow: a pale box with a thick red border and dark text
    MEMBER: "#566573",
}
BASIS_SHAPES = {
    SAME_INDUSTRY: "dot",
    SAME_REGION: "square",
    SAME_HOST: "triangle",
    "单独组建": "diamond",
    "工作覆盖": "dot",
    "未覆盖": "triangleDown",
}
WARNING_BORDER = "#b03a2e"
_FIELDS = (
    ("kind", "类型"),
    ("basis", "组建方式"),
    ("region", "所在地"),
    ("industry", "学科类别"),
    ("host_unit", "支撑单位"),
    ("role", "学会职务"),
    ("status", "党员类别"),
    ("phone", "联系电话"),
    ("home_org", "党组织关系所在单位"),
)
_COVER_BASES = ("工作覆盖", "未覆盖")  # a society's "basis" outside an organization says how it is covered


def _field_label(a: dict, key: str, label: str) -> str:
    """The card label of ``key`` for this node: ``status`` is 党员类别 only on a member (on an
    organization it is the change from today); ``basis`` of an uncovered or instructed society is
    its 覆盖情况, not a 组建方式.

    >>> _field_label({"kind": "联合党支部"}, "status", "党员类别")
    '与现状相比'
    >>> _field_label({"kind": "学会", "basis": "工作覆盖"}, "basis", "组建方式")
    '覆盖情况'
    """
    if key == "status" and a.get("kind") != MEMBER:
        return "与现状相比"
    if key == "basis" and a.get("basis") in _COVER_BASES:
        return "覆盖情况"
    return label


@lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network's standalone JS as shipped inside pyvis (no network needed)."""
    import pyvis

    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")


def inline_json(value: object) -> str:
    """JSON safe inside an HTML ``<script>``: ``<``, ``>``, ``&`` and line separators escaped.

    >>> inline_json({"name": "</script><script>alert(1)</script>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def node_style(a: dict) -> dict:
    """vis-network shape, colour, size and level for one node's attributes.

    >>> node_style({"kind": "学会", "basis": "同业共建", "members": 2, "total": 2})["shape"]
    'dot'
    >>> node_style({"kind": "未覆盖"})["color"]["border"]
    '#b03a2e'
    """
    kind = a.get("kind", SOCIETY)
    size = 12 + 4 * math.sqrt(max(a.get("total") or a.get("members") or 0, 0))
    if kind == SOCIETY:
        basis = a.get("basis", "")
        fill = BASIS_COLORS.get(basis, "#95a5a6")
        border = WARNING_BORDER if basis == "未覆盖" else fill
        return {
            "shape": BASIS_SHAPES.get(basis, "dot"),
            "color": {"background": fill, "border": border},
            "size": min(size, 36),
            "level": 2,
            "borderWidth": 3 if basis == "未覆盖" else 1,
        }
    if kind == MEMBER:
        star = bool(a.get("secretary"))
        return {
            "shape": "star" if star else "dot",
            "size": 14 if star else 8,
            "level": 3,
            "color": {
                "background": "#f1c40f" if star else KIND_COLORS[MEMBER],
                "border": "#c0392b" if star else KIND_COLORS[MEMBER],
            },
            "borderWidth": 1,
        }
    fill = (
        BASIS_COLORS.get(a.get("basis", ""), KIND_COLORS["联合党支部"])
        if kind == "联合党支部"
        else KIND_COLORS.get(kind, "#7f8c8d")
    )
    border = WARNING_BORDER if kind == UNCOVERED else fill
    shape = "ellipse" if kind == "联合党支部" else "hexagon" if kind == INSTRUCTOR else "box"
    light = kind == UNCOVERED
    return {
        "shape": shape,
        "color": {"background": fill, "border": border},
        "size": 24,
        "level": 0 if kind == UPPER else 1,
        "borderWidth": 3 if kind == UNCOVERED else 1,
        "font": {"color": "#7b1113" if light else "#ffffff"} if shape in ("box", "ellipse") else {},
    }


def wrap_label(text: str, width: int) -> str:
    """Break a long Chinese name into lines of ``width`` characters (canvas text has no
    word breaks to wrap at).

    >>> wrap_label("湖北省计算机学会党支部", 8)
    '湖北省计算机学会\\n党支部'
    """
    lines = [text[i : i + width] for i in range(0, len(text), width)] if width > 0 else [text]
    return "\n".join(lines) or text


def _card(a: dict) -> list[list[str]]:
    rows = [[("姓名" if a.get("kind") == MEMBER else "名称"), str(a.get("name", a.get("label", "")))]]
    rows += [[_field_label(a, k, label), str(a[k])] for k, label in _FIELDS if a.get(k) not in (None, "")]
    if a.get("kind") == MEMBER:
        rows.append(["所在学会", str(a.get("society", ""))])
        if a.get("secretary"):
            rows.append(["书记人选", "是（双向进入、交叉任职）"])
    elif a.get("kind") != UPPER:
        rows.append(["正式党员", f"{a.get('members', 0)}名"])
        if a.get("total", 0) != a.get("members", 0):
            rows.append(["党员总数（含预备）", f"{a.get('total', 0)}名"])
    if a.get("units"):
        rows.append(["学会数", f"{a['units']}家"])
    if a.get("locked"):
        rows.append(["锁定", "是"])
    if a.get("missing"):
        rows.append(["注意", "名册中没有这个学会"])
    return rows


def _legend(g: nx.DiGraph) -> list[dict]:
    seen: dict[str, dict] = {}
    for _, a in g.nodes(data=True):
        kind = a.get("kind")
        key = f"{kind}·{a.get('basis', '')}" if kind in (SOCIETY, "联合党支部") else kind
        if key in seen:
            continue
        label = (
            f"学会（{a.get('basis')}）"
            if kind == SOCIETY
            else f"联合党支部（{a.get('basis')}）"
            if kind == "联合党支部"
            else ("党员（★书记人选）" if kind == MEMBER else str(kind))
        )
        style = node_style(a)
        seen[key] = {
            "label": label,
            "color": style["color"]["background"],
            "border": style["color"]["border"],
            "shape": style["shape"],
        }
    return sorted(seen.values(), key=lambda d: d["label"])


def _page(data: dict, title: str, script_src: str | None = None) -> str:
    """Our template filled in: vis-network inline (a file that works anywhere, offline), or, with
    ``script_src``, loaded from that address (the page shown inside the app: the browser keeps
    the 470 KB script and its compiled code, so a redraw sends only the data)."""
    template = (files("model.graph") / "templates" / "graph.html").read_text("utf-8")
    script = f'<script src="{html.escape(script_src)}"></script>' if script_src else f"<script>{vis_js()}</script>"
    parts = {"TITLE": html.escape(title), "DATA": inline_json(data), "VIS_SCRIPT": script}
    # One pass: replacement text is never rescanned, so a name like "__VIS_SCRIPT__" stays data.
    return re.sub(r"__(TITLE|DATA|VIS_SCRIPT)__", lambda m: parts[m.group(1)], template)


def hierarchy_html(
    g: nx.DiGraph,
    *,
    layout: str = "hierarchical",
    presentation: bool = False,
    title: str = "组织架构图",
    all_facets: dict | None = None,
    query: str = "",
    controls: bool = True,
    script_src: str | None = None,
) -> str:
    """The hierarchy as one offline HTML page: layout, legend, search, filters, collapse
    (double-click an organization), presentation mode and a PNG download button.
    ``controls=False`` leaves search, filters and presentation to the page embedding it
    (one set of controls), keeping collapse/expand and the PNG button."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    parents = {v: u for u, v in g.edges}
    width = 8 if layout == "hierarchical" else 16
    nodes = []
    for n, a in g.nodes(data=True):
        name = str(a.get("label", n))
        nodes.append(
            {
                "id": n,
                "label": wrap_label(name, width),
                "name": name,
                "card": _card(a),
                **node_style(a),
                "kind": a.get("kind"),
                "group": a.get("group", a.get("kind")),
                "region": a.get("region", ""),
                "industry": a.get("industry", ""),
                "regions": list(a["regions"]) if "regions" in a else None,
                "industries": list(a["industries"]) if "industries" in a else None,
                "parent": parents.get(n),
                "search": a.get("kind") == SOCIETY,
            }
        )
    edges = [{"from": u, "to": v, "dashes": g.nodes[v].get("kind") == INSTRUCTOR} for u, v in g.edges]
    data = {
        "title": title,
        "layout": layout,
        "presentation": presentation,
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(g),
        "facets": all_facets or facets(g),
        "coverage": g.graph.get("coverage"),
        "query": query,
        "controls": controls,
    }
    return _page(data, title, script_src)


def _modes(e: dict) -> tuple[str, ...]:
    modes = e.get("modes", e.get("bases", e.get("basis", ())))
    return (modes,) if isinstance(modes, str) else tuple(modes)


def compat_graph_html(g: nx.Graph, *, title: str = "联合党支部候选学会相容关系图") -> str:
    """The planner's compatibility graph: candidate societies, one edge per basis a pair
    satisfies, coloured by basis (同业 blue, 区域 green, 挂靠 purple); force layout."""
    nodes = []
    for n, a in g.nodes(data=True):
        formal = a.get("formal", a.get("members", 0))
        attrs = {
            "kind": SOCIETY,
            "name": str(n),
            "members": formal,
            "total": formal,
            **{k: a.get(k, "") for k in ("region", "industry", "host_unit")},
        }
        style = node_style({**attrs, "basis": ""})
        nodes.append(
            {
                "id": str(n),
                "label": wrap_label(str(n), 16),
                "name": str(n),
                "card": _card(attrs),
                **style,
                "level": 0,
                "kind": SOCIETY,
                "group": SOCIETY,
                "region": attrs["region"] or "",
                "industry": attrs["industry"] or "",
                "parent": None,
                "search": True,
            }
        )
    edges = []
    for u, v, e in g.edges(data=True):
        modes = [m for m in BASES if m in _modes(e)]
        for i, mode in enumerate(modes):
            edges.append(
                {
                    "from": str(u),
                    "to": str(v),
                    "color": BASIS_COLORS[mode],
                    "width": 2,
                    "dashes": bool(e.get("forbidden")),
                    "smooth": {"type": "curvedCW", "roundness": 0.15 * i} if i else False,
                }
            )
    legend = [
        {"label": f"{m}（连线）", "color": BASIS_COLORS[m], "border": BASIS_COLORS[m], "shape": "line"}
        for m in BASES
        if any(m in _modes(e) for *_, e in g.edges(data=True))
    ]
    socs = [(a.get("region") or "", a.get("industry") or "") for _, a in g.nodes(data=True)]
    data = {
        "title": title,
        "layout": "force",
        "presentation": False,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "coverage": None,
        "facets": {
            "regions": sorted({r for r, _ in socs if r}),
            "industries": sorted({i for _, i in socs if i}),
            "kinds": [],
        },
    }
    return _page(data, title)


def custom_graph_html(
    nodes: list[dict], edges: list[dict], legend: list[dict], *, title: str, note: str = "", layout: str = "force"
) -> str:
    """Our template over prepared vis-network ``nodes`` and ``edges`` (dicts as :func:`hierarchy_html` makes
    them; an edge may carry a ``label``), for pictures other than the hierarchy."""
    regions = sorted({n["region"] for n in nodes if n.get("region")})
    industries = sorted({n["industry"] for n in nodes if n.get("industry")})
    data = {
        "title": title,
        "layout": layout,
        "presentation": False,
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "coverage": None,
        "facets": {"regions": regions, "industries": industries, "kinds": []},
        "note": note,
        "plain": True,
    }
    return _page(data, title)
