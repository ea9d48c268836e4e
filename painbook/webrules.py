"""The diary's rules as JSON, for the web page that keeps a diary in the browser.

The web diary (``diary/js/``) must read, check, write and analyse a diary exactly as
:mod:`painbook.diary` and :mod:`painbook.analysis` do. Its rules are not copied into the
JavaScript by hand: they are taken here from painbook's own constants and its own message
code, and written to a JSON file when the book is built::

    python -m painbook.webrules diary/rules.json     # or "-" for standard output

What is in it (:func:`rules`):

* ``diary`` and ``observations``: the columns in order, which are required, the number
  rules (range, whole numbers, the plain name and the sentence explaining the scale), the
  list and text columns, the heading aliases (already reduced by the heading rule), the plain
  words for each column and the headings suggested when a required one is missing;
* ``headings``: the heading rule of ``painbook.diary._cells.header_key`` as two regular
  expressions; ``lists``: the separator; ``formula``: the formula guard's characters;
  ``csv``: encoding, line end and delimiters; ``dates``: the years a date may have, the month
  names and the patterns of the date, time and date-time forms;
* ``bands`` (:data:`painbook.scales.DEFAULT_BANDS`, Serlin et al. 1995), ``change``
  (IMMPACT categories, Dworkin et al. 2008, and Farrar's rule, Farrar et al. 2001), ``peg``
  (Krebs et al. 2009), ``painad`` (Warden, Hurley & Volicer 2003), ``flares``, ``trend``,
  ``helped``, ``progress`` and ``summary`` (with the visit summary's list lengths and
  footer): the analysis parameters, from the functions' defaults and module constants;
  ``measures``: the charts' measures (:data:`painbook.charts.MEASURES`);
* ``fields``: the labels, help and placeholders of the workbook's diary form (the PAINAD
  form's are under ``painad``); ``tables``: the short headings of the last-entries table;
* ``other_apps``: how the CSV exports of other pain apps are told apart
  (:mod:`painbook.imports`), so they are refused as read_diary refuses them;
* ``messages``: message templates made by running painbook's own message functions with
  placeholders (``{value}``, ``{quoted}``, ``{number}``, ``{retry}``, ``{or_delete}``,
  ``{column}``, ``{name}``, ``{line}``, ``{message}``, ``{label}``, ``{n}``), so the page's
  words are the workbook's; ``entry_names`` holds how a new entry's message names each box
  (``Where.name``: its label from :mod:`painbook.fields`), ``cell`` and ``or_delete`` the
  words that differ between a file, a table and an entry;
  the words for each change category come from ``ChangeResult.describe`` itself.

The words are in the language in use (:mod:`painbook.i18n`; ``language`` says which), so
``PAINBOOK_LANG=es python -m painbook.webrules OUT.json`` gives the Spanish page its words;
the names the code compares (columns, ``what``, ``main_item``, band and category keys) stay
English in both, and the words for them are beside them (``what_words``,
``main_item_words``).
"""

from __future__ import annotations

import inspect
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from painbook import analysis, charts, diary, fields, i18n, report, scales
from painbook.diary import _cells as _validate
from painbook.diary import format as _format
from painbook.i18n import _

__all__ = ["FORMAT", "rules", "write_rules"]

#: The version of the JSON layout; the page refuses rules of another version.
FORMAT = 1

# Placeholders: numbers that painbook's messages print in a form found nowhere else.
_ABOVE, _BELOW, _NOT_WHOLE = 12345.25, -12345.25, 1.25
_CELL = "\x01cell\x01"


def _spec(name: str) -> Any:
    """The table description (``_DIARY`` / ``_OBSERVATIONS``) of painbook.diary.format."""
    return getattr(_format, name)


def _template(text: str, **marks: str) -> str:
    for placeholder, mark in marks.items():
        text = text.replace(mark, "{" + placeholder + "}")
    return text


