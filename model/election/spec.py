"""The election input (docs/formats.md §4) as a frozen value, read with every error's JSON path.

>>> s = ElectionSpec.from_dict({"seats": 3, "candidates": ["甲", "乙", "丙", "丁"],
...     "eligible_due": 10, "eligible_present": 9})
>>> s.issued, s.returned, s.mode
(9, 0, '差额')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from model.election.ballot import ELECTION_RULES, Ballot
from model.election.electorate import Voter, electorate_from_members
from model.findings import ERROR, Finding, InputError

__all__ = ["ElectionSpec", "parse_election", "MODES", "QUORUM_RULES", "ROUND_KINDS"]

MODES = ("差额", "等额")
QUORUM_RULES = ("五分之四", "过半数")  # 党员大会 / 委员会全体会议
ROUND_KINDS = ("选举", "再次投票", "另行选举", "补选")
_MARKS = ("yes", "no", "abstain", "write_in")
_STATUSES = {"正式": "正式", "正式党员": "正式", "预备": "预备", "预备党员": "预备"}


@dataclass(frozen=True, slots=True)
class ElectionSpec:
    """One round of voting: seats, candidates, electorate counts and the ballots or tallies."""

    seats: int
    candidates: tuple[str, ...]
    eligible_due: int
    eligible_present: int
    ballots: tuple[Ballot, ...] = ()
    tally: tuple[tuple[str, int], ...] | None = None  # votes per person, instead of ballots
    returned_given: int | None = None  # ballots returned (tally mode)
    invalid_given: int = 0  # invalid ballots (tally mode)
    issued_given: int | None = None
    mode: str = "差额"
    quorum: str = "五分之四"
    round_kind: str = "选举"
    scrutineers: tuple[str, ...] = ()
    min_seats: int | None = None
    elected_before: int = 0  # members of the same body elected in earlier rounds (另行选举, 再次投票)
    members_due: int | None = None  # all members due (for 模板6), when members are listed
    members_present: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def issued(self) -> int:
        return self.eligible_present if self.issued_given is None else self.issued_given

    @property
    def returned(self) -> int:
        return len(self.ballots) if self.tally is None else int(self.returned_given or 0)

    @classmethod
    def from_dict(cls, d: Any, source: str = "") -> ElectionSpec:
        return parse_election(d, source)

    def to_dict(self) -> dict:
        d: dict[str, Any] = {
            "seats": self.seats,
            "candidates": list(self.candidates),
            "eligible_due": self.eligible_due,
            "eligible_present": self.eligible_present,
            "mode": self.mode,
            "quorum": self.quorum,
            "round": self.round_kind,
        }
        if self.issued_given is not None:
            d["ballots_issued"] = self.issued_given
        if self.tally is None:
            d["ballots"] = [b.to_dict() for b in self.ballots]
        else:
            d.update(tally=dict(self.tally), ballots_returned=self.returned_given, invalid_ballots=self.invalid_given)
        for key, value in (
            ("scrutineers", list(self.scrutineers)),
            ("min_seats", self.min_seats),
            ("elected_before", self.elected_before),
            ("members_due", self.members_due),
            ("members_present", self.members_present),
        ):
            if value:
                d[key] = value
        return d


def _j(v: Any) -> str:
    """A value as JSON shows it."""
    try:
        return json.dumps(v, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(v)


class _Reader:
    """Collects every error with its JSON path."""

    def __init__(self, source: str):
        self.source, self.errors = source, []

    def err(self, path: str, msg: str) -> None:
        self.errors.append(Finding(ERROR, self.source, None, None, None, f"{path}：{msg}"))

    def int_(self, d: dict, key: str, lo: int = 0, required: bool = True) -> int | None:
        if key not in d or d[key] is None:
            if required:
                self.err(key, "缺少此项")
            return None
        v = d[key]
        if isinstance(v, bool) or not isinstance(v, int):
            self.err(key, f"应为整数，实际为{_j(v)}")
            return None
        if v < lo:
            self.err(key, f"应不小于{lo}，实际为{v}")
            return None
        return v

    def names(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.err(path, f"应为姓名列表，实际为{type(value).__name__}")
            return ()
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                self.err(f"{path}[{i}]", f"应为非空姓名，实际为{_j(v)}")
            else:
                out.append(v.strip())
        return tuple(out)

    def choice(self, d: dict, key: str, allowed: tuple[str, ...]) -> str:
        v = d.get(key, allowed[0])
        if v not in allowed:
            self.err(key, f"应为{'/'.join(allowed)}之一，实际为{_j(v)}")
            return allowed[0]
        return v


def _ballot(r: _Reader, b: Any, path: str, candidates: set[str]) -> Ballot:
    if not isinstance(b, dict):
        r.err(path, f"应为对象（含 yes/no/abstain/write_in），实际为{type(b).__name__}")
        return Ballot()
    for key in b:
        if key not in _MARKS:
            r.err(f"{path}.{key}", f"未知的键“{key}”，选票只能有 {'/'.join(_MARKS)}")
    marks = {k: r.names(b.get(k), f"{path}.{k}") for k in _MARKS}
    seen: dict[str, str] = {}
    for k in ("yes", "no", "abstain"):
        for i, n in enumerate(marks[k]):
            if n not in candidates:
                r.err(f"{path}.{k}[{i}]", f"“{n}”不是候选人（另选他人请写在 write_in）")
            elif n in seen:
                r.err(f"{path}.{k}[{i}]", f"“{n}”在同一张选票上重复标记（已在 {seen[n]}）")
            else:
                seen[n] = k
    for i, n in enumerate(marks["write_in"]):
        if n in candidates:
            r.err(f"{path}.write_in[{i}]", f"“{n}”是候选人，应在 yes 中标记赞成，不能另选")
        elif marks["write_in"].index(n) != i:
            r.err(f"{path}.write_in[{i}]", f"另选人“{n}”重复")
    return Ballot(**marks)


def parse_election(d: Any, source: str = "") -> ElectionSpec:
    """Read docs/formats.md §4 input; raise InputError naming every bad JSON path."""
    r = _Reader(source)
    if not isinstance(d, dict):
        r.err("$", "选举数据应为 JSON 对象")
        raise InputError(r.errors)
    seats = r.int_(d, "seats", lo=1)
    candidates = r.names(d.get("candidates"), "candidates")
    if "candidates" not in d:
        r.err("candidates", "缺少此项")
    for i, c in enumerate(candidates):
        if candidates.index(c) != i:
            r.err(f"candidates[{i}]", f"候选人“{c}”重复")
    mode = r.choice(d, "mode", MODES)
    quorum = r.choice(d, "quorum", QUORUM_RULES)
    round_kind = r.choice(d, "round", ROUND_KINDS)
    notes: tuple[str, ...] = ()
    members_due = members_present = None
    if "members" in d:
        voters = _voters(r, d["members"])
        e = electorate_from_members(voters)
        due, present = e.due, e.present
        members_due, members_present = e.members_due, e.members_present
        notes = tuple(f"{n}：{why}，不计入有选举权的党员（{ELECTION_RULES['rights']}）" for n, why in e.excluded)
        notes += tuple(f"{n}：{why}，不计入应到会人数（{ELECTION_RULES['excused']}）" for n, why in e.excused)
        notes += e.notes
        for key, derived in (("eligible_due", due), ("eligible_present", present)):
            if key in d and d[key] != derived:
                r.err(key, f"与 members 推算的{derived}人不一致（实际填写{_j(d[key])}）")
    else:
        due = r.int_(d, "eligible_due")
        present = r.int_(d, "eligible_present")
        if due is not None and present is not None and present > due:
            r.err("eligible_present", f"实到会{present}人多于应到会{due}人（应到会含到会的全部有选举权党员）")
    issued = r.int_(d, "ballots_issued", required=False)
    cset = set(candidates)
    ballots: tuple[Ballot, ...] = ()
    tally = returned = None
    invalid = 0
    if "tally" in d and "ballots" in d:
        r.err("tally", "ballots 与 tally 只能二选一")
    elif "tally" in d:
        tally, returned, invalid = _tally(r, d, seats)
    elif "ballots" in d:
        if not isinstance(d["ballots"], list):
            r.err("ballots", "应为选票列表")
        else:
            ballots = tuple(_ballot(r, b, f"ballots[{i}]", cset) for i, b in enumerate(d["ballots"]))
    scrutineers = r.names(d.get("scrutineers"), "scrutineers")
    min_seats = r.int_(d, "min_seats", lo=1, required=False)
    elected_before = r.int_(d, "elected_before", lo=0, required=False) or 0
    if r.errors:
        raise InputError(r.errors)
    return ElectionSpec(
        seats=seats,
        candidates=candidates,
        eligible_due=due,
        eligible_present=present,
        ballots=ballots,
        tally=tally,
        returned_given=returned,
        invalid_given=invalid,
        issued_given=issued,
        mode=mode,
        quorum=quorum,
        round_kind=round_kind,
        scrutineers=scrutineers,
        min_seats=min_seats,
        elected_before=elected_before,
        members_due=members_due,
        members_present=members_present,
        notes=notes,
    )


def _voters(r: _Reader, members: Any) -> list[Voter]:
    if not isinstance(members, list):
        r.err("members", "应为党员列表")
        return []
    out = []
    for i, m in enumerate(members):
        path = f"members[{i}]"
        if not isinstance(m, dict) or not isinstance(m.get("name"), str) or not m["name"].strip():
            r.err(path, "应为含 name 的对象")
            continue
        present = m.get("present", True)
        if not isinstance(present, bool):
            r.err(f"{path}.present", f"应为 true/false，实际为{_j(present)}")
            present = True
        suspended = m.get("suspended", False)
        if not isinstance(suspended, bool):
            r.err(f"{path}.suspended", f"应为 true/false，实际为{_j(suspended)}")
            suspended = False
        raw = m.get("status")
        status = "正式" if raw is None or raw == "" else _STATUSES.get(raw.strip()) if isinstance(raw, str) else None
        if status is None:
            r.err(f"{path}.status", f"党员类别应为正式或预备（留空按正式），实际为{_j(m.get('status'))}")
        text = {}
        for key, what in (("discipline", "党纪处分"), ("excused", "请假理由")):
            v = m.get(key)
            if v is not None and not isinstance(v, str):
                r.err(f"{path}.{key}", f"应为{what}（文字），实际为{_j(v)}")
                v = None
            text[key] = v.strip() if v and v.strip() else None
        out.append(
            Voter(
                m["name"].strip(),
                status=status or "正式",
                discipline=text["discipline"],
                suspended=suspended,
                excused=text["excused"],
                present=present,
            )
        )
    return out


def _tally(r: _Reader, d: dict, seats: int | None) -> tuple[tuple[tuple[str, int], ...] | None, int | None, int]:
    t = d["tally"]
    returned = r.int_(d, "ballots_returned")
    invalid = r.int_(d, "invalid_ballots", required=False) or 0
    if not isinstance(t, dict):
        r.err("tally", "应为 {姓名: 票数} 对象")
        return None, returned, invalid
    pairs = []
    for name, v in t.items():
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            r.err(f"tally.{name}", f"票数应为非负整数，实际为{_j(v)}")
        elif name.strip():
            pairs.append((name.strip(), v))
    if returned is not None:
        valid = returned - invalid
        if valid < 0:
            r.err("invalid_ballots", f"无效票{invalid}张多于收回的{returned}张")
        for name, v in pairs:
            if v > max(valid, 0):
                r.err(f"tally.{name}", f"票数{v}多于有效票{valid}张")
        if seats is not None and sum(v for _, v in pairs) > seats * max(valid, 0):
            r.err("tally", f"票数之和{sum(v for _, v in pairs)}多于应选名额×有效票（{seats}×{valid}）")
    return tuple(pairs), returned, invalid
