"""Roster loading: every finding type on tiny inline rosters, encodings, edits, JSON."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from helpers import HEAD, xlsx

from model.findings import ERROR, WARNING, RosterError
from model.roster.loading import (
    frames_to_raw,
    load_roster,
    parse_roster,
    raw_from_dict,
    raw_to_dict,
    read_raw,
    read_roster,
    roster_frames,
)
from model.roster.template import blank_template_xlsx


def only(roster, severity=None):
    return [f for f in roster.findings if severity is None or f.severity == severity]


def test_canonical_workbook_loads_societies_members_adjacency():
    """It reads the three sheets, derives counts from member rows and keeps adjacency sorted."""
    data = xlsx(
        {
            "学会": [
                HEAD + ["支撑单位"],
                ["甲学会", "工科", "武汉市", 2, "武汉大学"],
                ["乙学会", "医科", "鄂州市", 5, None],
            ],
            "党员": [
                ["姓名", "学会名称", "党员类别", "学会职务"],
                ["张三", "甲学会", "正式", "理事长"],
                ["李四", "甲学会", "预备", "理事"],
                ["王五", "甲学会", None, "理事"],
            ],
            "地域相邻": [["地区A", "地区B"], ["鄂州市", "武汉市"]],
        }
    )
    r = read_roster(data, "名册.xlsx")
    assert r.ok and r.findings == ()
    a, b = r.societies
    assert (a.name, a.host_unit, a.formal_members, a.probationary_members, a.row) == ("甲学会", "武汉大学", 2, 1, 2)
    assert (b.formal_members, b.host_unit) == (5, None)  # no member rows: stated count kept
    assert r.has_member_sheet and len(r.members) == 3 and r.members[2].status == "正式"
    assert r.adjacency == (("武汉市", "鄂州市"),) and r.adjacent("鄂州市", "武汉市")


def test_english_keys_and_extra_columns():
    """It accepts English keys as headers and keeps unknown columns in Society.extra."""
    data = xlsx(
        {
            "societies": [
                ["Name", "industry", "REGION", "formal_members", "备注"],
                ["甲学会", "工科", "武汉市", 3, "先进"],
            ]
        }
    )
    r = read_roster(data, "e.xlsx")
    assert r.ok and r.societies[0].formal_members == 3
    assert r.societies[0].extra == (("备注", "先进"),)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(encoding):
    """It reads a single-sheet CSV in UTF-8, UTF-8 with BOM and GBK/GB18030."""
    text = "学会名称,学科类别,所在地,理事会正式党员数\r\n湖北省测绘学会,工科,武汉市,4\r\n湖北省农学会,农科,荆州市,0\r\n"
    r = read_roster(text.encode(encoding), "名册.csv")
    assert r.ok and r.findings == ()
    assert [(s.name, s.formal_members) for s in r.societies] == [("湖北省测绘学会", 4), ("湖北省农学会", 0)]


def test_undecodable_csv_is_an_error():
    """It refuses bytes that are neither UTF-8 nor GB18030 text."""
    r = read_roster(b"\x81\x30\xff\xfe\x00\x00abc", "x.csv")
    assert not r.societies and r.errors and "编码" in r.errors[0].message


def test_spaces_trimmed_including_fullwidth_and_nbsp():
    """It trims ASCII, full-width (U+3000) and no-break spaces around every value."""
    data = xlsx({"学会": [[" 学会名称\u3000"] + HEAD[1:], ["\u3000甲学会\u00a0", " 工科 ", "武汉市\u3000", " 3 "]]})
    r = read_roster(data, "s.xlsx")
    s = r.societies[0]
    assert (s.name, s.industry, s.region, s.formal_members) == ("甲学会", "工科", "武汉市", 3)


def test_fullwidth_digits_accepted_with_warning():
    """It reads ３ as 3 and warns naming the reinterpretation."""
    r = read_roster("学会名称,学科类别,所在地,理事会正式党员数\n甲学会,工科,武汉市,３\n".encode(), "f.csv")
    assert r.ok and r.societies[0].formal_members == 3
    (w,) = only(r, WARNING)
    assert (w.row, w.column) == (2, "理事会正式党员数") and "３" in w.message and "3" in w.message


def test_number_stored_as_text_warns_in_workbook_only():
    """It accepts "3" typed as text in a workbook with a warning; in CSV all cells are text: no warning."""
    r = read_roster(xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", "3"]]}), "t.xlsx")
    assert r.ok and r.societies[0].formal_members == 3
    assert len(only(r, WARNING)) == 1 and "文本" in only(r, WARNING)[0].message
    r = read_roster("学会名称,学科类别,所在地,理事会正式党员数\n甲学会,工科,武汉市,3\n".encode(), "t.csv")
    assert r.findings == ()


@pytest.mark.parametrize(
    "value, ok", [(3.0, True), (2.5, False), (-1, False), ("三", False), ("-2", False), (True, False)]
)
def test_counts_must_be_non_negative_integers(value, ok):
    """It accepts 3.0 and refuses 2.5, negatives and words, naming the bad value."""
    r = read_roster(xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", value]]}), "c.xlsx")
    if ok:
        assert r.ok and r.societies[0].formal_members == 3
    else:
        (e,) = r.errors
        assert (e.sheet, e.row, e.column) == ("学会", 2, "理事会正式党员数")
        assert "非负整数" in e.message and "“" in e.message


def test_blank_required_count_without_member_sheet_is_an_error():
    """It requires 理事会正式党员数 per society when no 党员 sheet is given."""
    r = read_roster(xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", None]]}), "c.xlsx")
    assert [e.column for e in r.errors] == ["理事会正式党员数"]


def _patch_sheet(data: bytes, old: str, new: str) -> bytes:
    """Rewrite the first sheet's XML, e.g. to add the cached value Excel stores after a formula."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old.encode() in body
                body = body.replace(old.encode(), new.encode())
            zout.writestr(item, body)
    return out.getvalue()


