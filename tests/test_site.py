"""The site a caregiver opens, checked in a real browser: accessible, private, valid, printable.

The book built by the session's `book` fixture is served on 127.0.0.1 (tests/site_browser.py)
and every page of the reader edition (each _toc.yml entry, the index and the search page) is
opened in Debian's chromium, driven by Playwright:

- accessibility: axe-core finds no violation, of any impact, in light and in dark mode;
- privacy: every request the page makes goes to 127.0.0.1;
- console: no JavaScript error, no failed request, no HTTP error;
- keyboard: the first Tab reaches a visible skip link that moves focus to the content; Tab
  then reaches every control, each with a visible focus indicator that nothing covers, and
  comes back round to the start (no trap);
- reflow: at 320 CSS pixels wide nothing needs sideways scrolling, except code, tables and
  notebook outputs inside their own scroll boxes;
- print: sidebars, header, buttons and page footer are not printed, and each web link prints
  its address; one chapter is printed to PDF and read back.

The Nu HTML Checker (vnu-jar, with Java) then validates every built page, and the built files
are checked for a meta description, the favicon, the sitemap and the heavy theme assets that
_ext/site_fixes.py and _templates/ remove. How the theme was fixed: see _ext/site_fixes.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, BuiltBook
from site_browser import HOST, java, node_tool, serve
from test_build import all_toc_files

pytestmark = pytest.mark.book

# Every page of the reader edition, as its path without ".html".
ENGLISH = list(dict.fromkeys(Path(f).with_suffix("").as_posix() for f in all_toc_files()))
ENGLISH += ["genindex", "search"]
# The Spanish edition (tools/languages.py) has the same pages under es/, and gets every check.
SPANISH = [f"es/{page}" for page in ENGLISH]
PAGES = ENGLISH + SPANISH
MODES = ["light", "dark"]
SEARCH_QUERY = {"en": "pain diary", "es": "diario del dolor"}
DESKTOP = {"width": 1280, "height": 800}
# The theme's skip link, in each edition's language (the theme's own Spanish catalog).
SKIP_LINK = {"en": "Skip to main content", "es": "Saltar al contenido principal"}


def leaf(page: str) -> str:
    """The page's name without its language folder: es/search -> search."""
    return page.removeprefix("es/")


def edition_of(page: str) -> str:
    return "es" if page.startswith("es/") or page == "es" else "en"


def page_path(page: str) -> str:
    if leaf(page) != "search":
        return f"{page}.html"
    query = SEARCH_QUERY["es" if page.startswith("es/") else "en"]
    return f"{page}.html?q={query.replace(' ', '+')}"


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def site(book: BuiltBook):
    assert book.returncode == 0, "the book did not build: see test_build.py"
    with serve(book.html) as base:
        yield base


@dataclass
class Visit:
    """What one page did while it loaded in one colour mode, and what axe-core found."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # console errors, failed requests
    violations: list[dict] = field(default_factory=list)
    theme: str = ""


_AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)
  }));
}"""


