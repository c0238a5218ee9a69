"""Load the heavy libraries once per server process, in the background, after the first page is shown.

OR-Tools (the planner), matplotlib and python-pptx (the graph page's exports and its font check) and
python-docx (the documents) take 0.5–1 s each to import on this 2-core machine; imported on first use
they made the first open of the planner and graph pages that much slower (docs/performance.md).
:func:`start` runs once per process (``st.cache_resource``) at the end of the first script run, so
the first page is not delayed; a page that needs a module before the thread has loaded it simply
waits on Python's import lock, as it would have anyway.
"""

from __future__ import annotations

import contextlib
import importlib
import threading

import streamlit as st

__all__ = ["MODULES", "start"]

MODULES = (
    "model.planning.cpsat_model",
    "model.planning.edits",
    "model.graph.image",
    "model.graph.slide",
    "model.graph.deck",
    "model.paperwork.bundle",
)


def _load() -> None:
    for name in MODULES:
        with contextlib.suppress(Exception):  # a module failing here fails again, with its message, where used
            importlib.import_module(name)


@st.cache_resource(show_spinner=False)
def start() -> threading.Thread:
    """Start the loading thread (once per server process) and return it."""
    thread = threading.Thread(target=_load, name="party-workbench-warmup", daemon=True)
    thread.start()
    return thread
