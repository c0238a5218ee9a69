"""The batch: one set of documents per organization, in one zip or a folder."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import openpyxl
import pytest

from model.election.record import parse_record
from model.findings import InputError
from model.paperwork.bundle import (
    Bundle,
    build_bundle,
    build_document,
    bundle_part,
    bundle_steps,
    finish_bundle,
    match_elections,
    records_for,
    safe_name,
    step_label,
    to_zip,
    write_documents,
)
from model.paperwork.document import DocContext
from model.paperwork.output_folder import MANIFEST, read_manifest
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy

# 甲学会 own branch with a committee (7 formal, term ends) · 乙学会+丙协会 joint · 丁学会 liaison.
ROSTER = Roster(
    (
        Society("甲学会", "工科", "武汉市", formal_members=7, term_ends=date(2027, 3, 1)),
        Society("乙学会", "工科", "武汉市", formal_members=1),
        Society("丙/协会", "工科", "武汉市", formal_members=2),
        Society("丁学会", "理科", "武汉市"),
    ),
    tuple(Member(f"甲{i}", "甲学会", society_role="理事长" if i == 1 else "理事") for i in range(1, 8))
    + (Member("乙一", "乙学会"), Member("丙一", "丙/协会"), Member("丙二", "丙/协会")),
    has_member_sheet=True,
)
OWN = Organization("S001", "党支部", "单独组建", ("甲学会",), 7)
JOINT = Organization("J001", "联合党支部", "同业共建", ("乙学会", "丙/协会"), 3)
PLAN = Plan(Policy(), (OWN, JOINT), liaison=("丁学会",))
CTX = DocContext(addressee="中共某省科技社团委员会", issued=date(2026, 11, 22))


def test_zip_holds_one_set_per_organization():
    """It puts 模板1–3 in each organization's folder and a 表1–3 workbook in each society's folder."""
    z = zipfile.ZipFile(io.BytesIO(to_zip(build_bundle(ROSTER, PLAN, CTX))))
    names = z.namelist()
    for folder in ("S001 甲学会党支部", "J001 乙学会等2家单位联合党支部"):
        for doc in ("模板1 成立党组织的请示.docx", "模板2 党组织人员备案表.docx", "模板3 党员名册.xlsx"):
            assert f"{folder}/{doc}" in names
    assert "J001 乙学会等2家单位联合党支部/丙_协会/表1-3 学会党建台账.xlsx" in names
    assert "派驻指导员的学会/丁学会/表1-3 学会党建台账.xlsx" in names
    ledger = openpyxl.load_workbook(io.BytesIO(z.read("S001 甲学会党支部/甲学会/表1-3 学会党建台账.xlsx")))
    assert [n[:2] for n in ledger.sheetnames] == ["表1", "表2", "表3"]
    assert {"统计表 党组织覆盖情况统计表.xlsx", "清单 文书缺项清单.xlsx", "说明.txt"} <= set(names)
    # 模板4/5 only for the organization with a committee and a known term end
    assert "S001 甲学会党支部/模板4 换届选举请示.docx" in names
    assert not any(n.startswith("J001") and "模板4" in n for n in names)
    for n in names:
        if n.endswith(".docx"):
            docx.Document(io.BytesIO(z.read(n)))
        elif n.endswith(".xlsx"):
            openpyxl.load_workbook(io.BytesIO(z.read(n)))


def test_missing_list_in_zip_matches_bundle():
    """It writes every missing item into the 缺项清单 workbook."""
    bundle = build_bundle(ROSTER, PLAN, CTX)
    z = zipfile.ZipFile(io.BytesIO(to_zip(bundle)))
    ws = openpyxl.load_workbook(io.BytesIO(z.read("清单 文书缺项清单.xlsx"))).active
    assert ws.max_row == 2 + len(bundle.missing) > 2


def test_elections_add_result_documents():
    """It adds 模板6 for a counted 换届 and 模板7–9 for a 补选 of the named organization."""
    change = parse_record(
        {
            "organization": "S001",
            "seats": 5,
            "candidates": ["甲1", "甲2", "甲3", "甲4", "甲5", "甲6"],
            "eligible_due": 7,
            "eligible_present": 7,
            "tally": {"甲1": 7},
            "ballots_returned": 7,
        }
    )
    by = parse_record(
        {
            "organization": "乙学会等2家单位联合党支部",
            "kind": "补选",
            "seats": 1,
            "candidates": ["丙一"],
            "eligible_due": 3,
            "eligible_present": 3,
            "tally": {"丙一": 3},
            "ballots_returned": 3,
            "mode": "等额",
        }
    )
    names = [p for p, _ in build_bundle(ROSTER, PLAN, CTX, [change, by]).files]
    assert "S001 甲学会党支部/模板6 换届选举结果的请示.docx" in names
    for code in ("模板7", "模板8", "模板9"):
        assert any(n.startswith("J001") and code in n for n in names)
    assert records_for(PLAN, JOINT, [change, by]) == (by,)


def test_unknown_organization_in_election_is_refused():
    """It refuses an election naming no organization of the plan, naming the file."""
    rec = parse_record({"organization": "X999", "seats": 3, "candidates": []}, "e.json")
    with pytest.raises(InputError) as exc:
        match_elections(PLAN, [rec])
    assert exc.value.findings[0].file == "e.json" and "X999" in exc.value.findings[0].message
    unnamed = parse_record({"seats": 3, "candidates": []}, "f.json")
    with pytest.raises(InputError):
        match_elections(PLAN, [unnamed])
    assert match_elections(Plan(Policy(), (OWN,)), [unnamed]) == {"S001": (unnamed,)}


def test_write_documents_creates_the_folder_tree(tmp_path):
    """It writes the same files under the output folder, and lists them in the manifest."""
    bundle = write_documents(ROSTER, PLAN, tmp_path / "out", ctx=CTX)
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == sorted([p for p, _ in bundle.files] + [MANIFEST])
    assert sorted(p for p, _ in read_manifest(tmp_path / "out").files) == sorted(p for p, _ in bundle.files)


# Names that clean to the same file name: a path separator, a colon, a trailing dot, case.
CLASH = Roster(
    (
        Society("甲/学会", "工科", "武汉市", formal_members=2),
        Society("甲:学会", "工科", "武汉市", formal_members=2),
        Society("乙学会", "理科", "武汉市"),
        Society("乙学会.", "理科", "武汉市"),
        Society("ABC学会", "理科", "武汉市"),
        Society("abc学会", "理科", "武汉市"),
    )
)
CLASH_PLAN = Plan(
    Policy(),
    (Organization("J001", "联合党支部", "同业共建", ("甲/学会", "甲:学会"), 4),),
    liaison=("乙学会", "乙学会."),
    uncovered=("ABC学会", "abc学会"),
)


def test_names_that_clean_alike_never_overwrite(tmp_path):
    """It gives societies whose names clean to one file name distinct folders (（2）), in the zip and the
    folder alike, and says which were renamed."""
    bundle = build_bundle(CLASH, CLASH_PLAN)
    paths = [p for p, _ in bundle.files]
    assert len({p.casefold() for p in paths}) == len(paths)
    assert "J001 甲_学会等2家单位联合党支部/甲_学会/表1-3 学会党建台账.xlsx" in paths
    assert "J001 甲_学会等2家单位联合党支部/甲_学会（2）/表1-3 学会党建台账.xlsx" in paths
    assert "派驻指导员的学会/乙学会（2）/表1-3 学会党建台账.xlsx" in paths
    assert "尚未建立党组织的学会/abc学会（2）/表1-3 学会党建台账.xlsx" in paths
    ledgers = [p for p in paths if p.endswith("学会党建台账.xlsx")]
    owners = {openpyxl.load_workbook(io.BytesIO(dict(bundle.files)[p])).worksheets[0]["B2"].value for p in ledgers}
    assert owners == {s.name for s in CLASH.societies}  # six ledgers, one per society, none lost
    z = zipfile.ZipFile(io.BytesIO(to_zip(bundle)))
    assert len(z.namelist()) == len(set(z.namelist())) == len(paths)
    write_documents(CLASH, CLASH_PLAN, tmp_path / "out")
    on_disk = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != MANIFEST]
    assert len(on_disk) == len(paths)
    assert any("甲:学会" in w and "甲_学会（2）" in w for w in bundle.warnings)


def test_a_bundle_refuses_two_files_of_one_name():
    """It refuses a bundle whose paths differ only by case: one would overwrite the other."""
    with pytest.raises(ValueError, match="同一个文件"):
        Bundle((("A/x.docx", b""), ("a/X.docx", b"")), ())


def test_phone_numbers_only_when_asked():
    """It leaves 联系电话 and the phone numbers out of every register unless ``phones=True``."""
    roster = Roster(
        ROSTER.societies, ROSTER.members + (Member("甲8", "甲学会", society_role="秘书长", phone="13900000000"),), True
    )
    plan = Plan(Policy(), (OWN,))

    def cells(bundle) -> set[str]:
        out: set[str] = set()
        for path, data in bundle.files:
            if path.endswith(".xlsx"):
                for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
                    out |= {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
        return out

    off, on = cells(build_bundle(roster, plan, CTX)), cells(build_bundle(roster, plan, CTX, phones=True))
    assert "13900000000" not in off and "联系电话" not in off
    assert "13900000000" in on and "联系电话" in on


def test_steps_make_the_bundle():
    """It builds the same files step by step (one per organization, then the societies without one)."""
    steps = bundle_steps(PLAN)
    assert steps == ("S001", "J001", "派驻指导员的学会")
    assert step_label(PLAN, "J001") == "J001 乙学会等2家单位联合党支部"
    parts = [bundle_part(ROSTER, PLAN, s, CTX) for s in steps]
    whole = build_bundle(ROSTER, PLAN, CTX)
    assert [p for p, _ in finish_bundle(PLAN, parts).files] == [p for p, _ in whole.files]
    with pytest.raises(ValueError):
        bundle_part(ROSTER, PLAN, "X999")


def test_build_document_per_society_register_for_joint_branch():
    """It gives a joint branch's 表3 one sheet per unit."""
    reg = build_document("表3", JOINT, ROSTER, PLAN, CTX)
    assert [s.name for s in reg.sheets] == ["乙学会", "丙/协会"]
    with pytest.raises(ValueError):
        build_document("模板0", JOINT, ROSTER, PLAN, CTX)


