"""学会党建规划工作台 — the domain model (no UI).

The public API is assembled here (see ``__all__``).
"""
from .findings import Finding, InputError, RosterError
from .roster import Member, Roster, Society
from .rules import Policy, Classification, classify, classify_all
from .plan import Organization, Plan, Coverage

__all__ = [
    "Finding", "InputError", "RosterError",
    "Member", "Roster", "Society",
    "Policy", "Classification", "classify", "classify_all",
    "Organization", "Plan", "Coverage",
]