def test_formula_uses_cached_value_and_refuses_missing_one():
    """It uses a formula's cached value; a formula without one is an error naming the cell."""
    data = xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", "=1+2"], ["乙学会", "工科", "武汉市", "=2*2"]]})
    data = _patch_sheet(data, "<f>1+2</f><v></v>", "<f>1+2</f><v>3</v>")
    r = read_roster(data, "f.xlsx")
    assert r.societies[0].formal_members == 3
    (e,) = r.errors
    assert (e.row, e.column) == (3, "理事会正式党员数") and "D3" in e.message and "公式" in e.message


def test_excel_error_value_is_an_error():
    """It refuses a cached Excel error such as #DIV/0!."""
    data = _patch_sheet(
        xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", "=1/0"]]}),
        '<c r="D2"><f>1/0</f><v></v>',
        '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v>',
    )
    r = read_roster(data, "f.xlsx")
    assert len(r.errors) == 1 and "#DIV/0!" in r.errors[0].message


def test_title_rows_blank_rows_and_row_numbers():
    """It finds the header under merged title rows, skips blank rows and keeps Excel row numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学会"
    ws["A1"] = "湖北省科协所属学会名册"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(HEAD)
    ws.append(["甲学会", "工科", "武汉市", 1])
    ws.append([])
    ws.append(["乙学会", "工科", "武汉市", "x"])
    for _ in range(5):
        ws.append([None, "  ", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    r = read_roster(buf.getvalue(), "t.xlsx")
    assert [s.row for s in r.societies] == [4, 6]
    assert [(e.row, e.column) for e in r.errors] == [(6, "理事会正式党员数")]


@pytest.mark.parametrize(
    "value", [datetime(2025, 6, 30), date(2025, 6, 30), "2025-06-30", "2025/6/30", "2025年6月30日"]
)
def test_dates_in_every_accepted_form(value):
    """It reads 届满时间 as an Excel date or as text 2025-06-30, 2025/6/30 or 2025年6月30日."""
    r = read_roster(xlsx({"学会": [HEAD + ["届满时间"], ["甲学会", "工科", "武汉市", 3, value]]}), "d.xlsx")
    assert r.ok and r.societies[0].term_ends == date(2025, 6, 30)


@pytest.mark.parametrize("value", ["明年六月", "6/30/2025", "2025-02-30", 45838])
def test_term_end_not_a_date_is_an_error(value):
    """It refuses text that is not an unambiguous date, and bare numbers."""
    r = read_roster(xlsx({"学会": [HEAD + ["届满时间"], ["甲学会", "工科", "武汉市", 3, value]]}), "d.xlsx")
    (e,) = r.errors
    assert (e.row, e.column) == (2, "届满时间") and str(value) in e.message


def test_missing_society_sheet_is_fatal_but_other_findings_listed():
    """It returns no societies when 学会 is missing, and still reports the 党员 sheet's problems."""
    data = xlsx({"党员": [["姓名", "学会名称", "党员类别"], ["张三", "甲学会", "党员"]]})
    r = read_roster(data, "m.xlsx")
    assert r.societies == ()
    messages = [e.message for e in r.errors]
    assert any("缺少工作表“学会”" in m for m in messages) and any("党员类别" in m for m in messages)


