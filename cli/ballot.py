"""``python -m model ballot ELECTION.json --out 选票.docx [--tally 计票单.docx]``: the election papers.

Writes the ballot (选票, candidates in 姓氏笔画 order) to ``--out`` and the tellers' tally sheet
(计票单) to ``--tally`` (default: beside the ballot, named ``…_计票单.docx``). ELECTION.json is the
file of docs/formats.md §4; only ``seats`` and ``candidates`` are required. Bad input exits 2.
"""

from __future__ import annotations

from pathlib import Path

from cli.json_file import read_json
from model.paperwork.ballot_paper import ballot_paper, read_ballot_setup, tally_sheet
from model.paperwork.word import to_docx


def tally_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}_计票单{out.suffix or '.docx'}")


def run(args) -> int:
    setup = read_ballot_setup(read_json(args.election), source=str(args.election))
    out = Path(args.out)
    tally = Path(args.tally) if args.tally else tally_path(out)
    out.write_bytes(to_docx(ballot_paper(setup)))
    tally.write_bytes(to_docx(tally_sheet(setup)))
    print(f"选票（{len(setup.candidates)}名候选人，按姓氏笔画为序：{'、'.join(setup.candidates)}）已写入 {out}")
    print(f"计票单已写入 {tally}")
    return 0
