"""Which organization of a plan an election record belongs to (the batch, the page and the CLI alike)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from model.findings import ERROR, Finding, InputError
from model.paperwork import election_letters as ed
from model.paperwork import founding
from model.planning.plan import Organization, Plan

__all__ = ["org_for", "match_elections", "records_for", "usable_elections"]


def org_for(plan: Plan, key: str | None) -> Organization | None:
    """The organization an election names: its id, name, display name or (single-unit) society.

    Without a name, the plan's only organization (None when there are several).
    """
    if key is None:
        return plan.organizations[0] if len(plan.organizations) == 1 else None
    return next(
        (
            o
            for o in plan.organizations
            if key in (o.id, o.name, founding.org_display_name(o))
            or key.split(" ", 1)[0] == o.id  # the election page's label "J001 联合党支部（…）"
            or (len(o.units) == 1 and key in (o.units[0], f"{o.units[0]}{o.kind}"))
        ),
        None,
    )


def match_elections(plan: Plan, records: Iterable[ed.ElectionRecord]) -> dict[str, tuple[ed.ElectionRecord, ...]]:
    """Election records by organization id; InputError names each record that matches none."""
    out: dict[str, list[ed.ElectionRecord]] = {}
    bad: list[Finding] = []
    for rec in records:
        org = org_for(plan, rec.organization)
        if org is None:
            msg = (
                f"所属党组织“{rec.organization}”不在方案中"
                if rec.organization
                else '未指明所属党组织：请在选举文件中加入 "organization": "方案中的党组织编号"'
            )
            bad.append(Finding(ERROR, rec.source, None, None, "organization", msg))
            continue
        out.setdefault(org.id, []).append(rec)
    if bad:
        raise InputError(bad)
    return {k: tuple(v) for k, v in out.items()}


def records_for(plan: Plan, org: Organization, records: Iterable[ed.ElectionRecord]) -> tuple[ed.ElectionRecord, ...]:
    """The records that belong to ``org`` (records naming no known organization are left out)."""
    return tuple(r for r in records if (o := org_for(plan, r.organization)) is not None and o.id == org.id)


def usable_elections(plan: Plan, stored: Mapping[str, object]) -> tuple[dict[str, dict], tuple[str, ...]]:
    """The stored elections (key -> JSON dict) that belong to the plan, and why others are left out."""
    usable: dict[str, dict] = {}
    problems: list[str] = []
    for key, data in stored.items():
        try:
            record = ed.parse_record(data, source=key)
        except InputError as exc:
            problems.append(f"选举记录“{key}”无法使用：{exc.findings[0].message if exc.findings else ''}")
            continue
        if org_for(plan, record.organization) is None:
            problems.append(f"选举记录“{key}”所属党组织“{record.organization or '未指明'}”不在当前方案中，未使用。")
        else:
            usable[key] = data  # type: ignore[assignment]
    return usable, tuple(problems)