def test_missing_required_column_is_fatal_with_row_findings():
    """It names the missing column and still lists row problems in the other columns."""
    data = xlsx({"学会": [["学会名称", "所在地", "理事会正式党员数"], ["甲学会", "武汉市", -3]]})
    r = read_roster(data, "c.xlsx")
    assert r.societies == ()
    assert [(e.row, e.column) for e in r.errors] == [(1, "学科类别"), (2, "理事会正式党员数")]


def test_lone_sheet_with_society_headers_stands_in_for_missing_sheet():
    """It reads a workbook whose only sheet is "Sheet1" with 学会 headers, with a warning."""
    r = read_roster(xlsx({"Sheet1": [HEAD, ["甲学会", "工科", "武汉市", 3]]}), "s.xlsx")
    assert r.ok and r.names() == ("甲学会",) and "Sheet1" in only(r, WARNING)[0].message


def test_duplicate_names_after_trimming_name_both_rows():
    """It refuses a second society with the same trimmed name, naming both rows."""
    data = xlsx(
        {
            "学会": [
                HEAD,
                ["甲学会", "工科", "武汉市", 3],
                ["乙学会", "工科", "武汉市", 3],
                [" 甲学会\u3000", "医科", "武汉市", 1],
            ]
        }
    )
    r = read_roster(data, "d.xlsx")
    (e,) = r.errors
    assert e.row == 4 and "第2行" in e.message and "第4行" in e.message and "甲学会" in e.message
    assert r.names() == ("甲学会", "乙学会")


def test_duplicate_column_is_an_error():
    """It refuses two columns meaning the same thing (Chinese header and English key)."""
    r = read_roster(xlsx({"学会": [HEAD + ["name"], ["甲学会", "工科", "武汉市", 3, "乙"]]}), "d.xlsx")
    assert [e.column for e in r.errors] == ["name"]


def test_member_naming_unknown_society_is_an_error():
    """It reports a member whose 学会名称 is not on the 学会 sheet."""
    data = xlsx(
        {
            "学会": [HEAD, ["甲学会", "工科", "武汉市", 1]],
            "党员": [["姓名", "学会名称"], ["张三", "甲学会"], ["李四", "甲学 会"]],
        }
    )
    r = read_roster(data, "m.xlsx")
    (e,) = r.errors
    assert (e.sheet, e.row, e.column) == ("党员", 3, "学会名称") and "甲学 会" in e.message


def test_stated_counts_disagreeing_with_member_rows_warn_and_rows_win():
    """It warns naming both numbers and uses the member rows; societies without rows keep their counts."""
    data = xlsx(
        {
            "学会": [
                HEAD + ["理事会预备党员数"],
                ["甲学会", "工科", "武汉市", 5, 0],
                ["乙学会", "工科", "武汉市", 7, None],
            ],
            "党员": [["姓名", "学会名称", "党员类别"], ["张三", "甲学会", "正式"], ["李四", "甲学会", "预备"]],
        }
    )
    r = read_roster(data, "m.xlsx")
    assert r.ok
    assert [(s.formal_members, s.probationary_members) for s in r.societies] == [(1, 1), (7, 0)]
    warnings = only(r, WARNING)
    assert [(w.row, w.column) for w in warnings] == [(2, "理事会正式党员数"), (2, "理事会预备党员数")]
    assert "5" in warnings[0].message and "1" in warnings[0].message


def test_member_status_must_be_formal_or_probationary():
    """It refuses a 党员类别 other than 正式/预备 (blank means 正式)."""
    data = xlsx(
        {
            "学会": [HEAD, ["甲学会", "工科", "武汉市", 1]],
            "党员": [["姓名", "学会名称", "党员类别"], ["张三", "甲学会", None], ["李四", "甲学会", "积极分子"]],
        }
    )
    r = read_roster(data, "m.xlsx")
    (e,) = r.errors
    assert (e.row, e.column) == (3, "党员类别") and "积极分子" in e.message
    assert [m.status for m in r.members] == ["正式"]


