"""学会党建规划工作台 — the domain model as a library (no UI): what the app and the CLI use.

Every job of the workbench is a plain function over frozen values; nothing is edited in
place (an edit returns a new plan and the findings it causes). In Jupyter, call
``model.display.enable()`` once and plans, findings and election results display as
tables; ``model.display.show_graph(g)`` draws a graph inline, offline.

A short tour on a roster of six societies (武汉市 and 宜昌市 are adjacent)::

    甲学会 工科 武汉市 F=1    乙学会 工科 宜昌市 F=2    丙学会 理科 武汉市 F=5
    丁学会 理科 襄阳市 F=0    戊学会 农科 武汉市 F=1    己学会 农科 十堰市 F=1

>>> import model
>>> roster = model.Roster((
...     model.Society("甲学会", "工科", "武汉市", formal_members=1),
...     model.Society("乙学会", "工科", "宜昌市", formal_members=2),
...     model.Society("丙学会", "理科", "武汉市", formal_members=5),
...     model.Society("丁学会", "理科", "襄阳市"),
...     model.Society("戊学会", "农科", "武汉市", formal_members=1),
...     model.Society("己学会", "农科", "十堰市", formal_members=1),
... ), adjacency=(("武汉市", "宜昌市"),))

Classify (docs/rules.md §1) and see which candidates can share a joint branch:

>>> [c.required for c in model.classify_all(roster)]
['联合党支部候选', '联合党支部候选', '党支部', '派驻指导员', '联合党支部候选', '联合党支部候选']
>>> sorted(model.compatibility_graph(roster).edges(data="modes"))[:2]
[('乙学会', '戊学会', ('区域联建',)), ('戊学会', '己学会', ('同业共建',))]

Plan (provably maximal coverage), and ask why a society is left out:

>>> plan = model.plan_joint_branches(roster)
>>> [(o.id, o.kind, o.basis, o.units) for o in plan.organizations]
[('S001', '党支部', '单独组建', ('丙学会',)), ('J001', '联合党支部', '区域联建', ('甲学会', '乙学会', '戊学会'))]
>>> plan.liaison, plan.uncovered, plan.optimal, plan.coverage().organized_rate
(('丁学会',), ('己学会',), True, 0.667)
>>> model.explain_uncovered(roster, plan)[0].reason
'人数不足'

Edit by hand: a locked branch refuses edits; a move returns a new plan and its findings:

>>> model.move(roster, model.lock(roster, plan, "J001").plan, "戊学会", None).message
'“J001”已锁定，请先解锁再调整'
>>> moved = model.move(roster, plan, "己学会", "J001")
>>> moved.applied, [f.rule for f in moved.errors]
(True, ['学科类别不同且所在地不相邻且支撑单位不同'])

Compare two scenarios (only 同业共建 allowed in the second):

>>> other = model.plan_joint_branches(roster, model.Policy(bases=("同业共建",)))
>>> model.compare(plan, other).summary_rows()[0]
{'项目': '组织覆盖学会数', '方案A': '4', '方案B': '3'}

The hierarchy graph, and an election counted by the 2020 regulation:

>>> list(model.build_hierarchy(roster, plan).successors("upper"))
['org:S001', 'org:J001', 'instructor']
>>> result = model.count_election(model.parse_election({"seats": 1, "candidates": ["张三", "李四"],
...     "eligible_due": 5, "eligible_present": 5, "ballots": [{"yes": ["张三"]}] * 3 + [{"yes": ["李四"]}] * 2}))
>>> result.elected, result.unfilled
(('张三',), 0)
>>> model.simulate(1, ["张三", "李四"], 0.9, expected=5, support=[0.9, 0.1], runs=500, seed=1).runs
500
"""

import importlib

