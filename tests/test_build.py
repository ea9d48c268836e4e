"""Build checks: a clean build, a page per toc entry, links that resolve, no other hosts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from _ext.editions import toc_files
from conftest import ROOT, BuiltBook
from painbook import diary, samples

pytestmark = pytest.mark.book


def all_toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *toc_files([toc])]


def pages(book: BuiltBook) -> list[Path]:
    return sorted(p for p in book.html.rglob("*.html") if "_static" not in p.parts)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_jupyter_book_is_version_1() -> None:
    assert version("jupyter-book") == "1.0.4.post1"


def test_requirements_are_pinned() -> None:
    loose = [
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-e")) and "==" not in line
    ]
    assert loose == [], f"pin these requirements with ==: {loose}"


# Sphinx reports a problem as "WARNING: ..." or "ERROR: ..." (after the file name, if any).
# The notebook kernels' own logging ("[IPKernelApp] WARNING | ...", "ERROR:tornado...:") is not
# about the book; a notebook that fails still shows up as Sphinx's "Executing notebook failed".
_SPHINX_PROBLEM = re.compile(r"(?:^|: )(?:WARNING|ERROR|CRITICAL|SEVERE): ")


def test_build_succeeds_without_warnings(book: BuiltBook) -> None:
    problems = [line for line in book.log.splitlines() if _SPHINX_PROBLEM.search(line)]
    assert book.returncode == 0, book.log[-4000:]
    assert problems == [], "\n".join(problems)


def test_every_toc_entry_has_a_page(book: BuiltBook) -> None:
    missing = [
        f for f in all_toc_files() if not (book.html / f"{Path(f).with_suffix('')}.html").is_file()
    ]
    assert missing == []


def _ids(path: Path) -> set[str]:
    soup = _soup(path)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return ids


def broken_links(book: BuiltBook) -> list[str]:
    broken = []
    for page in pages(book):
        for a in _soup(page).find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(book.html)}: {href}"
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in _ids(target)
            ):
                broken.append(f"{where} (no element #{parts.fragment})")
    return broken


def test_internal_links_resolve(book: BuiltBook) -> None:
    assert pages(book), "the build produced no pages"
    assert broken_links(book) == []


# Attributes through which a page makes the browser fetch something.
_LOADS = {
    "script": ["src"],
    "link": ["href"],  # only the kinds in _FETCHING_LINKS
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
# <link rel=...> kinds a browser fetches; rel=canonical or rel=next only name an address.
_FETCHING_LINKS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*((?:[a-z]+:)?//[^'\")\s]+)", re.I)


def remote_loads(book: BuiltBook) -> list[str]:
    found = []
    for page in pages(book):
        soup = _soup(page)
        rel = page.relative_to(book.html)
        for tag, attrs in _LOADS.items():
            for el in soup.find_all(tag):
                if tag == "link" and not _FETCHING_LINKS & set(el.get("rel", [])):
                    continue
                for attr in attrs:
                    for value in str(el.get(attr, "")).split(","):
                        if _REMOTE.match(value):
                            found.append(f"{rel}: <{tag} {attr}={value.strip()}>")
        for el in soup.find_all(style=True):
            found += [f"{rel}: style url {u}" for u in _CSS_URL.findall(el["style"])]
        for el in soup.find_all("style"):
            found += [f"{rel}: <style> {u}" for u in _CSS_URL.findall(el.get_text())]
        for el in soup.find_all("script", src=False):
            found += [
                f"{rel}: inline script names {u}"
                for u in re.findall(r"https?://[^\s\"'<>]+", el.get_text())
            ]
    for css in book.html.rglob("*.css"):
        found += [
            f"{css.relative_to(book.html)}: {u}"
            for u in _CSS_URL.findall(css.read_text(errors="replace"))
        ]
    return found


def test_nothing_is_loaded_from_another_host(book: BuiltBook) -> None:
    assert remote_loads(book) == []


def notebook_entries() -> list[str]:
    return [f for f in all_toc_files() if f.startswith("notebooks/")]


def test_every_notebook_page_offers_its_download(book: BuiltBook) -> None:
    assert notebook_entries(), "no notebook in the table of contents"
    for entry in notebook_entries():
        page = book.html / f"{entry}.html"
        href = f"../_sources/{entry}.ipynb"
        assert _soup(page).find("a", href=href), f"{entry}: no download link"
        assert (book.html / "_sources" / f"{entry}.ipynb").is_file()


def test_the_spanish_notebook_pages_offer_the_spanish_notebooks(book: BuiltBook) -> None:
    """The Spanish book's download is notebooks/es/NAME.ipynb (_ext/languages.py), the English
    book's the English notebook."""
    for entry in notebook_entries():
        page = book.html / "es" / f"{entry}.html"
        assert _soup(page).find("a", href=f"../_sources/{entry}.ipynb"), f"es/{entry}: no link"
        spanish = ROOT / "notebooks" / "es" / f"{Path(entry).name}.ipynb"
        given = book.html / "es" / "_sources" / f"{entry}.ipynb"
        assert given.read_bytes() == spanish.read_bytes(), f"es/{entry}: not the Spanish notebook"
        english = book.html / "_sources" / f"{entry}.ipynb"
        assert english.read_bytes() != spanish.read_bytes(), f"{entry}: English page, Spanish file"


