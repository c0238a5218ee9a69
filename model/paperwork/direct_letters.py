"""模板4 and 模板6 for a branch without a committee (支部条例: F < 7 → 1 书记, optionally 1 副书记).

The 党员大会 elects the 书记 (and 副书记) itself, 等额 (candidates == seats), with the members'
quorum (超过五分之四) and majority (超过半数): no 委员会, no 差额, no first plenary. Called
by :func:`model.paperwork.election_letters.change_request` / :func:`~model.paperwork.election_letters.change_result`
when :func:`~model.paperwork.election_letters.is_direct` says so; 模板5 (forms) stays in ``election_letters``.
"""

from __future__ import annotations

from model.election.record import ElectionRecord, check_record
from model.paperwork.document import DocContext, Document, Para, blank_filler, issued_date
from model.paperwork.election_facts import (
    attendance_text,
    date_conflicts,
    direct_names,
    fill_from_roster,
    flow_warning,
    posts_phrase,
    votes_summary,
)
from model.paperwork.founding import letterhead, org_display_name
from model.planning.plan import Organization
from model.roster.values import Roster
from model.rules.policy import Policy

__all__ = ["direct_request", "direct_result"]


def direct_request(
    org: Organization, roster: Roster, record: ElectionRecord, ctx: DocContext, policy: Policy, warnings: list[str]
) -> Document:
    """模板4 for a branch without a committee: the 党员大会 elects 书记 (and 副书记) 等额."""
    name, code, label = org_display_name(org), "模板4", "换届选举请示"
    need, missing = blank_filler(f"{code} {label}", name)
    record, filled = fill_from_roster(org, roster, policy, record)
    record = direct_names(record)
    posts, k = posts_phrase(record), org.kind
    warnings = warnings + filled + flow_warning(org, True, policy)
    named = [n for n in (record.secretary, record.deputy) if n]
    if record.candidates and len(record.candidates) != len(named):
        warnings.append(
            f"等额选举：应选{posts}{len(named)}名，候选人应正好{len(named)}名，现有{len(record.candidates)}名。"
        )
    deputy = f"，{record.deputy}同志为副书记候选人预备人选" if record.deputy else ""
    short = f"（不足{policy.committee_min_formal}名）" if org.formal_members < policy.committee_min_formal else ""
    body = (
        Para(
            f"我{k}于{need(record.previous, '上届选举日期')}选举产生，到{need(record.term_ends, '任期届满日期')}"
            f"任期届满。我{k}现有正式党员{org.formal_members}名{short}，按照《中国共产党支部工作条例（试行）》"
            f"的规定设书记1名，必要时设副书记1名，由党员大会直接选举。根据党章和有关规定，经研究，拟于{need(record.meeting_date, '党员大会日期')}"
            f"召开{k}党员大会，进行换届选举。现将有关事项请示如下："
        ),
        Para("一、党员大会的主要议程", "heading"),
        Para(f"1. 听取和审查{k}书记代表{k}所作的工作报告；"),
        Para(f"2. 选举产生新一任{k}{posts}。"),
        Para(f"二、{posts}职数及候选人预备人选", "heading"),
        Para(
            f"{k}设书记1名{'、副书记1名' if record.deputy else ''}。经研究，我们提出"
            f"{need(record.secretary, '书记候选人预备人选')}同志为书记候选人预备人选{deputy}。"
        ),
        Para("三、选举办法", "heading"),
        Para(
            f"{k}{posts}由{k}党员大会直接采取候选人数与应选人数相等的等额选举办法选举产生。到会有选举权的党员超过"
            "应到会有选举权党员五分之四，会议有效；候选人获得的赞成票超过实到会有选举权党员的半数，始得当选。"
        ),
        Para("以上选举采用无记名投票方式。"),
        Para("特此请示。妥否，请批示。"),
        Para(f"附件：{name}{posts}候选人预备人选备案表"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{name}召开党员大会选举{posts}的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(name,),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )


def direct_result(org: Organization, record: ElectionRecord, ctx: DocContext, policy: Policy) -> Document:
    """模板6 for a branch without a committee: who the 党员大会 elected 书记 (and 副书记), with the votes."""
    name, code, label = org_display_name(org), "模板6", "换届选举结果的请示"
    need, missing = blank_filler(f"{code} {label}", name)
    record = direct_names(check_record(record))
    attendance, warnings = attendance_text(record, need)
    warnings += date_conflicts(record, ctx, request=False)
    warnings += flow_warning(org, True, policy)
    votes, _, _ = votes_summary(record, need)
    won = {n for r in record.held_rounds() for n in (r.get("elected") or ())}
    posts = posts_phrase(record)
    counted = any("elected" in r for r in record.all_rounds())
    chosen = []
    for post, who in (("书记", record.secretary), ("副书记", record.deputy)):
        if not who and post != "书记":
            continue
        if counted and who not in won:
            warnings.append(f"{post}候选人{who or '（未指定）'}同志未当选，{post}职务空缺，须另行选举后再上报。")
        chosen.append(f"{need(who if who in won or not counted else None, f'当选{post}')}同志当选{post}")
    body = (
        Para(f"{name}于{need(record.meeting_date, '党员大会日期')}召开党员大会，{attendance}。"),
        Para(
            f"{name}现有正式党员{org.formal_members}名，{posts}由党员大会直接选举。大会采取无记名投票和等额选举的办法，"
            f"直接选举产生了{name}{posts}。经选举，{votes}。根据得票情况，{'，'.join(chosen)}。"
        ),
        Para(f"选举产生的{posts}请予以批准。"),
        Para("特此请示。妥否，请批示。"),
    )
    return Document(
        code=code,
        name=label,
        organization=name,
        title=f"关于{name}换届选举结果的请示",
        body=body,
        addressee=need(ctx.addressee, "主送机关（上级党组织）"),
        letterhead=letterhead(org),
        signature=(name,),
        dated=issued_date(ctx, need),
        missing=tuple(missing),
        warnings=tuple(warnings),
    )
