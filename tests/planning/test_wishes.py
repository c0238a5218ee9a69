"""The coordinator's wishes are checked before planning; each problem names the wish."""

from __future__ import annotations

from model.planning.wishes import pin_groups, wish_findings
from model.roster.values import Roster, Society
from model.rules.policy import Policy

ROSTER = Roster(
    (
        Society("甲", "工科", "武汉", None, 1),
        Society("乙", "工科", "武汉", None, 2),
        Society("丙", "理科", "恩施", None, 1),
        Society("丁", "工科", "武汉", None, 5),
        Society("戊", "工科", "武汉", None, 0),
    )
)


def msgs(**kw) -> list[tuple[str, str]]:
    return [(f.column, f.message) for f in wish_findings(ROSTER, Policy(), file="LOCKS.json", **kw)]


def test_valid_wishes_pass():
    """It finds nothing wrong with a valid lock, pin and forbidden pair."""
    assert msgs(locks=[("甲", "乙")], apart=[("甲", "丙")]) == []
    assert msgs(together=[("甲", "乙")]) == []


def test_lock_problems_named():
    """It names the lock and the rule: unknown, F≥3, F=0, repeated, no basis."""
    found = msgs(locks=[("甲", "无名"), ("丁", "戊"), ("乙", "乙")])
    assert ("锁定支部1", "学会“无名”不在名册中") in found
    assert any(c == "锁定支部2" and "应单独建立党组织" in m for c, m in found)
    assert any(c == "锁定支部2" and "无正式党员" in m for c, m in found)
    assert ("锁定支部3", "学会“乙”在本支部中重复出现") in found
    assert any("没有一种组建方式" in m for _, m in msgs(locks=[("乙", "丙")]))


def test_pin_conflicts():
    """It refuses pins without a basis, across locks, or contradicting a forbidden pair."""
    assert any("没有可用的组建方式" in m for _, m in msgs(together=[("甲", "丙")]))
    assert any("锁定支部把他们分开" in m for _, m in msgs(locks=[("甲", "乙")], together=[("乙", "丙")]))
    assert any("既被要求同支部又被要求不同支部" in m for _, m in msgs(together=[("甲", "乙")], apart=[("乙", "甲")]))


def test_pin_groups_transitive():
    """It closes pinned pairs transitively."""
    assert pin_groups([("a", "b"), ("b", "c"), ("x", "y")]) == [["a", "b", "c"], ["x", "y"]]
