"""Headi (Android headache diary): its CSV export.

Format learned from the app's source: MrReSc/Headi,
``app/src/main/java/com/headi/app/db/HeadiDBSQLiteHelper.java`` (``performCsvExport``) and
``app/src/main/java/com/headi/app/db/HeadiDBContract.java``, commit
22e80125acf91c653f1e89f9996c087b914ba84b. One row per headache, headings
``_id,pain,start_date,end_date,duration,strength,medication,medication_amount,description``:

* ``pain`` is the kind of pain the person named (text such as "Migraine"), not a number;
* ``strength`` is the pain, 0 to 10 (the app's slider, ``android:max="10"``);
* ``start_date`` and ``end_date`` are moments in milliseconds since 1970 in UTC
  (``System.currentTimeMillis()``), ``duration`` their difference in milliseconds;
* ``medication`` is one medicine's name, ``medication_amount`` how many were taken;
* ``description`` is the person's note;
* an empty field is written as the word ``null`` (``StringEscapeUtils.escapeCsv`` returns
  null for a null field, and Java joins it into the line as "null").

Imported: date and time (start, on the local clock), pain (strength), medications, notes.
Kept as extras: the kind of pain, the end time, the length in minutes, the amount of
medicine and Headi's row number.
"""

from __future__ import annotations

from typing import Any

from painbook.i18n import _
from painbook.imports._common import Clock, Entries, Export, Report, csv_rows, day_and_time

APP = "headi"
NAME = "Headi"
HEADINGS = (
    "_id",
    "pain",
    "start_date",
    "end_date",
    "duration",
    "strength",
    "medication",
    "medication_amount",
    "description",
)


def detect(export: Export) -> bool:
    from painbook.imports._common import first_row

    return tuple(first_row(export.head())) == HEADINGS


def read(export: Export, *, clock: Clock, report: Report, **_unused: Any) -> Entries:
    entries = Entries(NAME)
    rows = csv_rows(export.text)
    report.mapped(
        [
            ("start_date", "date"),
            ("start_date", "time"),
            ("strength", "pain"),
            ("medication", "medications"),
            ("description", "notes"),
        ]
    )
    report.say(
        _("Headi saves times in UTC; they were changed to local time in {said}.").format(
            said=clock.said
        )
    )
    report.say(
        _(
            "Headi's 'strength' (0 to 10) became pain; its 'pain' (the kind of pain) was kept as "
            "the extra column 'Kind of pain'."
        )
    )
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        # Headi writes an empty field as the word null (Java's null joined into the line).
        cells = {
            h: ("" if c.strip() == "null" else c.strip())
            for h, c in zip(HEADINGS, row, strict=False)
        }
        try:
            start = clock.from_epoch_ms(float(cells.get("start_date", "")))
        except ValueError:
            report.skip(
                _("line {number}").format(number=number),
                _("the start time is not a number of milliseconds"),
            )
            continue
        strength = cells.get("strength", "")
        if not strength:
            report.skip(
                _("line {number}").format(number=number), _("it has no strength (pain score)")
            )
            continue
        day, clock_time = day_and_time(start)
        extras: dict[str, Any] = {"Kind of pain": cells.get("pain", "")}
        end = cells.get("end_date", "")
        if end:
            try:
                end_day, end_time = day_and_time(clock.from_epoch_ms(float(end)))
                extras["Ended"] = f"{end_day} {end_time}"
            except ValueError:
                extras["Ended"] = end
        duration = cells.get("duration", "")
        try:
            extras["Minutes"] = round(float(duration) / 60000) if duration else ""
        except ValueError:
            extras["Minutes"] = duration
        extras["Medicine amount"] = cells.get("medication_amount", "")
        extras["Headi number"] = cells.get("_id", "")
        entries.add(
            {
                "date": day,
                "time": clock_time,
                "pain": strength,
                "medications": cells.get("medication", ""),
                "notes": cells.get("description", ""),
            },
            extras,
        )
    return entries
