"""tools/chromium.py: one place that finds the browser and lists its start-up flags."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tools import chromium


def test_chromium_names_a_binary_that_exists(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CHROMIUM", str(fake))
    assert chromium.find() == str(fake)


def test_a_chromium_that_is_not_there_is_none(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-such-browser"))
    assert chromium.find() is None
    assert "apt-get install chromium" in chromium.MISSING


@pytest.mark.parametrize("flag", ["--headless", "--no-sandbox", "--disable-background-networking"])
def test_the_flags_keep_the_browser_headless_and_quiet(flag: str) -> None:
    assert flag in chromium.FLAGS
    assert not any(f.startswith("--user-data-dir") for f in chromium.FLAGS)
