"""Headless Chromium for the tests: find it, print a page to PDF, count pages.

Debian's chromium is installed by .ci/run. Without a browser the tests that need
one fail under CI=true and are skipped, with the reason, on a developer's machine.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tools.chromium import FLAGS, MISSING, find


def chromium() -> str:
    """The browser's path, or a failure (CI) or skip (elsewhere) saying how to get one."""
    path = find()
    if path:
        return path
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(MISSING)
    pytest.skip(MISSING)


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
