"""The planner page's 方案比较 (app_pages/planner.py): saved scenarios and two plans compared.

Saving says so; a name already used asks before overwriting; a scenario can be renamed or
deleted (each asks for a second click). The comparison shows the figures side by side, the
moves as a table (with branch names) and as a picture: which branch of A each moving society
leaves for which branch of B (one bar per way, its length the number of societies). Scenarios live in the workspace store (kind ``scenario``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from model.planning.naming import org_display_name
from model.planning.plan import Plan
from model.planning.scenarios import compare
from model.roster.values import Roster
from ui import auth, planning, state
from ui.widgets import md_text

__all__ = [
    "scenarios_section",
    "save",
    "confirm_overwrite",
    "rename",
    "ask_delete",
    "delete",
    "cancel",
    "move_picture",
    "named_moves",
]

KIND = "scenario"
PICTURE_WAYS = 30  # bars in the moves picture (the commonest ways; the table lists every society)
PENDING = "sc_pending"  # the action awaiting a second click: ("overwrite" | "delete", name)


def _flash(text: str, ok: bool = True) -> None:
    st.session_state["sc_flash"] = (text, ok)


def save(plan_dict: dict) -> None:
    """保存当前方案: store under the typed name, or ask first when the name is taken."""
    name = (st.session_state.get("sc_name") or "").strip()
    if not name:
        return
    if name in state.keys(KIND):
        st.session_state[PENDING] = ("overwrite", name)
        return
    state.put(KIND, name, plan_dict)
    st.session_state.pop(PENDING, None)
    _flash(f"已保存方案“{name}”")


def confirm_overwrite(plan_dict: dict) -> None:
    """The second click: overwrite the scenario named in the pending action."""
    action, name = st.session_state.pop(PENDING, (None, None))
    if action == "overwrite":
        state.put(KIND, name, plan_dict)
        _flash(f"已用当前方案覆盖“{name}”")


def rename() -> None:
    """Rename the scenario picked in ``sc_pick`` to ``sc_new_name`` (refused when the name is taken)."""
    old = st.session_state.get("sc_pick")
    new = (st.session_state.get("sc_new_name") or "").strip()
    if not old or not new or new == old:
        return
    if new in state.keys(KIND) or new == planning.CURRENT:
        _flash(f"已有名为“{new}”的方案，请换一个名称", ok=False)
        return
    state.put(KIND, new, state.get(KIND, old) or {})
    state.delete(KIND, old)
    _flash(f"已将方案“{old}”改名为“{new}”")


def ask_delete() -> None:
    st.session_state[PENDING] = ("delete", st.session_state.get("sc_pick"))


def delete() -> None:
    """The second click: delete the scenario named in the pending action."""
    action, name = st.session_state.pop(PENDING, (None, None))
    if action == "delete" and name:
        state.delete(KIND, name)
        _flash(f"已删除方案“{name}”")


def cancel() -> None:
    st.session_state.pop(PENDING, None)


def _place(plan: Plan, society: str) -> str:
    o = plan.org_of(society)
    if o is None:
        return "派驻指导员" if society in plan.liaison else "未覆盖"
    return f"{o.id} {org_display_name(o)}" if o.joint else o.id


def named_moves(a: Plan, b: Plan) -> list[dict]:
    """The societies whose grouping differs between A and B, each with its branch (id and name) in both."""
    out = []
    for m in compare(a, b).moves:
        before, after = _place(a, m.society), _place(b, m.society)
        note = "支部编号相同，同支部的学会有变化" if m.before == m.after else "调动"
        out.append({"学会": m.society, "方案A中": before, "方案B中": after, "说明": note})
    return out


def move_picture(rows: list[dict]) -> alt.Chart:
    """One bar per way societies move (方案A中的支部 → 方案B中的支部), as long as the number moving that way;
    the tooltip names them."""
    df = pd.DataFrame(rows)
    df["去向"] = df["方案A中"] + " → " + df["方案B中"]
    grouped = df.groupby("去向")["学会"].agg(学会数="count", 学会=lambda s: "、".join(s)).reset_index()
    grouped = grouped.sort_values(["学会数", "去向"], ascending=[False, True]).head(PICTURE_WAYS)
    return (
        alt.Chart(grouped)
        .mark_bar(color="#c0392b")
        .encode(
            x=alt.X("学会数:Q", title="调动的学会数", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("去向:N", title=None, sort=list(grouped["去向"]), axis=alt.Axis(labelLimit=520)),
            tooltip=["去向", "学会数", "学会"],
        )
        .properties(height=alt.Step(32), title="学会的去向（方案A → 方案B）")
    )


def _manage() -> None:
    """Rename or delete a saved scenario."""
    names = state.keys(KIND)
    if not names:
        return
    with st.expander(f"管理已保存的方案（{len(names)}个）"):
        c1, c2 = st.columns(2)
        c1.selectbox("方案", names, key="sc_pick", placeholder="请选择")
        c2.text_input("新名称", key="sc_new_name", placeholder="输入新名称后点“改名”", disabled=auth.read_only())
        b1, b2 = st.columns(2)
        b1.button("改名", key="sc_rename", on_click=rename, disabled=auth.read_only())
        b2.button("删除", key="sc_delete", on_click=ask_delete, disabled=auth.read_only())


def _pending(plan_dict: dict) -> None:
    """The question of a pending overwrite or delete, with its two buttons."""
    action, name = st.session_state.get(PENDING, (None, None))
    if action is None:
        return
    if action == "overwrite":
        st.warning(f"已有名为“{md_text(name)}”的方案。要用当前方案覆盖它吗？")
        st.button(
            "覆盖",
            key="sc_overwrite",
            on_click=confirm_overwrite,
            args=(plan_dict,),
            type="primary",
            disabled=auth.read_only(),
        )
    else:
        st.warning(f"确定删除方案“{md_text(name)}”吗？删除后不能恢复。")
        st.button("确认删除", key="sc_delete_yes", on_click=delete, type="primary", disabled=auth.read_only())
    st.button("取消", key="sc_cancel", on_click=cancel)


def scenarios_section(plan: Plan, roster: Roster) -> None:
    """Save the plan under a name, manage the saved ones, then compare any two side by side."""
    plan_dict = plan.to_dict()
    c1, c2 = st.columns([3, 1])
    name = c1.text_input("方案名称", key="sc_name", placeholder="例如：以区域联建为主", disabled=auth.read_only())
    c2.button(
        "保存当前方案", key="sc_save", disabled=(not name.strip()) or auth.read_only(), on_click=save, args=(plan_dict,)
    )
    _pending(plan_dict)
    flash = st.session_state.pop("sc_flash", None)
    if flash:
        (st.success if flash[1] else st.error)(md_text(flash[0]))
    _manage()
    options = [planning.CURRENT] + state.keys(KIND)
    a, b = st.columns(2)
    first = a.selectbox("方案A", options, key="sc_a", placeholder="请选择")
    second = b.selectbox("方案B", options, index=len(options) - 1, key="sc_b", placeholder="请选择")
    picked = {first: planning.scenario_plan(first, plan), second: planning.scenario_plan(second, plan)}
    foreign = planning.foreign_scenarios((first, second), picked, roster)
    if foreign:
        st.warning("以下方案是按另一份名册做的，与当前名册的学会不一致，比较仅供参考：" + md_text("、".join(foreign)))
    cmp = compare(picked[first], picked[second])
    st.table(cmp.summary_rows(), hide_index=True)
    rows = named_moves(picked[first], picked[second])
    if not rows:
        st.caption("两个方案中每家学会的编组完全相同。")
        return
    st.caption(f"{len(rows)}家学会的编组不同：")
    st.table(rows, hide_index=True)
    st.altair_chart(move_picture(rows), width="stretch")
