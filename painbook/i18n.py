"""The language of painbook's words: English by default, Spanish for the Spanish edition.

Every word painbook shows a reader (table headings, chart text, messages, the visit summary,
form labels, quiz questions) is written in English in the code and marked with :func:`_`
(or :func:`ngettext` for counts, :func:`N_` where a string is defined before any language is
chosen). The Spanish words are in a gettext catalog, ``painbook/locale/es/LC_MESSAGES/painbook.po``,
made and kept in step with Babel::

    pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
        --project=painbook -o painbook/locale/painbook.pot .
    pybabel update -i painbook/locale/painbook.pot -d painbook/locale -D painbook

(from the repository root: babel.cfg's patterns are relative to it).
(``make translations`` runs both, with the book's own catalogs; ``tests/test_translations.py``
fails on any message with no translation, a fuzzy one or an obsolete one.)

The language is chosen by the environment variable ``PAINBOOK_LANG`` (``en`` or ``es``), which
the Spanish book build sets for every notebook it runs, or in code with :func:`set_language`
or, for a block, :func:`use_language`. The catalog is read from the ``.po`` file itself (Babel
compiles it in memory), so there is no compiled ``.mo`` file to forget.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

DEFAULT = "en"
#: The languages painbook speaks: English (the code's own words) and Spanish.
LANGUAGES = ("en", "es")
ENV = "PAINBOOK_LANG"
DOMAIN = "painbook"

_chosen: str | None = None


def language() -> str:
    """The language in use: set_language()'s, else ``PAINBOOK_LANG``'s, else English."""
    lang = _chosen or os.environ.get(ENV, "") or DEFAULT
    lang = lang.split("_")[0].split("-")[0].lower()
    return lang if lang in LANGUAGES else DEFAULT


def set_language(lang: str | None) -> None:
    """Choose the language for what follows (``None``: back to ``PAINBOOK_LANG``)."""
    global _chosen
    if lang is not None and lang.split("_")[0].split("-")[0].lower() not in LANGUAGES:
        raise ValueError(f"painbook speaks {', '.join(LANGUAGES)}, not {lang!r}.")
    _chosen = lang


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Use ``lang`` inside a ``with`` block, then go back to the language before it."""
    global _chosen
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        _chosen = before


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of one language, compiled in memory from its .po file."""
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = resources.files("painbook") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """``message`` in the language in use (English when it has no translation)."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the language in use."""
    return translations(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in use, told apart by ``context`` (a word with two senses)."""
    return translations(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it yet (translate it with _ later)."""
    return message
