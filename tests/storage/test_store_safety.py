"""The store in an office: versions, the audit trail, viewers, and every storage problem in Chinese."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from helpers import open_app, store_roster

from model.roster.values import Roster, Society
from storage.store import (
    DEFAULT_WORKSPACE,
    ENV_VAR,
    Conflict,
    ReadOnly,
    StorageFailure,
    Store,
    StoreError,
    default_path,
    set_default_path,
)

ONE = Roster((Society("湖北省甲学会", "工科", "武汉市", formal_members=3),))


def test_a_write_from_an_old_version_is_refused_and_names_the_other_writer(db_path):
    """It raises Conflict naming who changed the document, when and what, and keeps the newer value."""
    first = Store(db_path, actor="张三")
    base = first.put("甲", "settings", "policy", {"max_units": 5})
    Store(db_path, actor="李四").put("甲", "settings", "policy", {"max_units": 4}, expected=base)
    with pytest.raises(Conflict) as caught:
        first.put("甲", "settings", "policy", {"max_units": 6}, expected=base)
    assert "李四" in str(caught.value) and "max_units" in str(caught.value) and "未保存" in str(caught.value)
    assert first.get("甲", "settings", "policy") == {"max_units": 4}
    assert first.put("甲", "settings", "policy", {"max_units": 4}, expected=base)  # the same value: no conflict


def test_a_document_created_meanwhile_conflicts_with_a_writer_that_saw_none(db_path):
    store = Store(db_path)
    store.put("甲", "election", "x", {"a": 1})
    with pytest.raises(Conflict):
        store.put("甲", "election", "x", {"a": 2}, expected=None)


def test_every_change_is_in_the_audit_trail_and_the_export(db_path):
    """It records who, when and what for puts, roster versions, undo, deletes, renames; export carries them."""
    store = Store(db_path, actor="张三")
    store.put_roster("甲", {"v": 1}, note="上传 a.xlsx")
    store.put_roster("甲", {"v": 2}, note="编辑工作表“学会”")
    store.undo_roster("甲")
    store.put("甲", "scenario", "方案一", {"x": 1})
    store.delete("甲", "scenario", "方案一")
    store.rename_workspace("甲", "乙")
    trail = store.audit("乙")
    assert [(e.action, e.kind) for e in reversed(trail)] == [
        ("修改", "roster"),
        ("修改", "roster"),
        ("撤销", "roster"),
        ("新建", "scenario"),
        ("删除", "scenario"),
        ("重命名", "workspace"),
    ]
    assert {e.actor for e in trail} == {"张三"} and trail[-1].detail == "上传 a.xlsx"
    exported = json.loads(store.export_workspace("乙"))
    assert len(exported["audit"]) == 6 and exported["audit"][0]["actor"] == "张三"
    Store(db_path, actor="李四").import_workspace(store.export_workspace("乙"), "丙")
    imported = store.audit("丙")
    assert len(imported) == 7 and imported[0].action == "导入" and imported[0].actor == "李四"


def test_a_viewers_store_refuses_every_write(db_path):
    """It raises ReadOnly for each write through a read-only handle and stores nothing."""
    viewer = Store(db_path, actor="李四", read_only=True)
    for write in (
        lambda: viewer.put("甲", "plan", "current", {}),
        lambda: viewer.put_roster("甲", {"v": 1}),
        lambda: viewer.create_workspace("乙"),
        lambda: viewer.delete_workspace("甲"),
        lambda: viewer.import_workspace(b"{}", "丙"),
    ):
        with pytest.raises(ReadOnly, match="只读"):
            write()
    assert viewer.workspaces() == [] and viewer.audit() == []


def test_deeply_nested_import_is_refused_in_one_sentence(db_path):
    data = ('{"format":"party-workbench-workspace","documents":' + "[" * 1000 + "]" * 1000 + "}").encode()
    with pytest.raises(StoreError, match="嵌套层次过深"):
        Store(db_path).import_workspace(data, "甲")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("garbage", "不是本工作台的数据库"),
        ("truncated", "不是本工作台的数据库"),
        ("folder", "是文件夹"),
    ],
)
def test_a_damaged_database_is_a_chinese_message(tmp_path, damage, message):
    """It raises StorageFailure in Chinese for a garbage, a truncated database and a folder as the path."""
    path = tmp_path / "w.sqlite"
    if damage == "folder":
        path.mkdir()
    else:
        good = Store(tmp_path / "good.sqlite")
        for i in range(200):
            good.put("甲", "scenario", str(i), {"x": "数" * 400})
        with sqlite3.connect(good.path) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = good.path.read_bytes()
        path.write_bytes(b"\x00not a database" * 400 if damage == "garbage" else data[:4096] + data[-1000:])
    with pytest.raises(StorageFailure, match=message):
        Store(path).workspaces()
        Store(path).keys("甲", "scenario")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_database_is_a_chinese_message(tmp_path):
    path = tmp_path / "w.sqlite"
    Store(path).put("甲", "plan", "current", {})
    os.chmod(path, 0o444)
    with pytest.raises(StorageFailure, match="只读"):
        Store(path).put("甲", "plan", "current", {"x": 1})


def test_a_read_only_database_file_is_a_chinese_message_even_as_root(tmp_path):
    """It says 只读 when SQLite opens the file read-only (as on a write-protected share), edit not saved."""
    path = tmp_path / "w.sqlite"
    store = Store(path)
    store.put("甲", "plan", "current", {"a": 1})
    ro = Store(path)
    original = sqlite3.connect

    def read_only_connect(target, *args, **kwargs):
        return original(f"file:{target}?mode=ro", *args, uri=True, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", read_only_connect)
        with pytest.raises(StorageFailure, match="只读"):
            ro.put("甲", "plan", "current", {"a": 2})
    assert store.get("甲", "plan", "current") == {"a": 1}


def test_a_full_disk_is_a_chinese_message_and_keeps_what_was_saved(tmp_path):
    """It says 磁盘已满 when the database cannot grow (max_page_count reached), and nothing earlier is lost."""
    path = tmp_path / "w.sqlite"
    store = Store(path)
    store.put("甲", "plan", "current", {"a": 1})
    original = sqlite3.connect

    def tiny_disk(*args, **kwargs):
        conn = original(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", tiny_disk)
        with pytest.raises(StorageFailure, match="磁盘已满"):
            store.put("甲", "scenario", "大", {"x": "数" * 200_000})
    assert store.get("甲", "plan", "current") == {"a": 1} and store.keys("甲", "scenario") == []


def test_choosing_a_file_that_is_not_a_database_is_refused(tmp_path, monkeypatch):
    """It keeps the previous database when the chosen file is not one (the settings page's choice)."""
    monkeypatch.delenv(ENV_VAR)
    before = default_path()
    bad = tmp_path / "报告.docx"
    bad.write_bytes(b"PK\x03\x04 not sqlite" * 100)
    with pytest.raises(StorageFailure, match="不是本工作台的数据库"):
        set_default_path(bad)
    assert default_path() == before


def test_a_bad_database_chosen_earlier_is_undone_from_the_app(tmp_path, monkeypatch):
    """It shows a Chinese message and 恢复默认位置 on every page, which brings the app back."""
    monkeypatch.delenv(ENV_VAR)
    bad = tmp_path / "坏.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    pointer = tmp_path / "config" / "database-path.txt"
    from storage import store as store_module

    monkeypatch.setattr(store_module, "_pointer_file", lambda: pointer)
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(bad), encoding="utf-8")
    monkeypatch.setattr(store_module, "_user_default", lambda: tmp_path / "默认.sqlite")
    at = open_app()
    assert not at.exception
    assert any("不是本工作台的数据库" in e.value for e in at.error)
    at.button(key="db_default").click().run()
    assert not at.exception and not at.error
    assert default_path() == tmp_path / "默认.sqlite"
    assert any("组织覆盖率" in str(m.label) for m in at.metric)


