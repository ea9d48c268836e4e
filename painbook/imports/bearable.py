"""Bearable (symptom and mood tracker): its CSV export.

Format learned from a real export: andrewmiller0728/BearableDataProcessing,
``src/main/resources/Bearable_Export_20210728.csv``, commit
59f362ad0391b89c7bac09e5797eb74a82b2db9d. A long layout, one row per reading:
``date,weekday,time of day,category,rating/amount,detail,notes``.

* ``date`` is written like ``22nd Sep 2020``;
* ``time of day`` is a clock time (``3:04``, ``14:08``) for moods, energy, medicines and
  gratitudes, a part of the day for symptoms and factors (``pre`` before dawn, ``am``
  morning, ``mid`` afternoon, ``pm`` evening, or ``all day``), and empty for sleep;
* ``category`` is ``Symptom``, ``Mood``, ``Meds/Supplements``, ``Factors``, ``Energy``,
  ``Sleep``, ``Sleep quality``, ``Food Diary`` ...;
* a symptom row's ``rating/amount`` is its severity, 1 (Mild) to 4 (Unbearable), with 0 for
  none, and its ``detail`` the symptom with the word in brackets (``Headache (Mild)``);
  a medicine row's amount is the dose and its detail the name and unit (``Ibuprofen
  (mg)``); lists in ``detail`` are joined with ``" | "``.

One diary entry is made per date and part of the day that has a pain symptom (names with
pain, ache, headache or migraine, unless ``pain_symptoms=`` names them). Its pain is the
highest pain-symptom rating in that part of the day, rescaled from 0-4 to 0-10 only with
``rescale=True``. Medicine rows join the part of the day of their clock time (before 6 am,
morning until noon, afternoon until 6 pm, evening after). Hours of sleep join every entry
of that date. Everything else on the same date and part of the day (other symptoms, mood,
energy, factors, food, notes) is kept in extra columns.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import Any

from painbook.diary._cells import format_number
from painbook.i18n import N_, _, ngettext, pgettext
from painbook.imports._common import (
    Entries,
    Export,
    Report,
    csv_rows,
    first_row,
    is_pain_symptom,
    join_list,
    rescaled,
    split_on,
)

APP = "bearable"
NAME = "Bearable"
HEADINGS = ("date", "weekday", "time of day", "category", "rating/amount", "detail", "notes")
SCALE = N_("from 1 (mild) to 4 (unbearable), with 0 for none")
PARTS = {
    "pre": "before dawn",
    "am": "morning",
    "mid": "afternoon",
    "pm": "evening",
    "all day": "all day",
}
_ORDER = {"pre": 0, "am": 1, "mid": 2, "pm": 3, "all day": 4}
_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)\s+([A-Za-z]{3})\w*\s+(\d{4})$")
_SEVERITY = re.compile(r"^(.*?)\s*\((Mild|Moderate|Severe|Unbearable|None)\)$", re.I)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_BAR = " | "


def detect(export: Export) -> bool:
    return tuple(h.casefold() for h in first_row(export.head())) == HEADINGS


def _day(text: str) -> str | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        day = _dt.datetime.strptime(f"{match[1]} {match[2]} {match[3]}", "%d %b %Y")
    except ValueError:
        return None
    return day.strftime("%Y-%m-%d")


def _part(when: str) -> str | None:
    text = when.strip().casefold()
    if text in _ORDER:
        return text
    match = _CLOCK.match(text)
    if not match:
        return None
    hour = int(match[1])
    return "pre" if hour < 6 else "am" if hour < 12 else "mid" if hour < 18 else "pm"


def _hours(text: str) -> float | None:
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    return int(match[1]) + int(match[2]) / 60


def read(
    export: Export,
    *,
    report: Report,
    rescale: bool,
    pain_symptoms: Sequence[str] | None,
    **_unused: Any,
) -> Entries:
    rows = csv_rows(export.text)
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    daily: dict[str, dict[str, list[str]]] = {}
    pain: dict[tuple[str, str], tuple[float, list[str]]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(HEADINGS, (c.strip() for c in row), strict=False))
        day = _day(cells.get("date", ""))
        if day is None:
            report.skip(
                _("line {number}").format(number=number),
                _("the date {value} cannot be read").format(value=repr(cells.get("date", ""))),
            )
            continue
        category = cells.get("category", "")
        detail = cells.get("detail", "")
        amount = cells.get("rating/amount", "")
        when = cells.get("time of day", "")
        part = _part(when)
        notes = cells.get("notes", "").strip(" .")
        if part is None or part == "all day":
            bucket = daily.setdefault(day, {})
        else:
            bucket = groups.setdefault((day, part), {})
        if category == "Symptom":
            match = _SEVERITY.match(detail)
            name = match[1] if match else detail
            if is_pain_symptom(name, pain_symptoms) and part is not None:
                try:
                    rating = float(amount)
                except ValueError:
                    report.skip(
                        _("line {number}").format(number=number),
                        _("the rating {amount} is not a number").format(amount=repr(amount)),
                    )
                    continue
                best, names = pain.get((day, part), (-1.0, []))
                pain[(day, part)] = (max(best, rating), [*names, detail])
                groups.setdefault((day, part), {})
            else:
                bucket.setdefault("Other symptoms", []).append(detail)
        elif category == "Meds/Supplements":
            unit = re.search(r"\(([^)]*)\)\s*$", detail)
            medicine = re.sub(r"\s*\([^)]*\)\s*$", "", detail)
            dose = f" {amount} {unit[1]}" if amount and unit else f" {amount}" if amount else ""
            bucket.setdefault("medicines", []).append(f"{medicine}{dose}".strip())
        elif category == "Sleep":
            hours = _hours(amount)
            if hours is not None:
                daily.setdefault(day, {}).setdefault("sleep", []).append(format_number(hours))
            bucket.setdefault("Sleep times", []).append(detail)
        else:
            label = f"{category} rating" if amount else category
            if amount:
                bucket.setdefault(label, []).append(amount)
            if detail:
                bucket.setdefault(category, []).extend(split_on(detail, _BAR))
        if notes:
            bucket.setdefault("Bearable notes", []).append(notes)
    entries = Entries(NAME)
    keys = sorted(pain, key=lambda k: (k[0], _ORDER[k[1]]))
    used: set[tuple[str, str]] = set(keys)
    for day, part in keys:
        best, names = pain[(day, part)]
        value = rescaled(best, app=NAME, scale=SCALE, rescale=rescale, column="pain")
        group = groups.get((day, part), {})
        whole_day = daily.get(day, {})
        sleep = whole_day.get("sleep", [])
        extras: dict[str, Any] = {
            "Part of day": PARTS[part],
            "Bearable rating (0-4)": format_number(best),
            "Pain symptoms": join_list(names),
        }
        for source in (group, whole_day):
            for label, values in source.items():
                if label in ("medicines", "sleep"):
                    continue
                heading = label if source is group else f"{label} (all day)"
                extras[heading] = join_list(values)
        entries.add(
            {
                "date": day,
                "pain": value,
                "sleep_hours": sleep[0] if sleep else "",
                "medications": join_list(group.get("medicines", [])),
            },
            extras,
        )
    left = [k for k in groups if k not in used and groups[k]]
    found = sorted({n.rsplit(" (", 1)[0] for _best, names in pain.values() for n in names})
    report.say(
        _(
            "Bearable's file has one row per reading; it became one entry per date and part of "
            "the day with a pain symptom ({symptoms}). Pain is the highest pain-symptom rating in "
            "that part of the day; Bearable rates {scale}, and each rating was multiplied by 2.5 "
            "to give 0 to 10, as rescale=True asked. The app's own rating is kept in the extra "
            "column 'Bearable rating (0-4)'."
        ).format(symptoms=", ".join(found) or pgettext("symptoms", "none"), scale=_(SCALE))
    )
    report.mapped(
        [
            ("date", "date"),
            ("highest pain symptom rating", "pain"),
            ("Sleep", "sleep_hours"),
            ("Meds/Supplements", "medications"),
        ]
    )
    report.say(
        _(
            "Medicines joined the part of the day of their clock time (before 6 am, morning, "
            "afternoon, evening after 6 pm); hours of sleep joined every entry of that date. "
            "Bearable's ' | ' lists became the diary's ';' lists."
        )
    )
    if left:
        report.say(
            ngettext(
                "{n} part of a day had readings but no pain symptom, so they are not diary "
                "entries (their moods, medicines and factors were not brought across).",
                "{n} parts of days had readings but no pain symptom, so they are not diary "
                "entries (their moods, medicines and factors were not brought across).",
                len(left),
            ).format(n=len(left))
        )
    return entries
