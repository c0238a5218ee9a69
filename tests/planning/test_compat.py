"""Compatibility of candidates: pair and branch modes, and the compatibility graph."""

from __future__ import annotations

from hypothesis import given, settings
from strategies import rosters

from model.planning.compat import branch_modes, candidates, compatibility_graph, pair_modes
from model.roster.values import Roster, Society
from model.rules.policy import Policy

# 甲(工科, 武汉, 华科, F1)  乙(工科, 孝感, 华科, F2)  丙(理科, 孝感, —, F1)  丁(理科, 恩施, —, F1)
# 戊(工科, 武汉, 华科, F3: organizes alone)       己(理科, 武汉, —, F0: liaison)
ROSTER = Roster(
    (
        Society("甲", "工科", "武汉", "华科", 1),
        Society("乙", "工科", "孝感", "华科", 2),
        Society("丙", "理科", "孝感", None, 1),
        Society("丁", "理科", "恩施", None, 1),
        Society("戊", "工科", "武汉", "华科", 3),
        Society("己", "理科", "武汉", None, 0),
    ),
    adjacency=(("孝感", "武汉"),),
)


def test_pair_modes_sorted_and_all_bases():
    """It lists every basis a pair satisfies, in sorted() order."""
    assert pair_modes(ROSTER.society("甲"), ROSTER.society("乙"), ROSTER) == ("区域联建", "同业共建", "挂靠组建")
    assert pair_modes(ROSTER.society("乙"), ROSTER.society("丙"), ROSTER) == ("区域联建",)
    assert pair_modes(ROSTER.society("甲"), ROSTER.society("丁"), ROSTER) == ()


def test_blank_host_never_matches():
    """It never treats two blank host units as the same 支撑单位."""
    assert "挂靠组建" not in pair_modes(ROSTER.society("丙"), ROSTER.society("丁"), ROSTER)
    assert pair_modes(ROSTER.society("丙"), ROSTER.society("丁"), ROSTER) == ("同业共建",)


def test_pair_modes_respect_allowed_bases():
    """It only reports the bases the policy allows."""
    policy = Policy(bases=("挂靠组建",))
    assert pair_modes(ROSTER.society("甲"), ROSTER.society("乙"), ROSTER, policy) == ("挂靠组建",)


def test_branch_modes_every_pair():
    """It keeps only the bases holding for every pair; a region basis needs pairwise adjacency."""
    socs = [ROSTER.society(n) for n in ("甲", "乙", "丙")]
    assert branch_modes(socs, ROSTER) == ("区域联建",)
    assert branch_modes([ROSTER.society(n) for n in ("甲", "丁")], ROSTER) == ()
    assert branch_modes([ROSTER.society("甲")], ROSTER) == ("区域联建", "同业共建", "挂靠组建")


def test_graph_nodes_are_candidates_with_attributes():
    """It draws only societies with 1–2 formal members, with their attributes."""
    g = compatibility_graph(ROSTER)
    assert set(g.nodes) == {"甲", "乙", "丙", "丁"}
    assert g.nodes["乙"] == {"industry": "工科", "region": "孝感", "host_unit": "华科", "formal": 2}
    assert g.edges["乙", "丙"]["modes"] == ("区域联建",)
    assert not g.has_edge("甲", "丁")


def test_graph_pins_and_forbids():
    """It marks pinned pairs and removes forbidden ones."""
    g = compatibility_graph(ROSTER, together=[("甲", "丁")], apart=[("甲", "乙")])
    assert g.edges["甲", "丁"] == {"modes": (), "pinned": True}
    assert not g.has_edge("甲", "乙")


def test_graph_counting_basis():
    """It classifies on the chosen counting basis (秘书处 makes 戊 a candidate here)."""
    r = ROSTER.replace_societies(
        s if s.name != "戊" else Society("戊", "工科", "武汉", "华科", 3, secretariat_members=2)
        for s in ROSTER.societies
    )
    assert "戊" in compatibility_graph(r, Policy(count_basis="秘书处"))
    assert "戊" not in compatibility_graph(r)


@settings(max_examples=80, deadline=None)
@given(rosters(0, 10))
def test_graph_edges_match_pair_modes(roster):
    """It has an edge exactly where pair_modes is non-empty (grouping never misses a pair)."""
    g = compatibility_graph(roster)
    cands = candidates(roster)
    for i, a in enumerate(cands):
        for b in cands[i + 1 :]:
            modes = pair_modes(a, b, roster)
            assert g.has_edge(a.name, b.name) == bool(modes)
            if modes:
                assert g.edges[a.name, b.name]["modes"] == modes
