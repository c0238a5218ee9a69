"""``python -m model users add|list|remove|passwd``: accounts kept as Argon2id hashes in the database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage import accounts
from storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def users(*args: str, password: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "model", "users", *args],
        cwd=ROOT,
        input=password + "\n" if password is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_list_passwd_remove(db_path):
    """It adds an editor and a viewer, lists them, changes a password and removes an account."""
    assert users("add", "张三", "--role", "editor", "--password-stdin", password="正确的密码123").returncode == 0
    assert users("add", "李四", "--role", "viewer", "--password-stdin", password="另一个密码456").returncode == 0
    listed = users("list")
    assert listed.returncode == 0
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [["张三", "editor"], ["李四", "viewer"]]
    assert accounts.login(Store(db_path), "张三", "正确的密码123").role == "editor"
    assert users("passwd", "张三", "--password-stdin", password="新的密码789xyz").returncode == 0
    with pytest.raises(accounts.LoginRefused):
        accounts.login(Store(db_path), "张三", "正确的密码123")
    assert accounts.login(Store(db_path), "张三", "新的密码789xyz").name == "张三"
    assert users("remove", "李四").returncode == 0
    assert [a.name for a in accounts.users(Store(db_path))] == ["张三"]


def test_only_an_argon2id_hash_is_stored(db_path):
    """It keeps no password text in the database file, only an $argon2id$ hash with its own salt."""
    users("add", "王五", "--role", "editor", "--password-stdin", password="明文不应出现abc")
    users("add", "赵六", "--role", "editor", "--password-stdin", password="明文不应出现abc")
    hashes = [r[0] for r in sqlite3.connect(db_path).execute("SELECT hash FROM users")]
    assert all(h.startswith("$argon2id$v=19$m=65536,t=3,p=4$") for h in hashes)
    assert hashes[0] != hashes[1]  # salted
    assert "明文不应出现abc".encode() not in db_path.read_bytes()


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("add", "甲", "--role", "admin", "--password-stdin"), "足够长的密码123", "invalid choice"),
        (("add", "甲", "--role", "editor", "--password-stdin"), "short", "密码至少8个字符"),
        (("remove", "无此人"), None, "用户“无此人”不存在"),
        (("passwd", "无此人", "--password-stdin"), "足够长的密码123", "不存在"),
    ],
)
def test_bad_requests_exit_two_with_one_line(db_path, args, password, message):
    """It refuses a bad role, a short password and an unknown account with exit 2 and no traceback."""
    p = users(*args, password=password)
    assert p.returncode == 2 and message in p.stderr and "Traceback" not in p.stderr


def test_a_taken_name_is_refused(db_path):
    users("add", "甲", "--role", "editor", "--password-stdin", password="足够长的密码123")
    p = users("add", "甲", "--role", "viewer", "--password-stdin", password="足够长的密码123")
    assert p.returncode == 2 and p.stderr.strip() == "用户“甲”已存在"


def test_wrong_passwords_are_slowed_down(db_path):
    """It refuses even the right password for a while after repeated wrong ones, and counts unknown names too."""
    store = Store(db_path)
    accounts.add_user(store, "甲", "editor", "足够长的密码123")
    for i in range(accounts.FREE_FAILURES):
        with pytest.raises(accounts.LoginRefused, match="用户名或密码不正确"):
            accounts.login(store, "甲", "错的", now=1000.0 + i)
    with pytest.raises(accounts.LoginRefused, match="秒后再试"):
        accounts.login(store, "甲", "足够长的密码123", now=1002.0)
    assert accounts.login(store, "甲", "足够长的密码123", now=1001.0 + 6).name == "甲"
    with pytest.raises(accounts.LoginRefused, match="用户名或密码不正确"):
        accounts.login(store, "无此人", "随便", now=2000.0)


def test_account_changes_are_in_the_audit_trail(db_path):
    users("add", "甲", "--role", "viewer", "--password-stdin", password="足够长的密码123")
    entry = Store(db_path).audit()[0]
    assert (entry.actor, entry.action, entry.key) == ("命令行（管理员）", "新建", "甲") and "只读" in entry.detail
