"""Before the meeting: how likely is the election to fail, and why (vectorized numpy).

Model. Each of the ``expected`` voters (应到会) attends with their own probability
(or one turnout rate). A present voter supports candidate *j* with probability
``support[j]`` (or the support of their bloc); a voter who supports more candidates
than there are seats keeps the ones they back most strongly, so ballots are never
over-marked unless ``invalid_rate`` spoils them at random. Each run is counted by the
same rules as ``model.election.counting``: quorum ``5*present > 4*expected``, threshold
``2*yes > present``, ranking, a tie at the cut-off → re-vote, shortfall → unfilled.

The quorum probability is also computed exactly (Poisson-binomial, no sampling).
Randomness is injected: ``simulate(..., seed=7)`` or ``rng=np.random.default_rng(7)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from model.election.counting import min_present

__all__ = [
    "SimulationResult",
    "simulate",
    "simulate_ballots",
    "quorum_probability",
    "present_distribution",
    "turnout_for_quorum",
    "support_matrix",
    "risk_summary",
]


def present_distribution(probs: Sequence[float]) -> np.ndarray:
    """P(exactly k present), k = 0..n, from independent attendance probabilities.

    >>> present_distribution([0.5, 0.5]).round(3).tolist()
    [0.25, 0.5, 0.25]
    """
    dist = np.zeros(len(probs) + 1)
    dist[0] = 1.0
    for i, p in enumerate(np.clip(np.asarray(probs, dtype=float), 0.0, 1.0)):
        dist[1 : i + 2] = dist[1 : i + 2] * (1 - p) + dist[: i + 1] * p
        dist[0] *= 1 - p
    return dist


def quorum_probability(probs: Sequence[float], rule: str = "五分之四") -> float:
    """Exact P(quorum) for independent attendance probabilities (Poisson-binomial DP).

    >>> round(quorum_probability([0.9] * 10), 4)   # needs 9 or 10 of 10
    0.7361
    >>> quorum_probability([1.0] * 5), quorum_probability([])
    (1.0, 0.0)
    """
    n = len(probs)
    if n == 0:
        return 0.0
    return float(present_distribution(probs)[min_present(n, rule) :].sum())


def turnout_for_quorum(expected: int, target: float = 0.95, rule: str = "五分之四") -> float:
    """Smallest uniform turnout rate that makes quorum at least ``target`` likely (to 1e-4).

    >>> turnout_for_quorum(30) > 0.9
    True
    """
    if expected <= 0:
        return 1.0
    lo, hi = 0.0, 1.0
    while hi - lo > 1e-4:
        mid = (lo + hi) / 2
        if quorum_probability([mid] * expected, rule) >= target:
            hi = mid
        else:
            lo = mid
    return round(hi, 4)


def support_matrix(
    expected: int,
    n_candidates: int,
    support: Sequence[float] | None = None,
    blocs: Sequence[tuple[float, Sequence[float]]] | None = None,
) -> np.ndarray:
    """Per-voter support (expected × candidates): one profile, or blocs by share.

    Voters are assigned to blocs by largest remainder of ``share × expected``.

    >>> support_matrix(4, 2, blocs=[(0.5, [1.0, 0.0]), (0.5, [0.0, 1.0])]).tolist()
    [[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]]
    """
    if blocs:
        shares = np.array([b[0] for b in blocs], dtype=float)
        shares = shares / shares.sum()
        raw = shares * expected
        counts = np.floor(raw).astype(int)
        for i in np.argsort(-(raw - counts), kind="stable")[: expected - counts.sum()]:
            counts[i] += 1
        rows = [np.asarray(b[1], dtype=float) for b in blocs]
        return np.clip(np.repeat(np.vstack(rows), counts, axis=0), 0.0, 1.0)
    s = np.full(n_candidates, 0.5) if support is None else np.asarray(support, dtype=float)
    return np.clip(np.tile(s, (expected, 1)), 0.0, 1.0)


def simulate_ballots(
    rng: np.random.Generator,
    runs: int,
    attendance: np.ndarray,
    support: np.ndarray,
    seats: int,
    invalid_rate: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw ``runs`` meetings: (present (runs×N), valid ballot (runs×N), chosen (runs×N×C)) booleans."""
    n, c = support.shape
    present = rng.random((runs, n)) < attendance
    valid = present
    if invalid_rate > 0:
        valid = present & (rng.random((runs, n)) >= invalid_rate)
    u = rng.random((runs, n, c), dtype=np.float32)
    s = support.astype(np.float32)
    chosen = u < s
    if c > seats:
        # keep at most `seats` per voter: the candidates backed most strongly (smallest u/s)
        over = chosen.sum(axis=2, dtype=np.int8) > seats  # only these voters need trimming
        if over.any():
            rows = np.nonzero(over)
            uo, co = u[rows], chosen[rows]
            key = np.where(co, uo / np.maximum(s[rows[1]], 1e-9), np.float32(2.0))
            cut = np.partition(key, seats - 1, axis=1)[:, seats - 1 : seats]
            chosen[rows] = co & (key <= cut)
    return present, valid, chosen


