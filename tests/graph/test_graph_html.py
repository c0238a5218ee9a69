"""The offline HTML: every node present, no remote resources, names escaped, privacy kept."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from graph_fixtures import IMG, PHONE, SCRIPT, big_roster_plan, tiny_plan, tiny_roster

from model.graph.hierarchy import GraphOptions, build_hierarchy
from model.graph.html_view import _card, compat_graph_html, hierarchy_html, inline_json, node_style


def _data(page: str) -> dict:
    m = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "inline JSON block missing"
    return json.loads(m.group(1))


def _html(**options) -> str:
    return hierarchy_html(build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(**options)))


def test_contains_every_organization_and_society():
    """It carries a node for each organization and each society of the plan."""
    labels = {n["name"] for n in _data(_html())["nodes"]}
    assert {"湖北省计算机学会党支部", f"{IMG}等2家单位联合党支部"} <= labels
    assert {"湖北省计算机学会", IMG, SCRIPT, "湖北省植物学会", "湖北省中医药学会"} <= labels


def test_no_remote_script_or_stylesheet():
    """It inlines vis-network and links no http(s) script, stylesheet or import."""
    page = _html()
    assert "vis-network" in page and "new vis.Network" in page
    assert not re.search(r"<script[^>]+src\s*=", page, re.I)
    assert not re.search(r"<link[^>]+href\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", page, re.I)


def test_payloads_never_appear_raw():
    """It escapes < and > in the inline JSON, so names can neither add tags nor close the script."""
    page = _html(members=True)
    assert IMG not in page and "</script><script>alert" not in page
    assert page.count("</script>") == 3  # vis-network, the data block, our code — nothing injected
    names = {n["name"] for n in _data(page)["nodes"]}
    assert IMG in names and SCRIPT in names  # the names survive as data


def test_title_is_html_escaped():
    """It escapes a hostile title in the <title> element and keeps it as text in the data."""
    page = hierarchy_html(build_hierarchy(tiny_roster(), tiny_plan()), title=IMG)
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert _data(page)["title"] == IMG


def test_placeholder_names_stay_data():
    """It substitutes template placeholders once, so a society named __VIS_SCRIPT__ is not expanded."""
    r = tiny_roster()
    from model.planning.plan import Plan
    from model.roster.values import Roster, Society

    roster = Roster(r.societies + (Society("__VIS_SCRIPT__", "工科", "武汉市", None, 0),))
    plan = Plan(
        tiny_plan().policy, tiny_plan().organizations, ("湖北省植物学会", "__VIS_SCRIPT__"), ("湖北省中医药学会",)
    )
    page = hierarchy_html(build_hierarchy(roster, plan))
    assert len(page) < len(_html()) + 2000


def test_inline_json_escapes_line_separators():
    """It escapes U+2028/U+2029 and & so the JSON is safe in any script context."""
    text = inline_json({"a": "x\u2028y\u2029&"})
    assert "\u2028" not in text and "\u2029" not in text and "&" not in text
    assert json.loads(text) == {"a": "x\u2028y\u2029&"}


def test_hover_cards_are_text_rows():
    """It sends hover cards as [label, value] text pairs, built into DOM with textContent."""
    page = _html()
    card = next(n["card"] for n in _data(page)["nodes"] if n["name"] == "湖北省计算机学会")
    assert ["所在地", "武汉市"] in card and ["支撑单位", "华中科技大学"] in card and ["正式党员", "9名"] in card
    assert "textContent" in page and "innerHTML" not in page.split("new vis.Network")[1]


def test_personal_data_absent_unless_switched_on():
    """It leaves phone numbers out of the HTML unless show_personal is on."""
    assert PHONE not in _html(members=True)
    assert PHONE in _html(members=True, show_personal=True)


def test_style_by_kind_and_basis():
    """It shapes and colours nodes by kind and basis, sizes by members, and builds a legend."""
    nodes = {n["name"]: n for n in _data(_html())["nodes"]}
    assert nodes["湖北省计算机学会党支部"]["shape"] == "box"
    assert nodes[f"{IMG}等2家单位联合党支部"]["shape"] == "ellipse"
    assert nodes["湖北省中医药学会"]["color"]["border"] != nodes["湖北省中医药学会"]["color"]["background"]
    assert nodes["湖北省计算机学会"]["size"] > nodes[SCRIPT]["size"]
    legend = {i["label"] for i in _data(_html())["legend"]}
    assert {"学会（同业共建）", "学会（未覆盖）", "联合党支部（同业共建）", "上级党委"} <= legend


@pytest.mark.parametrize("layout", ["hierarchical", "hierarchical_lr", "force"])
def test_layouts(layout):
    """It accepts each layout and records it for the page script."""
    page = hierarchy_html(build_hierarchy(tiny_roster(), tiny_plan()), layout=layout)
    assert _data(page)["layout"] == layout


def test_unknown_layout_is_refused():
    """It raises ValueError naming the allowed layouts."""
    with pytest.raises(ValueError, match="hierarchical"):
        hierarchy_html(build_hierarchy(tiny_roster(), tiny_plan()), layout="circle")


def test_large_graph_builds_quickly():
    """It writes the HTML of a 1,200-society graph in well under two seconds."""
    roster, plan = big_roster_plan(1200)
    start = time.perf_counter()
    page = hierarchy_html(build_hierarchy(roster, plan))
    assert time.perf_counter() - start < 2.0
    assert len(_data(page)["nodes"]) > 1200


def test_compat_graph_colours_edges_by_basis():
    """It draws one edge per basis a pair satisfies, coloured by basis, and escapes names."""
    g = nx.Graph()
    g.add_node(IMG, industry="工科", region="武汉市", host_unit="", formal=1)
    g.add_node("乙学会", industry="工科", region="武汉市", host_unit="", formal=2)
    g.add_node("丙学会", industry="理科", region="武汉市", host_unit="", formal=1)
    g.add_edge(IMG, "乙学会", modes=("区域联建", "同业共建"))
    g.add_edge("乙学会", "丙学会", modes=("区域联建",))
    page = compat_graph_html(g)
    data = _data(page)
    assert IMG not in page and {n["name"] for n in data["nodes"]} == {IMG, "乙学会", "丙学会"}
    colours = sorted(e["color"] for e in data["edges"])
    assert colours == sorted(["#2e86c1", "#239b56", "#239b56"])
    assert not re.search(r"<script[^>]+src\s*=", page, re.I)


def test_compat_graph_from_the_planner():
    """It draws the planner's own compatibility graph (model.planning.compat) with an edge per mode."""
    from model.planning.compat import compatibility_graph
    from model.roster.values import Roster, Society

    r = Roster(
        (
            Society("甲", "工科", "武汉", "华科", 1),
            Society("乙", "工科", "武汉", "华科", 2),
            Society("丙", "理科", "襄阳", None, 1),
        )
    )
    data = _data(compat_graph_html(compatibility_graph(r)))
    assert {n["name"] for n in data["nodes"]} == {"甲", "乙", "丙"}
    assert len(data["edges"]) == 3  # 甲–乙: 同业, 区域, 挂靠


