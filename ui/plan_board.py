"""The planner page's 方案看板 (app_pages/planner.py): one card per joint branch, the uncovered beside them.

A card shows the branch's name (editable, kept through edits and re-plans), its basis, its units
with their formal members, the total, a badge that is green only when every rule holds (else red,
each broken rule with its source), and its lock. Societies move by name: pick a society in the
card's 调入 box (it leaves wherever it was), or take one out with 调出; the uncovered column has its
own pick-by-name move. Each move is checked at once (docs/rules.md §2). With many branches the
board pages (``PAGE`` cards) and filters by basis, by a name/region text and by rule breaks.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit_sortables import sort_items

from model.planning import edits
from model.planning.check import branch_errors
from model.planning.compat import branch_modes
from model.planning.naming import org_display_name
from model.planning.plan import Organization, Plan
from model.roster.values import Roster
from model.rules.policy import BASES
from ui import auth, plan_edits, planning, state
from ui.widgets import md_text as md

__all__ = [
    "PAGE",
    "ALL",
    "board",
    "card",
    "card_text",
    "adjust_inputs",
    "uncovered_column",
    "matching",
    "move_in",
    "move_out",
    "rename",
    "set_lock",
]

PAGE = 12  # cards per page: a province fits on one
ALL = "全部组建方式"
NONE = "（选择学会）"


def matching(roster: Roster, plan: Plan, basis: str, text: str, broken_only: bool, bad: dict) -> list[Organization]:
    """The joint branches the filters keep: of ``basis`` (or all), whose id, name, units, regions or
    industries contain ``text``, breaking a rule when ``broken_only``."""
    text = text.strip()
    out = []
    for o in plan.joint_branches():
        if basis != ALL and o.basis != basis:
            continue
        if broken_only and o.id not in bad:
            continue
        if text:
            socs = [roster.society(u) for u in o.units if u in roster]
            hay = [o.id, org_display_name(o), *o.units, *(s.region for s in socs), *(s.industry for s in socs)]
            if not any(text in h for h in hay):
                continue
        out.append(o)
    return out


def board(roster: Roster, plan: Plan, version: str, apart: tuple = ()) -> None:
    """The filters, one page of cards (three a row) and the uncovered column."""
    bad = branch_errors(roster, plan, apart=apart)
    joint = plan.joint_branches()
    f1, f2, f3 = st.columns([1, 2, 1])
    basis = f1.selectbox("组建方式", [ALL, *BASES], key="bd_basis", placeholder="请选择")
    text = f2.text_input("筛选", key="bd_text", placeholder="按支部名称、学会、所在地或学科类别筛选")
    broken_only = f3.checkbox(f"只看不合规的（{len(bad)}个）", key="bd_bad", disabled=not bad)
    shown = matching(roster, plan, basis, text, broken_only, bad)
    pages = max(1, -(-len(shown) // PAGE))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"第几页（共{pages}页，每页{PAGE}个支部）", 1, pages, 1, key="bd_page"))
    st.caption(f"共{len(joint)}个联合党支部，筛选后{len(shown)}个。" + ("绿色表示符合全部规则，红色指出违反的规则。"))
    rows = shown[(page - 1) * PAGE : page * PAGE]
    if st.toggle("拖动调整：把学会拖到另一个支部（本页的未锁定支部）", key="bd_drag", disabled=auth.read_only()):
        drag_board(plan, rows, version)
    cards, side = st.columns([3, 1])
    with cards:
        for start in range(0, len(rows), 3):
            for column, org in zip(st.columns(3), rows[start : start + 3]):
                with column:
                    card(roster, plan, org, bad.get(org.id, ()))
    with side:
        uncovered_column(roster, plan, version, bad)


def card(roster: Roster, plan: Plan, org: Organization, broken: tuple) -> None:
    """One branch's card: name, badge, basis and size, units, lock, 调入 / 调出 by name.

    The text is one Markdown block and the 调整 popover's inputs are built only while it is open
    (``on_change="rerun"``): a page of 12 cards sends a few dozen elements, not two hundred. Keys
    are the branch's id, so a rerun updates the widgets in place; each run sets them from the plan
    (the lock as the plan says, the pickers back to 请选择), so an undo or a refused edit shows the truth.
    """
    with st.container(border=True, key=f"card_{org.id}"):
        st.markdown(card_text(roster, plan, org, broken))
        key = org.id
        st.session_state[f"bd_lock_{key}"] = org.locked
        row = st.container(horizontal=True, vertical_alignment="center")  # one block, not three columns
        row.toggle(
            "锁定",
            key=f"bd_lock_{key}",
            on_change=set_lock,
            args=(org.id, f"bd_lock_{key}"),
            disabled=auth.read_only(),
        )
        if org.locked:
            row.caption("已锁定：解锁后才能调整")
            return
        with row.popover("调整", icon=":material/swap_horiz:", key=f"bd_pop_{key}", on_change="rerun") as pop:
            if pop.open:
                adjust_inputs(plan, org, key)


def card_text(roster: Roster, plan: Plan, org: Organization, broken: tuple) -> str:
    """The card's Markdown: id and name, the badge (red with each broken rule, or green), basis and
    size, then one line per unit with its industry, region and formal members (names escaped)."""
    lines = [f"**{md(org.id)}** {md(org_display_name(org))}"]
    if broken:
        lines.append(":red-badge[:material/error: 不符合规则]")
        lines += [f":red[{md(f.message)}]" for f in broken]
    else:
        lines.append(":green-badge[:material/check_circle: 符合全部规则]")
    lines.append(
        f":gray[{md(org.basis)}{md(_also(roster, plan, org))} · {len(org.units)}家 · 正式党员合计{org.formal_members}名]"
    )
    text = "\n\n".join(lines)
    units = []
    for u in org.units:
        s = roster.society(u) if u in roster else None
        f = s.counts(plan.policy.count_basis)[0] if s else 0
        where = f"{s.industry}，{s.region}" if s else "名册中没有"
        units.append(f"- {md(u)}（{md(where)}，正式党员{f}名）")
    return text + "\n\n" + "\n".join(units)


def adjust_inputs(plan: Plan, org: Organization, key: str) -> None:
    """The 调整 popover of a card: 调入 / 调出 a society by name, the branch's name."""
    for box in (f"bd_in_{key}", f"bd_out_{key}"):
        st.session_state[box] = NONE  # a picker, not a setting: it starts at 请选择 every time
    st.session_state[f"bd_name_{key}"] = org.name or ""
    others = [u for u in plan_edits.candidates(plan) if u not in org.units]
    st.selectbox(
        "调入学会（从原处调出）",
        [NONE, *others],
        key=f"bd_in_{key}",
        format_func=lambda v: v if v == NONE else plan_edits.society_choice(plan)(v),
        on_change=move_in,
        args=(org.id, f"bd_in_{key}"),
        placeholder="请选择",
        disabled=auth.read_only(),
    )
    st.selectbox(
        "调出学会（暂不覆盖）",
        [NONE, *org.units],
        key=f"bd_out_{key}",
        on_change=move_out,
        args=(f"bd_out_{key}",),
        placeholder="请选择",
        disabled=auth.read_only(),
    )
    st.text_input(
        "支部名称",
        placeholder=org_display_name(org),
        help="不填则按文书的写法称“首家学会等N家单位联合党支部”，随所含学会变化；填写的名称保留不变。",
        key=f"bd_name_{key}",
        on_change=rename,
        args=(org.id, f"bd_name_{key}"),
        disabled=auth.read_only(),
    )


