"""Rich display in Jupyter: plans, findings, elections and graphs as tables and inline pages.

Three ways in, all plain functions over the model's values:

- ``to_frame(value)`` — the value's main table as a pandas DataFrame (to sort, filter, export);
- ``show(value)`` — a wrapper whose ``_repr_html_`` renders every table of the value, so the
  last expression of a cell displays it; ``enable()`` registers the same renderer with
  IPython for the model's types, so a bare ``plan`` displays as tables too;
- ``show_graph(g)`` — the hierarchy (DiGraph from ``build_hierarchy``) or the compatibility
  graph as the offline page of :mod:`model.graph.html_view`, inline in an ``<iframe srcdoc>``.

Every name in the tables is data: each cell and caption goes through ``html.escape``, and the
graph page sits in a sandboxed iframe with no access to the notebook.

>>> from model.findings import Finding
>>> to_frame([Finding("错误", "名册.xlsx", "学会", 3, "学会名称", "<b>重复</b>")]).iloc[0]["说明"]
'<b>重复</b>'
>>> "&lt;b&gt;" in to_html([Finding("错误", "名册.xlsx", "学会", 3, "学会名称", "<b>重复</b>")])
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from model.election.counting import ElectionResult
from model.election.electorate import Electorate
from model.election.simulate import SimulationResult
from model.findings import Finding
from model.graph.hierarchy import org_label
from model.graph.html_view import compat_graph_html, hierarchy_html
from model.planning.edits import EditResult
from model.planning.explain import Explanation
from model.planning.plan import Organization, Plan
from model.planning.scenarios import Comparison
from model.roster.values import Roster
from model.rules.classify import Classification
from model.rules.coverage import Dashboard
from model.rules.coverage_tables import stat_table, target_table, term_table, violation_table
from model.rules.rates import Coverage

__all__ = [
    "Section",
    "sections",
    "to_frame",
    "to_html",
    "show",
    "Rich",
    "show_graph",
    "InlineHTML",
    "enable",
    "DISPLAY_TYPES",
]

DISPLAY_TYPES: tuple[type, ...] = (
    Plan,
    Organization,
    Coverage,
    Finding,
    Roster,
    Classification,
    EditResult,
    Comparison,
    Explanation,
    ElectionResult,
    SimulationResult,
    Electorate,
    Dashboard,
)
_STYLE = (
    "border-collapse:collapse;margin:0 0 .8em 0;font-size:13px",
    "border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top",
)


@dataclass(frozen=True, slots=True)
class Section:
    """One titled table of a displayed value (rows of text, Chinese headers)."""

    title: str
    rows: tuple[dict, ...]


def _yes(flag: object) -> str:
    return "是" if flag else "否"


def _pct(rate: float) -> str:
    return f"{rate:.1%}"


def _coverage_rows(c: Coverage) -> list[dict]:
    return [
        {
            "学会总数": c.units,
            "组织覆盖学会数": c.organized,
            "组织覆盖率": _pct(c.organized_rate),
            "工作覆盖学会数": c.work_covered,
            "工作覆盖率": _pct(c.work_rate),
        }
    ]


def _org_row(o: Organization) -> dict:
    return {
        "编号": o.id,
        "名称": o.name or org_label(o),
        "类型": o.kind,
        "组建方式": o.basis,
        "单位数": len(o.units),
        "正式党员数": o.formal_members,
        "锁定": _yes(o.locked),
        "状态": o.status or "",
        "所含学会": "、".join(o.units),
    }


def _finding_rows(findings: Iterable[Finding]) -> list[dict]:
    return [{"级别": f.severity, "位置": f.place(), "说明": f.message, "依据": f.rule} for f in findings]


def _plan(p: Plan) -> list[Section]:
    proof = {True: "已证明最优", False: f"未证明最优（差距至多{p.gap}家）", None: "手工方案"}[p.optimal]
    summary = {**_coverage_rows(p.coverage())[0], "联合党支部数": len(p.joint_branches()), "最优性": proof}
    out = [Section("覆盖情况", (summary,)), Section("党组织", tuple(_org_row(o) for o in p.organizations))]
    rest = [{"去向": "派驻指导员", "学会": s} for s in p.liaison] + [{"去向": "未覆盖", "学会": s} for s in p.uncovered]
    if rest:
        out.append(Section("未编入党组织的学会", tuple(rest)))
    if p.notes:
        out.append(Section("规划说明", tuple({"说明": n} for n in p.notes)))
    return out


def _roster(r: Roster) -> list[Section]:
    summary = {
        "来源": r.source,
        "学会数": len(r.societies),
        "党员数": len(r.members),
        "地域相邻对数": len(r.adjacency),
        "错误": len(r.errors),
        "警告与提示": len(r.findings) - len(r.errors),
    }
    return [Section("名册", (summary,)), Section("问题清单", tuple(_finding_rows(r.findings)))]


def _classification_rows(items: Iterable[Classification]) -> list[dict]:
    return [
        {
            "学会": c.society,
            "正式党员": c.formal,
            "党员总数": c.total,
            "应设": c.required,
            "需上级批准": _yes(c.needs_approval),
            "设委员会": _yes(c.committee),
            "书记人选": c.secretary or "",
            "理由": "；".join(c.reasons + ((c.secretary_flag,) if c.secretary_flag else ())),
        }
        for c in items
    ]


def _explanation_rows(items: Iterable[Explanation]) -> list[dict]:
    return [
        {
            "学会": e.society,
            "原因": e.reason,
            "说明": e.text,
            "可联合学会": "、".join(e.partners),
            "最多正式党员": e.best_total,
            "建议": "；".join(s.text for s in e.suggestions),
        }
        for e in items
    ]


def _election(r: ElectionResult) -> list[Section]:
    summary = {
        "应到会": r.eligible_due,
        "实到会": r.eligible_present,
        "会议有效": _yes(r.meeting_valid),
        "候选人数合规": _yes(r.candidates_ok),
        "选举有效": _yes(r.election_valid),
        "发出选票": r.ballots_issued,
        "收回选票": r.ballots_returned,
        "有效票": r.valid_ballots,
        "无效票": r.invalid_ballots,
        "应选": r.seats,
        "当选": "、".join(r.elected),
        "再次投票": "、".join(r.revote),
        "缺额": r.unfilled,
    }
    votes = tuple({"姓名": n, "得票": v, "当选": _yes(n in r.elected)} for n, v in r.votes)
    return [
        Section(f"{r.round_kind}结果（{r.mode}）", (summary,)),
        Section("得票", votes),
        Section("依据与说明", tuple({"说明": m} for m in r.messages)),
    ]


def _simulation(s: SimulationResult) -> list[Section]:
    summary = {
        "模拟次数": s.runs,
        "随机种子": "" if s.seed is None else s.seed,
        "应到会": s.expected,
        "应选": s.seats,
        "会议有效概率（精确）": _pct(s.p_quorum_exact),
        "会议有效概率（模拟）": _pct(s.p_quorum),
        "需再次投票概率": _pct(s.p_revote),
        "出现缺额概率": _pct(s.p_unfilled),
        "平均缺额": round(s.mean_unfilled, 2),
        "95%把握所需到会率": _pct(s.turnout_95),
    }
    rows = tuple({"候选人": c, "当选概率": _pct(p)} for c, p in zip(s.candidates, s.p_elected))
    return [Section("选举模拟", (summary,)), Section("候选人当选概率", rows)]


def _electorate(e: Electorate) -> list[Section]:
    summary = {
        "应到会有选举权党员": e.due,
        "实到会有选举权党员": e.present,
        "应到党员": e.members_due,
        "实到党员": e.members_present,
    }
    others = [{"姓名": n, "情况": "无选举权", "原因": why} for n, why in e.excluded]
    others += [{"姓名": n, "情况": "请假，不计入应到会", "原因": why} for n, why in e.excused]
    return [
        Section("到会情况", (summary,)),
        Section("不计入应到会的党员", tuple(others)),
        Section("说明", tuple({"说明": n} for n in e.notes)),
    ]


def _dashboard(d: Dashboard) -> list[Section]:
    rates = [
        {"口径": "现状", **_coverage_rows(d.now)[0]},
        {"口径": "按规则全部落实后", **_coverage_rows(d.required)[0]},
    ]
    return [
        Section("覆盖情况", tuple(rates)),
        Section("统计表", tuple(stat_table(d.stat_rows))),
        Section("覆盖率目标", tuple(target_table(d))),
        Section("不符合规定的现有党组织", tuple(violation_table(d.violations))),
        Section("届满需换届的党组织", tuple(term_table(d.terms))),
    ]


def _edit(e: EditResult) -> list[Section]:
    head = {
        "已执行": _yes(e.applied),
        "说明": e.message,
        "错误": len(e.errors),
        "提示": len(e.findings) - len(e.errors),
    }
    return [Section("修改结果", (head,)), Section("检查发现", tuple(_finding_rows(e.findings)))] + _plan(e.plan)


def sections(value: Any) -> list[Section]:
    """The titled tables that display ``value``: a model value or a list/tuple of them.

    Raises ``TypeError`` naming the type when the value is not one the workbench displays.
    """
    if isinstance(value, Plan):
        return _plan(value)
    if isinstance(value, EditResult):
        return _edit(value)
    if isinstance(value, Roster):
        return _roster(value)
    if isinstance(value, ElectionResult):
        return _election(value)
    if isinstance(value, SimulationResult):
        return _simulation(value)
    if isinstance(value, Electorate):
        return _electorate(value)
    if isinstance(value, Comparison):
        return [Section("方案对比", tuple(value.summary_rows())), Section("去向变化的学会", tuple(value.move_rows()))]
    if isinstance(value, Dashboard):
        return _dashboard(value)
    if isinstance(value, Coverage):
        return [Section("覆盖情况", tuple(_coverage_rows(value)))]
    if isinstance(value, (Finding, Organization, Classification, Explanation)):
        items = [value]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise TypeError(f"cannot display a {type(value).__name__}; use show_graph for graphs")
    if all(isinstance(x, Finding) for x in items):
        return [Section("问题清单", tuple(_finding_rows(items)))]
    if all(isinstance(x, Organization) for x in items):
        return [Section("党组织", tuple(_org_row(o) for o in items))]
    if all(isinstance(x, Classification) for x in items):
        return [Section("组织设置判定", tuple(_classification_rows(items)))]
    if all(isinstance(x, Explanation) for x in items):
        return [Section("未覆盖原因", tuple(_explanation_rows(items)))]
    raise TypeError("cannot display a list mixing " + ", ".join(sorted({type(x).__name__ for x in items})))


_MAIN = {
    Plan: "党组织",
    EditResult: "检查发现",
    Roster: "问题清单",
    ElectionResult: "得票",
    SimulationResult: "候选人当选概率",
    Comparison: "方案对比",
    Dashboard: "覆盖情况",
}


def to_frame(value: Any) -> pd.DataFrame:
    """The main table of ``value`` as a DataFrame (for a plan: its organizations; an election: the votes)."""
    parts = sections(value)
    title = _MAIN.get(type(value))
    main = next((s for s in parts if s.title == title), parts[0])
    return pd.DataFrame(list(main.rows))


def _table(section: Section) -> str:
    esc = html.escape
    count = "" if len(section.rows) == 1 else f"（{len(section.rows)}）"
    head = f"<div style='font-weight:bold;margin:.3em 0'>{esc(section.title)}{count}</div>"
    if not section.rows:
        return head + "<div style='color:#666;margin-bottom:.8em'>（无）</div>"
    cols = list(dict.fromkeys(k for row in section.rows for k in row))
    th = "".join(f"<th style='{_STYLE[1]}'>{esc(str(c))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td style='{_STYLE[1]}'>{esc(str(row.get(c, '')))}</td>" for c in cols) + "</tr>"
        for row in section.rows
    )
    return f"{head}<table style='{_STYLE[0]}'><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def to_html(value: Any) -> str:
    """Every table of ``value`` as one escaped HTML fragment."""
    return "<div class='party-workbench'>" + "".join(_table(s) for s in sections(value)) + "</div>"


@dataclass(frozen=True)
class Rich:
    """A value that displays as tables in Jupyter (``_repr_html_``)."""

    value: Any

    def _repr_html_(self) -> str:
        return to_html(self.value)

    def to_frame(self) -> pd.DataFrame:
        return to_frame(self.value)


def show(value: Any) -> Rich:
    """Wrap ``value`` so it displays as tables; fails early on a value it cannot display."""
    sections(value)
    return Rich(value)


@dataclass(frozen=True)
class InlineHTML:
    """A standalone HTML page shown inline: a sandboxed ``<iframe srcdoc>`` (scripts run, offline)."""

    page: str
    height: int = 600

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts allow-downloads" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd"></iframe>'
        )


def show_graph(graph: nx.Graph | str, *, height: int = 600, **options: Any) -> InlineHTML:
    """The hierarchy (a DiGraph) or the compatibility graph (a Graph) inline; ``options`` go
    to ``hierarchy_html`` / ``compat_graph_html`` (e.g. ``layout="force"``). A str is taken
    as a finished page."""

    if isinstance(graph, str):
        page = graph
    elif isinstance(graph, nx.DiGraph):
        page = hierarchy_html(graph, **options)
    elif isinstance(graph, nx.Graph):
        page = compat_graph_html(graph, **options)
    else:
        raise TypeError(f"show_graph needs a networkx graph or an HTML page, got {type(graph).__name__}")
    return InlineHTML(page, height)


def enable(shell: Any = None) -> bool:
    """Register the table renderer with IPython for every type in ``DISPLAY_TYPES``.

    ``shell`` defaults to the running IPython; returns False (and does nothing) outside IPython.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
        if shell is None:
            return False
    formatter = shell.display_formatter.formatters["text/html"]
    for t in DISPLAY_TYPES:
        formatter.for_type(t, to_html)
    return True
