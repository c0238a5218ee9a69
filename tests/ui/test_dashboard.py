"""ui/dashboard.py: the home page's problem count."""

from __future__ import annotations

from datetime import date

from model.roster.values import Roster, Society
from model.rules.coverage import dashboard
from ui import dashboard as ui_dashboard

# One joint branch 联一 of two societies short of members: two violations at most, one organization.
ROSTER = Roster(
    (
        Society("乙学会", "工科", "武汉市", formal_members=1, existing_org="联一", existing_kind="联合党支部"),
        Society("丙学会", "理科", "宜昌市", formal_members=1, existing_org="联一", existing_kind="联合党支部"),
    )
)


def test_problem_orgs_counts_each_organization_once():
    """It counts an organization breaking several rules once."""
    d = dashboard(ROSTER, today=date(2026, 1, 1))
    assert d.violations and ui_dashboard.problem_orgs(d) == len({v.org for v in d.violations}) == 1
    assert [title for title, _, _ in ui_dashboard.GROUPS] == ["按所在地", "按学科类别", "按支撑单位"]
