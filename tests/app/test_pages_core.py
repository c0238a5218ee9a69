"""AppTest of app.py and the home, roster and workspace pages (driven by widget keys)."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import HEAD, REPO, open_app, store_roster, xlsx
from streamlit.testing.v1 import AppTest

from model.roster.loading import parse_roster, raw_from_dict, write_roster_xlsx
from model.roster.values import Roster, Society
from model.rules.coverage import dashboard
from model.rules.coverage_tables import percent
from model.rules.policy import Policy
from storage.store import DEFAULT_WORKSPACE, Store

SAMPLE = REPO / "sample_data" / "sample_roster.xlsx"
HOSTILE = "<script>alert(1)</script>学会"

# Four societies: an own branch, a two-unit joint branch short of members, and one with no members.
TINY = Roster(
    (
        Society(
            "湖北省甲学会",
            "工科",
            "武汉市",
            formal_members=3,
            existing_org="甲党支部",
            existing_kind="党支部",
            term_ends=date(2026, 12, 31),
        ),
        Society("湖北省乙学会", "工科", "武汉市", formal_members=1, existing_org="联一", existing_kind="联合党支部"),
        Society("湖北省丙学会", "理科", "宜昌市", formal_members=1, existing_org="联一", existing_kind="联合党支部"),
        Society(HOSTILE, "理科", "宜昌市", formal_members=0),
    )
)


@pytest.fixture
def store(db_path) -> Store:
    return Store(db_path)


@pytest.fixture
def tiny(store) -> Store:
    """The tmp database with TINY as the default workspace's roster."""
    return store_roster(store, TINY)


def put_bad_roster(store: Store) -> None:
    """Replace the roster with one whose only society has 理事会正式党员数 “三” (one error)."""
    store_roster(store, xlsx({"学会": [HEAD, ["湖北省甲学会", "工科", "武汉市", "三"]]}), "bad.xlsx", note="")


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "caption", "markdown", "info", "success", "warning", "error")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def stored_roster(store: Store) -> Roster:
    return parse_roster(raw_from_dict(store.get(DEFAULT_WORKSPACE, "roster", "current")))


def test_app_opens_on_the_home_page_with_tiny_roster_figures(tiny):
    """It opens app.py on 覆盖情况总览 with the coverage figures model.rules.coverage computes."""
    at = open_app()
    d = dashboard(TINY, Policy(), today=date.today())
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["组织覆盖率"] == percent(d.now.organized_rate) == "75.0%"
    assert metrics["工作覆盖率"] == "75.0%"
    assert metrics["学会总数"] == "4"
    assert "覆盖情况总览" in texts(at) and "对照覆盖率目标" in texts(at)
    problems = next(df.value for df in at.dataframe if "问题" in df.value.columns)
    assert list(problems["问题"]) == ["正式党员不足3名"]


def test_empty_workspace_opens_on_the_sample(store):
    """It loads the sample roster into an empty workspace and shows its figures."""
    at = open_app()
    assert store.get(DEFAULT_WORKSPACE, "roster", "current") is not None
    sample = stored_roster(store)
    assert len(sample.societies) >= 100
    expected = percent(dashboard(sample, Policy(), today=date.today()).now.organized_rate)
    assert {m.label: m.value for m in at.metric}["组织覆盖率"] == expected


def test_home_page_with_roster_errors_points_to_the_roster_page(store):
    """It shows a notice with a link to the roster page when the roster has errors."""
    put_bad_roster(store)
    at = open_app()
    assert any("名册有 1 处错误" in w.value for w in at.warning)
    assert any(link.proto.page.endswith("roster.py") or "roster" in link.proto.page for link in at.get("page_link"))


