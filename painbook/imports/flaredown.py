"""Flaredown (web and phone app for chronic illness): its CSV export.

Format learned from the app's source: rubyforgood/Flaredown,
``backend/app/jobs/data_export_job.rb`` (``headers``, ``checkin_row``), with
``backend/app/models/checkin.rb``, ``backend/app/models/checkin/fiveable.rb`` and
``backend/app/controllers/api/v1/checkins_controller.rb``, commit
ce8509edf5a4c0f58e65f1bbfaaf6d251a0b42fd. One row per check-in (one a day):

* ``Date``: the check-in's date and time (a Ruby ``DateTime``, written like
  ``2026-03-02T14:05:09+00:00``). The clock time is only the moment the check-in was saved
  (``checkins_controller.rb`` puts the current hour and minute on the chosen day), so it is
  dropped and only the date is kept;
* then one column per condition and per symptom the person tracks, each rated 0 to 4
  (``fiveable.rb``: ``inclusion: {in: (0..4)}``), then one column per treatment (its dose,
  ``Taken`` or ``Not Taken``);
* ``Tags`` and ``Foods``, lists joined with ``"; "``;
* six weather columns.

Pain is the highest rating among the pain symptoms or conditions (names with pain, ache,
headache or migraine, or those named in ``pain_symptoms=``), rescaled from 0-4 to 0-10 only
with ``rescale=True``. Treatments taken become medications. Every other column, and the
original 0-4 rating, is kept as an extra column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from painbook.diary import DiaryError
from painbook.i18n import N_, _, pgettext
from painbook.imports._common import (
    Entries,
    Export,
    Report,
    csv_rows,
    first_row,
    format_number,
    is_pain_symptom,
    join_list,
    rescaled,
    split_on,
)

APP = "flaredown"
NAME = "Flaredown"
WEATHER = (
    "Weather summary",
    "Weather max temperature",
    "Weather min temperature",
    "Weather pressure",
    "Weather precipitation intensity",
    "Weather humidity",
)
SCALE = N_("from 0 (none) to 4 (the most)")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def detect(export: Export) -> bool:
    head = first_row(export.head())
    return (
        len(head) >= 9
        and head[0] == "Date"
        and tuple(head[-6:]) == WEATHER
        and tuple(head[-8:-6]) == ("Tags", "Foods")
    )


def _rating(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number.is_integer() and 0 <= number <= 4 else None


def read(
    export: Export,
    *,
    report: Report,
    rescale: bool,
    pain_symptoms: Sequence[str] | None,
    **_unused: Any,
) -> Entries:
    entries = Entries(NAME)
    rows = csv_rows(export.text)
    headings = [h.strip() for h in rows[0]]
    tracked = headings[1:-8]
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    # A rated column holds only 0-4 (or nothing); a treatment column holds doses or Taken.
    rated = [
        h
        for i, h in enumerate(tracked, start=1)
        if all(_rating(r[i].strip()) is not None for r in body if len(r) > i and r[i].strip())
        and any(len(r) > i and r[i].strip() for r in body)
    ]
    treatments = [h for h in tracked if h not in rated]
    pain_columns = [h for h in rated if is_pain_symptom(h, pain_symptoms)]
    if not pain_columns:
        names = ", ".join(f"'{h}'" for h in rated) or pgettext("columns", "none")
        raise DiaryError(
            _(
                "This Flaredown export has no pain symptom or condition: no rated column has "
                "pain, ache, headache or migraine in its name (the rated columns are: {names}). "
                "Say which ones are pain with pain_symptoms=, for example import_diary(path, "
                "pain_symptoms=['{example}']), then import again."
            ).format(names=names, example=rated[0] if rated else "Back pain"),
            column="pain",
        )
    report.say(
        _(
            "Pain is the highest rating of: {columns} (Flaredown rates {scale}; each rating was "
            "multiplied by 2.5 to give 0 to 10, as rescale=True asked). The app's own rating is "
            "kept in the extra column 'Flaredown rating (0-4)'."
        ).format(columns=", ".join(pain_columns), scale=_(SCALE))
    )
    report.mapped(
        [("Date", "date"), ("highest pain rating", "pain"), ("treatments taken", "medications")]
    )
    report.say(
        _(
            "Flaredown's clock time is only the moment the check-in was saved, so it was "
            "dropped: the entries have a date but no time."
        )
    )
    if treatments:
        report.say(
            _(
                "Treatments marked taken became medications ({treatments}); 'Not Taken' was "
                "left out of the list and kept in its own extra column."
            ).format(treatments=", ".join(treatments))
        )
    report.say(
        _(
            "Tags, foods and weather were kept as extra columns; Flaredown's '; ' lists were "
            "kept as the diary's ';' lists."
        )
    )
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(headings, (c.strip() for c in row), strict=False))
        day = cells.get("Date", "")[:10]
        if not _DAY.match(day):
            report.skip(
                _("line {number}").format(number=number),
                _("the date {value} cannot be read").format(value=repr(cells.get("Date", ""))),
            )
            continue
        ratings = [_rating(cells.get(h, "")) for h in pain_columns]
        present = [r for r in ratings if r is not None]
        if not present:
            report.skip(
                _("line {number} ({day})").format(number=number, day=day),
                _("no pain symptom was rated that day"),
            )
            continue
        highest = max(present)
        pain = rescaled(highest, app=NAME, scale=SCALE, rescale=rescale, column="pain")
        taken = []
        for h in treatments:
            value = cells.get(h, "")
            if value and value != "Not Taken":
                taken.append(h if value == "Taken" else f"{h} {value}")
        extras: dict[str, Any] = {"Flaredown rating (0-4)": format_number(highest)}
        for h in headings[1:]:
            if h in treatments:
                extras[h] = cells.get(h, "")
            elif h in ("Tags", "Foods"):
                extras[h] = join_list(split_on(cells.get(h, ""), ";"))
            else:
                extras[h] = cells.get(h, "")
        entries.add({"date": day, "pain": pain, "medications": join_list(taken)}, extras)
    return entries
