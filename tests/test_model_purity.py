"""model/ is pure domain logic: it never imports Streamlit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL_FILES = sorted((REPO / "model").rglob("*.py"))


def module_names() -> list[str]:
    return [".".join(p.relative_to(REPO).with_suffix("").parts) for p in MODEL_FILES if p.name != "__main__.py"]


def test_there_are_model_modules():
    """It finds the model package's modules (so the checks below are not vacuous)."""
    names = module_names()
    assert "model.store" in names and "model.coverage" in names and len(names) > 5


def test_importing_every_model_module_leaves_streamlit_out():
    """It imports every model module in a fresh interpreter and finds no streamlit in sys.modules."""
    code = ("import importlib, sys\n"
            f"for name in {module_names()!r}:\n"
            "    importlib.import_module(name)\n"
            "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
            "print(len(bad)); print(bad[:5])\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "0", done.stdout


def test_no_model_file_mentions_streamlit_imports():
    """It finds no "import streamlit" (nor "from streamlit") in any model file."""
    offenders = [str(p.relative_to(REPO)) for p in MODEL_FILES
                 if "import streamlit" in (text := p.read_text(encoding="utf-8")) or "from streamlit" in text]
    assert offenders == []