def _number_rule(rule: _validate.NumberRule) -> dict[str, Any]:
    retry = "\x02retry\x02"
    shown = {
        "above": _validate.format_number(_ABOVE),
        "below": _validate.format_number(_BELOW),
        "whole": _validate.format_number(_NOT_WHOLE),
    }
    messages = {
        "above": _template(
            _validate.range_message(_ABOVE, rule, retry), value=shown["above"], retry=retry
        ),
        "below": _template(
            _validate.range_message(_BELOW, rule, retry), value=shown["below"], retry=retry
        ),
        "empty": _template(
            _validate.empty_message(rule, retry, "\x08or_delete\x08"),
            retry=retry,
            or_delete="\x08or_delete\x08",
        ),
        "not_a_number": _template(
            _validate._not_a_number(_CELL, rule, retry),
            quoted=_validate.quoted(_CELL),
            retry=retry,
        ),
        "date_like": _template(
            _validate._not_a_number("2026-05-10" + _CELL, rule, retry),
            quoted=_validate.quoted("2026-05-10" + _CELL),
            retry=retry,
        ),
        "leading_number": _template(
            _validate._not_a_number("7" + _CELL, rule, retry, number="\x037\x03"),
            quoted=_validate.quoted("7" + _CELL),
            number="\x037\x03",
            retry=retry,
        ),
    }
    if rule.whole:
        messages["whole"] = _template(
            _validate.range_message(_NOT_WHOLE, rule, retry), value=shown["whole"], retry=retry
        )
    return {
        "low": rule.low,
        "high": rule.high,
        "name": rule.words,
        "explain": rule.sentence,
        "required": rule.required,
        "whole": rule.whole,
        "span": rule.span,
        "messages": messages,
    }


def _table(spec: Any) -> dict[str, Any]:
    return {
        "what": spec.what,
        "what_words": _validate.what_words(spec.what),
        "columns": list(spec.columns),
        "required": list(spec.required),
        "numbers": {column: _number_rule(rule) for column, rule in spec.numbers.items()},
        "lists": list(spec.lists),
        "texts": list(spec.texts),
        "aliases": dict(spec.aliases),
        "words": {column: _(words) for column, words in spec.words.items()},
        "examples": {column: _(text) for column, text in spec.examples.items()},
        "reader": spec.reader,
        "main_item": _format._main_item(spec),
        "main_item_words": _(_format._main_item(spec)),
    }


def _diary_fields() -> dict[str, Any]:
    from painbook.widgets import forms

    with tempfile.TemporaryDirectory(prefix="painbook-webrules-") as folder:
        form = forms.DiaryForm(Path(folder) / "diary.csv")
        placeholders = {
            name: getattr(form, name).placeholder
            for name in diary.CANONICAL_COLUMNS
            if hasattr(getattr(form, name, None), "placeholder")
        }
        other = form.other_qualities
        button = form.save_button.description
    return {
        name: {
            "label": _(field.label),
            "meaning": _(field.meaning),
            "why": _(field.why),
            "required": field.required,
            "placeholder": placeholders.get(name),
        }
        for name, field in fields.DIARY_FIELDS.items()
    } | {
        "_qualities": {
            # in the language in use, as the workbook's form shows and saves them
            "choices": [_(word) for word in forms.QUALITIES],
            "other_label": other.description,
            "other_placeholder": other.placeholder,
        },
        "_save": {"workbook_button": button},
    }


