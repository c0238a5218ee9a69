"""ui/org_chart.py: the graph page's view keys and meeting exports."""

from __future__ import annotations

import json

from ui import org_chart

VIEW = {
    "upper": "  ",
    "layout": "力导向（自由布局）",
    "members": False,
    "personal": True,
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


def test_overview_key_maps_the_grouping_and_defaults_the_upper_name():
    """It stores the grouping's key (kind/industry/region) and the default upper name for a blank one."""
    view = json.loads(org_chart.overview_key(upper=" ", grouping="按学科类别", regions=[], industries=["工科"]))
    assert view == {
        "upper": org_chart.DEFAULT_UPPER,
        "group_by": "industry",
        "regions": [],
        "industries": ["工科"],
        "apart": [],
    }


def test_every_meeting_export_is_drawn_by_suffix():
    """It draws each meeting export from the overview: PNG, SVG, PDF and PPTX bytes, none with the phone number."""
    from graph_fixtures import PHONE, tiny_plan, tiny_roster

    roster = tiny_roster()
    plan_json = org_chart.plan_key(tiny_plan())
    view = org_chart.overview_key(upper="", grouping="按党组织类型", regions=[], industries=[])
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF", ".pptx": b"PK"}
    for suffix in org_chart.EXPORTS:
        data = org_chart.draw_export.__wrapped__("k", roster, plan_json, view, suffix)
        assert data.startswith(magic[suffix]) and PHONE.encode() not in data


def test_meeting_listing_is_the_clis_xlsx():
    """It offers, with the meeting files, the same listing the CLI's ``graph --out X.xlsx`` writes (no phone)."""
    import io

    from graph_fixtures import PHONE, tiny_plan, tiny_roster
    from openpyxl import load_workbook

    from model.graph.hierarchy import build_hierarchy
    from model.graph.listing import listing_xlsx

    roster = tiny_roster()
    view = org_chart.overview_key(upper="", grouping="按党组织类型", regions=[], industries=[])
    data = org_chart.overview_xlsx.__wrapped__("k", roster, org_chart.plan_key(tiny_plan()), view)
    cli = listing_xlsx(build_hierarchy(roster, tiny_plan()))

    def cells(b: bytes) -> list:
        return [[c.value for c in row] for row in load_workbook(io.BytesIO(b))["组织架构"].iter_rows()]

    assert cells(data) == cells(cli) and len(cells(data)) > 1
    assert PHONE.encode() not in data
