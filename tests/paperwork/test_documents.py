"""Word documents 模板1–9: figures computed, layout set, every blank reported."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from model.election.counting import count_election, parse_election
from model.election.record import parse_record
from model.findings import InputError
from model.paperwork.document import BLANK, DocContext, percent
from model.paperwork.election_letters import (
    by_election_request,
    by_election_result,
    candidate_forms,
    change_request,
    change_result,
)
from model.paperwork.founding import founding_request, personnel_forms, proposed_leadership
from model.paperwork.word import to_docx
from model.planning.plan import Organization
from model.roster.values import Member, Roster, Society

# 甲学会: 8 formal members (a committee), term ends 2026-12-01; 乙学会 + 丙协会: a joint branch.
#   甲学会 members: 李二 理事长, 赵四 副理事长, 王三 秘书长, five 理事; only 李二 has a birth date.
NAMES = [
    ("李二", "理事长"),
    ("赵四", "副理事长"),
    ("王三", "秘书长"),
    ("张一", "理事"),
    ("钱五", "理事"),
    ("孙六", "理事"),
    ("周七", "理事"),
    ("吴八", "理事"),
]
ROSTER = Roster(
    (
        Society("甲学会", "工科", "武汉市", formal_members=8, probationary_members=1, term_ends=date(2026, 12, 1)),
        Society("乙学会", "工科", "武汉市", formal_members=1),
        Society("丙协会", "工科", "宜昌市", formal_members=2),
    ),
    tuple(
        Member(
            n,
            "甲学会",
            gender="男",
            society_role=r,
            extra=(("出生年月", "1970-01"), ("民族", "汉族")) if n == "李二" else (),
        )
        for n, r in NAMES
    )
    + (Member("郑九", "乙学会", society_role="理事"), Member("冯十", "丙协会"), Member("陈一", "丙协会")),
    has_member_sheet=True,
)
OWN = Organization("S001", "党支部", "单独组建", ("甲学会",), 8)
JOINT = Organization("J001", "联合党支部", "同业共建", ("乙学会", "丙协会"), 3)
CTX = DocContext(
    addressee="中国共产党某省科技社团委员会",
    issued=date(2026, 11, 22),
    council_meeting="2026年11月1日经第五届理事会第三次会议",
)
SIX = ["李二", "赵四", "王三", "张一", "钱五", "孙六"]


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_founding_request_opens_with_roles_and_layout():
    """It writes 模板1 as a .docx with the title in an East Asian font, members and proposed roles."""
    doc = founding_request(OWN, ROSTER, CTX)
    data = to_docx(doc)
    d = docx.Document(io.BytesIO(data))
    title = next(p for p in d.paragraphs if p.text == "关于成立“甲学会党支部”的请示")
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert d.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"  # body 仿宋 三号
    assert d.styles["Normal"].font.size.pt == 16
    text = docx_text(data)
    assert "书记：李二（理事长）" in text and "副书记：赵四（副理事长）" in text
    assert "甲学会理事会现有党员9名（其中正式党员8名）" in text
    assert "党支部由5人组成，其中：书记1人，副书记1人，委员3人" in text
    assert "中国共产党某省科技社团委员会：" in text and "2026年11月22日" in text
    assert doc.missing == ()


def test_joint_branch_without_chair_warns_and_lists_units():
    """It lists every unit of a joint branch and warns when no formal 理事长/副理事长 can be 书记."""
    doc = founding_request(JOINT, ROSTER, CTX)
    assert "乙学会、丙协会理事会现有党员分别为1名、2名，共3名" in doc.text()
    assert doc.signature == ("乙学会", "丙协会")
    assert any("双向进入" in w for w in doc.warnings)
    assert [r.title for r in proposed_leadership(JOINT, ROSTER)] == ["书记", "办公室负责人"]


def test_missing_members_are_listed_not_silently_blank():
    """It reports every blank (no 党员 sheet, no addressee) and leaves a visible ＿＿＿ in the document."""
    bare = Roster(ROSTER.societies)
    doc = founding_request(OWN, bare, DocContext())
    fields = {m.field for m in doc.missing}
    assert {"书记人选", "组织委员人选", "主送机关（上级党组织）", "成文日期", "理事会会议时间及届次"} <= fields
    assert all(m.document == "模板1 成立党组织的请示" and m.organization == "甲学会党支部" for m in doc.missing)
    assert BLANK in docx_text(to_docx(doc))


def test_personnel_forms_report_missing_birth_dates():
    """It fills 模板2 per proposed person and lists each missing 出生日期 by name."""
    doc = personnel_forms(OWN, ROSTER, CTX)
    fields = {m.field for m in doc.missing}
    assert "赵四：出生日期" in fields and "李二：出生日期" not in fields
    text = docx_text(to_docx(doc))
    assert "1970-01" in text and "汉族" in text and "书记" in text
    assert len(docx.Document(io.BytesIO(to_docx(doc))).tables) == 6  # 5 committee posts + 办公室负责人


def test_change_request_computes_margin_and_percentage():
    """It computes 差额1名 and 20% for 5 seats and 6 candidates in 模板4."""
    rec = parse_record({"seats": 5, "candidates": SIX, "date": "2026-12-01", "previous": "2023-12-01"})
    doc = change_request(OWN, ROSTER, rec, CTX)
    text = docx_text(to_docx(doc))
    assert "差额1名，差额比例20%" in text
    assert "王三、孙六、李二、张一、赵四、钱五等6位同志" in text  # 姓氏笔画: 王4 孙6 李7 张7 赵9 钱10
    assert "到2026年12月1日任期届满" in text  # term end from the roster
    assert "李二同志为书记候选人预备人选" in text  # proposed by 双向进入、交叉任职


def test_change_request_warns_when_candidates_too_few():
    """It flags a list short of the 20% 差额 and still shows the computed percentage."""
    rec = parse_record({"seats": 3, "candidates": ["李二", "赵四", "王三"]})
    doc = change_request(OWN, ROSTER, rec, CTX)
    assert "差额0名，差额比例0%" in doc.text()
    assert any("候选人应不少于4名" in w for w in doc.warnings)


def test_change_request_without_record_proposes_candidates():
    """It drafts 模板4 from the roster when no election file is given: 5 seats, 6 candidates."""
    doc = change_request(OWN, ROSTER, None, CTX)
    assert "由5人组成" in doc.text() and "等6位同志" in doc.text() and "差额比例20%" in doc.text()


def test_change_result_reports_attendance_votes_and_elected():
    """It writes 应到/实到, the percentage and each person's votes into 模板6 from counted ballots."""
    ballots = [{"yes": SIX[:5]}] * 20 + [{"yes": SIX[1:6]}] * 6
    rec = parse_record(
        {
            "seats": 5,
            "candidates": SIX,
            "eligible_due": 30,
            "eligible_present": 26,
            "members_due": 33,
            "members_present": 28,
            "ballots": ballots,
            "date": "2026-12-01",
        }
    )
    doc = change_result(OWN, ROSTER, rec, CTX)
    text = docx_text(to_docx(doc))
    assert "应到党员33名（其中有选举权党员30名），实到党员28名（其中有选举权党员26名）" in text
    assert "占应到会有选举权党员86.7%（超过五分之四）" in text
    assert "赵四同志得票26票" in text and "李二同志得票20票" in text and "孙六同志得票6票" in text
    assert "5位同志当选" in text and "孙六、" not in text.split("当选为")[0].split("根据得票情况，")[1]
    assert {"全体会议实到人数", "当选书记"} <= {m.field for m in doc.missing}


