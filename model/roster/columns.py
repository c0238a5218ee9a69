"""The columns of the roster template (docs/formats.md §1): sheets, headers, keys, notes.

One table drives reading (header matching), parsing (types, required) and writing
(the canonical template and its 填表说明 sheet).

>>> header_key(SOCIETY_SHEET, " 学会 名称 ")
'name'
>>> header_key(SOCIETY_SHEET, "Formal_Members")
'formal_members'
>>> header_key(MEMBER_SHEET, "学会名称")
'society'
>>> header_key(SOCIETY_SHEET, "备注") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Column",
    "SheetSpec",
    "SHEETS",
    "SOCIETY_SHEET",
    "MEMBER_SHEET",
    "ADJACENCY_SHEET",
    "ORG_KINDS",
    "MEMBER_STATUSES",
    "HEADER_SCAN_ROWS",
    "header_key",
    "sheet_spec",
    "canonical_sheet_name",
    "normalize_header",
]

SOCIETY_SHEET = "学会"
MEMBER_SHEET = "党员"
ADJACENCY_SHEET = "地域相邻"
HEADER_SCAN_ROWS = 10  # merged title rows above the header: look this far down for it

ORG_KINDS: tuple[str, ...] = ("党委", "党总支", "党支部", "联合党支部", "党建工作小组")
MEMBER_STATUSES: tuple[str, ...] = ("正式", "预备")

ColumnType = Literal["text", "int", "date", "kind", "status"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: Chinese header, English key, type, whether required, note."""

    header: str
    key: str
    type: ColumnType = "text"
    required: bool = False
    note: str = ""
    example: str | int = ""


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One sheet of the template; ``anchor`` headers locate the header row."""

    name: str
    english: str
    columns: tuple[Column, ...]
    anchor: tuple[str, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


_SOCIETY = SheetSpec(
    SOCIETY_SHEET,
    "societies",
    (
        Column(
            "学会名称",
            "name",
            "text",
            True,
            "学会、协会、研究会的全称，不得重复；全系统以此识别学会",
            "（示例）湖北省某某学会",
        ),
        Column(
            "学科类别", "industry", "text", True, "理科/工科/农科/医科/交叉学科等；相同即为“同业”，用于同业共建", "工科"
        ),
        Column(
            "所在地", "region", "text", True, "市州名称，如武汉市；相同或相邻（见“地域相邻”表）用于区域联建", "武汉市"
        ),
        Column("支撑单位", "host_unit", "text", False, "挂靠/支撑单位；相同用于挂靠组建；无则留空", "某某大学"),
        Column(
            "理事会正式党员数",
            "formal_members",
            "int",
            True,
            "理事会中的正式党员人数（非负整数）；填写了“党员”表的学会以党员表为准",
            1,
        ),
        Column(
            "理事会预备党员数",
            "probationary_members",
            "int",
            False,
            "理事会中的预备党员人数；预备党员不计入组建所需的3名正式党员",
            0,
        ),
        Column(
            "秘书处正式党员数",
            "secretariat_members",
            "int",
            False,
            "秘书处专职人员中的正式党员人数（按秘书处口径统计时使用）",
            "",
        ),
        Column("业务主管单位", "supervisor", "text", False, "业务主管单位，如省科协", "湖北省科协"),
        Column(
            "现有党组织",
            "existing_org",
            "text",
            False,
            "学会目前所在党组织的名称；无则留空。多个学会填同一名称即为同一个（联合）党组织",
            "",
        ),
        Column("党组织类型", "existing_kind", "kind", False, "党委/党总支/党支部/联合党支部/党建工作小组", ""),
        Column("建立党组织时间", "org_founded", "date", False, "日期，如 2018-05-20、2018/5/20 或 2018年5月20日", ""),
        Column("届满时间", "term_ends", "date", False, "现任班子任期届满（应换届）的日期", ""),
    ),
    ("name",),
)

_MEMBER = SheetSpec(
    MEMBER_SHEET,
    "members",
    (
        Column("姓名", "name", "text", True, "党员姓名", "张三"),
        Column("学会名称", "society", "text", True, "所在学会，须与“学会”表中的学会名称一致", "（示例）湖北省某某学会"),
        Column("性别", "gender", "text", False, "男/女", "男"),
        Column("学会职务", "society_role", "text", False, "理事长/副理事长/秘书长/常务理事/理事/会员等", "理事长"),
        Column("党员类别", "status", "status", False, "正式/预备；留空按正式", "正式"),
        Column("党纪处分", "discipline", "text", False, "无则留空；如“留党察看”（察看期间无表决权、选举权）", ""),
        Column("联系电话", "phone", "text", False, "个人信息，仅在需要时显示", ""),
        Column("党组织关系所在单位", "home_org", "text", False, "组织关系所在单位（一方隶属）", "某某大学"),
    ),
    ("name", "society"),
)

_ADJACENCY = SheetSpec(
    ADJACENCY_SHEET,
    "adjacency",
    (
        Column("地区A", "region_a", "text", True, "一个地区（与“学会”表所在地写法一致）", "武汉市"),
        Column("地区B", "region_b", "text", True, "与地区A相邻的地区；相邻关系不分先后", "鄂州市"),
    ),
    ("region_a", "region_b"),
)

SHEETS: tuple[SheetSpec, ...] = (_SOCIETY, _MEMBER, _ADJACENCY)

_SPACES = re.compile(r"[\s\u3000\u00a0\ufeff]+")


def normalize_header(text: object) -> str:
    """Header text for matching: no whitespace of any width, lower case.

    >>> normalize_header("\\u3000理事会\\n正式党员数 ")
    '理事会正式党员数'
    """
    return _SPACES.sub("", str(text or "")).lower()


def _lookup(spec: SheetSpec) -> dict[str, str]:
    table = {}
    for c in spec.columns:
        table[normalize_header(c.header)] = c.key
        table[normalize_header(c.key)] = c.key
    return table


_LOOKUPS = {spec.name: _lookup(spec) for spec in SHEETS}


def sheet_spec(name: str) -> SheetSpec:
    return next(s for s in SHEETS if s.name == name)


def header_key(sheet: str, header: object) -> str | None:
    """The column key a header names on ``sheet`` (Chinese header or English key), else None."""
    return _LOOKUPS[sheet].get(normalize_header(header))


def canonical_sheet_name(title: str) -> str | None:
    """学会/党员/地域相邻 for a sheet title in Chinese or English, else None.

    >>> canonical_sheet_name(" Societies "), canonical_sheet_name("Sheet1")
    ('学会', None)
    """
    t = normalize_header(title)
    for spec in SHEETS:
        if t in (normalize_header(spec.name), spec.english):
            return spec.name
    return None
