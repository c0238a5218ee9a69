"""``python -m model validate|plan|check|elect|graph|docs``: the CLI of docs/formats.md §5 (code in ``cli/``)."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
