"""Reading a JSON input file: InputError naming the file, line and column of the fault; nesting bounded."""

from __future__ import annotations

import json
from pathlib import Path

from model.findings import ERROR, Finding, InputError
from storage.json_limits import MAX_DEPTH, JsonTooDeep, check_depth

__all__ = ["read_json"]


def read_json(path: str | Path) -> object:
    """The parsed file (UTF-8, with or without BOM)."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Finding(ERROR, name, None, None, None, f"不是 UTF-8 编码的文本（{exc.reason}）")]) from exc
    try:
        value = json.loads(text)
        check_depth(value)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Finding(ERROR, name, None, exc.lineno, None, f"不是有效的 JSON：第{exc.colno}列，{exc.msg}")]
        ) from exc
    except (RecursionError, JsonTooDeep):
        raise InputError(
            [Finding(ERROR, name, None, None, None, f"JSON 嵌套超过 {MAX_DEPTH} 层，不是本工作台的文件")]
        ) from None
    return value
