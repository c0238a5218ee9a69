"""AppTest of app_pages/election.py: set-up, simulation, counting, result, plenary and the letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from storage.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


FIRST_OWN = "湖北省岩石力学与工程学会党支部"  # the sample's first society with its own branch (F = 7: a committee)


@pytest.fixture
def page():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/election.py").run()
    assert not at.exception
    at.selectbox(key="el_org").set_value(FIRST_OWN).run()
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


def _cast_yes(at, ballots: int, marks: int) -> None:
    """Enter ``ballots`` ballots marking the first ``marks`` candidates 赞成."""
    for _ in range(ballots):
        for i in range(marks):
            at.segmented_control(key=f"el_mark_{i}").set_value("赞成")
        next(b for b in at.button if b.label == "录入这张选票").click().run()


def test_simulation_step_shows_exact_and_simulated_quorum(page):
    """It simulates with a shown seed and reports exact and simulated quorum probabilities."""
    _choose_candidates(page)
    step(page, "2a 模拟（会前）")
    labels = [m.label for m in page.metric]
    assert "会议有效概率（精确）" in labels and "到会率达到多少才有95%把握" in labels
    assert any("随机种子2024" in c.value for c in page.caption)


def test_count_result_plenary_and_letter_persist(page):
    """It counts tallies live, keeps the election across a fresh session, and fills 模板6."""
    _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    page.radio(key="el_entry").set_value("按候选人汇总票数").run()
    present = int(page.number_input(key="el_issued").value)
    page.number_input(key="el_ret").set_value(present).run()
    assert not page.exception
    assert any("会议有效" in t.value for t in page.text)
    # a fresh session (a refresh) sees the same stored election
    again = AppTest.from_file(APP, default_timeout=60).run()
    again.switch_page("app_pages/election.py").run()
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
    _cast_yes(page, ballots=4, marks=5)
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


# ---- a branch without a committee (F < 7): the members' meeting elects 书记 directly ----

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx"


@pytest.fixture
def small_branch(db_path):
    """The sample roster and its plan in the store; the page opened on the first joint branch with F < 7."""
    from helpers import store_roster

    from model import load_roster, plan_joint_branches
    from storage.store import DEFAULT_WORKSPACE, Store

    store = store_roster(Store(db_path), SAMPLE.read_bytes(), "sample_roster.xlsx")
    plan = plan_joint_branches(load_roster(SAMPLE))
    store.put(DEFAULT_WORKSPACE, "plan", "current", plan.to_dict())
    org = next(o for o in plan.organizations if o.joint and o.formal_members < 7)
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/election.py").run()
    label = next(o for o in at.selectbox(key="el_org").options if o.startswith(f"{org.id} "))
    at.selectbox(key="el_org").set_value(label).run()
    assert not at.exception, at.exception
    return at, store, label, org


def test_small_branch_shows_the_direct_flow_without_plenary(small_branch):
    """It says 不设委员会, hides 补选 and the plenary step, and checks the 书记 candidate 等额."""
    at, _, label, _ = small_branch
    assert any(i.value == "不设委员会：由党员大会直接选举书记（可设副书记1名）" for i in at.info)
    assert not [r for r in at.radio if r.label == "选举类型"]
    steps = at.segmented_control(key="el_dstep").options
    assert steps[-1] == "4 选举结果的请示" and not any("全体会议" in s for s in steps)
    at.selectbox(key=f"el_sec_{label}").set_value(at.selectbox(key=f"el_sec_{label}").options[0]).run()
    assert any("等额选举：应选1名" in s.value and "不符合" not in s.value for s in at.success)


def test_small_branch_elects_secretary_and_writes_the_request(small_branch):
    """It counts the 书记 ballots, shows who holds the post, stores the flow and writes 模板6 without 委员会."""
    at, store, label, org = small_branch
    sec = at.selectbox(key=f"el_sec_{label}")
    name = sec.options[0]
    sec.set_value(name).run()
    at.segmented_control(key="el_dstep").set_value("2b 计票（选举日）").run()
    for _ in range(org.formal_members):
        at.segmented_control(key="el_mark_0").set_value("赞成")
        next(b for b in at.button if b.label == "录入这张选票").click().run()
    assert not at.exception, at.exception
    at.segmented_control(key="el_dstep").set_value("3 结果").run()
    table = at.dataframe[-1].value
    assert list(table["当选"]) == [name] and list(table["职务"]) == ["书记"]
    at.segmented_control(key="el_dstep").set_value("4 选举结果的请示").run()
    assert not at.exception, at.exception
    letter = at.text_area(key="el_letter").value
    assert f"{name}同志当选书记" in letter and "委员会" not in letter and "全体会议" not in letter
    from storage.store import DEFAULT_WORKSPACE

    saved = store.get(DEFAULT_WORKSPACE, "election", f"{label}|换届")
    assert saved["flow"] == "直接选举" and saved["secretary"] == name and saved["mode"] == "等额"


# ---- election day kept complete (issue: ballots in stroke order, nothing lost, plain-language risk) ----


def test_nothing_is_decided_before_any_ballot(page):
    """It says the result is open while no ballot is entered, and offers the ballot and tally sheet in Word."""
    _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    assert any("尚未录入选票，选举结果未定" in i.value for i in page.info)
    assert not [m for m in page.metric if m.label == "缺额"]
    labels = [b.label for b in page.get("download_button")]
    assert "下载选票（Word，候选人按姓氏笔画为序）" in labels and "下载计票单（Word）" in labels
    step(page, "3 结果")
    assert any("尚未录入选票，选举结果未定" in i.value for i in page.info)
    assert not [m for m in page.metric if m.label == "缺额"] and not [b for b in page.button if b.key == "el_next"]


def test_candidates_are_offered_and_kept_in_stroke_order(page):
    """It lists the candidates to choose from, and the chosen ones, in 姓氏笔画 order."""
    from model.election.stroke_order import stroke_sorted

    ms = next(m for m in page.multiselect if m.label.startswith("候选人"))
    assert list(ms.options) == stroke_sorted(ms.options)
    ms.set_value(list(reversed(ms.options[:6]))).run()
    store = Store.default()
    stored = store.get(store.current_workspace(), "election", f"{FIRST_OWN}|换届")
    assert stored["candidates"] == stroke_sorted(ms.options[:6])  # the ballot's order, whatever the picking order


def test_simulation_leads_with_one_sentence(page):
    """It says the risk in one sentence with the turnout needed for 95%, the figures behind it below."""
    _choose_candidates(page)
    step(page, "2a 模拟（会前）")
    sentence = page.success[0].value
    assert sentence.startswith("按90%的到会率，会议因到会人数不超过应到会的五分之四而无效的可能")
    assert "才有95%的把握开成有效的会议" in sentence


def test_plenary_and_meeting_date_survive_leaving_the_page(page):
    """It shows the saved meeting date, attendance, posts and votes again after another page was visited."""
    import datetime

    names = _choose_candidates(page)
    step(page, "2b 计票（选举日）")
    _cast_yes(page, ballots=4, marks=5)
    step(page, "4 首次全体会议与请示")
    page.date_input(key="el_date").set_value(datetime.date(2026, 11, 20)).run()
    page.number_input(key="el_pl_present").set_value(4).run()
    page.number_input(key="el_pl_sy").set_value(3).run()
    assert not page.exception
    assert "2026年11月20日" in page.text_area(key="el_letter").value  # the preview follows every field at once
    page.switch_page("app_pages/home.py").run()
    page.switch_page("app_pages/election.py").run()
    step(page, "4 首次全体会议与请示")
    assert page.date_input(key="el_date").value == datetime.date(2026, 11, 20)
    assert page.number_input(key="el_pl_present").value == 4 and page.number_input(key="el_pl_sy").value == 3
    letter = page.text_area(key="el_letter").value
    assert "2026年11月20日" in letter and "实到会4人" in letter and "得3票，当选书记" in letter
    assert names  # candidates were chosen


def test_home_page_term_opens_the_election_of_that_organization():
    """It opens the election set-up on the organization whose term ends, from the home page's 届满 list."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    choice = at.selectbox(key="home_term_org")
    target = choice.options[1]
    choice.set_value(target).run()
    at.button(key="home_term_go").click().run()
    assert not at.exception
    assert at.selectbox(key="el_org").value.startswith(target.removesuffix("党支部"))