def _painad_fields() -> dict[str, Any]:
    from painbook.widgets import forms

    with tempfile.TemporaryDirectory(prefix="painbook-webrules-") as folder:
        form = forms.ObservationForm(Path(folder) / "log.csv")
        boxes = {
            "date": form.date,
            "time": form.time,
            "context": form.context,
            "context_other": form.context_other,
            "notes": form.notes,
        }
        labels = {
            # the words of painbook.fields; the "other" box is no column, so its own words
            name: {
                "label": (
                    fields.label(name, observations=True)
                    if name in fields.OBSERVATION_FIELDS
                    else box.description
                ),
                "placeholder": getattr(box, "placeholder", None),
            }
            for name, box in boxes.items()
        }
        controls = list(form.items.values())
        for control, value in zip(controls, (1, 0, 2), strict=False):
            control.value = value
        some = _number_mark(form.total_text(), "3", "{n}")
        for control, value in zip(controls, (1, 0, 2, 2, 2), strict=True):
            control.value = value
        full = _number_mark(form.total_text(), "7", "{total}")
    return {
        "fields": labels,
        "contexts": list(forms.CONTEXTS),
        # what the workbook's form shows and saves for each context (`_(context)`)
        "context_words": {c: _(c) for c in forms.CONTEXTS},
        "short": {item: _(words) for item, words in forms._ITEM_SHORT.items()},
        "total_text": {"some": some, "full": full},
    }


def _number_mark(text: str, number: str, mark: str) -> str:
    """``text`` with its first ``number`` (standing alone, not part of 10 or 17) as ``mark``."""
    import re

    return re.sub(rf"(?<![\d.]){number}(?![\d.])", mark, text, count=1)


def _messages() -> dict[str, Any]:
    from painbook.widgets import forms

    where = {
        mode: _validate.Where(mode, lines=None if mode != "file" else [424242], noun="\x04noun\x04")
        for mode in ("file", "entry", "table")
    }
    entry = _validate.Where("entry")  # a diary's entry: its boxes have labels
    column = "\x05column\x05"
    err = diary.DiaryError("\x06message\x06", column="pain")
    plain = diary.DiaryError("\x06message\x06")

    class _Sized:
        def __init__(self, n: int) -> None:
            self.n = n

        def __len__(self) -> int:
            return self.n

    marks = {"message": "\x06message\x06", "label": "\x07label\x07"}
    return {
        "example_headings": _example_headings(),
        "retry": {mode: _template(w.retry, noun="\x04noun\x04") for mode, w in where.items()},
        "place": {
            "file": _template(where["file"].place(0, column), column=column).replace(
                "424242", "{line}"
            ),
            "file_no_column": where["file"].place(0, None).replace("424242", "{line}"),
            "entry": _template(entry.place(0, "pain"), name=entry.name("pain")),
            "entry_no_column": where["entry"].place(0, None),
        },
        "cell": {mode: w.cell for mode, w in where.items()},
        "or_delete": {mode: w.or_delete for mode, w in where.items()},
        "entry_names": {
            spec.what: {
                name: _validate.Where("entry", noun=spec.what).name(name) for name in spec.columns
            }
            for spec in (_spec("_DIARY"), _spec("_OBSERVATIONS"))
        },
        "not_saved": _template(forms.not_saved_message(err, {"pain": "\x07label\x07"}), **marks),
        "not_saved_no_label": _template(forms.not_saved_message(plain), **marks),
        "saved_one": forms.saved_message(_Sized(1)),  # type: ignore[arg-type]
        "saved_many": forms.saved_message(_Sized(7)).replace("7", "{n}"),  # type: ignore[arg-type]
        "saved_observation_one": forms.saved_message(_Sized(1), "observation log"),  # type: ignore[arg-type]
        "saved_observation_many": forms.saved_message(_Sized(7), "observation log").replace(  # type: ignore[arg-type]
            "7", "{n}"
        ),
    }


def _example_headings() -> dict[str, str]:
    """The made-up headings of the missing-column message, and the one used for the others."""
    import pandas as pd

    from painbook.diary import check

    raw = check._Raw(["Weather"], pd.DataFrame(), None, 1, None, "file")
    message = check._missing_columns_error(raw, _format._DIARY, ["pain"]).message
    other = check.example_heading("pain")
    if f"'{other}'" not in message:  # pragma: no cover - the message changed
        raise RuntimeError("painbook's missing-column message changed; update webrules.")
    return {**{c: check.example_heading(c) for c in check._EXAMPLE_HEADINGS}, "_other": other}


