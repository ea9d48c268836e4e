"""painbook's own words in Spanish: the catalog is complete, current and right.

* The template ``painbook/locale/painbook.pot`` holds exactly the messages that Babel
  extracts from painbook today (a new English message that was not extracted fails here,
  with its file and line).
* Every message has a Spanish translation in ``painbook/locale/es/LC_MESSAGES/painbook.po``:
  not empty, not fuzzy, with the same placeholders, and the catalog has no obsolete entries.
* In Spanish, painbook says the same things at the same places: a bad diary gives a Spanish
  message with the same line and column as the English one; the form labels and the web
  diary's rules are Spanish; English is unchanged.

To update the catalogs after changing an English message, from the repository root::

    pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \\
        --project=painbook -o painbook/locale/painbook.pot .
    pybabel update -i painbook/locale/painbook.pot -d painbook/locale -D painbook

then translate the new and fuzzy entries of the .po file.
"""

from __future__ import annotations

import json
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from painbook import fields, scales
from painbook.diary import DiaryError, append_entry, read_diary
from painbook.i18n import _, language, set_language, use_language

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "painbook" / "locale" / "painbook.pot"
PO = ROOT / "painbook" / "locale" / "es" / "LC_MESSAGES" / "painbook.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

#: The sources whose messages must have a Spanish translation: all of painbook.
TRANSLATED_SOURCES: tuple[str, ...] = ("painbook/",)


def _key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context, msgid)


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations) or "(no location)"


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale="es" if path.suffix == ".po" else None)