class Crawler:
    """Opens pages in one browser context per colour mode; each page once per mode."""

    def __init__(self, browser, base: str) -> None:
        self.browser, self.base = browser, base
        self.contexts: dict[str, object] = {}
        self.visits: dict[tuple[str, str], Visit] = {}
        self.axe = node_tool("axe-core/axe.min.js").read_text(encoding="utf-8")

    def context(self, mode: str):
        if mode not in self.contexts:
            self.contexts[mode] = self.browser.new_context(
                color_scheme=mode, viewport=DESKTOP, reduced_motion="reduce"
            )
        return self.contexts[mode]

    def visit(self, page: str, mode: str) -> Visit:
        if (page, mode) in self.visits:
            return self.visits[(page, mode)]
        result = Visit()
        tab = self.context(mode).new_page()
        tab.on("request", lambda r: result.requests.append(r.url))
        tab.on(
            "console",
            lambda m: m.type == "error" and result.problems.append(f"console: {m.text}"),
        )
        tab.on("pageerror", lambda e: result.problems.append(f"script error: {e}"))
        tab.on(
            "requestfailed",
            lambda r: result.problems.append(f"failed: {r.url} ({r.failure})"),
        )
        tab.on(
            "response",
            lambda r: r.status >= 400 and result.problems.append(f"HTTP {r.status}: {r.url}"),
        )
        try:
            tab.goto(self.base + page_path(page), wait_until="load")
            if leaf(page) == "search":  # let the search run, so that its results are checked too
                tab.wait_for_function(
                    "document.querySelector('#search-results .search-summary')?.innerText"
                )
            if mode == MODES[0]:  # requests made after "load" count too (privacy, console)
                tab.wait_for_load_state("networkidle")
            result.theme = tab.evaluate("document.documentElement.dataset.theme")
            tab.evaluate(self.axe)
            result.violations = tab.evaluate(_AXE_RUN)
        finally:
            tab.close()
        self.visits[(page, mode)] = result
        return result

    def check_axe(self, page: str, mode: str) -> None:
        """The page switched to `mode`, and axe-core found nothing in it."""
        visit = self.visit(page, mode)
        assert visit.theme == mode, f"the page did not switch to {mode} mode"
        assert visit.violations == [], json.dumps(visit.violations, indent=1)

    def other_hosts(self, page: str) -> list[str]:
        """Every address the page asked for, in either mode, on a host but 127.0.0.1."""
        requests = [url for mode in MODES for url in self.visit(page, mode).requests]
        assert requests, "no request was recorded"
        return sorted(
            {
                url
                for url in requests
                if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname != HOST
            }
        )

    def problems(self, page: str) -> list[str]:
        """Console errors, script errors, failed requests and HTTP errors, in either mode."""
        return [p for mode in MODES for p in self.visit(page, mode).problems]

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def built_pages(html: Path) -> set[str]:
    """Every page built into `html`, as its path without ".html"."""
    return {
        p.relative_to(html).with_suffix("").as_posix()
        for p in html.rglob("*.html")
        if "_static" not in p.parts
    }


@pytest.fixture(scope="session")
def crawler(browser, site):
    crawl = Crawler(browser, site)
    yield crawl
    crawl.close()


def test_every_built_page_is_checked(book: BuiltBook) -> None:
    built = built_pages(book.html)
    built -= {"index", "es/index"}  # the front doors, checked on their own
    assert built == set(PAGES), "a page is built but not checked, or vice versa"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation(crawler: Crawler, page: str, mode: str) -> None:
    crawler.check_axe(page, mode)


@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_requested_from_another_host(crawler: Crawler, page: str) -> None:
    assert crawler.other_hosts(page) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_console_error_or_failed_request(crawler: Crawler, page: str) -> None:
    assert crawler.problems(page) == []


def test_front_door_opens_the_book(browser, site: str) -> None:
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: m.type == "error" and problems.append(m.text))
    tab.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    try:
        tab.goto(site, wait_until="load")
        tab.wait_for_url(re.compile(r"/book/index\.html$"))
        tab.wait_for_load_state("load")
        assert tab.locator("h1").first.inner_text().strip()
    finally:
        tab.close()
    assert problems == []


# --------------------------------------------------------------------------- keyboard

_TABBABLE = """() => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]')]
  .filter(e => !e.disabled && e.tabIndex >= 0 && !e.closest('[inert]')
          && e.checkVisibility({visibilityProperty: true}))
  .map((e, i) => { e.dataset.siteTab = i; return window.__siteKey(e); })
  .filter((key, i, keys) => keys.indexOf(key) === i)"""

# Describes the focused element: where it is, whether a focus indicator shows, and whether
# anything (a sticky header...) covers it.
_FOCUSED = "() => window.__siteFocused()"

