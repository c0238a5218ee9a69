"""The workspace store: persistence, atomicity, workspaces, history, export/import."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from storage.store import ENV_VAR, HISTORY_LIMIT, Store, StoreError, default_path, set_default_path

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(db_path) -> Store:
    return Store(db_path)


def _python(code: str, env_db: Path) -> str:
    env = {"PATH": "/usr/bin:/bin", ENV_VAR: str(env_db), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_default_path_follows_env(db_path):
    """It takes the database path from PARTY_WORKBENCH_DB when set."""
    assert default_path() == db_path
    assert Store.default().path == db_path


def test_default_path_without_env_uses_user_folder(monkeypatch, tmp_path):
    """It falls back to the user data folder, and a saved choice overrides that."""
    monkeypatch.delenv(ENV_VAR)
    assert default_path().name == "workbench.sqlite"
    assert str(tmp_path / "data") in str(default_path())
    set_default_path(tmp_path / "elsewhere.sqlite")
    assert default_path() == tmp_path / "elsewhere.sqlite"


def test_set_default_path_refused_when_env_set(tmp_path):
    """It refuses to save a database choice the env var would override."""
    with pytest.raises(StoreError, match=ENV_VAR):
        set_default_path(tmp_path / "x.sqlite")


def test_documents_round_trip(db):
    """It returns what was put, lists keys by kind, and deletes."""
    db.put("甲", "scenario", "b", {"x": [1, "二"]})
    db.put("甲", "scenario", "a", {"y": None})
    db.put("甲", "election", "e1", {"seats": 5})
    assert db.get("甲", "scenario", "b") == {"x": [1, "二"]}
    assert db.keys("甲", "scenario") == ["a", "b"]
    db.delete("甲", "scenario", "a")
    assert db.keys("甲", "scenario") == ["b"]
    assert db.get("甲", "scenario", "a") is None


def test_put_overwrites_and_digest_changes(db):
    """It replaces a document and gives the new content a new digest."""
    db.put("甲", "plan", "current", {"v": 1})
    first = db.get_text("甲", "plan", "current")
    db.put("甲", "plan", "current", {"v": 2})
    second = db.get_text("甲", "plan", "current")
    assert db.get("甲", "plan", "current") == {"v": 2}
    assert first[1] != second[1]


def test_persists_across_fresh_processes(db_path):
    """It shows data written by one process to another, fresh one (a server restart)."""
    _python(
        "from storage.store import Store; Store.default().put('省科协', 'plan', 'current', {'n': 141});"
        "Store.default().set_current_workspace('省科协')",
        db_path,
    )
    out = _python(
        "from storage.store import Store; s = Store.default();"
        "print(s.get('省科协', 'plan', 'current')['n'], s.current_workspace())",
        db_path,
    )
    assert out.split() == ["141", "省科协"]


def test_write_is_atomic_when_it_fails(db, monkeypatch):
    """It leaves no part of a failed roster save behind (document and history in one transaction)."""
    db.put_roster("甲", {"v": 1}, note="一")

    def boom(*_a, **_k):
        raise RuntimeError("disk gone")

    real_put = Store._put
    calls = []

    def put_then_fail(c, *args):
        real_put(c, *args)
        calls.append(1)
        boom()

    monkeypatch.setattr(Store, "_put", staticmethod(put_then_fail))
    with pytest.raises(RuntimeError):
        db.put_roster("甲", {"v": 2}, note="二")
    monkeypatch.setattr(Store, "_put", staticmethod(real_put))
    assert calls == [1]
    assert db.get("甲", "roster", "current") == {"v": 1}
    assert [n for _, n in db.history("甲")] == ["一"]


def test_concurrent_writers_lose_nothing(db):
    """It keeps every write when several threads (sessions) write at once."""

    def write(i: int) -> None:
        for j in range(10):
            db.put("甲", "scenario", f"s{i}-{j}", {"i": i, "j": j})

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(db.keys("甲", "scenario")) == 40
    with sqlite3.connect(db.path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_workspaces_are_separate(db):
    """It keeps each workspace's documents apart."""
    db.put("甲", "plan", "current", {"w": "甲"})
    db.put("乙", "plan", "current", {"w": "乙"})
    assert db.get("甲", "plan", "current") == {"w": "甲"}
    assert db.get("乙", "plan", "current") == {"w": "乙"}
    assert db.workspaces() == ["甲", "乙"]


