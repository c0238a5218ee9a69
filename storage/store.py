"""The workspace store: named workspaces of JSON documents in one SQLite file.

Each workspace holds documents by ``(kind, key)`` — the raw roster
(``"roster", "current"``), the settings (``"settings", "policy"``), plans,
scenarios, elections, locks — plus the last :data:`HISTORY_LIMIT` versions of the
roster so an edit can be undone. Every call opens its own connection (WAL,
busy timeout), and every write is one transaction, so two browser tabs, two
processes and a restarted server all see the same committed data.

>>> import tempfile, pathlib
>>> db = Store(pathlib.Path(tempfile.mkdtemp()) / "w.sqlite")
>>> db.put("甲", "plan", "current", {"organizations": []})
>>> db.get("甲", "plan", "current"), db.workspaces()
({'organizations': []}, ['甲'])
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

__all__ = [
    "Store",
    "StoreError",
    "default_path",
    "set_default_path",
    "ENV_VAR",
    "HISTORY_LIMIT",
    "DEFAULT_WORKSPACE",
    "EXPORT_FORMAT",
    "check_name",
]

ENV_VAR = "PARTY_WORKBENCH_DB"
APP_DIR = "party-workbench"
HISTORY_LIMIT = 20
DEFAULT_WORKSPACE = "默认工作区"
EXPORT_FORMAT = "party-workbench-workspace"
_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS workspaces (name TEXT PRIMARY KEY, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    workspace TEXT NOT NULL REFERENCES workspaces(name) ON UPDATE CASCADE ON DELETE CASCADE,
    kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, digest TEXT NOT NULL,
    updated TEXT NOT NULL, PRIMARY KEY (workspace, kind, key));
CREATE TABLE IF NOT EXISTS roster_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace TEXT NOT NULL REFERENCES workspaces(name) ON UPDATE CASCADE ON DELETE CASCADE,
    value TEXT NOT NULL, note TEXT NOT NULL, saved TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StoreError(ValueError):
    """A workspace operation the user asked for cannot be done (message in Chinese)."""


def default_path() -> Path:
    """The database file: env ``PARTY_WORKBENCH_DB``, else the saved choice, else the user data folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    pointer = _pointer_file()
    if pointer.is_file():
        chosen = pointer.read_text(encoding="utf-8").strip()
        if chosen:
            return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir(APP_DIR, appauthor=False)) / "workbench.sqlite"


def set_default_path(path: str | Path) -> Path:
    """Remember ``path`` as the database for every later session (not when the env var is set)."""
    if os.environ.get(ENV_VAR, "").strip():
        raise StoreError(f"数据库位置由环境变量 {ENV_VAR} 指定，请修改该环境变量")
    target = Path(path).expanduser()
    if target.is_dir() or not target.name:
        raise StoreError(f"“{path}”是文件夹，请给出数据库文件名，例如 workbench.sqlite")
    pointer = _pointer_file()
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(target), encoding="utf-8")
    return target


def _pointer_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR, appauthor=False)) / "database-path.txt"


def check_name(name: str) -> str:
    """A workspace name, trimmed; refuses blank or overlong names.

    >>> check_name("  湖北省科协 ")
    '湖北省科协'
    """
    cleaned = (name or "").strip()
    if not cleaned:
        raise StoreError("工作区名称不能为空")
    if len(cleaned) > 60:
        raise StoreError(f"工作区名称不超过60个字，实际{len(cleaned)}个字")
    return cleaned


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _dump(value: dict) -> tuple[str, str]:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


_INIT_LOCK = threading.Lock()
_READY: set[str] = set()  # database files whose schema is known to be current