# Installed in every page of the keyboard test: how to name and describe the focused element,
# and a log that describes it each time Tab is pressed, just before focus moves on (so after
# the browser has scrolled it into view), which saves a round trip per key.
_KEY = """window.__siteFocused = () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                     || s.boxShadow !== 'none';
  const indicated = shows(getComputedStyle(el))
    || [...el.children].some(c => shows(getComputedStyle(c)));
  // A control drawn by a child (the sidebar's section toggles) is where that child is.
  // A link broken over two lines is checked on its first line.
  const box = e => [...e.getClientRects()].find(r => r.width > 0 && r.height > 0);
  const drawn = [el, ...el.children].find(e => box(e)) || el;
  const r = box(drawn) || drawn.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  // A box taller than the window (a long table's scroll box) cannot be shown whole: the
  // browser scrolls part of it into view, and that visible part is looked at.
  const y = r.height > innerHeight
    ? (Math.max(r.top, 0) + Math.min(r.bottom, innerHeight)) / 2
    : Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    key: window.__siteKey(el),
    indicated,
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
            && r.right > 0 && r.left < innerWidth,
    covered: !(top && (el.contains(top) || top.contains(drawn))),
    inMain: !!el.closest('#main-content'),
  };
};
window.__siteTabLog = [];
document.addEventListener('keydown', e => {
  if (e.key === 'Tab') window.__siteTabLog.push(window.__siteFocused());
}, true);
window.__siteKey = e => {
  // Tab reaches one radio button of a group (the arrow keys move within it).
  if (e.type === 'radio' && e.name) return 'radio group "' + e.name + '"';
  const path = [];
  for (let n = e; n && n.nodeType === 1 && path.length < 6; n = n.parentElement) {
    const i = n.parentElement ? [...n.parentElement.children].indexOf(n) : 0;
    path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + ':' + i);
  }
  const text = (e.innerText || e.getAttribute('aria-label') || e.title || '').trim();
  // Numbered when the page's controls are listed (_TABBABLE), so that a script moving
  // things around does not change an element's name.
  const where = e.dataset.siteTab === undefined ? path.join('>') : '#' + e.dataset.siteTab;
  return where + ' "' + text.replace(/\\s+/g, ' ').slice(0, 40) + '"';
}"""


def new_keyboard_context(browser):
    """A browser context whose pages log what each Tab reaches (see _KEY)."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    context.add_init_script(_KEY)
    return context


@pytest.fixture(scope="session")
def keyboard_context(browser, site):
    context = new_keyboard_context(browser)
    yield context
    context.close()


@pytest.mark.parametrize("page", PAGES)
def test_keyboard_alone_reaches_everything(keyboard_context, site: str, page: str) -> None:
    check_keyboard(keyboard_context, site + page_path(page))


def check_keyboard(context, url: str) -> None:
    """The page at `url` can be used with the keyboard alone (see the module's docstring)."""
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="load")
        # The first Tab: a visible skip link, which takes focus to the page's content.
        tab.keyboard.press("Tab")
        first = tab.evaluate(_FOCUSED)
        skip = SKIP_LINK["es" if "/es/" in url else "en"]
        assert first and skip in first["key"], f"first Tab reached {first}"
        assert first["inView"] and first["indicated"], f"the skip link does not show: {first}"
        tab.keyboard.press("Enter")
        assert tab.evaluate("location.hash") == "#main-content"
        tab.keyboard.press("Tab")
        after_skip = tab.evaluate(_FOCUSED)
        assert after_skip and after_skip["inMain"], f"after the skip link: {after_skip}"

        # Then Tab through the whole page from the top, until focus comes back round.
        tab.goto(url, wait_until="load")
        tabbable = tab.evaluate(_TABBABLE)
        presses = 0
        while True:
            for _ in range(len(tabbable) + 2 if presses == 0 else 5):
                tab.keyboard.press("Tab")
            presses = tab.evaluate("window.__siteTabLog.length")
            # What each Tab reached: described when the next Tab was pressed, or now.
            reached = tab.evaluate("window.__siteTabLog.slice(1)") + [tab.evaluate(_FOCUSED)]
            reached = [f for f in reached if f]
            starts = [i for i, f in enumerate(reached) if f["key"] == reached[0]["key"]]
            if len(starts) > 1:
                seen = reached[: starts[1]]  # came back round to the skip link: no trap
                break
            # A date or time box takes several Tabs (day, month, year, calendar button).
            fields = tab.evaluate(
                "document.querySelectorAll('input[type=date], input[type=time]').length"
            )
            if presses > len(tabbable) + 25 + 6 * fields:
                pytest.fail(f"Tab never came back to the start: stuck after {reached[-3:]}")
        # A control found out of view or covered is looked at again once the page has
        # settled: the theme's page contents (scrollspy) open and close their sub-lists a frame
        # after the page scrolls, so on a busy machine a link can be caught mid-change. Something
        # that really hides the focus (a sticky header over it) still does so the second time.
        hidden = [f["key"] for f in seen if not f["inView"] or f["covered"]]
        hidden = [key for key in hidden if not _shows_when_settled(tab, key)]
    finally:
        tab.close()
    keys = {f["key"] for f in seen}
    assert [k for k in tabbable if k not in keys] == [], "never reached by Tab"
    assert [f["key"] for f in seen if not f["indicated"]] == [], "no visible focus indicator"
    assert hidden == [], "focused but out of view or covered"


