"""The sample province (sample_data/): realistic shape, seeded, validates cleanly."""

from __future__ import annotations

import importlib.util
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from model.roster.loading import read_roster
from model.rules.classify import classify_all

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
HUBEI = {
    "武汉市",
    "黄石市",
    "十堰市",
    "宜昌市",
    "襄阳市",
    "鄂州市",
    "荆门市",
    "孝感市",
    "荆州市",
    "黄冈市",
    "咸宁市",
    "随州市",
    "恩施州",
    "仙桃市",
    "潜江市",
    "天门市",
    "神农架林区",
}


@pytest.fixture(scope="module")
def make_sample():
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLE_DIR / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample():
    return read_roster(SAMPLE_DIR / "sample_roster.xlsx")


def test_committed_sample_is_what_the_script_writes(make_sample, sample):
    """It keeps the committed workbook in step with the seeded script (same seed, same roster)."""
    built = make_sample.build_sample()
    assert built.societies == make_sample.build_sample().societies
    assert [s.name for s in sample.societies] == [s.name for s in built.societies]
    assert sample.societies == tuple(replace(s, row=r.row) for s, r in zip(built.societies, sample.societies))
    assert sample.members == tuple(replace(m, row=r.row) for m, r in zip(built.members, sample.members))
    assert sample.adjacency == built.adjacency
    assert make_sample.build_sample(7).societies != built.societies


def test_sample_validates_without_findings(sample):
    """It loads with no error and no warning."""
    assert sample.findings == ()


def test_sample_has_province_shape(sample):
    """It has ~140 uniquely named societies in Hubei's 17 regions, most in Wuhan, five fields."""
    names = sample.names()
    assert 130 <= len(names) <= 150 and len(set(names)) == len(names)
    assert all(n.startswith("湖北省") and n.endswith(("学会", "协会", "研究会")) for n in names)
    regions = Counter(s.region for s in sample.societies)
    assert set(regions) == HUBEI and regions.most_common(1)[0][0] == "武汉市"
    assert {s.industry for s in sample.societies} == {"理科", "工科", "农科", "医科", "交叉学科"}
    assert {r for pair in sample.adjacency for r in pair} == HUBEI
    assert sample.adjacent("武汉市", "鄂州市") and not sample.adjacent("武汉市", "恩施州")


def test_sample_counts_are_skewed_for_planning(sample):
    """It has about a third with 0–2 formal members, ~35 joint candidates, and 党总支/党委-sized ones."""
    kinds = Counter(c.required for c in classify_all(sample))
    small = sum(1 for s in sample.societies if s.formal_members <= 2)
    assert 0.28 <= small / len(sample.societies) <= 0.4
    assert 30 <= kinds["联合党支部候选"] <= 40
    assert kinds["党委"] >= 1 and kinds["党总支"] >= 2


def test_sample_members_sheet(sample):
    """It lists members of small societies with roles, a few 预备 and 2–3 under 留党察看."""
    assert sample.has_member_sheet
    per = Counter(m.society for m in sample.members)
    assert max(per.values()) <= 20
    for s in sample.societies:
        if s.name in per:
            assert per[s.name] == s.formal_members + s.probationary_members
    statuses = Counter(m.status for m in sample.members)
    assert 3 <= statuses["预备"] <= 30
    assert 2 <= sum(1 for m in sample.members if m.discipline == "留党察看") <= 3
    assert {m.society_role for m in sample.members} >= {"理事长", "副理事长", "秘书长", "常务理事", "理事"}
    assert all(m.phone and m.phone.startswith("1") and len(m.phone) == 11 for m in sample.members)


def test_sample_existing_organizations(sample):
    """It has today's organizations: ~2/3 of the required own ones, 3–4 joint ones (one of 6 units), terms due soon."""
    own = [s for s in sample.societies if s.formal_members >= 3]
    with_org = [s for s in own if s.existing_org]
    assert 0.55 <= len(with_org) / len(own) <= 0.75
    joint = Counter(s.existing_org for s in sample.societies if s.existing_kind == "联合党支部")
    assert 3 <= len(joint) <= 4 and all(2 <= n <= 6 for n in joint.values()) and max(joint.values()) == 6
    soon = [s for s in sample.societies if s.term_ends and date(2026, 11, 22) <= s.term_ends <= date(2027, 5, 22)]
    assert 3 <= len({s.existing_org for s in soon}) <= 20


def test_sample_round_trips_through_the_template(sample):
    """It writes the sample back in the canonical template and loads an identical roster."""
    from model.roster.template import write_roster_xlsx

    assert read_roster(write_roster_xlsx(sample), "sample_roster.xlsx") == sample
