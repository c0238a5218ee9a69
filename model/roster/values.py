"""The roster: societies, their party members and region adjacency, as frozen values.

Loading and validation live in ``model.roster.loading``; this module only holds the values
and small pure accessors over them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from model.findings import Finding

__all__ = ["Society", "Member", "Roster", "FORMAL", "PROBATIONARY"]

FORMAL = "正式"
PROBATIONARY = "预备"


@dataclass(frozen=True, slots=True)
class Society:
    """One society (学会、协会、研究会); ``name`` is its id everywhere.

    Counts are as stated on the 学会 sheet, or derived from the 党员 sheet when
    that sheet lists members for the society (the loader does that).
    """

    name: str
    industry: str
    region: str
    host_unit: str | None = None
    formal_members: int = 0
    probationary_members: int = 0
    secretariat_members: int | None = None
    supervisor: str | None = None
    existing_org: str | None = None
    existing_kind: str | None = None
    org_founded: date | None = None
    term_ends: date | None = None
    extra: tuple[tuple[str, str], ...] = ()
    row: int | None = None  # Excel row on sheet 学会, for findings

    def counts(self, basis: str = "理事会") -> tuple[int, int]:
        """(formal F, total T) on the counting basis 理事会 or 秘书处.

        >>> Society("甲学会", "工科", "武汉市", formal_members=2, probationary_members=1).counts()
        (2, 3)
        >>> Society("甲学会", "工科", "武汉市", formal_members=2, secretariat_members=4).counts("秘书处")
        (4, 4)
        """
        if basis == "秘书处":
            f = self.secretariat_members or 0
            return f, f
        return self.formal_members, self.formal_members + self.probationary_members


@dataclass(frozen=True, slots=True)
class Member:
    """One party member on the 党员 sheet."""

    name: str
    society: str
    gender: str | None = None
    society_role: str | None = None
    status: str = FORMAL
    discipline: str | None = None
    phone: str | None = None
    home_org: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    row: int | None = None

    @property
    def is_formal(self) -> bool:
        return self.status == FORMAL

    @property
    def can_vote(self) -> bool:
        """选举条例 第五条: formal members not under 留党察看."""
        return self.is_formal and not (self.discipline and "留党察看" in self.discipline)


@dataclass(frozen=True, slots=True)
class Roster:
    """A validated (or best-effort) roster.

    ``findings`` holds every problem the loader found; a roster with error
    findings is still usable for display and editing, not for planning.
    ``adjacency`` holds unordered region pairs (each a sorted 2-tuple).
    """

    societies: tuple[Society, ...]
    members: tuple[Member, ...] = ()
    adjacency: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()
    source: str = ""
    has_member_sheet: bool = False
    _index: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        self._index.update({s.name: s for s in self.societies})

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def ok(self) -> bool:
        return not self.errors

    def society(self, name: str) -> Society:
        return self._index[name]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.societies)

    def members_of(self, society: str) -> tuple[Member, ...]:
        """The members listed for one society, in roster order (indexed once per roster)."""
        return tuple(m for _, m in self._members_index().get(society, ()))

    def members_in(self, societies: Iterable[str]) -> tuple[Member, ...]:
        """The members listed for any of these societies, in roster order (each society once)."""
        index = self._members_index()
        rows = [row for s in dict.fromkeys(societies) for row in index.get(s, ())]
        rows.sort(key=lambda row: row[0])
        return tuple(m for _, m in rows)

    def _members_index(self) -> dict[str, list[tuple[int, Member]]]:
        cached = self._index.get("\0members")
        if cached is None:
            cached = {}
            for i, m in enumerate(self.members):
                cached.setdefault(m.society, []).append((i, m))
            self._index["\0members"] = cached
        return cached

    def adjacent(self, a: str, b: str) -> bool:
        """Same region, or listed on the 地域相邻 sheet (undirected)."""
        return a == b or (min(a, b), max(a, b)) in self._adjacency_set()

    def _adjacency_set(self) -> frozenset[tuple[str, str]]:
        cached = self._index.get("\0adjacency")
        if cached is None:
            cached = frozenset((min(a, b), max(a, b)) for a, b in self.adjacency)
            self._index["\0adjacency"] = cached
        return cached

    def content_hash(self) -> str:
        """Stable hash of the content (for caches keyed on cheap inputs)."""
        payload = json.dumps(
            [[asdict(s) for s in self.societies], [asdict(m) for m in self.members], self.adjacency],
            default=str,
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def replace_societies(self, societies: Iterable[Society]) -> Roster:
        return Roster(tuple(societies), self.members, self.adjacency, self.findings, self.source, self.has_member_sheet)
