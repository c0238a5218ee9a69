"""Excel registers (台账): 模板3 党员名册, 吉林要点2017 表1–表3, and the coverage statistics form.

Each builder returns a :class:`~model.paperwork.workbook.Register` (sheets of typed rows plus the
:class:`~model.paperwork.document.MissingData` it left blank); :func:`~model.paperwork.spreadsheet.to_xlsx`
writes it as an official would file it.

Phone numbers (联系电话, 联系方式, 手机号码) appear only with ``personal=True``; every
builder here defaults to ``personal=False``.
"""

from __future__ import annotations

from model.paperwork.document import BLANK, DocContext, MissingData
from model.paperwork.founding import org_display_name, org_members, person_value, proposed_leadership
from model.paperwork.workbook import (
    NA,
    Percent,
    Register,
    Sheet,
    Value,
    as_date,
    as_number,
)
from model.planning.plan import Organization, Plan
from model.roster.values import Member, Roster, Society

__all__ = [
    "member_register",
    "society_info",
    "secretariat_register",
    "council_register",
    "coverage_form",
    "missing_register",
]


def _column_gaps(doc: str, where: str, members: tuple[Member, ...], fields: tuple[str, ...]) -> list[MissingData]:
    """Blank cells, one row per member and field; a field blank for everyone is one row."""
    out: list[MissingData] = []
    for f in fields:
        lacking = [m.name for m in members if person_value(m, f) is None]
        if members and len(lacking) == len(members):
            out.append(MissingData(doc, where, f"{f}（全部{len(members)}名党员均未填写）"))
        else:
            out += [MissingData(doc, where, f"{n}：{f}") for n in lacking]
    return out


def _no_members(roster: Roster) -> str:
    return "“党员”工作表中没有本组织的党员" if roster.has_member_sheet else "名册未提供“党员”工作表"


DATE_FIELDS = frozenset({"出生日期", "入党时间", "参加工作时间"})


def _v(member: Member | None, field: str) -> Value:
    """A member's detail as a cell: a full date as a date, a blank as ＿＿＿, the rest as text."""
    value = person_value(member, field)
    if value is None:
        return BLANK
    return as_date(value) if field in DATE_FIELDS else value


def member_register(org: Organization, roster: Roster, personal: bool = False) -> Register:
    """模板3 党员名册 of one organization (all its units' members on the 党员 sheet).

    联系电话 is the last column only with ``personal=True``.
    """
    name, doc = org_display_name(org), "模板3 党员名册"
    members = org_members(org, roster)
    fields = ("性别", "出生日期", "民族", "学历", "入党时间", "学会职务", "党组织关系所在单位") + (
        ("联系电话",) if personal else ()
    )
    header = ("序号", "姓名", "所在学会", "党员类别") + fields
    rows: list[tuple[Value, ...]] = [header] + [
        (i, m.name, m.society, m.status) + tuple(_v(m, f) for f in fields) for i, m in enumerate(members, start=1)
    ]
    missing = _column_gaps(doc, name, members, fields)
    if not members:
        missing.insert(0, MissingData(doc, name, f"党员名单（{_no_members(roster)}）"))
        rows.append((1,) + (BLANK,) * (len(header) - 1))
    return Register("模板3", "党员名册", name, (Sheet("党员名册", f"{name}党员名册", tuple(rows)),), tuple(missing))


def _extra(society: Society, *headers: str) -> str | None:
    extra = {k.strip(): v for k, v in society.extra}
    return next(((extra.get(h) or "").strip() for h in headers if (extra.get(h) or "").strip()), None)


