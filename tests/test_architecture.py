"""The house rules of the code: model/ is pure, no import cycles, packages in layers, no private Streamlit.

The import graph is read statically from every ``import`` statement, including those inside
functions, so a cycle cannot hide behind a late import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
MODEL_FILES = sorted((REPO / "model").rglob("*.py"))
OUR_PACKAGES = ("model", "cli", "storage", "ui")
# Lower layers never import higher ones (the facade model/__init__ and model.display sit on top).
LAYERS = (
    ("model.findings",),
    ("model.roster",),
    ("model.rules",),
    ("model.planning",),
    ("model.election", "model.graph"),
    ("model.paperwork",),
)


def module_names() -> list[str]:
    return [".".join(p.relative_to(REPO).with_suffix("").parts) for p in MODEL_FILES if p.name != "__main__.py"]


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(dotted: str) -> bool:
    base = REPO.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def import_graph(packages: tuple[str, ...] = OUR_PACKAGES) -> nx.DiGraph:
    """Edges module -> imported module, for every import of our own packages in ``packages``."""
    g = nx.DiGraph()
    for pkg in packages:
        for path in sorted((REPO / pkg).rglob("*.py")):
            here = _module_of(path)
            g.add_node(here)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                targets: list[str] = []
                if isinstance(node, ast.Import):
                    targets = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    if node.level:
                        base = here.split(".") if path.name == "__init__.py" else here.split(".")[:-1]
                        base = base[: len(base) - node.level + 1]
                        module = ".".join(base + ([node.module] if node.module else []))
                    else:
                        module = node.module or ""
                    targets = [f"{module}.{a.name}" if _exists(f"{module}.{a.name}") else module for a in node.names]
                for t in targets:
                    if t.split(".")[0] in OUR_PACKAGES:
                        g.add_edge(here, t)
    return g


def test_there_are_model_modules():
    """It finds the model package's modules (so the checks below are not vacuous)."""
    names = module_names()
    assert "model.rules.coverage" in names and "model.election.counting" in names and len(names) > 40


def test_the_model_is_in_sub_packages():
    """It keeps model/ to the facade, findings and display; everything else lives in a sub-package."""
    flat = sorted(p.name for p in (REPO / "model").glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "display.py", "findings.py"]
    for pkg in ("roster", "rules", "planning", "election", "paperwork", "graph"):
        assert (REPO / "model" / pkg / "__init__.py").exists(), pkg


def test_importing_every_model_module_leaves_streamlit_out():
    """It imports every model module in a fresh interpreter and finds no streamlit in sys.modules."""
    code = (
        "import importlib, sys\n"
        f"for name in {module_names()!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(len(bad)); print(bad[:5])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "0", done.stdout


def test_no_model_file_mentions_streamlit_imports():
    """It finds no "import streamlit" (nor "from streamlit") in any model file."""
    offenders = []
    for p in MODEL_FILES:
        text = p.read_text(encoding="utf-8")
        if "import streamlit" in text or "from streamlit" in text:
            offenders.append(str(p.relative_to(REPO)))
    assert offenders == []


def test_no_import_cycles():
    """It finds no cycle among our modules, counting imports inside functions too."""
    g = import_graph()
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    assert cycles == []


def test_the_cycle_check_sees_a_cycle(tmp_path):
    """It would notice a cycle: the same graph with one back edge added has one."""
    g = import_graph()
    g.add_edge("model.roster.values", "model.paperwork.bundle")
    assert any(len(c) > 1 for c in nx.simple_cycles(g))


def test_lower_layers_never_import_higher_ones():
    """It keeps roster < rules < planning < election/graph < paperwork: no import goes up a layer."""
    g = import_graph(("model",))
    level = {}
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            level[prefix] = i

    def layer_of(module: str) -> int | None:
        for prefix, i in level.items():
            if module == prefix or module.startswith(prefix + "."):
                return i
        return None

    upward = [
        (a, b) for a, b in g.edges if layer_of(a) is not None and layer_of(b) is not None and layer_of(b) > layer_of(a)
    ]
    assert upward == []


def test_the_domain_imports_no_infrastructure():
    """It keeps the store, the CLI and the UI out of model/ (model/__main__ only hands over to cli)."""
    g = import_graph(("model",))
    bad = [(a, b) for a, b in g.edges if b.split(".")[0] in ("cli", "storage", "ui") and a != "model.__main__"]
    assert bad == []


def test_no_private_streamlit_import():
    """It finds no import of Streamlit internals (streamlit.runtime…) in the app, the pages or ui/."""
    files = [REPO / "app.py", *sorted((REPO / "app_pages").glob("*.py")), *sorted((REPO / "ui").glob("*.py"))]
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            offenders += [
                f"{path.name}: {n}" for n in names if n.startswith("streamlit.") and n != "streamlit.testing.v1"
            ]
    assert offenders == []