_REFOCUS = """async key => {
  const number = (key.match(/^#(\\d+) /) || [])[1];
  const el = number === undefined ? null : document.querySelector(`[data-site-tab="${number}"]`);
  if (!el) return null;
  el.focus();
  for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
  return window.__siteFocused();
}"""


def _shows_when_settled(tab, key: str) -> bool:
    """Focus the control named `key` again and wait three frames: in view and uncovered?"""
    again = tab.evaluate(_REFOCUS, key)
    return bool(again and again["key"] == key and again["inView"] and not again["covered"])


# --------------------------------------------------------------------------- 320 px

# Elements sticking out of a 320 px viewport, except those inside their own scroll box
# (code, tables, maths and notebook outputs) and those hidden on purpose.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrollBox = e => {
    for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (['auto', 'scroll'].includes(s.overflowX)) return n;
    }
    return null;
  };
  const allowed = box => box.matches(
    'pre, .highlight, .table-wrapper, .pst-scrollable-table-container, .output, '
    + '.cell_output, .math, mjx-container, .MathJax, table, .sd-tab-content')
    || !!box.querySelector(':scope > pre, :scope > table, :scope > .highlight');
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= width + 1 && r.left >= -1) continue;
    const box = scrollBox(e);
    if (box && allowed(box) && box.getBoundingClientRect().right <= width + 1) continue;
    if (out.some(o => o.contains(e))) continue;
    out.push(e);
  }
  // Text can stick out of a box that fits (a long web address, a long word in a heading).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.parentElement;
    if (!n.textContent.trim() || out.some(o => o.contains(e))) continue;
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    if (![...range.getClientRects()].some(r => r.right > width + 1 || r.left < -1)) continue;
    // Text scrolls inside its own element when that is the scroll box (a <pre> of plain text).
    const box = ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) ? e : scrollBox(e);
    if (box && allowed(box) && box.getBoundingClientRect().right <= width + 1) continue;
    out.push(e);
  }
  return {
    pageScrolls: document.documentElement.scrollWidth > width,
    outside: out.map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')
      + ' "' + (e.innerText || '').trim().slice(0, 40) + '" right='
      + Math.round(e.getBoundingClientRect().right)),
  };
}"""


NARROW = {"width": 320, "height": 720}


@pytest.fixture(scope="session")
def narrow_context(browser, site):
    context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
    yield context
    context.close()


@pytest.mark.parametrize("page", PAGES)
def test_320_px_wide_needs_no_sideways_scrolling(narrow_context, site: str, page: str) -> None:
    check_reflow(narrow_context, site + page_path(page))


def check_reflow(context, url: str) -> None:
    """At the context's width (320 px), nothing on the page at `url` needs sideways scrolling."""
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="load")
        result = tab.evaluate(_OVERFLOW)
    finally:
        tab.close()
    assert not result["pageScrolls"] and result["outside"] == [], result


_TABLE_ALIGNMENT = """() => [...document.querySelectorAll('.cell_output table.dataframe')]
  .flatMap(t => [...t.querySelectorAll('th, td')])
  .map(c => [c.closest('thead') ? 'heading' : 'body', getComputedStyle(c)])
  .map(([part, s]) => part + ' ' + s.textAlign + (part === 'body' ? ' ' + s.verticalAlign : ''))"""


def test_notebook_tables_read_from_the_left_and_top(narrow_context, site: str) -> None:
    """The diary's field guide (a pandas table of sentences) lines its words up like a book."""
    tab = narrow_context.new_page()
    try:
        tab.goto(site + page_path("notebooks/keep-a-diary"), wait_until="load")
        alignments = tab.evaluate(_TABLE_ALIGNMENT)
    finally:
        tab.close()
    assert len(alignments) > 20, "the field guide table is missing from the page"
    assert set(alignments) == {"heading left", "body left top"}, set(alignments)


# --------------------------------------------------------------------------- print

