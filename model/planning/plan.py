"""A plan: every society placed exactly once, as a frozen value (docs/formats.md §3).

The planner (``model.planning.planner``) makes plans; hand edits (``model.planning.edits``) return new
plans. This module holds the values and their JSON form.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from model.rules.policy import Policy
from model.rules.rates import Coverage

T = TypeVar("T")

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
    # society -> its organization, built on the first org_of (a plan of a city has thousands of
    # organizations; a name-by-name lookup made lists of choices quadratic). Not data: not compared.
    _where: dict | None = field(default=None, init=False, repr=False, compare=False)
    # Values derived from the plan and one roster (its rule check, its JSON): see :meth:`derived`.
    _derived: dict | None = field(default=None, init=False, repr=False, compare=False)

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

    def __getstate__(self) -> tuple:
        """Pickled (Streamlit's cache_data) without the derived values: they hold a roster."""
        return tuple(None if n in ("_where", "_derived") else getattr(self, n) for n in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state):
            object.__setattr__(self, name, value)

    def derived(self, key: tuple, roster: object, compute: Callable[[], T]) -> T:
        """``compute()``, worked out once per plan value, ``key`` and ``roster`` object (by identity):
        a page shows one plan's check in several places, and at 10,000 societies each costs 0.1–0.3 s.
        The plan is frozen, so the value stays true for it; another roster object computes anew."""
        if self._derived is None:
            object.__setattr__(self, "_derived", {})
        hit = self._derived.get(key)
        if hit is not None and hit[0] is roster:
            return hit[1]
        value = compute()
        self._derived[key] = (roster, value)
        return value

    def org_of(self, society: str) -> Organization | None:
        """The organization holding ``society`` (the first one, in plan order), or None."""
        if self._where is None:
            where: dict[str, Organization] = {}
            for o in self.organizations:
                for u in o.units:
                    where.setdefault(u, o)
            object.__setattr__(self, "_where", where)
        return self._where.get(society)

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
    return plan.derived(("json",), None, lambda: json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))


def plan_from_json(text: str) -> Plan:
    """A plan from the JSON of docs/formats.md §3."""
    return Plan.from_dict(json.loads(text))


def read_plan(path: str | Path) -> Plan:
    """A plan from a UTF-8 JSON file (docs/formats.md §3)."""
    return plan_from_json(Path(path).read_text(encoding="utf-8"))
