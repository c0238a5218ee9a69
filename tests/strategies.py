"""Hypothesis strategies for small rosters, policies and wishes (shared by the planner tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from model.roster.values import Roster, Society
from model.rules.policy import BASES, Policy

INDUSTRIES = ("工科", "理科", "医科")
REGIONS = ("武汉", "孝感", "黄冈", "宜昌")
HOSTS = (None, "华科", "武大", "省医院")
ADJACENT = (("孝感", "武汉"), ("武汉", "黄冈"), ("孝感", "黄冈"), ("宜昌", "孝感"))


@st.composite
def societies(draw, name: str, formal=st.integers(0, 4)) -> Society:
    return Society(
        name,
        draw(st.sampled_from(INDUSTRIES)),
        draw(st.sampled_from(REGIONS)),
        draw(st.sampled_from(HOSTS)),
        draw(formal),
        draw(st.integers(0, 2)),
    )


@st.composite
def rosters(draw, min_size: int = 0, max_size: int = 9, formal=st.integers(0, 4)) -> Roster:
    """Up to ``max_size`` societies named 学会0, 学会1, …; a random subset of ADJACENT."""
    n = draw(st.integers(min_size, max_size))
    socs = tuple(draw(societies(f"学会{i}", formal)) for i in range(n))
    adjacency = tuple(sorted(draw(st.sets(st.sampled_from(ADJACENT)))))
    return Roster(socs, adjacency=adjacency)


@st.composite
def candidate_rosters(draw, max_size: int = 9) -> Roster:
    """Rosters whose societies are all joint-branch candidates (F ∈ {1, 2})."""
    return draw(rosters(1, max_size, st.integers(1, 2)))


@st.composite
def policies(draw) -> Policy:
    bases = draw(st.lists(st.sampled_from(BASES), min_size=1, max_size=3, unique=True))
    return Policy(
        max_units=draw(st.integers(2, 5)),
        min_members=draw(st.integers(2, 6)),
        bases=tuple(b for b in BASES if b in bases),
    )


@st.composite
def pairs(draw, roster: Roster, max_pairs: int = 2) -> list[tuple[str, str]]:
    names = roster.names()
    if len(names) < 2:
        return []
    out = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=max_pairs))
    return [(a, b) for a, b in out if a != b]
