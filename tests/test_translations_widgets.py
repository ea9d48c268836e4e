"""The Spanish edition of painbook's own words (issue 15): forms, charts, analysis tables, the
visit summary, the sample diaries and the quiz bank speak Spanish with ``use_language("es")``,
and English stays as it was."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from painbook import analysis, charts, diary, i18n, quiz, report, samples
from painbook.i18n import use_language
from painbook.widgets import explore, forms
from painbook.widgets import imports as app_imports

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "painbook" / "locale" / "es" / "LC_MESSAGES" / "painbook.po"
DAY = dt.date(2026, 4, 14)

#: The modules whose messages this part of the Spanish edition translates.
MODULES = (
    "painbook/widgets/",
    "painbook/charts.py",
    "painbook/analysis.py",
    "painbook/report.py",
    "painbook/quiz.py",
)


@pytest.fixture(autouse=True)
def fresh_kernel():
    """No form left from an earlier test to copy a draft from; English after each test."""
    forms._LIVE.clear()
    yield
    forms._LIVE.clear()
    i18n.set_language(None)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]*\}", text))


def _ours(message) -> bool:
    return any(path.startswith(MODULES) for path, _line in message.locations)


# ------------------------------------------------------------------------------ the catalog


def test_every_message_of_these_modules_has_its_spanish() -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="es", domain="painbook")
    ours = [m for m in catalog if m.id and _ours(m)]
    assert len(ours) > 400
    for message in ours:
        assert "fuzzy" not in message.flags, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), f"no Spanish for {message.id!r}"
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        # The Spanish may leave out a number it writes in words ("En el día con ..."), but
        # it never names a value the English does not give.
        allowed = set().union(*(_placeholders(e) for e in english))
        for spanish in strings:
            assert _placeholders(spanish) <= allowed, (message.id, spanish)
        assert _placeholders(strings[-1]) == _placeholders(english[-1]) or not message.pluralizable


# ------------------------------------------------------------------------------ the forms


def test_diary_form_buttons_and_headings_in_spanish(tmp_path: Path) -> None:
    with use_language("es"):
        form = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
        html = " ".join(w.value for w in _all(form.widget) if hasattr(w, "value") and _text(w))
    assert form.save_button.description == "Guardar esta anotación"
    assert form.empty_button.description == "Vaciar el formulario"
    assert form.other_qualities.description == "Otras palabras"
    assert form.time.placeholder == "por ejemplo 08:30 (o déjelo vacío)"
    assert set(form.qualities) == {
        "dolor sordo",
        "ardor",
        "punzadas",
        "descargas",
        "latidos",
        "hormigueo",
    }
    for heading in ("Su dolor", "Sueño y ánimo", "Dónde y cómo duele", "Algo más"):
        assert heading in html
    assert "Diario nuevo." in form.last_message


def test_diary_form_saves_and_says_so_in_spanish(tmp_path: Path) -> None:
    path = tmp_path / "my-diary.csv"
    with use_language("es"):
        form = forms.DiaryForm(path, today=DAY)
        form.pain.value = "4"
        form.qualities["ardor"].value = True
        assert form.save()
        assert form.last_message == "Guardado. Su diario ya tiene 1 anotación."
        assert "Sus últimas anotaciones" in form.table.value
        form.pain.value = "11"
        assert not form.save()
        assert form.last_message.startswith("No se guardó. ")
        assert form.last_message.endswith("No se escribió nada en el archivo.")
    saved = diary.read_diary(path)
    assert saved["qualities"].tolist() == ["ardor"]  # the word the person ticked, as shown


def test_observation_and_plan_forms_in_spanish(tmp_path: Path) -> None:
    with use_language("es"):
        obs = forms.ObservationForm(tmp_path / "my-observations.csv", today=DAY)
        plan = forms.ActionPlanForm(tmp_path / "my-action-plans.csv", today=DAY)
        assert obs.save_button.description == "Guardar esta observación"
        assert (
            obs.total_text()
            == "Dé un puntaje a los cinco aspectos para ver el total (lleva 0 de 5)."
        )
        assert [label for label, _value in obs.context.options] == [
            "(no se anotó)",
            "en reposo",
            "al bañarse",
            "al moverse",
            "al comer",
            "otro",
        ]
        obs.context.value = "bathing"
        assert obs.observation()["context"] == "al bañarse"  # as in the Spanish sample log
        assert plan.save_button.description == "Guardar esta semana"
        assert plan.what.description == "¿Qué va a hacer?"
        assert plan.done[0].description == "martes 14 de abril: ¿hecho?"
        assert plan.done[0].options == (("sí", True), ("no", False))
        assert forms.plan_advice(8).startswith("Su confianza es 8 de 10.")
        assert forms.week_summary([True] * 4 + [False] * 3, 4).startswith("Lo hizo 4 de 7 días.")


def test_explorers_and_importer_in_spanish(tmp_path: Path) -> None:
    with use_language("es"):
        df = diary.read_diary(samples.path("back_pain_diary"))
        explorer = explore.DiaryExplorer(df)
        assert [label for label, _v in explorer.period.choice.options] == [
            "Últimas 4 semanas",
            "Últimos 3 meses",
            "Todo",
            "Fechas que yo elijo",
        ]
        assert explorer.measure.description == "Medida"
        assert explorer.text().startswith("Gráfica de dolor (promedio del día) cada día del ")
        questions = explore.QuestionList()
        assert questions.questions[0] == "¿Qué causa mi dolor y cómo se diagnostica?"
        assert questions.add.description == "Agregar"
        builder = explore.VisitSummaryBuilder(df, questions, folder=tmp_path)
        assert builder.build.description == "Hacer el resumen"
        picker = explore.DiaryPicker("back_pain_diary", tmp_path)
        assert picker.open_button.description == "Abrir"
        importer = app_imports.AppImporter(tmp_path)
        assert importer.bring.description == "Traer el diario"
        assert importer.save_button.description == "Guardar como mi diario"


# ------------------------------------------------------------------------------ charts, tables


@pytest.fixture(scope="module")
def back_pain_es() -> pd.DataFrame:
    with use_language("es"):
        return diary.read_diary(samples.path("back_pain_diary"))


def test_chart_text_alternative_in_spanish(back_pain_es: pd.DataFrame) -> None:
    with use_language("es"):
        chart = charts.trend_chart(back_pain_es, "pain")
        headache = charts.headache_chart(
            analysis.headache_month(diary.read_diary(samples.path("migraine_diary")))
        )
    assert chart.text.startswith(
        "Gráfica de dolor (promedio del día) cada día del 3 mar 2025 al 25 may 2025, con una "
        "línea del promedio de 7 días. 84 días con un valor; promedio 4.9."
    )
    assert "Las franjas con rayas marcan 3 brotes: 22-24 mar 2025" in chart.text
    assert chart.figure.axes[0].get_title(loc="left").startswith("Dolor, 3 mar a 25 may 2025")
    assert "enero de 2025: dolor de cabeza 17 de 31 días anotados" in headache.text
    for english in ("Chart of", "Highest day", "flare", "average"):
        assert english not in chart.text


def test_analysis_tables_have_spanish_headings(back_pain_es: pd.DataFrame) -> None:
    with use_language("es"):
        weekly = charts.weekly_table(back_pain_es)
        progress = charts.progress_table(back_pain_es)
        helped = charts.helped_table(back_pain_es)
        flares = charts.flare_table(back_pain_es)
        relations = analysis.relations(back_pain_es)
    assert list(weekly.columns) == [
        "Días",
        "Dolor promedio",
        "Valor del medio",
        "Peor dolor anotado",
        "Días sin dolor (0)",
        "Días leves (1-4)",
        "Días moderados (5-6)",
        "Días intensos (7-10)",
    ]
    assert weekly.index.name == "Semana desde" and weekly.index[0] == "3 mar 2025"
    assert list(progress.index) == ["Dolor", "Puntaje del PEG"]
    assert progress.loc["Dolor", "Tamaño del cambio"] == "mejoría moderada"
    assert "Punto de partida" in progress.columns
    assert helped.index.names == ["Anotado en", "Qué"]
    assert ("lo que ayudó", "ejercicios de fisioterapia") in helped.index
    assert list(flares.columns)[:2] == ["Primer día", "Último día"]
    assert relations["description"].str.startswith("Un patrón fuerte en 84 días").all()


# ------------------------------------------------------------------------------ visit summary

#: English words that must not be left on the Spanish visit summary.
ENGLISH_ON_THE_PAGE = (
    "Pain summary",
    "Period:",
    "Diary:",
    "What helped",
    "What made it worse",
    "Medicines",
    "My questions",
    "Progress since",
    "Worst days",
    "Chart of",
    "Highest day",
    "Lowest day",
    "average",
    "entries",
    "baseline",
    "not shown",
    "From the person",
    "diagnosis",
    "Days written",
    "Other days",
)


def test_visit_summary_in_spanish(back_pain_es: pd.DataFrame) -> None:
    with use_language("es"):
        page = explore.visit_page(back_pain_es, name="María (inventada)")
    assert '<html lang="es">' in page
    assert "<title>Resumen del dolor de María (inventada), " in page
    for heading in (
        "<h1>Resumen del dolor de María (inventada)</h1>",
        "<h2>El dolor en este período</h2>",
        "<h2>Cambios desde el punto de partida</h2>",
        "<h2>Lo que ayudó y lo que lo empeoró</h2>",
        "<h2>Medicamentos</h2>",
        "<h2>Mis preguntas para esta cita</h2>",
        "¿Qué causa mi dolor y cómo se diagnostica?",
        "Pasé la tarde trabajando en el jardín.",
    ):
        assert heading in page
    text = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    for english in ENGLISH_ON_THE_PAGE:
        assert english not in text, english


def test_visit_summary_english_unchanged() -> None:
    df = diary.read_diary(samples.path("back_pain_diary"))
    page = report.visit_summary(df)
    assert '<html lang="en">' in page
    assert "<h1>Pain summary</h1>" in page and "<h2>Pain in this period</h2>" in page


# ------------------------------------------------------------------------------ samples


@pytest.mark.parametrize("name", list(samples.SAMPLE_FILES))
def test_spanish_samples_match_the_english_ones(name: str) -> None:
    english = samples.path(name, "en")
    with use_language("es"):
        spanish = samples.path(name)
    assert spanish == english.parent / "es" / english.name
    en = pd.read_csv(english, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    es = pd.read_csv(spanish, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(es.columns) == list(en.columns)  # the file format is shared
    text = [
        c
        for c in ("locations", "qualities", "medications", "helped", "worsened", "context", "notes")
        if c in en.columns
    ]
    same = [c for c in en.columns if c not in text]
    pd.testing.assert_frame_equal(es[same], en[same])  # same rows, dates, times and numbers
    spanish_words = set(samples.SPANISH.values())
    for column in text:
        assert ((en[column] == "") == (es[column] == "")).all()
        for cell_en, cell_es in zip(en[column], es[column], strict=True):
            if not cell_en:
                continue
            if column in ("notes", "context"):
                assert cell_es == samples.SPANISH[cell_en]
            else:
                items = cell_es.split("; ")
                assert len(items) == len(cell_en.split("; "))
                assert set(items) <= spanish_words, cell_es
    first_note = es.loc[0, "notes"]
    assert first_note.startswith("Ejemplo inventado: ")


def test_spanish_samples_are_what_the_generators_write(tmp_path: Path) -> None:
    for written in samples.write_samples(tmp_path, lang="es"):
        shipped = samples.path(written.name, "es")
        assert written.read_bytes() == shipped.read_bytes(), written.name
    assert "María" in samples.path("back_pain_diary", "es").read_text(encoding="utf-8-sig")


def test_spanish_sample_gives_the_same_numbers() -> None:
    en = diary.read_diary(samples.path("migraine_diary", "en"))
    es = diary.read_diary(samples.path("migraine_diary", "es"))
    pd.testing.assert_frame_equal(
        analysis.headache_month(es).drop(columns="note"),
        analysis.headache_month(en).drop(columns="note"),
        check_like=True,
    )  # ibuprofeno and sumatriptán are counted like ibuprofen and sumatriptan
    back_en = diary.read_diary(samples.path("back_pain_diary", "en"))
    back_es = diary.read_diary(samples.path("back_pain_diary", "es"))
    cols = ["mean", "median", "worst", "days"]
    pd.testing.assert_frame_equal(analysis.summary(back_es)[cols], analysis.summary(back_en)[cols])


# ------------------------------------------------------------------------------ the quiz


def test_spanish_quiz_matches_the_english_bank() -> None:
    english = quiz.load_questions()
    with use_language("es"):
        spanish = quiz.load_questions()
        page = quiz.render_html([q for q in spanish if q.chapter == "08-pain-diary"])
    assert quiz.quiz_dir("es") == quiz.QUIZ_DIR / "es"
    assert sorted(p.name for p in quiz.quiz_dir("es").glob("*.json")) == sorted(
        p.name for p in quiz.QUIZ_DIR.glob("*.json")
    )
    assert [q.id for q in spanish] == [q.id for q in english]
    for en, es in zip(english, spanish, strict=True):
        assert (es.chapter, es.answer, es.course_check) == (en.chapter, en.answer, en.course_check)
        assert len(es.choices) == len(en.choices)
        assert (es.read_again.doc, es.read_again.anchor) == (
            en.read_again.doc,
            en.read_again.anchor,
        )
        assert es.prompt != en.prompt and es.explanation != en.explanation
        assert es.read_again.title != en.read_again.title
        assert es.source == en.source
    for phrase in ("Mostrar la respuesta", "Respuesta:", "Volver a leer:", "Pregunta 1 de "):
        assert phrase in page
    for english_word in ("Show the answer", "Read again", "Question 1 of", "Check my answers"):
        assert english_word not in page
    crisis = next(q for q in spanish if q.id == "ch12-crisis")
    assert "988 (para español, oprima el 2)" in crisis.right_choice


def test_spanish_quiz_files_are_formatted_like_the_english() -> None:
    for path in sorted(quiz.quiz_dir("es").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------------ English


def test_english_is_unchanged(tmp_path: Path) -> None:
    assert i18n.language() == "en"
    form = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
    assert form.save_button.description == "Save this entry"
    assert form.empty_button.description == "Empty the form"
    assert samples.path("back_pain_diary").parent.name == "data"
    assert quiz.load_questions()[0].prompt == "How do pain experts describe pain today?"
    df = diary.read_diary(samples.path("back_pain_diary"))
    assert charts.trend_chart(df).text.startswith("Chart of pain (average of the day)")
    assert list(charts.weekly_table(df).columns)[:2] == ["Days", "Average pain"]
    assert charts.day_label("2025-03-03") == "3 Mar 2025"


# ------------------------------------------------------------------------------ helpers


def _all(root) -> list:
    found = [root]
    for child in getattr(root, "children", ()):
        found.extend(_all(child))
    return found


def _text(widget) -> bool:
    return isinstance(getattr(widget, "value", None), str)


def test_headache_notebook_sentences_come_from_painbook() -> None:
    months_en = analysis.headache_month(diary.read_diary(samples.path("migraine_diary", "en")))
    notes = charts.headache_notes(months_en)
    assert notes[0].startswith("January 2025: Talk with your doctor: headache on 17 days")
    assert charts.unsorted_medicines(months_en) == "Medicines the workbook could not sort: none."
    with use_language("es"):
        months = analysis.headache_month(diary.read_diary(samples.path("migraine_diary")))
        assert charts.headache_notes(months)[0].startswith("enero de 2025: Hable con su médico:")
        assert charts.unsorted_medicines(months) == (
            "Medicamentos que el cuaderno de trabajo no pudo clasificar: ninguno."
        )
