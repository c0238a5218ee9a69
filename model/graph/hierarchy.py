"""The organization hierarchy of a plan as a networkx DiGraph (issue 4).

Upper committee → organizations (党委/党总支/党支部/联合党支部) → societies →
optionally the council's party members. Societies with an instructor hang from one
instructor node under the upper committee; uncovered societies hang from a warning
node that stands apart (no edge to the upper committee)::

    科技社团党委 ─┬─ 甲学会党支部 ── 甲学会
                  ├─ 乙学会等2家单位联合党支部 ─┬─ 乙学会
                  │                              └─ 丙学会
                  └─ 派驻党建工作指导员 ── 丁学会
    未覆盖学会（需关注） ── 戊学会

Node ids are namespaced strings (``org:J001``, ``soc:甲学会``, ``mem:甲学会:0``);
every name is data, kept in attributes and never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx

from model.planning.check import valid_coverage
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.planning.plan_file import plan_mismatch
from model.roster.values import Roster, Society
from model.rules.classify import secretary_candidate

__all__ = [
    "GraphOptions",
    "build_hierarchy",
    "filter_graph",
    "collapse",
    "aggregate",
    "org_label",
    "facets",
    "reconcile",
    "find_societies",
    "graph_view",
    "UPPER",
    "INSTRUCTOR",
    "UNCOVERED",
    "SOCIETY",
    "MEMBER",
    "ORG_KINDS",
    "AGGREGATE_THRESHOLD",
]

UPPER = "上级党委"
INSTRUCTOR = "派驻党建工作指导员"
UNCOVERED = "未覆盖"
SOCIETY = "学会"
MEMBER = "党员"
ORG_KINDS: tuple[str, ...] = ("党委", "党总支", "党支部", "联合党支部")
GROUP_KINDS: tuple[str, ...] = ORG_KINDS + (INSTRUCTOR, UNCOVERED)
AGGREGATE_THRESHOLD = 1000  # nodes; above it the page offers the aggregated view first
UPPER_ID, INSTRUCTOR_ID, UNCOVERED_ID = "upper", "instructor", "uncovered"


@dataclass(frozen=True, slots=True)
class GraphOptions:
    """What the graph shows. Personal columns (联系电话 …) only with ``show_personal``."""

    upper_name: str = "科技社团党委"
    members: bool = False
    show_personal: bool = False


def org_label(org: Organization) -> str:
    """Display name of an organization: the documents' naming rule (:func:`org_display_name`).

    >>> org_label(Organization("S001", "党支部", "单独组建", ("甲学会",), 3))
    '甲学会党支部'
    >>> org_label(Organization("J001", "联合党支部", "同业共建", ("乙学会", "丙学会"), 3))
    '乙学会等2家单位联合党支部'
    """
    return org_display_name(org)


def _society_attrs(name: str, society: Society | None, basis: str, count_basis: str) -> dict:
    if society is None:
        return {
            "kind": SOCIETY,
            "label": name,
            "name": name,
            "basis": basis,
            "region": "",
            "industry": "",
            "host_unit": "",
            "members": 0,
            "total": 0,
            "missing": True,
        }
    formal, total = society.counts(count_basis)
    return {
        "kind": SOCIETY,
        "label": name,
        "name": name,
        "basis": basis,
        "region": society.region,
        "industry": society.industry,
        "host_unit": society.host_unit or "",
        "members": formal,
        "total": total,
        "missing": False,
    }


def _add_members(g: nx.DiGraph, roster: Roster, society: str, options: GraphOptions) -> None:
    members = roster.members_of(society)
    secretary, _ = secretary_candidate(members)
    for i, m in enumerate(members):
        attrs = {
            "kind": MEMBER,
            "label": m.name,
            "name": m.name,
            "role": m.society_role or "",
            "status": m.status,
            "secretary": m.name == secretary,
            "society": society,
        }
        if options.show_personal:
            attrs["phone"] = m.phone or ""
            attrs["home_org"] = m.home_org or ""
        g.add_node(f"mem:{society}:{i}", **attrs)
        g.add_edge(f"soc:{society}", f"mem:{society}:{i}")


def build_hierarchy(roster: Roster, plan: Plan, options: GraphOptions = GraphOptions()) -> nx.DiGraph:
    """The hierarchy of ``plan`` with society attributes from ``roster``.

    >>> from model.rules.policy import Policy
    >>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=3), Society("丁学会", "理科", "宜昌市")))
    >>> p = Plan(Policy(), (Organization("S001", "党支部", "单独组建", ("甲学会",), 3),), liaison=("丁学会",))
    >>> g = build_hierarchy(r, p)
    >>> sorted(g.successors("upper")), list(g.successors("instructor"))
    (['instructor', 'org:S001'], ['soc:丁学会'])
    """
    count_basis = plan.policy.count_basis
    g = nx.DiGraph(
        upper=options.upper_name,
        coverage=valid_coverage(roster, plan)[0].to_dict(),  # a rule-breaking joint branch covers no one
        members=options.members,
        show_personal=options.show_personal,
    )
    g.add_node(UPPER_ID, kind=UPPER, label=options.upper_name, name=options.upper_name, members=0, total=0)
    societies: list[tuple[str, str, str]] = []  # (society, parent id, basis)
    for org in plan.organizations:
        oid = f"org:{org.id}"
        units = [roster.society(u) for u in org.units if u in roster]
        formal = sum(s.counts(count_basis)[0] for s in units) if units else org.formal_members
        total = sum(s.counts(count_basis)[1] for s in units) if units else org.formal_members
        g.add_node(
            oid,
            kind=org.kind,
            label=org_label(org),
            name=org_label(org),
            org_id=org.id,
            basis=org.basis,
            members=formal,
            total=total,
            units=len(org.units),
            locked=org.locked,
            status=org.status or "",
        )
        g.add_edge(UPPER_ID, oid)
        societies += [(u, oid, org.basis) for u in org.units]
    if plan.liaison:
        g.add_node(
            INSTRUCTOR_ID,
            kind=INSTRUCTOR,
            label=INSTRUCTOR,
            name=INSTRUCTOR,
            members=0,
            total=0,
            units=len(plan.liaison),
        )
        g.add_edge(UPPER_ID, INSTRUCTOR_ID)
        societies += [(u, INSTRUCTOR_ID, "工作覆盖") for u in plan.liaison]
    if plan.uncovered:
        g.add_node(
            UNCOVERED_ID,
            kind=UNCOVERED,
            label="未覆盖学会（需关注）",
            name="未覆盖学会",
            members=0,
            total=0,
            units=len(plan.uncovered),
        )
        societies += [(u, UNCOVERED_ID, "未覆盖") for u in plan.uncovered]
    for name, parent, basis in societies:
        s = roster.society(name) if name in roster else None
        g.add_node(f"soc:{name}", **_society_attrs(name, s, basis, count_basis), group=g.nodes[parent]["kind"])
        g.add_edge(parent, f"soc:{name}")
        if options.members:
            _add_members(g, roster, name, options)
    return g


def _society_nodes(g: nx.DiGraph) -> list[str]:
    return [n for n, k in g.nodes(data="kind") if k == SOCIETY]


def facets(g: nx.DiGraph) -> dict[str, list[str]]:
    """Sorted distinct regions, industries and group kinds, for filter widgets."""
    socs = [g.nodes[n] for n in _society_nodes(g)]
    return {
        "regions": sorted({s["region"] for s in socs if s["region"]}),
        "industries": sorted({s["industry"] for s in socs if s["industry"]}),
        "kinds": [k for k in GROUP_KINDS if any(s["group"] == k for s in socs)],
    }


def filter_graph(
    g: nx.DiGraph, regions: Iterable[str] = (), industries: Iterable[str] = (), kinds: Iterable[str] = ()
) -> nx.DiGraph:
    """A copy keeping societies that match every non-empty filter, with their ancestors
    and members; organizations left without a society are dropped. ``kinds`` are group
    kinds (党委 … 联合党支部, 派驻党建工作指导员, 未覆盖)."""
    regions, industries, kinds = set(regions), set(industries), set(kinds)
    keep = {UPPER_ID}
    for n in _society_nodes(g):
        a = g.nodes[n]
        if (
            (not regions or a["region"] in regions)
            and (not industries or a["industry"] in industries)
            and (not kinds or a["group"] in kinds)
        ):
            keep |= {n} | nx.ancestors(g, n) | nx.descendants(g, n)
    for n, a in g.nodes(data=True):  # collapsed groups match on the facets of what they hide
        if (
            a.get("collapsed")
            and (not kinds or a["kind"] in kinds)
            and (not regions or regions & set(a["regions"]))
            and (not industries or industries & set(a["industries"]))
        ):
            keep |= {n} | nx.ancestors(g, n)
    return g.subgraph(keep).copy()


def collapse(g: nx.DiGraph, node_ids: Iterable[str]) -> nx.DiGraph:
    """A copy where each given organization or group hides everything below it; its
    label says how many societies it holds (``collapsed`` and ``hidden`` attributes)."""
    h = g.copy()
    for nid in node_ids:
        if nid not in h or h.nodes[nid]["kind"] in (SOCIETY, MEMBER, UPPER):
            continue
        below = nx.descendants(h, nid)
        socs = [h.nodes[n] for n in below if h.nodes[n]["kind"] == SOCIETY]
        h.remove_nodes_from(below)
        a = h.nodes[nid]
        a.update(
            collapsed=True,
            hidden=len(socs),
            label=f"{a['name']}（{len(socs)}家学会）",
            regions=tuple(sorted({s["region"] for s in socs})),
            industries=tuple(sorted({s["industry"] for s in socs})),
        )
    return h


def aggregate(g: nx.DiGraph) -> nx.DiGraph:
    """The overview for large rosters: every organization collapsed, and the societies of
    the instructor and uncovered groups summed per region (one node per region)."""
    orgs = [n for n, k in g.nodes(data="kind") if k in ORG_KINDS]
    h = collapse(g, orgs)
    for group in (INSTRUCTOR_ID, UNCOVERED_ID):
        if group not in h:
            continue
        socs = [n for n in h.successors(group) if h.nodes[n]["kind"] == SOCIETY]
        by_region: dict[str, list[str]] = {}
        for n in socs:
            by_region.setdefault(h.nodes[n]["region"] or "（未填所在地）", []).append(n)
        h.remove_nodes_from({d for n in socs for d in nx.descendants(h, n)} | set(socs))
        for region, names in sorted(by_region.items()):
            rid = f"agg:{group}:{region}"
            members = sum(g.nodes[n]["members"] for n in names)
            h.add_node(
                rid,
                kind=h.nodes[group]["kind"],
                label=f"{region}（{len(names)}家学会）",
                name=region,
                region=region,
                members=members,
                total=members,
                units=len(names),
                collapsed=True,
                hidden=len(names),
                aggregate=True,
                regions=(region,),
                industries=tuple(sorted({g.nodes[n]["industry"] for n in names})),
            )
            h.add_edge(group, rid)
    h.graph["aggregated"] = True
    return h


def reconcile(roster: Roster, plan: Plan) -> tuple[Plan, tuple[str, ...]]:
    """The plan with roster societies it leaves out added as uncovered, and one Chinese
    message per mismatch (for a plan saved before the roster changed)."""
    unknown, absent, twice = plan_mismatch(roster, plan)
    notes = [f"方案中的学会“{u}”不在当前名册中" for u in unknown]
    notes += [f"学会“{u}”在方案中出现多次" for u in twice]
    notes += [f"名册中的学会“{u}”不在方案中，按未覆盖显示" for u in absent]
    fixed = replace(plan, uncovered=plan.uncovered + absent) if absent else plan
    return fixed, tuple(notes)


def find_societies(g: nx.DiGraph, text: str) -> list[dict]:
    """Societies whose name contains ``text``, with the organization they belong to.

    >>> from model.rules.policy import Policy
    >>> r = Roster((Society("甲学会", "工科", "武汉市", formal_members=3),))
    >>> g = build_hierarchy(r, Plan(Policy(), (Organization("S001", "党支部", "单独组建", ("甲学会",), 3),)))
    >>> find_societies(g, "甲")
    [{'学会名称': '甲学会', '所属': '甲学会党支部', '类型': '党支部', '所在地': '武汉市', '学科类别': '工科'}]
    """
    text = text.strip()
    if not text:
        return []
    rows = []
    for n in _society_nodes(g):
        a = g.nodes[n]
        if text in a["name"]:
            parent = g.nodes[next(iter(g.predecessors(n)))]
            rows.append(
                {
                    "学会名称": a["name"],
                    "所属": parent["name"],
                    "类型": parent["kind"],
                    "所在地": a["region"],
                    "学科类别": a["industry"],
                }
            )
    return rows


def graph_view(
    roster: Roster,
    plan: Plan,
    options: GraphOptions = GraphOptions(),
    *,
    regions: Iterable[str] = (),
    industries: Iterable[str] = (),
    kinds: Iterable[str] = (),
    collapsed: Iterable[str] = (),
    aggregated: bool = False,
) -> nx.DiGraph:
    """Build, filter and collapse in one call (what the graph page shows).

    Aggregated, every organization is one node and nothing below it is drawn, so the members are
    not built at all (at 10,000 societies their 56,000 nodes took 4 s to build and remove again)."""
    if aggregated:
        options = replace(options, members=False, show_personal=False)
    g = filter_graph(build_hierarchy(roster, plan, options), regions, industries, kinds)
    return aggregate(g) if aggregated else collapse(g, collapsed)