def test_hover_cards_label_plan_status_and_coverage_rightly():
    """It labels an organization's plan status 与现状相比 (党员类别 only on a member), an instructed society's
    basis 覆盖情况, and names the joint branch as the documents do."""
    plan = tiny_plan()
    plan = replace(plan, organizations=(plan.organizations[0], replace(plan.organizations[1], status="新建")))
    g = build_hierarchy(tiny_roster(), plan, GraphOptions(members=True))
    org = dict(_card(g.nodes["org:J001"]))
    assert org["名称"] == f"{IMG}等2家单位联合党支部" and org["与现状相比"] == "新建" and "党员类别" not in org
    assert dict(_card(g.nodes["soc:湖北省植物学会"]))["覆盖情况"] == "工作覆盖"
    member = dict(_card(g.nodes["mem:湖北省计算机学会:1"]))
    assert member["党员类别"] == "预备"


def test_general_branch_and_uncovered_look_different():
    """It fills 党总支 and 未覆盖 with clearly different colours (未覆盖 a pale box with a red border, dark text)."""
    general, uncovered = node_style({"kind": "党总支"}), node_style({"kind": "未覆盖"})
    assert general["color"]["background"] != uncovered["color"]["background"]
    assert uncovered["color"]["background"] == "#fff4e5" and uncovered["font"]["color"] == "#7b1113"
    assert uncovered["borderWidth"] == 3 and general["font"]["color"] == "#ffffff"


def test_the_page_in_the_app_loads_vis_network_from_the_app_and_the_file_carries_it():
    """It loads vis-network from the app's static address for the page shown inside the app (the data
    alone changes on a redraw) and carries it inline in the file for download; the app's copy is pyvis's."""
    from model.graph.html_view import vis_js

    g = build_hierarchy(tiny_roster(), tiny_plan())
    shown = hierarchy_html(g, script_src="app/static/vis-network.min.js")
    kept = hierarchy_html(g)
    assert '<script src="app/static/vis-network.min.js"></script>' in shown and vis_js()[:2000] not in shown
    assert vis_js() in kept and "app/static" not in kept
    assert shown.split("__VIS", 1)[0] == shown  # no placeholder left
    static = Path(__file__).resolve().parents[2] / "static" / "vis-network.min.js"
    assert static.read_text("utf-8") == vis_js()  # the served copy is the one the files carry


def test_the_aggregated_view_is_the_same_without_building_the_members():
    """It draws the same aggregated graph whether members are asked for or not (they are never shown there)."""
    from model.graph.hierarchy import graph_view
    from model.roster.loading import parse_roster, read_raw

    roster = parse_roster(read_raw(Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx"))
    from model.planning.planner import plan_joint_branches

    plan = plan_joint_branches(roster)
    with_members = graph_view(roster, plan, GraphOptions(members=True, show_personal=True), aggregated=True)
    without = graph_view(roster, plan, GraphOptions(), aggregated=True)
    assert dict(with_members.nodes(data=True)) == dict(without.nodes(data=True))
    assert set(with_members.edges) == set(without.edges) and with_members.number_of_nodes() > 10
