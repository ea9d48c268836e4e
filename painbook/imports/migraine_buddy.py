"""Migraine Buddy (headache app): its CSV export.

Format learned from real exports quoted in crmne/cluster-headache-tracker, issue 81 ("Smart
CSV Import for Migraine Buddy Data", a user's export posted 2024-11-17) and that project's
test fixtures ``test/fixtures/files/migraine_buddy_sample.csv`` (commit
f8e98ef045555ff6eafb857d1720f94fbfc0bc0d) and ``test/fixtures/files/migraine_buddy_mixed.csv``
(commit 44d81bf56253155d6bccefa296c73371c7530c6a). The file has two tables:

* first the ongoing events, headed ``"Date","Time Period","Description","Notes"``;
* a blank line, then one row per attack, headed ``"#","Started","Lasted","Start UTC Offset
  (min)","End UTC Offset (min)","Geohash","Attack Types","Attack Location","Pain
  Level",...,"Pain Positions","Helpful Medication",...,"Notes"``.

``Started`` is month/day/two-digit year and a 24-hour clock time on the phone's own clock
(``11/16/24 13:12``), with the offset from UTC in minutes beside it; ``Lasted`` is like
``01h 00m`` or ``1d 02h 15m``; ``Pain Level`` is 0 to 10; lists are joined with ``", "``;
"No medication" means none. ``Geohash`` is where the phone was (a map square), so it is a
location trace: it is dropped, and the report says so.

Imported: date and time (as on the phone's clock), pain, locations (pain positions),
medications (every medication column), helped (helpful and somewhat helpful medicines and
other relief), worsened (potential triggers), notes. Kept as extras: everything else.
Ongoing events (attacks not yet ended) are not imported; the report counts them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from painbook.i18n import _, ngettext
from painbook.imports._common import (
    Entries,
    Export,
    Report,
    csv_rows,
    first_row,
    join_list,
    split_on,
)

APP = "migraine-buddy"
NAME = "Migraine Buddy"
PREAMBLE = ("Date", "Time Period", "Description", "Notes")
ATTACKS = ("#", "Started", "Lasted")
MEDICINES = (
    "Helpful Medication",
    "Somewhat Helpful Medication",
    "Unhelpful Medication",
    "Unsure Medication",
)
HELPED = (
    "Helpful Medication",
    "Somewhat Helpful Medication",
    "Helpful Non Drug Relief Methods",
    "Somewhat Helpful Non Drug Relief Methods",
)
TRACES = ("Geohash",)
_MAPPED = ("Started", "Pain Level", "Pain Positions", "Potential Triggers", "Notes", *TRACES)
_NONE = "no medication"


def _attack_header(rows: list[list[str]]) -> int | None:
    for i, row in enumerate(rows):
        if tuple(c.strip() for c in row[:3]) == ATTACKS and "Geohash" in row:
            return i
    return None


def detect(export: Export) -> bool:
    head = first_row(export.head())
    if tuple(head) == PREAMBLE:
        return True
    return tuple(head[:3]) == ATTACKS and "Geohash" in head


def _items(value: str) -> list[str]:
    return [v for v in split_on(value, ",") if v.casefold() != _NONE]


def read(export: Export, *, report: Report, **_unused: Any) -> Entries:
    entries = Entries(NAME)
    rows = csv_rows(export.text)
    at = _attack_header(rows)
    if at is None:
        report.say(_("The export has no table of attacks."))
        return entries
    ongoing = [r for r in rows[1:at] if any(c.strip() for c in r)]
    ongoing = [r for r in ongoing if not r[0].strip().startswith("No ongoing events")]
    headings = [h.strip() for h in rows[at]]
    line = sum(1 + "".join(r).count("\n") for r in rows[: at + 1])
    for row in rows[at + 1 :]:
        line += 1 + "".join(row).count("\n")
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(headings, (c.strip() for c in row), strict=False))
        where = _("attack {number} (line {line})").format(number=cells.get("#", "?"), line=line)
        try:
            started = _dt.datetime.strptime(cells.get("Started", ""), "%m/%d/%y %H:%M")
        except ValueError:
            report.skip(
                where,
                _("the start {value} cannot be read").format(value=repr(cells.get("Started", ""))),
            )
            continue
        pain = cells.get("Pain Level", "")
        if not pain:
            report.skip(where, _("it has no pain level"))
            continue
        try:
            if not 0 <= float(pain) <= 10:
                report.skip(where, _("the pain level {pain} is outside 0 to 10").format(pain=pain))
                continue
        except ValueError:
            report.skip(where, _("the pain level {pain} is not a number").format(pain=repr(pain)))
            continue
        values = {
            "date": started.strftime("%Y-%m-%d"),
            "time": started.strftime("%H:%M"),
            "pain": pain,
            "locations": join_list(split_on(cells.get("Pain Positions", ""), ",")),
            "medications": join_list(m for c in MEDICINES for m in _items(cells.get(c, ""))),
            "helped": join_list(m for c in HELPED for m in _items(cells.get(c, ""))),
            "worsened": join_list(split_on(cells.get("Potential Triggers", ""), ",")),
            "notes": cells.get("Notes", ""),
        }
        extras = {
            h: join_list(split_on(cells.get(h, ""), ","))
            if h not in ("#", "Lasted") and "Offset" not in h
            else cells.get(h, "")
            for h in headings
            if h not in _MAPPED
        }
        entries.add(values, extras)
    report.mapped(
        [
            ("Started", "date"),
            ("Started", "time"),
            ("Pain Level", "pain"),
            ("Pain Positions", "locations"),
            ("every Medication column", "medications"),
            ("Helpful and Somewhat Helpful Medication and Relief Methods", "helped"),
            ("Potential Triggers", "worsened"),
            ("Notes", "notes"),
        ]
    )
    report.say(
        _(
            "Times are as the phone's clock showed them where you were (Migraine Buddy's "
            "'Started'); the offset from UTC is kept in extra columns."
        )
    )
    report.say(
        _(
            "Migraine Buddy's ', ' lists became the diary's ';' lists; 'No medication' was left "
            "out of the medicine lists."
        )
    )
    report.say(
        _(
            "The 'Geohash' column (a map square of where the phone was) was dropped, to keep "
            "where you live and go out of the diary."
        )
    )
    if ongoing:
        report.say(
            ngettext(
                "{n} ongoing attack (not yet ended in the app) was not imported.",
                "{n} ongoing attacks (not yet ended in the app) were not imported.",
                len(ongoing),
            ).format(n=len(ongoing))
        )
    return entries
