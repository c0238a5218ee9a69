"""Founding documents: 模板1 成立党组织的请示, 模板2 人员备案表, and the shared person form.

Seed 004 (青海指南) 第二部分四 and 第七部分: a society applying to set up its party
organization sends the request (模板1) with the proposed leadership, a 备案表 per
proposed person (模板2) and the members' register (模板3, ``model.paperwork.registers``).

Personal details the roster has no column for (出生日期, 民族, 籍贯, 入党时间 …) are
read from extra columns of the 党员 sheet under their usual headers (see
``PERSON_FIELDS``); absent ones become reported blanks.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.paperwork.document import BLANK, DocContext, Document, Para, Table, blank_filler, issued_date
from model.planning.naming import org_display_name  # one naming rule: planner, graph, documents
from model.planning.plan import Organization
from model.roster.values import Member, Roster
from model.rules.policy import Policy

__all__ = [
    "PERSON_FIELDS",
    "Role",
    "org_display_name",
    "letterhead",
    "org_members",
    "person_value",
    "rank_members",
    "proposed_leadership",
    "founding_request",
    "personnel_forms",
    "person_table",
]

# Header synonyms accepted for personal details in extra columns of the 党员 sheet.
PERSON_FIELDS: dict[str, tuple[str, ...]] = {
    "出生日期": ("出生日期", "出生年月"),
    "民族": ("民族",),
    "籍贯": ("籍贯",),
    "入党时间": ("入党时间", "入党日期", "入党年月"),
    "参加工作时间": ("参加工作时间",),
    "专业技术职务": ("专业技术职务", "技术职称", "职称"),
    "熟悉专业有何专长": ("熟悉专业有何专长", "专长"),
    "学历": ("学历",),
    "学位": ("学位",),
    "毕业院校": ("毕业院校",),
    "现任职务": ("现任职务", "所在单位职务", "工作单位及职务", "行政职务"),
    "工作单位": ("工作单位", "所在单位"),
    "工作简历": ("工作简历", "简历"),
    "工作表现": ("工作表现", "工作表现（德能勤绩廉）"),
    "电子邮箱": ("电子邮箱", "邮箱"),
    "人事档案所在单位": ("人事档案所在单位",),
    "年龄": ("年龄",),
}

ROLE_RANK = ("理事长", "副理事长", "秘书长", "副秘书长", "常务理事", "理事")
COMMITTEE_ROLES = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
OFFICE_HEAD = "办公室负责人"


def person_value(member: Member | None, field: str) -> str | None:
    """A personal detail: a core field, or an extra column under any accepted header.

    >>> m = Member("张三", "甲学会", gender="男", extra=(("出生年月", "1970-05"),))
    >>> person_value(m, "出生日期"), person_value(m, "性别"), person_value(m, "民族")
    ('1970-05', '男', None)
    """
    if member is None:
        return None
    core = {
        "姓名": member.name,
        "性别": member.gender,
        "学会职务": member.society_role,
        "联系电话": member.phone,
        "党组织关系所在单位": member.home_org,
        "党员类别": member.status,
    }
    if field in core:
        return (core[field] or "").strip() or None
    extra = {k.strip(): v for k, v in member.extra}
    for header in PERSON_FIELDS.get(field, (field,)):
        value = (extra.get(header) or "").strip()
        if value:
            return value
    return None


def letterhead(org: Organization) -> str:
    """The issuing society's 文件 head: the (first) society's name."""
    return f"{org.units[0] if org.units else org_display_name(org)}文件"


def org_members(org: Organization, roster: Roster) -> tuple[Member, ...]:
    """Members listed on the 党员 sheet for the organization's units, in roster order."""
    return roster.members_in(org.units)


def _rank(m: Member) -> int:
    role = (m.society_role or "").strip()
    return ROLE_RANK.index(role) if role in ROLE_RANK else len(ROLE_RANK)


def rank_members(members: tuple[Member, ...]) -> tuple[Member, ...]:
    """Formal members by society role (理事长 first), then roster order (stable)."""
    return tuple(sorted((m for m in members if m.is_formal), key=_rank))