def test_organizations_are_listed_by_term_end():
    """It lists the organizations with the soonest term end first and says when the chosen one's term ends."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/election.py").run()
    assert at.selectbox(key="el_org").value == "湖北省微生物学会党支部"  # 届满 2026-06-27, the sample's soonest
    assert any("本届任期已于2026年6月27日届满，应尽快换届" in c.value for c in at.caption)


def test_simulation_settings_and_previous_election_are_kept(page):
    """It shows the saved turnout, seed and 上届选举日期 again after another page was visited."""
    import datetime

    page.date_input(key=f"el_prev_{FIRST_OWN}换届").set_value(datetime.date(2021, 6, 1)).run()
    _choose_candidates(page)
    step(page, "2a 模拟（会前）")
    page.slider(key="el_sim_turnout").set_value(0.8).run()
    page.number_input(key="el_sim_seed").set_value(7).run()
    page.switch_page("app_pages/home.py").run()
    page.switch_page("app_pages/election.py").run()
    assert page.segmented_control(key="el_step").value == "2a 模拟（会前）"  # the step last open
    assert page.slider(key="el_sim_turnout").value == 0.8 and page.number_input(key="el_sim_seed").value == 7
    assert page.success[0].value.startswith("按80%的到会率")
    step(page, "1 设置")
    assert page.date_input(key=f"el_prev_{FIRST_OWN}换届").value == datetime.date(2021, 6, 1)