def society_info(
    society: Society, roster: Roster, plan: Plan, ctx: DocContext = DocContext(), personal: bool = False
) -> Register:
    """Seed 001 表1 学会党建信息表 for one society, filled from the roster and the plan.

    The two 联系方式 cells are filled only with ``personal=True`` (left empty, to be written
    by hand, otherwise).
    """
    doc, where = "表1 学会党建信息表", society.name
    missing: list[MissingData] = []

    def need(value: object, field: str) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            missing.append(MissingData(doc, where, field))
            return BLANK
        return text

    def count(value: object, field: str) -> int | float | str:
        return as_number(need(value, field))

    def phone(person: Member | None, field: str) -> str:
        return need(person_value(person, "联系电话"), field) if personal else ""

    org = plan.org_of(society.name)
    f, t = society.counts(plan.policy.count_basis)
    members = roster.members_of(society.name)
    branches: Value
    founded: Value
    if org is None:
        kind = founded = belongs = branches = NA
        reason = (
            "无正式党员，派驻党建工作指导员（联络员）"
            if society.name in plan.liaison
            else f"正式党员{f}名，不足{plan.policy.own_min_formal}名，暂无可联合组建的学会"
        )
    else:
        kind = org.kind + ("" if len(org.units) == 1 else f"（{org_display_name(org)}）")
        founded = (
            society.org_founded
            if society.org_founded
            else ("拟新建" if not society.existing_org else need(None, "建立党组织时间"))
        )
        belongs = need(ctx.addressee, "党组织关系隶属（上级党组织）")
        branches = 0 if org.kind in ("党支部", "联合党支部") else count(_extra(society, "下辖党支部"), "下辖党支部数")
        reason = NA
    chair = next((m for m in members if (m.society_role or "").strip() == "理事长"), None)
    leaders = proposed_leadership(org, roster, plan.policy) if org else ()
    secretary = next((r.person for r in leaders if r.title == "书记"), None)
    chair_row: tuple[Value, ...] = (
        "",
        need(chair.name if chair else None, "学会负责人（理事长）姓名"),
        count(person_value(chair, "年龄") if chair else None, "学会负责人：年龄"),
        need(person_value(chair, "学历") if chair else None, "学会负责人：学历"),
        ("中共党员" if chair and chair.is_formal else "中共预备党员") if chair else need(None, "学会负责人：政治面貌"),
        need(person_value(chair, "现任职务") if chair else None, "学会负责人：党内外职务"),
        phone(chair, "学会负责人：联系方式"),
    )
    sec_row: tuple[Value, ...]
    if org is None:
        sec_row = ("", NA, NA, NA, NA, NA, NA)
    else:
        sec_row = (
            "",
            need(secretary.name if secretary else None, "党组织书记姓名"),
            count(person_value(secretary, "年龄") if secretary else None, "党组织书记：年龄"),
            need(person_value(secretary, "学历") if secretary else None, "党组织书记：学历"),
            as_date(need(_extra(society, "书记任职时间"), "党组织书记：任职时间")),
            need(person_value(secretary, "现任职务") if secretary else None, "党组织书记：行政职务"),
            phone(secretary, "党组织书记：联系方式"),
        )
    rows: tuple[tuple[Value, ...], ...] = (
        ("学会名称（盖章）", society.name, "", "", "", "", ""),
        ("支撑单位名称", need(society.host_unit, "支撑单位名称"), "", "", "", "", ""),
        ("建立党组织时间", founded, "党组织类型", kind, "学会所在地", society.region, ""),
        (
            "党组织关系隶属",
            belongs,
            "党组织工作经费（元/年）",
            count(_extra(society, "党组织工作经费"), "党组织工作经费"),
            "党组织活动场所（平方米）",
            count(_extra(society, "党组织活动场所"), "党组织活动场所面积"),
            "",
        ),
        (
            "工作人员总数（人）",
            count(_extra(society, "工作人员总数"), "工作人员总数"),
            "专职人员数（人）",
            count(_extra(society, "专职人员数"), "专职人员数"),
            "下辖党支部（个）",
            branches,
            "",
        ),
        (
            "党员总数（人）",
            t,
            "党的积极分子数量（人）",
            count(_extra(society, "党的积极分子数量", "入党积极分子"), "党的积极分子数量"),
            "党务干部数量（人）",
            count(_extra(society, "党务干部数量"), "党务干部数量"),
            "",
        ),
        ("学会负责人", "姓名", "年龄", "学历", "政治面貌", "党内外职务", "联系方式"),
        chair_row,
        ("党组织书记", "姓名", "年龄", "学历", "任职时间", "行政职务", "联系方式"),
        sec_row,
        ("未建党组织原因", reason, "", "", "", "", ""),
    )
    return Register(
        "表1", "学会党建信息表", where, (Sheet("学会党建信息表", "学会党建信息表", rows, 0),), tuple(missing)
    )


def secretariat_register(society: Society, roster: Roster, personal: bool = False) -> Register:
    """Seed 001 表2 秘书处专兼职干部党员信息表: members whose 学会职务 names 秘书处/秘书长.

    手机号码 is filled only with ``personal=True`` (left empty, to be written by hand, otherwise).
    """
    doc, where = "表2 秘书处专兼职干部党员信息表", society.name
    staff = tuple(m for m in roster.members_of(society.name) if "秘书" in (m.society_role or ""))
    missing: list[MissingData] = []
    if not staff:
        missing.append(MissingData(doc, where, "秘书处专兼职干部党员名单（名册中无学会职务含“秘书”的党员）"))
    pairs = (
        ("姓名", "性别", "出生日期"),
        ("民族", "籍贯", "入党时间"),
        ("学历", "学位", "专业技术职务"),
        ("工作单位", "现任职务"),
        ("联系电话", "电子邮箱"),
        ("人事档案所在单位",),
        ("党组织关系所在单位",),
    )
    labels = {"专业技术职务": "技术职称", "现任职务": "职务", "联系电话": "手机号码"}
    rows: list[tuple[Value, ...]] = [("学会（盖章）：", society.name, "", "", "", "")]
    for m in staff or (None,):
        for group in pairs:
            row: list[Value] = []
            for field in group:
                if field == "联系电话" and not personal:
                    row += [labels[field], ""]
                    continue
                value = _v(m, field) if m else BLANK
                if value == BLANK and m is not None:
                    missing.append(MissingData(doc, where, f"{m.name}：{field}"))
                row += [labels.get(field, field), value]
            rows.append(tuple(row))
        rows.append(("",) * 6)
    return Register(
        "表2",
        "秘书处专兼职干部党员信息表",
        where,
        (Sheet("秘书处党员信息表", "学会秘书处专兼职干部党员信息表", tuple(rows), 0),),
        tuple(missing),
    )


