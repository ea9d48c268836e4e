"""The diary page's catalog (diary/locale): every word of the page has its translation.

The messages are extracted again here, as `_ext/diary_messages.py` extracts them (Babel's
JavaScript extractor for t()/tn() in diary/js/, the raw HTML of diary/index.md, the
manifest), and compared with each language's diary.po: a message with no translation, a
fuzzy one or an obsolete one fails, named by its file and line. After changing the page's
words: `.venv/bin/python _ext/diary_messages.py`, then translate what it names.
"""

from __future__ import annotations

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
        found = catalog.get(message.id)
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
        if message.id and template.get(message.id) is None:
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
    assert page["messages"][dm.key("Save entry")] == dm.translations("es")["Save entry"]
    assert dm.key("Parts of the diary") not in page["messages"], "the HTML is translated at build"
    assert dm.page_catalog("en") == {"lang": "en", "messages": {}}
    assert dm.key("Save entry") == "1kvomxo"  # as diary/js/test/i18n.test.js has it