@dataclass(frozen=True, slots=True)
class Role:
    """A proposed post and the person for it (None when the roster cannot say)."""

    title: str
    person: Member | None


def proposed_leadership(org: Organization, roster: Roster, policy: Policy = Policy()) -> tuple[Role, ...]:
    """Posts by 支部条例 and 青海指南, filled by 双向进入、交叉任职 ranking.

    F ≥ ``committee_min_formal`` (7) → a committee 书记, 副书记, 组织委员, 宣传委员,
    纪检委员; otherwise only a 书记. The 书记 is the first formal 理事长, else
    副理事长 (青海指南 第二部分三(4)), else the next by society role. 办公室负责人 is
    the 秘书长 when a party member (模板1).

    >>> r = Roster((), members=(Member("甲", "A学会", society_role="理事"), Member("乙", "A学会", society_role="理事长")))
    >>> org = Organization("S1", "党支部", "单独组建", ("A学会",), 3)
    >>> [(x.title, x.person and x.person.name) for x in proposed_leadership(org, r)]
    [('书记', '乙'), ('办公室负责人', None)]
    """
    titles = COMMITTEE_ROLES if org.formal_members >= policy.committee_min_formal else ("书记",)
    pool = list(rank_members(org_members(org, roster)))
    roles = [Role(t, pool.pop(0) if pool else None) for t in titles]
    office = next((m for m in org_members(org, roster) if (m.society_role or "").strip() == "秘书长"), None)
    return tuple(roles) + (Role(OFFICE_HEAD, office),)


def _member_counts(org: Organization, roster: Roster, policy: Policy) -> tuple[str, int, int]:
    parts, total, formal = [], 0, 0
    for unit in org.units:
        f, t = roster.society(unit).counts(policy.count_basis) if unit in roster else (0, 0)
        parts.append(f"{t}名")
        total, formal = total + t, formal + f
    phrase = "、".join(org.units) + policy.count_basis  # 理事会 or 秘书处
    if len(org.units) > 1:
        return f"{phrase}现有党员分别为{'、'.join(parts)}，共{total}名（其中正式党员{formal}名）", total, formal
    return f"{phrase}现有党员{total}名（其中正式党员{formal}名）", total, formal


def _who(role: Role, need, org: Organization) -> str:
    name = need(role.person.name if role.person else None, f"{role.title}人选")
    if role.person is None:
        return name
    where = role.person.society if len(org.units) > 1 else ""
    detail = " ".join(x for x in (where, (role.person.society_role or "").strip()) if x)
    return f"{name}（{detail}）" if detail else name


