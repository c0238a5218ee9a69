"""Coverage figures: how many societies are organized or work-covered, and how a rate is stated."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Coverage", "rate"]


def rate(part: int, units: int) -> float:
    """``part / units`` rounded to three places (0.0 for no units): how every coverage rate is stated.

    >>> rate(2, 3), rate(0, 0)
    (0.667, 0.0)
    """
    return round(part / units, 3) if units else 0.0


@dataclass(frozen=True, slots=True)
class Coverage:
    """Organizational and work coverage of the societies (组织覆盖率, 工作覆盖率; docs/rules.md §1)."""

    units: int
    organized: int
    work_covered: int

    @property
    def organized_rate(self) -> float:
        return rate(self.organized, self.units)

    @property
    def work_rate(self) -> float:
        return rate(self.work_covered, self.units)

    def to_dict(self) -> dict:
        return {
            "units": self.units,
            "organized": self.organized,
            "organized_rate": self.organized_rate,
            "work_covered": self.work_covered,
            "work_rate": self.work_rate,
        }
