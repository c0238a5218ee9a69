"""Benchmark: 100,000 simulated elections of a 30-member branch (target ≤ 1 s), vectorized
numpy (model.election.simulate) against a plain Python loop over runs and voters on fewer runs,
and the rules engine (model.election.counting.count_election) per round for scale.

Run: .venv/bin/python bench/bench_election.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.election.counting import ElectionSpec, count_election
from model.election.simulate import simulate

N, SEATS, RUNS, LOOP_RUNS, ENGINE_RUNS = 30, 5, 100_000, 5_000, 1_000
CANDS = ["甲", "乙", "丙", "丁", "戊", "己"]
SUPPORT = [0.8, 0.7, 0.6, 0.6, 0.5, 0.3]
TURNOUT = 0.9


def loop_round(rnd: random.Random) -> tuple[bool, tuple[str, ...], bool, int]:
    """One meeting with plain Python loops (same model as model.election.simulate)."""
    present = [rnd.random() < TURNOUT for _ in range(N)]
    k = sum(present)
    if not 5 * k > 4 * N:
        return False, (), False, SEATS
    votes = dict.fromkeys(CANDS, 0)
    for here in present:
        if not here:
            continue
        keys = []
        for c, s in zip(CANDS, SUPPORT):
            u = rnd.random()
            if u < s:
                keys.append((u / s, c))
        for _, c in sorted(keys)[:SEATS]:
            votes[c] += 1
    qual = sorted((c for c in CANDS if 2 * votes[c] > k), key=lambda c: -votes[c])
    if len(qual) <= SEATS:
        return True, tuple(qual), False, SEATS - len(qual)
    cut = votes[qual[SEATS - 1]]
    above = [c for c in qual if votes[c] > cut]
    tied = [c for c in qual if votes[c] == cut]
    if len(tied) == SEATS - len(above):
        return True, tuple(above + tied), False, 0
    return True, tuple(above), True, 0


def main() -> None:
    simulate(SEATS, CANDS, TURNOUT, expected=N, support=SUPPORT, runs=1000, seed=0)  # warm-up
    t0 = time.perf_counter()
    r = simulate(SEATS, CANDS, TURNOUT, expected=N, support=SUPPORT, runs=RUNS, seed=1)
    vec = time.perf_counter() - t0
    rnd = random.Random(1)
    t0 = time.perf_counter()
    loop = [loop_round(rnd) for _ in range(LOOP_RUNS)]
    lt = time.perf_counter() - t0
    spec = ElectionSpec.from_dict(
        {
            "seats": SEATS,
            "candidates": CANDS,
            "eligible_due": N,
            "eligible_present": 27,
            "ballots": [{"yes": CANDS[:3]}] * 20 + [{"yes": CANDS[2:6]}] * 7,
        }
    )
    t0 = time.perf_counter()
    for _ in range(ENGINE_RUNS):
        count_election(spec)
    et = time.perf_counter() - t0
    per_vec, per_loop = vec / RUNS, lt / LOOP_RUNS
    print(
        f"vectorized: {RUNS:,} elections of a {N}-member branch in {vec:.3f} s "
        f"({per_vec * 1e6:.2f} µs each) — target ≤ 1 s: {'OK' if vec <= 1 else 'MISSED'}"
    )
    print(
        f"python loop: {LOOP_RUNS:,} elections in {lt:.3f} s ({per_loop * 1e6:.1f} µs each); "
        f"projected {RUNS:,}: {per_loop * RUNS:.1f} s"
    )
    print(f"speed-up vectorized / loop: {per_loop / per_vec:.0f}×")
    print(f"rules engine count_election (27 ballots): {et / ENGINE_RUNS * 1e6:.0f} µs per round")
    lq = sum(x[0] for x in loop) / LOOP_RUNS
    print(
        f"agreement: P(quorum) vectorized {r.p_quorum:.4f}, loop {lq:.4f}, exact {r.p_quorum_exact:.4f}; "
        f"P(甲 elected) vectorized {r.p_elected[0]:.4f}, loop {sum('甲' in x[1] for x in loop) / LOOP_RUNS:.4f}"
    )


if __name__ == "__main__":
    main()
