"""Benchmark: building, writing and drawing the organization graph at growing sizes (prints figures)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "tests")]

from graph_fixtures import big_roster_plan  # noqa: E402

from model.graph.hierarchy import aggregate, build_hierarchy
from model.graph.html_view import hierarchy_html
from model.graph.image import hierarchy_png
from model.graph.listing import listing_xlsx


def timed(fn, *args, **kw):
    start = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - start


def main() -> None:
    print(
        f"{'societies':>9} {'nodes':>6} {'build s':>8} {'html s':>7} {'html KB':>8} {'agg nodes':>9} "
        f"{'png s':>6} {'xlsx s':>7}"
    )
    for n in (141, 1200, 5000):
        roster, plan = big_roster_plan(n)
        g, t_build = timed(build_hierarchy, roster, plan)
        page, t_html = timed(hierarchy_html, g)
        agg = aggregate(g)
        _, t_png = timed(hierarchy_png, g, dpi=80)
        _, t_xlsx = timed(listing_xlsx, g)
        print(
            f"{n:>9} {g.number_of_nodes():>6} {t_build:>8.3f} {t_html:>7.3f} {len(page.encode()) // 1024:>8} "
            f"{agg.number_of_nodes():>9} {t_png:>6.2f} {t_xlsx:>7.2f}"
        )


if __name__ == "__main__":
    main()