def test_create_rename_delete(db):
    """It creates, renames (documents follow) and deletes workspaces, refusing duplicates and blanks."""
    db.create_workspace(" 甲 ")
    db.put("甲", "plan", "current", {"v": 1})
    db.put_roster("甲", {"r": 1})
    db.set_current_workspace("甲")
    with pytest.raises(StoreError, match="已存在"):
        db.create_workspace("甲")
    with pytest.raises(StoreError, match="不能为空"):
        db.create_workspace("  ")
    db.rename_workspace("甲", "丙")
    assert db.workspaces() == ["丙"]
    assert db.get("丙", "plan", "current") == {"v": 1}
    assert db.history("丙") and db.current_workspace() == "丙"
    db.delete_workspace("丙")
    assert db.workspaces() == [] and db.get("丙", "plan", "current") is None
    assert db.history("丙") == []


def test_roster_history_undo_and_limit(db):
    """It undoes roster edits one version at a time and keeps only the last versions."""
    for i in range(HISTORY_LIMIT + 5):
        db.put_roster("甲", {"v": i}, note=f"编辑{i}")
    assert len(db.history("甲")) == HISTORY_LIMIT
    assert db.undo_roster("甲") == f"编辑{HISTORY_LIMIT + 4}"
    assert db.get("甲", "roster", "current") == {"v": HISTORY_LIMIT + 3}
    for _ in range(HISTORY_LIMIT - 2):
        assert db.undo_roster("甲") is not None
    assert db.undo_roster("甲") is None
    assert db.get("甲", "roster", "current") == {"v": 5}


def test_export_import_under_new_name(db):
    """It exports one workspace to a file and imports it under a new name, history included."""
    db.put_roster("甲", {"v": 1}, note="上传")
    db.put_roster("甲", {"v": 2}, note="编辑")
    db.put("甲", "settings", "policy", {"max_units": 4})
    db.put("乙", "plan", "current", {"other": True})
    data = db.export_workspace("甲")
    assert json.loads(data)["name"] == "甲"
    name = db.import_workspace(data, db.unique_name("甲"))
    assert name == "甲（2）"
    assert db.get(name, "settings", "policy") == {"max_units": 4}
    assert db.get(name, "roster", "current") == {"v": 2}
    assert db.get(name, "plan", "current") is None
    assert db.undo_roster(name) == "编辑" and db.get(name, "roster", "current") == {"v": 1}
    with pytest.raises(StoreError, match="已存在"):
        db.import_workspace(data, "乙")


@pytest.mark.parametrize(
    "data, words",
    [
        (b"not json", "不是工作区导出文件"),
        (b'{"format": "other"}', "格式标记"),
        (b'{"format": "party-workbench-workspace", "documents": [{"kind": "plan"}]}', "documents"),
    ],
)
def test_import_refuses_foreign_files(db, data, words):
    """It refuses a file that is not a workspace export, naming what is wrong."""
    with pytest.raises(StoreError, match=words):
        db.import_workspace(data, "新")
    assert db.workspaces() == []


def test_current_workspace_remembered(db):
    """It reopens the workspace chosen last (refresh, second tab, restart)."""
    assert db.current_workspace() == "默认工作区"
    db.put("甲", "plan", "current", {})
    db.put("乙", "plan", "current", {})
    assert db.current_workspace() == "甲"
    db.set_current_workspace("乙")
    assert Store(db.path).current_workspace() == "乙"
