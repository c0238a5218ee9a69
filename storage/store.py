"""The workspace store: named workspaces of JSON documents in one SQLite file.

Every write can name the version it started from (``expected=``, the digest the
writer last read): when another tab or colleague saved in between, the write is
refused with :class:`Conflict` instead of overwriting (no lost updates). Every
change is recorded in the ``audit`` table in the same transaction (一次留痕: who,
when, what). A :class:`Store` opened for a viewer (``read_only=True``) refuses
every write. SQLite problems (disk full, read-only file, not a database, a folder
as the path) become :class:`StorageFailure` with a Chinese message.

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
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs

from storage.json_limits import JsonTooDeep, check_depth

__all__ = [
    "Store",
    "StoreError",
    "Conflict",
    "ReadOnly",
    "StorageFailure",
    "AuditEntry",
    "default_path",
    "set_default_path",
    "reset_default_path",
    "check_database",
    "ENV_VAR",
    "HISTORY_LIMIT",
    "DEFAULT_WORKSPACE",
    "EXPORT_FORMAT",
    "ANY",
    "LOCAL_ACTOR",
    "KIND_LABELS",
    "check_name",
]

ENV_VAR = "PARTY_WORKBENCH_DB"
APP_DIR = "party-workbench"
HISTORY_LIMIT = 20
DEFAULT_WORKSPACE = "默认工作区"
EXPORT_FORMAT = "party-workbench-workspace"
LOCAL_ACTOR = "本机用户"
ANY = "*"  # expected= for a write that does not check the version it started from
_SCHEMA_VERSION = 2
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
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, workspace TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_ws ON audit (workspace, id);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS login_failures (name TEXT PRIMARY KEY, failures INTEGER NOT NULL, last REAL NOT NULL);
"""

# What the audit trail calls each kind of document (docs/formats.md: the workspace's documents).
KIND_LABELS = {
    "roster": "学会名册",
    "settings": "设置",
    "plan": "规划方案",
    "plan_history": "规划调整记录",
    "plan_edit": "手工调整",
    "plan_basis": "规划依据（名册与设置）",
    "plan_pairs": "指定同组/不同组",
    "scenario": "情景方案",
    "election": "换届选举",
    "election_sim": "选举模拟设置",
    "election_page": "选举页面选择",
    "graph": "组织架构图设置",
    "workspace": "工作区",
}
_NOT_AUDITED = frozenset({"election_page", "plan_history"})  # where a page was left, per-tab undo: no change of data


class StoreError(ValueError):
    """A workspace operation the user asked for cannot be done (message in Chinese)."""


class Conflict(StoreError):
    """The document changed since the writer read it: ``current`` is the stored digest (None: deleted)."""

    def __init__(self, kind: str, key: str, current: str | None, last: AuditEntry | None) -> None:
        self.kind, self.key, self.current, self.last = kind, key, current, last
        who = f"{last.actor}于{last.at.replace('T', ' ')}" if last else "另一个标签页或同事"
        what = f"（{last.detail}）" if last and last.detail else ""
        super().__init__(f"{KIND_LABELS.get(kind, kind)}已被{who}修改{what}，本次修改未保存")


class ReadOnly(StoreError):
    """A write by an account that may only view."""


class StorageFailure(StoreError):
    """The database file cannot be opened, read or written (disk full, read-only, not a database …)."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail (一次留痕)."""

    id: int
    workspace: str
    at: str
    actor: str
    action: str
    kind: str
    key: str
    detail: str

    def row(self) -> dict[str, str]:
        """The entry as the audit page and the export show it."""
        return {
            "时间": self.at.replace("T", " "),
            "操作人": self.actor,
            "操作": self.action,
            "内容": KIND_LABELS.get(self.kind, self.kind),
            "项目": self.key,
            "说明": self.detail,
        }


