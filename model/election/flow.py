"""The election page's stored document and its steps, as pure functions (no UI).

A stored election (``state.put("election", key, doc)``) is itself a FORMATS.md §4 input
for the round in progress (``members`` or counts, ``seats``, ``candidates``, ``ballots``
or ``tally`` …) plus: ``organization``, ``org_kind``, ``kind`` (换届/补选), ``history``
(earlier rounds as ``{"spec": …, "result": …}``), ``result`` (the round in progress,
counted), ``date``, ``secretary``/``deputy`` and their votes, ``plenary_present``,
``division`` ({duty: name}) — the keys ``model.election.record`` reads — and ``flow``:
``"委员会"`` (差额 committee election, then the first plenary) or ``"直接选举"`` (a branch
without a committee: the members' meeting elects ``posts`` {"书记": …, "副书记": …} 等额).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from model.election.counting import ElectionResult, count_election, next_round, parse_election
from model.election.direct import COMMITTEE_FLOW, DIRECT_FLOW, POSTS, LeadershipFlow, direct_outcome, leadership_flow
from model.election.electorate import Voter, electorate_from_members
from model.planning.plan import Organization, Plan
from model.roster.values import FORMAL, Roster
from model.rules.classify import classify
from model.rules.policy import Policy

__all__ = [
    "OrgChoice",
    "organizations",
    "VOTER_COLUMNS",
    "voter_rows",
    "members_from_rows",
    "voters_from_rows",
    "new_doc",
    "round_input",
    "count_doc",
    "advance",
    "results",
    "elected_all",
    "eligible_candidates",
    "flow_of",
    "adopt_flow",
    "with_posts",
    "officer_fields",
]

VOTER_COLUMNS = ("姓名", "党员类别", "党纪处分", "权利中止", "到会", "请假理由")
_ROUND_KEYS = (
    "seats",
    "candidates",
    "mode",
    "quorum",
    "round",
    "scrutineers",
    "min_seats",
    "ballots_issued",
    "members",
    "eligible_due",
    "eligible_present",
)


@dataclass(frozen=True, slots=True)
class OrgChoice:
    """An organization that can hold an election: its kind, societies and formal members."""

    label: str
    kind: str
    units: tuple[str, ...]
    formal: int
    id: str = ""
    basis: str = ""

    def organization(self) -> Organization:
        """The plan's organization (for the documents), named by this label when it has no id."""
        return Organization(
            self.id or self.label, self.kind, self.basis, self.units, self.formal, name=None if self.id else self.label
        )


def organizations(roster: Roster, plan: Plan | None, policy: Policy = Policy()) -> list[OrgChoice]:
    """The plan's organizations, else every society that must organize on its own.

    >>> from model.roster.values import Society
    >>> r = Roster((Society("甲学会", "工科", "武汉", formal_members=8), Society("乙学会", "工科", "武汉", formal_members=1)))
    >>> [(o.label, o.kind, o.formal) for o in organizations(r, None)]
    [('甲学会党支部', '党支部', 8)]
    """
    if plan is not None and plan.organizations:
        out = []
        for o in plan.organizations:
            name = o.name or (
                f"{o.units[0]}{o.kind}" if len(o.units) == 1 else f"{o.id} {o.kind}（{'、'.join(o.units)}）"
            )
            out.append(OrgChoice(name, o.kind, o.units, o.formal_members, o.id, o.basis))
        return out
    out = []
    for s in roster.societies:
        c = classify(s, policy)
        if c.own:
            out.append(OrgChoice(f"{s.name}{c.required}", c.required, (s.name,), c.formal, basis="单独组建"))
    return out


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
    """FORMATS.md §4 ``members`` from the editor's rows (blank names skipped)."""
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
    return [
        Voter(
            m["name"],
            status=m["status"],
            discipline=m.get("discipline"),
            suspended=m.get("suspended", False),
            excused=m.get("excused"),
            present=m["present"],
        )
        for m in members_from_rows(rows)
    ]


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


