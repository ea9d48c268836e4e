"""Shared fixtures: the book is built once per test session, in a temporary folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The notebooks' stored outputs show made-up samples only, even on a machine where a personal
# my-diary.csv sits beside them (painbook.workbook): nbval's kernels inherit this.
os.environ.setdefault("PAINBOOK_SAMPLES_ONLY", "1")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class BuiltBook:
    html: Path  # the folder holding index.html
    log: str  # everything the build printed, colour codes removed
    returncode: int


def build_book(out: Path, *extra: str) -> BuiltBook:
    """Build the book as `make book` does, but into `out` instead of ./_build."""
    cmd = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(ROOT),
        "--path-output",
        str(out),
        "-n",
        "-W",
        "--keep-going",
        *extra,
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    log = ANSI.sub("", proc.stdout + proc.stderr)
    return BuiltBook(html=out / "_build" / "html", log=log, returncode=proc.returncode)


def build_both_languages(out: Path) -> BuiltBook:
    """The reader edition as `make book` builds it: English, then Spanish into html/es/."""
    english = build_book(out)
    cmd = [sys.executable, "-m", "tools.languages", "build", "--path-output", str(out / "es")]
    cmd += ["--html", str(english.html)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    log = english.log + "\n== the Spanish edition\n" + ANSI.sub("", proc.stdout + proc.stderr)
    return BuiltBook(html=english.html, log=log, returncode=english.returncode or proc.returncode)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright, one for the session's site checks
    (tests/test_site.py, tests/test_site_instructor.py; see tests/site_browser.py)."""
    from browser import chromium
    from site_browser import launch

    chromium()  # a missing browser fails (CI) or skips with the reason, before Playwright runs
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chrome = launch(playwright)
        yield chrome
        chrome.close()


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> BuiltBook:
    return build_both_languages(tmp_path_factory.mktemp("book"))


_REPORTS: list[tuple[str, str]] = []


_ENGLISH_TITLE = "reading level of the chapters and notebooks (Flesch-Kincaid, SMOG)"


@pytest.fixture
def record_readability():
    """Keep a table to print at the end of the run (the reading-level tables)."""

    def record(report: str, title: str = _ENGLISH_TITLE) -> None:
        _REPORTS.append((title, report))

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    for title, report in _REPORTS:
        terminalreporter.write_sep("-", title)
        terminalreporter.write_line(report)