# In print, these must not show; every web link in the text must show its address.
_NOT_PRINTED = [
    "#pst-primary-sidebar",
    "#pst-secondary-sidebar",
    ".bd-header",
    ".bd-header-article",
    ".prev-next-footer",
    "#pst-back-to-top",
    ".skip-link",
]
_PRINT = """(hidden) => {
  const shown = e => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const printed = [];
  for (const selector of hidden)
    for (const e of document.querySelectorAll(selector)) if (shown(e)) printed.push(selector);
  for (const b of document.querySelectorAll('button, [role=button]'))
    if (shown(b)) printed.push('button "' + (b.innerText || b.getAttribute('aria-label') || '')
                               .trim().slice(0, 30) + '"');
  const unshown = [];
  for (const a of document.querySelectorAll('.bd-article a[href^="http"]')) {
    if (!shown(a)) continue;
    const after = getComputedStyle(a, '::after').content;
    const text = a.innerText.trim();
    const href = a.getAttribute('href');
    if (text !== a.href && text !== href && !after.includes(href)) unshown.push(href);
  }
  return {printed, unshown};
}"""


@pytest.fixture(scope="session")
def print_context(browser, site):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.mark.parametrize("page", [p for p in PAGES if leaf(p) not in {"genindex", "search"}])
def test_page_prints_cleanly(print_context, site: str, page: str) -> None:
    tab = print_context.new_page()
    try:
        tab.goto(site + page_path(page), wait_until="load")
        tab.emulate_media(media="print")
        result = tab.evaluate(_PRINT, _NOT_PRINTED)
    finally:
        tab.close()
    assert result["printed"] == [], "printed although it is not part of the text"
    assert result["unshown"] == [], "web links whose address is not printed"


def _print_pdf(context, url: str, pdf: Path) -> tuple[str, str]:
    """Print `url` to `pdf`; return the PDF's text and the text of what must not print."""
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="load")
        chrome = tab.evaluate(
            """(hidden) => hidden.flatMap(s => [...document.querySelectorAll(s)])
                 .map(e => e.innerText).join('\\n')""",
            _NOT_PRINTED,
        )
        # The article, and the chapter's own contents list that the theme prints above it.
        article = tab.evaluate(
            "document.querySelector('.bd-article').innerText + '\\n' +"
            " (document.querySelector('#jb-print-docs-body')?.textContent || '')"
        )
        tab.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        tab.close()
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    squash = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    lines = {squash(line) for line in chrome.splitlines() if len(squash(line)) > 3}
    only_chrome = sorted(line for line in lines if line not in squash(article))
    return squash(text), "\n".join(only_chrome)


def test_a_chapter_printed_to_pdf(print_context, site: str, tmp_path: Path) -> None:
    chapter = "book/08-pain-diary"
    text, chrome = _print_pdf(print_context, site + page_path(chapter), tmp_path / "ch.pdf")
    title = re.search(r"^# (.+)$", (ROOT / f"{chapter}.md").read_text(encoding="utf-8"), re.M)
    assert title and title.group(1).strip() in text
    assert "Key points" in text
    leaked = [line for line in chrome.splitlines() if line in text]
    assert chrome and leaked == [], "sidebar, header or button text in the printed chapter"


def test_printed_links_show_their_address(
    print_context, book: BuiltBook, site: str, tmp_path: Path
) -> None:
    page = "book/resources"
    article = _soup(book.html / f"{page}.html").select_one(".bd-article")
    links = [a["href"] for a in article.select('a[href^="http"]')]
    assert links, "the resources page has no web links to print"
    text, _ = _print_pdf(print_context, site + page_path(page), tmp_path / "links.pdf")
    # An address may wrap at the end of a printed line, and the PDF's text may hold a
    # typographic ligature ("ﬁ" in "ﬁndtreatment"): compare the compatibility form (NFKC)
    # without spaces and line breaks.
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    assert [url for url in links if url not in compact] == []


# --------------------------------------------------------------------------- validity


