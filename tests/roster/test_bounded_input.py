"""Bounded reading of roster files: zip bombs, huge sheets and huge files are refused fast, with one finding."""

from __future__ import annotations

import io
import zipfile

import pytest
from helpers import HEAD, xlsx

from model.roster import workbook_io
from model.roster.workbook_io import MAX_EXPANDED_BYTES, MAX_ROWS, read_raw


def zip_bomb(expanded: int) -> bytes:
    """A real roster workbook whose sheet XML is padded with ``expanded`` bytes of blanks (compresses ~1000:1)."""
    base = xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", 3]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with dst.open(info.filename, "w", force_zip64=True) as f:
                f.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(expanded >> 20):
                    f.write(chunk)
                f.write(b"</sheetData>" + tail)
    return out.getvalue()


def tall_sheet(rows: int) -> bytes:
    return xlsx({"学会": [HEAD] + [[f"第{i}学会", "工科", "武汉市", 1] for i in range(rows)]})


def _only_error(book) -> str:
    assert book.sheets == () and len(book.findings) == 1
    return book.findings[0].message


def test_a_zip_bomb_is_refused_before_unpacking():
    """It refuses an .xlsx expanding past the limit, naming the limit (bench/bench_store.py times it)."""
    data = zip_bomb(MAX_EXPANDED_BYTES + (8 << 20))
    assert len(data) < 2_000_000
    message = _only_error(read_raw(data, "炸弹.xlsx"))
    assert "超过上限 200 MB" in message and "拒绝" in message


def test_a_small_padding_is_read_normally():
    """It still reads a workbook whose parts stay under the limit."""
    book = read_raw(zip_bomb(4 << 20), "有空白.xlsx")
    assert [len(s.rows) for s in book.sheets] == [1]


def test_a_sheet_taller_than_the_limit_is_refused(monkeypatch):
    """It stops reading a sheet past MAX_ROWS filled rows and says which sheet and the limit."""
    monkeypatch.setattr(workbook_io, "MAX_ROWS", 200)
    message = _only_error(read_raw(tall_sheet(250), "很长.xlsx"))
    assert "工作表“学会”超过 200 行" in message
    assert len(read_raw(tall_sheet(150), "不长.xlsx").sheets[0].rows) == 150


def test_a_csv_taller_than_the_limit_is_refused(monkeypatch):
    """It applies the same row limit to CSV files."""
    monkeypatch.setattr(workbook_io, "MAX_ROWS", 100)
    text = ",".join(HEAD) + "\n" + "".join(f"第{i}学会,工科,武汉市,1\n" for i in range(150))
    assert "超过 100 行" in _only_error(read_raw(text.encode("utf-8"), "很长.csv"))


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    """It refuses a file larger than MAX_FILE_BYTES from its size alone."""
    monkeypatch.setattr(workbook_io, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "大.csv"
    big.write_bytes(b"x" * 2000)
    assert "超过名册文件的上限" in _only_error(read_raw(big))


@pytest.mark.slow
def test_the_real_row_limit_holds_for_a_sheet_just_over_it():
    """It refuses a sheet of MAX_ROWS + 1 rows at the real limit."""
    assert "超过 200,000 行" in _only_error(read_raw(tall_sheet(MAX_ROWS + 1), "二十万行.xlsx"))
