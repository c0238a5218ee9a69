"""Shared fixtures: every test gets its own workspace database, never the user's."""

from __future__ import annotations

import pytest

from storage.store import ENV_VAR


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path, monkeypatch):
    """Point PARTY_WORKBENCH_DB at a fresh file (and user folders at tmp) for every test."""
    db = tmp_path / "workbench.sqlite"
    monkeypatch.setenv(ENV_VAR, str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return db


@pytest.fixture
def db_path(_isolated_db):
    """The test's database file (PARTY_WORKBENCH_DB)."""
    return _isolated_db
