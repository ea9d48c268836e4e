"""What the site checks need around a built book: a local web server, a browser, and the tools.

- `serve(folder)`: the built book on http://127.0.0.1:<free port>/, from a small threaded
  http.server (nothing else is listening: every request the pages make shows up here).
- `launch(playwright)`: Debian's chromium (found by tests/browser.py), driven by Playwright,
  headless, with the flags of tests/browser.py and a fresh profile (Playwright makes a new one
  for every launch). Its host resolver answers only for 127.0.0.1, so a page that names any
  other host cannot reach it; the tests still see and fail on the attempt.
- `node_tool(path)` and `java()`: axe-core and the Nu HTML Checker (vnu-jar), installed from
  package.json by `make test` (npm ci), and the Java that runs vnu. A missing tool is a test
  failure under CI=true and a skip, saying how to install it, elsewhere (as for chromium).
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from browser import FLAGS, chromium
from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
HOST = "127.0.0.1"


def _missing(message: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def node_tool(relative: str) -> Path:
    """A file of an npm package from package.json, e.g. 'axe-core/axe.min.js'."""
    path = NODE_MODULES / relative
    if not path.is_file():
        _missing(
            f"{path.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci` from "
            "package-lock.json), or `npm ci --ignore-scripts` yourself"
        )
    return path


def java() -> str:
    path = shutil.which("java")
    if not path:
        _missing(
            "no Java found for the Nu HTML Checker: install it (apt-get install "
            "default-jre-headless) or put `java` on PATH"
        )
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1; yields the base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):  # -> playwright.sync_api.Browser
    return playwright.chromium.launch(
        executable_path=chromium(),
        headless=True,
        args=[*FLAGS, f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}"],
    )
