"""The diary page's catalog (diary/locale): every word of the page has its translation.

The messages are extracted again here, as `_ext/diary_messages.py` extracts them (Babel's
JavaScript extractor for t()/tn() in diary/js/, the raw HTML of diary/index.md, the
manifest), and compared with each language's diary.po: a message with no translation, a
fuzzy one or an obsolete one fails, named by its file and line. After changing the page's
words: `.venv/bin/python _ext/diary_messages.py`, then translate what it names.
"""

from __future__ import annotations

import json
import re

import pytest

from _ext import diary_messages as dm
from conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations) or "nowhere"


def _ids(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


@pytest.fixture(scope="module")
def template():
    return dm.extract()


@pytest.mark.parametrize("lang", dm.LANGUAGES)
def test_every_message_of_the_page_is_translated(template, lang: str) -> None:
    catalog = dm.read_catalog(lang)
    po = dm.po_file(lang).relative_to(ROOT)
    assert catalog is not None, f"{po} is missing: run .venv/bin/python _ext/diary_messages.py"
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        if found is None:
            problems.append(f"{_where(message)}: {message.id!r} is not in {po} (run the update)")
            continue
        strings = list(found.string) if isinstance(found.string, (list, tuple)) else [found.string]
        if not all(strings):
            problems.append(
                f"{po}:{found.lineno}: {_ids(message)[0]!r} ({_where(message)}) has no translation"
            )
        elif found.fuzzy:
            problems.append(
                f"{po}:{found.lineno}: {_ids(message)[0]!r} is fuzzy: check it, "
                "then remove the fuzzy flag"
            )
        elif _ids(found) != _ids(message):
            problems.append(f"{po}:{found.lineno}: {_ids(message)[0]!r} has another plural")
        for text in strings:
            wanted = set(PLACEHOLDER.findall(" ".join(_ids(message))))
            if text and set(PLACEHOLDER.findall(text)) - wanted - {"n"}:
                problems.append(
                    f"{po}:{found.lineno}: {text!r} has a placeholder that "
                    f"{_ids(message)[0]!r} does not give"
                )
            if text and len(strings) == 1 and wanted - set(PLACEHOLDER.findall(text)):
                problems.append(
                    f"{po}:{found.lineno}: {text!r} leaves out a placeholder of {message.id!r}"
                )
    for message in catalog:
        if message.id and template.get(message.id, message.context) is None:
            problems.append(
                f"{po}:{message.lineno}: {_ids(message)[0]!r} is obsolete: the "
                "page no longer has it (run the update)"
            )
    for msgid, message in catalog.obsolete.items():
        problems.append(f"{po}:{message.lineno}: {msgid!r} is obsolete (#~): remove it")
    assert problems == [], "\n".join(problems)


def test_the_template_is_up_to_date(template) -> None:
    from babel.messages.pofile import read_po

    with dm.TEMPLATE.open("rb") as fh:
        stored = read_po(fh)
    fresh = {m.id: sorted(m.locations) for m in template if m.id}
    kept = {m.id: sorted(m.locations) for m in stored if m.id}
    assert kept == fresh, "run .venv/bin/python _ext/diary_messages.py"


def test_every_piece_of_the_raw_html_is_a_message_and_is_put_into_spanish() -> None:
    markdown = (ROOT / "diary" / "index.md").read_text(encoding="utf-8")
    [(raw, _)] = dm.raw_blocks(markdown)
    spanish = dm.translations("es")
    out = dm.translate_html(raw, spanish)
    tags = re.compile(r"<[^>]*>")
    # The same tags, in the same order; only the words (text and labels) changed.
    strip = lambda s: [re.sub(r'(aria-label|placeholder|title|alt)="[^"]*"', "", t) for t in s]  # noqa: E731
    assert strip(tags.findall(out)) == strip(tags.findall(raw))
    english = [msgid for msgid, _ in dm.html_messages(markdown)]
    assert "Download diary (CSV)" in english and "Parts of the diary" in english
    left = [
        msgid for _, msgid, *_ in dm._pieces(out) if msgid in english and msgid != spanish[msgid]
    ]
    assert left == [], "left in English"
    assert dm.translate_html(raw, {}) == raw


def test_translate_html_escapes_and_keeps_the_spaces() -> None:
    raw = '<p title="A &amp; B">\n  Two\n  lines </p><script>var x = "Two lines";</script>'
    out = dm.translate_html(raw, {"A & B": 'C "y" D', "Two lines": "Dos <líneas>"})
    assert out == (
        '<p title="C &quot;y&quot; D">\n  Dos &lt;líneas&gt; </p>'
        '<script>var x = "Two lines";</script>'
    )


def test_the_catalog_of_the_page_holds_the_scripts_messages_by_key() -> None:
    page = dm.page_catalog("es")
    assert page["lang"] == "es"
    assert page["size"] <= 4, "short keys"
    html_only = dm.translations("es")["Parts of the diary"]
    assert html_only not in page["messages"].values(), "the HTML is translated at build time"
    assert dm.page_catalog("en") == {"lang": "en", "seed": 0, "size": 0, "messages": {}}
    # as diary/js/test/i18n.test.js has them
    assert dm.key("Save entry") == "1kvomxo" and dm.key("Borrar ñ é", 12, 4) == "g0ss"
    k = dm.key("Save entry", page["seed"], page["size"])
    assert page["messages"][k] == dm.translations("es")["Save entry"]


#: The diary engine's modules: twins of painbook's analysis, charts, report and forms, whose
#: sentences are painbook's own (the same English, so the same Spanish).
ENGINE = ("diary/js/analysis.js", "diary/js/summary.js", "diary/js/painad.js", "diary/js/dates.js")


@pytest.mark.parametrize("lang", dm.LANGUAGES)
def test_the_engines_sentences_read_as_painbooks(lang: str) -> None:
    """Where a sentence of the web diary's engine is one of painbook's (the visit summary, the
    chart's text, the tables), its translation is painbook's too, so the page and the
    workbook say the same thing."""
    from babel.messages.pofile import read_po

    painbook_po = ROOT / "painbook" / "locale" / lang / "LC_MESSAGES" / "painbook.po"
    if not painbook_po.is_file():
        pytest.skip(f"painbook has no {lang} catalog on this branch yet")
    with painbook_po.open("rb") as fh:
        theirs = read_po(fh, locale=lang)
    untag = lambda s: re.sub(r"</?b>", "", s)  # noqa: E731  painbook's page is HTML
    by_id = {}
    for m in theirs:
        if m.id and not m.context and not m.fuzzy:
            forms = list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]
            by_id[untag(_ids(m)[0])] = [untag(f) for f in forms]
    po = dm.po_file(lang).relative_to(ROOT)
    differ = []
    for m in dm.read_catalog(lang):
        if not m.id or m.context or not any(p in ENGINE for p, _ in m.locations):
            continue
        other = by_id.get(_ids(m)[0])
        mine = list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]
        if other and all(other) and (mine[0], mine[-1]) != (other[0], other[-1]):
            differ.append(f"{po}:{m.lineno}: {_ids(m)[0]!r}: {mine[-1]!r}, painbook {other[-1]!r}")
    assert differ == [], "\n".join(differ)


def test_every_t_call_of_the_modules_is_extracted(template) -> None:
    """Babel's extractor does not look inside a template literal's ${...} nor inside the
    values of another t(): a message written there would stay English. Each t("...") /
    tn("...", ...) whose first argument is one string is in the template."""
    ids = {i for m in template if m.id for i in _ids(m)}
    call = re.compile(r'\b(?:t|tn)\(\s*("(?:[^"\\]|\\.)*")\s*[,)]')
    missed = []
    for path in sorted((ROOT / "diary" / "js").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        for match in call.finditer(text):
            msgid = json.loads(match.group(1))
            line = text.count("\n", 0, match.start()) + 1
            comment = text.split("\n")[line - 1].lstrip().startswith(("//", "*", "/*"))
            if msgid not in ids and not comment:
                missed.append(f"{path.relative_to(ROOT)}:{line}: {msgid!r} is not extracted")
    assert missed == [], "\n".join(missed)
