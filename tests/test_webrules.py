"""The rules handed to the web diary are painbook's own, value for value."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from painbook import analysis, diary, report, scales, webrules
from painbook.diary import _cells as _validate
from painbook.diary import format as _format
from painbook.widgets import forms


@pytest.fixture(scope="module")
def rules() -> dict:
    return webrules.rules()


def test_rules_are_json_and_written_by_the_command(tmp_path, rules) -> None:
    out = tmp_path / "rules.json"
    subprocess.run([sys.executable, "-m", "painbook.webrules", str(out)], check=True)
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(rules))
    assert rules["format"] == webrules.FORMAT


def test_columns_and_kinds_of_columns(rules) -> None:
    d, o = rules["diary"], rules["observations"]
    assert d["columns"] == list(diary.CANONICAL_COLUMNS)
    assert o["columns"] == list(diary.OBSERVATION_COLUMNS)
    assert d["lists"] == list(diary.LIST_COLUMNS)
    assert list(d["numbers"]) == list(diary.NUMBER_COLUMNS)
    assert list(o["numbers"]) == list(diary.PAINAD_ITEMS)
    assert d["required"] == ["date", "pain"]
    assert o["required"] == ["date", *diary.PAINAD_ITEMS]
    assert rules["datetime_column"] == diary.canonical_column("Date/Time")
    assert rules["lists"]["separator"] == ";"
    assert diary.split_list("a" + rules["lists"]["join"] + "b") == ["a", "b"]


def test_number_ranges_and_their_words(rules) -> None:
    for kind, spec in (("diary", _format._DIARY), ("observations", _format._OBSERVATIONS)):
        for column, rule in spec.numbers.items():
            got = rules[kind]["numbers"][column]
            assert (got["low"], got["high"], got["required"], got["whole"]) == (
                rule.low,
                rule.high,
                rule.required,
                rule.whole,
            )
            assert (got["name"], got["explain"], got["span"]) == (
                rule.name,
                rule.explain,
                rule.span,
            )


def test_message_templates_give_painbook_messages(rules) -> None:
    retry = _validate.Where("entry").retry
    for kind, spec in (("diary", _format._DIARY), ("observations", _format._OBSERVATIONS)):
        for column, rule in spec.numbers.items():
            m = rules[kind]["numbers"][column]["messages"]
            above = rule.high + 1.5
            assert m["above"].format(value=_validate.format_number(above), retry=retry) == (
                _validate.range_message(above, rule, retry)
            )
            assert m["below"].format(value="-3", retry=retry) == _validate.range_message(
                -3.0, rule, retry
            )
            for mode in ("file", "entry", "table"):
                where = _validate.Where(mode)
                assert m["empty"].format(
                    retry=where.retry, or_delete=where.or_delete
                ) == _validate.empty_message(rule, where.retry, where.or_delete)
            for cell in ("eleven", "2026-05-10", "7 out of 10"):
                expected = _validate._not_a_number(cell, rule, retry)
                assert expected in {
                    m["not_a_number"].format(quoted=_validate.quoted(cell), retry=retry),
                    m["date_like"].format(quoted=_validate.quoted(cell), retry=retry),
                    m["leading_number"].format(
                        quoted=_validate.quoted(cell), number="7", retry=retry
                    ),
                }
            if rule.whole:
                assert m["whole"].format(value="1.5", retry=retry) == _validate.range_message(
                    1.5, rule, retry
                )
    err = diary.DiaryError("X.", column="pain")
    assert rules["messages"]["not_saved"].format(message="X.", label="L") == (
        forms.not_saved_message(err, {"pain": "L"})
    )
    entry = _validate.Where("entry")
    assert rules["messages"]["place"]["entry"].format(name=entry.name("pain")) == entry.place(
        0, "pain"
    )
    for spec in (_format._DIARY, _format._OBSERVATIONS):
        where = _validate.Where("entry", noun=spec.what)
        names = rules["messages"]["entry_names"][spec.what]
        assert names == {column: where.name(column) for column in spec.columns}


def test_aliases_and_heading_rule(rules) -> None:
    aliases = rules["diary"]["aliases"]
    for heading in ("Pain (0-10)", "Date/Time", "Hours of sleep", "What helped", "Meds"):
        assert aliases[_validate.header_key(heading)] == diary.canonical_column(heading)
    assert rules["headings"]["bracketed"] == _validate._BRACKETED.pattern
    assert rules["headings"]["not_letter"] == _validate._NOT_LETTER.pattern
    assert rules["observations"]["aliases"] == dict(_format._OBSERVATIONS.aliases)
    assert rules["formula"]["triggers"] == _validate.FORMULA_TRIGGERS


def test_scales_and_analysis_parameters(rules) -> None:
    assert rules["bands"] == [list(b) for b in scales.DEFAULT_BANDS]
    c = rules["change"]
    assert c["categories"] == list(scales.CHANGE_CATEGORIES)
    assert (c["worse_percent"], c["substantial_drop_percent"], c["moderate_drop_percent"]) == (
        scales.WORSE_PERCENT,
        scales.SUBSTANTIAL_DROP_PERCENT,
        scales.MODERATE_DROP_PERCENT,
    )
    assert (c["minimal_drop_percent"], c["farrar_points"], c["farrar_percent"]) == (
        scales.MINIMAL_DROP_PERCENT,
        scales.FARRAR_POINTS,
        scales.FARRAR_PERCENT,
    )
    for category, meaning in c["meanings"].items():
        assert category in scales.CHANGE_CATEGORIES
        assert meaning in scales.change_category(5, 5).describe() or category != (
            "no meaningful change"
        )
    assert scales.change_category(10, 6).describe().endswith(c["meanings"]["moderate"])
    assert scales.change_category(2, 2.2).describe().endswith(c["small_rise_meaning"])
    assert c["worse_min_points"] == scales.WORSE_MIN_POINTS
    assert c["summary_words"] == report._CATEGORY_WORDS
    assert scales.peg(6, 5, 7) == sum(
        {"pain": 6, "enjoyment_interference": 5, "activity_interference": 7}[i]
        for i in rules["peg"]["items"]
    ) / len(rules["peg"]["items"])
    assert rules["flares"] == {"lookback": 14, "min_rise": 2.0, "min_level": 5.0, "min_history": 7}
    assert rules["helped"]["small"] == analysis.SMALL_SAMPLE_DAYS
    assert rules["progress"]["days"] == analysis.PROGRESS_DAYS
    assert rules["summary"]["top_n"] == report.TOP_N
    assert rules["summary"]["recent_days"] == report.RECENT_DAYS
    p = rules["painad"]
    assert p["items"] == list(scales.PAINAD_ITEMS) == list(diary.PAINAD_ITEMS)
    assert p["labels"] == dict(scales.PAINAD_LABELS)
    assert p["levels"]["face"]["2"] == scales.PAINAD_ITEMS["face"][2]
    assert p["contexts"] == list(forms.CONTEXTS)


def test_changed_thresholds_still_give_the_same_categories() -> None:
    assert scales.change_category(10, 5).category == "substantial"
    assert scales.change_category(10, 7).category == "moderate"
    assert scales.change_category(10, 9).category == "minimal"
    assert scales.change_category(5, 6).category == "worse"
    assert scales.change_category(4, 2).farrar_meaningful


def test_form_labels_and_help(rules) -> None:
    for name, field in forms.DIARY_FIELDS.items():
        got = rules["fields"][name]
        assert (got["label"], got["meaning"], got["why"], got["required"]) == (
            field.label,
            field.meaning,
            field.why,
            field.required,
        )
    assert rules["fields"]["pain"]["placeholder"] == "a number from 0 to 10 (needed)"
    assert rules["fields"]["_qualities"]["choices"] == list(forms.QUALITIES)


def test_other_apps_and_example_headings(rules) -> None:
    from painbook import imports
    from painbook.diary import check
    from painbook.imports import bearable, crisiscore, headi

    apps = {a["app"]: a for a in rules["other_apps"]}
    assert set(apps) <= set(imports.APPS)
    assert apps["bearable"]["headings"] == [list(bearable.HEADINGS)]
    assert apps["headi"]["headings"] == [list(headi.HEADINGS)]
    assert apps["crisiscore"]["headings"] == [list(crisiscore.FULL), list(crisiscore.MINIMAL)]
    assert [a["app"] for a in rules["other_apps"]] == [a for a in imports.APPS if a in apps]
    headings = rules["messages"]["example_headings"]
    assert headings["date"] == check._EXAMPLE_HEADINGS["date"]
    assert (
        f"if it is headed '{headings['_other']}'"
        in check._missing_columns_error(
            check._Raw(["x"], __import__("pandas").DataFrame(), None, 1, None, "file"),
            _format._DIARY,
            ["pain"],
        ).message
    )
