"""The diary page's words in other languages: one gettext catalog per language.

Every word a reader sees on the diary page (``diary/index.md``) is written in English in two
places: the page's modules (``diary/js/*.js``, inside ``t("...")`` and
``tn("...", "...", n)``, see ``diary/js/i18n.js``) and the page's own HTML (the ``{raw} html``
block of ``diary/index.md``: its text and its ``aria-label``, ``placeholder``, ``title`` and
``alt`` attributes), plus the web app manifest's name and description. They are gathered
into one template, ``diary/locale/diary.pot``, and translated in
``diary/locale/<lang>/LC_MESSAGES/diary.po``::

    .venv/bin/python _ext/diary_messages.py          # extract, then update each .po file

(Babel's JavaScript extractor for the modules, :func:`html_messages` for the HTML.) At build
time ``_ext/diary_page.py`` puts the HTML into the page's language (:func:`translate_html`)
and writes the modules' messages beside the page as ``messages.json`` (:func:`page_catalog`).
``tests/test_diary_messages.py`` fails when a message has no translation, is fuzzy or
obsolete. Painbook's own words (the form's labels, the entry messages) are in painbook's
catalog and reach the page through ``rules.json``, not here.
"""

from __future__ import annotations

import html as html_lib
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIARY = ROOT / "diary"
LOCALE = DIARY / "locale"
DOMAIN = "diary"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
#: The languages the page is translated into (English is the code's own).
LANGUAGES = ("es",)
KEYWORDS = {"t": None, "tn": (1, 2), "tp": ((1, "c"), 2)}
#: Two forms, one and other, as gettext has always had Spanish (the page's tn picks them with
#: Intl.PluralRules); CLDR's third form, for a million, is not needed for a diary's numbers.
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);"}
PROJECT = "Taking Part in Pain Care: the diary page"
AUTHORS = "The Taking Part in Pain Care authors"
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
MANIFEST_KEYS = ("name", "short_name", "description")

_RAW = re.compile(r"^```\{raw\} html\n(.*?)^```", re.S | re.M)
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_ATTR = re.compile(r"(\s(?:" + "|".join(ATTRIBUTES) + r')=")([^"]*)(")')
_SKIP = re.compile(r"<(script|style)\b", re.I)


def po_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _squash(text: str) -> str:
    return " ".join(html_lib.unescape(text).split())


def _pieces(raw: str) -> Iterator[tuple[str, str, int, int, int]]:
    """The translatable pieces of raw HTML: (kind, msgid, line, start, end).

    ``kind`` is ``"text"`` (a text node, its whitespace squashed) or ``"attr"`` (an
    attribute's value); ``start:end`` is where the piece is in ``raw``; ``line`` is 1-based.
    Text inside ``<script>`` and ``<style>`` is not a reader's.
    """
    at = 0
    skip = False
    for match in [*_TOKEN.finditer(raw), None]:
        end = match.start() if match else len(raw)
        text = raw[at:end]
        if text.strip() and not skip:
            lead = len(text) - len(text.lstrip())
            start = at + lead
            yield (
                "text",
                _squash(text),
                raw.count("\n", 0, start) + 1,
                start,
                end - (len(text) - len(text.rstrip())),
            )
        if match is None:
            break
        tag = match.group()
        if not tag.startswith("<!--"):
            skip = bool(_SKIP.match(tag))
            for attr in _ATTR.finditer(tag):
                if attr.group(2).strip():
                    s = match.start() + attr.start(2)
                    yield (
                        "attr",
                        _squash(attr.group(2)),
                        raw.count("\n", 0, s) + 1,
                        s,
                        (match.start() + attr.end(2)),
                    )
        at = match.end()


def raw_blocks(markdown: str) -> list[tuple[str, int]]:
    """The ``{raw} html`` blocks of a MyST page: (their text, the line they start on)."""
    return [(m.group(1), markdown.count("\n", 0, m.start(1)) + 1) for m in _RAW.finditer(markdown)]


def html_messages(markdown: str) -> list[tuple[str, int]]:
    """The messages of a page's raw HTML, with their lines in the page: (msgid, line)."""
    found = []
    for raw, first in raw_blocks(markdown):
        for _, msgid, line, _, _ in _pieces(raw):
            found.append((msgid, first + line - 1))
    return found


def translate_html(raw: str, messages: dict[str, str]) -> str:
    """``raw`` HTML with each text and attribute put into the catalog's words (``messages``:
    msgid to translation); a piece with no translation stays as it is."""
    out = []
    at = 0
    for kind, msgid, _, start, end in _pieces(raw):
        found = messages.get(msgid)
        if not isinstance(found, str) or not found:
            continue
        out.append(raw[at:start])
        out.append(html_lib.escape(found, quote=kind == "attr"))
        at = end
    out.append(raw[at:])
    return "".join(out)


