"""The instructor edition's own pages, checked in the browser like the reader edition's.

Instructors read the session plans, notes, answer key and handouts on screen before they print
them, some with a screen reader. Every page that only the instructor edition has (the guide,
the twelve chapters' notes, the handouts, the class-check notebook) is opened in Debian's
chromium in light and dark mode: axe-core finds no violation, every request goes to 127.0.0.1,
no console error or failed request; the keyboard alone reaches everything, with no trap; at
320 px nothing needs sideways scrolling; and the Nu HTML Checker finds no error. The pages both
editions share are checked in tests/test_site.py.
"""

from __future__ import annotations

import pytest
from test_site import (
    MODES,
    NARROW,
    PAGES,
    Crawler,
    built_pages,
    check_keyboard,
    check_reflow,
    new_keyboard_context,
    nu_html_errors,
)

import kit
from _ext.editions import instructor_toc, toc_files
from conftest import ROOT, BuiltBook
from site_browser import serve

pytestmark = pytest.mark.book

_TOC = instructor_toc(ROOT / "_toc_instructor.yml", ROOT)
# The pages only the instructor edition has, as paths without ".html".
INSTRUCTOR_PAGES = sorted(
    {f.removesuffix(".md").removesuffix(".ipynb") for f in toc_files([_TOC])} - set(PAGES)
)


@pytest.fixture(scope="session")
def instructor(book: BuiltBook) -> BuiltBook:
    built = kit.instructor_edition(book)
    assert built.returncode == 0, "the instructor edition did not build: see test_instructor.py"
    return built


@pytest.fixture(scope="session")
def instructor_site(instructor: BuiltBook):
    with serve(instructor.html) as base:
        yield base


@pytest.fixture(scope="session")
def instructor_crawler(browser, instructor_site: str):
    crawl = Crawler(browser, instructor_site)
    yield crawl
    crawl.close()


def test_every_instructor_page_is_checked(book: BuiltBook, instructor: BuiltBook) -> None:
    assert len(INSTRUCTOR_PAGES) >= 30
    assert built_pages(instructor.html) - set(PAGES) - {"index"} == set(INSTRUCTOR_PAGES)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_axe_finds_no_violation(instructor_crawler: Crawler, page: str, mode: str) -> None:
    instructor_crawler.check_axe(page, mode)


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_nothing_is_requested_from_another_host(instructor_crawler: Crawler, page: str) -> None:
    assert instructor_crawler.other_hosts(page) == []


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_no_console_error_or_failed_request(instructor_crawler: Crawler, page: str) -> None:
    assert instructor_crawler.problems(page) == []


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_keyboard_alone_reaches_everything(browser, instructor_site: str, page: str) -> None:
    context = new_keyboard_context(browser)
    try:
        check_keyboard(context, f"{instructor_site}{page}.html")
    finally:
        context.close()


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_320_px_wide_needs_no_sideways_scrolling(browser, instructor_site: str, page: str) -> None:
    context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
    try:
        check_reflow(context, f"{instructor_site}{page}.html")
    finally:
        context.close()


@pytest.fixture(scope="session")
def instructor_vnu_errors(instructor: BuiltBook) -> dict[str, list[str]]:
    return nu_html_errors(instructor.html)


@pytest.mark.parametrize("page", INSTRUCTOR_PAGES)
def test_html_is_valid(instructor_vnu_errors: dict[str, list[str]], page: str) -> None:
    assert instructor_vnu_errors.get(page, []) == []
    assert "?" not in instructor_vnu_errors, instructor_vnu_errors.get("?")
