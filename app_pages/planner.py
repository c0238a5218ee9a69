"""联合党支部规划: settings → optimize → review, edit by hand, explain, compare scenarios, export."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from model.findings import InputError
from model.paperwork import plan_workbook as plan_export
from model.planning import edits, today
from model.planning.plan import plan_to_json
from model.planning.planner import OBJECTIVE_NOTES
from model.rules.policy import BASES
from ui import planning, state, widgets

md, OUT = widgets.md_text, planning.OUT  # md escapes user-supplied names shown through Markdown

st.title("联合党支部规划")
st.caption(
    "把正式党员1–2名的学会编入联合党支部：每个支部2至5家、正式党员合计不少于3名，且任意两家学科类别相同"
    "（同业共建）、所在地相同或相邻（区域联建）或支撑单位相同（挂靠组建）。现有联合党支部默认锁定，保持不变。"
)
roster = state.roster()
widgets.require_valid_roster(roster)
digest, history, (together, apart) = state.roster_digest(), planning.history(), planning.pairs()
# the workspace settings (count basis, thresholds) always apply; bases/size come from the current plan
base = (
    replace(state.policy(), **{f: getattr(history.current().policy, f) for f in ("bases", "max_units", "min_members")})
    if history
    else state.policy()
)
if stale := history is not None and not today.fits(history.current(), roster):
    st.warning("名册已更新，已保存的方案与现在的名册不一致，请重新规划。")

with st.expander("规划设置", expanded=history is None):
    bases = tuple(b for b, c in zip(BASES, st.columns(3)) if c.checkbox(f"允许{b}", b in base.bases, key=f"pl_{b}"))
    c1, c2, c3 = st.columns(3)
    units = c1.number_input(
        "每个支部最多几家学会", 2, 10, base.max_units, key="pl_units", help="青海实施意见9：原则上不超过5家"
    )
    need = c2.number_input(
        "正式党员合计至少", 1, 10, base.min_members, key="pl_need", help="支部条例第四条：3名以上正式党员"
    )
    limit = c3.slider(
        "最长计算时间（秒）", 1, 60, 10, key="pl_limit", help="到时返回已找到的最好方案，并说明与最优的差距"
    )
    st.caption(f"党员统计口径：{base.count_basis}（在“工作区与设置”页修改）。至少要允许一种组建方式。")
policy = replace(base, bases=bases or base.bases, max_units=int(units), min_members=int(need))
if (history is None or stale) and (skipped := today.skipped_locks(roster, policy)):
    st.warning("以下现有联合党支部不符合规定，不锁定，将重新规划：" + "；".join(md(f"{n}（{w}）") for n, w in skipped))
locks = (
    today.today_locks(roster, policy)
    if history is None or stale
    else tuple(o.units for o in history.current().joint_branches() if o.locked)
)

if st.button("开始规划", type="primary", key="pl_run", help=f"保留{len(locks)}个锁定的支部，规划其余学会"):
    try:
        with st.spinner("正在计算覆盖学会最多的方案…"):
            fresh = planning.cached_plan(digest, policy, locks, together, apart, float(limit), roster)
        planning.record(roster, edits.EditResult(fresh, (), True, "已完成规划"), "规划结果")
        history, stale = planning.history(), False
    except InputError as exc:
        st.error(widgets.error_lines(exc.findings))
if history is None or stale:
    st.info("确认上方设置后，点击“开始规划”。")
    st.stop()

plan = history.current()
plan_json = plan_to_json(plan)
before, after = today.today_plan(roster, policy).coverage(instructor_fallback=False), plan.coverage()
m1, m2, m3, m4 = st.columns(4)
m1.metric("组织覆盖率（现状）", f"{before.organized_rate:.1%}", help="按名册“现有党组织”列统计")
m2.metric("组织覆盖率（规划后）", f"{after.organized_rate:.1%}", f"{after.organized - before.organized:+d}家")
m3.metric("联合党支部", len(plan.joint_branches()))
m4.metric("未覆盖的候选学会", len(plan.uncovered))
if plan.optimal:
    st.success("已证明最优：不存在覆盖更多学会的方案。", icon=":material/verified:")
elif plan.optimal is False:
    st.warning(
        f"计算时限内未证明最优：联合党支部最多可能覆盖{plan.bound}家候选学会，当前至多差{plan.gap}家。可延长计算时间。"
    )
else:
    st.info("方案经过手工调整，点击“重新优化其余”可在保留锁定支部的前提下恢复最优。")
st.caption(
    "次要目标：覆盖学会数相同时，优先让同一支部的学会同时满足两种关系（如支撑单位相同且所在地相邻），"
    "便于管理；其次支部数量尽量少。" + " ".join(md(n) for n in plan.notes if n not in OBJECTIVE_NOTES)
)

st.subheader("联合党支部")
st.caption("勾选“锁定”的支部在手工调整和重新优化时保持不变；展开各支部可查看党员与书记人选（双向进入、交叉任职）。")
rows = pd.DataFrame(
    plan_export.organization_rows(roster, replace(plan, organizations=plan.joint_branches())),
    columns=plan_export.ORG_COLUMNS,
)
editor = f"pl_locks_{hash(plan_json) & 0xFFFFFF:x}"  # a fresh editor for each plan: no stale edits
st.data_editor(
    rows,
    key=editor,
    on_change=planning.apply_locks,
    args=(editor, roster),
    hide_index=True,
    width="stretch",
    disabled=[c for c in rows.columns if c != "锁定"],
)
for o in plan.joint_branches()[:60]:
    with st.expander(
        md(" · ".join(filter(None, (o.id, o.name, o.basis, f"{len(o.units)}家", f"正式党员{o.formal_members}名"))))
    ):
        st.text("书记人选：" + plan_export.branch_secretary(roster, o))
        st.dataframe(plan_export.register_rows(roster, o) or [{"学会": u} for u in o.units], hide_index=True)
with st.expander("单独组建的党组织，以及与现状相比的变动"):
    st.caption("正式党员3名以上的学会单独建立党组织（党章第三十条）：")
    st.dataframe(
        [r for r in plan_export.organization_rows(roster, plan) if r["组建方式"] == "单独组建"], hide_index=True
    )
    st.caption("与名册“现有党组织”相比，所在党组织发生变化的学会：")
    st.dataframe(today.change_rows(plan, roster), hide_index=True)

st.subheader("手工调整")
joint_ids = [o.id for o in plan.joint_branches()]
names = [u for o in plan.joint_branches() for u in o.units] + list(plan.uncovered)  # candidates only: own orgs stay put
op = st.radio(
    "操作", ["移动", "拆分", "合并", "撤销支部", "新建支部", "组建方式", "同组/不同组"], horizontal=True, key="ed_op"
)
if op == "移动":
    st.selectbox("学会", names, key="ed_soc")
    st.selectbox("移入", [OUT] + joint_ids, key="ed_to")
elif op in ("新建支部", "同组/不同组"):
    st.multiselect(
        "学会（从原支部调出）" if op == "新建支部" else "选两家学会：指定同组或不得同组，在下次规划时生效",
        names,
        key="ed_units" if op == "新建支部" else "ed_pair",
        max_selections=None if op == "新建支部" else 2,
        placeholder=widgets.PICK,
    )
else:
    org = st.selectbox("支部", joint_ids, key="ed_org")
    if op == "拆分":
        st.multiselect(
            "拆出的学会（其余留在原支部）",
            next((o.units for o in plan.joint_branches() if o.id == org), ()),
            key="ed_part",
            placeholder=widgets.PICK,
        )
    elif op in ("合并", "组建方式"):
        st.selectbox(
            *(("并入的支部", joint_ids) if op == "合并" else ("组建方式", BASES)),
            key=f"ed_{'org2' if op == '合并' else 'basis'}",
        )
b1, b2, b3, b4 = st.columns(4)
if op == "同组/不同组":
    b1.button("指定同组", on_click=planning.add_pair, args=("together",), key="ed_pin")
    b2.button("不得同组", on_click=planning.add_pair, args=("apart",), key="ed_forbid")
    b3.button(
        f"清空（同组{len(together)}对、不得同组{len(apart)}对）",
        on_click=planning.add_pair,
        args=(None,),
        key="ed_clear",
    )
else:
    b1.button("执行", on_click=planning.apply_edit, args=(op, roster, policy), key="ed_go", type="primary")
    b2.button(
        "撤销", on_click=lambda: planning.save(planning.history().undo()), disabled=not history.can_undo, key="ed_undo"
    )
    b3.button(
        "重做", on_click=lambda: planning.save(planning.history().redo()), disabled=not history.can_redo, key="ed_redo"
    )
    b4.button(
        "重新优化其余",
        on_click=planning.apply_edit,
        args=("重新优化其余", roster, policy),
        key="ed_reopt",
        help="保留锁定的支部，重新规划其余学会",
    )
if (last := state.get("plan_edit", "last")) and last.get("roster") == digest:  # a message about an older roster is moot
    (st.success if last["applied"] else st.error)(md(last["message"]))
if found := edits.recheck(roster, plan, together=together, apart=apart):
    st.caption("方案检查：以下各项不符合规则或需要注意（“需上级批准”不影响方案有效）。")
    st.dataframe(edits.finding_rows(found), hide_index=True)
else:
    st.caption("当前方案符合全部规则（支部条例第四条、青海实施意见9等）。")

st.subheader("未覆盖的学会")
st.caption(
    "逐一说明原因，并给出经重新规划验证、能让它被覆盖的最小调整（最多分析前20家）。"
    if plan.uncovered
    else "所有联合党支部候选学会都已覆盖。"
)
explained, conflict = planning.safe_explain(digest, plan_json, together, apart, roster, plan)
if conflict:
    st.warning(
        "指定同组的学会与锁定的支部矛盾，暂不能分析未覆盖的原因：" + md(conflict) + "。请解锁相关支部或清空同组设置。"
    )
for e in explained:
    st.markdown(f"**{md(e.society)}**：{md(e.text)}" + "".join(f"\n- 建议：{md(s.text)}" for s in e.suggestions))

st.subheader("方案比较")
st.caption("把当前方案以名称保存，再任选两个方案对照覆盖率、各组建方式的支部数和学会的调动。")
planning.compare_scenarios(plan, roster)

st.subheader("下载与相容关系图")
phones = st.checkbox("党员名册含联系电话（个人信息，仅限内部使用）", key="dl_phones")
d1, d2 = st.columns(2)
with d1:
    widgets.download_json("方案 JSON", plan_json.encode("utf-8"), "联合党支部方案.json", key="dl_json")
with d2:
    widgets.download_xlsx(
        "规划台账 Excel",
        lambda: plan_export.plan_workbook(roster, plan, phones=phones),
        "联合党支部规划.xlsx",
        key="dl_xlsx",
    )
if st.toggle("显示候选学会相容关系图（连线颜色表示组建方式）", key="pl_graph"):
    st.iframe(planning.cached_graph(digest, policy, together, apart, roster), height=640)  # names escaped by graph_html
