"""model/graph/compat.py: who could join whom, summed by class or around one society."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from graph_fixtures import IMG, SCRIPT, sample_roster_plan

from model.graph.compat import (
    class_graph,
    class_graph_html,
    class_rows,
    neighbourhood,
    neighbourhood_html,
    partner_rows,
)
from model.planning.compat import compatibility_graph


def _tiny() -> nx.Graph:
    """甲–乙 同业 (工科), 乙–丙 挂靠 (工科–理科), 丁 (医科) alone; a payload name among them."""
    g = nx.Graph()
    g.add_node("甲", industry="工科", region="武汉", formal=1)
    g.add_node("乙", industry="工科", region="宜昌", formal=2)
    g.add_node(IMG, industry="理科", region="襄阳", formal=1)
    g.add_node("丁", industry="医科", region="恩施", formal=1)
    g.add_edge("甲", "乙", modes=("同业共建",))
    g.add_edge("乙", IMG, modes=("挂靠组建", "区域联建"))
    return g


def test_class_graph_counts_candidates_and_pairs_inside_and_across():
    """It sums candidates and formal members per class, pairs inside a class on the node, across on the edge."""
    cg = class_graph(_tiny(), "industry")
    assert dict(cg.nodes(data="candidates")) == {"工科": 2, "理科": 1, "医科": 1}
    assert cg.nodes["工科"]["formal"] == 3 and cg.nodes["工科"]["inside"] == 1
    assert cg.edges["工科", "理科"]["pairs"] == 1 and not cg.has_edge("工科", "医科")
    rows = class_rows(cg)
    assert rows[0]["学科类别"] == "工科" and rows[0]["主要跨类对象"] == "理科（1对）"
    assert {r["学科类别"]: r["可与其他类联合（对）"] for r in rows} == {"工科": 1, "医科": 0, "理科": 1}


def test_class_graph_refuses_unknown_classes():
    """It names the allowed class keys."""
    with pytest.raises(ValueError, match="industry"):
        class_graph(_tiny(), "colour")


def test_class_graph_stays_small_at_province_size():
    """It turns the sample's candidates and their hundreds of pairs into a handful of class nodes."""
    roster, _ = sample_roster_plan()
    g = compatibility_graph(roster)
    for by, most in (("industry", 8), ("region", 17)):
        cg = class_graph(g, by)
        assert cg.number_of_nodes() <= most < g.number_of_nodes()
        inside = sum(a["inside"] for _, a in cg.nodes(data=True))
        assert inside + sum(e["pairs"] for *_, e in cg.edges(data=True)) == g.number_of_edges()


def test_class_picture_is_placed_and_escaped():
    """It places every class on a circle (no physics, no overlap) and keeps names as escaped data."""
    page = class_graph_html(class_graph(_tiny(), "region"))
    data = json.loads(page.split('id="graph-data" type="application/json">')[1].split("</script>")[0])
    assert data["layout"] == "fixed" and data["plain"] is True
    spots = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(spots) == 4 and IMG not in page


def test_neighbourhood_and_partners():
    """It shows a society with the candidates it could join, and lists them with the bases."""
    g = _tiny()
    assert set(neighbourhood(g, "乙")) == {"甲", "乙", IMG}
    assert set(neighbourhood(g, "甲", radius=2)) == {"甲", "乙", IMG}
    assert neighbourhood(g, "戊").number_of_nodes() == 0 and partner_rows(g, "戊") == []
    rows = partner_rows(g, "乙")
    assert [r["可联合的学会"] for r in rows] == [IMG, "甲"] and rows[0]["可用组建方式"] == "挂靠组建、区域联建"
    assert partner_rows(g, "丁") == []
    page = neighbourhood_html(g, IMG)
    assert IMG not in page and SCRIPT not in page
