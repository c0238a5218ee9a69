"""A plan: every society placed exactly once, as a frozen value (docs/formats.md §3).

The planner (``model.planning.planner``) makes plans; hand edits (``model.planning.edits``) return new
plans. This module holds the values and their JSON form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from model.rules.policy import Policy
from model.rules.rates import Coverage

__all__ = ["Organization", "Plan", "plan_from_json", "plan_to_json"]


@dataclass(frozen=True, slots=True)
class Organization:
    """One party organization of the plan: own (单独组建) or joint (联合党支部)."""

    id: str
    kind: str  # 党委 / 党总支 / 党支部 / 联合党支部
    basis: str  # 单独组建 / 同业共建 / 区域联建 / 挂靠组建
    units: tuple[str, ...]
    formal_members: int
    locked: bool = False
    name: str | None = None  # display name, e.g. existing 现有党组织 name
    status: str | None = None  # 新建 / 保留 / 调整 relative to today

    @property
    def joint(self) -> bool:
        return self.kind == "联合党支部"

    def to_dict(self) -> dict:
        d = {
            "id": self.id,
            "kind": self.kind,
            "basis": self.basis,
            "units": list(self.units),
            "formal_members": self.formal_members,
            "locked": self.locked,
        }
        if self.name:
            d["name"] = self.name
        if self.status:
            d["status"] = self.status
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Organization:
        return cls(
            id=str(d["id"]),
            kind=str(d["kind"]),
            basis=str(d.get("basis", "")),
            units=tuple(str(u) for u in d.get("units", ())),
            formal_members=int(d.get("formal_members", 0)),
            locked=bool(d.get("locked", False)),
            name=d.get("name"),
            status=d.get("status"),
        )


@dataclass(frozen=True, slots=True)
class Plan:
    """Organizations, liaison societies and uncovered societies.

    ``optimal`` / ``bound`` / ``gap`` describe the coverage optimization;
    ``objective`` documents the secondary objective the planner used.
    """

    policy: Policy
    organizations: tuple[Organization, ...]
    liaison: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()
    optimal: bool | None = None
    bound: int | None = None
    solve_seconds: float | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def gap(self) -> int | None:
        """Proven upper bound minus candidates placed in joint branches (0 when optimal)."""
        if self.bound is None:
            return None
        return self.bound - sum(len(o.units) for o in self.organizations if o.joint)

    def coverage(self, instructor_fallback: bool = True) -> Coverage:
        """Organizational and work coverage of the plan (docs/formats.md §3 ``coverage``).

        docs/rules.md §2: societies a plan cannot place fall back to an instructor (or the host
        unit's organization), so by default they count as work-covered (the docs/formats.md
        example: 141 of 141). Pass ``instructor_fallback=False`` for a plan describing
        today's state, where an uncovered society has neither organization nor instructor.
        """
        n = sum(len(o.units) for o in self.organizations) + len(self.liaison) + len(self.uncovered)
        organized = sum(len(o.units) for o in self.organizations)
        work = organized + len(self.liaison) + (len(self.uncovered) if instructor_fallback else 0)
        return Coverage(units=n, organized=organized, work_covered=work)

    def org_of(self, society: str) -> Organization | None:
        for o in self.organizations:
            if society in o.units:
                return o
        return None

    def joint_branches(self) -> tuple[Organization, ...]:
        return tuple(o for o in self.organizations if o.joint)

    def to_dict(self) -> dict:
        d = {
            "settings": {
                k: v
                for k, v in self.policy.to_dict().items()
                if k in ("max_units", "min_members", "bases", "count_basis")
            },
            "organizations": [o.to_dict() for o in self.organizations],
            "liaison": list(self.liaison),
            "uncovered": list(self.uncovered),
            "coverage": self.coverage().to_dict(),
        }
        if self.optimal is not None:
            d["optimal"] = self.optimal
        if self.bound is not None:
            d["bound"] = self.bound
        if self.notes:
            d["notes"] = list(self.notes)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Plan:
        return cls(
            policy=Policy.from_dict(d.get("settings", {})),
            organizations=tuple(Organization.from_dict(o) for o in d.get("organizations", ())),
            liaison=tuple(d.get("liaison", ())),
            uncovered=tuple(d.get("uncovered", ())),
            optimal=d.get("optimal"),
            bound=d.get("bound"),
            notes=tuple(d.get("notes", ())),
        )


def plan_to_json(plan: Plan) -> str:
    """The plan as the JSON of docs/formats.md §3 (what ``python -m model plan`` writes)."""
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2)


def plan_from_json(text: str) -> Plan:
    """A plan from the JSON of docs/formats.md §3."""
    return Plan.from_dict(json.loads(text))


def read_plan(path: str | Path) -> Plan:
    """A plan from a UTF-8 JSON file (docs/formats.md §3)."""
    return plan_from_json(Path(path).read_text(encoding="utf-8"))
