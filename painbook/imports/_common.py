"""What every importer shares: the source as text, the report, the rules of the import.

The rules are the same for every app (see :mod:`painbook.imports`):

* nothing changes scale silently (:func:`rescaled`);
* times stored in UTC become local time in one time zone (:class:`Clock`);
* each app's list separators become the diary's ``;`` lists (:func:`join_list`);
* every field with no diary column is kept as an extra column (:class:`Entries`), except
  location traces, which are dropped and named in the report.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import time
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from painbook.diary import DiaryError, canonical_column
from painbook.diary._cells import format_number
from painbook.diary.check import _build, _table_raw
from painbook.diary.format import _DIARY, CANONICAL_COLUMNS
from painbook.diary.read import Source, _decode, _source_bytes
from painbook.i18n import _, ngettext

#: Words that make a symptom a pain symptom, unless ``pain_symptoms=`` names them.
PAIN_WORDS: tuple[str, ...] = ("pain", "ache", "headache", "migraine")


@dataclass
class Export:
    """An export as read from disk: its bytes, its name, and its text when it is text."""

    data: bytes
    name: str | None
    path: str | None = None  # the file's path when known (Apple Health is parsed from disk)
    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _decode(self.data, self.name).lstrip("\ufeff")
        return self._text

    def head(self, size: int = 4096) -> str:
        """The start of the file as text (enough for the headings or the XML root)."""
        chunk = self.data[:size]
        if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
            return self.text[:size]
        return chunk.decode("utf-8-sig", errors="replace")

    def json(self) -> Any:
        """The file read as JSON, or None when it is not JSON."""
        start = self.head(64).lstrip()
        if not start.startswith(("{", "[")):
            return None
        try:
            return json.loads(self.text)
        except ValueError:
            return None


#: Above this size an XML or zip file is not read into memory: an Apple Health export can
#: be gigabytes (every step and heartbeat). Only its start is read, for detection, and the
#: importer reads the file from disk piece by piece.
LARGE = 32 * 1024 * 1024


def load(source: Source) -> Export:
    """Read ``source`` (a path, an open file or bytes) the way :func:`read_diary` does."""
    import os
    from pathlib import Path

    path = os.fspath(source) if isinstance(source, str | os.PathLike) else None
    if path is not None and Path(path).suffix.lower() in (".xml", ".zip"):
        try:
            size = Path(path).stat().st_size
        except OSError:
            size = 0
        if size > LARGE:
            with open(path, "rb") as handle:
                return Export(handle.read(65536), Path(path).name, path)
    data, name = _source_bytes(source)
    if isinstance(data, str):
        return Export(data.encode("utf-8"), name, path, _text=data)
    return Export(data, name, path)


def first_row(text: str) -> list[str]:
    """The first CSV row of ``text`` (the headings), trimmed."""
    try:
        row = next(csv.reader(io.StringIO(text, newline="")))
    except (StopIteration, csv.Error):
        return []
    return [cell.strip() for cell in row]


def csv_rows(text: str) -> list[list[str]]:
    """Every CSV row of ``text`` (blank lines give empty rows)."""
    return list(csv.reader(io.StringIO(text, newline="")))


def join_list(parts: Iterable[object]) -> str:
    """The diary's list form: parts trimmed, empty ones and repeats left out, joined by '; '."""
    seen: list[str] = []
    for part in parts:
        text = str(part).strip() if part is not None else ""
        if text and text not in seen:
            seen.append(text)
    return "; ".join(seen)


def split_on(text: object, separator: str | re.Pattern[str]) -> list[str]:
    """Split one app cell on its own separator (``", "``, ``" | "``...), trimmed."""
    if text is None:
        return []
    value = str(text)
    pieces = separator.split(value) if isinstance(separator, re.Pattern) else value.split(separator)
    return [p.strip() for p in pieces if p.strip()]


def is_pain_symptom(name: str, pain_symptoms: Sequence[str] | None) -> bool:
    """A symptom counts as pain when ``pain_symptoms`` names it, or its name has a pain word."""
    words = name.casefold()
    if pain_symptoms is not None:
        return words.strip() in {p.casefold().strip() for p in pain_symptoms}
    return any(word in words for word in PAIN_WORDS)


def rescaled(
    value: float,
    *,
    app: str,
    scale: str,
    rescale: bool,
    column: str,
) -> float:
    """A 0-4 app rating as 0-10, only when the person asked for it (``rescale=True``).

    ``scale`` is the app's scale in words, English and marked for the catalog (``N_``)."""
    if not rescale:
        raise DiaryError(
            _(
                "{app} rates {column} {scale}, not from 0 to 10 like this diary. Nothing has "
                "been changed. To bring the ratings across on the 0 to 10 scale (each rating "
                "times 2.5, so 2 becomes 5 and 4 becomes 10), import again with rescale=True, "
                "for example import_diary(path, rescale=True). The app's own rating is then kept "
                "in an extra column beside it."
            ).format(app=app, column=column, scale=_(scale)),
            column=column,
        )
    return value * 2.5


