"""The Spanish edition is kept in step with the English (tools/languages.py, _ext/languages.py).

Every message of the reader edition (each paragraph, heading, list item, table cell, caption
and alt text of each page) is extracted from the English pages at test time, as
``make translations`` does, and must have a Spanish translation in
``locales/es/LC_MESSAGES/<page>.po`` that is neither empty nor fuzzy; a catalog may hold no
obsolete message. When the English changes, gettext marks the old translation fuzzy and the
Spanish page silently shows the English: these tests fail instead, naming the page and line.

The site's own words (``_ext/*.py``, through Sphinx's catalog) are checked the same way against
``locales/es/LC_MESSAGES/site.po``, and every Spanish chapter's reading level against INFLESZ.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_dir

from conftest import ROOT
from tools import languages
from tools.readability import measure as english_level
from tools.readability_es import MIN_INFLESZ, Inflesz
from tools.readability_es import measure as spanish_level

LANG = "es"
CATALOGS = ROOT / "locales" / LANG / "LC_MESSAGES"
MAKE = "run `make translations`, translate what it names in the .po file, then `make book`"


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The English messages, one .pot per page, extracted now (Sphinx's gettext builder)."""
    return languages.extract(tmp_path_factory.mktemp("gettext"))


def _where(entry: polib.POEntry, page: str) -> str:
    """``page:line`` of a message (a notebook's line is cell * 10000 + line)."""
    lines = [line for _, line in entry.occurrences if line]
    if not lines:
        return page
    number = int(lines[0])
    if page.startswith("notebooks/") and number >= 10000:
        return f"{page} cell {number // 10000}, line {number % 10000}"
    return f"{page}:{number}"


def _pages(templates: Path) -> list[str]:
    return sorted(
        p.relative_to(templates).with_suffix("").as_posix() for p in templates.rglob("*.pot")
    )


def test_every_page_has_a_spanish_catalog(templates: Path) -> None:
    missing = [page for page in _pages(templates) if not (CATALOGS / f"{page}.po").is_file()]
    assert missing == [], f"pages without a Spanish catalog: {missing}; {MAKE}"


def test_every_message_is_translated_and_none_is_stale(templates: Path) -> None:
    problems: list[str] = []
    for page in _pages(templates):
        pot = polib.pofile(str(templates / f"{page}.pot"))
        po_path = CATALOGS / f"{page}.po"
        if not po_path.is_file():
            continue  # test_every_page_has_a_spanish_catalog names it
        po = polib.pofile(str(po_path))
        # an empty message is a hidden table of contents' caption (sphinx-external-toc): no text
        messages = [e for e in pot if e.msgid]
        current = {(e.msgctxt, e.msgid) for e in messages}
        by_id = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
        for entry in messages:
            where = _where(entry, page)
            translated = by_id.get((entry.msgctxt, entry.msgid))
            text = entry.msgid if len(entry.msgid) < 70 else entry.msgid[:67] + "..."
            if translated is None:
                problems.append(f"{where}: not in {po_path.name} (new English): {text!r}")
            elif "fuzzy" in translated.flags:
                problems.append(f"{where}: fuzzy (the English changed): {text!r}")
            elif not translated.msgstr.strip():
                problems.append(f"{where}: no Spanish yet: {text!r}")
        for entry in po:
            if entry.obsolete or (entry.msgctxt, entry.msgid) not in current:
                text = entry.msgid[:67]
                problems.append(f"{page}.po: obsolete (no longer in the English): {text!r}")
    assert problems == [], f"{len(problems)} message(s) to translate; {MAKE}:\n" + "\n".join(
        problems
    )