def default_path() -> Path:
    """The database file: env ``PARTY_WORKBENCH_DB``, else the saved choice, else the user data folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    chosen = _chosen_path()
    return chosen or _user_default()


def _user_default() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR, appauthor=False)) / "workbench.sqlite"


def _chosen_path() -> Path | None:
    pointer = _pointer_file()
    try:
        chosen = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    except (OSError, UnicodeDecodeError):
        return None
    return Path(chosen).expanduser() if chosen else None


def set_default_path(path: str | Path) -> Path:
    """Remember ``path`` as the database for every later session (not when the env var is set).

    The file must be a workbench database or not exist yet (then it is created): a folder, a
    document of another kind or a damaged database is refused and the previous choice kept.
    """
    if os.environ.get(ENV_VAR, "").strip():
        raise StoreError(f"数据库位置由环境变量 {ENV_VAR} 指定，请修改该环境变量")
    target = Path(str(path).strip()).expanduser()
    if not str(path).strip() or target.is_dir() or not target.name:
        raise StoreError(f"“{path}”是文件夹，请给出数据库文件名，例如 workbench.sqlite")
    check_database(target)
    pointer = _pointer_file()
    try:
        pointer.parent.mkdir(parents=True, exist_ok=True)
        pointer.write_text(str(target), encoding="utf-8")
    except OSError as exc:
        raise StorageFailure(f"无法保存数据库位置（{exc.strerror or exc}）") from None
    return target


def reset_default_path() -> Path:
    """Forget the chosen database: back to the user data folder (undoes a bad choice)."""
    try:
        _pointer_file().unlink(missing_ok=True)
    except OSError as exc:
        raise StorageFailure(f"无法恢复默认数据库位置（{exc.strerror or exc}）") from None
    return default_path()


def check_database(path: Path) -> None:
    """Open ``path`` (creating it when missing) and read it; :class:`StorageFailure` when that fails."""
    Store(path).workspaces()


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
    return text, digest_of(text)


def digest_of(text: str) -> str:
    """The digest the store keeps beside a document's JSON text (its version)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _failure(path: Path, exc: sqlite3.Error | OSError) -> StorageFailure:
    """A Chinese message for what SQLite or the file system said."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        return StorageFailure(f"无法使用数据库位置“{path}”（{exc.strerror or exc}）")
    if "disk is full" in text or "disk i/o" in text:
        return StorageFailure("磁盘已满或无法写入，数据库未能保存。请清理磁盘空间后重试")
    if "readonly" in text or "read-only" in text:
        return StorageFailure(
            f"数据库文件“{path}”是只读的，无法保存修改。请检查文件权限，或在“工作区与设置”中改用另一个位置"
        )
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return StorageFailure(
            f"“{path}”不是本工作台的数据库，或文件已损坏（不完整）。请在“工作区与设置”中恢复默认位置或改用另一个文件"
        )
    if "unable to open" in text:
        return StorageFailure(f"无法打开数据库文件“{path}”（是文件夹、所在文件夹不存在或无权访问）")
    if "locked" in text or "busy" in text:
        return StorageFailure("数据库正被占用，请稍后重试")
    return StorageFailure(f"数据库出错（{exc}），本次操作未完成")


_INIT_LOCK = threading.Lock()
_READY: set[str] = set()  # database files whose schema is known to be current
# One read connection per thread and database file, reused while the file is the same file (device and
# inode): opening a connection, its pragmas and closing it cost ~0.5 ms, and a page run reads 15–60
# times. Reads are autocommit statements, so each sees the latest commit. Writes open their own.
_READERS = threading.local()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _reader(path: Path) -> sqlite3.Connection | None:
    kept = _READERS.__dict__.get(str(path))
    if kept is None:
        return None
    if kept[0] != _file_id(path) or str(path.resolve()) not in _READY:  # replaced, deleted or reset
        _drop_reader(path)
        return None
    return kept[1]


def _keep_reader(path: Path, conn: sqlite3.Connection) -> None:
    file_id = _file_id(path)
    _drop_reader(path)
    if file_id is not None:
        _READERS.__dict__[str(path)] = (file_id, conn)


def _drop_reader(path: Path) -> None:
    kept = _READERS.__dict__.pop(str(path), None)
    if kept is not None:
        with suppress(sqlite3.Error):
            kept[1].close()


@dataclass(frozen=True, slots=True)
class Store:
    """A handle on one database file; holds no connection (one per call).

    ``actor`` is who the audit trail names for this handle's writes; ``read_only`` refuses them.
    """

    path: Path
    actor: str = LOCAL_ACTOR
    read_only: bool = False

    @classmethod
    def default(cls) -> Store:
        return cls(default_path())

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        if write and self.read_only:
            raise ReadOnly("当前账户只能查看，不能修改（只读）")
        if self.path.is_dir():
            raise StorageFailure(f"数据库位置“{self.path}”是文件夹，请在“工作区与设置”中给出数据库文件名")
        reader = None if write else _reader(self.path)
        if reader is not None:  # this thread's open read connection to this very file
            try:
                yield reader
            except sqlite3.Error as exc:
                _drop_reader(self.path)
                raise _failure(self.path, exc) from None
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not self.path.exists()
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise _failure(self.path, exc) from None
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA foreign_keys = ON")
            self._ensure_schema(conn, fresh)
            if not write:
                _keep_reader(self.path, conn)  # open for this thread's next read
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            _drop_reader(self.path)
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise _failure(self.path, exc) from None
        finally:
            if _READERS.__dict__.get(str(self.path), (None, None))[1] is not conn:
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
                    else:
                        conn.execute("SELECT count(*) FROM workspaces").fetchone()  # a damaged file fails here
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or attempt == 49:
                        raise
                    time.sleep(0.05)
            _READY.add(key)

    def _audit(self, c: sqlite3.Connection, workspace: str, action: str, kind: str, key: str, detail: str) -> None:
        if kind in _NOT_AUDITED:
            return
        c.execute(
            "INSERT INTO audit (workspace, at, actor, action, kind, key, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (workspace, _now(), self.actor, action, kind, key, detail),
        )

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
            self._audit(c, name, "新建", "workspace", name, "新建工作区")
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
            c.execute("UPDATE audit SET workspace = ? WHERE workspace = ?", (new, old))
            if old != new:
                self._audit(c, new, "重命名", "workspace", new, f"由“{old}”改名为“{new}”")
        return new

    def delete_workspace(self, name: str) -> None:
        with self._connect(write=True) as c:
            c.execute("DELETE FROM workspaces WHERE name = ?", (name,))
            c.execute("DELETE FROM meta WHERE key = 'current' AND value = ?", (name,))
            self._audit(c, name, "删除", "workspace", name, "删除工作区及其中全部数据")

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
        """Remember ``name`` as the workspace a fresh session opens (a viewer's choice is not remembered)."""
        name = check_name(name)
        if self.read_only:
            return
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

    def digest(self, workspace: str, kind: str, key: str) -> str | None:
        """The stored version of a document (None when there is none)."""
        with self._connect() as c:
            return self._digest(c, workspace, kind, key)

    def digests(self, workspace: str) -> dict[tuple[str, str], str]:
        """The stored version of every document of ``workspace``, by (kind, key): one query."""
        with self._connect() as c:
            rows = c.execute("SELECT kind, key, digest FROM documents WHERE workspace = ?", (workspace,))
            return {(kind, key): digest for kind, key, digest in rows}

    @staticmethod
    def _digest(c: sqlite3.Connection, workspace: str, kind: str, key: str) -> str | None:
        row = c.execute(
            "SELECT digest FROM documents WHERE workspace = ? AND kind = ? AND key = ?", (workspace, kind, key)
        ).fetchone()
        return None if row is None else row[0]

    def _check(self, c: sqlite3.Connection, workspace: str, kind: str, key: str, expected: str | None) -> str | None:
        """The stored digest; :class:`Conflict` when it is not the one the writer started from."""
        current = self._digest(c, workspace, kind, key)
        if expected != ANY and current != expected:
            raise Conflict(kind, key, current, self._last_change(c, workspace, kind, key))
        return current

    @staticmethod
    def _last_change(c: sqlite3.Connection, workspace: str, kind: str, key: str) -> AuditEntry | None:
        row = c.execute(
            "SELECT * FROM audit WHERE workspace = ? AND kind = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (workspace, kind, key),
        ).fetchone()
        return AuditEntry(*row) if row else None

    def put(self, workspace: str, kind: str, key: str, value: dict, expected: str | None = ANY) -> str:
        """Store ``value``; its new digest. ``expected``: the digest read before (None: it did not exist)."""
        text, digest = _dump(value)
        workspace = check_name(workspace)
        with self._connect(write=True) as c:
            if self._digest(c, workspace, kind, key) == digest:
                return digest  # already stored as it is (by this writer or another): nothing to do
            self._check(c, workspace, kind, key, expected)
            old = c.execute(
                "SELECT value FROM documents WHERE workspace = ? AND kind = ? AND key = ?", (workspace, kind, key)
            ).fetchone()
            self._put(c, workspace, kind, key, text, digest)
            detail = _change_detail(json.loads(old[0]) if old else None, value)
            self._audit(c, workspace, "修改" if old else "新建", kind, key, detail)
        return digest

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

    def delete(self, workspace: str, kind: str, key: str, expected: str | None = ANY) -> None:
        with self._connect(write=True) as c:
            if self._check(c, workspace, kind, key, expected) is None:
                return
            c.execute("DELETE FROM documents WHERE workspace = ? AND kind = ? AND key = ?", (workspace, kind, key))
            self._audit(c, workspace, "删除", kind, key, "")

    # -- roster with history ---------------------------------------------------------
    def put_roster(self, workspace: str, raw: dict, note: str = "", expected: str | None = ANY) -> str:
        """Save the roster as ("roster", "current") and as a new history version, atomically; its digest."""
        workspace, (text, digest) = check_name(workspace), _dump(raw)
        with self._connect(write=True) as c:
            self._check(c, workspace, "roster", "current", expected)
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
            self._audit(c, workspace, "修改", "roster", "current", note)
        return digest

    def history(self, workspace: str) -> list[tuple[str, str]]:
        """(saved time, note) of every kept roster version, newest first."""
        with self._connect() as c:
            return [
                (r[0], r[1])
                for r in c.execute(
                    "SELECT saved, note FROM roster_history WHERE workspace = ? ORDER BY id DESC", (workspace,)
                )
            ]

    def undo_roster(self, workspace: str, expected: str | None = ANY) -> str | None:
        """Go back one roster version; returns the undone version's note, or None when nothing to undo.

        With ``expected``, refuses (:class:`Conflict`) when the roster is no longer the version the
        user saw: an undo never takes back a colleague's newer change unseen.
        """
        with self._connect(write=True) as c:
            self._check(c, workspace, "roster", "current", expected)
            rows = c.execute(
                "SELECT id, note FROM roster_history WHERE workspace = ? ORDER BY id DESC LIMIT 2", (workspace,)
            ).fetchall()
            if len(rows) < 2:
                return None
            c.execute("DELETE FROM roster_history WHERE id = ?", (rows[0][0],))
            text = c.execute("SELECT value FROM roster_history WHERE id = ?", (rows[1][0],)).fetchone()[0]
            self._put(c, workspace, "roster", "current", text, _dump(json.loads(text))[1])
            self._audit(c, workspace, "撤销", "roster", "current", f"撤销：{rows[0][1]}")
            return rows[0][1]

    # -- audit trail ---------------------------------------------------------------------
    def audit(self, workspace: str | None = None, limit: int = 5000) -> list[AuditEntry]:
        """The audit trail, newest first (of one workspace, or of all)."""
        with self._connect() as c:
            if workspace is None:
                rows = c.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
            else:
                rows = c.execute("SELECT * FROM audit WHERE workspace = ? ORDER BY id DESC LIMIT ?", (workspace, limit))
            return [AuditEntry(*r) for r in rows]

    def record(self, workspace: str, action: str, kind: str, key: str, detail: str) -> None:
        """Add one entry to the audit trail (for changes made outside this class, e.g. accounts)."""
        with self._connect(write=True) as c:
            self._audit(c, workspace, action, kind, key, detail)

    # -- export / import ---------------------------------------------------------------
    def export_workspace(self, workspace: str) -> bytes:
        """One workspace as a single JSON file (documents, roster history and audit trail)."""
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
            trail = [
                {"at": a, "actor": who, "action": act, "kind": k, "key": key, "detail": d}
                for a, who, act, k, key, d in c.execute(
                    "SELECT at, actor, action, kind, key, detail FROM audit WHERE workspace = ? ORDER BY id",
                    (workspace,),
                )
            ]
        payload = {
            "format": EXPORT_FORMAT,
            "version": 1,
            "name": workspace,
            "exported": _now(),
            "documents": docs,
            "roster_history": hist,
            "audit": trail,
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def import_workspace(self, data: bytes, name: str) -> str:
        """Create workspace ``name`` from an exported file; refuses a taken name or a foreign file."""
        if self.read_only:
            raise ReadOnly("当前账户只能查看，不能修改（只读）")
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
            for a in payload.get("audit", []):
                c.execute(
                    "INSERT INTO audit (workspace, at, actor, action, kind, key, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (name, *(str(a.get(f, "")) for f in ("at", "actor", "action", "kind", "key", "detail"))),
                )
            self._audit(c, name, "导入", "workspace", name, f"由导出文件“{payload.get('name', '')}”导入")
        return name


def _change_detail(old: dict | None, new: dict) -> str:
    """What a document's change touched: its changed top-level fields (at most six), or its message."""
    message = new.get("message") if isinstance(new.get("message"), str) else ""
    if old is None:
        return message
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    fields = "改动：" + "、".join(changed[:6]) + ("等" if len(changed) > 6 else "") if changed else ""
    return "；".join(p for p in (message, fields) if p)


def _read_export(data: bytes) -> dict:
    """Parse and check an exported workspace file."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
        check_depth(payload)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"不是工作区导出文件（无法读取 JSON：{exc.__class__.__name__}）") from None
    except (RecursionError, JsonTooDeep):
        raise StoreError("工作区文件嵌套层次过深，不是本工作台导出的文件") from None
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
    trail = payload.get("audit", [])
    if not isinstance(trail, list) or not all(isinstance(a, dict) for a in trail):
        raise StoreError("工作区文件已损坏：audit 部分格式不对")
    return payload
