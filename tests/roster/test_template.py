"""Writing the canonical template: round trip, text safety, the blank template."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
from helpers import HEAD, xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from model.roster.cells import clean_text
from model.roster.loading import frames_to_raw, read_raw, read_roster, roster_frames
from model.roster.template import blank_template_xlsx, write_roster_xlsx
from model.roster.values import Member, Roster, Society


def small_roster() -> Roster:
    """Three societies, two member rows, one adjacency, dates, an extra column.

    甲学会 (武汉市, 2 rows) — 乙协会 (鄂州市, 60 stated) — 丙研究会 (武汉市, none)
    """
    societies = (
        Society(
            "甲学会",
            "工科",
            "武汉市",
            "武汉大学",
            1,
            1,
            2,
            "湖北省科协",
            "甲学会党支部",
            "党支部",
            date(2020, 5, 1),
            date(2027, 1, 31),
            (("备注", "先进"),),
        ),
        Society(
            "乙协会", "医科", "鄂州市", None, 58, 2, None, None, "乙协会党总支", "党总支", None, None, (("备注", ""),)
        ),
        Society("丙研究会", "交叉学科", "武汉市", None, 0, 0, None, None, None, None, None, None, (("备注", ""),)),
    )
    members = (
        Member("张三", "甲学会", "男", "理事长", "正式", None, "10012345678", "武汉大学"),
        Member("李四", "甲学会", "女", "理事", "预备", "留党察看"),
    )
    return Roster(societies, members, (("武汉市", "鄂州市"),), (), "x.xlsx", True)


def strip_rows(r: Roster) -> tuple:
    return (
        tuple(
            (
                s.name,
                s.industry,
                s.region,
                s.host_unit,
                s.formal_members,
                s.probationary_members,
                s.secretariat_members,
                s.supervisor,
                s.existing_org,
                s.existing_kind,
                s.org_founded,
                s.term_ends,
                s.extra,
            )
            for s in r.societies
        ),
        tuple(m.name for m in r.members),
        r.adjacency,
    )


def test_load_write_load_gives_identical_roster():
    """It writes a roster that loads back identical, rows and findings included."""
    first = read_roster(write_roster_xlsx(small_roster()), "x.xlsx")
    assert first.ok and first.findings == ()
    assert strip_rows(first) == strip_rows(small_roster())
    again = read_roster(write_roster_xlsx(first), "x.xlsx")
    assert again == first


def test_messy_input_normalizes_then_round_trips():
    """It writes a messy workbook (title row, English keys, text numbers) canonically and stably."""
    data = xlsx(
        {
            "societies": [
                ["名册"],
                ["name", "industry", "region", "formal_members", "备注"],
                [" 甲学会", "工科", "武汉市", "３", 7],
            ]
        }
    )
    messy = read_roster(data, "m.xlsx")
    clean = read_roster(write_roster_xlsx(messy), "m.xlsx")
    assert clean.findings == () and strip_rows(clean) == strip_rows(messy)
    assert read_roster(write_roster_xlsx(clean), "m.xlsx") == clean
    ws = openpyxl.load_workbook(io.BytesIO(write_roster_xlsx(messy)))["学会"]
    assert [c.value for c in ws[1]][:4] == HEAD[:3] + ["支撑单位"] and ws.cell(1, 13).value == "备注"


def test_formula_looking_text_is_written_as_text():
    """It stores text starting with = + - @ as text (quote prefix), never as a formula."""
    roster = Roster((Society('=HYPERLINK("http://x","点我")', "+工科", "-武汉市", "@主管", 3),))
    data = write_roster_xlsx(roster)
    ws = openpyxl.load_workbook(io.BytesIO(data))["学会"]
    cells = [ws.cell(2, j) for j in (1, 2, 3, 4)]
    assert [c.data_type for c in cells[:3]] == ["s", "s", "s"]
    assert all(c.quotePrefix for c in cells[:3])
    assert read_roster(data, "f.xlsx").societies[0].name == '=HYPERLINK("http://x","点我")'


def test_writing_raw_keeps_bad_cells_and_types_clean_ones():
    """It writes edited text tables back: clean counts and dates as numbers/dates, bad cells as typed."""
    raw = read_raw(
        xlsx(
            {
                "学会": [
                    HEAD + ["届满时间"],
                    ["甲学会", "工科", "武汉市", 3, "2027/1/5"],
                    ["乙学会", "工科", "武汉市", 1, None],
                ]
            }
        ),
        "r.xlsx",
    )
    frames = roster_frames(raw)
    frames["学会"].iloc[1, 4] = "两个"
    edited = frames_to_raw(frames, "r.xlsx")
    data = write_roster_xlsx(edited)
    ws = openpyxl.load_workbook(io.BytesIO(data))["学会"]
    assert ws["E2"].value == 3 and ws["E3"].value == "两个"
    assert ws["L2"].value.date() == date(2027, 1, 5)
    r = read_roster(data, "r.xlsx")
    assert [(e.row, e.column) for e in r.errors] == [(3, "理事会正式党员数")]
    assert not [f for f in r.findings if not f.is_error]


def test_blank_template_has_sheets_headers_example_and_notes():
    """It gives the three sheets with headers and an example row, frozen headers and a 填表说明 sheet."""
    wb = openpyxl.load_workbook(io.BytesIO(blank_template_xlsx()))
    assert wb.sheetnames == ["学会", "党员", "地域相邻", "填表说明"]
    ws = wb["学会"]
    assert [c.value for c in ws[1]][:4] == HEAD[:3] + ["支撑单位"] and ws.max_row == 2
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width >= 12
    notes = [[c.value for c in row] for row in wb["填表说明"].iter_rows()]
    by_header = {r[1]: r for r in notes if r[0] == "学会"}
    assert by_header["学会名称"][3] == "必填" and by_header["支撑单位"][3] == "选填"
    assert by_header["理事会正式党员数"][4] == "非负整数"
    r = read_roster(blank_template_xlsx(), "blank.xlsx")
    assert r.ok and len(r.societies) == 1 and len(r.members) == 1


_ALPHABET = "湖北省学会协研究甲乙丙 abcXYZ019=+-@<>&\"'\u3000\u00a0\n"
_text = st.text(alphabet=_ALPHABET, min_size=1, max_size=12).map(clean_text).filter(bool)
_optional = st.one_of(st.none(), _text)
_dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))


@st.composite
def rosters(draw) -> Roster:
    names = draw(st.lists(_text, min_size=1, max_size=6, unique=True))
    societies = tuple(
        Society(
            n,
            draw(_text),
            draw(st.sampled_from(["武汉市", "鄂州市", "黄石市"])),
            draw(_optional),
            draw(st.integers(0, 200)),
            draw(st.integers(0, 5)),
            draw(st.one_of(st.none(), st.integers(0, 9))),
            draw(_optional),
            draw(_optional),
            None,
            draw(_dates),
            draw(_dates),
            (("备注", draw(st.one_of(st.just(""), _text))),),
        )
        for n in names
    )
    regions = sorted({s.region for s in societies})
    return Roster(societies, (), ((regions[0], regions[1]),) if len(regions) > 1 and draw(st.booleans()) else ())


@settings(max_examples=40, deadline=None)
@given(rosters())
def test_round_trip_property(roster):
    """It loads back what it wrote, for any text (HTML, formula-looking, full-width spaces inside)."""
    loaded = read_roster(write_roster_xlsx(roster), "p.xlsx")
    assert loaded.findings == ()
    assert strip_rows(loaded) == strip_rows(roster)
    assert read_roster(write_roster_xlsx(loaded), "p.xlsx") == loaded
