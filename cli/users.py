"""``python -m model users add|list|remove|passwd``: the office-mode accounts (storage/accounts.py).

Passwords are read from standard input with ``--password-stdin`` (one line), else asked twice
without echo; they are stored only as Argon2id hashes in the workbench database.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from storage import accounts
from storage.store import Store, StoreError, default_path

__all__ = ["add_parser", "run"]

ACTOR = "命令行（管理员）"


def add_parser(sub) -> None:
    u = sub.add_parser("users", help="管理办公室模式的账户（make serve）")
    verbs = u.add_subparsers(dest="verb", required=True)
    a = verbs.add_parser("add", help="新建账户")
    a.add_argument("name")
    a.add_argument("--role", choices=tuple(accounts.ROLES), required=True, help="editor：编辑；viewer：只读")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")
    verbs.add_parser("list", help="列出账户")
    r = verbs.add_parser("remove", help="删除账户")
    r.add_argument("name")
    p = verbs.add_parser("passwd", help="修改密码")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（一行）")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        raise StoreError("两次输入的密码不一致")
    return first


def run(args: argparse.Namespace) -> int:
    store = Store(default_path(), actor=ACTOR)
    try:
        if args.verb == "add":
            account = accounts.add_user(store, args.name, args.role, _password(args.password_stdin))
            print(f"已新建账户“{account.name}”（{accounts.ROLES[account.role]}）")
        elif args.verb == "list":
            for a in accounts.users(store):
                print(f"{a.name}\t{a.role}\t{accounts.ROLES[a.role]}\t{a.created}")
        elif args.verb == "remove":
            accounts.remove_user(store, args.name)
            print(f"已删除账户“{args.name}”")
        else:
            accounts.set_password(store, args.name, _password(args.password_stdin))
            print(f"已修改账户“{args.name}”的密码")
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0
