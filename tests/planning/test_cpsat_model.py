"""The CP-SAT component model: exact on small cases, hint shortcut, wish slots."""

from __future__ import annotations

from model.planning.cpsat_model import Component, maximal_plain, solve_component
from model.planning.pools import Pool, Unit, compositions
from model.rules.policy import Policy

COMPS = compositions((1, 2), Policy())


def unit(i: int, f: int) -> Unit:
    return Unit(i, f"学会{i}", f, "工科", "武汉", "")


def test_two_small_pools_compete():
    """It proves that one F=1 unit must stay out when two pools fight over one F=2 unit."""
    # pool A = {0(F1), 1(F2)}, pool B = {1(F2), 2(F1)}: only one pair can form
    comp = Component(
        (unit(0, 1), unit(1, 2), unit(2, 1)),
        (Pool(("H", "a"), (0, 1), True, False), Pool(("H", "b"), (1, 2), True, False)),
    )
    sol = solve_component(comp, (1, 2), COMPS, 5, 3, 5.0)
    assert (sol.covered, sol.bound, sol.optimal) == (2, 2, True)


def test_full_hint_is_optimal_by_counting():
    """It accepts a hint covering every unit as optimal without searching."""
    comp = Component((unit(0, 1), unit(1, 2)), (Pool(("I", "工科"), (0, 1), True, True),))
    sol = solve_component(comp, (1, 2), COMPS, 5, 3, 5.0, hint={0: 0, 1: 0}, second_limit=-1)
    assert (sol.covered, sol.optimal, sol.assignment) == (2, True, {0: 0, 1: 0})


def test_apart_pair_split_into_slots():
    """It keeps a forbidden pair in different branch slots."""
    units = tuple(unit(i, 1) for i in range(6))
    comp = Component(units, (Pool(("I", "工科"), tuple(range(6)), True, False),), apart=((0, 1),))
    sol = solve_component(comp, (1, 2), COMPS, 5, 3, 5.0)
    assert sol.covered == 6 and all(not {0, 1} <= set(sp) for _, sp, _ in sol.slots)


def test_maximal_plain_drops_nested_pools():
    """It keeps only plain pools not inside a bigger plain pool."""
    pools = (
        Pool(("I", "x"), (0, 1, 2), True, False),
        Pool(("H", "y"), (0, 1), True, False),
        Pool(("IH", "x", "y"), (0, 1), False, True),
    )
    assert maximal_plain(pools) == [0]
