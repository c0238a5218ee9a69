"""ui/workspace_forms.py: the caption above the policy settings."""

from __future__ import annotations

from model.rules.policy import Policy
from ui import workspace_forms


def test_settings_note_names_the_changed_settings():
    """It says all settings are the regulation's defaults, or names the ones changed."""
    assert workspace_forms.settings_note(Policy()).endswith("当前全部为规定默认值。")
    assert workspace_forms.settings_note(Policy(count_basis="秘书处")).endswith("当前已修改：党员统计口径。")