def _other_apps() -> list[dict[str, Any]]:
    """How the CSV exports of other pain apps are told apart, from painbook.imports."""
    from painbook import imports
    from painbook.imports import (
        apple_health,
        bearable,
        crisiscore,
        flaredown,
        headi,
        migraine_buddy,
    )

    return [
        {
            "app": bearable.APP,
            "name": imports.APPS[bearable.APP],
            "casefold": True,
            "headings": [list(bearable.HEADINGS)],
        },
        {
            "app": migraine_buddy.APP,
            "name": imports.APPS[migraine_buddy.APP],
            "headings": [list(migraine_buddy.PREAMBLE)],
            "starts_with": list(migraine_buddy.ATTACKS),
            "and_has": "Geohash",
        },
        {
            "app": flaredown.APP,
            "name": imports.APPS[flaredown.APP],
            "first": "Date",
            "ends_with": ["Tags", "Foods", *flaredown.WEATHER],
            "min_cells": 9,
        },
        {
            "app": crisiscore.APP,
            "name": imports.APPS[crisiscore.APP],
            "headings": [list(crisiscore.FULL), list(crisiscore.MINIMAL)],
            "literal_breaks": crisiscore._LITERAL_BREAK,
        },
        {"app": headi.APP, "name": imports.APPS[headi.APP], "headings": [list(headi.HEADINGS)]},
        {
            "app": apple_health.APP,
            "name": imports.APPS[apple_health.APP],
            "xml_markers": ["<HealthData", "DOCTYPE HealthData"],
        },
    ]


def _footer() -> str:
    """The visit summary's footer sentence, from the page painbook writes."""
    import re

    import pandas as pd

    html = report.visit_summary(
        pd.DataFrame(
            {"date": pd.to_datetime(["2026-01-01"]), "pain": [1.0]},
        )
    )
    text = re.search(r"<footer>(.*?)</footer>", html, re.S)
    if text is None:  # pragma: no cover - the page's layout changed
        raise RuntimeError("painbook.report.visit_summary has no <footer>; update webrules.")
    return text.group(1)


def _forms() -> Any:
    from painbook.widgets import forms

    return forms


#: A change of each category, to have painbook's own words for it.
_CHANGE_EXAMPLES = {
    "worse": (5, 8),
    "no meaningful change": (5, 5),
    "minimal": (10, 8),
    "moderate": (10, 6),
    "substantial": (10, 4),
}


def _meaning(baseline: float, recent: float) -> str:
    """The sentence ChangeResult.describe ends with, for this change."""
    return scales.change_category(baseline, recent).describe().split(". ", 1)[1]


def _change_meanings() -> dict[str, str]:
    meanings = {}
    for category, (baseline, recent) in _CHANGE_EXAMPLES.items():
        if scales.change_category(baseline, recent).category != category:  # pragma: no cover
            raise RuntimeError(f"change_category({baseline}, {recent}) is not {category!r}.")
        meanings[category] = _meaning(baseline, recent)
    return meanings


def _defaults(func: Any) -> dict[str, Any]:
    return {
        name: p.default
        for name, p in inspect.signature(func).parameters.items()
        if p.default is not inspect.Parameter.empty and p.default is not None
    }


