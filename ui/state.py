"""The app's state: the current workspace in the SQLite store, plus a few typed session keys.

Durable state (roster, settings, plans, scenarios, elections) lives in the store, so a
refresh, a second tab and a restarted server see the same workspace. The session holds
only what is per tab: which workspace this tab shows, the key of the roster uploader
(an uploaded file waits there until the user confirms or discards it), and the version of
every document this tab has shown (its pin).

No lost updates: a tab pins the version of each document it first showed on a page (the
roster it keeps showing in that version, as its editors hold edits of it); every save names
that version (``expected=``), so when another tab or colleague saved in between the store refuses, this tab keeps its edit as *pending* (shown, not saved)
and :func:`notices` (called by app.py before each page) says what changed, by whom, with
两个按钮: 载入最新版本 (drop the pending edit) or 保留我的修改 (save it over the other).
The planner's undo history is checked like every document: an undo in a tab that has not seen
another tab's newer edit is refused with the notice, so it never takes that edit back unseen.
Every session key is declared in ``_DEFAULTS`` and initialised by :func:`init`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from model.planning.plan import Plan
from model.roster.loading import RawBook, parse_roster, raw_from_dict, raw_to_dict, read_raw
from model.roster.values import Roster
from model.rules.policy import Policy
from storage.store import ANY, KIND_LABELS, Conflict, ReadOnly, Store, default_path, digest_of
from ui import audit_view, auth, widgets

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
    "is_sample",
    "policy",
    "set_policy",
    "get",
    "put",
    "keys",
    "delete",
    "text",
    "current_plan",
    "save_plan",
    "upload_key",
    "clear_upload",
    "notices",
    "page_opened",
    "reload",
    "keep_mine",
    "pending",
    "stale",
    "SAMPLE_PATH",
]

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "sample_data" / "sample_roster.xlsx"
ROSTER = ("roster", "current")
POLICY = ("settings", "policy")
# Where a page was left and how a view is drawn: the latest write wins, unchecked; a viewer's stay in the tab.
PINNED_KINDS = frozenset({"roster"})  # shown in the version the tab pinned until it reloads
VIEW_KINDS = frozenset({"election_page", "graph", "election_sim", "plan_edit"})


@dataclass(frozen=True, slots=True)
class Pending:
    """An edit the store refused because the document changed meanwhile: kept in the tab, not saved."""

    text: str
    note: str  # the roster version's note ("" for other documents)
    current: str | None  # the digest the store holds now
    message: str


# Session keys: name -> default. Nothing else of ours goes into st.session_state (widget keys aside,
# and ui/auth.py's auth_* keys).
_DEFAULTS: dict[str, Any] = {
    "ws_name": None,  # str: the workspace this tab shows
    "upload_nonce": 0,  # int: bumped to clear the roster uploader after replace/discard
    "pins": None,  # dict[(ws, kind, key), (text | None, digest | None)]: the version this tab shows
    "pending": None,  # dict[(ws, kind, key), Pending]: edits refused as conflicting, kept here
    "view_docs": None,  # dict[(ws, kind, key), dict]: a viewer's view choices (never stored)
    "page": None,  # str: the page this tab showed last (opening another one shows the latest versions)
}
_OWN_KEYS = frozenset(_DEFAULTS) | frozenset(auth.AUTH_KEYS)


def init() -> None:
    """Initialise the session keys once per session (called by app.py on every run)."""
    for key, default in _DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = default
    for key in ("pins", "pending", "view_docs"):
        if st.session_state[key] is None:
            st.session_state[key] = {}
    if st.session_state["ws_name"] is None:
        st.session_state["ws_name"] = store().current_workspace()


def store() -> Store:
    """The store at the configured path, writing as this session's user (read-only for a viewer)."""
    return Store(default_path(), actor=auth.actor(), read_only=auth.read_only())


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


# -- versions: what this tab shows, what it saves ---------------------------------------
def _doc_key(kind: str, key: str) -> tuple[str, str, str]:
    return (workspace_name(), kind, key)


def _read(kind: str, key: str) -> tuple[str, str] | None:
    """(text, digest) of a document as this tab shows it.

    Its pending edit first. The roster: the version this tab pinned (its editors hold edits of that
    version, keyed by its digest). Other documents: the latest, while the pin keeps the version first
    shown on this page, which the next save is checked against.
    """
    k = _doc_key(kind, key)
    if k in st.session_state["pending"]:
        text = st.session_state["pending"][k].text
        return text, digest_of(text)
    if kind in VIEW_KINDS and auth.read_only() and k in st.session_state["view_docs"]:
        text = json.dumps(st.session_state["view_docs"][k], ensure_ascii=False, sort_keys=True)
        return text, digest_of(text)
    found = store().get_text(*k)
    if kind in VIEW_KINDS:
        return found
    pins = st.session_state["pins"]
    if k not in pins:
        pins[k] = (found[0] if found and kind in PINNED_KINDS else None, found[1] if found else None)
        return found
    text, digest = pins[k]
    if kind not in PINNED_KINDS or (found is not None and found[1] == digest):
        return found
    return None if text is None else (text, digest)


