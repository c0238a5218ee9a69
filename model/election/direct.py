"""Branches without a committee: the members' meeting elects 书记 (and 副书记) directly.

支部条例: a branch with 7 or more formal members sets up a committee (支部委员会), elected
差额 at the members' meeting, whose first plenary elects 书记/副书记 等额. A branch with
fewer formal members has no committee: 1 书记 and, if needed, 1 副书记, elected by the
members' meeting itself — 等额 (candidates == seats), with the members' quorum
(``5*present > 4*due``) and the same majority (``2*yes > present``) (docs/rules.md §3–4).

``leadership_flow`` tells which of the two flows applies and why; ``direct_spec`` builds
the members' meeting round from the posts; ``count_election`` counts it as any other
round; ``direct_outcome`` says who holds which post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from model.election.ballot import ELECTION_RULES as R
from model.election.counting import ElectionResult, ElectionSpec, count_election
from model.findings import ERROR, Finding, InputError
from model.rules.policy import GENERAL_BRANCH, PARTY_COMMITTEE, Policy

__all__ = [
    "COMMITTEE_FLOW",
    "DIRECT_FLOW",
    "FLOWS",
    "POSTS",
    "DIRECT_SOURCE",
    "LeadershipFlow",
    "leadership_flow",
    "check_posts",
    "direct_spec",
    "DirectResult",
    "direct_outcome",
    "direct_election",
]

COMMITTEE_FLOW, DIRECT_FLOW = "委员会", "直接选举"
FLOWS = (COMMITTEE_FLOW, DIRECT_FLOW)
POSTS = ("书记", "副书记")
DIRECT_SOURCE = (
    "依据《中国共产党支部工作条例（试行）》：正式党员不足7人的党支部不设支部委员会，设书记1名，"
    "必要时可设副书记1名，由党员大会选举产生；书记、副书记实行等额选举（《中国共产党基层组织选举工作条例》）"
)
COMMITTEE_SOURCE = (
    "依据《中国共产党支部工作条例（试行）》：有正式党员7人以上的党支部应当设立支部委员会，"
    "委员由党员大会差额选举，书记、副书记由委员会第一次全体会议等额选举（《中国共产党基层组织选举工作条例》）"
)


@dataclass(frozen=True, slots=True)
class LeadershipFlow:
    """Which election the organization's members' meeting holds, with the rule's source."""

    flow: str  # COMMITTEE_FLOW or DIRECT_FLOW
    formal: int
    threshold: int  # committee_min_formal
    summary: str
    source: str

    @property
    def committee(self) -> bool:
        return self.flow == COMMITTEE_FLOW


def leadership_flow(formal: int, kind: str = "党支部", policy: Policy = Policy()) -> LeadershipFlow:
    """Committee (差额 committee election, then the first plenary) or direct 书记/副书记 election.

    A 党委 or 党总支 always has a committee; a branch has one when F ≥ ``committee_min_formal``.

    >>> leadership_flow(6).flow, leadership_flow(7).flow, leadership_flow(3, "党总支").flow
    ('直接选举', '委员会', '委员会')
    >>> leadership_flow(5, "联合党支部").summary
    '不设委员会：由党员大会直接选举书记（可设副书记1名）'
    """
    t = policy.committee_min_formal
    if kind in (PARTY_COMMITTEE, GENERAL_BRANCH) or formal >= t:
        return LeadershipFlow(
            COMMITTEE_FLOW,
            formal,
            t,
            f"设委员会：正式党员{formal}名（{t}名以上设委员会），党员大会差额选举委员，"
            "第一次全体会议等额选举书记、副书记",
            COMMITTEE_SOURCE,
        )
    return LeadershipFlow(DIRECT_FLOW, formal, t, "不设委员会：由党员大会直接选举书记（可设副书记1名）", DIRECT_SOURCE)


def check_posts(posts: Mapping[str, str], eligible: Iterable[str] | None = None) -> list[str]:
    """What is wrong with the posts to elect (empty when fine): 书记 required, 副书记 optional,
    one person per post, candidates with the right to be elected when ``eligible`` is given.

    >>> check_posts({"书记": "张三", "副书记": "李四"})
    []
    >>> check_posts({"副书记": "张三", "组织委员": "张三"})
    ['posts：须选举书记', 'posts.组织委员：不设委员会的党支部只选举书记、副书记', 'posts：同一人不能同时是书记和副书记的候选人']
    """
    errors = []
    names = {p: str(n or "").strip() for p, n in posts.items()}
    if not names.get("书记"):
        errors.append("posts：须选举书记")
    for post, _name in names.items():
        if post not in POSTS:
            errors.append(f"posts.{post}：不设委员会的党支部只选举书记、副书记")
    filled = [n for n in names.values() if n]
    if len(set(filled)) != len(filled):
        errors.append("posts：同一人不能同时是书记和副书记的候选人")
    if eligible is not None:
        ok = set(eligible)
        errors += [f"posts.{p}：“{n}”没有被选举权或不是本支部党员" for p, n in names.items() if n and n not in ok]
    return errors


