"""How fast is the diary page (diary/index.html) on a long diary, beside painbook?

    python -m benchmarks.bench_diary_page [--html _build/html] [--years 10] [--per-day 4]
                                          [--repeat 5] [--lighthouse 0]

(``make bench-site`` runs it on the book it builds, with Lighthouse.) Makes the made-up diary
of benchmarks/bench_engine.py (10 years, 4 entries a day: 14,608 rows), writes it with
painbook.diary.write_diary, serves the built book on 127.0.0.1 (gzip, as a static host) and,
in Debian's chromium (headless, driven by Playwright), best of ``--repeat`` runs:

1. import: the file chosen in "Open a diary file" until the page offers to add or replace
   (read and every check), then "Replace my diary with this file" until the views and the
   chart are drawn;
2. open: a reload of the page with that diary stored in IndexedDB, from the start of the
   navigation to the chart drawn (the page's own ``performance.mark("diary-drawn")``).

Beside them, painbook on the same file: read_diary; read_diary plus the analysis the page
shows (benchmarks/bench_engine.full_analysis) and the visit summary of the last 4 weeks.
Prints seconds and the ratios page / painbook. Targets (point 11 of the diary page): import
under 2 s, open under 1 s; with ``--lighthouse N``, Lighthouse mobile on the page (median of N
runs): performance at least 0.95, accessibility, best practices and SEO 1.00. Exits with
status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.bench_engine import best_of, full_analysis
from benchmarks.bench_site import FLAGS, chromium, lighthouse, serve
from painbook import diary, report, samples

ROOT = Path(__file__).resolve().parent.parent
PAGE = "diary/index.html"
IMPORT_MAX = 2.0
OPEN_MAX = 1.0
PERFORMANCE_MIN = 0.95
SCORE_TARGETS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def _drawn(tab) -> int:
    return tab.evaluate("() => performance.getEntriesByName('diary-drawn').length")


def time_page(base: str, csv: Path, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of the page's import and open (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    imports, opens = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            tab = context.new_page()
            tab.goto(base + PAGE, wait_until="load")
            tab.wait_for_selector("#diary-app[data-state=ready]")
            before = _drawn(tab)
            start = time.perf_counter()
            tab.get_by_label("Open a diary file").set_input_files(str(csv))
            replace = tab.get_by_role("button", name="Replace my diary with this file")
            replace.wait_for(state="visible", timeout=60000)
            read = time.perf_counter() - start
            start = time.perf_counter()
            replace.click()
            tab.wait_for_function(
                "n => performance.getEntriesByName('diary-drawn').length > n"
                " && document.querySelector('#trend-title')",
                arg=before,
                timeout=60000,
            )
            imports.append(read + time.perf_counter() - start)
            tab.reload(wait_until="load")
            tab.wait_for_function(
                "() => performance.getEntriesByName('diary-drawn').length > 0", timeout=60000
            )
            assert tab.locator("#diary-views figure svg").count() == 1, "no chart after the reload"
            drawn = "() => performance.getEntriesByName('diary-drawn')[0].startTime"
            opens.append(tab.evaluate(drawn) / 1000)
            context.close()
        browser.close()
    return {"import": min(imports), "open": min(opens)}


def time_painbook(csv: Path, repeat: int) -> dict[str, float]:
    loaded = diary.read_diary(csv)
    start = loaded["date"].max() - pd.Timedelta(days=27)

    def everything() -> None:
        df = diary.read_diary(csv)
        full_analysis(df)
        report.visit_summary(df, start=start)

    return {
        "read_diary": best_of(repeat, lambda: diary.read_diary(csv)),
        "read_diary + analysis + summary": best_of(repeat, everything),
    }


def run(html: Path, years: float, per_day: int, repeat: int, lighthouse_runs: int) -> list[str]:
    """Measure, print the table, and return the targets missed."""
    df = samples.generate_diary(years=years, per_day=per_day)
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-diary-") as folder:
        csv = Path(folder) / "long-diary.csv"
        diary.write_diary(df, csv)
        ours = time_painbook(csv, repeat)
        server, base = serve(html)
        try:
            page = time_page(base, csv, repeat)
            scores = (
                lighthouse(base + PAGE, "mobile", lighthouse_runs, Path(folder))
                if lighthouse_runs
                else None
            )
        finally:
            server.shutdown()
    print(f"\nThe diary page on a {years:g}-year diary ({len(df):,} rows), best of {repeat} runs")
    print()
    print("| step | page (s) | painbook | painbook (s) | page / painbook | target |")
    print("|---|---:|---|---:|---:|---|")
    rows = [
        ("import the CSV", page["import"], "read_diary", IMPORT_MAX),
        (
            "open the page to a drawn chart",
            page["open"],
            "read_diary + analysis + summary",
            OPEN_MAX,
        ),
    ]
    for what, seconds, theirs, target in rows:
        print(
            f"| {what} | {seconds:.2f} | {theirs} | {ours[theirs]:.2f} | "
            f"{seconds / ours[theirs]:.1f} | < {target:g} s |"
        )
        if seconds >= target:
            missed.append(f"diary page: {what} took {seconds:.2f} s (target < {target:g} s)")
    if scores is not None:
        print()
        print(
            f"Lighthouse mobile on {PAGE}, median of {lighthouse_runs}: "
            + " / ".join(f"{c} {v:.2f}" for c, v in scores.items())
        )
        if scores["performance"] < PERFORMANCE_MIN:
            missed.append(f"diary page mobile performance {scores['performance']:.2f}")
        missed += [
            f"diary page mobile {c} {scores[c]:.2f}"
            for c, t in SCORE_TARGETS.items()
            if scores[c] < t
        ]
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--per-day", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lighthouse", type=int, default=0, help="Lighthouse runs (0: none)")
    args = parser.parse_args(argv)
    if not (args.html / PAGE).is_file():
        sys.exit(f"{args.html / PAGE} is missing: build the book first (make book)")
    missed = run(args.html, args.years, args.per_day, args.repeat, args.lighthouse)
    if missed:
        print("\ntargets missed: " + "; ".join(missed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