def _expected(k: tuple[str, str, str]) -> str | None:
    if k[1] in VIEW_KINDS:
        return ANY
    pin = st.session_state["pins"].get(k)
    return ANY if pin is None else pin[1]


def _saved(k: tuple[str, str, str], text: str | None, digest: str | None) -> None:
    st.session_state["pending"].pop(k, None)
    if k[1] not in VIEW_KINDS:
        st.session_state["pins"][k] = (text if k[1] in PINNED_KINDS else None, digest)


def _write(kind: str, key: str, value: dict, note: str | None = None) -> bool:
    """Save a document (or, with ``note``, the roster) checked against the version this tab showed.

    When another writer came first, the edit is kept pending in this tab and the script reruns, so
    :func:`notices` tells the user at once (inside a widget callback Streamlit reruns anyway).
    Storage problems (disk full, read-only …) raise StorageFailure for app.py to show.
    """
    k = _doc_key(kind, key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if kind in VIEW_KINDS and auth.read_only():
        st.session_state["view_docs"][k] = value
        return True
    try:
        if note is None:
            digest = store().put(k[0], kind, k[2], value, expected=_expected(k))
        else:
            digest = store().put_roster(k[0], value, note=note, expected=_expected(k))
    except Conflict as exc:
        st.session_state["pending"][k] = Pending(text, note or "", exc.current, str(exc))
        st.rerun()  # the notice above the page says so at once, and the page shows the pending edit
    except ReadOnly as exc:
        # a viewer's write (a control a page left enabled): said in Chinese above the page, never an error
        # page — inside a widget callback (where st.rerun is a no-op) the rerun that follows shows it
        st.session_state["refused"] = str(exc)
        st.rerun()
        return False
    _saved(k, text, digest)
    return True


def page_opened(name: str) -> None:
    """Called by app.py with the page about to run: a page opened anew shows the latest versions.

    Within one page a tab keeps the versions it showed (its widgets hold edits of them); Streamlit
    drops the widgets of the page left, so nothing of the user's is lost by moving on.
    """
    init()
    if st.session_state["page"] == name:
        return
    st.session_state["page"] = name
    ws = workspace_name()
    st.session_state["pins"] = {k: v for k, v in st.session_state["pins"].items() if k[0] != ws}


def pending() -> dict[tuple[str, str, str], Pending]:
    """This tab's edits that were refused as conflicting (kept, not saved)."""
    init()
    return {k: v for k, v in st.session_state["pending"].items() if k[0] == workspace_name()}


def stale() -> list[tuple[str, str, str]]:
    """The documents this tab shows in an older version than the store holds (changed elsewhere)."""
    init()
    ws = workspace_name()
    pins = {k: v for k, v in st.session_state["pins"].items() if k[0] == ws}
    if not pins:
        return []
    current = store().digests(ws)
    return [
        k for k, (_, digest) in pins.items() if current.get(k[1:]) != digest and k not in st.session_state["pending"]
    ]


def reload() -> None:
    """载入最新版本: forget this tab's pins and pending edits of the workspace and its widgets' values."""
    init()
    ws = workspace_name()
    for name in ("pins", "pending"):
        st.session_state[name] = {k: v for k, v in st.session_state[name].items() if k[0] != ws}
    for key in list(st.session_state.keys()):
        if key not in _OWN_KEYS:
            del st.session_state[key]
    st.session_state["upload_nonce"] += 1


def keep_mine(k: tuple[str, str, str]) -> bool:
    """保留我的修改: save the pending edit over the version the store held when it was refused.

    False when the document changed yet again (the pending edit then names the newer change).
    """
    p = st.session_state["pending"][k]
    value = json.loads(p.text)
    try:
        if k[1] == ROSTER[0]:
            digest = store().put_roster(k[0], value, note=p.note or "保留我的修改", expected=p.current)
        else:
            digest = store().put(k[0], k[1], k[2], value, expected=p.current)
    except Conflict as exc:
        st.session_state["pending"][k] = Pending(p.text, p.note, exc.current, str(exc))
        return False
    _saved(k, p.text, digest)
    return True


def notices() -> None:
    """The conflict and stale-version notices, shown by app.py above every page."""
    refused = st.session_state.pop("refused", None)
    if refused:
        st.warning(widgets.md_text(refused), icon=":material/lock:")
    for k, p in pending().items():
        label = KIND_LABELS.get(k[1], k[1])
        with st.container(border=True):
            st.error(
                f"**你的修改尚未保存**：{widgets.md_text(audit_view.readable_text(p.message))}。本页显示的是你的修改。"
                "请选择载入最新版本（放弃你的这次修改），或保留你的修改（覆盖对方的修改）。"
            )
            c1, c2 = st.columns(2)
            if c1.button("载入最新版本", key=f"conflict_reload_{label}_{k[2]}", type="primary"):
                reload()
                st.rerun()
            if c2.button("保留我的修改", key=f"conflict_keep_{label}_{k[2]}"):
                keep_mine(k)
                st.rerun()
    changed = stale()
    if changed:
        names = "、".join(sorted({KIND_LABELS.get(k[1], k[1]) for k in changed}))
        c1, c2 = st.columns([4, 1])
        c1.warning(
            f"{widgets.md_text(names)}已在其他标签页或由同事修改。在本页的下一次保存不会覆盖对方的修改，"
            "而会提示冲突；点“载入最新版本”显示最新内容（本页未保存的输入将清除）。"
        )
        if c2.button("载入最新版本", key="stale_reload", type="primary"):
            reload()
            st.rerun()


# -- roster -----------------------------------------------------------------------
def _sample_text() -> str:
    return json.dumps(raw_to_dict(read_raw(SAMPLE_PATH, SAMPLE_PATH.name)), ensure_ascii=False, sort_keys=True)


def _roster_text() -> tuple[str, str]:
    found = _read(*ROSTER)
    if found is None:  # an empty workspace opens on the sample roster
        if auth.read_only():
            text = _sample_text()
            return text, digest_of(text)
        k = _doc_key(*ROSTER)
        value = raw_to_dict(read_raw(SAMPLE_PATH, SAMPLE_PATH.name))
        st.session_state["pins"].pop(k, None)
        store().put_roster(k[0], value, note="载入示例名册")
        found = _read(*ROSTER)
        assert found is not None
    return found


def roster_digest() -> str:
    """Content hash of the stored raw roster: the cache key of everything derived from it."""
    return _roster_text()[1]


# cache_resource, not cache_data: Roster and RawBook are frozen values, so every run may share one
# object; cache_data unpickled a copy on every run of every page (2–4 s at 10,000 societies).
@st.cache_resource(show_spinner="正在解析名册…", max_entries=16)
def _parse(digest: str, _text: str) -> Roster:
    return parse_roster(_raw(digest, _text))  # the cached RawBook: the JSON is read once per version


@st.cache_resource(show_spinner=False, max_entries=16)
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


def is_sample() -> bool:
    """Whether the workspace's roster is the generated sample (or an edit of it): fictional societies."""
    return raw().filename == SAMPLE_PATH.name


def save_raw(book: RawBook, note: str = "编辑名册") -> bool:
    """Store a new roster version (kept in the undo history); False when it conflicted (pending)."""
    return _write(*ROSTER, raw_to_dict(book), note=note)


def undo_roster() -> str | None:
    """Go back to the previous roster version; the undone version's note, or None.

    Refused (None, with the stale notice) when the roster changed elsewhere since this tab showed it.
    """
    k = _doc_key(*ROSTER)
    try:
        note = store().undo_roster(k[0], expected=_expected(k))
    except Conflict:
        return None
    found = store().get_text(*k)
    _saved(k, *(found or (None, None)))
    return note


def roster_history() -> list[tuple[str, str]]:
    return store().history(workspace_name())


# -- settings and documents ----------------------------------------------------------
def policy() -> Policy:
    d = get(*POLICY)
    return Policy.from_dict(d) if d else Policy()


def set_policy(value: Policy) -> bool:
    return put(*POLICY, value.to_dict())


def get(kind: str, key: str) -> dict | None:
    found = _read(kind, key)
    return None if found is None else json.loads(found[0])


def put(kind: str, key: str, value: dict) -> bool:
    """Save a document; False when another writer saved it first (this edit is then pending)."""
    return _write(kind, key, value)


def keys(kind: str) -> list[str]:
    return store().keys(workspace_name(), kind)


def delete(kind: str, key: str) -> None:
    k = _doc_key(kind, key)
    store().delete(k[0], kind, k[2], expected=_expected(k))
    _saved(k, None, None)


def text(kind: str, key: str) -> tuple[str, str] | None:
    """(JSON text, digest) of a document as this tab shows it: the key of a cached parse."""
    return _read(kind, key)


@st.cache_resource(show_spinner=False, max_entries=64)
def _plan(digest: str, _text: str) -> Plan:
    return Plan.from_dict(json.loads(_text))


def current_plan() -> Plan | None:
    """The current plan, parsed once per stored version (a frozen value, shared by every run)."""
    found = _read("plan", "current")
    return _plan(found[1], found[0]) if found else None


def save_plan(plan: Plan, key: str = "current") -> bool:
    return put("plan", key, plan.to_dict())


# -- per-tab upload awaiting confirmation -----------------------------------------------
def upload_key() -> str:
    """Widget key of the roster uploader; the uploaded file waits there until replaced or discarded."""
    init()
    return f"roster_upload_{st.session_state['upload_nonce']}"


def clear_upload() -> None:
    init()
    st.session_state["upload_nonce"] += 1
