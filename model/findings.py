"""Findings: every problem found in user input, named by place, rule and value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Finding", "InputError", "RosterError", "ERROR", "WARNING", "INFO"]

Severity = Literal["错误", "警告", "提示"]
ERROR: Severity = "错误"
WARNING: Severity = "警告"
INFO: Severity = "提示"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the user's input.

    ``row`` is the Excel row number (1-based, as Excel shows it), ``column`` the
    header text as the user wrote it. ``message`` is Chinese and names the rule
    and the bad value.

    >>> Finding(ERROR, "名册.xlsx", "学会", 17, "理事会正式党员数", "应为非负整数，实际为“三”").line()
    '名册.xlsx 工作表“学会” 第17行 列“理事会正式党员数”：应为非负整数，实际为“三”'
    """

    severity: Severity
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    rule: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def place(self) -> str:
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"列“{self.column}”")
        return " ".join(parts)

    def line(self) -> str:
        """One line for the CLI: place, then message."""
        return f"{self.place()}：{self.message}"

    def to_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "rule": self.rule,
        }


class InputError(Exception):
    """Bad user input; carries every finding so none is hidden."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__("\n".join(f.line() for f in self.findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


class RosterError(InputError):
    """The roster cannot be used: at least one finding is an error."""
