"""The hierarchy graph: structure, attributes, members, filters, collapse, aggregation."""

from __future__ import annotations

import networkx as nx
from graph_fixtures import IMG, PHONE, SCRIPT, big_roster_plan, tiny_plan, tiny_roster

from model.graph.hierarchy import (
    AGGREGATE_THRESHOLD,
    GraphOptions,
    aggregate,
    build_hierarchy,
    collapse,
    facets,
    filter_graph,
    find_societies,
    graph_view,
    reconcile,
)
from model.planning.plan import Plan
from model.planning.plan_file import plan_mismatch
from model.rules.policy import Policy


def test_every_organization_and_society_is_a_node_under_its_parent():
    """It hangs each organization from the upper committee and each society from its organization."""
    g = build_hierarchy(tiny_roster(), tiny_plan())
    assert g.nodes["upper"]["label"] == "科技社团党委"
    assert set(g.successors("upper")) == {"org:S001", "org:J001", "instructor"}
    assert set(g.successors("org:J001")) == {f"soc:{IMG}", f"soc:{SCRIPT}"}
    assert list(g.successors("instructor")) == ["soc:湖北省植物学会"]
    assert nx.is_forest(g)


def test_uncovered_societies_stand_apart():
    """It puts uncovered societies under a warning node with no path from the upper committee."""
    g = build_hierarchy(tiny_roster(), tiny_plan())
    assert list(g.successors("uncovered")) == ["soc:湖北省中医药学会"]
    assert "uncovered" not in nx.descendants(g, "upper")
    assert g.nodes["soc:湖北省中医药学会"]["group"] == "未覆盖"


def test_upper_name_is_a_setting():
    """It labels the root with the configured upper committee name."""
    g = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(upper_name="湖北省科协党组"))
    assert g.nodes["upper"]["name"] == "湖北省科协党组" and g.graph["upper"] == "湖北省科协党组"


def test_society_attributes_come_from_the_roster():
    """It records basis, region, industry, host unit and both member counts on a society."""
    a = build_hierarchy(tiny_roster(), tiny_plan()).nodes["soc:湖北省计算机学会"]
    assert (a["basis"], a["region"], a["industry"], a["host_unit"]) == ("单独组建", "武汉市", "工科", "华中科技大学")
    assert (a["members"], a["total"]) == (9, 11)


def test_organization_counts_sum_its_units():
    """It sums the formal members of a joint branch's units and counts the units."""
    a = build_hierarchy(tiny_roster(), tiny_plan()).nodes["org:J001"]
    assert (a["members"], a["units"], a["basis"], a["kind"]) == (3, 2, "同业共建", "联合党支部")


def test_members_only_when_asked_and_secretary_marked():
    """It adds member nodes only with members=True and marks the 理事长 as secretary candidate."""
    assert not any(k == "党员" for _, k in build_hierarchy(tiny_roster(), tiny_plan()).nodes(data="kind"))
    g = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True))
    members = {a["name"]: a for _, a in g.nodes(data=True) if a["kind"] == "党员"}
    assert set(members) == {"张三", "李四", IMG}
    assert members["张三"]["secretary"] and not members["李四"]["secretary"]
    assert members[IMG]["secretary"]  # the only 副理事长 of its society


def test_personal_data_absent_unless_switched_on():
    """It leaves phone numbers out of member nodes unless show_personal is set."""
    off = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True))
    assert PHONE not in repr(list(off.nodes(data=True)))
    on = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True, show_personal=True))
    assert PHONE in repr(list(on.nodes(data=True)))


def test_filter_by_region_keeps_ancestors_and_drops_empty_organizations():
    """It keeps matching societies with their organization and drops organizations left empty."""
    g = filter_graph(build_hierarchy(tiny_roster(), tiny_plan()), regions=["宜昌市"])
    assert {n for n, k in g.nodes(data="kind") if k == "学会"} == {f"soc:{SCRIPT}"}
    assert set(g) == {"upper", "org:J001", f"soc:{SCRIPT}"}


