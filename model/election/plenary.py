"""The new committee's first plenary (第一次全体会议) and the by-election (补选) flow.

The committee elects 书记 and 副书记 by 等额 election, with more than half of its
members present (支部条例 第十二条); the other members get their duties (组织委员,
宣传委员, 纪检委员) by consultation. A branch without a committee (F < 7) elects its
书记 at the members' meeting instead (same 等额 rule, the members' quorum).
A vacancy is filled by 补选 at a members' meeting (青海指南 模板7: 等额 by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from model.election.ballot import ELECTION_RULES as R
from model.election.counting import ElectionResult, ElectionSpec, count_election, quorum_met
from model.election.electorate import committee_range
from model.findings import ERROR, Finding, InputError

__all__ = [
    "POSTS",
    "DUTIES",
    "OfficerResult",
    "PlenaryResult",
    "officer_spec",
    "first_plenary",
    "by_election_spec",
    "vacancy_check",
]

POSTS = ("书记", "副书记")
DUTIES = ("组织委员", "宣传委员", "纪检委员", "青年委员", "统战委员", "委员")


@dataclass(frozen=True, slots=True)
class OfficerResult:
    post: str
    candidate: str
    votes: int
    elected: bool
    result: ElectionResult


@dataclass(frozen=True, slots=True)
class PlenaryResult:
    """The first plenary: quorum, each post's 等额 vote, the duties agreed."""

    committee: tuple[str, ...]
    present: int
    quorum_ok: bool
    officers: tuple[OfficerResult, ...]
    duties: tuple[tuple[str, str], ...]
    messages: tuple[str, ...]

    def holder(self, post: str) -> str | None:
        return next((o.candidate for o in self.officers if o.post == post and o.elected), None)

    def to_dict(self) -> dict:
        return {
            "committee": list(self.committee),
            "present": self.present,
            "quorum_ok": self.quorum_ok,
            "officers": [
                {"post": o.post, "candidate": o.candidate, "votes": o.votes, "elected": o.elected}
                for o in self.officers
            ],
            "duties": dict(self.duties),
            "messages": list(self.messages),
        }


def officer_spec(
    candidate: str,
    due: int,
    present: int,
    yes: int,
    *,
    returned: int | None = None,
    invalid: int = 0,
    committee: bool = True,
) -> ElectionSpec:
    """One 等额 vote for one post, from the tally of 赞成 votes.

    ``committee`` True: the committee's plenary (more than half present);
    False: a members' meeting (more than four fifths present).
    """
    returned = present if returned is None else returned
    return ElectionSpec(
        seats=1,
        candidates=(candidate,),
        eligible_due=due,
        eligible_present=present,
        tally=((candidate, yes),),
        returned_given=returned,
        invalid_given=invalid,
        mode="等额",
        quorum="过半数" if committee else "五分之四",
    )


def first_plenary(
    committee: tuple[str, ...],
    present: int,
    posts: Mapping[str, str],
    yes: Mapping[str, int],
    duties: Mapping[str, str] | None = None,
    source: str = "",
) -> PlenaryResult:
    """Run the first plenary: elect each post in ``posts`` 等额 and record ``duties``.

    >>> p = first_plenary(("甲", "乙", "丙"), 3, {"书记": "甲"}, {"书记": 3}, {"乙": "组织委员"})
    >>> p.quorum_ok, p.holder("书记"), p.duties
    (True, '甲', (('乙', '组织委员'),))
    """
    errors = []
    members = set(committee)
    if "书记" not in posts:
        errors.append("posts：须选举书记")
    for post, name in posts.items():
        if post not in POSTS:
            errors.append(f"posts.{post}：第一次全体会议选举的职务应为书记或副书记")
        if name not in members:
            errors.append(f"posts.{post}：“{name}”不是新一届委员会委员")
        if post in POSTS and not isinstance(yes.get(post), int):
            errors.append(f"yes.{post}：缺少赞成票数")
    if len(set(posts.values())) != len(posts):
        errors.append("posts：同一人不能同时当选书记和副书记")
    if not 0 <= present <= len(committee):
        errors.append(f"present：实到会委员{present}人，应在0至{len(committee)}之间")
    for name, _duty in (duties or {}).items():
        if name not in members:
            errors.append(f"duties.{name}：不是委员会委员")
    if errors:
        raise InputError(Finding(ERROR, source, None, None, None, e) for e in errors)
    quorum_ok = quorum_met(present, len(committee), "过半数")
    msgs = [
        f"委员会应到会{len(committee)}人，实到会{present}人，"
        f"{'超过半数，可以进行选举' if quorum_ok else '未超过半数，不能进行选举'}（{R['committee_quorum']}）"
    ]
    officers = []
    for post in POSTS:
        if post not in posts:
            continue
        res = count_election(officer_spec(posts[post], len(committee), present, yes[post]))
        ok = bool(res.elected)
        officers.append(OfficerResult(post, posts[post], yes[post], ok, res))
        msgs.append(
            f"{posts[post]}同志得{yes[post]}票，{'当选' if ok else '未当选'}{post}"
            f"（等额选举，须超过实到会委员半数；{R['equal']}）"
        )
    taken = {o.candidate: o.post for o in officers if o.elected}
    clean = tuple((n, d) for n, d in (duties or {}).items() if n not in taken)
    for n, d in clean:
        msgs.append(f"经协商，{n}同志任{d}")
    return PlenaryResult(tuple(committee), present, quorum_ok, tuple(officers), clean, tuple(msgs))


def vacancy_check(kind: str, committee_size: int, sitting: int) -> tuple[int, str]:
    """Vacancies on a committee and whether 补选 is due.

    >>> vacancy_check("党支部", 5, 4)
    (1, '党支部委员会由5人组成，现有委员4人，出现空缺1人，应及时补选（青海指南：缺额及时补选）')
    """
    vac = committee_size - sitting
    lo = committee_range(kind)[0]
    if vac <= 0:
        return 0, f"{kind}委员会由{committee_size}人组成，现有委员{sitting}人，无空缺"
    urgent = "，已低于最少人数，必须补选" if sitting < lo else ""
    return vac, (
        f"{kind}委员会由{committee_size}人组成，现有委员{sitting}人，出现空缺{vac}人，"
        f"应及时补选{urgent}（青海指南：缺额及时补选）"
    )


def by_election_spec(
    vacancies: int,
    candidates: tuple[str, ...],
    due: int,
    present: int,
    *,
    mode: str = "等额",
    sitting: tuple[str, ...] = (),
    **more,
) -> ElectionSpec:
    """The members' meeting spec for a 补选 (same quorum as 换届: more than 4/5 present).

    Sitting members cannot be 补选 candidates for the same committee.
    """
    clash = [c for c in candidates if c in set(sitting)]
    if clash:
        raise InputError(
            [Finding(ERROR, "", None, None, None, f"candidates：{'、'.join(clash)}已是委员会委员，不能作为补选候选人")]
        )
    if vacancies < 1:
        raise InputError([Finding(ERROR, "", None, None, None, "seats：补选名额应至少为1")])
    return ElectionSpec(
        seats=vacancies,
        candidates=tuple(candidates),
        eligible_due=due,
        eligible_present=present,
        mode=mode,
        round_kind="补选",
        **more,
    )