def _count(present: np.ndarray, valid: np.ndarray, chosen: np.ndarray, seats: int):
    """Vectorized count of many rounds: votes, quorum, elected, revote mask, unfilled."""
    n = present.shape[1]
    votes = (chosen & valid[:, :, None]).sum(axis=1, dtype=np.int32)
    k = present.sum(axis=1, dtype=np.int32)
    quorum = 5 * k > 4 * n
    qual = (2 * votes > k[:, None]) & quorum[:, None]
    qv = np.where(qual, votes, -1)
    if qv.shape[1] >= seats:
        cut = -np.partition(-qv, seats - 1, axis=1)[:, seats - 1]
    else:
        cut = np.full(qv.shape[0], -1)
    over = qual.sum(axis=1) > seats
    above = qv > cut[:, None]
    tied = (qv == cut[:, None]) & qual
    rest = seats - above.sum(axis=1)
    tie_ok = tied.sum(axis=1) == rest
    elected = np.where(over[:, None], above | (tied & tie_ok[:, None]), qual)
    revote = over & ~tie_ok
    held = np.where(revote, rest, 0)
    unfilled = np.where(quorum, seats - elected.sum(axis=1) - held, seats)
    return votes, k, quorum, elected, revote, unfilled


@dataclass(frozen=True)
class SimulationResult:
    """Figures of N simulated meetings (probabilities are shares of runs)."""

    runs: int
    seed: int | None
    seats: int
    candidates: tuple[str, ...]
    expected: int
    p_quorum: float
    p_quorum_exact: float
    p_elected: tuple[float, ...]
    p_revote: float
    p_unfilled: float
    mean_unfilled: float
    unfilled_dist: tuple[float, ...]  # P(unfilled = u), u = 0..seats
    present_dist: tuple[float, ...]  # simulated P(present = k), k = 0..expected
    vote_dist: np.ndarray  # candidates × (expected+1): share of runs with v votes
    turnout_95: float

    def to_dict(self) -> dict:
        return {
            "runs": self.runs,
            "seed": self.seed,
            "seats": self.seats,
            "expected": self.expected,
            "p_quorum": self.p_quorum,
            "p_quorum_exact": self.p_quorum_exact,
            "p_elected": dict(zip(self.candidates, self.p_elected)),
            "p_revote": self.p_revote,
            "p_unfilled": self.p_unfilled,
            "mean_unfilled": self.mean_unfilled,
            "unfilled_dist": list(self.unfilled_dist),
            "turnout_95": self.turnout_95,
        }


