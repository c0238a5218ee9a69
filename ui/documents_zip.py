"""The documents page's zip of everything, built organization by organization under a progress bar.

Each step of the batch (``model.paperwork.bundle.bundle_steps``: one organization, or the
folder of the societies without one) is cached on the same cheap inputs as the previews plus
the step, so building the zip again after a rerun only packs it.
"""

from __future__ import annotations

import json

import streamlit as st

from model.paperwork.bundle import Bundle, bundle_part, bundle_steps, finish_bundle, step_label, to_zip
from model.planning.plan import Plan
from model.roster.values import Roster
from ui import documents_view, widgets

__all__ = ["part", "packed", "zip_section"]


@st.cache_data(show_spinner=False, max_entries=512)
def part(digest: str, _roster: Roster, plan_json: str, ctx: dict, elections_json: str, phones: bool, step: str):
    """The files of one step of the batch."""
    plan = Plan.from_dict(json.loads(plan_json))
    return bundle_part(_roster, plan, step, documents_view.context(ctx), documents_view.records(elections_json), phones)


@st.cache_data(show_spinner=False, max_entries=8)
def packed(
    digest: str, plan_json: str, ctx: dict, elections_json: str, phones: bool, _parts: tuple[Bundle, ...]
) -> tuple[bytes, int, int]:
    """The zip of the parts with the top files (keyed on the inputs the parts come from): bytes, files, blanks."""
    bundle = finish_bundle(Plan.from_dict(json.loads(plan_json)), _parts)
    return to_zip(bundle), len(bundle.files), len(bundle.missing)


def zip_section(
    *, digest: str, roster: Roster, plan: Plan, plan_json: str, ctx: dict, elections: str, phones: bool
) -> None:
    """A button that builds the zip, showing each organization as it is done, then the zip's download."""
    if not st.button("生成全部文书（zip）", type="primary", key="doc_zip_build", icon=":material/folder_zip:"):
        st.caption("点击后逐个党组织生成，完成后出现下载按钮；改动选项或名册后请重新生成。")
        return
    steps = bundle_steps(plan)
    total = len(steps) + 1  # the last step: the statistics, the list of blanks and the packing
    parts: list[Bundle] = []
    with st.status("正在生成全部文书与台账…", expanded=True) as status:
        bar = st.progress(0.0, text="开始")
        for done, step in enumerate(steps):
            bar.progress(done / total, text=widgets.md_text(f"{done + 1}/{total} {step_label(plan, step)}"))
            parts.append(part(digest, roster, plan_json, ctx, elections, phones, step))
        bar.progress(len(steps) / total, text=f"{total}/{total} 覆盖情况统计表、缺项清单与打包")
        data, files, missing = packed(digest, plan_json, ctx, elections, phones, tuple(parts))
        bar.progress(1.0, text="完成")
        status.update(
            label=f"已生成 {files} 个文件（{len(data) // 1024} KB），缺少的信息 {missing} 项",
            state="complete",
            expanded=False,
        )
    st.download_button(
        "下载全部（zip）",
        type="primary",
        key="doc_zip",
        icon=":material/download:",
        data=data,
        file_name=f"文书与台账_{ctx['issued']}.zip",
        mime="application/zip",
        on_click="ignore",
    )
