"""Display rows of the coverage dashboard: Chinese headers, formatted figures, one dict per row.

The home page renders these as they are; the figures come from :mod:`model.rules.coverage`.
"""

from __future__ import annotations

from model.rules.coverage import Dashboard, ExistingOrg, GroupRow, StatRow, TermDue, Violation

__all__ = ["percent", "stat_table", "group_table", "violation_table", "term_table", "target_table", "org_table"]


def percent(rate: float) -> str:
    """A rate as the dashboard prints it.

    >>> percent(0.7), percent(0.8515)
    ('70.0%', '85.2%')
    """
    return f"{rate * 100:.1f}%"


def stat_table(rows: tuple[StatRow, ...]) -> list[dict]:
    return [
        {
            "项目": r.section,
            "细目": r.item,
            "现状": str(r.now),
            "按规则应有": "—" if r.required is None else str(r.required),
            "说明": r.note,
        }
        for r in rows
    ]


def group_table(rows: tuple[GroupRow, ...], label: str) -> list[dict]:
    return [
        {
            label: r.group,
            "学会数": r.units,
            "已建党组织": r.organized_now,
            "组织覆盖率": percent(r.rate_now),
            "工作覆盖（含工作小组）": r.work_now,
            "按规则应覆盖": r.organized_required,
            "应达组织覆盖率": percent(r.rate_required),
        }
        for r in rows
    ]


def violation_table(rows: tuple[Violation, ...]) -> list[dict]:
    return [
        {"现有党组织": v.org, "涉及学会": "、".join(v.units), "问题": v.rule, "说明": v.message, "依据": v.source}
        for v in rows
    ]


def term_table(rows: tuple[TermDue, ...]) -> list[dict]:
    return [
        {
            "现有党组织": t.org,
            "涉及学会": "、".join(t.units),
            "届满时间": t.term_ends.isoformat(),
            "状态": f"已届满{-t.days_left}天，应尽快换届" if t.overdue else f"{t.days_left}天后届满，应筹备换届",
        }
        for t in rows
    ]


def target_table(d: Dashboard) -> list[dict]:
    return [
        {
            "目标": t.label,
            "指标": t.measure,
            "要求": f"{t.percent}%",
            "现状": percent(d.now.organized_rate if t.measure == "组织覆盖率" else d.now.work_rate),
            "现状是否达到": "✔ 达到" if now else "✘ 未达到",
            "按规则全部落实后": "✔ 达到" if req else "✘ 仍未达到",
            "出处": t.source,
        }
        for t, now, req in d.targets
    ]


def org_table(orgs: tuple[ExistingOrg, ...]) -> list[dict]:
    return [
        {
            "现有党组织": o.name,
            "类型": o.kind,
            "学会数": len(o.units),
            "涉及学会": "、".join(o.units),
            "正式党员": o.formal,
            "全体党员": o.total,
            "届满时间": o.term_ends.isoformat() if o.term_ends else "",
        }
        for o in orgs
    ]
