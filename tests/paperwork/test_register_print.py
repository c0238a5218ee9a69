"""The registers as LibreOffice Calc prints them: converted to PDF, read page by page.

A 模板3 党员名册 of 60 members (12 columns with 联系电话) and a 表1–3 学会党建台账 of the same
society are written by :func:`to_xlsx`, converted by ``soffice --convert-to pdf`` and read
back with ``pdftotext -layout`` (pages split at form feeds). A register that were not one
page wide would put its last columns on pages of their own; a header not repeated would be
missing from the later pages.

Skipped with a reason when ``soffice``/``pdftotext`` are not installed, or when LibreOffice
has no Calc to open a workbook (``make test`` installs them).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from model.paperwork.document import DocContext
from model.paperwork.registers import council_register, member_register, secretariat_register, society_info
from model.paperwork.spreadsheet import to_xlsx
from model.paperwork.workbook import Register
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not on PATH"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext not on PATH"),
]

SOCIETY = "湖北省测绘地理信息学会"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "海燕", "志强", "秀兰")
ROLES = ("理事长", "副理事长", "秘书长", "副秘书长", "常务理事", "理事")
NAMES = tuple(f"{s}{g}" for g in GIVEN for s in SURNAMES)[:60]
MEMBERS = tuple(
    Member(
        name,
        SOCIETY,
        gender="男女"[i % 2],
        society_role=ROLES[min(i, 5)],
        phone=f"139{i:08d}",
        home_org="武汉大学测绘遥感信息工程国家重点实验室党支部" if i % 3 else "中国地质大学（武汉）",
        extra=(("出生日期", f"{1960 + i % 30}-0{1 + i % 9}-1{i % 9}"), ("民族", "汉族"), ("入党时间", "1990年7月1日")),
    )
    for i, name in enumerate(NAMES)
)
ROSTER = Roster(
    (
        Society(
            SOCIETY,
            "工科",
            "武汉市",
            host_unit="武汉大学",
            formal_members=60,
            org_founded=date(2019, 6, 28),
            existing_org=f"{SOCIETY}党委",
        ),
    ),
    MEMBERS,
    has_member_sheet=True,
)
ORG = Organization("S001", "党委", "单独组建", (SOCIETY,), 60)
PLAN = Plan(Policy(), (ORG,))
LEDGER_TITLES = ("学会党建信息表", "学会秘书处专兼职干部党员信息表", "学会理事会党员信息表")


def _ledger() -> Register:
    """表1, 表2, 表3 of the society as one workbook, three sheets (as the bundle files it)."""
    society = ROSTER.society(SOCIETY)
    parts = (
        society_info(society, ROSTER, PLAN, DocContext(addressee="中共湖北省科技社团委员会"), personal=True),
        secretariat_register(society, ROSTER, personal=True),
        council_register(society, ROSTER, personal=True),
    )
    return Register("表1-3", "学会党建台账", SOCIETY, tuple(s for p in parts for s in p.sheets))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    """Each register converted to PDF by LibreOffice: its pages' text (pdftotext -layout)."""
    folder = tmp_path_factory.mktemp("print")
    profile = (folder / "lo-profile").as_uri()  # its own profile: no clash with another soffice
    probe = folder / "probe.xlsx"
    openpyxl.Workbook().save(probe)
    registers = {"模板3": member_register(ORG, ROSTER, personal=True), "表1-3": _ledger()}
    for name, register in registers.items():
        (folder / f"{name}.xlsx").write_bytes(to_xlsx(register))
    files = [str(probe)] + [str(folder / f"{name}.xlsx") for name in registers]
    run = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + files,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if not (folder / "probe.pdf").exists():  # soffice exits 0 even when it cannot load a file
        pytest.skip(f"LibreOffice cannot open a workbook (is libreoffice-calc installed?): {run.stderr.strip()}")
    pages = {}
    for name in registers:
        pdf = folder / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}.xlsx: {run.stderr.strip()}"
        text = subprocess.run(
            [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
        ).stdout
        pages[name] = [p for p in text.split("\f") if p.strip()]
    return pages


def _header_line(page: str, first: str, last: str) -> bool:
    return any(first in line and last in line for line in page.splitlines())


def test_member_register_prints_one_page_wide_header_on_every_page(printed):
    """It prints 60 members over several pages, each with the whole header row (序号 … 联系电话) on one line."""
    pages = printed["模板3"]
    assert len(pages) >= 2
    assert f"{SOCIETY}党委党员名册" in pages[0]
    assert all(_header_line(p, "序号", "联系电话") for p in pages)
    assert all(f"共 {len(pages)} 页" in p for p in pages)


def test_member_register_prints_every_member_and_the_last_column(printed):
    """It prints every member once, with the last column (联系电话) beside the name on the same page."""
    text = "\n".join(printed["模板3"])
    assert all(text.count(name) == 1 for name in NAMES)
    assert "13900000000" in printed["模板3"][0] and "13900000059" in printed["模板3"][-1]


def test_ledger_prints_each_form_one_page_wide(printed):
    """It prints 表1 on the first page with its 联系方式 column, and 表3 with its header on each of its pages."""
    pages = printed["表1-3"]
    assert "学会党建信息表" in pages[0] and _header_line(pages[0], "学会负责人", "联系方式")
    assert any(LEDGER_TITLES[1] in p for p in pages)
    council = [p for p in pages if LEDGER_TITLES[2] in p]
    assert len(council) >= 2 and all(_header_line(p, "序号", "党组织关系所在单位") for p in council)
    assert "\n".join(council).count("13900000059") == 1