def test_change_result_refuses_when_quorum_fails():
    """It refuses 模板6 for 8 present of 10 due (not over 4/5), on every path, naming the rule."""
    data = {
        "seats": 3,
        "candidates": ["李二", "赵四", "王三", "张一"],
        "eligible_due": 10,
        "eligible_present": 8,
        "ballots": [{"yes": ["李二"]}] * 8,
    }
    with pytest.raises(InputError) as refused:
        parse_record(data)
    line = refused.value.findings[0].message
    assert "会议无效" in line and "未超过应到会10人的五分之四" in line and "选举条例" in line
    assert "收回选票多于发出选票" not in str(refused.value)  # no false second reason
    unchecked = replace(parse_record({k: v for k, v in data.items() if k != "ballots"}), result=_counted(data))
    with pytest.raises(InputError):
        change_result(OWN, ROSTER, unchecked, CTX)


def test_multi_round_result_lists_every_round():
    """It reports the first round's votes, then the 另行选举 round, and everyone elected across rounds."""
    first = {
        "eligible_due": 8,
        "eligible_present": 8,
        "votes": {"李二": 6, "赵四": 3},
        "elected": ["李二"],
        "unfilled": 1,
        "round": "选举",
    }
    rec = parse_record(
        {
            "seats": 1,
            "candidates": ["赵四", "王三"],
            "round": "另行选举",
            "history": [{"spec": {"seats": 2, "candidates": ["李二", "赵四", "王三"]}, "result": first}],
            "result": {
                "eligible_due": 8,
                "eligible_present": 8,
                "votes": {"赵四": 7, "王三": 1},
                "elected": ["赵四"],
                "unfilled": 0,
                "round": "另行选举",
            },
        }
    )
    assert rec.seats == 2 and rec.candidates == ("李二", "赵四", "王三")  # the request's first round
    text = change_result(OWN, ROSTER, rec, CTX).text()
    assert "李二同志得票6票，赵四同志得票3票。经另行选举，赵四同志得票7票，王三同志得票1票，赵四同志当选" in text
    assert "李二、赵四等2位同志当选" in text


