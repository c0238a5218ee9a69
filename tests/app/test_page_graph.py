"""AppTest of the 组织架构图 page: the overview first, the detailed tree on demand, filters, search, downloads."""

from __future__ import annotations

from graph_fixtures import IMG, PHONE, SCRIPT, tiny_plan, tiny_roster
from helpers import HEAD, open_app, store_roster, xlsx
from streamlit.testing.v1 import AppTest

from model.planning.plan import Plan
from storage.store import Store

PAGE = "app_pages/graph.py"


TINY_PLAN = tiny_plan()


def _seed(plan: Plan | None = TINY_PLAN) -> None:
    """Store the tiny roster (with a 党员 sheet) and, if given, the current plan."""
    societies = [HEAD[:3] + ["支撑单位", HEAD[3]]] + [
        [s.name, s.industry, s.region, s.host_unit, s.formal_members] for s in tiny_roster().societies
    ]
    members = [
        ["姓名", "学会名称", "学会职务", "党员类别", "联系电话"],
        ["张三", "湖北省计算机学会", "理事长", "正式", PHONE],
    ]
    store = Store.default()
    ws_name = store.current_workspace()
    store_roster(store, xlsx({"学会": societies, "党员": members}), "名册.xlsx", workspace=ws_name)
    if plan is not None:
        store.put(ws_name, "plan", "current", plan.to_dict())


def _page() -> AppTest:
    return open_app(PAGE)


def _html(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def _tree(at: AppTest) -> AppTest:
    return at.radio(key="graph_view").set_value("详细树状图").run()


def test_page_opens_on_the_grouped_overview():
    """It opens on the overview: group cards for the tiny plan, names escaped, the documents' joint name, five meeting downloads."""
    _seed()
    at = _page()
    assert not at.exception and not at.error
    page = _html(at)
    assert 'id="overview-data"' in page and "全屏演示" in page
    assert f"{IMG}等2家单位联合党支部" not in page  # raw name never in the page: only escaped
    assert "\\u003cimg src=x onerror=alert(1)\\u003e等2家单位联合党支部" in page
    assert "联合党支部（同业共建）" in page and "未覆盖学会" in page and "</script><script>alert" not in page
    assert [b.label for b in at.get("download_button")] == [
        "PNG 图片（16:9 幻灯片）",
        "SVG 矢量图",
        "PDF（A3 打印）",
        "会议幻灯片（PPTX）",
        "总览离线网页（HTML）",
        "组织架构清单（Excel）",
    ]
    deck = next(b for b in at.get("download_button") if b.label == "会议幻灯片（PPTX）")
    assert "共3页" in deck.proto.help  # title, overview, J001
    assert PHONE not in page


def test_grouping_and_filter_change_the_overview():
    """It regroups the overview by 所在地 and keeps only the chosen region's organizations."""
    _seed()
    at = _page()
    at.radio(key="graph_group").set_value("按所在地").run()
    page = _html(at)
    assert '"title": "武汉市"' in page and '"title": "恩施州"' in page
    at.multiselect(key="graph_regions").set_value(["恩施州"]).run()
    page = _html(at)
    assert '"title": "恩施州"' in page and '"title": "武汉市"' not in page
    assert at.dataframe[0].value["学会数"].sum() == 1


def test_tree_view_draws_the_current_plan():
    """It draws the detailed tree, escaped, without the frame's own filters (one set of controls)."""
    _seed()
    at = _tree(_page())
    assert not at.exception and not at.error
    page = _html(at)
    assert "湖北省计算机学会党支部" in page and IMG not in page and "</script><script>alert" not in page
    assert '"controls": false' in page
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == ["树状图离线网页（HTML）", "组织架构清单（Excel）"] and "会议幻灯片（PPTX）" in labels


def test_personal_data_only_after_both_toggles():
    """It keeps phone numbers out until members and personal data are both switched on."""
    _seed()
    at = _tree(_page())
    assert at.toggle(key="graph_personal").value is False
    at.toggle(key="graph_members").set_value(True).run()
    assert "张三" in _html(at) and PHONE not in _html(at)
    at.toggle(key="graph_personal").set_value(True).run()
    assert PHONE in _html(at)


def test_filter_and_search_in_the_tree():
    """It filters the tree by region and lists search hits."""
    _seed()
    at = _tree(_page())
    at.multiselect(key="graph_regions").set_value(["宜昌市"]).run()
    assert "湖北省计算机学会" not in _html(at)
    at.multiselect(key="graph_regions").set_value([]).run()
    at.text_input(key="graph_query").input("onerror").run()
    hits = at.dataframe[0].value
    assert list(hits["学会名称"]) == [IMG]


def test_scenario_can_be_chosen():
    """It offers saved scenarios and draws the chosen one."""
    _seed()
    alt = Plan(
        tiny_plan().policy,
        tiny_plan().organizations[:1],
        liaison=("湖北省植物学会", IMG, SCRIPT),
        uncovered=("湖北省中医药学会",),
    )
    store = Store.default()
    store.put(store.current_workspace(), "scenario", "方案乙", alt.to_dict())
    at = _page()
    at.selectbox(key="graph_plan").set_value("方案：方案乙").run()
    assert not at.exception
    assert "联合党支部（" not in _html(at).split('id="overview-data"')[1]
    _tree(at)
    assert "联合党支部" not in _html(at).split('id="graph-data"')[1]


def test_no_plan_yet_points_to_the_planner():
    """It explains that a plan is needed and links to the planner page when there is none."""
    _seed(plan=None)
    at = _page()
    assert not at.exception
    assert any("还没有规划方案" in i.value for i in at.info)
    assert not at.get("iframe")


def test_upper_name_is_saved():
    """It saves the upper committee's name and draws it."""
    _seed()
    at = _page()
    at.text_input(key="graph_upper").input("湖北省科协党组").run()
    assert "湖北省科协党组" in _html(at)
    store = Store.default()
    assert store.get(store.current_workspace(), "graph", "settings") == {"upper": "湖北省科协党组"}


def test_large_plan_opens_aggregated():
    """It opens a plan of more than 1,000 nodes in the aggregated view, one node per organization."""
    from graph_fixtures import big_roster_plan

    roster, plan = big_roster_plan(1200)
    rows = [HEAD] + [[s.name, s.industry, s.region, s.formal_members] for s in roster.societies]
    store = Store.default()
    store_roster(store, xlsx({"学会": rows}), "big.xlsx", note="大名册", workspace=store.current_workspace())
    store.put(store.current_workspace(), "plan", "current", plan.to_dict())
    at = _page()
    assert len(at.dataframe[0].value) <= 10  # the overview: a handful of groups, whatever the size
    _tree(at)
    assert not at.exception and at.toggle(key="graph_aggregated").value is True
    data = _html(at).split('id="graph-data"')[1]
    assert "第0003学会等3家单位联合党支部（3家学会）" in data and '"name": "第0004学会"' not in data
