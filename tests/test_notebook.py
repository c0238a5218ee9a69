"""notebooks/workbench.ipynb: clean in the repo, and runs top to bottom with the results of the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "workbench.ipynb"
SAMPLE = REPO / "sample_data" / "sample_roster.xlsx"
PROBE = (
    "print('PROBE' + json.dumps({'plan': plan.to_dict(), 'election': election, 'result': result.to_dict()},"
    " ensure_ascii=False))"
)


def _builder():
    sys.path.insert(0, str(NOTEBOOK.parent))
    try:
        import build_notebook
    finally:
        sys.path.remove(str(NOTEBOOK.parent))
    return build_notebook


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel of this interpreter, plus a probe cell."""
    from ipykernel.kernelspec import install

    tmp = tmp_path_factory.mktemp("kernel")
    install(kernel_name="python3", prefix=str(tmp))  # argv: this (the venv's) interpreter
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(new_code_cell("import json\n" + PROBE))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(tmp / "share" / "jupyter"))
        mp.setenv("PARTY_WORKBENCH_DB", str(tmp / "workbench.sqlite"))
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        ).execute()  # raises if a cell fails
    return nb


def _outputs(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", ()):
            if kind == "stream" and o.output_type == "stream":
                out.append(o.text)
            elif o.output_type in ("execute_result", "display_data") and kind in o.data:
                out.append(o.data[kind])
    return out


def test_committed_notebook_is_what_the_builder_writes():
    """It finds notebooks/workbench.ipynb byte-identical to build_notebook.py's output (no hand edits)."""
    assert NOTEBOOK.read_text(encoding="utf-8") == _builder().render()


def test_committed_notebook_has_no_outputs():
    """It finds no stored outputs or execution counts, a python3 kernel and Chinese markdown."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"
    assert any("联合党支部" in c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_cell_runs(executed):
    """It executes every cell (nbclient raises on any error) and every code cell leaves no error output."""
    errors = [o for c in executed.cells for o in c.get("outputs", ()) if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")


def test_rich_outputs_are_tables_and_inline_graphs(executed):
    """It shows the plan, election result and comparison as HTML tables and the graphs as offline iframes."""
    pages = _outputs(executed, "text/html")
    assert any("覆盖情况" in p and "党组织" in p for p in pages)
    assert any("得票" in p and "当选" in p for p in pages)
    frames = [p for p in pages if p.startswith("<iframe srcdoc=")]
    assert len(frames) == 2 and not any("src=&quot;http" in f for f in frames)


def test_notebook_plan_and_count_equal_the_cli(executed, tmp_path):
    """It plans the sample and counts the ballot set in the notebook exactly as `python -m model` does."""
    probe = next(t for t in _outputs(executed, "stream") if t.startswith("PROBE"))
    got = json.loads(probe[len("PROBE") :])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    plan_out, election_in, election_out = tmp_path / "plan.json", tmp_path / "e.json", tmp_path / "r.json"
    done = subprocess.run(
        [sys.executable, "-m", "model", "plan", str(SAMPLE), "--replan-today", "--out", str(plan_out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert got["plan"] == json.loads(plan_out.read_text(encoding="utf-8"))
    election_in.write_text(json.dumps(got["election"], ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "model", "elect", str(election_in), "--out", str(election_out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert got["result"] == json.loads(election_out.read_text(encoding="utf-8"))
    assert got["result"]["elected"] and got["result"]["invalid_ballots"] == 1