def test_by_election_documents():
    """It writes 模板7 with the vacancies and 模板9 with the by-elected member and duty."""
    rec = parse_record(
        {
            "kind": "补选",
            "seats": 1,
            "candidates": ["周七"],
            "committee_size": 5,
            "eligible_due": 8,
            "eligible_present": 8,
            "tally": {"周七": 7},
            "ballots_returned": 8,
            "mode": "等额",
            "division": {"宣传委员": "周七"},
            "plenary_present": 5,
        }
    )
    req = change = by_election_request(OWN, ROSTER, rec, CTX)
    assert "委员出现空缺1人" in req.text() and "提名1位同志（周七）" in req.text()
    res = by_election_result(OWN, ROSTER, rec, CTX)
    text = docx_text(to_docx(res))
    assert "周七同志得票7票" in text and "周七同志补选为党支部委员会委员" in text
    assert "应到会5人，实到会5人" in text and "周七同志任宣传委员" in text
    assert change.code == "模板7" and res.code == "模板9"


def test_candidate_forms_one_table_per_candidate():
    """It writes one 模板5 form per candidate, marking the 书记 candidate."""
    rec = parse_record({"seats": 5, "candidates": SIX, "secretary": "李二"})
    doc = candidate_forms(OWN, ROSTER, rec, CTX)
    assert len(doc.body) == 6 and "书记候选人预备人选" in doc.text()
    assert candidate_forms(OWN, ROSTER, rec, CTX, code="模板8").code == "模板8"


def test_parse_record_names_bad_keys():
    """It refuses a bad record with one finding per bad key, naming the file and key."""
    with pytest.raises(InputError) as exc:
        parse_record({"seats": "五", "candidates": "甲", "date": "明天"}, "e.json")
    assert {f.column for f in exc.value.findings} == {"seats", "candidates", "date"}
    assert all(f.file == "e.json" for f in exc.value.findings)


@pytest.mark.parametrize("part,whole,expected", [(1, 5, "20"), (2, 7, "28.6"), (26, 30, "86.7"), (0, 3, "0")])
def test_percent(part, whole, expected):
    """It formats percentages with integers only, half up, no trailing .0."""
    assert percent(part, whole) == expected


def test_unknown_candidate_is_one_missing_row():
    """It reports a candidate missing from the 党员 sheet once, not once per form field."""
    rec = parse_record({"seats": 1, "candidates": ["外人"], "mode": "等额"})
    doc = candidate_forms(OWN, ROSTER, rec, CTX)
    assert [m.field for m in doc.missing] == ["外人：个人信息（“党员”工作表中无此人）"]
    assert "外人" in doc.text() and BLANK in doc.text()


def test_result_names_zero_vote_candidates_and_optional_deputy():
    """It lists a candidate with no votes as 得票0票 and leaves out 副书记 when none was elected."""
    rec = parse_record(
        {
            "seats": 3,
            "candidates": ["李二", "赵四", "王三", "张一"],
            "eligible_due": 5,
            "eligible_present": 5,
            "ballots": [{"yes": ["李二", "赵四", "王三"]}] * 5,
            "secretary": "李二",
            "secretary_votes": 3,
            "plenary_present": 3,
        }
    )
    doc = change_result(OWN, ROSTER, rec, CTX)
    assert "张一同志得票0票" in doc.text() and "李二同志得3票，当选书记。" in doc.text()
    assert "副书记" not in doc.text() and "当选副书记" not in {m.field for m in doc.missing}