def nu_html_errors(html: Path) -> dict[str, list[str]]:
    """The Nu HTML Checker's errors for every page built in `html`, by page (one Java run)."""
    jar = node_tool("vnu-jar/build/dist/vnu.jar")
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    proc = subprocess.run(
        [java(), "-jar", str(jar), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(proc.stderr or proc.stdout)["messages"]:
        where = Path(urlsplit(message.get("url", "")).path)
        name = where.relative_to(html).with_suffix("").as_posix() if where.name else "?"
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']} "
            f"[{message.get('extract', '').strip()[:80]}]"
        )
    return errors


@pytest.fixture(scope="session")
def vnu_errors(book: BuiltBook) -> dict[str, list[str]]:
    return nu_html_errors(book.html)


@pytest.mark.parametrize("page", ["index", "es/index", *PAGES])
def test_html_is_valid(vnu_errors: dict[str, list[str]], page: str) -> None:
    assert vnu_errors.get(page, []) == []
    assert "?" not in vnu_errors, vnu_errors.get("?")


# --------------------------------------------------------------------------- the built files


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _title(lang: str) -> str:
    """The book's title in one edition (_config.yml, or _config.es.yml for the Spanish)."""
    name = "_config.yml" if lang == "en" else f"_config.{lang}.yml"
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize("page", ["index", "es/index", *PAGES])
def test_page_has_a_description_and_favicon(book: BuiltBook, page: str) -> None:
    path = book.html / f"{page}.html"
    soup = _soup(path)
    descriptions = [
        m.get("content", "") for m in soup.find_all("meta", attrs={"name": "description"})
    ]
    assert len(descriptions) == 1 and 20 <= len(descriptions[0]) <= 160, descriptions
    if leaf(page) in {"index", "genindex", "search"}:  # no paragraph of their own: the book's name
        assert _title(edition_of(page)) in descriptions[0]
    if leaf(page) != "index":  # the front door is replaced at once by the book's first page
        icons = soup.find_all("link", rel="icon")
        assert len(icons) == 1 and (path.parent / icons[0]["href"]).is_file()


def test_descriptions_differ_between_pages(book: BuiltBook) -> None:
    descriptions = [
        _soup(book.html / f"{p}.html").find("meta", attrs={"name": "description"})["content"]
        for p in PAGES
    ]
    assert len(set(descriptions)) == len(descriptions)


def test_sitemap_lists_every_page(book: BuiltBook) -> None:
    base = _config()["html"]["baseurl"]
    assert base.endswith("/"), "html.baseurl in _config.yml must end with /"
    tree = ET.parse(book.html / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    expected = sorted(f"{base}{p}.html" for p in PAGES if leaf(p) not in {"genindex", "search"})
    assert sorted(urls) == expected
    robots = (book.html / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots


@pytest.mark.parametrize("page", PAGES)
def test_pages_skip_the_heavy_theme_assets(crawler: Crawler, page: str) -> None:
    """What _ext/site_fixes.py and _templates/ removed stays removed (see the bench)."""
    paths = [urlsplit(u).path for u in crawler.visit(page, "light").requests]
    assert not [p for p in paths if p.endswith("fontawesome.js")]
    assert not [p for p in paths if "/vendor/fontawesome/webfonts/" in p], "full icon fonts"
    if leaf(page) != "search":
        assert not [p for p in paths if p.endswith(("searchindex.js", "searchtools.js"))]
    stylesheets = [p for p in paths if p.endswith(".css")]
    assert len(stylesheets) == 1, f"stylesheets block the first paint: {stylesheets}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_icon_a_page_uses_is_drawn(book: BuiltBook, lang: str) -> None:
    folder = book.html if lang == "en" else book.html / lang
    icons_css = (folder / "_static" / "site-icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"^\.fa-([\w-]+) \{ width", icons_css, re.M))
    used = set()
    for page in ["index", *PAGES]:
        if edition_of(page) != lang:
            continue
        for tag in _soup(book.html / f"{page}.html").find_all(class_=re.compile(r"^fa-")):
            used |= {c[3:] for c in tag["class"] if c.startswith("fa-")}
    used -= {"solid", "regular", "brands", "lg", "fw"}
    assert used - drawn == set()


@pytest.mark.parametrize("page", PAGES)
def test_images_are_described_not_named(book: BuiltBook, page: str) -> None:
    """An image's text alternative is a description, never its file name (myst-nb's default
    for a chart without one); decorative images may have an empty one."""
    file_names = [
        f"{img.get('src')}: alt={img.get('alt')!r}"
        for img in _soup(book.html / f"{page}.html").find_all("img")
        if img.get("alt") is None
        or re.search(r"(^|/)[\w.-]+\.(png|jpe?g|gif|svg|webp)$", img["alt"].strip(), re.I)
    ]
    assert file_names == []
