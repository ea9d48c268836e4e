"""The site against a stock Jupyter Book: weight, requests, Lighthouse, and rebuild times.

    python -m benchmarks.bench_site [--runs 3] [--keep DIR]      (or: make bench-site)

In one run, in a temporary folder:

1. builds a stock sample book (``jupyter-book create``, then ``jupyter-book build``);
2. copies this book's sources and builds them as ``make book`` does, timed: a clean build
   (notebooks run), a rebuild with nothing changed, and a rebuild after one chapter is edited
   (a sentence added to book/04-common-conditions.md in the copy); each rebuild is timed 3
   times and the fastest kept, since other work on the machine only ever adds time;
3. serves each site the way a static host such as GitHub Pages does (gzip, and
   ``Cache-Control: max-age=600``) on 127.0.0.1, and for three pages of each, a front page,
   a long chapter and a notebook page, measures in Debian's chromium the bytes transferred and
   the requests made on a first visit (empty cache) and as the second page of a visit (after
   the front page), then runs Lighthouse (npm ``lighthouse``, ``CHROME_PATH`` = Debian's
   chromium), mobile and desktop, ``--runs`` times, and keeps the median of each score;
4. times the diary page on a 10-year diary beside painbook and runs Lighthouse mobile on it
   (benchmarks/bench_diary_page.py, whose table is printed first).

The browser can reach 127.0.0.1 only: what a page asks of another host (the stock pages'
CDN scripts) fails at once and shows as a failed request with no bytes.

Prints the tables. Targets (issue 7): on this book's pages accessibility, best practices and
SEO 1.00 and mobile performance at least 0.90; a no-change rebuild under 10% of the clean
build. Exits with status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools import chromium as chromium_flags

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
FLAGS = [
    *chromium_flags.FLAGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
EDITED_CHAPTER = "book/04-common-conditions.md"
# `jupyter-book` as the Makefile runs it (JUPYTER_BOOK: without a 1.5 s import it never needs).
JUPYTER_BOOK = [
    sys.executable,
    "-c",
    "import sys; sys.modules['rfc3987_syntax'] = None; "
    "from jupyter_book.cli.main import main; main()",
]
NO_CHANGE_MAX_SHARE = 0.10
REBUILDS = 3  # rebuilds are timed this many times and the fastest kept, as in bench_engine.py
SCORE_TARGETS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
MOBILE_PERFORMANCE_MIN = 0.90
# Not sources of the book: left out of the copy that is built.
SKIP = {".git", ".venv", "node_modules", "_build", ".pytest_cache", ".ruff_cache"}
SKIP |= {".hypothesis", ".benchmarks", ".ipynb_checkpoints", "__pycache__"}
TEXT = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map", ".ipynb", ".md")


def chromium() -> str:
    path = chromium_flags.find()
    if path is None:
        sys.exit(chromium_flags.MISSING)
    return path


# --------------------------------------------------------------------------- serving


class StaticHost(SimpleHTTPRequestHandler):
    """Like a static host: keep-alive, gzip for text, cacheable for 10 minutes."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # noqa: ANN201
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.endswith(TEXT) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(StaticHost, directory=str(folder))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# --------------------------------------------------------------------------- building


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{(proc.stdout + proc.stderr)[-3000:]}")
    return seconds


def build_stock(work: Path) -> tuple[Path, float]:
    source = work / "stock"
    timed([str(BIN / "jupyter-book"), "create", str(source)], work)
    seconds = timed(
        [*JUPYTER_BOOK, "build", str(source), "--path-output", str(work / "stock-out")],
        work,
    )
    return work / "stock-out" / "_build" / "html", seconds


def _ours_cmd(work: Path) -> list[str]:
    cmd = [*JUPYTER_BOOK, "build", str(work / "book"), "--path-output", str(work / "book-out")]
    return [*cmd, "-n", "-W", "--keep-going"]


def build_ours(work: Path) -> tuple[Path, dict[str, float]]:
    """A clean build of a copy of this book, then the fastest of REBUILDS no-change rebuilds."""
    source = work / "book"
    shutil.copytree(ROOT, source, ignore=lambda d, names: [n for n in names if n in SKIP])
    clean = timed(_ours_cmd(work), source)
    rebuild = min(timed(_ours_cmd(work), source) for _ in range(REBUILDS))
    return work / "book-out" / "_build" / "html", {
        "clean build": clean,
        "no-change rebuild": rebuild,
    }


def rebuild_after_edit(work: Path) -> float:
    """The fastest of REBUILDS rebuilds, each after a sentence is added to one chapter."""
    chapter = work / "book" / EDITED_CHAPTER
    times = []
    for n in range(REBUILDS):
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(text + f"\nSentence {n + 1} added by the benchmark.\n", encoding="utf-8")
        times.append(timed(_ours_cmd(work), work / "book"))
    return min(times)


# --------------------------------------------------------------------------- measuring


