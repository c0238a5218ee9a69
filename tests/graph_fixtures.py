"""Tiny rosters and plans for the graph tests, with the two injection payloads as names.

The tiny plan, drawn::

    科技社团党委 ─┬─ S001 湖北省计算机学会党支部 ── 湖北省计算机学会 ── 张三★, 李四
                  ├─ J001 联合党支部（同业共建） ─┬─ <img …> 学会 ── <img …>★（电话 13912345678）
                  │                               └─ </script> 学会
                  └─ 派驻党建工作指导员 ── 湖北省植物学会
    未覆盖学会（需关注） ── 湖北省中医药学会
"""

from __future__ import annotations

from pathlib import Path

from helpers import store_roster

from model.planning.plan import Organization, Plan
from model.planning.planner import plan_joint_branches
from model.planning.today import annotate, today_locks
from model.roster.loading import load_roster
from model.roster.values import Member, Roster, Society
from model.rules.policy import Policy
from storage.store import Store

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
PHONE = "13912345678"


def tiny_roster() -> Roster:
    societies = (
        Society("湖北省计算机学会", "工科", "武汉市", "华中科技大学", 9, 2),
        Society(IMG, "工科", "武汉市", "武汉大学", 2),
        Society(SCRIPT, "工科", "宜昌市", None, 1),
        Society("湖北省植物学会", "理科", "襄阳市", None, 0),
        Society("湖北省中医药学会", "医科", "恩施州", None, 1),
    )
    members = (
        Member("张三", "湖北省计算机学会", society_role="理事长", phone="13800000000"),
        Member("李四", "湖北省计算机学会", society_role="理事", status="预备"),
        Member(IMG, IMG, society_role="副理事长", phone=PHONE, home_org="武汉大学党委"),
    )
    return Roster(societies, members, has_member_sheet=True)


def tiny_plan() -> Plan:
    return Plan(
        Policy(),
        (
            Organization("S001", "党支部", "单独组建", ("湖北省计算机学会",), 9),
            Organization("J001", "联合党支部", "同业共建", (IMG, SCRIPT), 3),
        ),
        liaison=("湖北省植物学会",),
        uncovered=("湖北省中医药学会",),
    )


def big_roster_plan(n: int = 1200) -> tuple[Roster, Plan]:
    """``n`` societies in 20 regions: joint branches of 3, every 10th own, every 50th liaison/uncovered."""
    regions = [f"地区{i:02d}" for i in range(20)]
    societies, orgs, liaison, uncovered, batch = [], [], [], [], []
    for i in range(n):
        name = f"第{i:04d}学会"
        formal = 5 if i % 10 == 0 else 1
        societies.append(Society(name, f"学科{i % 7}", regions[i % 20], None, formal))
        if i % 50 == 1:
            liaison.append(name)
        elif i % 50 == 2:
            uncovered.append(name)
        elif formal >= 3:
            orgs.append(Organization(f"S{i:04d}", "党支部", "单独组建", (name,), formal))
        else:
            batch.append(name)
            if len(batch) == 3:
                orgs.append(Organization(f"J{i:04d}", "联合党支部", "区域联建", tuple(batch), 3))
                batch = []
    uncovered += batch
    return Roster(tuple(societies)), Plan(Policy(), tuple(orgs), tuple(liaison), tuple(uncovered))


def sample_roster_plan() -> tuple[Roster, Plan]:
    """The committed sample province (141 societies) and the planner's plan for it, marked against today."""
    roster = load_roster(Path(__file__).resolve().parents[1] / "sample_data" / "sample_roster.xlsx")
    plan = plan_joint_branches(roster, locks=today_locks(roster))
    return roster, annotate(plan, roster)


def store_roster_plan(db_path, roster: Roster, plan: Plan) -> None:
    """Store ``roster`` and ``plan`` as the current workspace's roster and plan in the database ``db_path``."""
    store = Store(db_path)
    ws = store.current_workspace()
    store_roster(store, roster, "名册.xlsx", workspace=ws)
    store.put(ws, "plan", "current", plan.to_dict())