def test_adjacency_naming_unknown_region_is_a_warning():
    """It warns (not errs) when 地域相邻 names a region no society is in."""
    data = xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", 3]], "地域相邻": [["地区A", "地区B"], ["武汉市", "恩施"]]})
    r = read_roster(data, "a.xlsx")
    assert r.ok
    (w,) = only(r, WARNING)
    assert (w.sheet, w.row, w.column) == ("地域相邻", 2, "地区B") and "恩施" in w.message


def test_unknown_org_kind_is_an_error():
    """It refuses a 党组织类型 outside 党委/党总支/党支部/联合党支部/党建工作小组."""
    data = xlsx(
        {"学会": [HEAD + ["现有党组织", "党组织类型"], ["甲学会", "工科", "武汉市", 3, "甲学会党支部", "支部"]]}
    )
    r = read_roster(data, "k.xlsx")
    (e,) = r.errors
    assert e.column == "党组织类型" and "支部" in e.message


@pytest.mark.parametrize(
    "data, name, words",
    [
        (b"%PDF-1.4 not a workbook", "名册.pdf", "不是 Excel"),
        (b"", "名册.xlsx", "空"),
        (b"PK\x03\x04 truncated zip", "名册.xlsx", "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "名册.xls", "另存为"),
    ],
)
def test_unreadable_files_give_one_fatal_finding(data, name, words):
    """It turns a non-workbook, an empty file, a corrupt zip or an old .xls into an error finding."""
    r = read_roster(data, name)
    (e,) = r.findings
    assert e.is_error and e.file == name and words in e.message and r.societies == ()


def test_corrupt_workbook_from_a_real_file():
    """It reports a cut-off .xlsx as corrupt instead of raising."""
    r = read_roster(blank_template_xlsx()[:2000], "cut.xlsx")
    assert r.errors and "损坏" in r.errors[0].message


def test_encrypted_workbook_is_detected():
    """It recognizes a password-protected workbook and says so."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", 3]]}))).encrypt("密码", out)
    r = read_roster(out.getvalue(), "enc.xlsx")
    (e,) = r.errors
    assert "加密" in e.message


def test_empty_sheet_and_header_only_sheet_are_errors():
    """It refuses a 学会 sheet that is empty or has a header but no data."""
    assert "空" in read_roster(xlsx({"学会": []}), "e.xlsx").errors[0].message
    r = read_roster(xlsx({"学会": [HEAD]}), "h.xlsx")
    assert r.societies == () and "没有数据" in r.errors[0].message


def test_missing_file_and_directory_are_findings(tmp_path):
    """It reports a missing path or a directory as a finding naming the file."""
    assert "不存在" in read_roster(tmp_path / "无.xlsx").errors[0].message
    e = read_roster(tmp_path).errors[0]
    assert e.file == tmp_path.name and "文件夹" in e.message
    assert read_roster(tmp_path / "a.csv", filename="上传/a.csv").errors[0].file == "上传/a.csv"


def test_load_roster_raises_with_every_finding():
    """It raises RosterError carrying all findings when any is an error."""
    data = xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", "３"], ["乙学会", "工科", "", -1]]})
    with pytest.raises(RosterError) as exc:
        load_roster(data, "x.xlsx")
    assert len(exc.value.findings) == 3 and len(exc.value.errors) == 2


def test_hostile_text_loads_as_plain_text():
    """It keeps HTML and formula-looking text as plain text, from a workbook and from CSV."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学会"
    ws.append(HEAD)
    ws.append(["<script>alert(1)</script>学会", "<b>工科</b>", "武汉市", 3])
    c = ws.cell(3, 1, '=HYPERLINK("http://x")')
    c.data_type = "s"
    ws.cell(3, 2, "+cmd|' /C calc'!A0")
    ws.cell(3, 3, "@SUM(1)")
    ws.cell(3, 4, 1)
    buf = io.BytesIO()
    wb.save(buf)
    r = read_roster(buf.getvalue(), "h.xlsx")
    assert r.ok
    assert r.names() == ("<script>alert(1)</script>学会", '=HYPERLINK("http://x")')
    assert r.societies[1].industry == "+cmd|' /C calc'!A0"
    r = read_roster(
        '学会名称,学科类别,所在地,理事会正式党员数\n"=1+1",<img src=x onerror=alert(1)>,武汉市,1\n'.encode(), "h.csv"
    )
    assert r.names() == ("=1+1",) and r.societies[0].industry == "<img src=x onerror=alert(1)>"


def test_raw_book_json_round_trip_is_lossless():
    """It stores a RawBook as JSON text and gets back an equal RawBook, dates included."""
    data = xlsx(
        {
            "学会": [["标题"], HEAD + ["届满时间"], ["甲学会", "工科", "武汉市", 2.0, datetime(2027, 1, 5)]],
            "党员": [["姓名", "学会名称"], ["张三", "甲学会"]],
        }
    )
    raw = read_raw(data, "j.xlsx")
    again = raw_from_dict(json.loads(json.dumps(raw_to_dict(raw), ensure_ascii=False)))
    assert again == raw and parse_roster(again) == parse_roster(raw)


def test_frames_edit_round_trip_renumbers_rows():
    """It gives text frames with canonical headers first, and reads edits back with rows 2, 3, …"""
    data = xlsx(
        {
            "学会": [
                ["名册"],
                HEAD[::-1] + ["备注"],
                [3, "武汉市", "工科", "甲学会", "x"],
                [1, "黄石市", "医科", "乙学会", None],
            ]
        }
    )
    frames = roster_frames(read_raw(data, "e.xlsx"))
    df = frames["学会"]
    assert list(df.columns[:4]) == HEAD[:3] + ["支撑单位"] and df.columns[-1] == "备注"
    assert list(df.index) == [3, 4] and df.loc[3, "理事会正式党员数"] == "3"
    df.loc[4, "理事会正式党员数"] = "两"
    edited = frames_to_raw({"学会": df}, "e.xlsx")
    r = parse_roster(edited)
    assert [s.row for s in r.societies] == [2, 3]
    assert [(e.row, e.column) for e in r.errors] == [(3, "理事会正式党员数")]
    assert r.societies[0].extra == (("备注", "x"),) and r.source == "e.xlsx"


def test_header_only_member_sheet_is_ignored_with_warning():
    """It ignores a 党员 sheet with no rows (counts then come from the 学会 sheet, which must have them)."""
    data = xlsx({"学会": [HEAD, ["甲学会", "工科", "武汉市", None]], "党员": [["姓名", "学会名称"]]})
    r = read_roster(data, "m.xlsx")
    assert not r.has_member_sheet
    assert [(f.severity, f.sheet) for f in r.findings] == [(ERROR, "学会"), (WARNING, "党员")]


def test_damaged_workbooks_never_raise():
    """It turns randomly damaged or cut-off workbooks into findings, never an exception."""
    import random

    rng = random.Random(7)
    base = blank_template_xlsx()
    for k in range(40):
        b = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        if k % 4 == 0:
            b = b[: rng.randrange(len(b))]
        r = read_roster(bytes(b), "f.xlsx")
        assert r.ok or r.errors[0].file == "f.xlsx"


def test_an_ods_or_a_word_file_is_named_for_what_it_is(tmp_path):
    """It tells an .ods roster to be saved as .xlsx, and a Word file that it is no workbook — not "damaged"."""
    import zipfile

    ods = tmp_path / "名册.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    word = tmp_path / "名册.docx"
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    ods_finding = read_roster(ods).errors[0]
    word_finding = read_roster(word).errors[0]
    assert "OpenDocument 表格（.ods）" in ods_finding.message and "另存为" in ods_finding.message
    assert "损坏" not in ods_finding.message
    assert "Word 文档" in word_finding.message


def test_a_city_roster_from_make_sample_loads_clean_and_deterministic():
    """It reads a city roster of make_sample.py --societies (the benchmarks' roster) back with no finding,
    every member listed and counted, half the societies with 0–2 members; same seed, same roster."""
    import importlib.util
    from pathlib import Path

    from model.roster.template import write_roster_xlsx

    path = Path(__file__).resolve().parents[2] / "sample_data" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample_city", path)
    make_sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_sample)
    city = make_sample.build_city(400)
    assert city == make_sample.build_city(400) and city != make_sample.build_city(400, seed=7)
    roster = parse_roster(read_raw(write_roster_xlsx(city), "city_400.xlsx"))
    assert len(roster.societies) == 400 and roster.findings == ()
    assert len(roster.members) == sum(s.formal_members + s.probationary_members for s in roster.societies)
    small = sum(1 for s in roster.societies if s.formal_members + s.probationary_members <= 2)
    assert 0.35 < small / 400 < 0.65
    assert {s.existing_kind for s in roster.societies} >= {"党支部", "联合党支部", None}
