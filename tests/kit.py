"""The shared test builds: the instructor edition, its handout PDFs and the reader edition's
printable tools as PDFs.

Each is made once per test session, however many test modules ask for it: the instructor
edition is built next to the reader edition of the session's `book` fixture, starting from that
build's notebook results (so the notebooks are not run twice), and the handouts are printed from
it with one Chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, BuiltBook, build_book
from tools.handouts import Printed, print_handouts

INSTRUCTOR_TOC = ROOT / "_toc_instructor.yml"

_made: dict[str, object] = {}


def instructor_edition(reader: BuiltBook) -> BuiltBook:
    """The instructor edition, built with `jupyter-book build . --toc _toc_instructor.yml`."""
    if "instructor" not in _made:
        reader_out = reader.html.parent.parent
        out = reader_out.parent / "instructor"
        cache = reader.html.parent / ".jupyter_cache"
        if cache.is_dir():
            shutil.copytree(cache, out / "_build" / ".jupyter_cache")
        _made["instructor"] = build_book(out, "--toc", str(INSTRUCTOR_TOC))
    return _made["instructor"]


def printable_pdfs(reader: BuiltBook, chromium: str) -> list[Printed]:
    """Every printable tool of the reader edition, printed on A4 and on Letter."""
    if "printables" not in _made:
        out = Path(reader.html).parent.parent.parent / "printables"
        _made["printables"] = print_handouts(reader.html, out, chromium=chromium)
    return _made["printables"]


def spanish_printable_pdfs(reader: BuiltBook, chromium: str) -> list[Printed]:
    """Every printable tool of the Spanish reader edition (html/es/), on A4 and on Letter."""
    if "printables-es" not in _made:
        out = Path(reader.html).parent.parent.parent / "printables-es"
        _made["printables-es"] = print_handouts(reader.html / "es", out, chromium=chromium)
    return _made["printables-es"]


def handout_pdfs(instructor: BuiltBook, chromium: str) -> list[Printed]:
    """Every handout of the instructor edition, printed on A4 and on Letter."""
    if "handouts" not in _made:
        out = Path(instructor.html).parent.parent.parent / "handouts"
        _made["handouts"] = print_handouts(instructor.html, out, chromium=chromium)
    return _made["handouts"]
