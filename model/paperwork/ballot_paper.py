"""Election papers: the ballot (选票) and the tellers' tally sheet (计票单), from an election file.

The ballot lists the candidates in 姓氏笔画 order (选举条例: 候选人按姓氏笔画为序排列) with one
box each, the regulation's instructions (赞成 ○, 不赞成 ×, 弃权 nothing; only a 不赞成 allows
另选他人; choosing more people than seats voids the ballot), and as many 另选他人 lines as
there are seats. The tally sheet has a row per candidate and per write-in line for the 唱票
strokes and the totals, the ballot counts (发出/收回/有效/无效) and the signatures of the
监票人 and 计票人 (选举条例 第二十二、二十三条).

Input: an election file of docs/formats.md §4 (``seats`` and ``candidates``; ``round``,
``organization`` and, for a branch without a committee, ``posts`` {"书记": …, "副书记": …}
when given). Counts and ballots are not needed: the papers are printed before the vote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from model.election.stroke_order import stroke_sorted
from model.findings import ERROR, Finding, InputError
from model.paperwork.document import Document, Para, Table

__all__ = ["BallotSetup", "read_ballot_setup", "ballot_paper", "tally_sheet"]


@dataclass(frozen=True, slots=True)
class BallotSetup:
    """What the papers need: the body, the round, the seats and the candidates (in 姓氏笔画 order)."""

    organization: str
    seats: int
    candidates: tuple[str, ...]
    round: str = "选举"
    posts: tuple[tuple[str, str], ...] = ()  # direct flow: (post, candidate), in post order

    @property
    def what(self) -> str:
        """What is elected: 委员 or 书记/副书记."""
        if self.posts:
            return "、".join(p for p, _ in self.posts)
        return "委员会委员"


def read_ballot_setup(data: object, source: str = "") -> BallotSetup:
    """The ballot setup of an election file; InputError names each bad key.

    >>> read_ballot_setup({"seats": 2, "candidates": ["张三", "王五", "方六"], "organization": "甲学会党支部"}).candidates
    ('王五', '方六', '张三')
    >>> read_ballot_setup({"seats": 0, "candidates": []}, "e.json")
    Traceback (most recent call last):
    model.findings.InputError: e.json 列“seats”：应为不小于1的整数，实际为“0”
    """
    if not isinstance(data, Mapping):
        raise InputError([Finding(ERROR, source, None, None, None, "选举文件应为 JSON 对象")])
    bad: list[tuple[str, str]] = []
    seats = data.get("seats")
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        bad.append(("seats", f"应为不小于1的整数，实际为“{seats}”"))
    cands = data.get("candidates")
    if not isinstance(cands, list) or not all(isinstance(c, str) and c.strip() for c in cands):
        bad.append(("candidates", "应为姓名列表"))
        cands = []
    names = [c.strip() for c in cands]
    if len(set(names)) != len(names):
        bad.append(("candidates", "候选人姓名重复"))
    if not names and not bad:
        bad.append(("candidates", "没有候选人"))
    posts = data.get("posts") or {}
    if not isinstance(posts, Mapping):
        bad.append(("posts", "应为“职务: 姓名”对象"))
        posts = {}
    if bad:
        raise InputError([Finding(ERROR, source, None, None, k, msg) for k, msg in bad])
    ordered = tuple((p, str(posts[p]).strip()) for p in ("书记", "副书记") if str(posts.get(p) or "").strip())
    ordered = tuple((p, n) for p, n in ordered if n in names)
    return BallotSetup(
        organization=str(data.get("organization") or "").strip(),
        seats=int(seats),
        candidates=tuple(stroke_sorted(names)),
        round=str(data.get("round") or "选举"),
        posts=ordered,
    )


def _title(s: BallotSetup, paper: str) -> str:
    body = s.organization or "＿＿＿＿党组织"
    return f"{body}党员大会{s.round}{s.what}{paper}"


def ballot_paper(s: BallotSetup) -> Document:
    """The ballot: instructions, one box per candidate, 另选他人 lines as many as seats."""
    if s.posts:
        rows = [((f"{post}候选人", 1), (name, 2), ("", 1)) for post, name in s.posts]
        head = (("职务", 1), ("候选人姓名", 2), ("符号", 1))
        write = [(("另选他人", 1), ("", 2), ("", 1)) for _ in range(s.seats)]
    else:
        rows = [((name, 3), ("", 1)) for name in s.candidates]
        head = (("候选人姓名（按姓氏笔画为序）", 3), ("符号", 1))
        write = [(("另选他人：", 1), ("", 2), ("", 1)) for _ in range(s.seats)]
    body = (
        Para(f"应选{s.seats}名，候选人{len(s.candidates)}名。", "center"),
        Table((head, *rows, *write), columns=4, row_height=0.8),
        Para("说明：", "note"),
        Para("1. 候选人按姓氏笔画为序排列。", "note"),
        Para("2. 对候选人表示赞成的，在其姓名后的空格内划“○”；不赞成的划“×”；弃权的不划任何符号。", "note"),
        Para(
            "3. 对候选人投不赞成票的，可以另选他人：在“另选他人”栏内写上另选人的姓名，并在其后的空格内划“○”；"
            "投弃权票的，不能另选他人。",
            "note",
        ),
        Para(f"4. 所选人数（赞成的和另选的合计）多于应选人数{s.seats}名的为无效票；等于或少于的为有效票。", "note"),
        Para("5. 请用黑色或蓝黑色笔填写，符号要准确，不得涂改。", "note"),
    )
    return Document(code="选票", name="选票", organization=s.organization, title=_title(s, "选票"), body=body)


def tally_sheet(s: BallotSetup) -> Document:
    """The tellers' sheet: 唱票 strokes and totals per candidate and write-in, ballot counts, signatures."""
    head = (("姓名", 1), ("唱票记录（划“正”字）", 2), ("赞成票", 1))
    rows = [((name, 1), ("", 2), ("", 1)) for name in s.candidates]
    write = [(("（另选）", 1), ("", 2), ("", 1)) for _ in range(s.seats)]
    counts = (
        (("发出选票", 1), ("　　张", 1), ("收回选票", 1), ("　　张", 1)),
        (("有效票", 1), ("　　张", 1), ("无效票", 1), ("　　张", 1)),
    )
    body = (
        Para(f"应选{s.seats}名，候选人{len(s.candidates)}名。", "center"),
        Table((head, *rows, *write, *counts), columns=4, row_height=0.8),
        Para(
            "当选须得到超过实到会有选举权人数一半的赞成票；票数相等不能确定当选人时，对票数相等的候选人再次投票。",
            "plain",
        ),
        Para("监票人（签名）：＿＿＿＿＿＿＿＿　　计票人（签名）：＿＿＿＿＿＿＿＿", "plain"),
        Para("　　年　月　日", "right"),
    )
    return Document(code="计票单", name="计票单", organization=s.organization, title=_title(s, "计票单"), body=body)