def test_a_failed_save_in_a_page_says_not_saved(db_path, monkeypatch):
    """It shows 修改未保存 with the reason when the database cannot be written during an edit."""
    store_roster(Store(db_path), ONE)
    at = open_app("app_pages/roster.py")
    from storage import store as store_module

    def full(*args, **kwargs):
        raise StorageFailure("磁盘已满或无法写入，数据库未能保存。请清理磁盘空间后重试")

    monkeypatch.setattr(store_module.Store, "put_roster", full)
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {0: {"理事会正式党员数": 9}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert any("修改未保存" in e.value and "磁盘已满" in e.value for e in at.error)


def test_the_sample_banner_shows_until_a_real_roster_replaces_it(db_path):
    """It says 示例数据 on every page while the generated sample is loaded, and not after a real roster."""
    at = open_app()
    assert any("示例数据" in w.value for w in at.warning)
    at.switch_page("app_pages/workspace.py").run()
    assert any("示例数据" in w.value for w in at.warning)
    store_roster(Store(db_path), ONE)
    again = open_app()
    assert not any("示例数据" in w.value for w in again.warning)
    assert DEFAULT_WORKSPACE in Store(db_path).workspaces()


def test_a_killed_writer_loses_no_confirmed_edit(tmp_path):
    """It keeps every save the writer confirmed before kill -9, and the database stays intact (5 kills)."""
    import signal
    import subprocess
    import sys
    import time as clock

    from helpers import REPO

    path = tmp_path / "w.sqlite"
    code = (
        "import sys\nfrom storage.store import Store\ns = Store(__import__('pathlib').Path(sys.argv[1]))\n"
        "i = int(sys.argv[2])\nwhile True:\n    s.put('甲', 'scenario', str(i), {'i': i, 'x': '数' * 2000})\n"
        "    print(i, flush=True)\n    i += 1\n"
    )
    start = 0
    for _ in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, str(path), str(start)], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        confirmed = []
        deadline = clock.monotonic() + 30
        while len(confirmed) < 20 and clock.monotonic() < deadline:
            confirmed.append(int(proc.stdout.readline()))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kept = {int(k) for k in Store(path).keys("甲", "scenario")}
        assert set(confirmed) <= kept
        start = max(kept) + 1
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
