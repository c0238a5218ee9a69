"""AppTest of pages/election.py: set-up, simulation, counting, result, plenary and the letter."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def page():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/election.py").run()
    assert not at.exception
    return at


def step(at, name):
    at.segmented_control(key="el_step").set_value(name).run()
    assert not at.exception, at.exception
    return at


def test_setup_shows_electorate_and_live_candidate_check(page):
    """It shows 应到会 from the roster and checks the 差额 count as candidates are chosen."""
    metrics = {m.label: m.value for m in page.metric}
    assert int(metrics["应到会有选举权党员"]) > 0
    assert any("不符合" in w.value for w in page.warning)
    _choose_candidates(page)
    assert not page.exception
    assert any("差额选举" in s.value and "符合" in s.value and "不符合" not in s.value for s in page.success)


def _choose_candidates(at, n=6):
    ms = next(m for m in at.multiselect if m.label.startswith("候选人"))
    ms.set_value(ms.options[:n]).run()
    return ms.options[:n]


def test_simulation_step_shows_exact_and_simulated_quorum(page):
    """It simulates with a shown seed and reports exact and simulated quorum probabilities."""
    _choose_candidates(page)
    step(page, "2a 模拟（会前）")
    labels = [m.label for m in page.metric]
    assert "会议有效概率（精确）" in labels and "到会率达到多少才有95%把握" in labels
    assert any("随机种子2024" in c.value for c in page.caption)


def test_count_result_plenary_and_letter_persist(page):
    """It counts tallies live, keeps the election across a fresh session, and fills 模板6."""
    names = _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    page.radio(key="el_entry").set_value("按候选人汇总票数").run()
    present = int(page.number_input(key="el_issued").value)
    page.number_input(key="el_ret").set_value(present).run()
    assert not page.exception
    assert any("会议有效" in t.value for t in page.text)
    # a fresh session (a refresh) sees the same stored election
    again = AppTest.from_file(APP, default_timeout=60).run()
    again.switch_page("pages/election.py").run()
    step(again, "2b 计票（选举日）")
    assert again.radio(key="el_entry").value == "按候选人汇总票数"
    step(page, "4 首次全体会议与请示")
    assert not page.exception


def test_ballot_entry_counts_each_ballot(page):
    """It records ballots one by one and shows the running count."""
    names = _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    page.segmented_control(key="el_mark_0").set_value("赞成")
    form_submit = [b for b in page.button if b.label == "录入这张选票"]
    assert form_submit
    form_submit[0].click().run()
    assert not page.exception
    assert any("已录入选票1张" in c.value for c in page.caption)
    assert any(names[0] in t.value and "得赞成票1票" in t.value for t in page.text)


def test_ballots_to_letter(page):
    """It elects from entered ballots and fills the 模板6 text with votes and the secretary."""
    names = _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    for _ in range(4):
        for i in range(5):
            page.segmented_control(key=f"el_mark_{i}").set_value("赞成")
        next(b for b in page.button if b.label == "录入这张选票").click().run()
    assert not page.exception
    step(page, "3 结果")
    assert any("当选" in t.value for t in page.text)
    step(page, "4 首次全体会议与请示")
    letter = page.text_area(key="el_letter").value
    assert "换届选举结果的请示" in letter and f"{names[0]}同志得票4票" in letter
    assert "当选书记" in letter and "超过五分之四" in letter


def test_by_election_setup(page):
    """It switches to 补选: 等额 by default, committee size and vacancies shown."""
    page.radio(key="el_kind").set_value("补选").run()
    assert not page.exception
    assert any("出现空缺1人" in c.value for c in page.caption)
    assert next(r for r in page.radio if r.label == "选举方式").value == "等额"
