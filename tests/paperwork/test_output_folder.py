"""model/paperwork/output_folder.py: a folder of documents is one generation; foreign files are never touched.

Generations are tiny inline file lists::

    FIRST  = S001 甲/模板1.docx, S001 甲/甲学会/台账.xlsx, 说明.txt
    SECOND = J002 甲乙/模板1.docx, 说明.txt
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst

from model.findings import InputError
from model.paperwork.file_names import safe_name, unique_names
from model.paperwork.output_folder import MANIFEST, FolderRefused, check_folder, read_manifest, write_folder

FIRST = (("S001 甲/模板1.docx", b"one"), ("S001 甲/甲学会/台账.xlsx", b"two"), ("说明.txt", b"readme 1"))
SECOND = (("J002 甲乙/模板1.docx", b"three"), ("说明.txt", b"readme 2"))
NOW = datetime(2026, 11, 22, 9, 30)


def on_disk(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_new_folder_gets_the_files_and_a_manifest(tmp_path):
    """It creates the folder, writes the files and records them (path, SHA-256) and the time in the manifest."""
    written = write_folder(FIRST, tmp_path / "out", now=NOW)
    assert written.files == tuple(p for p, _ in FIRST) and written.removed == () and written.previous is None
    assert on_disk(tmp_path / "out") == {**dict(FIRST), MANIFEST: (tmp_path / "out" / MANIFEST).read_bytes()}
    manifest = read_manifest(tmp_path / "out")
    assert manifest.generated == "2026-11-22T09:30:00" and manifest.complete
    assert [p for p, _ in manifest.files] == [p for p, _ in FIRST] and all(len(h) == 64 for _, h in manifest.files)


def test_the_next_generation_replaces_the_previous_and_keeps_foreign_files(tmp_path):
    """It deletes exactly the files of the previous generation (and the folders they leave empty), never a
    file it did not write, even inside one of its folders."""
    out = tmp_path / "out"
    write_folder(FIRST, out, now=NOW)
    (out / "我的笔记.txt").write_bytes(b"mine")
    (out / "S001 甲" / "批注.txt").write_bytes(b"also mine")
    written = write_folder(SECOND, out)
    assert sorted(written.removed) == sorted(p for p, _ in FIRST) and written.previous == "2026-11-22T09:30:00"
    files = on_disk(out)
    files.pop(MANIFEST)
    assert files == {**dict(SECOND), "我的笔记.txt": b"mine", "S001 甲/批注.txt": b"also mine"}
    assert not (out / "S001 甲" / "甲学会").exists()  # left empty, removed


def test_a_folder_of_other_files_is_refused_untouched(tmp_path):
    """It refuses a non-empty folder without a manifest with one line naming the folder, writing nothing;
    a folder holding only what Finder or Explorer leave counts as empty."""
    (tmp_path / "报告.docx").write_bytes(b"x")
    with pytest.raises(FolderRefused) as exc:
        write_folder(FIRST, tmp_path)
    assert len(exc.value.findings) == 1 and str(tmp_path) in exc.value.findings[0].line()
    assert on_disk(tmp_path) == {"报告.docx": b"x"}
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / ".DS_Store").write_bytes(b"")
    write_folder(FIRST, junk)
    assert (junk / "说明.txt").is_file()


def test_a_changed_file_of_the_last_generation_is_not_lost(tmp_path):
    """It refuses to replace a generation whose file was edited since, deleting nothing."""
    write_folder(FIRST, tmp_path / "out")
    (tmp_path / "out" / "说明.txt").write_bytes(b"filled in by hand")
    with pytest.raises(FolderRefused, match="改动"):
        check_folder(tmp_path / "out")
    with pytest.raises(FolderRefused):
        write_folder(SECOND, tmp_path / "out")
    assert (tmp_path / "out" / "S001 甲" / "模板1.docx").read_bytes() == b"one"


def test_a_new_file_never_replaces_a_foreign_one(tmp_path):
    """It refuses a generation that would write over a file the previous generation did not write."""
    write_folder(FIRST, tmp_path / "out")
    (tmp_path / "out" / "J002 甲乙").mkdir()
    (tmp_path / "out" / "J002 甲乙" / "模板1.docx").write_bytes(b"someone else's")
    with pytest.raises(FolderRefused, match="不是本工具上次生成的"):
        write_folder(SECOND, tmp_path / "out")
    assert (tmp_path / "out" / "J002 甲乙" / "模板1.docx").read_bytes() == b"someone else's"
    assert (tmp_path / "out" / "S001 甲" / "模板1.docx").is_file()


def test_a_manifest_pointing_outside_is_refused(tmp_path):
    """It refuses a manifest naming a path outside the folder, or one it cannot read, deleting nothing."""
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    out = tmp_path / "out"
    out.mkdir()
    entry = {"path": "../outside.txt", "sha256": None}
    (out / MANIFEST).write_text(json.dumps({"generated": "x", "files": [entry]}), encoding="utf-8")
    with pytest.raises(FolderRefused, match="文件夹以外"):
        write_folder(SECOND, out)
    (out / MANIFEST).write_text("{", encoding="utf-8")
    with pytest.raises(FolderRefused, match="无法读取"):
        write_folder(SECOND, out)
    assert outside.read_bytes() == b"keep"


def test_a_file_in_the_way_is_refused(tmp_path):
    """It refuses an output path that is a file, or lies under one, as bad input."""
    (tmp_path / "f").write_bytes(b"")
    for target in (tmp_path / "f", tmp_path / "f" / "sub"):
        with pytest.raises(InputError):
            check_folder(target)


def test_a_run_broken_off_is_cleaned_up_next_time(tmp_path):
    """It deletes the files of an unfinished generation (manifest ``complete: false``), written or half-written."""
    out = tmp_path / "out"
    write_folder(FIRST, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["complete"] = False
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (out / "说明.txt").write_bytes(b"half")
    write_folder(SECOND, out)
    assert set(on_disk(out)) == {p for p, _ in SECOND} | {MANIFEST}


NAMES = hst.sampled_from(["甲学会", "甲/学会", "甲:学会", "乙学会", "乙学会.", "ABC", "abc"])


@settings(max_examples=25, deadline=None)
@given(hst.lists(hst.lists(NAMES, max_size=5), min_size=1, max_size=4), hst.booleans())
def test_the_folder_always_holds_one_generation(generations, foreign):
    """It leaves, after every run, exactly the last generation's files plus the foreign ones."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        kept: dict[str, bytes] = {}
        for i, names in enumerate(generations):
            files = tuple((f"{n}/台账.xlsx", f"{i}{n}".encode()) for n in unique_names(safe_name(n) for n in names))
            write_folder(files, out)
            if foreign and i == 0:
                (out / "外来.txt").write_bytes(b"x")
                kept = {"外来.txt": b"x"}
            found = on_disk(out)
            found.pop(MANIFEST)
            assert found == {**dict(files), **kept}
