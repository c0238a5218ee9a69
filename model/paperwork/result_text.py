"""The text of seed 004 模板6 (换届选举结果的请示) and 模板9 (补选结果的请示), filled in.

``result_fields`` / ``by_election_fields`` expose the filled fields as a frozen value
(for the .docx writer); ``result_letter`` / ``by_election_letter`` return the plain text.
A field that is not known is None in the fields and printed as the template's "×";
``LetterFields.missing()`` lists them. The quorum phrase reads 「超过五分之四」: the
regulation's reading (DOMAIN.md §4); the seed's 「五分之四以上」 is noted there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from model.election.counting import ElectionResult
from model.election.plenary import PlenaryResult
from model.findings import ERROR, Finding, InputError

__all__ = [
    "LetterFields",
    "result_fields",
    "by_election_fields",
    "result_letter",
    "by_election_letter",
    "percent_text",
    "DEFAULT_ADDRESSEE",
]

DEFAULT_ADDRESSEE = "中国共产党××省科技社团委员会"
X = "×"


def percent_text(present: int, due: int) -> str:
    """实到 ÷ 应到 as a percentage with one decimal, rounded half up.

    >>> percent_text(26, 30), percent_text(9, 10), percent_text(0, 0)
    ('86.7', '90', '0')
    """
    if not due:
        return "0"
    q = (Decimal(present) * 100 / Decimal(due)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(q.normalize(), "f")


def _date(d: date | str | None) -> str | None:
    if d is None or d == "":
        return None
    return f"{d.year}年{d.month}月{d.day}日" if isinstance(d, date) else str(d)


@dataclass(frozen=True, slots=True)
class LetterFields:
    """Every filled field of 模板6 / 模板9."""

    template: str  # "模板6" or "模板9"
    title: str
    addressee: str
    org_name: str
    meeting_date: str | None
    members_due: int | None
    voters_due: int
    members_present: int | None
    voters_present: int
    percent: str
    mode: str
    votes: tuple[tuple[str, int], ...]
    elected: tuple[str, ...]
    later_rounds: tuple[tuple[str, tuple[tuple[str, int], ...], tuple[str, ...]], ...]  # (kind, votes, elected)
    plenary_due: int | None
    plenary_present: int | None
    secretary: tuple[str, int] | None
    deputy: tuple[str, int] | None
    duties: tuple[tuple[str, str], ...]
    signer: str
    signed_on: str | None

    def missing(self) -> list[str]:
        """Labels of the fields still unknown (shown as “×” in the text)."""
        labels = {
            "meeting_date": "会议日期",
            "members_due": "应到党员数",
            "members_present": "实到党员数",
            "plenary_due": "全体会议应到人数",
            "plenary_present": "全体会议实到人数",
            "signed_on": "落款日期",
        }
        if self.template == "模板6":
            labels["secretary"] = "书记及得票"
        return [label for key, label in labels.items() if getattr(self, key) is None]

    def to_dict(self) -> dict:
        return asdict(self)


def _fields(
    template: str,
    rounds: ElectionResult | Sequence[ElectionResult],
    org_name: str,
    *,
    meeting_date,
    members_due,
    members_present,
    plenary,
    plenary_due,
    plenary_present,
    officers,
    duties,
    addressee,
    signer,
    signed_on,
) -> LetterFields:
    rounds = (rounds,) if isinstance(rounds, ElectionResult) else tuple(rounds)
    first = rounds[0]
    if not first.meeting_valid or not first.election_valid:
        raise InputError(
            [Finding(ERROR, "", None, None, None, "会议无效或本轮选举无效，不能形成选举结果的请示，请先重新组织选举")]
        )
    if not any(r.elected for r in rounds):
        raise InputError([Finding(ERROR, "", None, None, None, "没有人当选，不能形成选举结果的请示")])
    spec = first.spec
    if members_due is None and spec is not None:
        members_due = spec.members_due
    if members_present is None and spec is not None:
        members_present = spec.members_present
    if plenary is not None:
        plenary_due = len(plenary.committee) if plenary_due is None else plenary_due
        plenary_present = plenary.present if plenary_present is None else plenary_present
        officers = {o.post: (o.candidate, o.votes) for o in plenary.officers if o.elected} | dict(officers or {})
        duties = dict(plenary.duties) | dict(duties or {})
    officers = dict(officers or {})
    later = tuple((r.round_kind, r.votes, r.elected) for r in rounds[1:] if r.election_valid)
    if template == "模板6":
        title = f"关于{org_name}委员会换届选举结果的请示"
    else:
        title = f"关于{org_name}委员会委员补选结果的请示"
    return LetterFields(
        template=template,
        title=title,
        addressee=addressee,
        org_name=org_name,
        meeting_date=_date(meeting_date),
        members_due=members_due,
        voters_due=first.eligible_due,
        members_present=members_present,
        voters_present=first.eligible_present,
        percent=percent_text(first.eligible_present, first.eligible_due),
        mode=first.mode,
        votes=_with_zero(first),
        elected=first.elected,
        later_rounds=later,
        plenary_due=plenary_due,
        plenary_present=plenary_present,
        secretary=officers.get("书记"),
        deputy=officers.get("副书记"),
        duties=tuple((duties or {}).items()),
        signer=signer or (f"{org_name}委员会" if template == "模板6" else org_name),
        signed_on=_date(signed_on),
    )


def _with_zero(r: ElectionResult) -> tuple[tuple[str, int], ...]:
    """Votes of everyone who got votes, then candidates with none."""
    got = dict(r.votes)
    return r.votes + tuple((c, 0) for c in r.candidates if c not in got)


def result_fields(
    rounds,
    org_name: str,
    *,
    meeting_date=None,
    members_due: int | None = None,
    members_present: int | None = None,
    plenary: PlenaryResult | None = None,
    plenary_due: int | None = None,
    plenary_present: int | None = None,
    officers: Mapping[str, tuple[str, int]] | None = None,
    duties: Mapping[str, str] | None = None,
    addressee: str = DEFAULT_ADDRESSEE,
    signer: str | None = None,
    signed_on=None,
) -> LetterFields:
    """Fields of 模板6 from the round(s) of a 换届选举 and its first plenary."""
    return _fields(
        "模板6",
        rounds,
        org_name,
        meeting_date=meeting_date,
        members_due=members_due,
        members_present=members_present,
        plenary=plenary,
        plenary_due=plenary_due,
        plenary_present=plenary_present,
        officers=officers,
        duties=duties,
        addressee=addressee,
        signer=signer,
        signed_on=signed_on,
    )


def by_election_fields(
    rounds,
    org_name: str,
    *,
    meeting_date=None,
    members_due: int | None = None,
    members_present: int | None = None,
    plenary_due: int | None = None,
    plenary_present: int | None = None,
    duties: Mapping[str, str] | None = None,
    addressee: str = DEFAULT_ADDRESSEE,
    signer: str | None = None,
    signed_on=None,
) -> LetterFields:
    """Fields of 模板9 from the round(s) of a 补选 and the committee meeting after it."""
    return _fields(
        "模板9",
        rounds,
        org_name,
        meeting_date=meeting_date,
        members_due=members_due,
        members_present=members_present,
        plenary=None,
        plenary_due=plenary_due,
        plenary_present=plenary_present,
        officers=None,
        duties=duties,
        addressee=addressee,
        signer=signer,
        signed_on=signed_on,
    )


def _v(x) -> str:
    return X if x is None else str(x)


def _votes_text(votes: tuple[tuple[str, int], ...]) -> str:
    return "，".join(f"{n}同志得票{v}票" for n, v in votes)


def _attendance(f: LetterFields, meeting: str) -> str:
    return (
        f"{f.org_name}于{f.meeting_date or '××××年×月×日'}召开{meeting}，应到党员{_v(f.members_due)}名"
        f"（其中有选举权党员{f.voters_due}名），实到党员{_v(f.members_present)}名（其中有选举权党员"
        f"{f.voters_present}名），实到会有选举权党员占应到会有选举权党员{f.percent}%（超过五分之四）。"
    )


def _later(f: LetterFields) -> str:
    out = ""
    for kind, votes, elected in f.later_rounds:
        out += f"经{kind}，{_votes_text(votes)}" + (f"，{'、'.join(elected)}同志当选。" if elected else "。")
    return out


def _letter(f: LetterFields, body: list[str]) -> str:
    lines = [f.title, "", f"{f.addressee}：", ""] + [f"　　{p}" for p in body]
    lines += ["", f.signer, f.signed_on or "年　月　日"]
    return "\n".join(lines) + "\n"


def render_result(f: LetterFields) -> str:
    """模板6 text from its fields."""
    everyone = f.elected + tuple(n for _, _, e in f.later_rounds for n in e)
    sec = f"{f.secretary[0]}同志得{f.secretary[1]}票，当选书记" if f.secretary else "×××同志得×票，当选书记"
    dep = f"；{f.deputy[0]}同志得{f.deputy[1]}票，当选副书记" if f.deputy else ""
    posts = "书记、副书记" if f.deputy else "书记"
    duty = "，".join(f"{n}同志任{d}" for n, d in f.duties)
    body = [
        _attendance(f, "党员大会"),
        f"大会采取无记名投票和{f.mode}选举的办法，选举产生了新一届{f.org_name}委员会。经选举，{_votes_text(f.votes)}。"
        f"{_later(f)}根据得票情况，{'、'.join(everyone)}等{len(everyone)}位同志当选为新一届{f.org_name}委员会委员。",
        f"同日，新一届{f.org_name}委员会召开第一次全体会议，应到会{_v(f.plenary_due)}人，实到会{_v(f.plenary_present)}人。"
        f"采取无记名投票和等额选举的办法选举产生了新一届{f.org_name}委员会{posts}。",
        f"经选举，{sec}{dep}。" + (f"会上，还对其他委员进行了分工，经协商，{duty}。" if duty else ""),
        f"选举产生的委员名单请予以备案，选举产生的{posts}请予以批准。",
        "特此请示。妥否，请批示。",
    ]
    return _letter(f, body)


def render_by_election(f: LetterFields) -> str:
    """模板9 text from its fields."""
    everyone = f.elected + tuple(n for _, _, e in f.later_rounds for n in e)
    duty = "，".join(f"{n}同志任{d}" for n, d in f.duties) or "×××同志任×"
    body = [
        _attendance(f, "理事会党员大会"),
        f"大会采取无记名投票和{f.mode}选举的办法，选举产生了{len(everyone)}位{f.org_name}委员会委员。经选举，"
        f"{_votes_text(f.votes)}，{_later(f)}根据选举办法，{'、'.join(everyone)}同志补选为{f.org_name}委员会委员。",
        f"同日，经过补选后的{f.org_name}委员会委员召开第一次全体会议，应到会{_v(f.plenary_due)}人，"
        f"实到会{_v(f.plenary_present)}人。会上，对{len(everyone)}位新委员进行了分工，{duty}。",
        "选举产生的委员名单请予以备案。",
        "特此请示。妥否，请批示。",
    ]
    return _letter(f, body)


def result_letter(rounds, org_name: str, **kw) -> str:
    """模板6 text (换届选举结果的请示); keywords as ``result_fields``."""
    return render_result(result_fields(rounds, org_name, **kw))


def by_election_letter(rounds, org_name: str, **kw) -> str:
    """模板9 text (补选结果的请示); keywords as ``by_election_fields``."""
    return render_by_election(by_election_fields(rounds, org_name, **kw))
