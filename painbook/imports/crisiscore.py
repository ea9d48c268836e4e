"""CrisisCore Pain Tracker (web app): its CSV and JSON exports.

Format learned from the app's source: CrisisCore-Systems/pain-tracker,
``src/utils/pain-tracker/export.ts`` (``exportToCSV``, ``exportToJSON``) and
``src/types/index.ts`` (``PainEntry``), commit e31f4e206b9f78760a03496ba2931dc69ebcaf85.

* CSV headings ``Date,Time,Pain Level,Locations,Symptoms,Limited Activities,Sleep
  Quality,Mood Impact,Missed Work Days,Notes`` (or, with the "minimal" policy,
  ``Date,Time,Pain Level,Symptoms,Medication Log``). Date and time are cut from the
  entry's ISO timestamp, which is in UTC. Lists are joined with ``"; "``. The rows are joined
  with the two characters backslash and n (``String.raw`\\n```), not a line break, so
  the whole file is one line; both forms are read.
* JSON: the list of ``PainEntry`` objects (``timestamp`` in UTC, ``baselineData.pain``
  0-10, ``baselineData.locations`` and ``symptoms``, ``medications.current``, ``notes``,
  ``triggers``, ``reliefMethods``, ``quality`` ...) or, minimal, ``id, timestamp,
  painLevel, symptoms, medications``.

Imported: date and time (on the local clock), pain, locations, qualities, medications
(name, with dose and how often as the app wrote them), helped (relief methods), worsened
(triggers), notes. Everything else is kept as extra columns.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from painbook.i18n import _
from painbook.imports._common import (
    Clock,
    Entries,
    Export,
    Report,
    csv_rows,
    day_and_time,
    first_row,
    join_list,
    split_on,
)

APP = "crisiscore"
NAME = "CrisisCore Pain Tracker"
FULL = (
    "Date",
    "Time",
    "Pain Level",
    "Locations",
    "Symptoms",
    "Limited Activities",
    "Sleep Quality",
    "Mood Impact",
    "Missed Work Days",
    "Notes",
)
MINIMAL = ("Date", "Time", "Pain Level", "Symptoms", "Medication Log")
_LITERAL_BREAK = "\\n"


def _rows_text(text: str) -> str:
    """The CSV with real line breaks: the app joins rows with a backslash and an n."""
    if "\n" in text.strip() or _LITERAL_BREAK not in text:
        return text
    out: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            quoted = not quoted
        if not quoted and text.startswith(_LITERAL_BREAK, i):
            out.append("\n")
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _head(export: Export) -> tuple[str, ...]:
    return tuple(first_row(_rows_text(export.head())))


def _json_kind(data: Any) -> str | None:
    if not isinstance(data, list) or not data or not all(isinstance(e, dict) for e in data):
        return None
    first = data[0]
    if "timestamp" in first and isinstance(first.get("baselineData"), dict):
        return "full"
    if {"timestamp", "painLevel", "symptoms", "medications"} <= set(first):
        return "minimal"
    return None


def detect(export: Export) -> bool:
    start = export.head(64).lstrip()
    if start.startswith("["):
        return _json_kind(export.json()) is not None
    return _head(export) in (FULL, MINIMAL)


def _utc(value: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def read(export: Export, *, clock: Clock, report: Report, **_unused: Any) -> Entries:
    entries = Entries(NAME)
    report.say(
        _("{app} saves times in UTC; they were changed to local time in {said}.").format(
            app=NAME, said=clock.said
        )
    )
    data = export.json() if export.head(64).lstrip().startswith("[") else None
    if data is not None:
        _read_json(data, entries, clock, report)
    else:
        _read_csv(export, entries, clock, report)
    return entries


def _read_csv(export: Export, entries: Entries, clock: Clock, report: Report) -> None:
    rows = csv_rows(_rows_text(export.text))
    headings = [h.strip() for h in rows[0]]
    pairs = [("Date", "date"), ("Time", "time"), ("Pain Level", "pain")]
    pairs += [
        (h, c)
        for h, c in (
            ("Locations", "locations"),
            ("Medication Log", "medications"),
            ("Notes", "notes"),
        )
        if h in headings
    ]
    report.mapped(pairs)
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        cells = dict(zip(headings, (c.strip() for c in row), strict=False))
        try:
            if cells.get("Time"):
                moment = clock.local(_utc(f"{cells['Date']}T{cells['Time']}:00+00:00"))
                day, clock_time = day_and_time(moment)
            else:  # a date alone cannot be moved to another time zone: kept as written
                day, clock_time = _dt.date.fromisoformat(cells["Date"]).isoformat(), ""
        except (KeyError, ValueError):
            report.skip(
                _("row {number}").format(number=number), _("the date or time cannot be read")
            )
            continue
        values = {
            "date": day,
            "time": clock_time,
            "pain": cells.get("Pain Level", ""),
            "locations": join_list(split_on(cells.get("Locations", ""), ";")),
            "medications": join_list(split_on(cells.get("Medication Log", ""), ";")),
            "notes": cells.get("Notes", ""),
        }
        extras = {
            h: join_list(split_on(cells.get(h, ""), ";"))
            if h in ("Symptoms", "Limited Activities")
            else cells.get(h, "")
            for h in headings
            if h not in ("Date", "Time", "Pain Level", "Locations", "Medication Log", "Notes")
        }
        entries.add(values, extras)


_MAPPED = {
    ("timestamp",),
    ("baselineData", "pain"),
    ("painLevel",),
    ("intensity",),
    ("baselineData", "locations"),
    ("quality",),
    ("medications", "current"),
    ("medications",),
    ("reliefMethods",),
    ("triggers",),
    ("notes",),
}


def _medicine(med: Any) -> str:
    if not isinstance(med, dict):
        return str(med)
    name = str(med.get("name", "")).strip()
    how = ", ".join(str(med[k]).strip() for k in ("dosage", "frequency") if med.get(k))
    return f"{name} ({how})" if how else name


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return join_list(value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _extras(entry: dict[str, Any], prefix: tuple[str, ...] = ()) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in entry.items():
        path = (*prefix, key)
        if path in _MAPPED:
            continue
        if isinstance(value, dict) and not prefix:
            out.update(_extras(value, path))
        else:
            out[" ".join(path) if len(path) == 1 else path[-1]] = _flat(value)
    return out


def _read_json(data: list[dict[str, Any]], entries: Entries, clock: Clock, report: Report) -> None:
    report.mapped(
        [
            ("timestamp", "date"),
            ("timestamp", "time"),
            ("baselineData.pain", "pain"),
            ("baselineData.locations", "locations"),
            ("quality", "qualities"),
            ("medications.current", "medications"),
            ("reliefMethods", "helped"),
            ("triggers", "worsened"),
            ("notes", "notes"),
        ]
    )
    for number, entry in enumerate(data, start=1):
        try:
            moment = clock.local(_utc(str(entry["timestamp"])))
        except (KeyError, ValueError):
            report.skip(
                _("entry {number}").format(number=number), _("its timestamp cannot be read")
            )
            continue
        base = entry.get("baselineData") if isinstance(entry.get("baselineData"), dict) else {}
        pain = entry.get("intensity", base.get("pain", entry.get("painLevel")))
        if pain is None or pain == "":
            report.skip(_("entry {number}").format(number=number), _("it has no pain level"))
            continue
        meds = entry.get("medications")
        current = meds.get("current", []) if isinstance(meds, dict) else meds or []
        day, clock_time = day_and_time(moment)
        values = {
            "date": day,
            "time": clock_time,
            "pain": pain,
            "locations": join_list(base.get("locations") or []),
            "qualities": join_list(entry.get("quality") or []),
            "medications": join_list(_medicine(m) for m in current),
            "helped": join_list(entry.get("reliefMethods") or []),
            "worsened": join_list(entry.get("triggers") or []),
            "notes": entry.get("notes") or "",
        }
        entries.add(values, _extras(entry))
