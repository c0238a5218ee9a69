"""Settings metadata: every threshold described, bounds and consistency checked."""

from __future__ import annotations

from dataclasses import fields

from model.rules.policy import Policy
from model.rules.settings import SETTINGS, changed_settings, check_policy, policy_with


def test_every_integer_threshold_has_a_described_setting():
    """It describes every integer field of Policy with a label, a source and the regulation default."""
    ints = {f.name for f in fields(Policy) if f.type in ("int", int)}
    assert {s.field for s in SETTINGS} == ints
    assert all(s.label and s.source and s.low <= s.default <= s.high for s in SETTINGS)


def test_defaults_pass_the_checks():
    """It finds nothing wrong with the regulation's defaults."""
    assert check_policy(Policy()) == ()
    assert changed_settings(Policy()) == ()


def test_out_of_bounds_and_inconsistent_values_named():
    """It names each bad value: out of bounds, 党总支 ≥ 党委, no joint basis, unknown counting basis."""
    bad = Policy(max_units=1, general_branch_min_total=100, bases=(), count_basis="会员")  # type: ignore[arg-type]
    problems = " ".join(check_policy(bad))
    assert "实际为1" in problems and "应小于设党委的人数" in problems
    assert "联建方式至少选一种" in problems and "会员" in problems


def test_policy_with_returns_a_new_value():
    """It returns a changed copy (bases as a tuple) and leaves the original alone."""
    old = Policy()
    new = policy_with(old, max_units=4, bases=["同业共建"])
    assert (new.max_units, new.bases) == (4, ("同业共建",))
    assert old.max_units == 5
    assert set(changed_settings(new)) == {"联合党支部组建单位上限（家）", "允许的联建方式"}
