"""Bring a diary from another app: one importer per pain or headache app.

:func:`detect` says which app an export comes from (from exact signatures: its headings,
its JSON keys, its XML root), or None. :func:`import_diary` turns the export into a diary
with exactly the contract of :func:`painbook.diary.read_diary`, checked by the same rules,
and says in plain words what it did in ``df.attrs["import_report"]``: what was mapped to
what, what was rescaled, what was kept as an extra column, what was dropped, and which
rows were skipped and why. ``write_diary`` saves the result like any diary.

One module per app, each citing the source its format was learned from:

======================================  ===============================================
app id                                  module
======================================  ===============================================
``bearable``                            :mod:`painbook.imports.bearable`
``migraine-buddy``                      :mod:`painbook.imports.migraine_buddy`
``flaredown``                           :mod:`painbook.imports.flaredown`
``crisiscore`` (CSV and JSON)           :mod:`painbook.imports.crisiscore`
``headi``                               :mod:`painbook.imports.headi`
``privacy-friendly-pain-diary``         :mod:`painbook.imports.privacy_friendly`
``apple-health`` (export.xml or zip)    :mod:`painbook.imports.apple_health`
======================================  ===============================================

The rules are the same for every app:

* Nothing changes scale silently. A rating that is not 0-10 (Flaredown's 0-4, Bearable's
  severities 1 to 4) raises a :class:`~painbook.diary.DiaryError` that names the app's
  scale and ``rescale=True``; with it, the 0-4 value is multiplied by 2.5 and the original
  is kept in an extra column. Apple Health, which has words and no number, is refused.
* Times the app stores in UTC (CrisisCore, Headi) become local time in ``tz`` (a time zone
  name such as ``"America/Chicago"``; default: this computer's zone, named in the report).
  A clock time that is only the moment of saving (Flaredown) is dropped.
* Each app's list separators (``", "``, ``" | "``, numeric codes with a label table) become
  the diary's ``;`` lists.
* Every field with no diary column is kept as an extra column, except location traces
  (Migraine Buddy's Geohash), which are dropped; the report says so.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from types import ModuleType

import pandas as pd

from painbook.diary import DiaryError
from painbook.diary.read import Source
from painbook.i18n import _
from painbook.imports import (
    apple_health,
    bearable,
    crisiscore,
    flaredown,
    headi,
    migraine_buddy,
    privacy_friendly,
)
from painbook.imports._common import Clock, Export, Report, load

__all__ = ["APPS", "apple_health_symptoms", "detect", "import_diary", "name_of"]

_MODULES: tuple[ModuleType, ...] = (
    bearable,
    migraine_buddy,
    flaredown,
    crisiscore,
    headi,
    privacy_friendly,
    apple_health,
)
#: App id -> the app's name, in the order apps are tried.
APPS: dict[str, str] = {m.APP: m.NAME for m in _MODULES}
_BY_ID = {m.APP: m for m in _MODULES}


def name_of(app: str) -> str:
    """The app's name for people (``"migraine-buddy"`` -> ``"Migraine Buddy"``)."""
    return APPS[app]


def _detect(export: Export) -> str | None:
    for module in _MODULES:
        try:
            if module.detect(export):
                return module.APP
        except (UnicodeDecodeError, ValueError):
            continue
    return None


def detect(source: Source) -> str | None:
    """The id of the app ``source`` was exported from (see :data:`APPS`), or None."""
    return _detect(load(source))


def import_diary(
    source: Source,
    *,
    app: str | None = None,
    tz: str | _dt.tzinfo | None = None,
    rescale: bool = False,
    pain_symptoms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read another app's export as a diary (the contract of ``read_diary``).

    ``app`` is the app id when detection should be skipped; ``tz`` the time zone for times
    the app stores in UTC; ``rescale=True`` allows a 0-4 rating to become 0-10 (times 2.5);
    ``pain_symptoms`` names the symptoms that are pain (Bearable, Flaredown) when the
    names do not say so. The report is in ``df.attrs["import_report"]``.

    Raises :class:`~painbook.diary.DiaryError` when the file is not an export this knows,
    when its scale is not 0-10 and ``rescale`` is not set, when it has no pain score at
    all (Apple Health), or when a value breaks the diary's rules.
    """
    export = load(source)
    if app is None:
        app = _detect(export)
        if app is None:
            names = ", ".join(APPS.values())
            raise DiaryError(
                _(
                    "The file{name} is not an export this book knows. It can bring across "
                    "exports from: {names}. If it is already a diary table, read it with "
                    "read_diary(path) instead."
                ).format(name=f" {export.name!r}" if export.name else "", names=names)
            )
    elif app not in _BY_ID:
        raise DiaryError(
            _(
                "app='{app}' is not one of the apps this book knows: {apps}. Change app=, or "
                "leave it out to let the app be found from the file, then import again."
            ).format(app=app, apps=", ".join(APPS))
        )
    module = _BY_ID[app]
    report = Report(module.NAME)
    clock = Clock(tz)
    entries = module.read(
        export, clock=clock, report=report, rescale=rescale, pain_symptoms=pain_symptoms
    )
    df = entries.frame(report)
    if export.name:
        df.attrs["source"] = export.name
    return df


def apple_health_symptoms(source: Source, *, tz: str | _dt.tzinfo | None = None) -> pd.DataFrame:
    """The pain symptoms in an Apple Health export (date, time, symptom, severity word)."""
    return apple_health.symptoms(load(source), Clock(tz))
