"""Benchmark: the organization graph and its meeting exports at growing sizes (prints figures).

Baseline, measured in the same run: building the hierarchy (``build_hierarchy``), the step every
view starts from. Each export is printed in seconds and as a ratio to that baseline.
``--quick`` skips the 10,000-society row.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "tests")]

from graph_fixtures import big_roster_plan, sample_roster_plan  # noqa: E402

from model.graph.deck import deck_pptx
from model.graph.hierarchy import aggregate, build_hierarchy
from model.graph.html_view import hierarchy_html
from model.graph.listing import listing_xlsx
from model.graph.overview import overview
from model.graph.overview_html import overview_html
from model.graph.slide import overview_pdf, overview_png, overview_svg


def timed(fn, *args, **kw):
    start = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - start


def main(quick: bool = False) -> None:
    cases = [("样例省", *sample_roster_plan())] + [(f"{n}家", *big_roster_plan(n)) for n in (1200, 10_000)]
    if quick:
        cases = cases[:2]
    cols = ("build", "tree html", "overview", "ov html", "png", "svg", "pdf", "pptx", "xlsx")
    print(f"{'roster':>8} {'nodes':>6} {'groups':>6} {'slides':>6} " + " ".join(f"{c:>9}" for c in cols))
    for name, roster, plan in cases:
        g, t_build = timed(build_hierarchy, roster, plan)
        _, t_tree = timed(hierarchy_html, aggregate(g) if g.number_of_nodes() > 1000 else g)
        ov, t_ov = timed(overview, roster, plan)
        _, t_ovh = timed(overview_html, ov, roster)
        _, t_png = timed(overview_png, ov)
        _, t_svg = timed(overview_svg, ov)
        _, t_pdf = timed(overview_pdf, ov)
        _, t_pptx = timed(deck_pptx, ov, roster)
        _, t_xlsx = timed(listing_xlsx, g)
        times = (t_build, t_tree, t_ov, t_ovh, t_png, t_svg, t_pdf, t_pptx, t_xlsx)
        slides = 2 + len(ov.joint_branches())
        print(
            f"{name:>8} {g.number_of_nodes():>6} {len(ov.groups):>6} {slides:>6} "
            + " ".join(f"{t:>8.2f}s" for t in times)
        )
        print(f"{'':>8} {'':>6} {'':>6} {'ratio':>6} " + " ".join(f"{t / t_build:>8.1f}x" for t in times))


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