@dataclass(frozen=True, slots=True)
class Store:
    """A handle on one database file; holds no connection (one per call)."""

    path: Path

    @classmethod
    def default(cls) -> Store:
        return cls(default_path())

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA foreign_keys = ON")
            self._ensure_schema(conn, fresh)
            if not write:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _ensure_schema(self, conn: sqlite3.Connection, fresh: bool) -> None:
        """Create the schema once per file; safe when threads or processes race on a new file.

        Switching to WAL needs an exclusive lock that SQLite's busy handler does not wait
        for, so the first connections serialise here and retry briefly.
        """
        key = str(self.path.resolve())
        if key in _READY and not fresh:
            return
        with _INIT_LOCK:
            for attempt in range(50):
                try:
                    if conn.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA_VERSION:
                        conn.execute("PRAGMA journal_mode = WAL")
                        conn.executescript(_SCHEMA)
                        conn.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or attempt == 49:
                        raise
                    time.sleep(0.05)
            _READY.add(key)

    # -- workspaces -----------------------------------------------------------------
    def workspaces(self) -> list[str]:
        with self._connect() as c:
            return [r[0] for r in c.execute("SELECT name FROM workspaces ORDER BY rowid")]

    def create_workspace(self, name: str) -> str:
        name = check_name(name)
        with self._connect(write=True) as c:
            if c.execute("SELECT 1 FROM workspaces WHERE name = ?", (name,)).fetchone():
                raise StoreError(f"工作区“{name}”已存在")
            c.execute("INSERT INTO workspaces VALUES (?, ?)", (name, _now()))
        return name

    def rename_workspace(self, old: str, new: str) -> str:
        new = check_name(new)
        with self._connect(write=True) as c:
            if not c.execute("SELECT 1 FROM workspaces WHERE name = ?", (old,)).fetchone():
                raise StoreError(f"工作区“{old}”不存在")
            if old != new and c.execute("SELECT 1 FROM workspaces WHERE name = ?", (new,)).fetchone():
                raise StoreError(f"工作区“{new}”已存在")
            c.execute("UPDATE workspaces SET name = ? WHERE name = ?", (new, old))
            c.execute("UPDATE meta SET value = ? WHERE key = 'current' AND value = ?", (new, old))
        return new

    def delete_workspace(self, name: str) -> None:
        with self._connect(write=True) as c:
            c.execute("DELETE FROM workspaces WHERE name = ?", (name,))
            c.execute("DELETE FROM meta WHERE key = 'current' AND value = ?", (name,))

    def unique_name(self, base: str) -> str:
        """``base``, or ``base（2）``, ``base（3）``… whichever is free."""
        taken, base = set(self.workspaces()), check_name(base)
        n, name = 1, base
        while name in taken:
            n += 1
            name = f"{base}（{n}）"
        return name

    def current_workspace(self) -> str:
        """The workspace last chosen in any session (so a refresh or restart reopens it)."""
        with self._connect() as c:
            row = c.execute("SELECT value FROM meta WHERE key = 'current'").fetchone()
        if row and row[0] in self.workspaces():
            return row[0]
        names = self.workspaces()
        return names[0] if names else DEFAULT_WORKSPACE

    def set_current_workspace(self, name: str) -> None:
        name = check_name(name)
        with self._connect(write=True) as c:
            c.execute("INSERT OR IGNORE INTO workspaces VALUES (?, ?)", (name, _now()))
            c.execute("INSERT OR REPLACE INTO meta VALUES ('current', ?)", (name,))

    # -- documents ------------------------------------------------------------------
    def get(self, workspace: str, kind: str, key: str) -> dict | None:
        text = self.get_text(workspace, kind, key)
        return None if text is None else json.loads(text[0])

    def get_text(self, workspace: str, kind: str, key: str) -> tuple[str, str] | None:
        """The stored JSON text and its digest, without parsing (for cache keys)."""
        with self._connect() as c:
            row = c.execute(
                "SELECT value, digest FROM documents WHERE workspace = ? AND kind = ? AND key = ?",
                (workspace, kind, key),
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def put(self, workspace: str, kind: str, key: str, value: dict) -> None:
        text, digest = _dump(value)
        with self._connect(write=True) as c:
            self._put(c, workspace, kind, key, text, digest)

    @staticmethod
    def _put(c: sqlite3.Connection, workspace: str, kind: str, key: str, text: str, digest: str) -> None:
        workspace = check_name(workspace)
        c.execute("INSERT OR IGNORE INTO workspaces VALUES (?, ?)", (workspace, _now()))
        c.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?)", (workspace, kind, key, text, digest, _now())
        )

    def keys(self, workspace: str, kind: str) -> list[str]:
        with self._connect() as c:
            return [
                r[0]
                for r in c.execute(
                    "SELECT key FROM documents WHERE workspace = ? AND kind = ? ORDER BY key", (workspace, kind)
                )
            ]

    def delete(self, workspace: str, kind: str, key: str) -> None:
        with self._connect(write=True) as c:
            c.execute("DELETE FROM documents WHERE workspace = ? AND kind = ? AND key = ?", (workspace, kind, key))

    # -- roster with history ---------------------------------------------------------
    def put_roster(self, workspace: str, raw: dict, note: str = "") -> None:
        """Save the roster as ("roster", "current") and as a new history version, atomically."""
        workspace, (text, digest) = check_name(workspace), _dump(raw)
        with self._connect(write=True) as c:
            self._put(c, workspace, "roster", "current", text, digest)
            c.execute(
                "INSERT INTO roster_history (workspace, value, note, saved) VALUES (?, ?, ?, ?)",
                (workspace, text, note, _now()),
            )
            c.execute(
                """DELETE FROM roster_history WHERE workspace = ? AND id NOT IN
                         (SELECT id FROM roster_history WHERE workspace = ? ORDER BY id DESC LIMIT ?)""",
                (workspace, workspace, HISTORY_LIMIT),
            )

    def history(self, workspace: str) -> list[tuple[str, str]]:
        """(saved time, note) of every kept roster version, newest first."""
        with self._connect() as c:
            return [
                (r[0], r[1])
                for r in c.execute(
                    "SELECT saved, note FROM roster_history WHERE workspace = ? ORDER BY id DESC", (workspace,)
                )
            ]

    def undo_roster(self, workspace: str) -> str | None:
        """Go back one roster version; returns the undone version's note, or None when nothing to undo."""
        with self._connect(write=True) as c:
            rows = c.execute(
                "SELECT id, note FROM roster_history WHERE workspace = ? ORDER BY id DESC LIMIT 2", (workspace,)
            ).fetchall()
            if len(rows) < 2:
                return None
            c.execute("DELETE FROM roster_history WHERE id = ?", (rows[0][0],))
            text = c.execute("SELECT value FROM roster_history WHERE id = ?", (rows[1][0],)).fetchone()[0]
            self._put(c, workspace, "roster", "current", text, _dump(json.loads(text))[1])
            return rows[0][1]

    # -- export / import ---------------------------------------------------------------
    def export_workspace(self, workspace: str) -> bytes:
        """One workspace as a single JSON file (documents and roster history)."""
        with self._connect() as c:
            if not c.execute("SELECT 1 FROM workspaces WHERE name = ?", (workspace,)).fetchone():
                raise StoreError(f"工作区“{workspace}”不存在")
            docs = [
                {"kind": k, "key": key, "value": json.loads(v)}
                for k, key, v in c.execute(
                    "SELECT kind, key, value FROM documents WHERE workspace = ? ORDER BY kind, key", (workspace,)
                )
            ]
            hist = [
                {"value": json.loads(v), "note": n, "saved": s}
                for v, n, s in c.execute(
                    "SELECT value, note, saved FROM roster_history WHERE workspace = ? ORDER BY id", (workspace,)
                )
            ]
        payload = {
            "format": EXPORT_FORMAT,
            "version": 1,
            "name": workspace,
            "exported": _now(),
            "documents": docs,
            "roster_history": hist,
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def import_workspace(self, data: bytes, name: str) -> str:
        """Create workspace ``name`` from an exported file; refuses a taken name or a foreign file."""
        name = check_name(name)
        payload = _read_export(data)
        with self._connect(write=True) as c:
            if c.execute("SELECT 1 FROM workspaces WHERE name = ?", (name,)).fetchone():
                raise StoreError(f"工作区“{name}”已存在，请换一个名称")
            c.execute("INSERT INTO workspaces VALUES (?, ?)", (name, _now()))
            for doc in payload["documents"]:
                self._put(c, name, str(doc["kind"]), str(doc["key"]), *_dump(doc["value"]))
            for h in payload.get("roster_history", [])[-HISTORY_LIMIT:]:
                c.execute(
                    "INSERT INTO roster_history (workspace, value, note, saved) VALUES (?, ?, ?, ?)",
                    (name, _dump(h["value"])[0], str(h.get("note", "")), str(h.get("saved", _now()))),
                )
        return name


def _read_export(data: bytes) -> dict:
    """Parse and check an exported workspace file."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"不是工作区导出文件（无法读取 JSON：{exc.__class__.__name__}）") from None
    if not isinstance(payload, dict) or payload.get("format") != EXPORT_FORMAT:
        raise StoreError("不是本工作台导出的工作区文件（缺少格式标记）")
    docs = payload.get("documents")
    if not isinstance(docs, list) or not all(
        isinstance(d, dict) and {"kind", "key", "value"} <= d.keys() and isinstance(d["value"], dict) for d in docs
    ):
        raise StoreError("工作区文件已损坏：documents 部分格式不对")
    hist = payload.get("roster_history", [])
    if not isinstance(hist, list) or not all(isinstance(h, dict) and isinstance(h.get("value"), dict) for h in hist):
        raise StoreError("工作区文件已损坏：roster_history 部分格式不对")
    return payload
