"""The documents as LibreOffice prints them (a real word processor): converted to PDF, read page by page.

Skipped with a reason when ``soffice`` is not installed (``make test`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from model.election.record import parse_record
from model.paperwork import election_letters as el
from model.paperwork.ballot_paper import ballot_paper, read_ballot_setup, tally_sheet
from model.paperwork.document import DocContext, Document
from model.paperwork.founding import founding_request, personnel_forms
from model.paperwork.word import to_docx
from model.planning.planner import plan_joint_branches
from model.roster.loading import load_roster

REPO = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice not installed"
)
CTX = DocContext(addressee="中共湖北省科技社团委员会", council_meeting="2026年3月5日经第五届理事会第三次会议")


def pdf_pages(docs: dict[str, Document], folder: Path) -> dict[str, list[str]]:
    """Each document written as .docx, converted by LibreOffice, and its PDF text split into pages."""
    for name, doc in docs.items():
        (folder / f"{name}.docx").write_bytes(to_docx(doc))
    files = sorted(str(p) for p in folder.glob("*.docx"))
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(folder), *files],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    out = {}
    for name in docs:
        text = subprocess.run(["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout  # fmt: skip
        out[name] = [p for p in text.split("\f") if p.strip()]
    return out


@pytest.fixture(scope="module")
def sample():
    roster = load_roster(REPO / "sample_data" / "sample_roster.xlsx")
    return roster, plan_joint_branches(roster)


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip() and not line.strip().startswith("—")]


def test_every_founding_request_keeps_its_close_signature_and_date_together(sample, tmp_path):
    """It prints every 模板1 of the sample with the closing sentence, the signature and the date on one page."""
    roster, plan = sample
    docs = {f"m1_{o.id}": founding_request(o, roster, CTX, plan.policy) for o in plan.organizations[:40]}
    pages = pdf_pages(docs, tmp_path)
    for name, doc in docs.items():
        last = pages[name][-1]
        assert "妥否，请批示。" in last, name
        assert doc.signature[0] in last and "年" in last, name
        assert len(_lines(last)) >= 4, f"{name}: the last page holds only the signature"


def test_forms_leave_room_and_stay_whole(sample, tmp_path):
    """It prints each 模板2 form on its own page, whole (every person's form starts with 姓名 and ends with 意见)."""
    roster, plan = sample
    org = next(o for o in plan.organizations if o.kind == "党支部" and o.formal_members >= 7)
    pages = pdf_pages({"m2": personnel_forms(org, roster, CTX, plan.policy)}, tmp_path)["m2"]
    for page in pages:
        assert "姓名" in page and "上级党组织意见" in page and "工作简历" in page


def test_election_letters_and_papers_print_as_signed(sample, tmp_path):
    """It prints 模板4–9 of a committee branch and the ballot papers with no signature or date alone on a page."""
    roster, plan = sample
    org = next(o for o in plan.organizations if o.kind == "党支部" and o.formal_members >= 7)
    names = [m.name for m in roster.members if m.society in org.units][:6]
    change = parse_record(
        {"seats": 5, "candidates": names, "eligible_due": 8, "eligible_present": 8, "date": "2026-11-20",
         "previous": "2021-11-20", "ballots": [{"yes": names[:5]}] * 8, "secretary": names[0],
         "secretary_votes": 5, "plenary_present": 5}
    )  # fmt: skip
    by = parse_record(
        {"kind": "补选", "seats": 1, "candidates": names[5:6], "mode": "等额", "round": "补选", "eligible_due": 8,
         "eligible_present": 8, "ballots": [{"yes": names[5:6]}] * 8, "committee_size": 5, "plenary_present": 5}
    )  # fmt: skip
    setup = read_ballot_setup({"seats": 5, "candidates": names, "organization": "甲学会党支部"})
    docs = {
        "m4": el.change_request(org, roster, change, CTX, plan.policy),
        "m5": el.candidate_forms(org, roster, change, CTX, plan.policy),
        "m6": el.change_result(org, roster, change, CTX, plan.policy),
        "m7": el.by_election_request(org, roster, by, CTX, plan.policy),
        "m8": el.candidate_forms(org, roster, by, CTX, plan.policy, code="模板8"),
        "m9": el.by_election_result(org, roster, by, CTX, plan.policy),
        "ballot": ballot_paper(setup),
        "tally": tally_sheet(setup),
    }
    pages = pdf_pages(docs, tmp_path)
    for name in ("m4", "m6", "m7", "m9"):
        last = pages[name][-1]
        assert "妥否，请批示。" in last and docs[name].signature[0] in last and "年" in last, name
        assert len(_lines(last)) >= 4, name
    assert len(pages["ballot"]) == 1 and len(pages["tally"]) == 1
    for name in ("m5", "m8"):
        assert all("上级党组织意见" in p or "意见" in p for p in pages[name]), name
