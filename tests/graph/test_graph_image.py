"""The slide PNG: CJK font found, tree layout layered, image sized to the tree."""

from __future__ import annotations

import io

import networkx as nx
from graph_fixtures import IMG, big_roster_plan, tiny_plan, tiny_roster
from matplotlib import font_manager
from PIL import Image

from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.image import MAX_LEAVES, cjk_font, hierarchy_png, tree_layout


def test_cjk_font_is_a_chinese_font_file():
    """It resolves to an installed font that has glyphs for Chinese."""
    path = font_manager.findfont(cjk_font(), fallback_to_default=False)
    assert "CJK" in path or "Han" in path or "WenQuanYi" in path


def test_tree_layout_layers_and_centres_parents():
    """It puts each depth on its own layer and a parent over the middle of its children."""
    g = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True))
    pos = tree_layout(g)
    for u, v in g.edges:
        assert pos[v][1] == pos[u][1] - 1
    kids = list(g.successors("org:J001"))
    assert pos["org:J001"][0] == sum(pos[k][0] for k in kids) / len(kids)
    assert pos["uncovered"][0] > max(
        x for n, (x, _) in pos.items() if n != "uncovered" and n not in nx.descendants(g, "uncovered")
    )


def test_tree_layout_left_to_right_swaps_axes():
    """It lays layers out as columns in LR orientation."""
    g = nx.DiGraph([("upper", "a"), ("a", "b")])
    assert tree_layout(g, "LR") == {"upper": (0.0, -0.0), "a": (1.0, -0.0), "b": (2.0, -0.0)}


def test_png_is_a_real_image_with_hostile_names():
    """It draws a PNG (hostile names and $ signs as plain text) larger for more leaves."""
    small = Image.open(io.BytesIO(hierarchy_png(build_hierarchy(tiny_roster(), tiny_plan()), title=f"{IMG} $x^2$")))
    assert small.format == "PNG" and small.width >= 1000
    assert sum(1 for n in small.convert("L").histogram() if n) > 20  # not blank: text and shapes drawn


def test_large_tree_is_aggregated_and_bounded():
    """It shows a graph with more leaves than MAX_LEAVES aggregated, within a bounded size."""
    roster, plan = big_roster_plan(1200)
    g = build_hierarchy(roster, plan)
    assert sum(1 for n in g if g.out_degree(n) == 0) > MAX_LEAVES
    img = Image.open(io.BytesIO(hierarchy_png(g, dpi=60)))
    assert img.width < 20000 and img.height < 20000