# Each public name and the module defining it. Importing ``model`` loads none of them: a name is imported
# on first use (PEP 562), so ``from model.rules import policy`` in the app does not load OR-Tools, pandas,
# openpyxl or the document renderers (docs/performance.md); ``from model import X`` works as before.
_SOURCES = {
    "model.election.counting": ("ElectionResult", "count_election", "next_round"),
    "model.election.direct": ("LeadershipFlow", "direct_election", "leadership_flow"),
    "model.election.draft": ("ElectionDraft",),
    "model.election.electorate": ("Electorate", "Voter", "electorate_from_members", "electorate_from_roster"),
    "model.election.plenary": ("by_election_spec", "first_plenary"),
    "model.election.record": ("ElectionRecord", "parse_record", "record_of_rounds"),
    "model.election.simulate": ("SimulationResult", "quorum_probability", "simulate", "turnout_for_quorum"),
    "model.election.spec": ("ElectionSpec", "parse_election"),
    "model.findings": ("Finding", "InputError", "RosterError"),
    "model.graph.hierarchy": ("GraphOptions", "build_hierarchy", "graph_view", "org_label"),
    "model.graph.html_view": ("compat_graph_html", "hierarchy_html"),
    "model.paperwork.bundle": ("Bundle", "build_bundle", "to_zip", "write_documents"),
    "model.paperwork.document": ("DocContext", "Document"),
    "model.paperwork.election_letters": ("by_election_letter", "change_result", "result_letter"),
    "model.paperwork.plan_workbook": ("plan_workbook",),
    "model.paperwork.word": ("to_docx",),
    "model.planning.check": ("check_plan",),
    "model.planning.compat": ("branch_modes", "candidates", "compatibility_graph", "pair_modes"),
    "model.planning.edits": (
        "EditHistory",
        "EditResult",
        "create",
        "dissolve",
        "lock",
        "merge",
        "move",
        "recheck",
        "reoptimize",
        "set_basis",
        "split",
        "unlock",
    ),
    "model.planning.explain": ("Explanation", "Suggestion", "explain_uncovered"),
    "model.planning.plan": ("Organization", "Plan", "plan_from_json", "plan_to_json", "read_plan"),
    "model.planning.planner": ("plan_joint_branches",),
    "model.planning.scenarios": ("Comparison", "compare"),
    "model.planning.today": ("today_locks", "today_plan"),
    "model.roster.loading": ("load_roster", "parse_roster", "read_raw", "read_roster", "write_roster_xlsx"),
    "model.roster.values": ("Member", "Roster", "Society"),
    "model.rules.classify": ("Classification", "classify", "classify_all"),
    "model.rules.coverage": ("current_coverage", "dashboard", "existing_organizations", "required_coverage"),
    "model.rules.policy": ("Policy",),
    "model.rules.rates": ("Coverage",),
    "model.rules.settings": ("policy_with",),
}
_WHERE = {name: module for module, names in _SOURCES.items() for name in names}

__all__ = [
    # roster: load, validate, write
    "Finding",
    "InputError",
    "RosterError",
    "Member",
    "Roster",
    "Society",
    "load_roster",
    "read_roster",
    "read_raw",
    "parse_roster",
    "write_roster_xlsx",
    # classification, coverage and settings
    "Policy",
    "policy_with",
    "Classification",
    "classify",
    "classify_all",
    "dashboard",
    "current_coverage",
    "required_coverage",
    "existing_organizations",
    # compatibility graph and planning
    "candidates",
    "pair_modes",
    "branch_modes",
    "compatibility_graph",
    "Organization",
    "Plan",
    "Coverage",
    "plan_joint_branches",
    "today_plan",
    "today_locks",
    "check_plan",
    "plan_to_json",
    "plan_from_json",
    "read_plan",
    "plan_workbook",
    # edits, explanations, scenarios
    "EditResult",
    "EditHistory",
    "lock",
    "unlock",
    "move",
    "split",
    "merge",
    "dissolve",
    "create",
    "set_basis",
    "reoptimize",
    "recheck",
    "Explanation",
    "Suggestion",
    "explain_uncovered",
    "Comparison",
    "compare",
    # the hierarchy graph
    "GraphOptions",
    "build_hierarchy",
    "graph_view",
    "org_label",
    "hierarchy_html",
    "compat_graph_html",
    # elections
    "ElectionSpec",
    "parse_election",
    "ElectionResult",
    "count_election",
    "next_round",
    "result_letter",
    "by_election_letter",
    "change_result",
    "record_of_rounds",
    "ElectionDraft",
    "Voter",
    "Electorate",
    "electorate_from_members",
    "electorate_from_roster",
    "SimulationResult",
    "simulate",
    "quorum_probability",
    "turnout_for_quorum",
    "first_plenary",
    "by_election_spec",
    "LeadershipFlow",
    "leadership_flow",
    "direct_election",
    # documents
    "DocContext",
    "Document",
    "to_docx",
    "ElectionRecord",
    "parse_record",
    "Bundle",
    "build_bundle",
    "write_documents",
    "to_zip",
    # Jupyter display
    "display",
]


def __getattr__(name: str):
    """A public name, imported from its module on first use (``display`` is the submodule model.display)."""
    if name == "display":
        return importlib.import_module("model.display")
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