def test_translations_keep_the_markup(templates: Path) -> None:
    """Roles, their targets and links survive translation: a broken one would silently lose a
    citation, a glossary link or a cross-reference (the strict build catches some, not all)."""
    cite = re.compile(r"\{(cite|cite:p|cite:t|doc|ref|numref|download)\}`([^`]*)`")
    target = re.compile(r"\]\(([^)\s]+)\)")
    problems = []
    for po_path in sorted(CATALOGS.rglob("*.po")):
        if po_path.name == "site.po":
            continue
        for entry in polib.pofile(str(po_path)):
            if not entry.msgstr or entry.obsolete:
                continue
            page = po_path.relative_to(CATALOGS).with_suffix("").as_posix()

            def roles(text: str) -> list[tuple[str, str]]:
                found = []
                for kind, body in cite.findall(text):
                    m = re.search(r"<([^>]+)>\s*$", body)
                    if kind in {"cite", "cite:p", "cite:t"}:
                        found.append((kind, body))
                    else:
                        found.append((kind, m.group(1) if m else body))
                return sorted(found)

            if roles(entry.msgid) != roles(entry.msgstr):
                problems.append(f"{_where(entry, page)}: roles differ: {entry.msgstr[:80]!r}")
            terms_en = re.findall(r"\{term\}`", entry.msgid)
            terms_es = re.findall(r"\{term\}`", entry.msgstr)
            if len(terms_en) != len(terms_es):
                problems.append(f"{_where(entry, page)}: glossary links differ")
            for number in ("911", "988"):
                if entry.msgid.count(number) > entry.msgstr.count(number):
                    problems.append(f"{_where(entry, page)}: lost {number}: {entry.msgstr[:80]!r}")
            en_links = [t for t in target.findall(entry.msgid) if not t.startswith("http")]
            es_links = [t for t in target.findall(entry.msgstr) if not t.startswith("http")]
            if sorted(en_links) != sorted(es_links):
                problems.append(f"{_where(entry, page)}: link targets differ: {es_links}")
    assert problems == []


# --------------------------------------------------------------------------- the site's words

SITE = CATALOGS / languages.SITE
THEME = "theme"  # the auto-comment of a message that Sphinx's or the theme's catalog lacks


def test_the_sites_own_words_are_translated() -> None:
    """Every _() message of _ext/*.py is in site.po, translated; nothing there is stale."""
    extracted = {
        message
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT / "_ext"),
            method_map=[("**.py", "python")],
            keywords={"_": None},
        )
    }
    po = polib.pofile(str(SITE))
    own = {e.msgid: e for e in po if THEME not in e.comment}
    assert sorted(extracted - set(own)) == [], f"not in {SITE.name}: add and translate them"
    assert sorted(set(own) - extracted) == [], f"in {SITE.name} but no longer in _ext/"
    assert [e.msgid for e in po if not e.msgstr.strip() or "fuzzy" in e.flags] == []


def test_the_spanish_pages_say_the_sites_words_in_spanish(book) -> None:
    """The theme's and Sphinx's words on a Spanish page, and _ext's, come out in Spanish."""
    assert book.returncode == 0
    page = (book.html / "es" / "book" / "01-what-pain-is.html").read_text(encoding="utf-8")
    english = [
        "Link to this heading",
        "Toggle primary sidebar",
        "Search this book",
        "Sections of ",
        "Taking Part in Pain Care",
        "Show code cell",
        "© Copyright",
    ]
    assert [words for words in english if words in page] == []
    assert '<html lang="es"' in page
    spanish = {e.msgid: e.msgstr for e in polib.pofile(str(SITE))}
    for words in ("Link to this heading", "Search this book...", "Sections of {title}"):
        assert spanish[words].split("{")[0] in page, words


# --------------------------------------------------------------------------- reading level

SPANISH_CHAPTERS = sorted(CATALOGS.glob("book/[0-9][0-9]-*.po"))


def inflesz_table(levels: list[tuple[Inflesz, float]]) -> str:
    rows = [f"{'capítulo':34} {'palabras':>8} {'INFLESZ':>8}  {'banda':16} {'EN grade':>8}"]
    for lv, grade in levels:
        flag = "" if lv.score >= MIN_INFLESZ else "  <-- below 65"
        rows.append(f"{lv.path:34} {lv.words:8d} {lv.score:8.1f}  {lv.band:16} {grade:8.1f}{flag}")
    return "\n".join(rows)


def test_every_spanish_chapter_reads_bastante_facil(record_readability) -> None:
    """Szigriszt-Pazos on the INFLESZ scale, 65 or more ("bastante fácil"), every chapter."""
    assert len(SPANISH_CHAPTERS) == 12
    levels = [
        (spanish_level(po), english_level(ROOT / "book" / f"{po.stem}.md").fk_grade)
        for po in SPANISH_CHAPTERS
    ]
    record_readability(inflesz_table(levels), "reading level of the Spanish chapters (INFLESZ)")
    assert [lv.path for lv, _ in levels if lv.score < MIN_INFLESZ] == [], inflesz_table(levels)
    assert all(lv.words > 500 for lv, _ in levels)  # measured on the prose, not on nothing
