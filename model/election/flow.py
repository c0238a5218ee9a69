"""What the election page chooses from: the organizations that can hold an election, and their members.

The election in progress itself is an :class:`model.election.draft.ElectionDraft`.

"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from model.election.direct import LeadershipFlow, leadership_flow
from model.election.electorate import Voter, electorate_from_members, voter_from_dict
from model.planning.plan import Organization, Plan
from model.roster.values import FORMAL, Roster
from model.rules.classify import classify
from model.rules.policy import Policy

__all__ = [
    "OrgChoice",
    "organizations",
    "VOTER_COLUMNS",
    "voter_rows",
    "member_rows",
    "members_from_rows",
    "voters_from_rows",
    "eligible_candidates",
    "flow_of",
    "choice_for",
]

VOTER_COLUMNS = ("姓名", "党员类别", "党纪处分", "权利中止", "到会", "请假理由")


@dataclass(frozen=True, slots=True)
class OrgChoice:
    """An organization that can hold an election: its kind, societies and formal members."""

    label: str
    kind: str
    units: tuple[str, ...]
    formal: int
    id: str = ""
    basis: str = ""
    term_ends: date | None = None  # the earliest 届满时间 of its societies (None: not known, e.g. a new branch)
    name: str | None = None  # the plan's name of the organization (e.g. its existing 现有党组织 name)

    @property
    def shown(self) -> str:
        """The label with the term's end, as the choice lists it."""
        if self.term_ends is None:
            return self.label
        return f"{self.label}（{self.term_ends.year}年{self.term_ends.month}月届满）"

    def organization(self) -> Organization:
        """The plan's organization (for the documents) under the plan's name; named by this label when it has
        no id. The documents page builds the same organization from the plan, so both name it alike."""
        name = self.name if self.id else self.label
        return Organization(self.id or self.label, self.kind, self.basis, self.units, self.formal, name=name)


def organizations(roster: Roster, plan: Plan | None, policy: Policy = Policy()) -> list[OrgChoice]:
    """The plan's organizations, else every society that must organize on its own; the soonest term
    end first (organizations with no known term end last, in plan order).

    >>> from model.roster.values import Society
    >>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=8), Society("乙学会", "工科", "武汉", formal_members=1),
    ...             Society("丙学会", "理科", "武汉", formal_members=9, term_ends=date(2027, 3, 1))))
    >>> [(o.label, o.kind, o.formal, o.term_ends) for o in organizations(r, None)]
    [('丙学会党支部', '党支部', 9, datetime.date(2027, 3, 1)), ('甲学会党支部', '党支部', 8, None)]
    """
    out = []
    if plan is not None and plan.organizations:
        for o in plan.organizations:
            name = o.name or (
                f"{o.units[0]}{o.kind}" if len(o.units) == 1 else f"{o.id} {o.kind}（{'、'.join(o.units)}）"
            )
            ends = _term_ends(roster, o.units)
            out.append(OrgChoice(name, o.kind, o.units, o.formal_members, o.id, o.basis, ends, o.name))
    else:
        for s in roster.societies:
            c = classify(s, policy)
            if c.own:
                label = f"{s.name}{c.required}"
                out.append(OrgChoice(label, c.required, (s.name,), c.formal, basis="单独组建", term_ends=s.term_ends))
    return sorted(out, key=lambda o: (o.term_ends is None, o.term_ends or date.min))


def _term_ends(roster: Roster, units: Iterable[str]) -> date | None:
    ends = [roster.society(u).term_ends for u in units if u in roster and roster.society(u).term_ends]
    return min(ends) if ends else None


def choice_for(orgs: Iterable[OrgChoice], units: Iterable[str]) -> OrgChoice | None:
    """The organization that holds most of ``units`` (e.g. today's organization whose term ends).

    >>> a, b = OrgChoice("甲", "党支部", ("甲学会",), 8), OrgChoice("乙", "联合党支部", ("乙学会", "丙学会"), 3)
    >>> choice_for([a, b], ("丙学会", "丁学会")).label
    '乙'
    """
    wanted = set(units)
    best = max(orgs, key=lambda o: len(wanted & set(o.units)), default=None)
    if best is None or not wanted & set(best.units):
        return None
    return best


def voter_rows(roster: Roster, units: Iterable[str], formal: int = 0) -> list[dict]:
    """One editable row per member of the organization's societies (from the 党员 sheet),
    or ``formal`` numbered placeholder rows when the roster lists no members."""
    wanted = set(units)
    rows = [
        {
            "姓名": m.name,
            "党员类别": m.status or FORMAL,
            "党纪处分": m.discipline or "",
            "权利中止": False,
            "到会": True,
            "请假理由": "",
        }
        for m in roster.members
        if m.society in wanted
    ]
    if not rows:
        rows = [
            {
                "姓名": f"党员{i + 1}",
                "党员类别": FORMAL,
                "党纪处分": "",
                "权利中止": False,
                "到会": True,
                "请假理由": "",
            }
            for i in range(formal)
        ]
    return rows


def members_from_rows(rows: Iterable[dict]) -> list[dict]:
    """docs/formats.md §4 ``members`` from the editor's rows (blank names skipped)."""
    out = []
    for r in rows:
        name = str(r.get("姓名") or "").strip()
        if not name:
            continue
        m = {"name": name, "status": str(r.get("党员类别") or FORMAL).strip(), "present": bool(r.get("到会", True))}
        if str(r.get("党纪处分") or "").strip():
            m["discipline"] = str(r["党纪处分"]).strip()
        if r.get("权利中止"):
            m["suspended"] = True
        if str(r.get("请假理由") or "").strip():
            m["excused"] = str(r["请假理由"]).strip()
        out.append(m)
    return out


def voters_from_rows(rows: Iterable[dict]) -> list[Voter]:
    """The members of the editor's rows (blank names skipped)."""
    return [voter_from_dict(m) for m in members_from_rows(rows)]


def eligible_candidates(members: list[dict]) -> list[str]:
    """Members with 被选举权 (formal, not 留党察看, not suspended)."""
    return list(
        electorate_from_members(
            Voter(m["name"], status=m["status"], discipline=m.get("discipline"), suspended=m.get("suspended", False))
            for m in members
        ).names()
    )


def flow_of(org: OrgChoice, policy: Policy = Policy()) -> LeadershipFlow:
    """Which flow the organization's election follows (committee or direct), with the rule's source."""
    return leadership_flow(org.formal, org.kind, policy)


def member_rows(voters: Iterable[Voter]) -> list[dict]:
    """The editor's rows of members already entered (the inverse of :func:`voters_from_rows`)."""
    return [
        {
            "姓名": v.name,
            "党员类别": v.status,
            "党纪处分": v.discipline or "",
            "权利中止": v.suspended,
            "到会": v.present,
            "请假理由": v.excused or "",
        }
        for v in voters
    ]
