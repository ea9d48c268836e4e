"""Apple Health: the ``export.xml`` in the zip that the Health app exports.

Format: Apple's HealthKit symptom types and values, as declared in the iOS SDK headers
(xybp888/iOS-SDKs,
``iPhoneOS18.1.sdk/System/Library/Frameworks/HealthKit.framework/Headers/HKTypeIdentifiers.h``,
commit f5c585b443f1e0b5c6ced2732aac183e71021c86, and ``HKCategoryValues.h`` beside it,
``HKCategoryValueSeverity``: Unspecified 0, NotPresent 1, Mild 2, Moderate 3, Severe 4).
The export is one XML document, root ``<HealthData>``, with one ``<Record>`` element per
sample: ``<Record type="HKCategoryTypeIdentifierHeadache" sourceName="..."
startDate="2026-03-02 09:00:00 -0500" endDate="..." value="HKCategoryValueSeverityModerate"/>``.

The pain symptoms are headache, lower back pain, abdominal cramps, breast pain, chest
tightness or pain, pelvic pain and generalized body ache. Their severity is a word (mild,
moderate, severe), never a number from 0 to 10, so they cannot become diary entries
without someone choosing numbers for the words: :func:`read` refuses, with a message that
says what the file holds. :func:`symptoms` lists them for the person to look at. The file
can be very large (every step and heartbeat); it is read piece by piece (``iterparse``).
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from typing import Any
from xml.etree.ElementTree import iterparse

import pandas as pd

from painbook.diary import DiaryError
from painbook.i18n import _, ngettext
from painbook.imports._common import Clock, Export, Report

APP = "apple-health"
NAME = "Apple Health"
_PREFIX = "HKCategoryTypeIdentifier"
PAIN_TYPES = {
    "Headache": "headache",
    "LowerBackPain": "lower back pain",
    "AbdominalCramps": "abdominal cramps",
    "BreastPain": "breast pain",
    "ChestTightnessOrPain": "chest tightness or pain",
    "PelvicPain": "pelvic pain",
    "GeneralizedBodyAche": "generalized body ache",
}
SEVERITY = {
    "HKCategoryValueSeverityUnspecified": "present (no severity)",
    "HKCategoryValueSeverityNotPresent": "not present",
    "HKCategoryValueSeverityMild": "mild",
    "HKCategoryValueSeverityModerate": "moderate",
    "HKCategoryValueSeveritySevere": "severe",
}
_ZIPPED = "apple_health_export/export.xml"


def detect(export: Export) -> bool:
    if export.data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(_zip_source(export)) as archive:
                return any(n.endswith("export.xml") for n in archive.namelist())
        except zipfile.BadZipFile:
            return False
    head = export.head(4096)
    return head.lstrip().startswith("<") and ("<HealthData" in head or "DOCTYPE HealthData" in head)


def _zip_source(export: Export) -> Any:
    return export.path if export.path else io.BytesIO(export.data)


def _xml(export: Export) -> Any:
    if export.data.startswith(b"PK"):
        archive = zipfile.ZipFile(_zip_source(export))
        name = next(n for n in archive.namelist() if n.endswith("export.xml"))
        return archive.open(name)
    return export.path if export.path else io.BytesIO(export.data)


def symptoms(export: Export, clock: Clock) -> pd.DataFrame:
    """Every pain-symptom record: date, time (local), symptom and severity, in file order."""
    rows: list[dict[str, str]] = []
    for _event, element in iterparse(_xml(export), events=("end",)):
        if element.tag != "Record":
            if element.tag not in ("HealthData",):
                element.clear()
            continue
        kind = element.get("type", "")
        if kind.startswith(_PREFIX) and kind[len(_PREFIX) :] in PAIN_TYPES:
            try:
                start = _dt.datetime.strptime(element.get("startDate", ""), "%Y-%m-%d %H:%M:%S %z")
            except ValueError:
                start = None
            local = clock.local(start) if start else None
            rows.append(
                {
                    "date": local.strftime("%Y-%m-%d") if local else "",
                    "time": local.strftime("%H:%M") if local else "",
                    "symptom": PAIN_TYPES[kind[len(_PREFIX) :]],
                    "severity": SEVERITY.get(element.get("value", ""), element.get("value", "")),
                }
            )
        element.clear()
    return pd.DataFrame(rows, columns=["date", "time", "symptom", "severity"])


def read(export: Export, *, clock: Clock, report: Report, **_unused: Any) -> None:
    found = symptoms(export, clock)
    if found.empty:
        raise DiaryError(
            _(
                "This Apple Health export has no pain symptoms (headache, lower back pain and "
                "the like) to bring across. Nothing was imported."
            )
        )
    kinds = ", ".join(sorted(found["symptom"].unique()))
    raise DiaryError(
        _(
            "This Apple Health export holds {found} ({kinds}) from {first} to {last}, but Apple "
            "Health saves how bad a symptom was as a word (mild, moderate or severe), not as a "
            "pain score from 0 to 10, so they cannot become diary entries: nobody can tell which "
            "number you meant. Nothing was imported. To see them, use "
            "painbook.imports.apple_health_symptoms(path); to keep a diary, score your pain from "
            "0 to 10 in this book's diary from now on."
        ).format(
            found=ngettext(
                "{n} pain symptom record", "{n} pain symptom records", len(found)
            ).format(n=len(found)),
            kinds=kinds,
            first=found["date"].min(),
            last=found["date"].max(),
        ),
        column="pain",
    )
