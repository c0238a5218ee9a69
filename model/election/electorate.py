"""Who votes (docs/rules.md §3–4): voters, excused members, committee size, candidate list.

Voting rights: formal members only; not 预备党员; not under 留党察看 while it lasts; not
members whose rights are suspended (留置、逮捕) (选举条例 第五条). 应到会 = voting
members − those excused for one of the listed reasons (with the higher level's consent
and the meeting's approval). Anyone else absent still counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from model.election.ballot import ELECTION_RULES
from model.roster.values import FORMAL, Roster
from model.rules.policy import BRANCH, GENERAL_BRANCH, JOINT_BRANCH, PARTY_COMMITTEE, Policy

__all__ = [
    "voter_to_dict",
    "voter_from_dict",
    "Voter",
    "Electorate",
    "EXCUSED_REASONS",
    "excused_reason",
    "electorate_from_members",
    "electorate_from_roster",
    "committee_range",
    "has_committee",
    "check_committee_size",
    "required_candidates",
    "check_candidate_count",
    "check_scrutineers",
]

# 中组部规定：经上级党组织同意并经党员大会通过，可不计入应到会人数的情形 (label, keywords).
EXCUSED_REASONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("患有精神病或其他疾病导致不能表达本人意志", ("精神", "不能表达")),
    ("自费出国（境）半年以上", ("出国", "出境")),
    ("未受留党察看以上处分但正在服刑", ("服刑",)),
    ("年老体弱、卧床不起、长期生病生活不能自理", ("年老", "体弱", "卧床", "不能自理")),
    ("外出学习或工作半年以上、按规定应转未转组织关系", ("外出", "下派", "蹲点", "工作调动", "应转")),
)


def excused_reason(text: str | None) -> str | None:
    """The listed reason that ``text`` names, or None.

    >>> excused_reason("自费出国半年以上")
    '自费出国（境）半年以上'
    >>> excused_reason("出差") is None
    True
    """
    t = (text or "").strip()
    for label, keys in EXCUSED_REASONS:
        if t == label or any(k in t for k in keys):
            return label
    return None


@dataclass(frozen=True, slots=True)
class Voter:
    """One party member of the organization, as far as the election needs."""

    name: str
    status: str = FORMAL
    discipline: str | None = None
    suspended: bool = False
    excused: str | None = None  # the reason given for not attending, if any
    present: bool = True

    def no_right_reason(self) -> str | None:
        """Why this member has no vote, or None (选举条例 第五条)."""
        if self.status != FORMAL:
            return f"{self.status or '非正式'}党员，没有表决权、选举权和被选举权"
        if self.discipline and "留党察看" in self.discipline:
            return "留党察看期间，没有表决权、选举权和被选举权"
        if self.suspended:
            return "被依法留置或逮捕，党员权利中止"
        return None


def voter_to_dict(v: Voter) -> dict:
    """A member as docs/formats.md §4 ``members`` lists one (optional keys only when set).

    >>> voter_to_dict(Voter("张三", excused="出国"))
    {'name': '张三', 'status': '正式', 'present': True, 'excused': '出国'}
    """
    d: dict[str, Any] = {"name": v.name, "status": v.status, "present": v.present}
    if v.discipline:
        d["discipline"] = v.discipline
    if v.suspended:
        d["suspended"] = True
    if v.excused:
        d["excused"] = v.excused
    return d


def voter_from_dict(d: Mapping) -> Voter:
    """The member of a stored ``members`` entry."""
    return Voter(
        str(d.get("name", "")),
        status=str(d.get("status") or "正式"),
        discipline=d.get("discipline") or None,
        suspended=bool(d.get("suspended", False)),
        excused=d.get("excused") or None,
        present=bool(d.get("present", True)),
    )


@dataclass(frozen=True, slots=True)
class Electorate:
    """The members of one organization sorted into voters, excluded and excused.

    ``due`` is 应到会有选举权的党员数 and ``present`` 实到会有选举权的党员数;
    ``members_due`` / ``members_present`` count every member (for 模板6's
    「应到党员×名（其中有选举权党员×名）」).
    """

    voters: tuple[Voter, ...]  # with voting rights, counted in 应到会
    excluded: tuple[tuple[str, str], ...]  # (name, why no vote)
    excused: tuple[tuple[str, str], ...]  # (name, listed reason): not in 应到会
    members_due: int
    members_present: int
    notes: tuple[str, ...] = ()

    @property
    def due(self) -> int:
        return len(self.voters)

    @property
    def present(self) -> int:
        return sum(v.present for v in self.voters)

    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.voters)


def electorate_from_members(voters: Iterable[Voter]) -> Electorate:
    """Sort members into voters, excluded (no vote) and excused (listed reason).

    >>> e = electorate_from_members([Voter("张三"), Voter("李四", status="预备"),
    ...     Voter("王五", discipline="留党察看"), Voter("赵六", excused="自费出国半年以上", present=False),
    ...     Voter("钱七", suspended=True, present=False), Voter("孙八", present=False, excused="出差")])
    >>> e.due, e.present, [n for n, _ in e.excluded], [n for n, _ in e.excused]
    (2, 1, ['李四', '王五', '钱七'], ['赵六'])
    """
    counted: list[Voter] = []
    excluded: list[tuple[str, str]] = []
    excused: list[tuple[str, str]] = []
    notes: list[str] = []
    all_voters = list(voters)
    for v in all_voters:
        why = v.no_right_reason()
        if why:
            excluded.append((v.name, why))
            continue
        label = excused_reason(v.excused) if v.excused else None
        if label and not v.present:
            excused.append((v.name, label))
            continue
        if v.excused and not label:
            notes.append(
                f"{v.name}请假理由“{v.excused}”不属于可不计入应到会的情形，仍计入应到会人数"
                f"（{ELECTION_RULES['excused']}）"
            )
        elif label and v.present:
            notes.append(f"{v.name}虽有请假理由但已到会，计入应到会和实到会人数")
        counted.append(v)
    excused_names = {n for n, _ in excused}
    members_due = sum(1 for v in all_voters if v.name not in excused_names)
    members_present = sum(1 for v in all_voters if v.present)
    return Electorate(tuple(counted), tuple(excluded), tuple(excused), members_due, members_present, tuple(notes))


def electorate_from_roster(
    roster: Roster,
    societies: Iterable[str],
    *,
    absent: Mapping[str, str | None] | None = None,
    suspended: Iterable[str] = (),
) -> Electorate:
    """Voters of the organization covering ``societies``, from the 党员 sheet.

    ``absent`` maps an absent member's name to the reason given (None = no reason).
    """
    absent = dict(absent or {})
    stop = set(suspended)
    wanted = set(societies)
    voters = [
        Voter(
            m.name,
            status=m.status or FORMAL,
            discipline=m.discipline,
            suspended=m.name in stop,
            excused=absent.get(m.name),
            present=m.name not in absent,
        )
        for m in roster.members
        if m.society in wanted
    ]
    return electorate_from_members(voters)


# Committee sizes (docs/rules.md §3): (minimum, normal maximum, absolute maximum).
_SIZES: dict[str, tuple[int, int, int]] = {
    BRANCH: (3, 5, 7),
    JOINT_BRANCH: (3, 5, 7),
    GENERAL_BRANCH: (5, 7, 7),
    PARTY_COMMITTEE: (5, 9, 9),
}


def committee_range(kind: str) -> tuple[int, int, int]:
    """(minimum, normal maximum, maximum) committee size for an organization kind.

    >>> committee_range("党支部"), committee_range("党委")
    ((3, 5, 7), (5, 9, 9))
    """
    return _SIZES.get(kind, _SIZES[BRANCH])


def has_committee(formal: int, policy: Policy = Policy()) -> bool:
    """支部条例: 正式党员7人以上的党支部设支部委员会.

    >>> has_committee(6), has_committee(7)
    (False, True)
    """
    return formal >= policy.committee_min_formal


def check_committee_size(kind: str, seats: int) -> tuple[bool, str]:
    """Whether ``seats`` fits the kind's committee size, with a message.

    >>> check_committee_size("党支部", 7)[0], check_committee_size("党支部", 8)[0]
    (True, False)
    """
    lo, normal, hi = committee_range(kind)
    if seats < lo or seats > hi:
        return (
            False,
            f"{kind}委员会应由{lo}至{normal}人组成（最多{hi}人），拟设{seats}人不符合（{ELECTION_RULES['size']}）",
        )
    if seats > normal:
        return True, f"{kind}委员会一般{lo}至{normal}人，拟设{seats}人超过一般规模，请确认（{ELECTION_RULES['size']}）"
    return True, f"{kind}委员会拟设{seats}人，在{lo}至{normal}人范围内（{ELECTION_RULES['size']}）"


def required_candidates(seats: int, mode: str = "差额") -> int:
    """Candidates needed: 差额 seats + ceil(seats/5); 等额 exactly seats.

    >>> [required_candidates(s) for s in (3, 5, 6, 7)]
    [4, 6, 8, 9]
    >>> required_candidates(1, "等额")
    1
    """
    if mode == "等额":
        return seats
    return seats + (seats + 4) // 5


def check_candidate_count(seats: int, n: int, mode: str = "差额") -> tuple[bool, str]:
    """Whether ``n`` candidates suit ``seats`` under ``mode``, with the message.

    >>> check_candidate_count(5, 6)[0], check_candidate_count(6, 7)[0], check_candidate_count(2, 3, "等额")[0]
    (True, False, False)
    """
    need = required_candidates(seats, mode)
    if mode == "等额":
        ok = n == seats
        verdict = "符合" if ok else "不符合"
        return ok, (
            f"等额选举：应选{seats}名，候选人应正好{seats}名，现有{n}名，{verdict}（{ELECTION_RULES['equal']}）"
        )
    ok = n >= need
    diff = n - seats
    verdict = "符合" if ok else f"不符合，至少还需{need - n}名"
    return ok, (
        f"差额选举：应选{seats}名，候选人应不少于{need}名（差额不少于应选人数的20%），"
        f"现有{n}名{f'（差额{diff}名）' if diff > 0 else ''}，{verdict}（{ELECTION_RULES['candidates']}）"
    )


def check_scrutineers(scrutineers: Iterable[str], candidates: Iterable[str]) -> tuple[bool, str]:
    """监票人 must not be candidates (选举条例 第二十二、二十三条).

    >>> check_scrutineers(["甲"], ["乙", "丙"])[0], check_scrutineers(["乙"], ["乙", "丙"])[0]
    (True, False)
    """
    s = list(scrutineers)
    clash = [x for x in s if x in set(candidates)]
    if clash:
        return False, f"监票人{'、'.join(clash)}是候选人，不能担任监票人（{ELECTION_RULES['scrutineers']}）"
    if not s:
        return True, f"尚未确定监票人，监票人应从不是候选人的党员中推选（{ELECTION_RULES['scrutineers']}）"
    return True, f"监票人{'、'.join(s)}均不是候选人（{ELECTION_RULES['scrutineers']}）"