def simulate(
    seats: int,
    candidates: Sequence[str],
    attendance: float | Sequence[float],
    *,
    expected: int | None = None,
    support: Sequence[float] | None = None,
    blocs: Sequence[tuple[float, Sequence[float]]] | None = None,
    runs: int = 10_000,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
    invalid_rate: float = 0.0,
    chunk: int = 25_000,
) -> SimulationResult:
    """Simulate ``runs`` meetings. ``attendance`` is one turnout rate (then give ``expected``)
    or one probability per expected voter.

    >>> r = simulate(3, ["甲", "乙", "丙", "丁"], 0.95, expected=10, support=[0.9, 0.9, 0.9, 0.2], runs=2000, seed=1)
    >>> r.p_quorum_exact > 0.9, r.p_elected[0] > r.p_elected[3]
    (True, True)
    """
    if np.ndim(attendance) == 0:
        if expected is None:
            raise ValueError("expected is required with a single turnout rate")
        probs = np.full(expected, float(attendance))
    else:
        probs = np.clip(np.asarray(attendance, dtype=float), 0.0, 1.0)
    n, c = len(probs), len(candidates)
    rng = rng if rng is not None else np.random.default_rng(seed)
    smat = support_matrix(n, c, support, blocs)
    elected_sum = np.zeros(c)
    quorum_n = revote_n = 0
    unfilled_hist = np.zeros(seats + 1)
    present_hist = np.zeros(n + 1)
    vote_hist = np.zeros((c, n + 1))
    done = 0
    while done < runs:
        m = min(chunk, runs - done)
        present, valid, chosen = simulate_ballots(rng, m, probs, smat, seats, invalid_rate)
        votes, k, quorum, elected, revote, unfilled = _count(present, valid, chosen, seats)
        elected_sum += elected.sum(axis=0)
        quorum_n += int(quorum.sum())
        revote_n += int(revote.sum())
        unfilled_hist += np.bincount(unfilled, minlength=seats + 1)[: seats + 1]
        present_hist += np.bincount(k, minlength=n + 1)
        flat = (votes + np.arange(c) * (n + 1)).ravel()
        vote_hist += np.bincount(flat, minlength=c * (n + 1)).reshape(c, n + 1)
        done += m
    unfilled_dist = unfilled_hist / runs
    return SimulationResult(
        runs=runs,
        seed=seed,
        seats=seats,
        candidates=tuple(candidates),
        expected=n,
        p_quorum=quorum_n / runs,
        p_quorum_exact=quorum_probability(probs),
        p_elected=tuple(float(x) for x in elected_sum / runs),
        p_revote=revote_n / runs,
        p_unfilled=float(1 - unfilled_dist[0]),
        mean_unfilled=float(unfilled_dist @ np.arange(seats + 1)),
        unfilled_dist=tuple(float(x) for x in unfilled_dist),
        present_dist=tuple(float(x) for x in present_hist / runs),
        vote_dist=vote_hist / runs,
        turnout_95=turnout_for_quorum(n),
    )


def _chance(p: float) -> str:
    """A probability as an official says it: 几乎没有 / 约N% / 几乎一定."""
    if p < 0.005:
        return "几乎没有"
    if p > 0.995:
        return "几乎一定"
    return f"约{p:.0%}"


def risk_summary(r: SimulationResult, turnout: float | None = None) -> str:
    """The simulation in one paragraph a coordinator can repeat at the preparatory meeting.

    >>> r = SimulationResult(1000, 1, 5, ("甲",), 10, 0.9, 0.85, (0.9,), 0.02, 0.3, 0.4, (0.7, 0.3),
    ...                      (0.0,), np.zeros((1, 11)), 0.95)
    >>> risk_summary(r, 0.9)
    '按90%的到会率，会议因到会人数不超过应到会的五分之四而无效的可能约15%；选举后出现缺额、需要另行选举的可能约30%；因票数相等需要再次投票的可能约2%。到会率需达到95%，才有95%的把握开成有效的会议。'
    """
    how = f"按{turnout:.0%}的到会率" if turnout is not None else "按各人的到会概率"
    parts = [f"{how}，会议因到会人数不超过应到会的五分之四而无效的可能{_chance(1 - r.p_quorum_exact)}"]
    parts.append(f"选举后出现缺额、需要另行选举的可能{_chance(r.p_unfilled)}")
    if r.p_revote >= 0.005:
        parts.append(f"因票数相等需要再次投票的可能{_chance(r.p_revote)}")
    sure = f"到会率需达到{r.turnout_95:.0%}，才有95%的把握开成有效的会议。"
    if r.turnout_95 >= 0.9999:
        sure = "只有应到会党员全部到会，才有95%的把握开成有效的会议。"
    return "；".join(parts) + "。" + sure