def test_roster_page_edit_revalidates_and_persists(tiny):
    """It saves a data_editor edit, re-validates it (a finding appears) and can undo it."""
    at = open_app("app_pages/roster.py")
    editor = next(e for e in at.data_editor if e.key.startswith("edit_学会_"))
    at.session_state[editor.key] = {
        "edited_rows": {0: {"理事会正式党员数": "三"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    findings = at.dataframe[0].value
    assert "应为非负整数" in " ".join(findings["说明"])
    assert stored_roster(tiny).errors
    assert at.data_editor[0].key != editor.key  # a fresh editor on the saved content
    undo = next(b for b in at.button if b.label == "撤销上一次修改")
    undo.click().run()
    assert not stored_roster(tiny).errors
    assert any("没有发现问题" in s.value for s in at.success)


def test_roster_page_add_row_via_editor(tiny):
    """It adds a society typed into a new editor row, and re-validates the missing fields."""
    at = open_app("app_pages/roster.py")
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {}, "added_rows": [{"学会名称": "湖北省新学会"}], "deleted_rows": []}
    at.run()
    roster = stored_roster(tiny)
    assert "湖北省新学会" in roster
    assert any(f.column == "学科类别" for f in roster.errors)


def test_selecting_a_finding_shows_its_row(tiny):
    """It shows the roster row of the finding selected in the findings table."""
    at = open_app("app_pages/roster.py")
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {1: {"所在地": ""}}, "added_rows": [], "deleted_rows": []}
    at.run()
    table = next(df for df in at.dataframe if df.key and df.key.startswith("findings_"))
    at.session_state[table.key] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    shown = [df.value for df in at.dataframe if "学会名称" in df.value.columns and df.editing_mode == "read_only"]
    assert shown and shown[0]["学会名称"].iloc[0] == "湖北省乙学会"


def test_upload_waits_for_confirmation(tiny):
    """It keeps the current roster after an upload until 替换 is clicked; a bad file only lists findings."""
    at = open_app("app_pages/roster.py")
    at.file_uploader[0].upload("坏文件.xlsx", b"this is not a workbook").run()
    assert not at.exception
    assert "坏文件" in texts(at) and "0 个学会，1 处错误" in texts(at)
    replace = next(b for b in at.button if b.label == "用此文件替换当前名册")
    assert replace.disabled
    assert len(stored_roster(tiny).societies) == 4
    good = Roster(TINY.societies[:2])
    at.file_uploader[0].upload("新名册.xlsx", write_roster_xlsx(good)).run()
    assert len(stored_roster(tiny).societies) == 4
    next(b for b in at.button if b.label == "用此文件替换当前名册").click().run()
    assert not at.exception
    assert len(stored_roster(tiny).societies) == 2
    assert tiny.history(DEFAULT_WORKSPACE)[0][1] == "上传 新名册.xlsx"


def test_roster_page_downloads(tiny):
    """It offers the roster in the canonical template and the blank template."""
    at = open_app("app_pages/roster.py")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载当前名册（标准模板）", "下载空白模板"]


def test_workspace_create_switch_and_settings(tiny):
    """It creates and switches workspaces, and saves and resets the policy settings."""
    at = open_app("app_pages/workspace.py")
    assert "工作区与设置" in texts(at)
    at.text_input[0].input("2027年规划")
    next(b for b in at.button if b.label == "新建并切换").click().run()
    assert not at.exception
    assert tiny.current_workspace() == "2027年规划"
    assert at.selectbox(key="ws_select").value == "2027年规划"
    next(n for n in at.number_input if n.label.startswith("联合党支部组建单位上限")).set_value(4)
    next(b for b in at.button if b.label == "保存设置").click().run()
    assert tiny.get("2027年规划", "settings", "policy")["max_units"] == 4
    assert tiny.get(DEFAULT_WORKSPACE, "settings", "policy") is None
    next(b for b in at.button if b.label == "恢复规定默认值").click().run()
    assert Policy.from_dict(tiny.get("2027年规划", "settings", "policy")) == Policy()
    at.selectbox(key="ws_select").select(DEFAULT_WORKSPACE).run()
    assert tiny.current_workspace() == DEFAULT_WORKSPACE


def test_workspace_settings_refuse_inconsistent_values(tiny):
    """It refuses settings where 党总支 needs as many members as 党委, saying why."""
    at = open_app("app_pages/workspace.py")
    next(n for n in at.number_input if n.label.startswith("设党总支")).set_value(100)
    next(b for b in at.button if b.label == "保存设置").click().run()
    assert any("应小于设党委的人数" in e.value for e in at.error)
    assert tiny.get(DEFAULT_WORKSPACE, "settings", "policy") is None


def test_workspace_rename_and_duplicate_name(tiny):
    """It renames the workspace, and shows a Chinese error (no traceback) for a taken name."""
    tiny.create_workspace("乙")
    at = open_app("app_pages/workspace.py")
    rename = next(t for t in at.text_input if t.label == "重命名当前工作区")
    rename.input("乙")
    next(b for b in at.button if b.label == "重命名").click().run()
    assert not at.exception and any("已存在" in e.value for e in at.error)
    next(t for t in at.text_input if t.label == "重命名当前工作区").input("甲")
    next(b for b in at.button if b.label == "重命名").click().run()
    assert tiny.workspaces() == ["甲", "乙"]
    assert stored_roster_for(tiny, "甲").societies


def stored_roster_for(store: Store, ws: str) -> Roster:
    return parse_roster(raw_from_dict(store.get(ws, "roster", "current")))


def test_hostile_workspace_name_is_text(tiny):
    """It renders a workspace name with HTML/Markdown in it as text, never as markup."""
    tiny.rename_workspace(DEFAULT_WORKSPACE, "<b>粗</b>_x_")
    tiny.set_current_workspace("<b>粗</b>_x_")
    at = open_app()
    side = [c.value for c in at.sidebar.caption if "当前工作区" in c.value]
    assert side == ["当前工作区：\\<b\\>粗\\</b\\>\\_x\\_"]


def test_two_sessions_see_the_same_workspace(tiny):
    """It shows an edit made in one session (tab) to another session, and the chosen workspace too."""
    first = open_app("app_pages/roster.py")
    second = open_app("app_pages/roster.py")
    key = first.data_editor[0].key
    first.session_state[key] = {"edited_rows": {0: {"理事会正式党员数": "三"}}, "added_rows": [], "deleted_rows": []}
    first.run()
    second.run()
    assert "已在其他标签页或由同事修改" in texts(second)  # the open tab is told, and keeps what it showed
    second.button(key="stale_reload").click().run()
    assert "应为非负整数" in " ".join(second.dataframe[0].value["说明"])
    assert "已在其他标签页" not in texts(second)
    tiny.create_workspace("乙")
    tiny.set_current_workspace("乙")
    third = open_app()
    assert any(c.value.endswith("乙") for c in third.sidebar.caption)


def test_workspace_export_import_and_delete(tiny):
    """It imports an exported workspace file under a new name and deletes a workspace after confirmation."""
    data = tiny.export_workspace(DEFAULT_WORKSPACE)
    at = open_app("app_pages/workspace.py")
    at.file_uploader(key="ws_import").upload("省科协.workbench.json", data, "application/json").run()
    assert next(t for t in at.text_input if t.label.startswith("导入为新工作区")).value == "省科协"
    next(b for b in at.button if b.label == "导入并切换").click().run()
    assert not at.exception
    assert tiny.workspaces() == [DEFAULT_WORKSPACE, "省科协"] and tiny.current_workspace() == "省科协"
    assert len(stored_roster_for(tiny, "省科协").societies) == 4
    delete = next(b for b in at.button if b.label == "删除")
    assert delete.disabled
    next(c for c in at.checkbox if "确认删除" in c.label).check().run()
    next(b for b in at.button if b.label == "删除").click().run()
    assert not at.exception
    assert tiny.workspaces() == [DEFAULT_WORKSPACE] and tiny.current_workspace() == DEFAULT_WORKSPACE


def test_workspace_import_of_a_foreign_file_is_refused(tiny):
    """It shows a Chinese error, not a traceback, for a file that is not a workspace export."""
    at = open_app("app_pages/workspace.py")
    at.file_uploader(key="ws_import").upload("x.json", b'{"hello": 1}', "application/json").run()
    next(b for b in at.button if b.label == "导入并切换").click().run()
    assert not at.exception
    assert any("不是本工作台导出的工作区文件" in e.value for e in at.error)
    assert tiny.workspaces() == [DEFAULT_WORKSPACE]


def test_workspace_page_shows_database_path(tiny, db_path):
    """It shows where the data lives and says the env var decides it."""
    at = open_app("app_pages/workspace.py")
    assert any(str(db_path) in c.value for c in at.code)
    assert "PARTY_WORKBENCH_DB" in texts(at)


def test_discarding_an_upload_keeps_the_roster(tiny):
    """It drops an uploaded file on 放弃此文件 and leaves the current roster as it was."""
    at = open_app("app_pages/roster.py")
    at.file_uploader[0].upload("新名册.xlsx", write_roster_xlsx(Roster(TINY.societies[:1]))).run()
    next(b for b in at.button if b.label == "放弃此文件").click().run()
    assert not at.exception
    assert not any(b.label == "用此文件替换当前名册" for b in at.button)
    assert len(stored_roster(tiny).societies) == 4


@pytest.mark.parametrize("page", ["app_pages/graph.py", "app_pages/election.py", "app_pages/documents.py"])
def test_pages_needing_a_valid_roster_say_so_instead_of_using_a_stale_plan(tiny, page):
    """It stops the graph, election and documents pages with a Chinese notice while the roster has errors."""
    from model.planning.planner import plan_joint_branches

    tiny.put(DEFAULT_WORKSPACE, "plan", "current", plan_joint_branches(stored_roster(tiny), time_limit=5).to_dict())
    put_bad_roster(tiny)
    at = open_app(page)
    assert not at.exception
    assert any("名册有 1 处错误" in w.value for w in at.warning)
    assert any("没有错误的名册" in i.value for i in at.info)
    assert not at.multiselect and not at.selectbox and not at.get("iframe") and not at.text


def test_every_multiselect_placeholder_is_chinese(tiny):
    """It gives the app's multiselects a Chinese placeholder (Streamlit's default is "Choose options")."""
    at = open_app("app_pages/workspace.py")
    assert at.multiselect and all(m.placeholder == "请选择" for m in at.multiselect)
