"""File and folder names of the batch: cleaned for every file system, and never the same twice.

Two societies whose names differ only by characters a file name cannot hold (“甲/学会” and
“甲:学会” both clean to ``甲_学会``), or only by case (Windows and macOS ignore it), would
overwrite each other's files; the later one gets （2）, （3） … in the order of the plan.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from model.paperwork.founding import org_display_name
from model.planning.plan import Plan
from model.roster.values import Roster

__all__ = [
    "LIAISON_FOLDER",
    "UNCOVERED_FOLDER",
    "TOP_FILES",
    "same_file_key",
    "safe_name",
    "unique_names",
    "org_folders",
    "society_folders",
    "renamed_notes",
]

LIAISON_FOLDER = "派驻指导员的学会"
UNCOVERED_FOLDER = "尚未建立党组织的学会"
TOP_FILES = ("统计表 党组织覆盖情况统计表.xlsx", "清单 文书缺项清单.xlsx", "说明.txt")


def same_file_key(name: str) -> str:
    """The form in which two names are the same file (NFC, case ignored).

    >>> same_file_key("ABC学会") == same_file_key("abc学会")
    True
    """
    return unicodedata.normalize("NFC", name).casefold()


def safe_name(text: str) -> str:
    """A file or folder name: no path separators or characters Windows refuses.

    >>> safe_name('../甲学会/党支部:"x"')
    '甲学会_党支部_x'
    """
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" ._")
    return cleaned[:80] or "未命名"


def unique_names(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """The names in order, repeats (ignoring case) given （2）, （3） …; none equals one in ``taken``.

    >>> unique_names([safe_name("甲/学会"), safe_name("甲:学会"), "乙学会", "甲_学会（2）"])
    ['甲_学会', '甲_学会（2）', '乙学会', '甲_学会（2）（2）']
    """
    used = {same_file_key(t) for t in taken}
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while same_file_key(candidate) in used:
            n += 1
            candidate = f"{name}（{n}）"
        used.add(same_file_key(candidate))
        out.append(candidate)
    return out


def org_folders(plan: Plan) -> dict[str, str]:
    """Organization id -> its folder name (``J001 甲学会等2家单位联合党支部``), distinct from one another
    and from the fixed folders and files at the top, the same whichever organizations are written."""
    names = [safe_name(f"{o.id} {org_display_name(o)}") for o in plan.organizations]
    reserved = (LIAISON_FOLDER, UNCOVERED_FOLDER) + TOP_FILES
    return dict(zip((o.id for o in plan.organizations), unique_names(names, reserved)))


def society_folders(units: Iterable[str], roster: Roster) -> dict[str, str]:
    """Society -> its folder name inside one parent folder (societies of the roster only, in order)."""
    present = [u for u in units if u in roster]
    return dict(zip(present, unique_names(safe_name(u) for u in present)))


def renamed_notes(parent: str, folders: Mapping[str, str]) -> list[str]:
    """A note for each society whose folder had to be renamed to stay distinct."""
    return [
        f"{parent}：学会“{unit}”与另一学会的名称清理后相同，文件夹已命名为“{name}”"
        for unit, name in folders.items()
        if name != safe_name(unit)
    ]
