"""Reading a JSON input file: InputError naming the file, line and column of the fault."""

from __future__ import annotations

import json
from pathlib import Path

from model.findings import ERROR, Finding, InputError

__all__ = ["read_json"]


def read_json(path: str | Path) -> object:
    """The parsed file (UTF-8, with or without BOM)."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Finding(ERROR, name, None, None, None, f"不是 UTF-8 编码的文本（{exc.reason}）")]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Finding(ERROR, name, None, exc.lineno, None, f"不是有效的 JSON：第{exc.colno}列，{exc.msg}")]
        ) from exc
