"""``party-workbench``: the installed command (pyproject) — ``run``, ``serve``, and every CLI verb.

``party-workbench run [--port 8501]`` opens the workbench on this computer only (127.0.0.1).
``party-workbench serve [--port 8501] [--address 0.0.0.0]`` shares it on the network in office mode:
login required (accounts: ``party-workbench users add NAME --role editor|viewer``), Host header checked.
Any other first argument is a verb of ``python -m model`` (validate, plan, …, users).
The server options are passed on the command line, so they hold wherever the command is started from
(the same as .streamlit/config.toml: no tracebacks to visitors, no usage statistics, XSRF protection).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cli import main as cli_main

__all__ = ["main", "streamlit_args", "APP"]

APP = Path(__file__).resolve().parents[1] / "app.py"
MODE_VAR = "PARTY_WORKBENCH_MODE"  # as ui/auth.py
SERVER_OPTIONS = {
    "server.headless": "true",
    "server.enableXsrfProtection": "true",
    "server.maxUploadSize": "50",
    "browser.gatherUsageStats": "false",
    "client.showErrorDetails": "none",
    "client.toolbarMode": "minimal",
    "theme.base": "light",
    "theme.primaryColor": "#c0392b",
}


def streamlit_args(address: str, port: int) -> list[str]:
    """The ``streamlit run`` command line for the app at ``address:port``.

    >>> streamlit_args("127.0.0.1", 8600)[3:7]
    ['--server.address', '127.0.0.1', '--server.port', '8600']
    """
    options = {"server.address": address, "server.port": str(port), **SERVER_OPTIONS}
    return ["streamlit", "run", str(APP)] + [part for k, v in options.items() for part in (f"--{k}", v)]


def _serve(argv: list[str], office: bool) -> int:
    p = argparse.ArgumentParser(prog=f"party-workbench {'serve' if office else 'run'}")
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8501")))
    if office:
        p.add_argument("--address", default="0.0.0.0", help="监听的地址（默认所有网络接口）")
    args = p.parse_args(argv)
    address = args.address if office else "127.0.0.1"
    if office:
        os.environ[MODE_VAR] = "office"
        print(f"学会党建规划工作台（办公室模式）：在局域网中以 http://本机地址:{args.port} 打开，须登录")
    else:
        os.environ.pop(MODE_VAR, None)
        print(f"学会党建规划工作台：只在本机打开 http://127.0.0.1:{args.port} （不对局域网开放）")
    from streamlit.web import cli as stcli

    sys.argv = streamlit_args(address, args.port)
    return int(stcli.main() or 0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run"]:
        return _serve(argv[1:], office=False)
    if argv[:1] == ["serve"]:
        return _serve(argv[1:], office=True)
    return cli_main.main(argv)


if __name__ == "__main__":
    sys.exit(main())