def council_register(society: Society, roster: Roster, personal: bool = False) -> Register:
    """Seed 001 表3 理事会党员信息表: 序号 姓名 性别 学会职务 (联系电话) 党组织关系所在单位.

    联系电话 is a column only with ``personal=True``.
    """
    doc, where = "表3 理事会党员信息表", society.name
    members = roster.members_of(society.name)
    fields = ("性别", "学会职务") + (("联系电话",) if personal else ()) + ("党组织关系所在单位",)
    rows: list[tuple[Value, ...]] = [("学会（盖章）：", society.name) + ("",) * len(fields), ("序号", "姓名") + fields]
    rows += [(i, m.name) + tuple(_v(m, f) for f in fields) for i, m in enumerate(members, start=1)]
    missing = _column_gaps(doc, where, members, fields)
    if not members and sum(society.counts()) > 0:
        missing.insert(0, MissingData(doc, where, f"理事会党员名单（{_no_members(roster)}）"))
        rows.append((1,) + (BLANK,) * (len(fields) + 1))
    return Register(
        "表3",
        "理事会党员信息表",
        where,
        (Sheet("理事会党员信息表", "学会理事会党员信息表", tuple(rows), 2),),
        tuple(missing),
    )


def coverage_form(plan: Plan) -> Register:
    """The statutory statistics form, by the plan: own / joint / not yet / instructor rows.

    Counts are numbers and the rates :class:`Percent`, so the form sums and sorts in Excel."""
    own = [o for o in plan.organizations if not o.joint]
    joint = [o for o in plan.organizations if o.joint]
    cov = plan.coverage()

    def kind(k: str) -> tuple[str, str, int, int]:
        n = [o for o in own if o.kind == k]
        return ("已单独建立党组织的", k, len(n), sum(len(o.units) for o in n))

    rows: tuple[tuple[Value, ...], ...] = (
        ("类别", "项目", "党组织数（个）", "覆盖学会数（家）"),
        kind("党委"),
        kind("党总支"),
        kind("党支部"),
        ("已建立联合党支部的", "联合党支部数", len(joint), NA),
        ("已建立联合党支部的", "覆盖单位数", NA, sum(len(o.units) for o in joint)),
        ("应建尚未建立党组织的", "学会数", NA, len(plan.uncovered)),
        ("派驻党建工作指导员（联络员）的", "学会数", NA, len(plan.liaison)),
        ("合计", "学会总数", len(plan.organizations), cov.units),
        ("组织覆盖率", Percent(cov.organized, cov.units), "", f"{cov.organized}/{cov.units}"),
        ("工作覆盖率", Percent(cov.work_covered, cov.units), "", f"{cov.work_covered}/{cov.units}"),
    )
    return Register(
        "统计表",
        "党组织覆盖情况统计表",
        "全部学会",
        (Sheet("覆盖情况统计表", "学会党组织覆盖情况统计表（按规划方案）", rows),),
    )


MAX_SHEET_ROWS = 1_000_000  # Excel and Calc hold 1,048,576 rows a sheet; a longer list goes on in the next


def missing_register(missing: tuple[MissingData, ...], per_sheet: int = MAX_SHEET_ROWS) -> Register:
    """All missing data as one list to hand to whoever can supply it; past ``per_sheet`` rows the list
    continues on a sheet of its own (缺项清单2, …), numbered on, so nothing is cut off.

    >>> m = tuple(MissingData("模板1 成立党组织的请示", "甲学会党支部", f"字段{i}") for i in range(5))
    >>> [(sh.name, len(sh.rows) - 1, sh.rows[1][0]) for sh in missing_register(m, per_sheet=2).sheets]
    [('缺项清单', 2, 1), ('缺项清单2', 2, 3), ('缺项清单3', 1, 5)]
    """
    header: tuple[Value, ...] = ("序号", "文书", "党组织/学会", "缺少的信息")
    title = "文书缺项清单（请补齐后重新生成）"
    sheets = []
    for k, start in enumerate(range(0, max(1, len(missing)), per_sheet), start=1):
        rows = tuple(
            (i, m.document, m.organization, m.field)
            for i, m in enumerate(missing[start : start + per_sheet], start=start + 1)
        )
        name, head = ("缺项清单", title) if k == 1 else (f"缺项清单{k}", f"{title}（续{k - 1}）")
        sheets.append(Sheet(name, head, (header,) + rows))
    return Register("清单", "文书缺项清单", "全部", tuple(sheets))