def test_safe_name():
    """It strips path separators and characters Windows refuses from file names."""
    assert safe_name("a/b\\c:d") == "a_b_c_d" and safe_name("..") == "未命名"


def test_kept_organization_gets_no_founding_request_and_far_term_no_change_request():
    """It skips 模板1/2 for an organization the plan keeps (保留) and 模板4 when the term ends far off."""
    kept = Organization("S001", "党支部", "单独组建", ("甲学会",), 7, status="保留")
    plan = Plan(Policy(), (kept,))
    names = [p for p, _ in build_bundle(ROSTER, plan, DocContext(issued=date(2025, 1, 1))).files]
    assert "S001 甲学会党支部/模板3 党员名册.xlsx" in names
    assert not any("模板1" in n or "模板2" in n or "模板4" in n for n in names)


def test_usable_elections_keeps_the_plans_and_explains_the_rest():
    """It keeps stored elections of the plan's organizations and says why the others are left out."""
    from model.paperwork.bundle import usable_elections

    stored = {
        "好": {"organization": "J001 联合党支部（乙学会、丙/协会）", "seats": 3, "candidates": []},
        "旧": {"organization": "X9", "seats": 1, "candidates": []},
        "坏": {"organization": "S001", "seats": "三", "candidates": []},
    }
    usable, problems = usable_elections(PLAN, stored)
    assert list(usable) == ["好"]
    assert any("旧" in p and "不在当前方案中" in p for p in problems) and any("坏" in p for p in problems)


def test_stale_plan_still_builds():
    """It builds every document for a plan naming a society the roster no longer has, and says which."""
    from model.paperwork.bundle import stale_units

    gone = Plan(Policy(), (Organization("S009", "党支部", "单独组建", ("己学会",), 3),), liaison=("丁学会",))
    assert stale_units(gone, ROSTER) == ("己学会",)
    names = [p for p, _ in build_bundle(ROSTER, gone, CTX).files]
    assert "S009 己学会党支部/模板1 成立党组织的请示.docx" in names
    reg = build_document("表1", gone.organizations[0], ROSTER, gone, CTX)
    assert reg.sheets == () and "不在当前名册中" in reg.missing[0].field
