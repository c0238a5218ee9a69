"""Write notebooks/workbench.ipynb from the cells below (no outputs stored: the notebook stays clean).

Run ``.venv/bin/python notebooks/build_notebook.py`` after editing a cell here; never edit the
.ipynb by hand. ``tests/test_notebook.py`` checks the committed notebook equals what this
script writes, and executes it top to bottom.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).with_name("workbench.ipynb")

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# 学会党建规划工作台 · 笔记本

本笔记本用与网页版、命令行相同的模型代码，完成工作台的各项工作：载入名册并检查问题、查看覆盖情况、
规划联合党支部、锁定与调整、比较两个方案、画组织架构图、模拟一个支部的换届选举并计票、生成文书。

- 从上到下依次运行（菜单“运行 → 运行全部单元格”）。所有数据都在本机处理，不联网。
- 示例名册 `sample_data/sample_roster.xlsx` 是虚构的湖北省学会名册；换成自己的名册，只需改第一段代码里的路径。
- 结果与命令行一致：例如 `python -m model plan 名册.xlsx --replan-today --out 方案.json` 与下面的 `plan` 相同。""",
    ),
    (
        "code",
        """import sys
from datetime import date
from pathlib import Path

ROOT = Path.cwd() if (Path.cwd() / "model").is_dir() else Path.cwd().parent   # 项目根目录
sys.path.insert(0, str(ROOT))

import model
from model import display

display.enable()   # 之后方案、问题清单、选举结果等直接显示为表格
ROSTER_FILE = ROOT / "sample_data" / "sample_roster.xlsx"   # ← 换成自己的名册""",
    ),
    (
        "md",
        """## 一、载入名册，检查问题

`read_roster` 读入名册并列出全部问题（错误、警告、提示），每条问题写明工作表、行、列和依据；
有错误的名册可以查看，但不能用于规划（`load_roster` 遇到错误会直接报错）。""",
    ),
    (
        "code",
        """roster = model.read_roster(ROSTER_FILE)
roster""",
    ),
    (
        "md",
        """按《党章》第三十条和《支部条例》第四条，逐个学会判定应当怎样设置党组织
（正式党员3名以上单独组建，1–2名联合组建，没有正式党员的派驻党建工作指导员）：""",
    ),
    (
        "code",
        """classes = display.to_frame(model.classify_all(roster))
classes["应设"].value_counts()""",
    ),
    ("code", """classes.head(8)"""),
    (
        "md",
        """## 二、覆盖情况

现状（按名册“现有党组织”列）与按规则全部落实后的组织覆盖率、工作覆盖率，对照 70%/80%/90%/100% 目标，
以及统计表口径、不符合规定的现有党组织和半年内届满需换届的党组织。""",
    ),
    ("code", """model.dashboard(roster, today=date(2026, 11, 22))"""),
    (
        "md",
        """## 三、规划联合党支部

规划器先使联合党支部覆盖的候选学会最多（可证明最优），再使同一支部的学会关系更紧密、支部更少。
默认设置：联合组建单位不超过5家，正式党员合计不少于3名，同业共建、区域联建、挂靠组建三种方式都可用。
与命令行一样，这里不锁定现有的联合党支部；网页版开始规划时锁定符合规定的现有联合党支部，
相当于 `model.plan_joint_branches(roster, policy, locks=model.today_locks(roster, policy))`。""",
    ),
    (
        "code",
        """policy = model.Policy()
plan = model.plan_joint_branches(roster, policy)
plan""",
    ),
    ("md", """候选学会之间的相容关系（哪些学会可以联合组建）是一个 networkx 图，可以直接查看、分析："""),
    (
        "code",
        """compat = model.compatibility_graph(roster, policy)
print(f"候选学会{compat.number_of_nodes()}家，可联合的学会对{compat.number_of_edges()}对")
display.show_graph(compat, height=450)""",
    ),
    (
        "md",
        """## 四、锁定与调整

尊重学会和支撑单位的意愿：锁定一个支部后，任何调整和重新优化都保持它不变。
每次调整都返回一个新方案和它引起的问题（原方案不变，可随时回到原方案）。""",
    ),
    (
        "code",
        """first, second = plan.joint_branches()[:2]
locked = model.lock(roster, plan, first.id)
refused = model.move(roster, locked.plan, second.units[0], first.id)   # 已锁定的支部拒绝调整
print(refused.message)""",
    ),
    (
        "code",
        """moved = model.move(roster, locked.plan, second.units[0], None)    # 把一家学会移出支部
print(f"{moved.message}。未覆盖的学会：{'、'.join(moved.plan.uncovered)}")
display.show(model.explain_uncovered(roster, moved.plan))            # 为什么没有覆盖，怎样才能覆盖""",
    ),
    (
        "code",
        """again = model.reoptimize(roster, moved.plan)    # 重新优化未锁定的部分，锁定的支部保持不变
print(again.message)
again.plan.coverage()""",
    ),
    (
        "md",
        """## 五、比较两个方案

把联合组建单位上限从5家改为3家，看覆盖率、各组建方式的支部数和去向变化的学会：""",
    ),
    (
        "code",
        """smaller = model.plan_joint_branches(roster, model.policy_with(policy, max_units=3))
model.compare(plan, smaller)""",
    ),
    (
        "md",
        """## 六、组织架构图

上级党委 → 各党组织 → 所属学会。悬停查看详情，双击党组织可折叠；图是离线网页，不联网也能显示。""",
    ),
    (
        "code",
        """hierarchy = model.build_hierarchy(roster, plan, model.GraphOptions(upper_name="科技社团党委"))
display.show_graph(hierarchy, height=650)""",
    ),
    (
        "md",
        """## 七、换届选举：模拟与计票

取正式党员最多的联合党支部（正式党员7名以上，设支部委员会）。按《选举工作条例》，
只有正式党员有选举权，实到会须超过应到会的五分之四，差额选举候选人数至少多于应选人数的20%。

先在选举前模拟：每人到会概率90%时，会议有效的概率和各候选人当选的概率（随机种子固定，结果可重复）。""",
    ),
    (
        "code",
        """org = max(plan.joint_branches(), key=lambda o: o.formal_members)
electorate = model.electorate_from_roster(roster, org.units)
voters = electorate.names()
seats, candidates = 5, voters[:6]
print(f"{model.org_label(org)}：应到会有选举权党员{electorate.due}名；候选人{'、'.join(candidates)}")
model.simulate(seats, candidates, 0.9, expected=electorate.due,
               support=[0.95, 0.9, 0.85, 0.8, 0.75, 0.4], runs=10_000, seed=2026)""",
    ),
    (
        "md",
        """再对一组选票计票：一人出差（不属于可不计入应到会的情形，仍计入应到会），其余到会。
每张选票写明赞成、不赞成、另选他人；选择多于应选人数的选票无效。""",
    ),
    (
        "code",
        """members = [{"name": n, "status": "正式", "present": True} for n in voters[:-1]]
members.append({"name": voters[-1], "status": "正式", "present": False, "excused": "出差"})
a, b, c, d, e, f = candidates
ballots = ([{"yes": [a, b, c, d, e]}] * 4
           + [{"yes": [a, b, c, d], "no": [e], "write_in": [voters[-2]]}] * 2
           + [{"yes": [b, c, d, e, f]}] * 2
           + [{"yes": [a, b, c, d, e, f]}])                      # 选了6人，多于应选5人：无效票
election = {"seats": seats, "candidates": list(candidates), "members": members, "ballots": ballots}
result = model.count_election(model.parse_election(election))
result""",
    ),
    (
        "code",
        """print(model.result_letter(result, org, roster).text())   # 模板6 请示正文（与文书页同一模板；空缺处留待填写）""",
    ),
    (
        "md",
        """## 八、文书与台账

为一个党组织生成全部请示、备案表和台账（Word / Excel），打包下载或写入文件夹
（`model.write_documents(roster, plan, 文件夹)` 生成全部党组织的文书，与 `python -m model docs` 相同）。""",
    ),
    (
        "code",
        """bundle = model.build_bundle(roster, plan, only=[org.id])
[path for path, _ in bundle.files]""",
    ),
]


def build() -> nbformat.NotebookNode:
    """The notebook: Chinese markdown and code cells, python3 kernel, no outputs."""
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    for i, (kind, text) in enumerate(CELLS):
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        cell["id"] = f"cell-{i:02d}"  # stable ids: rebuilding gives the same file
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render() -> str:
    return nbformat.writes(build()) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(CELLS)} cells)", file=sys.stderr)
