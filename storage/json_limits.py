"""How deep a JSON document may nest: parsed input deeper than :data:`MAX_DEPTH` is refused.

Python's parser raises RecursionError near 1,000 levels, and code walking a parsed document
recursively can fail earlier; no file of this workbench nests more than a dozen levels.

>>> check_depth({"a": [1, {"b": []}]})
3
>>> import json
>>> check_depth(json.loads("[" * 80 + "]" * 80))
Traceback (most recent call last):
...
storage.json_limits.JsonTooDeep: JSON 嵌套超过 64 层
"""

from __future__ import annotations

__all__ = ["MAX_DEPTH", "JsonTooDeep", "check_depth"]

MAX_DEPTH = 64


class JsonTooDeep(ValueError):
    """A parsed JSON value nests deeper than allowed."""


def check_depth(value: object, limit: int = MAX_DEPTH) -> int:
    """The nesting depth of ``value`` (walked without recursion); :class:`JsonTooDeep` past ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        if depth > limit:
            raise JsonTooDeep(f"JSON 嵌套超过 {limit} 层")
        deepest = max(deepest, depth)
        stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest
