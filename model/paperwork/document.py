"""Official documents (请示、备案表) as plain values; their Word rendering is ``model.paperwork.word``.

A template function (``model.paperwork.founding``, ``model.paperwork.election_letters``) returns a
:class:`Document`: title, 主送机关, body blocks, 落款 and date, plus the
:class:`MissingData` it had to leave blank. Every blank the workbench should have
filled from the roster, the plan, an election or the settings is a visible ＿＿＿ in
the text and one ``MissingData`` row — never a silent gap. Blanks that the office
fills by hand by design (文号, 签发人, 盖章) are kept as in the template and not listed.

The layout (``model.paperwork.word``) follows GB/T 9704-2012 loosely: title centred in 小标宋 二号, body 仿宋 三号
with a two-character first-line indent and 28 pt fixed line spacing, 落款 and date
right-aligned, date in Arabic numerals with 年月日.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "BLANK",
    "MissingData",
    "Para",
    "Table",
    "Document",
    "DocContext",
    "blank_filler",
    "chinese_date",
    "issued_date",
    "percent",
]

BLANK = "＿＿＿"


@dataclass(frozen=True, slots=True)
class MissingData:
    """One field a document had to leave blank."""

    document: str  # e.g. "模板2 党组织人员备案表"
    organization: str  # the organization's display name (or a society's name)
    field: str  # e.g. "张三：出生日期"

    def to_dict(self) -> dict:
        return {"文书": self.document, "党组织": self.organization, "缺少的信息": self.field}


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph. ``style``: body / plain / heading / center / right / letterhead / docno / note (四号, for
    instructions on forms and ballots)."""

    text: str
    style: str = "body"


@dataclass(frozen=True, slots=True)
class Table:
    """A form table: each row a tuple of (text, column span); rows span ``columns`` in all."""

    rows: tuple[tuple[tuple[str, int], ...], ...]
    columns: int = 4
    page_break_before: bool = False
    heights: tuple[tuple[int, float], ...] = ()  # (row index, minimum height in cm): room to write or stamp
    row_height: float = 0.9  # every other row, cm


Block = Para | Table


@dataclass(frozen=True, slots=True)
class DocContext:
    """Settings every document shares; ``None`` leaves a reported blank.

    ``addressee`` is the 主送机关 (the approving higher-level organization),
    ``superior`` its short name used on forms (…意见), ``issued`` the 落款 date,
    ``basis`` the sentence citing the rules the request rests on.
    """

    addressee: str | None = None
    superior: str = "上级党组织"
    issued: date | None = None
    basis: str = "根据《中国共产党章程》和《中国共产党支部工作条例（试行）》的有关规定"
    council_meeting: str | None = None  # e.g. "2024年3月5日经第五届理事会第三次会议"

    def to_dict(self) -> dict:
        return {
            "addressee": self.addressee,
            "superior": self.superior,
            "issued": self.issued.isoformat() if self.issued else None,
            "basis": self.basis,
            "council_meeting": self.council_meeting,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """One document, ready to preview (:meth:`text`) or render (:func:`to_docx`)."""

    code: str  # 模板1 … 模板9
    name: str  # e.g. "成立党组织的请示"
    organization: str
    title: str
    body: tuple[Block, ...]
    addressee: str | None = None  # 主送机关 line (already filled or BLANK)
    letterhead: str | None = None  # "××学会文件"
    signature: tuple[str, ...] = ()
    dated: str | None = None
    missing: tuple[MissingData, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    def text(self) -> str:
        """Plain text of the whole document, for previews (names stay data)."""
        out: list[str] = []
        if self.letterhead:
            out += [self.letterhead, "〔    〕号　　　　签发人：", ""]
        out += [self.title, ""]
        if self.addressee is not None:
            out.append(f"{self.addressee}：")
        for block in self.body:
            if isinstance(block, Para):
                out.append(("　　" if block.style == "body" else "") + block.text)
            else:
                if block.page_break_before:
                    out.append("—— 另页 ——")
                out += ["｜" + "｜".join(t for t, _ in row) + "｜" for row in block.rows]
                out.append("")
        if self.signature or self.dated:
            out.append("")
        out += list(self.signature)
        if self.dated:
            out.append(self.dated)
        return "\n".join(out)


def blank_filler(document: str, organization: str) -> tuple[Callable[[object, str], str], list[MissingData]]:
    """A ``need(value, field)`` that returns the value as text, or BLANK and records it.

    >>> need, missing = blank_filler("模板2 党组织人员备案表", "甲学会党支部")
    >>> need("张三", "书记人选"), need(None, "张三：出生日期"), need("  ", "张三：民族")
    ('张三', '＿＿＿', '＿＿＿')
    >>> [m.field for m in missing]
    ['张三：出生日期', '张三：民族']
    """
    missing: list[MissingData] = []

    def need(value: object, what: str) -> str:
        text = "" if value is None else (chinese_date(value) if isinstance(value, date) else str(value).strip())
        if not text:
            missing.append(MissingData(document, organization, what))
            return BLANK
        return text

    return need, missing


def issued_date(ctx: DocContext, need: Callable[[object, str], str]) -> str:
    """The 落款 date from the settings; a reported blank form date when unset."""
    if ctx.issued is None:
        need(None, "成文日期")
        return chinese_date(None)
    return chinese_date(ctx.issued)


def chinese_date(d: date | None) -> str:
    """Date as written in official documents; a blank form date when unknown.

    >>> chinese_date(date(2024, 5, 6))
    '2024年5月6日'
    >>> chinese_date(None)
    '＿＿＿年＿＿月＿＿日'
    """
    if d is None:
        return "＿＿＿年＿＿月＿＿日"
    return f"{d.year}年{d.month}月{d.day}日"


def percent(part: int, whole: int) -> str:
    """part/whole as a percentage without a trailing .0, one decimal otherwise.

    >>> percent(1, 5), percent(26, 30), percent(2, 3), percent(1, 0)
    ('20', '86.7', '66.7', '—')
    """
    if whole <= 0:
        return "—"
    tenths = (part * 1000 * 2 + whole) // (whole * 2)  # round half up, integers only
    whole_part, frac = divmod(tenths, 10)
    return str(whole_part) if frac == 0 else f"{whole_part}.{frac}"


# ---------------------------------------------------------------- docx rendering