# A 5-member joint branch (乙学会 2 + 丙协会 3): no committee, the 党员大会 elects its 书记 directly.
FIVE = Roster(
    (Society("乙学会", "工科", "武汉市", formal_members=2), Society("丙协会", "工科", "武汉市", formal_members=3)),
    (
        Member("郑九", "乙学会", society_role="理事长"),
        Member("冯十", "乙学会"),
        Member("陈一", "丙协会"),
        Member("周二", "丙协会"),
        Member("吴三", "丙协会"),
    ),
    has_member_sheet=True,
)
SMALL = Organization("J002", "联合党支部", "同业共建", ("乙学会", "丙协会"), 5)
NO_COMMITTEE_CTX = DocContext(addressee="某省科协机关党委", issued=date(2026, 11, 22))


def test_joint_branch_request_elects_the_secretary_without_a_committee():
    """It writes 模板4 of a 5-member joint branch with no “委员会” and no 差额, naming the 书记 candidate."""
    doc = change_request(SMALL, FIVE, None, NO_COMMITTEE_CTX)
    text = docx_text(to_docx(doc))
    assert "委员会" not in text and "差额" not in text
    assert "郑九同志为书记候选人预备人选" in text and "党员大会直接采取候选人数与应选人数相等的等额选举办法" in text
    assert doc.title == "关于乙学会等2家单位联合党支部召开党员大会选举书记的请示"
    assert doc.signature == ("乙学会等2家单位联合党支部",)


def test_joint_branch_result_names_the_elected_secretary_and_deputy():
    """It writes 模板6 of a direct election: votes, the elected 书记 and 副书记, no plenary, no “委员会”."""
    rec = parse_record(
        {
            "flow": "直接选举",
            "posts": {"书记": "郑九", "副书记": "陈一"},
            "seats": 2,
            "candidates": ["郑九", "陈一"],
            "eligible_due": 5,
            "eligible_present": 5,
            "mode": "等额",
            "ballots": [{"yes": ["郑九", "陈一"]}] * 4 + [{"yes": ["郑九"], "no": ["陈一"]}],
        }
    )
    assert rec.flow == "直接选举" and rec.secretary == "郑九" and rec.deputy == "陈一"
    doc = change_result(SMALL, FIVE, rec, NO_COMMITTEE_CTX)
    text = doc.text()
    assert "委员会" not in text and "第一次全体会议" not in text
    assert "郑九同志得票5票，陈一同志得票4票" in text and "郑九同志当选书记，陈一同志当选副书记" in text
    assert "选举产生的书记、副书记请予以批准" in text and doc.warnings == ()
    assert candidate_forms(SMALL, FIVE, rec, NO_COMMITTEE_CTX).title.endswith("书记、副书记候选人预备人选备案表")


def test_failed_direct_candidate_is_not_reported_as_elected():
    """It warns and leaves the post blank when the 书记 candidate got no more than half."""
    rec = parse_record(
        {
            "flow": "直接选举",
            "posts": {"书记": "郑九"},
            "seats": 1,
            "candidates": ["郑九"],
            "eligible_due": 4,
            "eligible_present": 4,
            "mode": "等额",
            "ballots": [{"yes": ["郑九"]}] * 2 + [{"no": ["郑九"]}] * 2,
        }
    )
    doc = change_result(SMALL, FIVE, rec, NO_COMMITTEE_CTX)
    assert "郑九同志当选" not in doc.text() and any("书记职务空缺" in w for w in doc.warnings)


def test_record_flow_overrides_size_and_mismatch_is_flagged():
    """It follows the record's flow, warns when it disagrees with F, and rejects an unknown flow."""
    direct = parse_record({"flow": "直接选举", "seats": 1, "candidates": ["李二"]})
    doc = change_request(OWN, ROSTER, direct, CTX)  # 甲学会 has 8 formal members
    assert "差额" not in doc.text() and any("应设委员会" in w for w in doc.warnings)
    committee = parse_record({"flow": "委员会", "seats": 3, "candidates": ["郑九", "冯十", "陈一", "周二"]})
    doc = change_request(SMALL, FIVE, committee, NO_COMMITTEE_CTX)
    assert "联合党支部委员会" in doc.text() and any("一般不设委员会" in w for w in doc.warnings)
    with pytest.raises(InputError, match="flow"):
        parse_record({"flow": "选举", "seats": 1, "candidates": []})


def test_by_election_request_of_a_branch_without_committee_warns():
    """It warns that a branch without a committee has no 委员 to by-elect."""
    doc = by_election_request(SMALL, FIVE, None, NO_COMMITTEE_CTX)
    assert any("没有委员可补选" in w for w in doc.warnings)


def _counted(data: dict) -> dict:
    return count_election(parse_election(data)).to_dict()