def _messages(catalog: Catalog) -> dict[tuple[str | None, str], object]:
    return {_key(m): m for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """What Babel extracts from painbook now, written to a temporary .pot and read back."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="painbook")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    out = tmp_path_factory.mktemp("painbook-pot") / "painbook.pot"
    with out.open("wb") as fh:
        write_po(fh, catalog)
    return _catalog(out)


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return _catalog(POT)


@pytest.fixture(scope="module")
def po() -> Catalog:
    return _catalog(PO)


def _translated_here(message) -> bool:
    return any(path.startswith(TRANSLATED_SOURCES) for path, _line in message.locations)


# --------------------------------------------------------------------------------------
# (a) the template is current
# --------------------------------------------------------------------------------------


def test_the_extraction_finds_the_diary_messages(extracted) -> None:
    found = _messages(extracted)
    assert (None, "then load the {noun} again.") in found
    assert ("month", "March") in found
    assert any(path == "painbook/fields.py" for m in extracted for path, _line in m.locations)


def test_the_template_holds_exactly_the_messages_extracted_today(extracted, pot) -> None:
    now, committed = _messages(extracted), _messages(pot)
    new = [f"{_where(now[k])}: {k[1]!r}" for k in now if k not in committed]
    gone = [f"{_where(committed[k])}: {k[1]!r}" for k in committed if k not in now]
    assert not new, (
        "Messages in the code but not in painbook/locale/painbook.pot (run pybabel extract "
        "and pybabel update, see this file's docstring):\n" + "\n".join(new)
    )
    assert not gone, "Messages in painbook.pot that the code no longer has:\n" + "\n".join(gone)


def test_plural_messages_keep_their_plural_form(extracted, pot) -> None:
    committed = _messages(pot)
    for key, message in _messages(extracted).items():
        assert isinstance(message.id, tuple) == isinstance(committed[key].id, tuple), key
        if isinstance(message.id, tuple):
            assert message.id == committed[key].id, _where(message)


# --------------------------------------------------------------------------------------
# (b) every message has Spanish; (c) with the same placeholders
# --------------------------------------------------------------------------------------


def test_the_spanish_catalog_has_the_templates_messages_and_no_obsolete_ones(pot, po) -> None:
    template, spanish = _messages(pot), _messages(po)
    missing = [f"{_where(template[k])}: {k[1]!r}" for k in template if k not in spanish]
    extra = [f"{_where(spanish[k])}: {k[1]!r}" for k in spanish if k not in template]
    assert not missing, "Not in the .po (run pybabel update):\n" + "\n".join(missing)
    assert not extra, "In the .po but no longer in the template:\n" + "\n".join(extra)
    obsolete = [repr(m.id) for m in po.obsolete.values()]
    assert not obsolete, "Obsolete (#~) entries in the .po: delete them:\n" + "\n".join(obsolete)


def test_the_spanish_catalog_says_it_is_spanish_with_its_plural_forms(po) -> None:
    # Babel's Spanish (CLDR) has "one", "many" (a million, 2 million...) and "other".
    assert str(po.locale) == "es"
    assert po.num_plurals >= 2
    for message in po:
        if message.id and isinstance(message.id, tuple):
            assert len(message.string) == po.num_plurals, _where(message)


def test_every_message_of_the_translated_modules_has_spanish(po) -> None:
    problems = []
    for message in po:
        if not message.id or not _translated_here(message):
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"{_where(message)}: fuzzy: {_key(message)[1]!r}")
        elif not all(form and form.strip() for form in forms):
            problems.append(f"{_where(message)}: no Spanish: {_key(message)[1]!r}")
    assert not problems, "\n".join(problems)


def test_the_translated_modules_have_messages(po) -> None:
    checked = [m for m in po if m.id and _translated_here(m)]
    assert len(checked) > 300
    for source in (
        "painbook/diary/",
        "painbook/imports/",
        "painbook/fields.py",
        "painbook/scales.py",
        "painbook/workbook.py",
        "painbook/widgets/",
        "painbook/charts.py",
        "painbook/analysis.py",
        "painbook/report.py",
        "painbook/quiz.py",
    ):
        assert any(_translated_here_from(m, source) for m in checked), source


def _translated_here_from(message, source: str) -> bool:
    return any(path.startswith(source) for path, _line in message.locations)


def _fields(text: str) -> list[tuple[str, str, str]]:
    """The placeholders of a str.format template, as (name, conversion, format spec)."""
    return sorted(
        (name, conversion or "", spec or "")
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


#: Placeholders a translation may leave out, and why.
MAY_LEAVE_OUT: dict[str, set[str]] = {
    # {words} is the chapter's English file name ("what pain is"): a Spanish reader gets the
    # chapter's number alone.
    "Check your understanding: chapter {number}, {words}": {"words"},
}


def test_spanish_messages_have_the_placeholders_of_the_english(po) -> None:
    problems = []
    for message in po:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, form in enumerate(forms):
            if not form:
                continue
            english = ids[min(i, len(ids) - 1)]
            try:
                want, got = _fields(english), _fields(form)
            except ValueError as exc:  # unbalanced braces
                problems.append(f"{_where(message)}: {form!r}: {exc}")
                continue
            missing = {f[0] for f in want} - {f[0] for f in got}
            if i == 0 and len(ids) > 1:
                missing -= {"n"}  # a singular form may say "the one day" instead of "1 day"
            missing -= MAY_LEAVE_OUT.get(ids[0], set())
            extra = {f[0] for f in got} - {f[0] for f in want}
            if missing or extra:
                problems.append(f"{_where(message)}: {english!r}: {want} but Spanish has {got}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------
# (d) what a Spanish reader gets
# --------------------------------------------------------------------------------------

BAD_DIARIES = {
    "pain_11": b"date,pain\n2026-04-03,5\n2026-04-04,11\n",
    "unreadable_date": b"date,pain\n2026-04-03,5\n\nyesterday,4\n",
    "ambiguous_date": b"date,pain\n03/04/2026,5\n",
    "impossible_date": b"date,pain\n2026-02-30,5\n",
    "pm_time": b"date,time,pain\n2026-04-03,8pm,5\n",
    "empty_pain": b"date,pain\n2026-04-03,\n",
    "word_for_mood": b"date,pain,mood\n2026-04-03,5,fine\n",
    "no_pain_column": b"Day,Score\n2026-04-03,5\n",
    "two_pain_columns": b"date,pain,Pain level\n2026-04-03,5,6\n",
    "extra_cells": b"date,pain,notes\n2026-04-03,5,tired, sore\n",
}


def _error(data: bytes, lang: str) -> DiaryError:
    with use_language(lang), pytest.raises(DiaryError) as caught:
        read_diary(data)
    return caught.value


@pytest.mark.parametrize("name", sorted(BAD_DIARIES))
def test_a_bad_diary_gets_a_spanish_message_at_the_same_place(name) -> None:
    english = _error(BAD_DIARIES[name], "en")
    spanish = _error(BAD_DIARIES[name], "es")
    assert (spanish.line, spanish.column) == (english.line, english.column)
    assert spanish.message != english.message
    assert "then load the diary again" not in spanish.message
    assert spanish.message.rstrip().endswith("vuelva a cargar el diario.")
    if english.message.startswith(f"Line {english.line}, column"):
        assert spanish.message.startswith(f"Línea {english.line}, columna")
    elif f"ine {english.line}" in english.message:  # "Line 4 has ...", "near line 4"
        assert f"ínea {english.line}" in spanish.message


def test_pain_11_in_spanish_says_what_where_and_how_to_fix_it() -> None:
    err = _error(BAD_DIARIES["pain_11"], "es")
    assert (err.line, err.column) == (3, "pain")
    assert err.message == (
        "Línea 3, columna 'pain': 11 es más de 10. El dolor va de 0 (nada de dolor) a 10 "
        "(el peor dolor imaginable). Cámbielo por un número de 0 a 10, y luego vuelva a "
        "cargar el diario."
    )


def test_an_unreadable_date_in_spanish() -> None:
    err = _error(BAD_DIARIES["unreadable_date"], "es")
    english = _error(BAD_DIARIES["unreadable_date"], "en")
    assert (err.line, err.column) == (english.line, english.column) == (4, "date")
    assert err.message.startswith("Línea 4, columna 'date': no se puede leer la fecha 'yesterday'.")
    assert "2026-04-03 para el 3 de abril de 2026" in err.message


def test_an_ambiguous_date_is_explained_with_spanish_dates() -> None:
    err = _error(BAD_DIARIES["ambiguous_date"], "es")
    assert "el 3 de abril de 2026 (primero el día)" in err.message
    assert "el 4 de marzo de 2026 (primero el mes)" in err.message
    assert 'date_format="%d/%m/%Y"' in err.message  # code stays code


def test_english_messages_are_unchanged() -> None:
    err = _error(BAD_DIARIES["pain_11"], "en")
    assert err.message == (
        "Line 3, column 'pain': 11 is above 10. Pain is scored from 0 (no pain) to 10 "
        "(worst pain imaginable). Change it to a number from 0 to 10, then load the diary again."
    )
    err = _error(BAD_DIARIES["unreadable_date"], "en")
    assert err.message == (
        "Line 4, column 'date': 'yesterday' is not a date we can read. Write dates as "
        "year-month-day, for example 2026-04-03 for 3 April 2026, then load the diary again."
    )


def test_a_new_entry_names_the_spanish_box(tmp_path) -> None:
    path = tmp_path / "my-diary.csv"
    with use_language("es"), pytest.raises(DiaryError) as caught:
        append_entry(path, {"date": "2026-04-03", "pain": 11})
    assert caught.value.column == "pain" and caught.value.line is None
    assert caught.value.message.startswith('En la anotación nueva, la casilla "Dolor ahora (0-10)"')
    assert caught.value.message.endswith("y luego vuelva a guardarla.")
    with use_language("es"), pytest.raises(DiaryError) as caught:
        append_entry(path, {"date": "2026-04-03", "pain": 5, "mood": "bien"})
    assert "(o deje la casilla vacía)" in caught.value.message  # a box, not a cell
    with use_language("es"), pytest.raises(DiaryError) as caught:
        append_entry(path, {"pain": 5})
    assert caught.value.message.startswith('La anotación nueva no tiene nada en la casilla "Fecha"')
    assert not path.exists()


def test_an_import_report_in_spanish(tmp_path) -> None:
    from painbook.imports import import_diary

    headi = ROOT / "tests" / "data" / "imports" / "headi.csv"
    with use_language("es"):
        df = import_diary(headi, tz="America/Chicago")
    report = df.attrs["import_report"]
    assert report.startswith("Se import")
    assert "zona horaria America/Chicago" in report
    with use_language("en"):
        df = import_diary(headi, tz="America/Chicago")
    assert df.attrs["import_report"].startswith("Imported ")


def test_form_labels_and_painad_words_in_spanish() -> None:
    with use_language("es"):
        assert fields.label("pain") == "Dolor ahora (0-10)"
        assert fields.label("date") == "Fecha"
        assert fields.label("breathing", observations=True) == "Respiración (sin estar hablando)"
        assert _(fields.DIARY_FIELDS["sleep_hours"].label) == "Horas de sueño anoche"
        assert (
            _(scales.PAINAD_ITEMS["face"][2])
            == "Tiene la cara arrugada o torcida en una mueca de dolor."
        )
        assert scales.band_words("severe") == "intenso"
    assert fields.label("pain") == "Pain now (0-10)"
    assert fields.DIARY_FIELDS["pain"].label == "Pain now (0-10)"  # the data stays English
    assert scales.nrs_band(8) == "severe" and scales.band_words("severe") == "severe"


def test_change_sentences_in_spanish_keep_two_sentences() -> None:
    with use_language("es"):
        text = scales.change_category(10, 6).describe()
    assert text.startswith("Promedio de dolor: bajó de 10.0 a 6.0 (40% menos). ")
    assert scales.change_category(10, 6).describe().startswith("Average pain went down")


def test_the_language_is_chosen_by_painbook_lang(monkeypatch) -> None:
    set_language(None)
    monkeypatch.setenv("PAINBOOK_LANG", "es")
    assert language() == "es"
    assert fields.label("notes") == "Notas"
    monkeypatch.setenv("PAINBOOK_LANG", "en")
    assert fields.label("notes") == "Notes"


@pytest.fixture(scope="module")
def rules_es(tmp_path_factory) -> dict:
    """``python -m painbook.webrules OUT.json`` with PAINBOOK_LANG=es, as the book build runs it."""
    out = tmp_path_factory.mktemp("webrules-es") / "rules.json"
    env = {**__import__("os").environ, "PAINBOOK_LANG": "es"}
    subprocess.run(
        [sys.executable, "-m", "painbook.webrules", str(out)], cwd=ROOT, env=env, check=True
    )
    return json.loads(out.read_text(encoding="utf-8"))


def test_webrules_in_spanish_gives_the_page_spanish_words(rules_es) -> None:
    assert rules_es["language"] == "es"
    assert rules_es["fields"]["pain"]["label"] == "Dolor ahora (0-10)"
    assert rules_es["fields"]["pain"]["meaning"].startswith("0 es nada de dolor.")
    pain = rules_es["diary"]["numbers"]["pain"]
    assert pain["name"] == "puntaje del dolor"
    assert pain["messages"]["above"] == (
        "{value} es más de 10. El dolor va de 0 (nada de dolor) a 10 (el peor dolor "
        "imaginable). Cámbielo por un número de 0 a 10, {retry}"
    )
    assert "{number}" in pain["messages"]["leading_number"]
    messages = rules_es["messages"]
    assert messages["retry"]["file"] == "y luego vuelva a cargar el {noun}."
    assert messages["place"]["file"] == "Línea {line}, columna '{column}'"
    assert messages["cell"] == {"file": "celda", "entry": "casilla", "table": "celda"}
    assert messages["entry_names"]["diary"]["pain"] == 'la casilla "Dolor ahora (0-10)"'
    assert rules_es["diary"]["what"] == "diary" and rules_es["diary"]["what_words"] == "diario"
    assert rules_es["dates"]["months"][3] == "marzo"
    assert rules_es["dates"]["long_date"] == "{day} de {month} de {year}"
    assert rules_es["painad"]["labels"]["face"] == "Cara"
    assert rules_es["band_words"]["mild"] == "leve"
    assert rules_es["change"]["meanings"]["substantial"] == (
        "Es una bajada del 50% o más. Es una gran mejora."
    )
    # the names the page's code compares stay English
    assert rules_es["diary"]["columns"][:3] == ["date", "time", "pain"]
    assert rules_es["bands"][1][0] == "mild"


def test_webrules_in_english_is_unchanged() -> None:
    from painbook import webrules

    with use_language("en"):
        rules = webrules.rules()
    assert rules["language"] == "en"
    assert rules["fields"]["pain"]["label"] == "Pain now (0-10)"
    assert rules["messages"]["retry"]["file"] == "then load the {noun} again."
    assert rules["dates"]["months"][3] == "March"
    assert rules["diary"]["numbers"]["pain"]["messages"]["leading_number"].endswith(
        "Write just the number: change it to {number}, {retry}"
    )