def test_filter_by_industry_and_kind_combine():
    """It applies every non-empty filter at once."""
    g = build_hierarchy(tiny_roster(), tiny_plan())
    assert {
        a["name"]
        for _, a in filter_graph(g, industries=["工科"], kinds=["党支部"]).nodes(data=True)
        if a["kind"] == "学会"
    } == {"湖北省计算机学会"}
    assert set(filter_graph(g, kinds=["未覆盖"])) == {"upper", "uncovered", "soc:湖北省中医药学会"}


def test_collapse_hides_societies_and_counts_them():
    """It removes what is below a collapsed organization and says how many societies it holds."""
    g = build_hierarchy(tiny_roster(), tiny_plan(), GraphOptions(members=True))
    h = collapse(g, ["org:J001"])
    assert not set(h.successors("org:J001"))
    assert h.nodes["org:J001"]["hidden"] == 2 and "（2家学会）" in h.nodes["org:J001"]["label"]
    assert f"soc:{IMG}" in g  # the input is unchanged


def test_collapsed_nodes_still_filter_by_region():
    """It filters a collapsed organization by the regions of the societies it hides."""
    h = collapse(build_hierarchy(tiny_roster(), tiny_plan()), ["org:J001", "org:S001"])
    assert "org:J001" in filter_graph(h, regions=["宜昌市"])
    assert "org:S001" not in filter_graph(h, regions=["宜昌市"])


def test_aggregate_shrinks_a_large_graph():
    """It turns a 1,200-society graph into one node per organization and per region of the groups."""
    roster, plan = big_roster_plan(1200)
    g = build_hierarchy(roster, plan)
    assert g.number_of_nodes() > AGGREGATE_THRESHOLD
    h = aggregate(g)
    assert not any(k == "学会" for _, k in h.nodes(data="kind"))
    assert h.number_of_nodes() == 1 + len(plan.organizations) + 2 + len(list(h.successors("instructor"))) + len(
        list(h.successors("uncovered"))
    )
    assert sum(a.get("hidden", 0) for _, a in h.nodes(data=True)) == 1200


def test_facets_list_regions_industries_and_kinds():
    """It lists the distinct filter values present in the graph."""
    f = facets(build_hierarchy(tiny_roster(), tiny_plan()))
    assert f["regions"] == sorted(["武汉市", "宜昌市", "襄阳市", "恩施州"])
    assert f["kinds"] == ["党支部", "联合党支部", "派驻党建工作指导员", "未覆盖"]


def test_mismatch_and_reconcile():
    """It reports unknown, absent and duplicate societies and shows absent ones as uncovered."""
    plan = Plan(Policy(), tiny_plan().organizations, liaison=("湖北省植物学会", "不存在学会"))
    unknown, absent, twice = plan_mismatch(tiny_roster(), plan)
    assert (unknown, absent, twice) == (("不存在学会",), ("湖北省中医药学会",), ())
    fixed, notes = reconcile(tiny_roster(), plan)
    assert fixed.uncovered == ("湖北省中医药学会",) and len(notes) == 2
    g = build_hierarchy(tiny_roster(), fixed)
    assert g.nodes["soc:不存在学会"]["missing"] is True


def test_find_and_view():
    """It finds societies by part of the name and builds the filtered view in one call."""
    g = build_hierarchy(tiny_roster(), tiny_plan())
    assert [r["所属"] for r in find_societies(g, "onerror")] == [f"{IMG}等2家单位联合党支部"]
    assert find_societies(g, "  ") == []
    v = graph_view(tiny_roster(), tiny_plan(), regions=["武汉市"], collapsed=["org:S001"])
    assert v.nodes["org:S001"]["collapsed"] and "org:J001" in v and f"soc:{SCRIPT}" not in v


def test_tree_coverage_leaves_out_a_rule_breaking_branch():
    """It states the tree's coverage as the planner does: a joint branch breaking a rule covers no one."""
    from graph_fixtures import tiny_roster
    from test_overview import _invalid_plan

    from model.graph.hierarchy import build_hierarchy

    assert build_hierarchy(tiny_roster(), _invalid_plan()).graph["coverage"]["organized"] == 1