def _ordered(posts: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((p, str(posts[p]).strip()) for p in POSTS if str(posts.get(p) or "").strip())


def direct_spec(posts: Mapping[str, str], due: int, present: int, *, source: str = "", **more) -> ElectionSpec:
    """The members' meeting round electing the posts 等额: one candidate per post, seats = posts.

    ``more`` passes ballots / tally / returned_given / issued_given … to :class:`ElectionSpec`.

    >>> s = direct_spec({"书记": "张三", "副书记": "李四"}, 5, 5)
    >>> s.seats, s.candidates, s.mode, s.quorum
    (2, ('张三', '李四'), '等额', '五分之四')
    """
    errors = check_posts(posts)
    if errors:
        raise InputError(Finding(ERROR, source, None, None, None, e) for e in errors)
    cands = tuple(n for _, n in _ordered(posts))
    note = f"党员大会直接选举{'、'.join(p for p, _ in _ordered(posts))}（{DIRECT_SOURCE}）"
    return ElectionSpec(
        seats=len(cands),
        candidates=cands,
        eligible_due=due,
        eligible_present=present,
        mode="等额",
        quorum="五分之四",
        notes=(note,),
        **more,
    )


@dataclass(frozen=True, slots=True)
class DirectResult:
    """Who holds which post after the members' meeting (over all its rounds)."""

    posts: tuple[tuple[str, str], ...]  # (post, candidate) as nominated
    holders: tuple[tuple[str, str, int], ...]  # (post, elected person, votes)
    vacant: tuple[str, ...]  # posts still to elect
    messages: tuple[str, ...]

    def holder(self, post: str) -> str | None:
        return next((n for p, n, _ in self.holders if p == post), None)

    def votes(self, post: str) -> int | None:
        return next((v for p, _, v in self.holders if p == post), None)

    def to_dict(self) -> dict:
        return {
            "flow": DIRECT_FLOW,
            "posts": dict(self.posts),
            "holders": [{"post": p, "name": n, "votes": v} for p, n, v in self.holders],
            "vacant": list(self.vacant),
            "messages": list(self.messages),
        }


def direct_outcome(posts: Mapping[str, str], rounds: ElectionResult | Sequence[ElectionResult]) -> DirectResult:
    """Each post's holder: its candidate if elected in some valid round. A write-in (另选他人)
    who is elected takes the post of the candidate who failed in that round when exactly one
    failed; otherwise the meeting must say which post (the post stays vacant here).

    >>> r = count_election(direct_spec({"书记": "张三"}, 5, 5, ballots=()))
    >>> direct_outcome({"书记": "张三"}, r).vacant
    ('书记',)
    """
    rounds = (rounds,) if isinstance(rounds, ElectionResult) else tuple(rounds)
    nominated = _ordered(posts)
    held: dict[str, tuple[str, int]] = {}
    msgs: list[str] = []
    for r in rounds:
        if not (r.meeting_valid and r.election_valid):
            continue
        votes = dict(r.votes)
        by_name = {n: p for p, n in nominated}
        failed = [by_name[c] for c in r.candidates if c in by_name and c not in r.elected and by_name[c] not in held]
        for name in r.elected:
            post = by_name.get(name)
            if post is None and len(failed) == 1:
                post = failed.pop()
                msgs.append(f"{name}同志经另选他人得票超过半数，当选{post}")
            if post is None:
                msgs.append(f"{name}同志经另选他人当选，但不能确定任何职务，须由党员大会明确")
                continue
            if post not in held:
                held[post] = (name, votes.get(name, 0))
    for post, cand in nominated:
        if post in held:
            name, v = held[post]
            msgs.append(f"{name}同志得赞成票{v}票，当选{post}（党员大会等额选举；{R['threshold']}）")
        else:
            msgs.append(f"{post}候选人{cand}同志未当选，{post}职务空缺：可重新提名候选人，另行选举（{R['shortfall']}）")
    holders = tuple((p, *held[p]) for p, _ in nominated if p in held)
    vacant = tuple(p for p, _ in nominated if p not in held)
    return DirectResult(nominated, holders, vacant, tuple(msgs))


def direct_election(posts: Mapping[str, str], due: int, present: int, **more) -> tuple[ElectionResult, DirectResult]:
    """Build, count (``count_election``) and read the direct election in one call.

    >>> from model.election.ballot import Ballot
    >>> r, d = direct_election({"书记": "张三", "副书记": "李四"}, 5, 5,
    ...                        ballots=tuple(Ballot(yes=("张三", "李四")) for _ in range(3)))
    >>> r.elected, d.holder("书记"), d.holder("副书记"), d.vacant
    (('张三', '李四'), '张三', '李四', ())
    """
    result = count_election(direct_spec(posts, due, present, **more))
    return result, direct_outcome(posts, result)