def weigh(base: str, pages: list[str]) -> dict[str, dict]:
    """Bytes and requests of each page, on a first visit and as a visit's second page.

    Counted from the browser's own network log (DevTools protocol): bytes are what came over
    the wire (compressed, with headers); a request answered from the browser's cache counts
    neither bytes nor a request.
    """
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=FLAGS)

        def load(context, page: str) -> dict[str, int]:
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            sent: set[str] = set()
            cached: set[str] = set()
            failed: set[str] = set()
            wire: dict[str, float] = {}
            cdp.on("Network.requestWillBeSent", lambda e: sent.add(e["requestId"]))
            cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
            cdp.on("Network.loadingFailed", lambda e: failed.add(e["requestId"]))
            cdp.on(
                "Network.loadingFinished",
                lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]),
            )
            cdp.send("Network.enable")
            tab.goto(base + page, wait_until="load")
            tab.wait_for_load_state("networkidle")
            tab.close()
            from_cache = cached | {r for r, n in wire.items() if n == 0}
            return {
                "bytes": int(sum(n for r, n in wire.items() if r not in from_cache)),
                "requests": len(sent - from_cache),
                "failed": len(failed),
            }

        for page in pages:
            context = browser.new_context()
            first = load(context, page)
            context.close()
            second = None
            if page != pages[0]:
                context = browser.new_context()
                load(context, pages[0])  # the front page first fills the cache
                second = load(context, page)
                context.close()
            results[page] = {"first": first, "second": second}
        browser.close()
    return results


def lighthouse(url: str, preset: str, runs: int, out: Path) -> dict[str, float]:
    env = dict(os.environ, CHROME_PATH=chromium())
    scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    for run in range(runs):
        report = out / f"lh-{abs(hash((url, preset)))}-{run}.json"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--no-enable-error-reporting"]
        cmd += [
            "--output=json",
            f"--output-path={report}",
            "--only-categories=" + ",".join(CATEGORIES),
        ]
        cmd += [f"--chrome-flags={' '.join(FLAGS)}"]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode != 0 or not report.is_file():
            sys.exit(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
        categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
        for c in CATEGORIES:
            scores[c].append(categories[c]["score"] or 0.0)
    return {c: statistics.median(v) for c, v in scores.items()}


# --------------------------------------------------------------------------- reporting


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("lighthouse is not installed: run `make bench-site` (it runs npm ci)")

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"building in {work} ...", flush=True)
    stock_html, stock_seconds = build_stock(work)
    ours_html, times = build_ours(work)

    notebooks = sorted(ours_html.glob("notebooks/*.html"))
    sites = {
        "stock": (stock_html, ["intro.html", "markdown.html", "notebooks.html"]),
        "ours": (
            ours_html,
            ["book/index.html", "book/04-common-conditions.html"]
            + [n.relative_to(ours_html).as_posix() for n in notebooks[:1]],
        ),
    }
    kinds = ["front page", "long chapter", "notebook page"]
    rows = []
    for name, (html, pages) in sites.items():
        server, base = serve(html)
        try:
            print(f"measuring the {name} site ...", flush=True)
            weights = weigh(base, pages)
            for kind, page in zip(kinds, pages, strict=False):
                scores = {
                    preset: lighthouse(base + page, preset, args.runs, work)
                    for preset in ("mobile", "desktop")
                }
                rows.append((name, kind, page, weights[page], scores))
        finally:
            server.shutdown()
    times["one chapter edited"] = rebuild_after_edit(work)
    from benchmarks import bench_diary_page  # imports this module: load it only here

    diary_missed = bench_diary_page.run(ours_html, 10, 4, 3, args.runs)

    print()
    print("| site | page | first visit | requests (failed) | as 2nd page | requests |")
    print("|---|---|---:|---:|---:|---:|")
    for name, kind, page, w, _ in rows:
        first, second = w["first"], w["second"]
        after = (kb(second["bytes"]), second["requests"]) if second else ("-", "-")
        print(
            f"| {name} | {kind}: `{page}` | {kb(first['bytes'])} | "
            f"{first['requests']} ({first['failed']}) | {after[0]} | {after[1]} |"
        )
    print()
    print(
        f"Lighthouse, median of {args.runs} runs: performance / accessibility / best "
        "practices / SEO"
    )
    print()
    print("| site | page | mobile | desktop |")
    print("|---|---|---|---|")
    for name, kind, _, _, scores in rows:
        cells = [" / ".join(f"{s[c]:.2f}" for c in CATEGORIES) for s in scores.values()]
        print(f"| {name} | {kind} | {cells[0]} | {cells[1]} |")
    print()
    print("| this book's build | seconds | share of the clean build |")
    print("|---|---:|---:|")
    for what, seconds in times.items():
        print(f"| {what} | {seconds:.1f} | {seconds / times['clean build']:.0%} |")
    print(f"\n(stock sample book, clean build: {stock_seconds:.1f} s)")

    missed = list(diary_missed)
    share = times["no-change rebuild"] / times["clean build"]
    if share >= NO_CHANGE_MAX_SHARE:
        missed.append(f"no-change rebuild is {share:.0%} of the clean build")
    for name, kind, _, _, scores in rows:
        if name != "ours":
            continue
        for preset, s in scores.items():
            missed += [
                f"{kind} {preset} {c} {s[c]:.2f}" for c, t in SCORE_TARGETS.items() if s[c] < t
            ]
        if scores["mobile"]["performance"] < MOBILE_PERFORMANCE_MIN:
            missed.append(f"{kind} mobile performance {scores['mobile']['performance']:.2f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if missed:
        print("\ntargets missed: " + "; ".join(missed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
