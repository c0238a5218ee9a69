"""The documents page's zip of everything, built organization by organization under a progress bar.

The batch (``model.paperwork.bundle``: one step per organization, then the folders of the societies
without one) runs when the button is pressed: about a second and a half for a province, a minute or
two for a city of 10,000 societies. The folder names and each organization's elections are worked
out once for the whole batch, and the progress bar is redrawn a few times a second, not once per
organization (a city has thousands).
"""

from __future__ import annotations

import time

import streamlit as st

from model.paperwork.bundle import Bundle, bundle_part, bundle_steps, finish_bundle, step_label, to_zip
from model.paperwork.election_match import match_elections
from model.paperwork.file_names import org_folders
from model.planning.plan import Plan
from model.roster.values import Roster
from ui import documents_view, widgets

__all__ = ["build_zip", "zip_section"]

REDRAW = 0.25  # seconds between two redraws of the progress bar


def build_zip(
    roster: Roster, plan: Plan, ctx: dict, elections: str, phones: bool, progress=None
) -> tuple[bytes, int, int]:
    """Every document and register of the plan as one zip: (bytes, files, blanks).

    ``progress(done, total, label)`` is called now and then while the organizations are written.
    """
    steps = bundle_steps(plan)
    folders = org_folders(plan)
    by_org = match_elections(plan, documents_view.records(elections))
    context = documents_view.context(ctx)
    total = len(steps) + 1  # the last step: the statistics, the list of blanks and the packing
    parts: list[Bundle] = []
    shown = 0.0
    for done, step in enumerate(steps):
        if progress is not None and time.monotonic() - shown >= REDRAW:
            progress(done, total, step_label(plan, step, folders))
            shown = time.monotonic()
        parts.append(bundle_part(roster, plan, step, context, by_org.get(step, ()), phones, folders))
    if progress is not None:
        progress(len(steps), total, "覆盖情况统计表、缺项清单与打包")
    bundle = finish_bundle(plan, parts)
    return to_zip(bundle), len(bundle.files), len(bundle.missing)


def zip_section(*, roster: Roster, plan: Plan, ctx: dict, elections: str, phones: bool) -> None:
    """A button that builds the zip, showing the organizations as they are done, then the zip's download."""
    if not st.button("生成全部文书（zip）", type="primary", key="doc_zip_build", icon=":material/folder_zip:"):
        st.caption("点击后逐个党组织生成，完成后出现下载按钮；改动选项或名册后请重新生成。")
        return
    started = time.monotonic()
    with st.status("正在生成全部文书与台账…", expanded=True) as status:
        bar = st.progress(0.0, text="开始")

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(done / total, text=widgets.md_text(f"{done + 1}/{total} {label}"))

        data, files, missing = build_zip(roster, plan, ctx, elections, phones, progress)
        bar.progress(1.0, text="完成")
        status.update(
            label=f"已生成 {files} 个文件（{len(data) // 1024} KB，用时 {time.monotonic() - started:.1f} 秒），"
            f"缺少的信息 {missing} 项",
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