def founding_request(
    org: Organization, roster: Roster, ctx: DocContext = DocContext(), policy: Policy = Policy()
) -> Document:
    """模板1 关于成立“……”的请示, with members and proposed roles."""
    name = org_display_name(org)
    code, label = "模板1", "成立党组织的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    roles = proposed_leadership(org, roster, policy)
    committee = [r for r in roles if r.title != OFFICE_HEAD]
    deputies = sum(r.title == "副书记" for r in committee)
    members_phrase, _, _ = _member_counts(org, roster, policy)
    meeting = (
        need(ctx.council_meeting, "理事会会议时间及届次")
        if len(org.units) == 1
        else need(ctx.council_meeting, "各单位理事会会议时间及届次")
    )
    composition = (
        "其中：书记1人"
        + (f"，副书记{deputies}人" if deputies else "")
        + (f"，委员{len(committee) - 1 - deputies}人" if len(committee) > 1 + deputies else "")
    )
    body = [
        Para(
            f"{ctx.basis}，{meeting}研究决定，拟成立{name}。{members_phrase}，{org.kind}由{len(committee)}人组成，"
            f"{composition}。{org.kind}日常工作由下设办公室专人负责，{org.kind}组成人员如下："
        ),
        *(Para(f"{r.title}：{_who(r, need, org)}") for r in roles),
        Para("妥否，请批示。"),
        Para("附件：学会（协会/研究会）党组织人员备案表"),
    ]
    warnings = []
    if org.status == "保留":
        warnings.append("方案中该党组织保留现状，一般无需再报成立请示（一键下载中不含此文书）。")
    if org.kind in ("党委", "党总支"):
        warnings.append(f"设立{org.kind}须经上级党组织批准（机关条例 第五、六条）。")
    secretary = committee[0].person
    if secretary is not None and (secretary.society_role or "").strip() not in ("理事长", "副理事长"):
        warnings.append(
            "未找到正式党员理事长或副理事长，难以落实“双向进入、交叉任职”，书记人选按学会职务顺序提出，请核实（青海指南 第二部分三(4)）。"
        )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于成立“{name}”的请示",
        body=tuple(body),
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=tuple(org.units),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def person_table(
    member: Member | None,
    name: str | None,
    post: str,
    society: str | None,
    need,
    superior: str,
    page_break: bool,
    include_society_row: bool,
) -> Table:
    """The 备案表 grid of 模板2/5/8 for one person; blanks are recorded through ``need``."""
    who = name or (member.name if member else None)
    tag = who or post
    if who is not None and member is None:  # a named person the 党员 sheet does not list: one row, not fifteen
        need(None, f"{who}：个人信息（“党员”工作表中无此人）")

    def v(field: str) -> str:
        if member is None:  # already reported once (unknown person or no such row)
            return BLANK
        return need(person_value(member, field), f"{tag}：{field}")

    rows: list[tuple[tuple[str, int], ...]] = []
    if include_society_row:
        rows.append((("学会（协会/研究会）名称", 1), (need(society, f"{tag}：所在学会"), 3)))
    rows += [
        (("姓名", 1), (need(who, f"{post}人选"), 1), ("出生日期", 1), (v("出生日期"), 1)),
        (("性别", 1), (v("性别"), 1), ("民族", 1), (v("民族"), 1)),
        (("籍贯", 1), (v("籍贯"), 1), ("入党时间", 1), (v("入党时间"), 1)),
        (("参加工作时间", 1), (v("参加工作时间"), 1), ("专业技术职务", 1), (v("专业技术职务"), 1)),
        (("熟悉专业有何专长", 1), (v("熟悉专业有何专长"), 3)),
        (("学历", 1), (v("学历"), 1), ("毕业院校", 1), (v("毕业院校"), 1)),
        (("现任职务", 1), (v("现任职务"), 3)),
        (("学会任职", 1), (v("学会职务"), 3)),
        (("党组织拟任职务", 1), (post, 3)),
        (("工作简历", 1), (v("工作简历"), 3)),
        (("工作表现（德能勤绩廉）", 1), (v("工作表现"), 3)),
        (("呈报单位", 1), ("（盖章）　　年　月　日", 3)),
        ((f"{superior}意见", 1), ("（盖章）　　年　月　日", 3)),
    ]
    tall = {"工作简历": 3.0, "工作表现（德能勤绩廉）": 2.2, "呈报单位": 1.8, f"{superior}意见": 1.8}
    heights = tuple((i, tall[r[0][0]]) for i, r in enumerate(rows) if r[0][0] in tall)
    return Table(rows=tuple(rows), columns=4, page_break_before=page_break, heights=heights)


def personnel_forms(
    org: Organization, roster: Roster, ctx: DocContext = DocContext(), policy: Policy = Policy()
) -> Document:
    """模板2 学会党组织人员备案表: one form per proposed member of the leadership."""
    name = org_display_name(org)
    code, label = "模板2", "党组织人员备案表"
    need, missing = blank_filler(f"{code} {label}", name)
    default_society = org.units[0] if len(org.units) == 1 else None
    tables = tuple(
        person_table(
            r.person,
            None,
            r.title,
            r.person.society if r.person else default_society,
            need,
            ctx.superior,
            page_break=i > 0,
            include_society_row=True,
        )
        for i, r in enumerate(proposed_leadership(org, roster, policy))
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title="学会（协会/研究会）党组织人员备案表",
        body=tables,
        missing=tuple(missing),
    )
