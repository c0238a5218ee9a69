"""Simulation of elections (model.election.simulate): exact quorum, reproducibility, agreement with the rules engine."""

from __future__ import annotations

import itertools
import math

import numpy as np

from model.election.counting import ElectionSpec, count_election, min_present
from model.election.simulate import (
    _count,
    quorum_probability,
    simulate,
    simulate_ballots,
    support_matrix,
    turnout_for_quorum,
)

CANDS = ["甲", "乙", "丙", "丁", "戊", "己"]


def test_exact_quorum_matches_brute_force():
    """It computes P(quorum) exactly, equal to enumerating every attendance pattern."""
    probs = [0.9, 0.5, 0.99, 0.7, 0.8, 0.95]
    brute = 0.0
    for pattern in itertools.product([0, 1], repeat=len(probs)):
        if 5 * sum(pattern) > 4 * len(probs):
            brute += math.prod(p if a else 1 - p for p, a in zip(probs, pattern))
    assert abs(quorum_probability(probs) - brute) < 1e-12


def test_same_seed_same_result_other_seed_differs():
    """It reproduces a run from its seed."""
    kw = {"expected": 30, "support": [0.8, 0.7, 0.6, 0.6, 0.5, 0.3], "runs": 5000}
    a, b = simulate(5, CANDS, 0.9, seed=42, **kw), simulate(5, CANDS, 0.9, seed=42, **kw)
    c = simulate(5, CANDS, 0.9, seed=43, **kw)
    assert a.p_elected == b.p_elected and a.p_quorum == b.p_quorum and a.seed == 42
    assert a.p_elected != c.p_elected


def test_simulated_quorum_within_sampling_error_of_exact():
    """It agrees with the exact quorum probability within 4 standard errors."""
    probs = np.linspace(0.75, 0.99, 30)
    r = simulate(5, CANDS, probs, support=[0.6] * 6, runs=40_000, seed=7)
    se = math.sqrt(r.p_quorum_exact * (1 - r.p_quorum_exact) / r.runs)
    assert abs(r.p_quorum - r.p_quorum_exact) < 4 * se


def test_vectorized_count_matches_rules_engine():
    """It counts every simulated round exactly as count_election does."""
    rng = np.random.default_rng(3)
    n, seats = 12, 3
    smat = support_matrix(n, 4, [0.7, 0.6, 0.55, 0.5])
    present, valid, chosen = simulate_ballots(rng, 300, np.full(n, 0.9), smat, seats, invalid_rate=0.05)
    votes, k, quorum, elected, revote, unfilled = _count(present, valid, chosen, seats)
    names = CANDS[:4]
    for i in range(300):
        ballots = [
            {"yes": [names[j] for j in range(4) if chosen[i, v, j]]} if valid[i, v] else {"yes": names}
            for v in range(n)
            if present[i, v]
        ]
        spec = ElectionSpec.from_dict(
            {"seats": seats, "candidates": names, "eligible_due": n, "eligible_present": int(k[i]), "ballots": ballots}
        )
        r = count_election(spec)
        assert r.meeting_valid == bool(quorum[i])
        assert set(r.elected) == {names[j] for j in range(4) if elected[i, j]}
        assert bool(r.revote) == bool(revote[i]) and r.unfilled == unfilled[i]


def test_no_ballot_chooses_more_than_seats():
    """It trims each voter's choices to at most the number of seats."""
    rng = np.random.default_rng(0)
    _, _, chosen = simulate_ballots(rng, 200, np.full(10, 1.0), support_matrix(10, 6, [0.95] * 6), 2)
    assert chosen.sum(axis=2).max() == 2


def test_strong_and_weak_candidates_and_blocs():
    """It elects broadly supported candidates far more often, and blocs shape the outcome."""
    r = simulate(2, CANDS[:3], 1.0, expected=20, support=[0.95, 0.9, 0.1], runs=2000, seed=1)
    assert r.p_quorum == 1.0 and r.p_elected[0] > 0.95 and r.p_elected[2] < 0.05
    half = simulate(1, CANDS[:2], 1.0, expected=20, blocs=[(0.5, [1, 0]), (0.5, [0, 1])], runs=200, seed=1)
    assert half.p_elected == (0.0, 0.0) and half.p_unfilled == 1.0  # 10 of 20 is exactly half
    tie = simulate(
        2, CANDS[:3], 1.0, expected=20, runs=200, seed=1, blocs=[(0.4, [1, 1, 0]), (0.4, [1, 0, 1]), (0.2, [0, 1, 1])]
    )
    assert tie.p_elected == (1.0, 0.0, 0.0) and tie.p_revote == 1.0 and tie.p_unfilled == 0.0


def test_turnout_for_quorum_reaches_target():
    """It finds the smallest turnout rate making quorum 95% likely."""
    t = turnout_for_quorum(30)
    assert quorum_probability([t] * 30) >= 0.95 > quorum_probability([t - 0.002] * 30)
    assert min_present(30) / 30 < t < 1
