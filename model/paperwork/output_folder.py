"""The batch written into a folder as one generation (``python -m model docs … --out DIR``).

The folder holds the files of exactly one generation, never a mix. The writer records what it
wrote in ``.文书清单.json`` (each file's path relative to the folder and its SHA-256, and when the
generation was made); the next run deletes exactly those files, and the folders they leave
empty, before writing the new ones. It never deletes or overwrites a file it did not write:

- a folder that is not empty and has no manifest is refused (a folder holding only what the
  system leaves there — .DS_Store, Thumbs.db, desktop.ini — counts as empty);
- a file of the previous generation that was changed since (filled in by hand, say) is refused,
  not lost;
- a file of the new generation that would replace a file the previous one did not write is refused.

A refusal raises :class:`FolderRefused` (an InputError) with one finding naming the folder,
before anything is touched. While writing, the manifest lists the old and the new files
(``"complete": false``), so a run broken off half-way is cleaned up by the next.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from model.findings import ERROR, Finding, InputError
from model.paperwork.file_names import same_file_key

__all__ = ["MANIFEST", "FolderRefused", "Manifest", "Written", "read_manifest", "check_folder", "write_folder"]

MANIFEST = ".文书清单.json"
_TMP = MANIFEST + ".tmp"
_SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})  # left by Finder and Explorer
_GENERATOR = "学会党建规划工作台 python -m model docs"


class FolderRefused(InputError):
    """The output folder cannot take the batch without losing files the tool did not write."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """One generation: when it was made, its files (relative POSIX path, SHA-256 or None), whether it finished."""

    generated: str
    files: tuple[tuple[str, str | None], ...]
    complete: bool = True

    def to_dict(self) -> dict:
        return {
            "generator": _GENERATOR,
            "format": 1,
            "generated": self.generated,
            "complete": self.complete,
            "files": [{"path": p, "sha256": h} for p, h in self.files],
        }


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_folder` did: the files written, those of the previous generation it deleted."""

    folder: Path
    files: tuple[str, ...]
    removed: tuple[str, ...]
    generated: str
    previous: str | None = None  # when the replaced generation was made


def _refuse(where: Path, message: str) -> FolderRefused:
    return FolderRefused([Finding(ERROR, str(where), None, None, None, message)])


def _relative(path: object) -> str | None:
    """``path`` when it is a plain relative path inside the folder (no ``..``, not absolute), else None."""
    if not isinstance(path, str) or not path or "\\" in path:
        return None
    parts = PurePosixPath(path).parts
    if PurePosixPath(path).is_absolute() or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        return None
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: str | Path) -> Manifest | None:
    """The generation recorded in ``root`` (None when there is no manifest); FolderRefused when it is unreadable."""
    path = Path(root) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["files"]
        files = tuple((_relative(e["path"]), e.get("sha256")) for e in entries)
        generated = str(data["generated"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _refuse(path, f"无法读取上次生成的文书清单（{exc}），为免误删文件，未写入；请换一个空文件夹") from exc
    if any(p is None for p, _ in files):
        raise _refuse(path, "文书清单中有文件夹以外的路径，为免误删文件，未写入；请换一个空文件夹")
    return Manifest(generated, files, bool(data.get("complete", True)))  # type: ignore[arg-type]


def _foreign_entries(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.casefold() not in _SYSTEM_FILES and p.name not in (MANIFEST, _TMP)]


def check_folder(out_dir: str | Path) -> Manifest | None:
    """The previous generation in ``out_dir`` (None when the folder is new or empty); FolderRefused when
    the folder is a file, holds files without a manifest, or a file of the previous generation was changed."""
    root = Path(out_dir)
    if root.exists() and not root.is_dir():
        raise _refuse(root, "输出位置已存在且不是文件夹")
    above = next((p for p in root.parents if p.exists() and not p.is_dir()), None)
    if above is not None:
        raise _refuse(root, f"上级路径“{above}”是文件，不是文件夹")
    if not root.exists():
        return None
    previous = read_manifest(root)
    if previous is None:
        if _foreign_entries(root):
            raise _refuse(
                root,
                f"文件夹不是空的，也没有本工具上次生成时留下的“{MANIFEST}”，为免删除或混入其他文件，未写入；"
                "请换一个空文件夹或新文件夹",
            )
        return None
    changed = [p for p, h in previous.files if previous.complete and h and _changed(root / p, h)]
    if changed:
        raise _refuse(
            root,
            f"上次生成的 {len(changed)} 个文件在生成后被改动过（如“{changed[0]}”），为免丢失改动，未替换；"
            "请先把改动过的文件移出这个文件夹",
        )
    return previous


def _changed(path: Path, sha: str) -> bool:
    return path.is_file() and _sha(path.read_bytes()) != sha


def _inside(root: Path, path: Path) -> bool:
    """``path``'s folder resolves inside ``root`` (a folder replaced by a link to elsewhere is not)."""
    return path.parent.resolve().is_relative_to(root.resolve())


def _save_manifest(root: Path, manifest: Manifest) -> None:
    tmp = root / _TMP
    tmp.write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, root / MANIFEST)


def _remove_empty_folders(root: Path, paths: Iterable[str]) -> None:
    """Remove the folders of ``paths`` left empty (or holding only system files), deepest first."""
    folders = {parent for p in paths for parent in PurePosixPath(p).parents if parent != PurePosixPath(".")}
    for rel in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        folder = root / rel
        if not folder.is_dir() or folder.is_symlink() or not _inside(root, folder / "x"):
            continue
        entries = list(folder.iterdir())
        if all(e.is_file() and e.name.casefold() in _SYSTEM_FILES for e in entries):
            for e in entries:
                e.unlink()
            folder.rmdir()


def write_folder(files: Iterable[tuple[str, bytes]], out_dir: str | Path, now: datetime | None = None) -> Written:
    """Write ``files`` (relative path, bytes) under ``out_dir`` as one generation, replacing the previous one.

    FolderRefused (nothing touched) when :func:`check_folder` refuses the folder, when a path is not
    a plain relative path, or when a new file would replace a file the previous generation did not write.
    """
    root = Path(out_dir)
    previous = check_folder(root)
    files = tuple(files)
    bad = [p for p, _ in files if _relative(p) is None]
    if bad:
        raise _refuse(root, f"文件路径“{bad[0]}”不在输出文件夹内，未写入")
    old = {same_file_key(p) for p, _ in previous.files} if previous else set()
    foreign = [p for p, _ in files if same_file_key(p) not in old and (root / p).exists()]
    if foreign:
        raise _refuse(root, f"文件夹中已有“{foreign[0]}”，它不是本工具上次生成的，未覆盖；请先把它移出这个文件夹")
    generated = (now or datetime.now()).isoformat(timespec="seconds")
    new = tuple((p, _sha(data)) for p, data in files)
    new_keys = {same_file_key(p) for p, _ in new}
    left = tuple((p, h) for p, h in (previous.files if previous else ()) if same_file_key(p) not in new_keys)
    root.mkdir(parents=True, exist_ok=True)
    _save_manifest(root, Manifest(generated, new + left, complete=False))
    removed: list[str] = []
    for rel, _ in previous.files if previous else ():
        target = root / rel
        if (target.is_file() or target.is_symlink()) and _inside(root, target):
            target.unlink()
            removed.append(rel)
    _remove_empty_folders(root, (p for p, _ in previous.files) if previous else ())
    for rel, data in files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _save_manifest(root, Manifest(generated, new))
    return Written(
        root, tuple(p for p, _ in files), tuple(removed), generated, previous.generated if previous else None
    )
