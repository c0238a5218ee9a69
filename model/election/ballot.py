"""Ballots (选票) and their validity, as frozen values (docs/rules.md §4 "Ballots").

A ballot marks each listed candidate 赞成 (``yes``), 不赞成 (``no``) or 弃权
(``abstain``; an unmarked candidate counts as not chosen), and may write in other
people (另选他人, ``write_in``).

Write-ins: only a voter who marks 不赞成 may write in another person, one write-in
in place of each candidate marked 不赞成 (选票说明 in the usual 选举办法: 「对候选人投
不赞成票的，可以另选他人」; 「投弃权票的，不能另选他人」). Decision for this tool: a write-in
beyond the number of 不赞成 marks is **void** (另选无效, not counted) and the rest of the
ballot stands. Voiding the whole ballot would throw away the voter's valid marks, and
no rule says that a surplus write-in spoils the ballot; only choosing more people than
seats does (《中国共产党基层组织选举工作条例》: 多于规定应选人数的为无效票). That count
takes every name the voter chose, 赞成 and all write-ins (docs/rules.md §4), so 2 赞成 plus
an unsanctioned write-in for 2 seats is void.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Ballot", "BallotVerdict", "judge_ballot", "ELECTION_RULES"]

# The regulation and the rule behind each verdict (shown next to every message).
_REG = "《中国共产党基层组织选举工作条例》"
ELECTION_RULES: dict[str, str] = {
    "rights": f"依据{_REG}第五条",
    "excused": "依据中央组织部关于不计入应到会人数情形的规定（须经上级党组织同意、党员大会通过）",
    "quorum": f"依据{_REG}关于有选举权的到会人数超过应到会人数五分之四的规定",
    "committee_quorum": "依据《中国共产党支部工作条例（试行）》第十二条，委员会会议须有半数以上委员到会",
    "candidates": f"依据{_REG}第十三条",
    "equal": f"依据{_REG}，书记、副书记实行等额选举；补选可等额选举（青海指南模板7）",
    "scrutineers": f"依据{_REG}第二十二、二十三条",
    "round": f"依据{_REG}关于收回选票多于发出选票则选举无效的规定",
    "ballot": f"依据{_REG}关于所选人数多于应选人数为无效票的规定",
    "write_in": "依据选举办法通例：只有投不赞成票的，才可以另选他人",
    "threshold": f"依据{_REG}关于赞成票超过实到会有选举权人数一半始得当选的规定",
    "ranking": f"依据{_REG}关于以得票多少为序、票数相等者再次投票的规定",
    "shortfall": f"依据{_REG}关于不足应选名额时另行选举或减少名额的规定",
    "size": "依据《中国共产党支部工作条例（试行）》和选举条例关于委员会人数的规定",
}


@dataclass(frozen=True, slots=True)
class Ballot:
    """One returned ballot: the names marked in each way.

    >>> Ballot(yes=("张三",), no=("李四",), write_in=("周九",)).chosen
    ('张三', '周九')
    """

    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    write_in: tuple[str, ...] = ()

    @property
    def chosen(self) -> tuple[str, ...]:
        """Everyone the ballot chooses before validity checks (赞成 + write-ins)."""
        return self.yes + self.write_in

    @property
    def blank(self) -> bool:
        return not (self.yes or self.no or self.abstain or self.write_in)

    def to_dict(self) -> dict:
        return {
            "yes": list(self.yes),
            "no": list(self.no),
            "abstain": list(self.abstain),
            "write_in": list(self.write_in),
        }


@dataclass(frozen=True, slots=True)
class BallotVerdict:
    """Validity of one ballot and the names it counts for."""

    valid: bool
    counted: tuple[str, ...]  # 赞成 + effective write-ins (empty when invalid)
    void_write_ins: tuple[str, ...]  # write-ins not counted (no 不赞成 to stand in for)
    reason: str = ""


def judge_ballot(ballot: Ballot, seats: int) -> BallotVerdict:
    """Judge one ballot against the number of seats.

    >>> judge_ballot(Ballot(yes=("甲", "乙")), seats=2).valid
    True
    >>> judge_ballot(Ballot(yes=("甲", "乙", "丙")), seats=2).reason
    '选择3人，多于应选名额2名，为无效票'
    >>> judge_ballot(Ballot(yes=("甲",), write_in=("丁",)), seats=2).void_write_ins
    ('丁',)
    >>> judge_ballot(Ballot(yes=("甲", "乙"), write_in=("丁",)), seats=2).valid   # chose 3 for 2 seats
    False
    >>> judge_ballot(Ballot(), seats=2).valid   # a blank ballot is valid
    True
    """
    allowed = len(ballot.no)
    effective = ballot.write_in[:allowed]
    void = ballot.write_in[allowed:]
    marked = len(ballot.yes) + len(ballot.write_in)  # everyone the voter chose (DOMAIN §4)
    if marked > seats:
        return BallotVerdict(False, (), void, f"选择{marked}人，多于应选名额{seats}名，为无效票")
    return BallotVerdict(True, ballot.yes + effective, void, "")
