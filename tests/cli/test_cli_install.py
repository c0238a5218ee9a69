"""``pip install .`` gives the ``party-workbench`` command: the CLI verbs and ``run`` on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port

from storage.store import ENV_VAR

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """The project's wheel installed (without its dependencies, which .venv has) into a folder of its own."""
    tmp = tmp_path_factory.mktemp("install")
    source, wheels, target = tmp / "source", tmp / "wheels", tmp / "site"
    skip = shutil.ignore_patterns(".venv", ".git", "build", "__pycache__", "*.egg-info", "tests", "notebooks")
    shutil.copytree(ROOT, source, ignore=skip)  # the build leaves its build/ folder there, not in the repository
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", str(source), "--no-deps", "-w", str(wheels)], check=True, timeout=300, cwd=tmp)
    wheel = next(wheels.glob("party_workbench-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target), ENV_VAR: str(tmp / "w.sqlite")}
    return target / "bin" / "party-workbench", env


def test_the_command_runs_the_cli_verbs_outside_the_source_tree(installed, tmp_path):
    """It validates the installed sample roster and adds an account, started from another folder."""
    command, env = installed
    sample = command.parents[1] / "sample_data" / "sample_roster.xlsx"
    done = subprocess.run(
        [str(command), "validate", str(sample)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "检查通过" in done.stdout
    added = subprocess.run(
        [str(command), "users", "add", "张三", "--role", "editor", "--password-stdin"],
        cwd=tmp_path,
        env=env,
        input="足够长的密码123\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr


def test_run_serves_the_installed_app_on_localhost_only(installed, tmp_path):
    """It starts the installed app with `party-workbench run` listening on 127.0.0.1."""
    command, env = installed
    port = free_port()
    proc = subprocess.Popen(
        [str(command), "run", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline, ok = time.monotonic() + 60, False
        while time.monotonic() < deadline and not ok:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    ok = r.status == 200
            except OSError:
                time.sleep(0.5)
        assert ok
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
        assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        proc.terminate()
        proc.wait(timeout=15)