def rules() -> dict[str, Any]:
    """Every rule the web diary needs, as a JSON-ready dict (see the module docstring)."""
    trend = _defaults(analysis.trend)
    return {
        "format": FORMAT,
        "language": i18n.language(),
        "diary": _table(_spec("_DIARY")),
        "observations": _table(_spec("_OBSERVATIONS")),
        "datetime_column": _format._DATETIME,
        "headings": {
            "bracketed": _validate._BRACKETED.pattern,
            "not_letter": _validate._NOT_LETTER.pattern,
        },
        "lists": {"separator": ";", "join": "; "},
        "formula": {
            "triggers": _validate.FORMULA_TRIGGERS,
            "needs_escape": _validate._NEEDS_ESCAPE.pattern,
            "escaped": _validate._ESCAPED,
        },
        "csv": {
            "encoding": diary.CSV_ENCODING,
            "line_end": "\r\n",
            "delimiters": [",", ";", "\t"],
            "sniff_chars": 65536,
        },
        "dates": {
            "first_year": _validate._FIRST_YEAR,
            "last_year": _validate._LAST_YEAR,
            "months": [_validate.month_name(m) for m in range(13)],
            "long_date": _validate._long_date(2999, 11, 22)
            .replace("2999", "{year}")
            .replace(_validate.month_name(11), "{month}")
            .replace("22", "{day}"),
            "us_date": _validate._us_date(2999, 11, 22)
            .replace("2999", "{year}")
            .replace(_validate.month_name(11), "{month}")
            .replace("22", "{day}"),
            "split_date_time": _validate._SPLIT_DATE_TIME,
            "iso_date": _validate._ISO_DATE,
            "day_month": _validate._DAY_MONTH,
            "time": _validate._TIME,
        },
        "bands": [list(band) for band in scales.DEFAULT_BANDS],
        "band_words": {
            label: scales.band_words(label) for label, _low, _high in scales.DEFAULT_BANDS
        },
        "change": {
            "categories": list(scales.CHANGE_CATEGORIES),
            "meanings": _change_meanings(),
            "small_rise_meaning": _meaning(2, 2.2),
            "worse_min_points": scales.WORSE_MIN_POINTS,
            "worse_percent": scales.WORSE_PERCENT,
            "substantial_drop_percent": scales.SUBSTANTIAL_DROP_PERCENT,
            "moderate_drop_percent": scales.MODERATE_DROP_PERCENT,
            "minimal_drop_percent": scales.MINIMAL_DROP_PERCENT,
            "farrar_points": scales.FARRAR_POINTS,
            "farrar_percent": scales.FARRAR_PERCENT,
            "decimals": scales._DECIMALS,
            "summary_words": {k: _(v) for k, v in report._CATEGORY_WORDS.items()},
        },
        "peg": {
            "items": ["pain", "enjoyment_interference", "activity_interference"],
            "low": 0,
            "high": 10,
        },
        "painad": {
            "items": list(scales.PAINAD_ITEMS),
            "labels": {item: _(words) for item, words in scales.PAINAD_LABELS.items()},
            "levels": {
                item: {str(level): _(text) for level, text in levels.items()}
                for item, levels in scales.PAINAD_ITEMS.items()
            },
            "words": {item: _(words) for item, words in _format._PAINAD_WORDS.items()},
            "low": 0,
            "high": 2,
            "max_total": 10,
            **_painad_fields(),
        },
        "flares": _defaults(analysis.flares),
        "trend": {"window": trend["window"], "min_periods": trend["window"] // 2 + 1},
        "helped": {"small": analysis.SMALL_SAMPLE_DAYS},
        "progress": {"days": analysis.PROGRESS_DAYS},
        "summary": {
            "top_n": report.TOP_N,
            "max_questions": report.MAX_QUESTIONS,
            "recent_days": report.RECENT_DAYS,
            "daily_chart_max_days": report.DAILY_CHART_MAX_DAYS,
            "footer": _footer(),
        },
        "other_apps": _other_apps(),
        "fields": _diary_fields(),
        "measures": {
            key: {
                "column": m.column,
                "label": _(m.label),
                "noun": _(m.noun),
                "unit": m.unit,
                "top": m.top,
            }
            for key, m in charts.MEASURES.items()
        },
        "tables": {
            "short_headings": {k: _(v) for k, v in _forms()._SHORT_HEADINGS.items()},
            "long_text": _forms()._LONG_TEXT,
        },
        "messages": _messages(),
    }


def write_rules(path: str | Path) -> Path:
    """Write :func:`rules` as UTF-8 JSON to ``path`` (``"-"``: standard output)."""
    text = json.dumps(rules(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
        return Path("-")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m painbook.webrules OUT.json  (or - for standard output)")
        return 2
    write_rules(argv[0])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
