"""Headless Chromium for the tests: find it, print a page to PDF, count pages.

Debian's chromium is installed by .ci/run. Without a browser the tests that need
one fail under CI=true and are skipped, with the reason, on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The browser's path, or a failure (CI) or skip (elsewhere) saying how to get one."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if Path(path).is_file():
        return path
    message = (
        "no Chromium found: install Debian's chromium (apt-get install chromium) "
        "or set CHROMIUM to a Chromium binary"
    )
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


def print_to_pdf(html: Path, pdf: Path, timeout: float = 120) -> Path:
    """Print a local HTML file to PDF with the browser's own print engine."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        subprocess.run(
            [
                chromium(),
                *FLAGS,
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    return pdf


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)
