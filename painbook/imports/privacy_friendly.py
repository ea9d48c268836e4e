"""Privacy Friendly Pain Diary (SecUSo, Android): its backup file, its only data export.

Format learned from the app's source: SecUSo/privacy-friendly-pain-diary,
``app/src/main/java/org/secuso/privacyfriendlypaindiary/backup/BackupCreator.kt``, the
Room entities in ``database/model/`` (``DiaryEntry.kt``, ``PainDescription.kt``,
``DrugIntake.kt``, ``Drug.kt``, ``User.kt``), ``database/utils/Converters.kt``,
``database/utils/Utils.java`` and the enums in ``database/entities/enums/``, commit
f612bd70fed767a1637bc159dad16b4e7c1d9cbd; and the backup library it uses,
SecUSo/privacy-friendly-backup-api,
``BackupAPI/src/main/java/org/secuso/privacyfriendlybackup/api/backup/DatabaseUtil.kt``,
commit 14ee29f59bc7c3fbaa765cb1be0fcaab4f948b88.

The backup is one JSON object: ``{"database": {"version": 2, "content": [{"tableName": ...,
"createSql": ..., "values": [{column: value}, ...]}, ...]}, "preferences": {...},
"preferences2": {...}}``. The tables:

* ``diaryentries``: ``date`` (``yyyy-MM-dd``, no time of day), ``painDescription_id``,
  ``condition`` (how the person felt, 0 very bad to 4 very good), ``notes``;
* ``paindescriptions``: ``painLevel`` (0 to 10, the app's slider), ``bodyRegions`` (numeric
  codes joined with commas, with a comma at the end: ``"14,15,"``, labels from
  ``BodyRegion.java``), ``painQualities`` (``"stabbing,dull,"``), ``timesOfPain``
  (``"morning,at night,"``);
* ``drugintakes``: how many of a medicine were taken in the ``morning``, at ``noon``, in the
  ``evening`` and at ``night``, for one entry; ``drugs``: ``name`` and ``dose``;
* ``users``: the person's name, gender and date of birth: not diary entries, so not
  imported (the report says so).

Imported: date, pain, locations, qualities, medications (the medicines taken that day,
with their dose), notes. Kept as extras: the times of pain, how the person felt (the app's
0-4 "condition", as written), and when each medicine was taken.
"""

from __future__ import annotations

from typing import Any

from painbook.i18n import _
from painbook.imports._common import Entries, Export, Report, join_list, split_on

APP = "privacy-friendly-pain-diary"
NAME = "Privacy Friendly Pain Diary"

#: BodyRegion.java: code -> region (front of the body 0-21, back 22-43).
_REGIONS = (
    "abdomen left", "abdomen right", "groin left", "groin right", "thigh left",
    "thigh right", "knee left", "knee right", "lower leg left", "lower leg right",
    "foot left", "foot right", "chest left", "chest right", "neck", "head",
    "upper arm left", "upper arm right", "lower arm left", "lower arm right", "hand left",
    "hand right",
)  # fmt: skip
_CONDITIONS = ("very bad", "bad", "okay", "good", "very good")


def region(code: int) -> str:
    """The words for one BodyRegion code: ``7`` is "right knee", ``29`` "right knee (back)"."""
    name = _REGIONS[code % 22]
    for side in (" left", " right"):
        if name.endswith(side):
            name = f"{side.strip()} {name[: -len(side)]}"
    return f"{name} (back)" if code >= 22 else name


def _tables(data: Any) -> dict[str, list[dict[str, Any]]] | None:
    if not isinstance(data, dict) or not isinstance(data.get("database"), dict):
        return None
    content = data["database"].get("content")
    if not isinstance(content, list):
        return None
    tables = {
        t.get("tableName"): t.get("values") or []
        for t in content
        if isinstance(t, dict) and "tableName" in t
    }
    return tables if "diaryentries" in tables and "paindescriptions" in tables else None


def detect(export: Export) -> bool:
    if not export.head(64).lstrip().startswith("{"):
        return False
    return _tables(export.json()) is not None


def read(export: Export, *, report: Report, **_unused: Any) -> Entries:
    tables = _tables(export.json()) or {}
    entries = Entries(NAME)
    pains = {p.get("_id"): p for p in tables.get("paindescriptions", [])}
    drugs = {d.get("_id"): d for d in tables.get("drugs", [])}
    intakes: dict[Any, list[dict[str, Any]]] = {}
    for intake in tables.get("drugintakes", []):
        intakes.setdefault(intake.get("diaryEntry_id"), []).append(intake)
    for entry in sorted(tables.get("diaryentries", []), key=lambda e: str(e.get("date"))):
        where = _("the entry of {date}").format(date=entry.get("date"))
        pain = pains.get(entry.get("painDescription_id"))
        if pain is None or pain.get("painLevel") is None:
            report.skip(where, _("it has no pain level"))
            continue
        codes = split_on(pain.get("bodyRegions") or "", ",")
        places = [region(int(c)) for c in codes if c.isdigit() and int(c) < 44]
        medicines, when = [], []
        for intake in intakes.get(entry.get("_id"), []):
            drug = drugs.get(intake.get("drug_id"), {})
            name = " ".join(str(drug.get(k) or "").strip() for k in ("name", "dose")).strip()
            times = [
                f"{part} {intake.get(part)}"
                for part in ("morning", "noon", "evening", "night")
                if intake.get(part)
            ]
            if name and times:
                medicines.append(name)
                when.append(f"{name}: {', '.join(times)}")
        condition = entry.get("condition")
        felt = ""
        if isinstance(condition, int) and 0 <= condition < len(_CONDITIONS):
            felt = f"{condition} ({_CONDITIONS[condition]})"
        entries.add(
            {
                "date": entry.get("date"),
                "pain": pain.get("painLevel"),
                "locations": join_list(places),
                "qualities": join_list(split_on(pain.get("painQualities") or "", ",")),
                "medications": join_list(medicines),
                "notes": entry.get("notes") or "",
            },
            {
                "Times of pain": join_list(split_on(pain.get("timesOfPain") or "", ",")),
                "How I felt (0-4)": felt,
                "When medicines were taken": join_list(when),
            },
        )
    report.mapped(
        [
            ("date", "date"),
            ("painLevel", "pain"),
            ("bodyRegions", "locations"),
            ("painQualities", "qualities"),
            ("drugs taken", "medications"),
            ("notes", "notes"),
        ]
    )
    report.say(
        _(
            "The app saves a date but no time of day, so the entries have no time. Body regions "
            "saved as numbers became their names; the app's comma lists became the diary's ';' "
            "lists."
        )
    )
    report.say(
        _(
            "How you felt (the app's 0 to 4, very bad to very good) was kept as written in the "
            "extra column 'How I felt (0-4)'; it is not the diary's 0 to 10 mood."
        )
    )
    if tables.get("users"):
        report.say(
            _(
                "The profile in the backup (name, gender, date of birth) is not part of a diary "
                "and was not imported."
            )
        )
    return entries
