"""Who could join whom, readable at province size (issue 12, item 5).

The planner's compatibility graph (:func:`model.planning.compat.compatibility_graph`) has one
node per joint-branch candidate and one edge per pair that could share a branch: at province
size a hairball. Two pictures that stay readable:

- :func:`class_graph`: one node per 学科类别 (or 所在地) with its candidates and formal members,
  one edge per pair of classes weighted by the compatible pairs across them (pairs inside a
  class are counted on the node);
- :func:`neighbourhood`: one chosen society and the candidates it could join (radius 1 or 2).

A tiny graph: 甲, 乙 (工科) can join by 同业共建; 乙 (工科), 丙 (理科) by 挂靠组建::

>>> g = nx.Graph()
>>> g.add_nodes_from([("甲", {"industry": "工科", "region": "武汉", "formal": 1}),
...                   ("乙", {"industry": "工科", "region": "宜昌", "formal": 2}),
...                   ("丙", {"industry": "理科", "region": "襄阳", "formal": 1})])
>>> g.add_edge("甲", "乙", modes=("同业共建",)); g.add_edge("乙", "丙", modes=("挂靠组建",))
>>> cg = class_graph(g, "industry")
>>> cg.nodes["工科"]["candidates"], cg.nodes["工科"]["inside"], cg.edges["工科", "理科"]["pairs"]
(2, 1, 1)
>>> sorted(neighbourhood(g, "甲").nodes)
['乙', '甲']
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from model.graph.html_view import BASIS_COLORS, compat_graph_html, custom_graph_html, wrap_label
from model.graph.overview_html import FACET_COLORS
from model.rules.policy import BASES

__all__ = [
    "CLASS_KEYS",
    "class_graph",
    "class_rows",
    "class_graph_html",
    "neighbourhood",
    "partner_rows",
    "neighbourhood_html",
]

CLASS_KEYS = {"industry": "学科类别", "region": "所在地"}


def class_graph(g: nx.Graph, by: str = "industry") -> nx.Graph:
    """Classes of candidates (by ``industry`` or ``region``) and the compatible pairs between them."""
    if by not in CLASS_KEYS:
        raise ValueError(f"by must be one of {tuple(CLASS_KEYS)}, got {by!r}")
    out = nx.Graph(by=by)
    for _, a in g.nodes(data=True):
        c = a.get(by) or "（未填）"
        if c not in out:
            out.add_node(c, candidates=0, formal=0, inside=0, inside_modes=Counter())
        out.nodes[c]["candidates"] += 1
        out.nodes[c]["formal"] += a.get("formal", 0)
    for u, v, e in g.edges(data=True):
        cu, cv = g.nodes[u].get(by) or "（未填）", g.nodes[v].get(by) or "（未填）"
        modes = tuple(e.get("modes", ()))
        if cu == cv:
            out.nodes[cu]["inside"] += 1
            out.nodes[cu]["inside_modes"].update(modes)
            continue
        if not out.has_edge(cu, cv):
            out.add_edge(cu, cv, pairs=0, modes=Counter())
        out.edges[cu, cv]["pairs"] += 1
        out.edges[cu, cv]["modes"].update(modes)
    return out


def _modes_text(c: Counter) -> str:
    return "、".join(f"{m}{c[m]}对" for m in BASES if c.get(m)) or "—"


def class_rows(cg: nx.Graph) -> list[dict]:
    """One row per class, the largest first: candidates, formal members, pairs inside and across."""
    label = CLASS_KEYS[cg.graph["by"]]
    rows = []
    for c, a in sorted(cg.nodes(data=True), key=lambda t: (-t[1]["candidates"], t[0])):
        across = sorted(cg[c].items(), key=lambda t: -t[1]["pairs"])
        rows.append(
            {
                label: c,
                "候选学会": a["candidates"],
                "正式党员合计": a["formal"],
                "类内可联合（对）": a["inside"],
                "类内组建方式": _modes_text(a["inside_modes"]),
                "可与其他类联合（对）": sum(e["pairs"] for _, e in across),
                "主要跨类对象": "、".join(f"{o}（{e['pairs']}对）" for o, e in across[:3]) or "—",
            }
        )
    return rows


def class_graph_html(cg: nx.Graph, *, title: str = "候选学会可联合关系（汇总）") -> str:
    """The class graph as offline HTML: node size by candidates, edge width by pairs across."""
    label = CLASS_KEYS[cg.graph["by"]]
    nodes, edges = [], []
    ordered = sorted(cg.nodes(data=True), key=lambda t: (-t[1]["candidates"], t[0]))
    radius = 90 + 24 * len(ordered)  # a circle: every label outside, no node on another
    for i, (c, a) in enumerate(ordered):
        color = FACET_COLORS[i % len(FACET_COLORS)]
        angle = 2 * math.pi * i / max(len(ordered), 1) - math.pi / 2
        nodes.append(
            {
                "id": c,
                "label": f"{wrap_label(c, 8)}\n候选{a['candidates']}家",
                "name": c,
                "card": [
                    [label, c],
                    ["候选学会", f"{a['candidates']}家"],
                    ["正式党员合计", f"{a['formal']}名"],
                    ["类内可联合", f"{a['inside']}对（{_modes_text(a['inside_modes'])}）"],
                ],
                "shape": "dot",
                "color": {"background": color, "border": color},
                "size": 10 + 4 * math.sqrt(a["candidates"]),
                "level": 0,
                "borderWidth": 1,
                "font": {"size": 20},
                "kind": "学会",
                "group": "学会",
                "region": c if cg.graph["by"] == "region" else "",
                "industry": c if cg.graph["by"] == "industry" else "",
                "parent": None,
                "search": True,
                "x": round(radius * math.cos(angle)),
                "y": round(radius * math.sin(angle)),
            }
        )
    for u, v, e in cg.edges(data=True):
        main = max(BASES, key=lambda m: e["modes"].get(m, 0))
        edges.append(
            {
                "from": u,
                "to": v,
                "color": BASIS_COLORS[main],
                "width": 1 + 1.5 * math.log2(1 + e["pairs"]),
                "label": str(e["pairs"]),
                "dashes": False,
            }
        )
    legend = [
        {"label": f"主要为{m}", "color": BASIS_COLORS[m], "border": BASIS_COLORS[m], "shape": "line"}
        for m in BASES
        if any(max(BASES, key=lambda k: e["modes"].get(k, 0)) == m for *_, e in cg.edges(data=True))
    ]
    note = f"圆点为{label}，大小表示候选学会数；连线上的数字为两类之间可联合的学会对数。"
    return custom_graph_html(nodes, edges, legend, title=title, note=note, layout="fixed")


def neighbourhood(g: nx.Graph, society: str, radius: int = 1) -> nx.Graph:
    """``society`` and the candidates within ``radius`` steps (an empty graph for a non-candidate)."""
    if society not in g:
        return nx.Graph()
    return nx.ego_graph(g, society, radius=radius).copy()


def partner_rows(g: nx.Graph, society: str) -> list[dict]:
    """The candidates ``society`` could share a branch with, and on which bases."""
    if society not in g:
        return []
    rows = []
    for other in sorted(g[society], key=lambda o: (-len(g.edges[society, o].get("modes", ())), o)):
        a = g.nodes[other]
        rows.append(
            {
                "可联合的学会": other,
                "可用组建方式": "、".join(g.edges[society, other].get("modes", ())) or "（指定同组，但无组建方式成立）",
                "学科类别": a.get("industry", ""),
                "所在地": a.get("region", ""),
                "正式党员": a.get("formal", 0),
            }
        )
    return rows


def neighbourhood_html(g: nx.Graph, society: str, radius: int = 1) -> str:
    """The neighbourhood of ``society`` drawn like the planner's graph (edges coloured by basis)."""
    return compat_graph_html(neighbourhood(g, society, radius), title=f"“{society}”可联合的学会")
