"""How fast is the painbook engine on a long diary?

    python benchmarks/bench_engine.py [--years 10] [--per-day 4] [--repeat 7]

Makes a made-up diary (default: 10 years, 4 entries a day), saves it as CSV in a temporary
folder with painbook.diary.write_diary, then times, best of ``--repeat`` runs
(time.perf_counter):

1. ``pandas.read_csv`` alone (the floor: parsing the file, no checks);
2. ``painbook.diary.read_diary`` (parsing plus every check of the diary format);
3. the full analysis: summary by week and by month, trend, flares, helped/worsened,
   relations and progress;
4. ``painbook.report.visit_summary`` for the last 3 months.

Prints a table with seconds and the ratio to bare read_csv. Targets: read_diary within 3x
read_csv; the full analysis under 1 second. Exits with status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from painbook import analysis, diary, report, samples

READ_DIARY_MAX_RATIO = 3.0
ANALYSIS_MAX_SECONDS = 1.0


def best_of(repeat: int, func: Callable[[], object]) -> float:
    """Fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def full_analysis(df: pd.DataFrame) -> None:
    analysis.summary(df, "W")
    analysis.summary(df, "MS")
    analysis.trend(df)
    analysis.flares(df)
    analysis.helped_worsened(df)
    analysis.relations(df)
    analysis.progress(df)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--per-day", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=7, help="runs per step (best is kept)")
    args = parser.parse_args(argv)
    if args.repeat < 5:
        parser.error("--repeat must be 5 or more")

    df = samples.generate_diary(years=args.years, per_day=args.per_day)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long-diary.csv"
        diary.write_diary(df, path)
        size_mb = path.stat().st_size / 1e6
        loaded = diary.read_diary(path)
        last = loaded["date"].max()
        start = last - pd.DateOffset(months=3) + pd.Timedelta(days=1)
        steps = [
            ("pandas.read_csv", lambda: pd.read_csv(path)),
            ("read_diary", lambda: diary.read_diary(path)),
            ("analysis (summary W+MS, trend, flares, ...)", lambda: full_analysis(loaded)),
            ("visit_summary (last 3 months)", lambda: report.visit_summary(loaded, start=start)),
        ]
        results = [(name, best_of(args.repeat, func)) for name, func in steps]

    floor = results[0][1]
    print(
        f"Diary: {args.years:g} years x {args.per_day} entries a day = {len(df):,} rows, "
        f"{size_mb:.1f} MB CSV; best of {args.repeat} runs."
    )
    width = max(len(name) for name, _ in results)
    print(f"{'step':<{width}}  {'seconds':>8}  {'x read_csv':>10}")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 10}")
    for name, seconds in results:
        print(f"{name:<{width}}  {seconds:8.3f}  {seconds / floor:10.1f}")

    ratio = results[1][1] / floor
    analysis_seconds = results[2][1]
    ok = True
    if ratio > READ_DIARY_MAX_RATIO:
        print(f"MISSED: read_diary is {ratio:.1f}x read_csv (target {READ_DIARY_MAX_RATIO:g}x).")
        ok = False
    if analysis_seconds >= ANALYSIS_MAX_SECONDS:
        print(
            f"MISSED: the analysis took {analysis_seconds:.2f} s "
            f"(target under {ANALYSIS_MAX_SECONDS:g} s)."
        )
        ok = False
    if ok:
        print(
            f"Targets met: read_diary {ratio:.1f}x read_csv (<= {READ_DIARY_MAX_RATIO:g}x), "
            f"analysis {analysis_seconds:.2f} s (< {ANALYSIS_MAX_SECONDS:g} s)."
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
