"""Where the time of each page goes: every script run of the app profiled (cProfile) through AppTest.

Run: ``.venv/bin/python bench/profile_pages.py [--societies N] [--top 25] [--dump DIR]``. For the
province sample (or a city roster of N societies from ``sample_data/make_sample.py``) it opens the
app, each page (twice: the first run and a rerun), and prints per run the wall time and the
functions of this repository (and the libraries they call) with the largest cumulative time.
The script runs on AppTest's script thread, so the profiler is started inside that thread
(``ScriptRunner._run_script`` wrapped); ``--dump DIR`` writes one ``.pstats`` file per run.
The findings are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PAGES = [
    "app_pages/home.py",
    "app_pages/roster.py",
    "app_pages/planner.py",
    "app_pages/graph.py",
    "app_pages/election.py",
    "app_pages/documents.py",
    "app_pages/workspace.py",
]
PROFILES: list[cProfile.Profile] = []


def _profiled(run):
    def wrapper(self, rerun_data):
        prof = cProfile.Profile()
        prof.enable()
        try:
            return run(self, rerun_data)
        finally:
            prof.disable()
            PROFILES.append(prof)

    return wrapper


def report(label: str, seconds: float, profs: list[cProfile.Profile], top: int, dump: Path | None) -> None:
    print(f"\n== {label}: {seconds:.2f} s ({len(profs)} script runs)")
    if not profs:
        return
    out = io.StringIO()
    stats = pstats.Stats(*profs, stream=out)
    if dump:
        stats.dump_stats(dump / (label.replace("/", "_").replace(" ", "_") + ".pstats"))
    stats.sort_stats("cumulative")
    stats.print_stats(r"(app_pages|/ui/|/model/|/storage/|altair|pyarrow|openpyxl|ortools|matplotlib|docx)", top)
    lines = [ln for ln in out.getvalue().splitlines() if "/" in ln or "ncalls" in ln]
    print("\n".join(ln.replace(str(REPO) + "/", "") for ln in lines))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--societies", type=int, default=None, help="a city roster of N societies (default: the sample)")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--dump", type=Path, default=None)
    p.add_argument("--plan", action="store_true", help="run the planner once (the graph and documents need a plan)")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="profile_pages_"))
    os.environ["PARTY_WORKBENCH_DB"] = str(tmp / "db.sqlite")
    if args.societies:
        from model.roster.loading import raw_to_dict, read_raw
        from storage.store import DEFAULT_WORKSPACE, Store

        sys.path.insert(0, str(REPO / "sample_data"))
        import make_sample

        path = tmp / f"city_{args.societies}.xlsx"
        path.write_bytes(make_sample.write_roster_xlsx(make_sample.build_city(args.societies)))
        Store(tmp / "db.sqlite").put_roster(DEFAULT_WORKSPACE, raw_to_dict(read_raw(path, path.name)), note="city")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    script_runner.ScriptRunner._run_script = _profiled(script_runner.ScriptRunner._run_script)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=900)

    def run(label: str, step) -> None:
        n = len(PROFILES)
        t = time.perf_counter()
        step()
        seconds = time.perf_counter() - t
        report(label, seconds, PROFILES[n:], args.top, args.dump)
        if at.exception:
            print("  exception:", [e.value for e in at.exception][:1])

    run("first page (home)", at.run)
    run("home rerun", at.run)
    for page in PAGES[1:]:
        run(f"{page} open", lambda page=page: at.switch_page(page).run())
        run(f"{page} rerun", at.run)
        if page.endswith("planner.py") and args.plan:
            button = at.button(key="pl_run")
            run("planner run", lambda button=button: button.click().run())
    return 0


if __name__ == "__main__":
    sys.exit(main())