UNCOVERED_HEADER = "未覆盖的候选学会"


def drag_board(plan: Plan, rows: list[Organization], version: str) -> None:
    """The page's unlocked branches and the uncovered as lists (streamlit-sortables): a society dragged
    to another list moves there, checked at once like every move."""
    open_rows = [o for o in rows if not o.locked]
    lists = [{"header": f"{o.id} {org_display_name(o)}", "items": list(o.units)} for o in open_rows]
    lists.append({"header": UNCOVERED_HEADER, "items": list(plan.uncovered)})
    st.caption("拖动学会名称到另一个支部或“未覆盖”；松开即调整，并在下方卡片和上方数字中检查。锁定的支部不在此列。")
    arranged = sort_items(lists, multi_containers=True, direction="horizontal", key=f"bd_sort_{version}")
    target = {o.id: o for o in open_rows}
    where = {u: (o.id if o else None) for o in open_rows for u in o.units} | dict.fromkeys(plan.uncovered)
    found = dragged(arranged, [o.id for o in open_rows])
    moved = [(u, to) for u, to in found if where.get(u, "?") != to and (to is None or to in target)]
    if moved:
        _drag(moved)


def dragged(arranged: list[dict], ids: list[str]) -> list[tuple[str, str | None]]:
    """(society, branch id or None for 未覆盖) for every society in the arranged lists, in list order.

    >>> dragged([{"header": "J001 甲", "items": ["甲"]}, {"header": "未覆盖的候选学会", "items": ["乙"]}], ["J001"])
    [('甲', 'J001'), ('乙', None)]
    """
    out = []
    for k, box in enumerate(arranged):
        to = ids[k] if k < len(ids) else None
        out += [(u, to) for u in box.get("items", ())]
    return out