@pytest.mark.parametrize(
    ("chapter", "name"),
    [("book/08-pain-diary", "diary"), ("book/11-caring-for-someone", "observations")],
)
def test_chapters_offer_the_blank_files_to_download(book: BuiltBook, chapter: str, name: str):
    """The blank diary and observation log, as shipped in painbook/data, one click away."""
    shipped = samples.template_path(name)
    page = book.html / f"{chapter}.html"
    links = [
        a["href"]
        for a in _soup(page).find_all("a", class_="download", href=True)
        if a["href"].endswith("/" + shipped.name)
    ]
    assert len(links) == 1, f"{chapter}: no download link to {shipped.name}"
    assert (page.parent / links[0]).read_bytes() == shipped.read_bytes()


def test_launch_buttons_appear_once_the_repository_is_named(tmp_path: Path) -> None:
    """The launch buttons come from _config.yml alone: give it a repository address and
    every notebook page links to Binder, Colab and the JupyterHub."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = "https://github.com/example-org/painbook"
    config["launch_buttons"]["jupyterhub_url"] = "https://hub.example.org"
    # local extension folders are found relative to the configuration file
    local = config["sphinx"]["local_extensions"]
    config["sphinx"]["local_extensions"] = {name: str(ROOT / path) for name, path in local.items()}
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: notebooks/headache-diary\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            str(ROOT),
            "--config",
            str(tmp_path / "_config.yml"),
            "--toc",
            str(tmp_path / "_toc.yml"),
            "--path-output",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    page = tmp_path / "_build" / "html" / "notebooks" / "headache-diary.html"
    assert page.is_file(), proc.stdout[-3000:] + proc.stderr[-3000:]
    links = [
        a["href"]
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")("a", href=True)
    ]
    notebook = "notebooks/headache-diary.ipynb"
    assert any(
        h.startswith("https://mybinder.org/v2/gh/example-org/painbook/main") and notebook in h
        for h in links
    ), "no Binder button"
    assert (
        f"https://colab.research.google.com/github/example-org/painbook/blob/main/{notebook}"
        in links
    ), "no Colab button"
    assert any(
        h.startswith("https://hub.example.org/hub/user-redirect/git-pull?") and "painbook" in h
        for h in links
    ), "no JupyterHub button"


def test_a_book_build_shows_the_samples_even_beside_a_personal_diary(tmp_path: Path) -> None:
    """A web page never shows a person's diary: with a my-diary.csv beside the notebook, the
    built page still reads Maria's made-up diary (painbook.workbook, _ext/workbook_build.py),
    and the text written for the web page is there."""
    source = tmp_path / "src"
    (source / "notebooks").mkdir(parents=True)
    for name in ("_static", "_templates", "_ext", "book"):
        (source / name).symlink_to(ROOT / name)
    (source / "_config.yml").write_text(
        (ROOT / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (source / "_toc.yml").write_text(
        "format: jb-book\nroot: notebooks/read-a-diary\n", encoding="utf-8"
    )
    (source / "notebooks" / "read-a-diary.ipynb").write_bytes(
        (ROOT / "notebooks" / "read-a-diary.ipynb").read_bytes()
    )
    private = "PRIVATE-NOTE-THAT-MUST-NOT-BE-PUBLISHED"
    rows = [{"date": f"2026-11-{d:02d}", "pain": 9, "notes": private} for d in range(1, 29)]
    diary.write_diary(samples.diary_frame(rows), source / "notebooks" / "my-diary.csv")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAINBOOK_")}
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(source)],
        cwd=source,
        capture_output=True,
        text=True,
        env=env,
    )
    page = source / "_build" / "html" / "notebooks" / "read-a-diary.html"
    assert page.is_file(), proc.stdout[-3000:] + proc.stderr[-3000:]
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    text = " ".join(text.split())
    assert "This shows the diary of Maria, a made-up person." in text
    assert "download it with the download button at the top of the page" in text
    assert private not in text and "my-diary.csv," not in text
    assert "Hours of sleep" in text  # the form's example for Maria, shown on the web page only
