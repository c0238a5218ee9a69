"""model/graph/deck.py: the meeting deck — slide count, Chinese text, no phone numbers, opens in Impress."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from graph_fixtures import IMG, PHONE, SCRIPT, tiny_plan, tiny_roster
from pptx import Presentation

from model.graph.deck import deck_pptx, slide_count
from model.graph.overview import overview

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")


def _deck() -> bytes:
    return deck_pptx(overview(tiny_roster(), tiny_plan()), tiny_roster(), when=date(2026, 12, 1))


def _texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def test_slides_title_overview_and_one_per_joint_branch():
    """It makes title, overview and one slide per joint branch, 16:9."""
    prs = Presentation(io.BytesIO(_deck()))
    assert len(prs.slides) == slide_count(overview(tiny_roster(), tiny_plan())) == 3
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_title_slide_shows_coverage_before_and_after():
    """It states organizational coverage today and with the plan (0 of 5 → 3 of 5)."""
    title = _texts(Presentation(io.BytesIO(_deck())).slides[0])
    assert "现状" in title and "方案" in title
    assert "0家（0.0%）" in title and "3家（60.0%）" in title and "2026年12月" in title


def test_overview_slide_has_every_group_as_text():
    """It draws the overview cards as shapes holding their Chinese text."""
    text = _texts(Presentation(io.BytesIO(_deck())).slides[1])
    for title in ("科技社团党委", "党支部（单独组建）", "联合党支部（同业共建）", "派驻党建工作指导员", "未覆盖学会"):
        assert title in text


def test_branch_slide_lists_units_basis_members_and_secretary():
    """It names the branch as the documents do and lists its units, basis, members and secretary."""
    text = _texts(Presentation(io.BytesIO(_deck())).slides[2])
    assert f"{IMG}等2家单位联合党支部" in text and "同业共建" in text
    assert IMG in text and SCRIPT in text and "宜昌市" in text
    assert f"书记人选：{IMG}" in text and "副理事长" in text


def test_no_phone_number_anywhere_in_the_file():
    """It keeps phone numbers out of every part of the package."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(_deck())) as z:
        assert not any(PHONE.encode() in z.read(n) for n in z.namelist())


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice Impress / pdftotext not installed")
def test_libreoffice_impress_converts_the_deck_with_chinese_text(tmp_path):
    """It opens in LibreOffice Impress (converted to PDF: three pages) with the Chinese text intact."""
    path = tmp_path / "deck.pptx"
    path.write_bytes(_deck())
    profile = tmp_path / "lo-profile"
    r = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.exists(), r.stderr
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 3
    assert "联合党支部组建方案" in pages[0] and "组织覆盖" in pages[0]
    assert "联合党支部（同业共建）" in pages[1].replace(" ", "")
    assert "等2家单位联合党支部" in pages[2].replace(" ", "")


def test_invalid_branch_is_red_on_its_slide_and_not_counted():
    """It marks a joint branch breaking a rule 不符合规则 on its slide and leaves its societies out of the coverage."""
    from test_overview import _invalid_plan

    ov = overview(tiny_roster(), _invalid_plan())
    prs = Presentation(io.BytesIO(deck_pptx(ov, tiny_roster(), when=date(2026, 12, 1))))
    title, _, branch = (_texts(s) for s in prs.slides)
    assert "1家（20.0%）" in title and "3家（60.0%）" not in title  # 3 of 5 only if J001 counted
    assert "组建方式：同业共建（不符合规则）" in branch
    assert "不符合规则（" in branch and "其中的学会暂按未覆盖计算" in branch
    red = [
        r.font.color.rgb
        for sh in prs.slides[2].shapes
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for r in p.runs
        if r.text.startswith("不符合规则")
    ]
    assert red and str(red[0]) == "C0392B"


def test_title_slide_today_equals_the_dashboard_on_the_sample_roster():
    """It shows 现状 as the home page does: the deck's work coverage today is the dashboard's, not 100%."""
    from pathlib import Path

    from model.planning.today import today_plan
    from model.roster.loading import load_roster
    from model.rules.coverage import dashboard

    sample = load_roster(Path(__file__).resolve().parents[2] / "sample_data" / "sample_roster.xlsx")
    now = dashboard(sample, today=date(2026, 12, 1)).now
    title = _texts(Presentation(io.BytesIO(deck_pptx(overview(sample, today_plan(sample)), sample))).slides[0])
    row = f"{now.work_covered}家（{100 * now.work_rate:.1f}%）"
    assert row in title and now.work_rate < 1.0
    assert f"{now.organized}家（{100 * now.organized_rate:.1f}%）" in title
