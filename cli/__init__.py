"""The headless CLI of FORMATS.md §5 (``python -m model …``): one module per command, over the model."""
