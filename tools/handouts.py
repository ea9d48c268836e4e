"""Print the book's handouts to PDF with Debian's Chromium: one A4 and one US Letter file each.

    python -m tools.handouts [HTML_FOLDER] [--out _build/handouts]

HTML_FOLDER is a built book (default: _build/instructor/_build/html, the instructor edition that
`make instructor` writes; `make printables` passes the reader edition, _build/html). Every page
in its book/printables/ folder (the printable tools of both editions) and book/handouts/ folder
(the instructor edition's own handouts) that holds a handout (the ``{handout}`` directive of
_ext/editions.py) is printed twice, into OUT/a4/<name>.pdf and OUT/letter/<name>.pdf. The page's
print stylesheet (_static/course.css) prints the handout alone.

A handout must fit on one page (the knowledge check, marked ``:pages: 2``, on one sheet printed
on both sides). The script says which do not, and exits with status 1.

It drives one headless Chromium for all the pages through the DevTools protocol on a pipe
(``--remote-debugging-pipe``): no network port, no download, and one browser start instead of
one per PDF. Set CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from tools.chromium import FLAGS, MISSING, find

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HTML = ROOT / "_build" / "instructor" / "_build" / "html"
DEFAULT_OUT = ROOT / "_build" / "handouts"

# The folders of a built book's book/ that hold handout pages (painbook.course.HANDOUT_FOLDERS).
FOLDERS = ("printables", "handouts")

# Paper sizes in inches, and the margin on every side.
PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
MARGIN = 0.5

# The project's flags, and the DevTools protocol on a pipe (fds 3 and 4) instead of a port.
_FLAGS = [*FLAGS, "--remote-debugging-pipe"]
_PAGES = re.compile(r'class="[^"]*\bpb-handout\b[^"]*\bpb-pages-(\d+)\b')


class PrintError(RuntimeError):
    """The browser could not be started or could not print a page."""


@dataclass(frozen=True)
class Handout:
    name: str  # the page's file name without .html: "pain-diary-week"
    html: Path
    pages: int  # the number of pages it may take


@dataclass(frozen=True)
class Printed:
    handout: Handout
    paper: str
    pdf: Path
    pages: int

    @property
    def fits(self) -> bool:
        return self.pages == self.handout.pages


def find_chromium() -> str:
    """Debian's chromium, or the binary named by the CHROMIUM environment variable."""
    path = find()
    if path is None:
        raise PrintError(MISSING[0].upper() + MISSING[1:] + ".")
    return path


def find_handouts(html: Path) -> list[Handout]:
    """The handout pages of a built book (book/printables/, book/handouts/), in name order."""
    pages = [p for f in FOLDERS for p in (Path(html) / "book" / f).glob("*.html")]
    found = []
    for page in sorted(pages, key=lambda p: p.stem):
        text = page.read_text(encoding="utf-8")
        if 'class="pb-handout' not in text and " pb-handout " not in text:
            continue
        match = _PAGES.search(text)
        found.append(Handout(page.stem, page, int(match.group(1)) if match else 1))
    return found


class Browser:
    """One headless Chromium, driven through the DevTools protocol on a pipe."""

    def __init__(self, chromium: str | None = None, timeout: float = 60) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()

        def _fds() -> None:  # in the child: its fd 3 reads our messages, fd 4 writes replies
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self.proc = subprocess.Popen(
            [chromium or find_chromium(), *_FLAGS, f"--user-data-dir={self._profile.name}"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            close_fds=False,
            preexec_fn=_fds,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._out, self._in = to_browser_w, from_browser_r
        self._buffer = b""
        self._next_id = 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        self.call("Page.enable", session=self.session)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fail(self, message: str) -> PrintError:
        self._stderr.seek(0)
        tail = self._stderr.read().decode(errors="replace")[-1500:]
        return PrintError(f"{message}\nChromium said:\n{tail}" if tail.strip() else message)

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._out, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise self._fail("Chromium stopped before it could print.") from None
        return self._next_id

    def _receive(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._in], [], [], max(left, 0))
            if not ready:
                raise self._fail(f"Chromium did not answer within {self.timeout:g} seconds.")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise self._fail("Chromium stopped before it could print.")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        wanted = self._send(method, params, session)
        while True:
            message = self._receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise self._fail(f"{method} failed: {message['error']}")
                return message.get("result", {})

    def _wait_for(self, event: str) -> None:
        while True:
            message = self._receive()
            if message.get("method") == event and message.get("sessionId") == self.session:
                return

    def open(self, html: Path) -> None:
        self._send("Page.navigate", {"url": html.resolve().as_uri()}, self.session)
        self._wait_for("Page.loadEventFired")
        self.call(
            "Runtime.evaluate",
            {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True},
            self.session,
        )

    def print_pdf(self, paper: str) -> bytes:
        width, height = PAPERS[paper]
        result = self.call(
            "Page.printToPDF",
            {
                "paperWidth": width,
                "paperHeight": height,
                "marginTop": MARGIN,
                "marginBottom": MARGIN,
                "marginLeft": MARGIN,
                "marginRight": MARGIN,
                "printBackground": False,
                "displayHeaderFooter": False,
                "preferCSSPageSize": False,
            },
            self.session,
        )
        return base64.b64decode(result["data"])

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self._send("Browser.close")
                self.proc.wait(timeout=10)
            except (PrintError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._stderr.close()
        self._profile.cleanup()


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def print_handouts(
    html: Path,
    out: Path,
    *,
    chromium: str | None = None,
    papers: tuple[str, ...] = ("a4", "letter"),
) -> list[Printed]:
    """Print every handout of the built book ``html`` into ``out/<paper>/<name>.pdf``."""
    handouts = find_handouts(html)
    if not handouts:
        folders = " or ".join(str(Path(html) / "book" / f) for f in FOLDERS)
        raise PrintError(
            f"There are no handout pages in {folders}. "
            "Build the book first: make book (or make instructor)"
        )
    printed = []
    with Browser(chromium) as browser:
        for handout in handouts:
            browser.open(handout.html)
            for paper in papers:
                pdf = Path(out) / paper / f"{handout.name}.pdf"
                pdf.parent.mkdir(parents=True, exist_ok=True)
                pdf.write_bytes(browser.print_pdf(paper))
                printed.append(Printed(handout, paper, pdf, page_count(pdf)))
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=DEFAULT_HTML)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        printed = print_handouts(args.html, args.out)
    except PrintError as err:
        print(err, file=sys.stderr)
        return 1
    for p in printed:
        mark = "" if p.fits else f"  <-- more than {p.handout.pages}"
        pages = "page" if p.pages == 1 else "pages"
        print(f"{p.paper:7} {p.handout.name:20} {p.pages} {pages}{mark}")
    print(f"The handouts are in {args.out}/a4 and {args.out}/letter.")
    too_long = sorted({p.handout.name for p in printed if not p.fits})
    if too_long:
        print(f"These handouts do not fit: {', '.join(too_long)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