def _drag(moved: list[tuple[str, str | None]]) -> None:
    """Apply the dragged moves one after another, recorded as one step."""
    plan = planning.history().current()
    roster = _roster()
    result = None
    texts = []
    for society, to in moved:
        result = edits.move(roster, plan, society, to, **_pairs())
        if not result.applied:
            break
        plan = result.plan
        texts.append(result.message)
    if result is not None:
        joined = replace(result, message="；".join(texts) if result.applied else result.message)
        _apply(joined, "拖动调整")
    st.rerun()


def _also(roster: Roster, plan: Plan, org: Organization) -> str:
    """The other allowed bases that hold for the branch too, e.g. “（挂靠组建亦成立）”."""
    if len(org.units) < 2 or not all(u in roster for u in org.units):
        return ""
    modes = branch_modes([roster.society(u) for u in org.units], roster, plan.policy)
    others = [m for m in modes if m != org.basis]
    return f"（{'、'.join(others)}亦成立）" if others else ""


def uncovered_column(roster: Roster, plan: Plan, version: str, bad: dict | None = None) -> None:
    """The uncovered candidates, each movable into a branch picked by name; below them, the societies of
    branches that break a rule (counted as uncovered until the branch is valid)."""
    with st.container(border=True, key="card_uncovered"):
        broken = [(o.id, u) for o in plan.joint_branches() if o.id in (bad or {}) for u in o.units]
        if broken:
            st.markdown(f"**不合规支部中的学会**（{len(broken)}家，暂按未覆盖计）")
            st.markdown("\n".join(f"- :red[{md(u)}]（{md(i)}）" for i, u in broken[:50]))
        st.markdown(f"**未覆盖的候选学会**（{len(plan.uncovered)}家）")
        if not plan.uncovered:
            st.caption("全部候选学会都已编入联合党支部。")
            return
        st.markdown("\n".join(f"- {md(u)}" for u in plan.uncovered[:50]))
        if len(plan.uncovered) > 50:
            st.caption(f"另有{len(plan.uncovered) - 50}家，可用上方筛选或“手工调整”处理。")
        soc = st.selectbox(
            "学会", plan.uncovered, key=f"bd_unc_soc_{version}", placeholder="请选择", disabled=auth.read_only()
        )
        ids = [o.id for o in plan.joint_branches() if not o.locked]
        to = st.selectbox(
            "调入支部",
            ids,
            key=f"bd_unc_to_{version}",
            format_func=plan_edits.branch_choice(plan),
            placeholder="请选择",
            disabled=auth.read_only(),
        )
        st.button(
            "调入", key=f"bd_unc_go_{version}", on_click=_move, args=(soc, to), disabled=not ids or auth.read_only()
        )


# -- callbacks (they run before the page reruns) -------------------------------------------------
def _roster() -> Roster:
    return state.roster()


def _apply(result: edits.EditResult, label: str) -> None:
    planning.record(_roster(), result, label, "board")


def _pairs() -> dict:
    together, apart = planning.pairs()
    return {"together": together, "apart": apart}


def _move(society: str, to: str | None) -> None:
    plan = planning.history().current()
    _apply(edits.move(_roster(), plan, society, to, **_pairs()), "移动")


def move_in(org_id: str, key: str) -> None:
    """The card's 调入 box changed: move the picked society into ``org_id``."""
    society = st.session_state.get(key)
    if society and society != NONE:
        _move(society, org_id)


def move_out(key: str) -> None:
    """The card's 调出 box changed: take the picked society out of every branch."""
    society = st.session_state.get(key)
    if society and society != NONE:
        _move(society, None)


def rename(org_id: str, key: str) -> None:
    """The card's name box changed: name the branch (refused when empty or taken)."""
    plan = planning.history().current()
    _apply(edits.rename(_roster(), plan, org_id, st.session_state.get(key) or "", **_pairs()), "命名")


def set_lock(org_id: str, key: str) -> None:
    """The card's 锁定 toggle changed."""
    plan = planning.history().current()
    _apply(edits.set_locked(_roster(), plan, org_id, bool(st.session_state.get(key)), **_pairs()), "锁定/解锁")
