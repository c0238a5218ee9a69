"""How long a notebook user waits: ``import model`` in a fresh interpreter, and the whole
workbench notebook executed top to bottom (kernel start included). Prints figures only."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "workbench.ipynb"


def import_seconds(module: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], cwd=REPO, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def notebook_seconds() -> tuple[float, list[float]]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    start = time.perf_counter()
    cells: list[float] = []
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            t = time.perf_counter()
            client.execute_cell(cell, i)
            if cell.cell_type == "code":
                cells.append(time.perf_counter() - t)
    return time.perf_counter() - start, cells


if __name__ == "__main__":
    print(f"python -c 'import model'          {import_seconds('model'):6.2f} s (best of 3, fresh interpreter)")
    print(f"python -c 'import model.findings' {import_seconds('model.findings'):6.2f} s (imports the package too)")
    total, cells = notebook_seconds()
    print(f"notebook top to bottom            {total:6.2f} s ({len(cells)} code cells; slowest {max(cells):.2f} s)")
