"""The audit page's parts (app_pages/audit.py): the filters, the rows, the CSV download."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import streamlit as st

from model.rules.settings import SETTINGS
from storage.store import KIND_LABELS, AuditEntry

__all__ = ["filters", "rows", "summary", "download", "matching", "readable", "readable_text", "FIELD_LABELS"]


def matching(
    entries: list[AuditEntry], actors: list[str], kinds: list[str], text: str, since: date | None
) -> list[AuditEntry]:
    """The entries of the chosen actors and kinds (none chosen: all), containing ``text``, on or after ``since``.

    >>> e = [AuditEntry(2, "甲", "2026-03-02T09:00:00", "张三", "修改", "roster", "current", "编辑工作表“学会”"),
    ...      AuditEntry(1, "甲", "2026-03-01T09:00:00", "李四", "新建", "plan", "current", "")]
    >>> [x.id for x in matching(e, ["张三"], [], "", None)], [x.id for x in matching(e, [], ["规划方案"], "", None)]
    ([2], [1])
    >>> [x.id for x in matching(e, [], [], "学会", None)], [x.id for x in matching(e, [], [], "", date(2026, 3, 2))]
    ([2], [2])
    """
    out = []
    for e in entries:
        if actors and e.actor not in actors:
            continue
        if kinds and KIND_LABELS.get(e.kind, e.kind) not in kinds:
            continue
        if text and text not in f"{e.detail} {e.key} {e.action}":
            continue
        if since and e.at[:10] < since.isoformat():
            continue
        out.append(e)
    return out


def filters(entries: list[AuditEntry]) -> list[AuditEntry]:
    """操作人, 内容, 关键词 and 起始日期 filters over ``entries``; the entries that match."""
    c1, c2, c3, c4 = st.columns(4)
    actors = c1.multiselect("操作人", sorted({e.actor for e in entries}), placeholder="全部", key="audit_actor")
    kinds = c2.multiselect(
        "内容", sorted({KIND_LABELS.get(e.kind, e.kind) for e in entries}), placeholder="全部", key="audit_kind"
    )
    text = c3.text_input("关键词", key="audit_text", placeholder="例如：学会名称、工作表")
    first = min((date.fromisoformat(e.at[:10]) for e in entries), default=date.today())
    since = c4.date_input(
        "起始日期", value=first, key="audit_since", format="YYYY-MM-DD", help="只看这一天及以后的记录"
    )
    return matching(entries, actors, kinds, text.strip(), since)


# The stored fields a change names, as the pages call them.
FIELD_LABELS = {
    **{spec.field: spec.label for spec in SETTINGS},
    "bases": "允许的联合组建方式",
    "count_basis": "党员统计口径",
    "ballots_issued": "发出选票张数",
    "ballots_returned": "收回选票张数",
    "invalid_ballots": "无效票张数",
    "tally": "计票",
    "ballots": "选票",
    "spec": "选举设置",
    "committee_size": "委员会组成人数",
    "scrutineers": "监票人",
    "reason": "补选原因",
    "date": "选举日期",
    "previous": "上届选举",
    "history": "计票轮次",
    "organizations": "党组织",
    "uncovered": "未覆盖学会",
    "together": "指定同组",
    "apart": "不得同组",
    "boundary": "调整记录起点",
    "digest": "名册版本",
    "bound": "覆盖上界",
    "notes": "方案说明",
    "optimal": "是否已证明最优",
    "coverage": "覆盖率",
    "liaison": "派驻指导员",
    "settings": "规划设置",
    "message": "操作提示",
    "policy": "规则设置",
    "addressee": "主送机关",
    "superior": "上级党组织简称",
    "issued": "成文日期",
    "council_meeting": "理事会会议",
    "upper": "上级党组织名称",
    "steps": "调整步骤",
    "position": "当前步骤",
    "name": "名称",
    "locked": "锁定",
    "members": "党员",
    "candidates": "候选人",
    "seats": "应选名额",
}

# The stored documents' keys, as the audit page's 项目 column says them (other keys — a scenario's or an
# organization's name — are shown as they are).
KEY_LABELS = {
    "current": "当前",
    "last": "最近一次",
    "policy": "规则设置",
    "doc_context": "文书选项",
    "settings": "显示设置",
    "choice": "所选党组织",
}


def readable(detail: str) -> str:
    """A change's detail with the stored field names in Chinese.

    >>> readable("改动：ballots_issued、count_basis")
    '改动：发出选票张数、党员统计口径'
    """
    head, sep, fields = detail.rpartition("改动：")
    if not sep:
        return detail
    return (
        head
        + sep
        + "、".join(FIELD_LABELS.get(f, f) for f in fields.rstrip("等").split("、"))
        + ("等" if fields.endswith("等") else "")
    )


def readable_text(text: str) -> str:
    """Every stored field name in ``text`` in Chinese (for the conflict notice).

    >>> readable_text("设置已被张三修改（改动：max_units），本次修改未保存")[:20]
    '设置已被张三修改（改动：联合党支部组建单'
    """
    return re.sub(r"[a-z][a-z_]+", lambda m: FIELD_LABELS.get(m.group(), m.group()), text)


def _row(e: AuditEntry) -> dict[str, str]:
    """An entry as the page and its CSV show it: every stored name in Chinese."""
    return {**e.row(), "项目": KEY_LABELS.get(e.key, e.key), "说明": readable(e.detail)}


def rows(entries: list[AuditEntry]) -> list[dict[str, str]]:
    """
    >>> rows([AuditEntry(1, "甲", "2026-03-01T09:00:00", "张三", "修改", "plan_basis", "current", "改动：boundary、digest")])[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'时间': '2026-03-01 09:00:00', '操作人': '张三', '操作': '修改', '内容': '规划依据（名册与设置）', '项目': '当前',
     '说明': '改动：调整记录起点、名册版本'}
    """
    return [_row(e) for e in entries]


def summary(chosen: list[AuditEntry], entries: list[AuditEntry]) -> str:
    if not entries:
        return "还没有修改记录。"
    return f"共 {len(entries)} 条记录，显示 {len(chosen)} 条（最新的在前）。"


def _csv(entries: list[AuditEntry]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["时间", "操作人", "操作", "内容", "项目", "说明"])
    writer.writeheader()
    for e in entries:
        writer.writerow({k: _safe(v) for k, v in _row(e).items()})
    return buf.getvalue().encode("utf-8-sig")


def _safe(text: str) -> str:
    """A cell that Excel will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def download(entries: list[AuditEntry], workspace: str) -> None:
    st.download_button(
        "下载所显示的记录（CSV）",
        _csv(entries),
        file_name=f"{workspace}-修改记录.csv",
        mime="text/csv",
        key="dl_audit",
        disabled=not entries,
    )
