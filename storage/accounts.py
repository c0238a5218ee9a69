"""Office-mode accounts in the workbench database: names, roles, Argon2id password hashes, throttling.

Passwords are kept only as Argon2id hashes (argon2-cffi, its RFC 9106 low-memory profile:
64 MiB, 3 passes, a random 16-byte salt per password). A wrong password or an unknown name
counts as one failure for that name; from the third failure in a row the name is refused for
a wait that doubles each time (5 s, 10 s, … at most 5 minutes), so guessing is slowed down
without locking anyone out for good. The message never says whether the name exists.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY

from storage.store import Store, StoreError

__all__ = [
    "ROLES",
    "EDITOR",
    "VIEWER",
    "Account",
    "LoginRefused",
    "add_user",
    "remove_user",
    "set_password",
    "users",
    "login",
    "check_password",
    "wait_after",
    "FREE_FAILURES",
]

EDITOR, VIEWER = "editor", "viewer"
ROLES = {EDITOR: "编辑", VIEWER: "只读"}
FREE_FAILURES = 2  # wrong passwords allowed before the waits start
_HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
_DUMMY = _HASHER.hash("not a password of anyone")  # unknown names cost as much time as known ones


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    role: str
    created: str


class LoginRefused(StoreError):
    """Wrong name or password, or too many failures: ``wait`` seconds before the next try is looked at."""

    def __init__(self, message: str, wait: float = 0.0) -> None:
        super().__init__(message)
        self.wait = wait


def wait_after(failures: int) -> float:
    """Seconds a name must wait after ``failures`` failures in a row.

    >>> [wait_after(n) for n in (0, 1, 2, 3, 4, 12)]
    [0.0, 0.0, 5.0, 10.0, 20.0, 300.0]
    """
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(300, 5 * 2 ** (failures - FREE_FAILURES)))


def check_password(password: str) -> str:
    """A password fit to keep: at least 8 characters, not blank."""
    if len(password.strip()) < 8:
        raise StoreError("密码至少8个字符")
    if len(password) > 256:
        raise StoreError("密码不超过256个字符")
    return password


def _check_user_name(name: str) -> str:
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 40 or any(ch.isspace() for ch in cleaned):
        raise StoreError("用户名为1–40个字符，不含空格")
    return cleaned


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise StoreError(f"角色应为 {EDITOR}（编辑）或 {VIEWER}（只读），实际为“{role}”")
    return role


def users(store: Store) -> list[Account]:
    with store._connect() as c:
        return [Account(*r) for r in c.execute("SELECT name, role, created FROM users ORDER BY name")]


def add_user(store: Store, name: str, role: str, password: str) -> Account:
    name, role, password = _check_user_name(name), _check_role(role), check_password(password)
    digest = _HASHER.hash(password)
    created = datetime.now().isoformat(timespec="seconds")
    with store._connect(write=True) as c:
        if c.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise StoreError(f"用户“{name}”已存在")
        c.execute("INSERT INTO users VALUES (?, ?, ?, ?)", (name, role, digest, created))
        store._audit(c, "（账户）", "新建", "account", name, f"新建账户，角色：{ROLES[role]}")
    return Account(name, role, created)


def remove_user(store: Store, name: str) -> None:
    with store._connect(write=True) as c:
        if not c.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount:
            raise StoreError(f"用户“{name}”不存在")
        c.execute("DELETE FROM login_failures WHERE name = ?", (name,))
        store._audit(c, "（账户）", "删除", "account", name, "删除账户")


def set_password(store: Store, name: str, password: str) -> None:
    digest = _HASHER.hash(check_password(password))
    with store._connect(write=True) as c:
        if not c.execute("UPDATE users SET hash = ? WHERE name = ?", (digest, name)).rowcount:
            raise StoreError(f"用户“{name}”不存在")
        c.execute("DELETE FROM login_failures WHERE name = ?", (name,))
        store._audit(c, "（账户）", "修改", "account", name, "修改密码")


def login(store: Store, name: str, password: str, now: float | None = None) -> Account:
    """The account when ``password`` is right; :class:`LoginRefused` otherwise (and the failure counted)."""
    now = time.time() if now is None else now
    name = (name or "").strip()
    with store._connect() as c:
        row = c.execute("SELECT name, role, created, hash FROM users WHERE name = ?", (name,)).fetchone()
        failed = c.execute("SELECT failures, last FROM login_failures WHERE name = ?", (name,)).fetchone()
    if failed:
        left = failed[1] + wait_after(failed[0]) - now
        if left > 0:
            raise LoginRefused(f"密码错误次数过多，请 {int(left) + 1} 秒后再试", wait=left)
    try:
        _HASHER.verify(row[3] if row else _DUMMY, password or "")
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    bookkeeping = Store(store.path)  # counting failures is no change of data: also through a viewer's handle
    with bookkeeping._connect(write=True) as c:
        if ok:
            c.execute("DELETE FROM login_failures WHERE name = ?", (name,))
            return Account(row[0], row[1], row[2])
        count = (failed[0] if failed else 0) + 1
        c.execute("INSERT OR REPLACE INTO login_failures VALUES (?, ?, ?)", (name, count, now))
    raise LoginRefused("用户名或密码不正确", wait=wait_after(count))
