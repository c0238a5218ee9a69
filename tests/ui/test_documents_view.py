"""ui/documents_view.py: the letter options and the labels of the documents page."""

from __future__ import annotations

from datetime import date

from model.paperwork.bundle import DOC_TYPES
from ui import documents_view


def test_options_date_a_cleared_date_today():
    """It keeps the typed options and dates a cleared 成文日期 today."""
    ctx = documents_view.options("中共某委员会", "上级党组织", None, "")
    assert ctx == {
        "addressee": "中共某委员会",
        "superior": "上级党组织",
        "issued": date.today().isoformat(),
        "council_meeting": "",
    }
    assert documents_view.options("", "", date(2025, 1, 2), "")["issued"] == "2025-01-02"


def test_doc_type_label_is_code_and_title():
    """It shows each document type as its code then its title."""
    code = next(iter(DOC_TYPES))
    assert documents_view.doc_type_label(code) == f"{code} {DOC_TYPES[code]}"