def extract():
    """A fresh template (a Babel catalog) of every message of the page, with its places."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    catalog = Catalog(project=PROJECT, domain=DOMAIN, copyright_holder=AUTHORS, charset="utf-8")
    for path in sorted((DIARY / "js").glob("*.js")):
        where = path.relative_to(ROOT).as_posix()
        for line, message, comments, context in extract_from_file(
            "javascript", path, keywords=KEYWORDS, options={"parse_template_string": False}
        ):
            catalog.add(message, None, [(where, line)], auto_comments=comments, context=context)
    page = DIARY / "index.md"
    for msgid, line in html_messages(page.read_text(encoding="utf-8")):
        catalog.add(msgid, None, [(page.relative_to(ROOT).as_posix(), line)])
    manifest = DIARY / "manifest.webmanifest"
    text = manifest.read_text(encoding="utf-8")
    for key, value in json.loads(text).items():
        if key in MANIFEST_KEYS:
            line = text[: text.index(f'"{key}"')].count("\n") + 1
            catalog.add(value, None, [(manifest.relative_to(ROOT).as_posix(), line)])
    return catalog


def _write(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_catalog(lang: str):
    """The catalog of ``lang`` as Babel reads it (None when there is none)."""
    from babel.messages.pofile import read_po

    path = po_file(lang)
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def update() -> None:
    """Write the template, then bring each language's catalog up to date with it."""
    from babel.messages.catalog import Catalog

    template = extract()
    _write(template, TEMPLATE)
    for lang in LANGUAGES:
        catalog = read_catalog(lang)
        if catalog is None:
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, copyright_holder=AUTHORS)
            catalog.header_comment = (
                f"# The diary page's words in {lang} (diary/index.md, diary/js/, the manifest).\n"
                "# Made by _ext/diary_messages.py from diary/locale/diary.pot; fill every msgstr."
            )
        if lang in PLURAL_FORMS:
            headers = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
            catalog.mime_headers = [*headers, ("Plural-Forms", PLURAL_FORMS[lang])]
        catalog.update(template, update_header_comment=False)
        catalog.fuzzy = False
        catalog.obsolete.clear()
        _write(catalog, po_file(lang))


def _name(message) -> str:
    """How a message is named in :func:`translations` and, hashed, in messages.json: its
    msgid (the singular of a plural one), after its context and gettext's \\x04 if any."""
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return f"{message.context}\x04{msgid}" if message.context else msgid


def translations(lang: str) -> dict[str, str | list[str]]:
    """msgid to translation for every translated, non-fuzzy message of ``lang``; a plural
    message maps its singular msgid to the list of its forms; one with a context is named
    "context\\x04msgid"."""
    catalog = read_catalog(lang) if lang != "en" else None
    found: dict[str, str | list[str]] = {}
    for message in catalog or []:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            forms = list(message.string)
            if all(forms):
                found[_name(message)] = forms
        elif message.string:
            found[_name(message)] = message.string
    return found


def key(msgid: str, seed: int = 0, size: int = 0) -> str:
    """A message's key in messages.json, as diary/js/i18n.js's ``key`` makes it: FNV-1a
    (32 bits) of the UTF-8 bytes of "seed:msgid" (msgid alone for seed 0), in base 36, its
    last ``size`` letters (all for 0)."""
    h = 0x811C9DC5
    for byte in (f"{seed}:{msgid}" if seed else msgid).encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    if size:
        h %= 36**size
    digits = ""
    while True:
        h, d = divmod(h, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
        if not h:
            return digits


#: The shortest keys tried, and how many seeds are tried for each size.
KEY_SIZES, SEEDS = range(3, 8), 2000


def key_scheme(names: list[str]) -> tuple[int, int]:
    """(seed, size): the shortest keys, and the first seed, that give each of ``names`` a key
    of its own (every message the page's modules ask for, translated or not, so that no
    message can be shown another's translation)."""
    for size in KEY_SIZES:
        for seed in range(SEEDS):
            if len({key(n, seed, size) for n in names}) == len(names):
                return seed, size
    return 0, 0  # the whole hash (no two of the page's messages share it: see page_catalog)


def page_catalog(lang: str) -> dict:
    """What messages.json holds for ``lang``: the messages of the page's modules only (the
    HTML is translated at build time), each under its :func:`key` (seed and size from
    :func:`key_scheme`, shortest first). Two messages with the same key stop the build."""
    catalog = read_catalog(lang) if lang != "en" else None
    scripts = sorted(
        {
            _name(m)
            for m in catalog or []
            if m.id and any(place.startswith("diary/js/") for place, _ in m.locations)
        }
    )
    seed, size = key_scheme(scripts) if scripts else (0, 0)
    named: dict[str, str] = {}
    for msgid in scripts:
        k = key(msgid, seed, size)
        if k in named:
            raise ValueError(f"diary_messages: {named[k]!r} and {msgid!r} have the same key {k}")
        named[k] = msgid
    every = translations(lang)
    # In the order of their translations: similar sentences side by side compress better.
    # (a translation that is the English itself need not be sent: t() falls back to it)
    found = sorted(
        (str(every[n]), key(n, seed, size), every[n]) for n in scripts if every.get(n, n) != n
    )
    messages = {k: text for _, k, text in found}
    return {"lang": lang, "seed": seed, "size": size, "messages": messages}


if __name__ == "__main__":
    if sys.argv[1:] not in ([], ["update"]):
        sys.exit(f"usage: {sys.argv[0]} [update]")
    update()
    print(
        f"wrote {TEMPLATE.relative_to(ROOT)} and",
        *(po_file(x).relative_to(ROOT) for x in LANGUAGES),
    )
