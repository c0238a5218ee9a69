"""ui/org_chart.py: the graph page's view key."""

from __future__ import annotations

import json

from ui import org_chart

VIEW = {
    "upper": "  ",
    "layout": "力导向（自由布局）",
    "members": False,
    "personal": True,
    "present": False,
    "aggregated": True,
    "regions": ["宜昌市"],
    "industries": [],
    "kinds": [],
    "query": "计算机",
}


def test_view_key_defaults_the_upper_name_and_hides_personal_data_without_members():
    """It names the default upper organization for a blank name and never shows personal data alone."""
    view = json.loads(org_chart.view_key(**VIEW))
    assert view["upper"] == org_chart.DEFAULT_UPPER and view["personal"] is False
    assert view["layout"] == "force" and view["regions"] == ["宜昌市"] and view["query"] == "计算机"


def test_view_key_is_stable():
    """It gives the same key for the same view (the drawers are cached on it)."""
    assert org_chart.view_key(**VIEW) == org_chart.view_key(**dict(reversed(list(VIEW.items()))))
