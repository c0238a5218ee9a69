"""The public API (model.__all__): complete, documented, and giving the CLI's results."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import model

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_data" / "sample_roster.xlsx"
JOBS = (
    "load_roster",
    "read_roster",
    "classify_all",
    "compatibility_graph",
    "plan_joint_branches",
    "move",
    "lock",
    "explain_uncovered",
    "compare",
    "build_hierarchy",
    "hierarchy_html",
    "count_election",
    "simulate",
    "write_documents",
    "display",
)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "model", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture(scope="module")
def sample():
    """The sample roster and its plan, through the API."""
    roster = model.load_roster(SAMPLE)
    return roster, model.plan_joint_branches(roster)


def test_every_name_in_all_resolves_once():
    """It resolves every name of __all__ on the package, with no duplicate names."""
    assert len(model.__all__) == len(set(model.__all__))
    missing = [n for n in model.__all__ if not hasattr(model, n)]
    assert missing == []


def test_every_job_of_the_workbench_is_exported():
    """It exports a function for each job: load, classify, graph, plan, edit, explain, compare, elect, documents."""
    assert set(JOBS) <= set(model.__all__)


def test_every_public_name_is_documented():
    """It finds a docstring on every exported function, class and module (not the dataclass signature)."""
    undocumented = []
    for name in model.__all__:
        obj = getattr(model, name)
        doc = inspect.getdoc(obj) or ""
        if not doc.strip() or (inspect.isclass(obj) and doc.startswith(f"{obj.__name__}(")):
            undocumented.append(name)
    assert undocumented == []


def test_package_docstring_has_a_tour():
    """It carries a doctest tour in the package docstring (run by --doctest-modules)."""
    assert model.__doc__.count(">>> ") >= 10 and "plan_joint_branches" in model.__doc__


def test_api_plan_equals_cli_plan(sample, tmp_path):
    """It plans the sample roster through the API exactly as `python -m model plan` writes it."""
    roster, plan = sample
    out = tmp_path / "plan.json"
    done = cli("plan", str(SAMPLE), "--replan-today", "--out", str(out))  # the API plans with no locks
    assert done.returncode == 0, done.stderr
    assert plan.to_dict() == json.loads(out.read_text(encoding="utf-8"))
    assert model.plan_to_json(plan) == out.read_text(encoding="utf-8")


def test_api_plan_with_settings_and_locks_equals_cli(sample, tmp_path):
    """It honours a lock and max-units like the CLI's --locks and --max-units."""
    roster, plan = sample
    lock = list(plan.joint_branches()[0].units)
    locks = tmp_path / "locks.json"
    locks.write_text(json.dumps([lock], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "plan.json"
    done = cli("plan", str(SAMPLE), "--locks", str(locks), "--max-units", "4", "--replan-today", "--out", str(out))
    assert done.returncode == 0, done.stderr
    api = model.plan_joint_branches(roster, model.policy_with(model.Policy(), max_units=4), locks=[lock])
    assert api.to_dict() == json.loads(out.read_text(encoding="utf-8"))
    assert any(o.locked and list(o.units) == lock for o in api.organizations)


def test_api_count_equals_cli_elect(tmp_path):
    """It counts an election through the API exactly as `python -m model elect` does."""
    data = {
        "seats": 2,
        "candidates": ["张三", "李四", "王五"],
        "eligible_due": 6,
        "eligible_present": 6,
        "ballots": [{"yes": ["张三", "李四"]}] * 4 + [{"yes": ["王五"], "no": ["张三"], "write_in": ["赵六"]}] * 2,
    }
    src, out = tmp_path / "e.json", tmp_path / "r.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = cli("elect", str(src), "--out", str(out))
    assert done.returncode == 0, done.stderr
    result = model.count_election(model.parse_election(data))
    assert result.to_dict() == json.loads(out.read_text(encoding="utf-8"))
    assert result.elected == ("张三", "李四")


def test_api_graph_equals_cli_graph(sample, tmp_path):
    """It draws the same offline hierarchy page as `python -m model graph`."""
    roster, plan = sample
    plan_file, out = tmp_path / "plan.json", tmp_path / "org.html"
    plan_file.write_text(model.plan_to_json(plan), encoding="utf-8")
    done = cli("graph", str(SAMPLE), str(plan_file), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert model.hierarchy_html(model.build_hierarchy(roster, plan)) == out.read_text(encoding="utf-8")


def test_bad_roster_raises_the_named_error(tmp_path):
    """It raises RosterError carrying every finding when a roster has errors (as the CLI exits 2)."""
    bad = tmp_path / "bad.csv"
    bad.write_text("学会名称,学科类别,所在地,理事会正式党员数\n甲学会,工科,武汉市,三\n", encoding="utf-8")
    with pytest.raises(model.RosterError) as caught:
        model.load_roster(bad)
    assert any("理事会正式党员数" in (f.column or "") for f in caught.value.errors)
    assert cli("validate", str(bad)).returncode == 2
