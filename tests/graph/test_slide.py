"""model/graph/slide.py: the overview as a 16:9 PNG, a vector SVG, and an A3 PDF with text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from graph_fixtures import IMG, PHONE, SCRIPT, big_roster_plan, tiny_plan, tiny_roster
from PIL import Image

from model.graph.overview import overview
from model.graph.slide import columns_for, overview_pdf, overview_png, overview_svg, slide_layout

PDFTOTEXT = shutil.which("pdftotext")


def _ov():
    return overview(tiny_roster(), tiny_plan())


def test_png_is_a_16_9_slide_at_least_1920_wide():
    """It draws a 1920×1080 PNG by default and scales to a wider one on request."""
    assert Image.open(io.BytesIO(overview_png(_ov()))).size == (1920, 1080)
    assert Image.open(io.BytesIO(overview_png(_ov(), width=3840))).size == (3840, 2160)


def test_png_has_ink_in_every_card():
    """It fills each group's card with its colour (not a blank image)."""
    img = Image.open(io.BytesIO(overview_png(_ov()))).convert("RGB")
    for card in slide_layout(_ov()).cards:
        b = card.box
        pixel = img.getpixel((int(b.x + 8), int(b.y + b.h - 8)))
        assert pixel != (255, 255, 255), card.lines[0][0]


def test_every_text_is_at_least_18_px():
    """It never sets a label under 18 px on the 1920×1080 slide, even at city scale."""
    for roster, plan in ((tiny_roster(), tiny_plan()), big_roster_plan(10_000)):
        lay = slide_layout(overview(roster, plan, group_by="region"))
        sizes = [s for c in lay.cards for _, s, _ in c.lines] + [s for _, s, _ in lay.root_lines]
        assert min(sizes) >= 18


def test_columns_fit_the_screen():
    """It lays out six groups 3×2 and ten 5×2 on a 16:9 area."""
    assert columns_for(6, 1840, 780) == 3 and columns_for(10, 1840, 780) == 5


def test_svg_keeps_labels_as_text():
    """It writes <text> elements with the Chinese labels (not glyph paths), names escaped, no phone."""
    svg = overview_svg(_ov()).decode("utf-8")
    assert svg.count("<text") >= 10
    assert "联合党支部（同业共建）" in svg and "科技社团党委" in svg
    assert PHONE not in svg and "<img" not in svg and "<script" not in svg


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext not on PATH")
def test_pdf_is_a3_with_searchable_text_of_the_whole_structure(tmp_path):
    """It prints the overview then every organization and unit on A3 landscape, as text, without phones."""
    path = tmp_path / "org.pdf"
    path.write_bytes(overview_pdf(_ov()))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "(A3)" in info and re.search(r"Pages:\s+2\n", info)
    text = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True).stdout
    page1, page2 = text.split("\f")[:2]
    assert "科技社团党委" in page1 and "联合党支部（同业共建）" in page1
    for name in ("湖北省计算机学会党支部", "湖北省植物学会", "湖北省中医药学会", f"{IMG}等2家单位联合党支部"):
        assert name.replace(" ", "") in page2.replace(" ", "").replace("\n", "")
    assert SCRIPT[:9] in page2 and PHONE not in text
