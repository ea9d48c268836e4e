"""Debian's headless Chromium: where to find it and how to start it.

One list of start-up flags for everything in the project that drives the browser: the page
printing of the tests (tests/browser.py), the handouts (tools/handouts.py), the site checks
(tests/site_browser.py) and the site benchmark (benchmarks/bench_site.py). The flags keep the
browser headless and quiet: no sandbox (CI runs as root), no GPU, and none of the browser's own
calls home (QUIC, first-run pages, background networking, component updates, sync), so that
every request a test sees comes from the page under test. Each caller adds a fresh
``--user-data-dir`` and what it needs on top (a DevTools pipe, a host resolver rule).

Debian's chromium is installed by .ci/run (``apt-get install chromium``); the CHROMIUM
environment variable names another binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

MISSING = (
    "no Chromium found: install Debian's chromium (apt-get install chromium) "
    "or set CHROMIUM to a Chromium binary"
)


def find() -> str | None:
    """The browser's path: $CHROMIUM, else ``chromium`` on the PATH, else /usr/bin/chromium.

    None when there is no such file; each caller says so in its own way (a test failure or
    skip, a handout error, a benchmark exit) with :data:`MISSING`.
    """
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None
