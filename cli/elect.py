"""``python -m model elect ELECTION.json --out RESULT.json`` (docs/formats.md §4–5).

Bad input (unreadable or malformed JSON, missing keys, wrong types, a name on a ballot
that is no candidate …) raises InputError: one line per error, naming the file and the
JSON path, exit 2. An invalid meeting is a result, not bad input: exit 0.
"""

from __future__ import annotations

import json
from pathlib import Path

from cli.json_file import read_json
from model.election.counting import count_election, parse_election


def summary(result) -> str:
    """A short Chinese summary of a result, one fact per line."""
    lines = [
        f"会议{'有效' if result.meeting_valid else '无效'}：应到会{result.eligible_due}人，"
        f"实到会{result.eligible_present}人",
        f"候选人{'符合' if result.candidates_ok else '不符合'}{result.mode}选举要求",
    ]
    if result.election_valid:
        lines.append(
            f"收回选票{result.ballots_returned}张，有效{result.valid_ballots}张，无效{result.invalid_ballots}张"
        )
        lines.append(f"当选：{'、'.join(result.elected) or '无'}")
        if result.revote:
            lines.append(f"须再次投票：{'、'.join(result.revote)}（{result.revote_seats}个名额）")
    elif result.meeting_valid:
        lines.append("收回选票多于发出选票，本轮选举无效，应当重新选举")
    if result.unfilled:
        lines.append(f"缺额：{result.unfilled}名")
    return "\n".join(lines)


def run(args) -> int:
    src = Path(args.election)
    spec = parse_election(read_json(src), source=str(src))
    result = count_election(spec)
    Path(args.out).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(summary(result))
    print(f"结果已写入 {args.out}")
    return 0
