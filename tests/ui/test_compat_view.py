"""ui/compat_view.py: the planner's "who could join whom" section, driven by AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script():
    from model.roster.values import Roster, Society
    from model.rules.policy import Policy
    from ui import compat_view

    roster = Roster(
        (
            Society("甲学会", "工科", "武汉市", formal_members=1),
            Society("乙学会", "工科", "宜昌市", formal_members=2),
            Society("丙学会", "理科", "武汉市", formal_members=1),
            Society("丁学会", "医科", "恩施州", formal_members=1),
        )
    )
    compat_view.compat_section(roster, "digest-1", Policy(), (), ())


def test_summary_by_class_then_one_society():
    """It opens on the 学科类别 summary, switches to 所在地, and shows one society's partners or a warning."""
    at = AppTest.from_function(_script, default_timeout=30).run()
    assert not at.exception
    assert list(at.table[0].value["学科类别"]) == ["工科", "医科", "理科"]  # most candidates first, then by name
    at.radio(key="cv_view").set_value("按所在地汇总").run()
    assert "武汉市" in list(at.table[0].value["所在地"])
    at.radio(key="cv_view").set_value("看某个学会能和谁联合").run()
    assert at.selectbox(key="cv_society").options[0] == "丁学会"  # fewest partners first
    assert any("没有可以联合" in w.value for w in at.warning)
    at.selectbox(key="cv_society").set_value("甲学会").run()
    assert (
        list(at.table[0].value["可联合的学会"]) == ["丙学会", "乙学会"] and not at.warning
    )  # 武汉市 区域联建; 工科 同业共建
