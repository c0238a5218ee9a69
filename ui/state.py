"""The app's state: the current workspace in the SQLite store, plus a few typed session keys.

Durable state (roster, settings, plans, scenarios, elections) lives in the store, so a
refresh, a second tab and a restarted server see the same workspace. The session holds
only what is per tab: which workspace this tab shows, and the key of the roster uploader
(an uploaded file waits there until the user confirms or discards it).
Every session key is declared in ``_DEFAULTS`` and initialised by :func:`init`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import streamlit as st

from model.planning.plan import Plan
from model.roster.loading import RawBook, parse_roster, raw_from_dict, raw_to_dict, read_raw
from model.roster.values import Roster
from model.rules.policy import Policy
from storage.store import Store

__all__ = [
    "init",
    "store",
    "db_path",
    "workspace_name",
    "set_workspace",
    "roster",
    "raw",
    "save_raw",
    "undo_roster",
    "roster_history",
    "roster_digest",
    "policy",
    "set_policy",
    "get",
    "put",
    "keys",
    "delete",
    "current_plan",
    "save_plan",
    "upload_key",
    "clear_upload",
    "SAMPLE_PATH",
]

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "sample_data" / "sample_roster.xlsx"
ROSTER = ("roster", "current")
POLICY = ("settings", "policy")

# Session keys: name -> default. Nothing else of ours goes into st.session_state (widget keys aside).
_DEFAULTS: dict[str, Any] = {
    "ws_name": None,  # str: the workspace this tab shows
    "upload_nonce": 0,  # int: bumped to clear the roster uploader after replace/discard
}


def init() -> None:
    """Initialise the session keys once per session (called by app.py on every run)."""
    for key, default in _DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = default
    if st.session_state["ws_name"] is None:
        st.session_state["ws_name"] = store().current_workspace()


def store() -> Store:
    """The store at the configured path (env PARTY_WORKBENCH_DB, saved choice, or user data folder)."""
    return Store.default()


def db_path() -> Path:
    return store().path


def workspace_name() -> str:
    init()
    name = st.session_state["ws_name"]
    if name not in store().workspaces():  # a fresh database, or deleted/renamed in another tab
        name = store().current_workspace()
        store().set_current_workspace(name)
        st.session_state["ws_name"] = name
    return name


def set_workspace(name: str) -> None:
    """Show workspace ``name`` in this tab and make it the one a fresh session opens."""
    init()
    store().set_current_workspace(name)
    st.session_state["ws_name"] = name.strip()
    st.session_state["upload_nonce"] += 1


# -- roster -----------------------------------------------------------------------
def _roster_text() -> tuple[str, str]:
    ws = workspace_name()
    found = store().get_text(ws, *ROSTER)
    if found is None:  # an empty workspace opens on the sample roster
        store().put_roster(ws, raw_to_dict(read_raw(SAMPLE_PATH, SAMPLE_PATH.name)), note="载入示例名册")
        found = store().get_text(ws, *ROSTER)
        assert found is not None
    return found


def roster_digest() -> str:
    """Content hash of the stored raw roster: the cache key of everything derived from it."""
    return _roster_text()[1]


@st.cache_data(show_spinner="正在解析名册…", max_entries=16)
def _parse(digest: str, _text: str) -> Roster:
    return parse_roster(raw_from_dict(json.loads(_text)))


@st.cache_data(show_spinner=False, max_entries=16)
def _raw(digest: str, _text: str) -> RawBook:
    return raw_from_dict(json.loads(_text))


def roster() -> Roster:
    """The current workspace's roster, parsed, with its findings attached."""
    text, digest = _roster_text()
    return _parse(digest, text)


def raw() -> RawBook:
    """The current workspace's roster as stored (cells as the user typed them)."""
    text, digest = _roster_text()
    return _raw(digest, text)


def save_raw(book: RawBook, note: str = "编辑名册") -> None:
    """Store a new roster version (kept in the undo history)."""
    store().put_roster(workspace_name(), raw_to_dict(book), note=note)


def undo_roster() -> str | None:
    """Go back to the previous roster version; the undone version's note, or None."""
    return store().undo_roster(workspace_name())


def roster_history() -> list[tuple[str, str]]:
    return store().history(workspace_name())


# -- settings and documents ----------------------------------------------------------
def policy() -> Policy:
    d = get(*POLICY)
    return Policy.from_dict(d) if d else Policy()


def set_policy(value: Policy) -> None:
    put(*POLICY, value.to_dict())


def get(kind: str, key: str) -> dict | None:
    return store().get(workspace_name(), kind, key)


def put(kind: str, key: str, value: dict) -> None:
    store().put(workspace_name(), kind, key, value)


def keys(kind: str) -> list[str]:
    return store().keys(workspace_name(), kind)


def delete(kind: str, key: str) -> None:
    store().delete(workspace_name(), kind, key)


def current_plan() -> Plan | None:
    d = get("plan", "current")
    return Plan.from_dict(d) if d else None


def save_plan(plan: Plan, key: str = "current") -> None:
    put("plan", key, plan.to_dict())


# -- per-tab upload awaiting confirmation -----------------------------------------------
def upload_key() -> str:
    """Widget key of the roster uploader; the uploaded file waits there until replaced or discarded."""
    init()
    return f"roster_upload_{st.session_state['upload_nonce']}"


def clear_upload() -> None:
    init()
    st.session_state["upload_nonce"] += 1
