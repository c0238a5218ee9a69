"""The headless CLI of docs/formats.md §5 (``python -m model …``): one module per command, over the model."""
