"""Headless CLI (docs/formats.md §5): ``python -m model validate|plan|check|elect|graph|docs|users``.

Exit status: 0 on success (warnings may be printed), 2 on bad input with one line
per error naming file, sheet, row and column — never a traceback. ``party-workbench``
(pyproject) is the same CLI plus ``run`` and ``serve`` (cli/launch.py).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from cli import users
from model.findings import InputError
from storage.json_limits import JsonTooDeep
from storage.store import StoreError

COMMANDS = ("validate", "plan", "check", "elect", "ballot", "graph", "docs", "users")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m model",
        description="学会党建规划工作台（命令行）",
        epilog="安装后的 party-workbench 命令另有：run（只在本机打开工作台）、serve（办公室模式，局域网共享，须登录）",
    )
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="检查名册，列出全部问题")
    v.add_argument("roster")
    pl = sub.add_parser("plan", help="规划联合党支部")
    pl.add_argument("roster")
    pl.add_argument("--locks")
    pl.add_argument("--max-units", type=int, default=5)
    pl.add_argument("--min-members", type=int, default=3)
    pl.add_argument("--count-basis", choices=("理事会", "秘书处"), default="理事会")
    pl.add_argument("--bases", help="逗号分隔：同业共建,区域联建,挂靠组建")
    pl.add_argument("--time-limit", type=float, default=60.0)
    pl.add_argument("--out", required=True)
    pl.add_argument("--xlsx", help="另存规划台账 Excel")
    pl.add_argument("--previous", help="上一方案 PLAN.json：在其基础上调整最少")
    pl.add_argument("--replan-today", action="store_true", help="现有联合党支部不锁定，一并重新规划")
    c = sub.add_parser("check", help="按名册与规则检查方案")
    c.add_argument("roster")
    c.add_argument("plan")
    e = sub.add_parser("elect", help="计票")
    e.add_argument("election")
    e.add_argument("--out", required=True)
    b = sub.add_parser("ballot", help="生成选票和计票单（Word）")
    b.add_argument("election")
    b.add_argument("--out", required=True, help="选票 .docx")
    b.add_argument("--tally", help="计票单 .docx（默认与选票同目录）")
    g = sub.add_parser("graph", help="导出组织架构图（按后缀：.html .png .svg .pdf .pptx .xlsx）")
    g.add_argument("roster")
    g.add_argument("plan")
    g.add_argument("--out", required=True)
    g.add_argument("--members", action="store_true", help="显示理事会党员")
    g.add_argument("--show-personal", action="store_true", help="显示联系电话等个人信息")
    g.add_argument(
        "--group-by", choices=("kind", "industry", "region"), default="kind", help="总览分组：类型/学科/地域"
    )
    d = sub.add_parser("docs", help="生成全部请示与台账")
    d.add_argument("roster")
    d.add_argument("plan")
    d.add_argument("--out", required=True)
    d.add_argument("--election", action="append", default=[], help="选举 JSON（可多次）")
    d.add_argument("--addressee", help="主送机关（上级党组织全称），如“中共湖北省科技社团委员会”")
    d.add_argument("--council-meeting", help="理事会会议时间及届次，如“2026年3月5日经第五届理事会第三次会议”")
    d.add_argument("--phones", action="store_true", help="台账中包含联系电话等个人信息（默认不含）")
    users.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        module = importlib.import_module(f"cli.{args.command}")
        return int(module.run(args))
    except InputError as exc:
        for f in exc.errors or exc.findings:
            print(f.line(), file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"{exc.filename}：无法读取或写入（{exc.strerror}）", file=sys.stderr)
        return 2
    except (RecursionError, JsonTooDeep):
        print("输入的 JSON 文件嵌套层次过深，不是本工作台的文件", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
