"""A change to a file in ``_static/`` reaches the site on the next `make book`.

Sphinx writes again only the pages whose sources changed, and when none did it stops before
copying the static files; the stylesheet bundle of _ext/site_fixes.py would then keep the old
``_static/site.css``. The extension rewrites every page when a static file changed. Checked on
a small book of two pages that uses the extension, built three times.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.book

RULE = ".pb-rebuild-check { color: rgb(1, 2, 3); }"


def _build(book: Path) -> str:
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(book), "-n", "-W"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout


def _bundle(book: Path) -> str:
    bundles = list((book / "_build" / "html" / "_static").glob("site-bundle-*.css"))
    assert len(bundles) == 1, bundles
    return bundles[0].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = tmp_path_factory.mktemp("small-book")
    shutil.copytree(ROOT / "_ext", book / "_ext")
    shutil.copytree(ROOT / "_static", book / "_static")
    (book / "_config.yml").write_text(
        "title: A small book\n"
        "only_build_toc_files: true\n"
        "exclude_patterns: [_build, _ext]\n"
        "execute: {execute_notebooks: 'off'}\n"
        "html: {baseurl: 'https://painbook.invalid/'}\n"
        "sphinx:\n"
        "  local_extensions: {site_fixes: _ext}\n",
        encoding="utf-8",
    )
    (book / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: second\n", encoding="utf-8"
    )
    (book / "intro.md").write_text("# A small book\n\nThe first page.\n", encoding="utf-8")
    (book / "second.md").write_text("# A second page\n\nThe second page.\n", encoding="utf-8")
    return book


def test_an_edited_stylesheet_reaches_every_page(small_book: Path) -> None:
    _build(small_book)
    assert RULE not in _bundle(small_book)

    unchanged = _build(small_book)
    assert "no targets are out of date" in unchanged

    css = small_book / "_static" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n" + RULE + "\n", encoding="utf-8")
    stat = css.stat()
    os.utime(css, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    _build(small_book)
    assert RULE in _bundle(small_book)
    html = small_book / "_build" / "html"
    for page in ("intro.html", "second.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert "site-bundle-" in text and "site.css" not in text.split("<body")[0]
    assert RULE in (html / "_static" / "site.css").read_text(encoding="utf-8")