def new_doc(organization: str, org_kind: str, kind: str = "换届", flow: str = COMMITTEE_FLOW) -> dict:
    """An empty election for one organization.

    >>> d = new_doc("J001 联合党支部", "联合党支部", flow="直接选举")
    >>> d["flow"], d["seats"], d["mode"], d["posts"]
    ('直接选举', 1, '等额', {})
    """
    if flow == DIRECT_FLOW:
        return {
            "organization": organization,
            "org_kind": org_kind,
            "kind": "换届",
            "flow": DIRECT_FLOW,
            "seats": 1,
            "candidates": [],
            "posts": {},
            "mode": "等额",
            "round": "选举",
            "members": [],
            "ballots": [],
            "history": [],
        }
    return {
        "organization": organization,
        "org_kind": org_kind,
        "kind": kind,
        "flow": COMMITTEE_FLOW,
        "seats": 5 if kind == "换届" else 1,
        "candidates": [],
        "mode": "差额" if kind == "换届" else "等额",
        "round": "选举" if kind == "换届" else "补选",
        "members": [],
        "ballots": [],
        "history": [],
    }


def adopt_flow(doc: dict, flow: str) -> dict:
    """The stored document if it follows ``flow``; else a fresh one of that flow keeping the members list
    (a document saved before the flows were told apart has none and counts as a committee election)."""
    if doc.get("flow", COMMITTEE_FLOW) == flow:
        return doc
    fresh = new_doc(doc["organization"], doc.get("org_kind", ""), doc.get("kind", "换届"), flow)
    return {**fresh, "members": list(doc.get("members", []))}


def _filled_earlier(doc: dict) -> set[str]:
    return {n for h in doc.get("history", []) for n in h.get("result", {}).get("elected", [])}


def with_posts(doc: dict, posts: dict[str, str]) -> dict:
    """The direct election set to ``posts``: 等额, one candidate per post not filled in an earlier round.

    >>> d = with_posts(new_doc("甲", "党支部", flow="直接选举"), {"书记": "张三", "副书记": ""})
    >>> d["posts"], d["candidates"], d["seats"], d["mode"]
    ({'书记': '张三'}, ['张三'], 1, '等额')
    """
    clean = {p: str(posts[p]).strip() for p in POSTS if str(posts.get(p) or "").strip()}
    done = _filled_earlier(doc)
    cands = [n for n in clean.values() if n not in done]
    return {
        **doc,
        "flow": DIRECT_FLOW,
        "posts": clean,
        "candidates": cands,
        "seats": max(len(cands), 1),
        "mode": "等额",
    }


def officer_fields(doc: dict, rounds: list[ElectionResult]) -> dict:
    """``secretary`` / ``deputy`` and their votes from a direct election's rounds (keys of the record)."""
    out = direct_outcome(doc.get("posts") or {}, rounds)
    return {
        "secretary": out.holder("书记"),
        "secretary_votes": out.votes("书记"),
        "deputy": out.holder("副书记"),
        "deputy_votes": out.votes("副书记"),
    }


def round_input(doc: dict) -> dict:
    """The FORMATS.md §4 input of the round in progress."""
    d = {k: doc[k] for k in _ROUND_KEYS if k in doc and doc[k] not in (None, [], "")}
    if "members" not in d:
        d.setdefault("eligible_due", 0)
        d.setdefault("eligible_present", 0)
    d.setdefault("candidates", [])
    if doc.get("entry") == "tally":
        d.update(
            tally=doc.get("tally", {}),
            ballots_returned=doc.get("ballots_returned", 0),
            invalid_ballots=doc.get("invalid_ballots", 0),
        )
    else:
        d["ballots"] = list(doc.get("ballots", []))
    return d


def count_doc(doc: dict) -> ElectionResult:
    """Count the round in progress (raises InputError on bad input)."""
    return count_election(parse_election(round_input(doc)))


def advance(doc: dict, result: ElectionResult, extra_candidates: tuple[str, ...] = ()) -> dict:
    """A new document: the current round archived, the next round (re-vote, 另行选举 or re-run)
    set up with no ballots. Unchanged when nothing is left to elect."""
    nxt = next_round(result, extra_candidates)
    if nxt is None:
        return doc
    history = list(doc.get("history", [])) + [{"spec": round_input(doc), "result": result.to_dict()}]
    new = {
        **doc,
        "history": history,
        "seats": nxt.seats,
        "candidates": list(nxt.candidates),
        "round": nxt.round_kind,
        "ballots": [],
        "tally": {},
        "ballots_returned": 0,
        "invalid_ballots": 0,
    }
    new.pop("ballots_issued", None)
    new.pop("result", None)
    return new


def results(doc: dict) -> list[ElectionResult]:
    """Every round's result in order: the archived ones, then the round in progress."""
    out = [count_election(parse_election(h["spec"])) for h in doc.get("history", [])]
    return out + [count_doc(doc)]


def elected_all(rounds: list[ElectionResult]) -> list[str]:
    """Everyone elected over all rounds, in order."""
    return [n for r in rounds for n in r.elected]
