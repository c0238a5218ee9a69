"""Streamlit-side helpers shared by the pages: session state over the store, small widgets."""