class Clock:
    """Turns the UTC moments some apps store into local dates and clock times."""

    def __init__(self, tz: str | _dt.tzinfo | None) -> None:
        if tz is None:
            self.zone: _dt.tzinfo | None = None
            local = _dt.datetime.now().astimezone()
            self.name = local.tzname() or time.tzname[0]
            self.said = _("this computer's time zone ({name})").format(name=self.name)
        elif isinstance(tz, str):
            try:
                self.zone = zoneinfo.ZoneInfo(tz)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
                raise DiaryError(
                    _(
                        "tz='{tz}' is not a time zone name this computer knows. Use a name such "
                        "as 'America/Chicago' or 'Europe/Berlin', then import again."
                    ).format(tz=tz)
                ) from exc
            self.name = tz
            self.said = _("the time zone {tz}").format(tz=tz)
        else:
            self.zone = tz
            self.name = str(tz)
            self.said = _("the time zone {tz}").format(tz=tz)

    def local(self, moment: _dt.datetime) -> _dt.datetime:
        """``moment`` (aware, or naive meaning UTC) on the local clock."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=_dt.UTC)
        return moment.astimezone(self.zone) if self.zone is not None else moment.astimezone()

    def from_epoch_ms(self, millis: float) -> _dt.datetime:
        return self.local(_dt.datetime.fromtimestamp(millis / 1000, tz=_dt.UTC))


def day_and_time(moment: _dt.datetime) -> tuple[str, str]:
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M")


def plural(n: int, one: str, many: str | None = None) -> str:
    word = one if n == 1 else (many or one + "s")
    return f"{n} {word}"


@dataclass
class Report:
    """What an import did, in plain words, for ``df.attrs["import_report"]``."""

    app: str
    lines: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        if text not in self.lines:
            self.lines.append(text)

    def mapped(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Say which of the app's fields became which diary column (in the diary's words)."""
        said = "; ".join(
            _("{field} as {words} ({column})").format(
                field=repr(field), words=_(_DIARY.words.get(col, col)), column=col
            )
            for field, col in pairs
        )
        self.say(_("Brought across: {said}.").format(said=said))

    def skip(self, where: str, why: str) -> None:
        self.skipped.append(f"{where}: {why}")

    def text(self, entries: int) -> str:
        out = [
            ngettext(
                "Imported {n} entry from a {app} export.",
                "Imported {n} entries from a {app} export.",
                entries,
            ).format(n=entries, app=self.app)
        ]
        out += self.lines
        if self.skipped:
            n = len(self.skipped)
            out.append(ngettext("Skipped {n} row:", "Skipped {n} rows:", n).format(n=n))
            out += [f"- {s}" for s in self.skipped]
        else:
            out.append(_("No rows were skipped."))
        return "\n".join(out)


class Entries:
    """The entries being built: canonical fields plus the app's own fields as extras."""

    def __init__(self, app: str) -> None:
        self.app = app
        self.rows: list[dict[str, Any]] = []
        self.extras: list[str] = []

    def extra_name(self, name: str) -> str:
        """An extra column's heading: the app's own, unless the diary would read it as one
        of its columns; then the app's name goes in front ("Bearable mood")."""
        if canonical_column(name) is None and name not in CANONICAL_COLUMNS:
            return name
        return f"{self.app} {name}"

    def add(self, values: Mapping[str, Any], extras: Mapping[str, Any] | None = None) -> None:
        row = {k: v for k, v in values.items() if k in CANONICAL_COLUMNS}
        for name, value in (extras or {}).items():
            heading = self.extra_name(name)
            if heading not in self.extras:
                self.extras.append(heading)
            row[heading] = value
        self.rows.append(row)

    def frame(self, report: Report) -> pd.DataFrame:
        """The diary, checked with the same rules as :func:`read_diary`, with its report."""
        columns = [*CANONICAL_COLUMNS, *self.extras]
        table = pd.DataFrame(
            {c: [_cell(row.get(c)) for row in self.rows] for c in columns}, columns=columns
        )
        df = _build(_table_raw(table, _DIARY), _DIARY, columns=None, date_format=None)
        if self.extras:
            report.say(
                _("Kept as extra columns: {columns}.").format(columns=", ".join(self.extras))
            )
        df.attrs["import_app"] = report.app
        df.attrs["import_report"] = report.text(len(df))
        return df


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else format_number(value)
    if isinstance(value, int):
        return str(value)
    return str(value)
