"""The pain diary: one format, one door in, one door out.

A pain diary is a table with one row per entry. This module is the only code that reads or
writes one (and the PAINAD observation log, its sister table for a person who cannot report
pain). Everything else in :mod:`painbook` and every notebook takes the DataFrame that
:func:`read_diary` returns.

The DataFrame contract
----------------------
* Columns: :data:`CANONICAL_COLUMNS` in that order, all present (optional ones missing from
  the file are added empty), then the person's own extra columns in the file's order, with
  the names used in the file. Extra columns are never dropped.
* ``date`` is ``datetime64[ns]`` at midnight; ``time`` is pandas ``string`` ``"HH:MM"`` or
  ``<NA>``; the 0-10 items (:data:`SCORE_COLUMNS`) and ``sleep_hours`` are ``float64`` with
  NaN when missing; list columns (:data:`LIST_COLUMNS`), ``notes`` and extra columns are
  pandas ``string`` with ``<NA>`` when missing. List cells keep the ``;``-separated text as
  written, trimmed of surrounding spaces (:func:`split_list` splits one).
* Rows are in file order with a RangeIndex. ``df.attrs["source"]`` is the file name when
  known and ``df.attrs["lines"]`` the 1-based file line of each row (for a spreadsheet, the
  sheet's row number), so messages can point at the file.

The scales behind the ranges
----------------------------
* Pain now, worst and least pain: 0 (no pain) to 10 (worst pain imaginable), the 11-point
  numeric rating scale used by Serlin et al. (*Pain* 1995) and Farrar et al. (*Pain*
  2001;94(2):149-158).
* ``enjoyment_interference`` and ``activity_interference``: the E and G items of the PEG,
  each 0-10 (Krebs et al., *J Gen Intern Med* 2009;24(6):733-738); the P item is ``pain``.
* ``mood``: 0 (very low) to 10 (very good); ``sleep_hours``: 0 to 24 hours.
* PAINAD items (breathing, negative vocalization, facial expression, body language,
  consolability): whole numbers 0, 1 or 2 each (Warden, Hurley & Volicer, *J Am Med Dir
  Assoc* 2003;4(1):9-15).

Reading rules
-------------
* CSV (comma, semicolon or tab, found from the heading line) in UTF-8 with or without BOM,
  UTF-16 with BOM, or Windows-1252; or Excel ``.xlsx`` (first sheet). Every cell is read as
  text first; nothing is changed silently: a pain of 11 is an error, not a 10.
* A decimal comma (``6,5``) is read as 6.5.
* Dates: ``YYYY-MM-DD`` always. Day/month/year and month/day/year are accepted only when
  every such date in the column can only be read one way (``25/03/2026``) and they all use
  the same order; ``03/04/2026`` is an error that asks which order was meant, unless
  ``date_format`` says it (``read_diary(path, date_format="%d/%m/%Y")``). A date cell may
  carry a midnight time (``2026-04-03 00:00:00``, as spreadsheets export it); a column
  headed like ``Date/Time`` holds date and time and is split into ``date`` and ``time``.
* Times: ``HH:MM`` (or ``H:MM``) on a 24-hour clock; ``:00`` seconds are allowed.
* Blank lines, and rows where every cell is empty or only spaces, are skipped; line numbers
  still count them, so messages point at the right line.
* A heading row is needed; a file with only the heading row is an empty diary.

Writing rules
-------------
* CSV: UTF-8 with a byte-order mark (so spreadsheet programs show accents right), commas,
  CRLF line ends (RFC 4180), ISO dates, ``HH:MM`` times, numbers without a trailing ``.0``
  (``5``, but ``6.5`` kept), canonical headings.
* Excel: one sheet (other sheets of an existing workbook are kept); dates are date cells,
  times and all text are text cells. Excel cannot hold a carriage return inside text, so in
  an ``.xlsx`` a carriage return is saved as a line break, as Excel itself does.
* Formula guard (OWASP advice on CSV injection): text that, after any leading apostrophes,
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets one more leading
  apostrophe ``'`` on save; reading removes exactly one apostrophe from text of that shape.
  So ``=SUM(A1)`` is saved as ``'=SUM(A1)`` and ``'=x`` as ``''=x``, and both come back as
  they were. This covers headings too.
* Every save takes a lock (``<file>.lock``), writes a temporary file in the same folder,
  flushes it to disk, keeps the previous file as ``<file>.bak`` and then renames the new file
  over the old one, so a crash leaves the old or the new diary, never a broken one.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import glob
import io
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import methodcaller
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from painbook._validate import (
    DiaryError,
    NumberRule,
    Problems,
    Where,
    as_objects,
    blank_mask,
    cell_text,
    empty_message,
    empty_strings,
    escape_text,
    fast_date_times,
    fast_dates,
    fast_numbers,
    fast_times,
    format_number,
    header_key,
    parse_dates,
    parse_numbers,
    parse_times,
    quoted,
    range_message,
    split_date_time,
    strip_all,
    to_string_array,
    unescape_cells,
    unescape_text,
)

__all__ = [
    "CANONICAL_COLUMNS",
    "LIST_COLUMNS",
    "NUMBER_COLUMNS",
    "OBSERVATION_COLUMNS",
    "PAINAD_ITEMS",
    "SCORE_COLUMNS",
    "DiaryError",
    "append_entry",
    "append_observation",
    "canonical_column",
    "check_duplicates",
    "empty_diary",
    "empty_observations",
    "read_diary",
    "read_observations",
    "split_list",
    "write_diary",
    "write_observations",
]

#: The diary's columns, in order (see DESIGN.md, "The diary").
CANONICAL_COLUMNS: tuple[str, ...] = (
    "date",
    "time",
    "pain",
    "worst",
    "least",
    "enjoyment_interference",
    "activity_interference",
    "sleep_hours",
    "mood",
    "locations",
    "qualities",
    "medications",
    "helped",
    "worsened",
    "notes",
)
#: The 0-10 items: NRS pain now, worst and least (Serlin 1995; Farrar 2001), PEG items E and
#: G (Krebs 2009) and mood.
SCORE_COLUMNS: tuple[str, ...] = (
    "pain",
    "worst",
    "least",
    "enjoyment_interference",
    "activity_interference",
    "mood",
)
#: Every number column, in the diary's order: the 0-10 scores and the hours of sleep (0-24).
NUMBER_COLUMNS: tuple[str, ...] = tuple(
    c for c in CANONICAL_COLUMNS if c in {*SCORE_COLUMNS, "sleep_hours"}
)
#: Columns holding a ``;``-separated list, kept as written (trimmed).
LIST_COLUMNS: tuple[str, ...] = ("locations", "qualities", "medications", "helped", "worsened")
#: The five PAINAD items, each 0-2 (Warden, Hurley & Volicer 2003).
PAINAD_ITEMS: tuple[str, ...] = (
    "breathing",
    "vocalization",
    "face",
    "body_language",
    "consolability",
)
#: The PAINAD observation log's columns, in order.
OBSERVATION_COLUMNS: tuple[str, ...] = ("date", "time", *PAINAD_ITEMS, "context", "notes")

#: Seconds to wait for another notebook's save before giving up.
LOCK_TIMEOUT = 60.0
#: CSV files are written in UTF-8 with a byte-order mark (Excel needs it to show accents).
CSV_ENCODING = "utf-8-sig"

_DATETIME = "datetime"  # a column holding date and time together ("Date/Time")

# --------------------------------------------------------------------------------------
# What each table holds
# --------------------------------------------------------------------------------------

_NRS = "from 0 (no pain) to 10 (worst pain imaginable)"

_DIARY_NUMBERS: dict[str, NumberRule] = {
    "pain": NumberRule(0, 10, "pain score", f"Pain is scored {_NRS}.", required=True),
    "worst": NumberRule(0, 10, "worst pain score", f"Worst pain is scored {_NRS}."),
    "least": NumberRule(0, 10, "least pain score", f"Least pain is scored {_NRS}."),
    "enjoyment_interference": NumberRule(
        0,
        10,
        "enjoyment score",
        "This question asks how much pain got in the way of enjoying life, "
        "from 0 (not at all) to 10 (completely).",
    ),
    "activity_interference": NumberRule(
        0,
        10,
        "activity score",
        "This question asks how much pain got in the way of your general activity, "
        "from 0 (not at all) to 10 (completely).",
    ),
    "sleep_hours": NumberRule(
        0, 24, "hours of sleep", "Sleep is the number of hours slept the night before, 0 to 24."
    ),
    "mood": NumberRule(0, 10, "mood score", "Mood is scored from 0 (very low) to 10 (very good)."),
}

_PAINAD_WORDS = {
    "breathing": "breathing",
    "vocalization": "negative vocalization",
    "face": "facial expression",
    "body_language": "body language",
    "consolability": "consolability",
}
_OBSERVATION_NUMBERS: dict[str, NumberRule] = {
    item: NumberRule(
        0,
        2,
        f"{words} score",
        f"Each PAINAD item, such as {words}, is scored 0, 1 or 2.",
        required=True,
        whole=True,
    )
    for item, words in _PAINAD_WORDS.items()
}

_COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "entrydate", "dateofentry", "datum", "fecha"),
    _DATETIME: ("datetime", "dateandtime", "timestamp", "when", "dateslashtime"),
    "time": ("time", "timeofday", "entrytime", "clocktime"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "othernotes", "anythingelse"),
}

_DIARY_ALIASES: dict[str, tuple[str, ...]] = {
    **_COMMON_ALIASES,
    "pain": (
        "pain",
        "painlevel",
        "painscore",
        "painnow",
        "painrating",
        "currentpain",
        "painintensity",
        "averagepain",
        "nrs",
        "painnrs",
    ),
    "worst": ("worst", "worstpain", "worstpaintoday", "highestpain", "maxpain", "maximumpain"),
    "least": ("least", "leastpain", "leastpaintoday", "lowestpain", "minpain", "minimumpain"),
    "enjoyment_interference": (
        "enjoymentinterference",
        "interferencewithenjoyment",
        "interferencewithenjoymentoflife",
        "enjoymentoflifeinterference",
        "pege",
    ),
    "activity_interference": (
        "activityinterference",
        "interferencewithactivity",
        "interferencewithgeneralactivity",
        "generalactivityinterference",
        "generalactivity",
        "pegg",
    ),
    "sleep_hours": ("sleep", "sleephours", "hoursofsleep", "hoursslept", "sleephrs", "hourssleep"),
    "mood": ("mood", "moodscore", "moodlevel", "moodrating"),
    "locations": (
        "location",
        "locations",
        "where",
        "wherehurts",
        "whereithurts",
        "wheredoesithurt",
        "painlocation",
        "painlocations",
        "bodypart",
        "bodyparts",
        "painsite",
    ),
    "qualities": (
        "quality",
        "qualities",
        "painquality",
        "painqualities",
        "feelslike",
        "whatitfeelslike",
        "whatdoesitfeellike",
        "typeofpain",
        "paintype",
        "sensation",
    ),
    "medications": (
        "medication",
        "medications",
        "meds",
        "med",
        "medicine",
        "medicines",
        "medstaken",
        "medicationtaken",
        "medicationstaken",
        "painmedication",
        "painmeds",
        "drugs",
    ),
    "helped": (
        "helped",
        "whathelped",
        "helpedby",
        "relief",
        "whatgaverelief",
        "thingsthathelped",
    ),
    "worsened": (
        "worsened",
        "worse",
        "whatmadeitworse",
        "madeitworse",
        "madeworse",
        "whatworsened",
        "triggers",
        "trigger",
        "aggravatedby",
    ),
}

_OBSERVATION_ALIASES: dict[str, tuple[str, ...]] = {
    **_COMMON_ALIASES,
    "breathing": ("breathing", "breathingindependentofvocalization", "breath"),
    "vocalization": (
        "vocalization",
        "vocalisation",
        "negativevocalization",
        "negativevocalisation",
        "vocal",
    ),
    "face": ("face", "facialexpression", "facial", "expression"),
    "body_language": ("bodylanguage", "body"),
    "consolability": ("consolability", "consolable", "console"),
    "context": (
        "context",
        "activity",
        "whatwashappening",
        "situation",
        "setting",
        "during",
    ),
}


@dataclass(frozen=True)
class _Spec:
    """What one kind of table holds and how to talk about it."""

    what: str  # "diary" / "observation log"
    columns: tuple[str, ...]
    numbers: Mapping[str, NumberRule]
    lists: tuple[str, ...]
    texts: tuple[str, ...]
    aliases: Mapping[str, str]
    words: Mapping[str, str]  # plain name of each column for messages
    examples: Mapping[str, str]  # headings suggested when a required column is missing
    sheet: str
    reader: str  # "read_diary" / "read_observations"

    @property
    def required(self) -> tuple[str, ...]:
        return ("date", *(c for c, rule in self.numbers.items() if rule.required))


def _alias_table(aliases: Mapping[str, Sequence[str]], columns: Sequence[str]) -> dict[str, str]:
    table = {header_key(col): col for col in columns}
    for canonical, keys in aliases.items():
        for key in keys:
            table[key] = canonical
    return table


_DIARY = _Spec(
    what="diary",
    columns=CANONICAL_COLUMNS,
    numbers=_DIARY_NUMBERS,
    lists=LIST_COLUMNS,
    texts=("notes",),
    aliases=_alias_table(_DIARY_ALIASES, CANONICAL_COLUMNS),
    words={
        "date": "date",
        "time": "time",
        _DATETIME: "date and time",
        **{c: r.name for c, r in _DIARY_NUMBERS.items()},
        "locations": "places where it hurts",
        "qualities": "what the pain feels like",
        "medications": "medicines taken",
        "helped": "what helped",
        "worsened": "what made it worse",
        "notes": "notes",
    },
    examples={
        "date": "'date', 'Date', 'Day' or 'Date/Time'",
        "pain": "'pain', 'Pain level', 'Pain score' or 'Pain (0-10)'",
    },
    sheet="Diary",
    reader="read_diary",
)

_OBSERVATIONS = _Spec(
    what="observation log",
    columns=OBSERVATION_COLUMNS,
    numbers=_OBSERVATION_NUMBERS,
    lists=(),
    texts=("context", "notes"),
    aliases=_alias_table(_OBSERVATION_ALIASES, OBSERVATION_COLUMNS),
    words={
        "date": "date",
        "time": "time",
        _DATETIME: "date and time",
        **{c: r.name for c, r in _OBSERVATION_NUMBERS.items()},
        "context": "what was happening",
        "notes": "notes",
    },
    examples={
        "date": "'date', 'Date', 'Day' or 'Date/Time'",
        "breathing": "'breathing'",
        "vocalization": "'vocalization' or 'Negative vocalization'",
        "face": "'face' or 'Facial expression'",
        "body_language": "'body_language' or 'Body language'",
        "consolability": "'consolability'",
    },
    sheet="Observations",
    reader="read_observations",
)


# --------------------------------------------------------------------------------------
# Public: reading
# --------------------------------------------------------------------------------------

Source = str | os.PathLike[str] | IO[bytes] | IO[str] | bytes | bytearray | memoryview


def read_diary(
    source: Source,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Read a pain diary from a CSV or Excel (``.xlsx``) file and check every cell.

    Parameters
    ----------
    source
        A path (``str`` or :class:`pathlib.Path`), an open file (binary or text), or the
        file's bytes (for example from an upload widget). A binary file or bytes without a
        name is read as Excel when it starts like a zip file (``PK``), as CSV otherwise.
    columns
        Maps the file's own headings to diary column names, for headings that are not
        recognised or are recognised wrongly: ``{"Score": "pain", "Day": "date"}``.
        It wins over the guessing. ``"datetime"`` names a column holding date and time.
    date_format
        The order of dates that are not written year-month-day, as a
        :func:`datetime.datetime.strptime` format: ``"%d/%m/%Y"`` (day first) or
        ``"%m/%d/%Y"`` (month first). Year-month-day dates are always accepted.

    Returns
    -------
    pandas.DataFrame
        The diary in the form described in this module's docstring.

    Raises
    ------
    DiaryError
        For anything that stops the diary being read as it is: an empty or non-table file,
        a missing ``date`` or ``pain`` column, two columns that hold the same thing, a
        score outside 0-10 or not a number, hours of sleep outside 0-24, an unreadable,
        impossible or ambiguous date, a time not in 24-hour ``HH:MM``, a row with more cells
        than the heading row. The message names the line and column and says how to fix it.
    """
    return _read(source, _DIARY, columns=columns, date_format=date_format)


def read_observations(
    source: Source,
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Read a PAINAD observation log (CSV or ``.xlsx``), with the same rules as :func:`read_diary`.

    Columns: :data:`OBSERVATION_COLUMNS` then any extra columns. ``date`` is
    ``datetime64[ns]``; ``time`` ``string``; the five PAINAD items (breathing, negative
    vocalization, facial expression, body language, consolability; Warden, Hurley & Volicer
    2003) are nullable ``Int64`` and each must be 0, 1 or 2 in every row (a total needs all
    five); ``context`` (what was happening: bathing, moving, resting), ``notes`` and extra
    columns are ``string``.
    """
    return _read(source, _OBSERVATIONS, columns=columns, date_format=date_format)


def split_list(value: object) -> list[str]:
    """Split one list cell (``"knee; lower back"``) into its parts, trimmed.

    Empty parts are left out; a missing value gives ``[]``.

    >>> split_list(" knee ; lower back;")
    ['knee', 'lower back']
    """
    if value is None or value is pd.NA:
        return []
    if isinstance(value, float) and np.isnan(value):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def canonical_column(heading: str, *, observations: bool = False) -> str | None:
    """The diary column a heading is recognised as, or None for one of the person's own.

    Case, spaces, underscores, punctuation and units in brackets do not matter:
    ``canonical_column("Pain (0-10)")`` is ``"pain"``, ``canonical_column("Date/Time")``
    is ``"datetime"`` (a column holding date and time), ``canonical_column("Weather")`` is
    None. With ``observations=True`` the PAINAD log's columns are used.
    """
    spec = _OBSERVATIONS if observations else _DIARY
    return _canonical_name(str(heading), spec)


def empty_diary() -> pd.DataFrame:
    """A diary with no entries: the canonical columns with their dtypes."""
    return _empty_frame(_DIARY, ())


def empty_observations() -> pd.DataFrame:
    """An observation log with no entries: :data:`OBSERVATION_COLUMNS` with their dtypes."""
    return _empty_frame(_OBSERVATIONS, ())


def check_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """List entries that appear more than once (same values in every column).

    Nothing is removed: the result is for the person to look at. One row per group of
    repeated entries, in file order, with columns ``lines`` (the file lines from
    ``df.attrs["lines"]``, or 1-based row numbers when the frame does not come straight
    from a file), ``count``, ``date``, ``time``, ``pain`` (when present) and ``message``, a
    sentence such as "Lines 4 and 9 hold the same entry (2026-04-03 08:00, pain 5)."
    """
    out_columns = ["lines", "count", "date", "time", "pain", "message"]
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_columns})
    repeated = df.duplicated(keep=False).to_numpy(dtype=bool)
    if not repeated.any():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_columns})
    lines_attr = df.attrs.get("lines")
    from_file = lines_attr is not None and len(lines_attr) == len(df)
    numbers = np.asarray(lines_attr, dtype=np.int64) if from_file else np.arange(1, len(df) + 1)
    subset = df[repeated]
    group_ids = subset.groupby(list(df.columns), dropna=False, sort=False).ngroup().to_numpy()
    positions = np.flatnonzero(repeated)
    rows: list[dict[str, Any]] = []
    for group in pd.unique(group_ids):
        members = positions[group_ids == group]
        lines = [int(numbers[p]) for p in members]
        first = df.iloc[int(members[0])]
        date = first.get("date")
        time = first.get("time")
        pain = first.get("pain")
        what = []
        if date is not None and not pd.isna(date):
            stamp = pd.Timestamp(date).strftime("%Y-%m-%d")
            what.append(stamp + (f" {time}" if time is not None and not pd.isna(time) else ""))
        if pain is not None and not pd.isna(pain):
            what.append(f"pain {format_number(float(pain))}")
        label = "Lines" if from_file else "Entries"
        listed = ", ".join(str(x) for x in lines[:-1]) + f" and {lines[-1]}"
        detail = f" ({', '.join(what)})" if what else ""
        message = (
            f"{label} {listed} hold the same entry{detail}. If it was saved twice by "
            "mistake, delete the extra copy in your diary file; nothing has been removed."
        )
        rows.append(
            {
                "lines": lines,
                "count": len(lines),
                "date": date,
                "time": time,
                "pain": pain,
                "message": message,
            }
        )
    return pd.DataFrame(rows, columns=out_columns)


# --------------------------------------------------------------------------------------
# Public: writing
# --------------------------------------------------------------------------------------


def write_diary(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Save a whole diary to ``path`` (CSV, or Excel when the name ends in ``.xlsx``).

    The table is checked with the same rules as :func:`read_diary` first (a pain of 11 is
    not saved); it may use recognised heading variants, and missing optional columns are
    added empty. Formulas are neutralised (see the module docstring). The save is atomic
    and locked: temporary file in the same folder, flushed to disk, previous file kept as
    ``<name>.bak``, then renamed over the old file. Returns the path written.

    ``read_diary(write_diary(df, path))`` gives back ``df`` for any diary that
    :func:`read_diary` can return (in ``.xlsx``, a carriage return inside text becomes a
    line break).
    """
    return _write_table(df, path, _DIARY)


def write_observations(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Save a whole PAINAD observation log; same rules as :func:`write_diary`."""
    return _write_table(df, path, _OBSERVATIONS)


def append_entry(
    path: str | os.PathLike[str],
    entry: Mapping[str, Any],
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Check one entry and add it to the end of the diary file at ``path``.

    ``entry`` maps column names (canonical names, recognised heading variants, or the names
    of extra columns already in the file) to values: text, numbers, :class:`datetime.date`
    or :class:`datetime.datetime`, :class:`datetime.time`, ``None``, or for a list column a
    list of strings (joined with ``"; "``). A ``date`` given as a datetime with a time of
    day fills ``time`` too when ``time`` is not given. The entry is checked with the same
    rules and messages as a file (``err.line`` is None, ``err.column`` the field).

    The file is created with the canonical heading row if it does not exist (CSV, or Excel
    when the name ends in ``.xlsx``). Existing rows and the person's extra columns are kept;
    the file is saved in the standard form (canonical headings, ISO dates). The whole
    read-add-save happens under a lock (``<file>.lock``) so two notebooks adding at once both
    land, and the save is atomic with a ``<file>.bak`` backup (see :func:`write_diary`).
    ``columns`` and ``date_format`` are passed to :func:`read_diary` for the existing file.

    Returns the diary as now saved.
    """
    return _append(path, entry, _DIARY, columns=columns, date_format=date_format)


def append_observation(
    path: str | os.PathLike[str],
    obs: Mapping[str, Any],
    *,
    columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Check one PAINAD observation and add it to the log; same rules as :func:`append_entry`."""
    return _append(path, obs, _OBSERVATIONS, columns=columns, date_format=date_format)


# --------------------------------------------------------------------------------------
# Loading a file into text cells
# --------------------------------------------------------------------------------------


@dataclass
class _Raw:
    """A table as text, before any checking: headings, cells and where each row came from."""

    headers: list[str]
    cells: pd.DataFrame  # columns 0..k-1, every value a str ("" when empty)
    lines: np.ndarray | None  # file line (or sheet row) of each row
    header_line: int | None
    source: str | None
    mode: str  # "file" / "entry" / "table"
    sheet: str | None = None
    labels: tuple[object, ...] | None = None
    apostrophes: bool = True  # False when no cell can start with "'" (skips the formula guard)
    underscores: bool = True  # False when no cell holds "_" (skips a number check)
    noun: str = "diary"


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF87a", "a GIF picture"),
    (b"GIF89a", "a GIF picture"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Excel (.xls) or other Office file"),
    (b"\x1f\x8b", "a compressed (.gz) file"),
    (b"Rar!", "a compressed (.rar) file"),
    (b"7z\xbc\xaf\x27\x1c", "a compressed (.7z) file"),
)


def _read(
    source: Source,
    spec: _Spec,
    *,
    columns: Mapping[str, str] | None,
    date_format: str | None,
) -> pd.DataFrame:
    data, name = _source_bytes(source)
    return _read_bytes(data, name, spec, columns=columns, date_format=date_format)


def _read_bytes(
    data: bytes | str,
    name: str | None,
    spec: _Spec,
    *,
    columns: Mapping[str, str] | None,
    date_format: str | None,
) -> pd.DataFrame:
    raw = _load(data, name, spec)
    df = _build(raw, spec, columns=columns, date_format=date_format)
    if name is not None:
        df.attrs["source"] = name
    if raw.sheet is not None:
        df.attrs["sheet"] = raw.sheet
    return df


def _named(name: str | None) -> str:
    """`` 'my-diary.csv'`` (with a leading space) or nothing when the name is unknown."""
    return f" '{name}'" if name else ""


def _source_bytes(source: Source) -> tuple[bytes | str, str | None]:
    """Get the content (bytes, or str for a text file object) and the file name."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except FileNotFoundError as exc:
            raise DiaryError(
                f"There is no file '{path}'. Check the file name and the folder, or save "
                "your diary there, then load the diary again."
            ) from exc
        except IsADirectoryError as exc:
            raise DiaryError(
                f"'{path}' is a folder, not a file. Choose the diary file inside it, then "
                "load the diary again."
            ) from exc
        except OSError as exc:
            raise DiaryError(
                f"The file '{path}' could not be opened ({exc.strerror or exc}). Close it in "
                "other programs and check that you may read it, then load the diary again."
            ) from exc
    read = getattr(source, "read", None)
    if read is None:
        raise DiaryError(
            f"A diary can be read from a file name, an open file or bytes, not from "
            f"{type(source).__name__}. Give the path of the diary file, then try again."
        )
    name = getattr(source, "name", None)
    name = Path(name).name if isinstance(name, str) and name else None
    try:
        content = read()
    except OSError as exc:
        raise DiaryError(
            f"The file{_named(name)} could not be read ({exc}). Open it again, then "
            "load the diary again."
        ) from exc
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content), name
    if isinstance(content, str):
        return content, name
    raise DiaryError(
        f"Reading the file{_named(name)} gave {type(content).__name__}, not text or bytes. "
        "Give the path of the diary file instead, then try again."
    )


def _load(data: bytes | str, name: str | None, spec: _Spec) -> _Raw:
    shown = _named(name)
    suffix = Path(name).suffix.lower() if name else ""
    if isinstance(data, str):
        return _load_csv(data, name, spec)
    if not data.strip():
        raise _empty_file_error(name)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DiaryError(
                f"The file{shown} is {kind}, not a table of entries. Choose the diary's CSV or "
                "Excel (.xlsx) file instead, or save the diary from your spreadsheet program "
                "as CSV or .xlsx, then load it again."
            )
    if data.startswith(b"PK"):
        return _load_xlsx(data, name, spec)
    if suffix in (".xlsx", ".xlsm"):
        raise DiaryError(
            f"The file{shown} is named like an Excel workbook but it is not one (it may be "
            "a CSV file with the wrong name, or damaged). Open it in your spreadsheet program "
            "and save it as .xlsx or CSV, then load it again."
        )
    if suffix in (".xls", ".ods", ".numbers"):
        raise DiaryError(
            f"The file{shown} is a {suffix} spreadsheet, which cannot be read here. Open it "
            "in your spreadsheet program and save it as Excel (.xlsx) or CSV, then load it "
            "again."
        )
    return _load_csv(_decode(data, name), name, spec)


def _empty_file_error(name: str | None) -> DiaryError:
    return DiaryError(
        f"The file{_named(name)} is empty: it has no heading row and no entries. "
        "Choose the right file, or add a heading row (for example: date,time,pain,notes) "
        "and your entries, then load the diary again."
    )


def _decode(data: bytes, name: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _encoding_error(name) from exc
    if b"\x00" in data:
        raise DiaryError(
            f"The file{_named(name)} is not a text table: it holds binary data. Save "
            "your diary from your spreadsheet program as CSV (comma-separated) or Excel "
            "(.xlsx), then load that file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _encoding_error(name) from exc


def _encoding_error(name: str | None) -> DiaryError:
    return DiaryError(
        f"The file{_named(name)} has characters that cannot be read. Save it from "
        "your spreadsheet program as 'CSV UTF-8', then load the diary again."
    )


def _newline_of(text: str) -> str:
    if "\n" in text:
        return "\n"
    return "\r" if "\r" in text else "\n"


def _sniff_delimiter(body: str, spec: _Spec) -> str:
    """Pick comma, semicolon or tab: the one that splits the heading line best."""
    best, best_score = ",", (-1, -1)
    head = body[:65536]  # the heading line is at the start; no need to copy the file
    for delimiter in (",", ";", "\t"):
        try:
            first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        known = sum(header_key(unescape_text(h)) in spec.aliases for h in first)
        score = (known, len(first))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _load_csv(text: str, name: str | None, spec: _Spec) -> _Raw:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise _empty_file_error(name)
    newline = _newline_of(text)
    start = 0
    header_line = 1
    while True:  # skip blank lines before the headings, counting them
        end = text.find(newline, start)
        if end == -1 or text[start:end].strip():
            break
        start = end + len(newline)
        header_line += 1
    body = text[start:]
    delimiter = _sniff_delimiter(body, spec)
    try:
        table = pd.read_csv(
            io.StringIO(body),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise _explain_csv_error(body, delimiter, header_line, exc) from exc
    except (ValueError, pd.errors.EmptyDataError) as exc:
        raise DiaryError(
            f"The file{_named(name)} could not be read as a table ({exc}). Open it "
            "in your spreadsheet program and save it as CSV, then load the diary again."
        ) from exc
    records = len(table)
    physical = body.count(newline) + (0 if body.endswith(newline) else 1)
    if physical == records:
        starts = header_line + np.arange(records)
    else:  # some quoted cells hold line breaks
        breaks = np.zeros(records, dtype=np.int64)
        for col in table.columns:
            values = as_objects(table[col])
            if newline in "".join(values):
                counts = map(methodcaller("count", newline), values)
                breaks += np.fromiter(counts, dtype=np.int64, count=records)
        spans = breaks + 1
        starts = header_line + np.concatenate(([0], np.cumsum(spans)[:-1]))
    headers = [unescape_text(str(h)) for h in table.iloc[0].tolist()]
    cells = table.iloc[1:].reset_index(drop=True)
    cells.columns = range(len(headers))
    lines = starts[1:]
    cells, lines = _drop_blank_rows(cells, lines)
    return _Raw(
        headers,
        cells,
        lines,
        header_line,
        name,
        "file",
        apostrophes="'" in body,
        underscores="_" in body[body.find(newline) :],
        noun=spec.what,
    )


def _drop_blank_rows(cells: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Skip rows where every cell is empty or spaces (blank lines, ",,,," rows)."""
    if cells.empty:
        return cells, lines
    candidates = np.flatnonzero(blank_mask(as_objects(cells[0])))
    if candidates.size == 0:
        return cells, lines
    sub = cells.iloc[candidates]
    blank = np.ones(len(sub), dtype=bool)
    for col in sub.columns[1:]:
        blank &= blank_mask(as_objects(sub[col]))
    if not blank.any():
        return cells, lines
    keep = np.ones(len(cells), dtype=bool)
    keep[candidates[blank]] = False
    return cells[keep].reset_index(drop=True), lines[keep]


def _explain_csv_error(body: str, delimiter: str, header_line: int, exc: Exception) -> DiaryError:
    """Find the physical line behind a pandas parser error (slow path, errors only)."""
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    width: int | None = None
    previous_end = 0
    last_start = 1
    try:
        for record in reader:
            last_start = previous_end + 1
            previous_end = reader.line_num
            if width is None:
                width = len(record)
                continue
            if len(record) > width:
                line = header_line + last_start - 1
                shown = {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]
                return DiaryError(
                    f"Line {line} has {len(record)} cells but the heading line has only "
                    f"{width}. This often happens when a note holds a {shown}. Put quote "
                    f'marks around that cell ("like, this") or remove the extra '
                    f"{shown}, or add a heading for the extra column, then load the "
                    "diary again.",
                    line=line,
                )
    except csv.Error:
        pass
    line = header_line + last_start - 1
    if "EOF inside string" in str(exc):
        return DiaryError(
            f'Line {line}: a cell starts with a quote mark (") that is never closed, so the '
            "rest of the file reads as one cell. Add the closing quote mark, or remove the "
            "opening one, then load the diary again.",
            line=line,
        )
    return DiaryError(
        f"The file could not be read as a table near line {line} ({exc}). Open it in your "
        "spreadsheet program and save it as CSV again, then load the diary again.",
        line=line,
    )


def _load_xlsx(data: bytes, name: str | None, spec: _Spec) -> _Raw:
    import openpyxl

    shown = _named(name)
    damaged = (
        f"The file{shown} looks like an Excel workbook (.xlsx) but it could not be opened: "
        "it may be damaged or only partly downloaded, or be another kind of file (such as a "
        "Word or LibreOffice file). Open it in your spreadsheet program and save it again as "
        ".xlsx or CSV, then load it again."
    )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise DiaryError(damaged) from exc
    try:
        if not workbook.worksheets:
            raise DiaryError(damaged)
        sheet = workbook.worksheets[0]
        rows = _sheet_rows(sheet)
        others = [ws.title for ws in workbook.worksheets[1:]]
        other_diaries = []
        if others:
            for ws in workbook.worksheets[1:10]:
                first = next(
                    (r for r in _sheet_rows(ws, limit=20) if any(v.strip() for v in r)), []
                )
                keys = {spec.aliases.get(header_key(v)) for v in first}
                if "pain" in keys or (keys & set(spec.numbers)):
                    other_diaries.append(ws.title)
    except DiaryError:
        raise
    except Exception as exc:
        raise DiaryError(damaged) from exc
    finally:
        workbook.close()
    title = sheet.title
    header_index = next((i for i, r in enumerate(rows) if any(v.strip() for v in r)), None)
    if header_index is None:
        raise DiaryError(
            f"The first sheet of the workbook{shown}, '{title}', is empty. Put the diary on "
            "the first sheet, with the headings (date, pain, ...) in the first row, then load "
            "it again."
        )
    headers = [unescape_text(v) for v in rows[header_index]]
    while headers and not headers[-1].strip():
        headers.pop()
    width = len(headers)
    keys = {spec.aliases.get(header_key(h)) for h in headers}
    if not keys & (set(spec.required) | {_DATETIME}):
        found = ", ".join(f"'{h}'" for h in headers if h.strip()) or "nothing"
        hint = ""
        if other_diaries:
            hint = f" The sheet '{other_diaries[0]}' looks like the {spec.what}."
        raise DiaryError(
            f"The first sheet of the workbook{shown}, '{title}', has no {spec.what}: row "
            f"{header_index + 1} has no date or {_main_item(spec)} heading (found: {found})."
            f"{hint} Move the {spec.what} sheet to be the first sheet, or put the headings "
            f"in the first row of the first sheet, then load it again.",
            line=header_index + 1,
        )
    body = rows[header_index + 1 :]
    for offset, row in enumerate(body):
        if any(v.strip() for v in row[width:]):
            column_number = width + next(i for i, v in enumerate(row[width:]) if v.strip())
            letter = _column_letter(column_number)
            row_number = header_index + 2 + offset
            raise DiaryError(
                f"Row {row_number} has an entry in column {letter}, which has no heading. "
                f"Add a heading in row {header_index + 1} of column {letter}, or move or "
                "delete that cell, then load the diary again.",
                line=row_number,
                column=letter,
            )
    cells = pd.DataFrame(
        [row[:width] + [""] * (width - len(row)) for row in body],
        columns=range(width),
        dtype=str,
    )
    if not body:
        cells = pd.DataFrame({i: pd.Series([], dtype=str) for i in range(width)})
    lines = np.arange(header_index + 2, header_index + 2 + len(body))
    cells, lines = _drop_blank_rows(cells, lines)
    return _Raw(headers, cells, lines, header_index + 1, name, "file", sheet=title, noun=spec.what)


def _sheet_rows(sheet: Any, limit: int | None = None) -> list[list[str]]:
    """Every row of a read-only sheet as text, from row 1 (empty rows kept).

    The sheet's recorded size is not trusted (some programs write it wrong, and openpyxl's
    read-only mode would then stop early): it is reset, rows may then differ in length.
    """
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows: list[list[str]] = []
    for index, values in enumerate(sheet.iter_rows(values_only=True)):
        if limit is not None and index >= limit:
            break
        rows.append([cell_text(v) for v in values])
    while rows and not any(v.strip() for v in rows[-1]):
        rows.pop()
    return rows


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _main_item(spec: _Spec) -> str:
    return "pain" if spec is _DIARY else "PAINAD item"


# --------------------------------------------------------------------------------------
# Columns: which heading holds what
# --------------------------------------------------------------------------------------


def _find_heading(headers: Sequence[str], wanted: str) -> int | None:
    if wanted in headers:
        return list(headers).index(wanted)
    folded = [h.strip().casefold() for h in headers]
    if wanted.strip().casefold() in folded:
        return folded.index(wanted.strip().casefold())
    key = header_key(wanted)
    matches = [i for i, h in enumerate(headers) if header_key(h) == key]
    return matches[0] if len(matches) == 1 else None


def _where(raw: _Raw) -> Where:
    unit = "Row" if raw.sheet is not None else "Line"
    return Where(raw.mode, lines=raw.lines, labels=raw.labels, unit=unit, noun=raw.noun)


def _retry(raw: _Raw) -> str:
    return Where(raw.mode, noun=raw.noun).retry


def _resolve(
    raw: _Raw,
    spec: _Spec,
    columns: Mapping[str, str] | None,
    known_extras: Sequence[str] | None = None,
) -> tuple[dict[str, int], list[int]]:
    """Decide which heading holds which column; the others are the person's extras."""
    headers = raw.headers
    retry = _retry(raw)
    noun = "field" if raw.mode == "entry" else "column"
    line = raw.header_line
    seen: dict[str, int] = {}
    for i, heading in enumerate(headers):
        if not heading.strip():
            continue
        if heading in seen:
            raise DiaryError(
                f"Two {noun}s are both called '{heading}' ({noun}s {seen[heading] + 1} and "
                f"{i + 1}). Rename one of them so each {noun} has its own name, {retry}",
                line=line,
                column=heading,
            )
        seen[heading] = i
    assigned: dict[str, int] = {}
    explicit: set[int] = set()
    for file_name, target in (columns or {}).items():
        pos = _find_heading(headers, str(file_name))
        if pos is None:
            found = ", ".join(f"'{h}'" for h in headers if h.strip())
            raise DiaryError(
                f"columns= names the heading '{file_name}', but the file has no column with "
                f"that heading. The headings are: {found}. Change columns= to use one of "
                f"them, {retry}",
                column=str(file_name),
            )
        canonical = _canonical_name(str(target), spec)
        if canonical is None:
            raise DiaryError(
                f"columns= maps '{file_name}' to '{target}', which is not a {spec.what} "
                f"column. The {spec.what} columns are: {', '.join(spec.columns)} (and "
                f"'{_DATETIME}' for a column holding date and time). Change columns=, {retry}",
                column=str(file_name),
            )
        if canonical in assigned:
            other = headers[assigned[canonical]]
            raise _two_columns_error(spec, canonical, other, headers[pos], line, retry, noun)
        assigned[canonical] = pos
        explicit.add(pos)
    extras: list[int] = []
    blank: list[int] = []
    for i, heading in enumerate(headers):
        if i in explicit:
            continue
        if not heading.strip():
            blank.append(i)
            continue
        canonical = spec.aliases.get(header_key(heading))
        if canonical is None and heading in spec.columns:
            canonical = heading
        if canonical is None:
            if raw.mode == "entry" and known_extras is not None and heading not in known_extras:
                extra_list = ", ".join(f"'{e}'" for e in known_extras) or "none"
                raise DiaryError(
                    f"'{heading}' is not a {spec.what} column. The {spec.what} columns are: "
                    f"{', '.join(spec.columns)}; the extra columns in this file are: "
                    f"{extra_list}. Change the name, or add a '{heading}' column to the file "
                    f"first, {retry}",
                    column=heading,
                )
            extras.append(i)
            continue
        if canonical in assigned:
            other = headers[assigned[canonical]]
            raise _two_columns_error(spec, canonical, other, heading, line, retry, noun)
        assigned[canonical] = i
    if _DATETIME in assigned:
        for part in ("date", "time"):
            if part in assigned:
                raise _two_columns_error(
                    spec,
                    part,
                    headers[assigned[_DATETIME]],
                    headers[assigned[part]],
                    line,
                    retry,
                    noun,
                )
    for i in blank:
        filled = np.flatnonzero((raw.cells[i].str.strip() != "").to_numpy(dtype=bool))
        if filled.size:
            where = _where(raw)
            row_line = where.line(int(filled[0]))
            at = f" (first at {where.unit.lower()} {row_line})" if row_line is not None else ""
            raise DiaryError(
                f"Column {i + 1} has entries but no heading{at}. Add a heading for it in the "
                f"heading row, or delete that column, {retry}",
                line=row_line if row_line is not None else line,
            )
    missing = [
        c
        for c in spec.required
        if c not in assigned and not (c == "date" and _DATETIME in assigned)
    ]
    if missing and raw.mode != "entry":
        raise _missing_columns_error(raw, spec, missing)
    if missing:
        names = " and ".join(f"'{c}'" for c in missing)
        raise DiaryError(
            f"The new entry has no {names}. Every entry needs "
            f"{'them' if len(missing) > 1 else 'one'}. Add {names} to the entry, {retry}",
            column=missing[0],
        )
    return assigned, extras


def _canonical_name(target: str, spec: _Spec) -> str | None:
    if target in spec.columns or target == _DATETIME:
        return target
    return spec.aliases.get(header_key(target))


def _two_columns_error(
    spec: _Spec,
    canonical: str,
    first: str,
    second: str,
    line: int | None,
    retry: str,
    noun: str,
) -> DiaryError:
    words = spec.words.get(canonical, canonical)
    how = ""
    if noun == "column" and line is not None:
        how = f" (or say which {noun} is which with {spec.reader}(path, columns={{...}}))"
    return DiaryError(
        f"Two {noun}s hold the {words}: '{first}' and '{second}'. A {spec.what} can have only "
        f"one. Rename or delete one of them{how}, {retry}",
        line=line,
        column=second,
    )


def _missing_columns_error(raw: _Raw, spec: _Spec, missing: list[str]) -> DiaryError:
    retry = _retry(raw)
    found = ", ".join(f"'{h}'" for h in raw.headers if h.strip()) or "none"
    names = " or ".join(f"'{c}'" for c in missing)
    where = "table" if raw.mode == "table" else f"{spec.what}{_named(raw.source)}"
    if raw.sheet:
        where += f" (sheet '{raw.sheet}')"
    message = f"The {where} has no {names} column. The column headings found are: {found}. "
    for column in missing:
        if column in spec.examples:
            message += f"A {column} column can be headed {spec.examples[column]}. "
    first = raw.headers[0] if raw.headers else ""
    if raw.mode == "file" and _looks_like_data(first):
        message += (
            "The first line looks like an entry, not headings. Add a heading line at the "
            f"top (for example: {','.join(spec.columns[:3])},notes), {retry}"
        )
    else:
        example = missing[0]
        unknown = [h for h in raw.headers if h.strip() and spec.aliases.get(header_key(h)) is None]
        mapping = f"{{'{unknown[0]}': '{example}'}}" if unknown else f"{{'...': '{example}'}}"
        if raw.mode == "table":
            message += (
                f"Add the column, or rename the one that holds it (for example "
                f"df.rename(columns={mapping})), {retry}"
            )
        else:
            message += (
                f"Rename the heading of that column (or say which column it is with "
                f"{spec.reader}(path, columns={mapping})), {retry}"
            )
    return DiaryError(message, line=raw.header_line, column=None)


def _looks_like_data(value: str) -> bool:
    text = value.strip()
    if not text:
        return False
    if text[0].isdigit() and any(sep in text for sep in "-/."):
        return True
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------
# Checking the cells and building the DataFrame
# --------------------------------------------------------------------------------------


@cache
def _schema(spec_what: str) -> Any:
    """The pandera schema for the number columns of one kind of table (built once)."""
    import pandera.pandas as pa

    spec = _DIARY if spec_what == _DIARY.what else _OBSERVATIONS
    schema_columns = {}
    for column, rule in spec.numbers.items():
        checks = [pa.Check.in_range(rule.low, rule.high, name="in_range")]
        if rule.whole:
            checks.append(pa.Check(lambda s: s == np.floor(s), element_wise=False, name="whole"))
        schema_columns[column] = pa.Column(
            float, checks=checks, nullable=not rule.required, coerce=False
        )
    return pa.DataFrameSchema(schema_columns, strict=False, ordered=False)


def _numbers_pass(numbers: pd.DataFrame, spec: _Spec) -> bool:
    """True when every number column obeys its rule (same rules as the pandera schema)."""
    for column, rule in spec.numbers.items():
        values = numbers[column].to_numpy(dtype=np.float64)
        missing = np.isnan(values)
        if rule.required and missing.any():
            return False
        present = values[~missing]
        if present.size and (present.min() < rule.low or present.max() > rule.high):
            return False
        if rule.whole and not (present == np.floor(present)).all():
            return False
    return True


def _check_numbers(
    numbers: pd.DataFrame,
    spec: _Spec,
    names: Mapping[str, str],
    orders: Mapping[str, int],
    problems: Problems,
) -> None:
    """Range and required checks with pandera; failures become plain messages.

    The pandera schema (built from the same :class:`NumberRule` objects) is the rule. A numpy
    screen of the same rules runs first so that the usual case, a diary with nothing wrong,
    does not pay pandera's per-column overhead; whenever the screen sees anything, pandera
    validates and its failure cases are turned into the message.
    """
    if _numbers_pass(numbers, spec):
        return
    import pandera.pandas as pa

    try:
        _schema(spec.what).validate(numbers, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        retry = problems.where.retry
        for (column, check), group in cases.groupby(["column", "check"], sort=False):
            positions = pd.to_numeric(group["index"], errors="coerce").dropna()
            if column not in spec.numbers or positions.empty:
                continue
            pos = int(positions.min())
            rule = spec.numbers[column]
            value = numbers[column].iloc[pos]
            if str(check) == "not_nullable" or pd.isna(value):
                text = empty_message(rule, retry)
            else:
                text = range_message(float(value), rule, retry)
            problems.add(pos, orders[column], names[column], text, priority=1)
        if not problems.found:
            raise DiaryError(
                f"The {spec.what} could not be checked ({exc}). Check the number columns, "
                f"{problems.where.retry}"
            ) from exc


def _build(
    raw: _Raw,
    spec: _Spec,
    *,
    columns: Mapping[str, str] | None,
    date_format: str | None,
    known_extras: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Check every cell of ``raw`` and return the DataFrame of the contract."""
    assigned, extras = _resolve(raw, spec, columns, known_extras)
    cells = raw.cells
    n = len(cells)
    where = _where(raw)
    problems = Problems(where)
    headers = raw.headers
    guarded = raw.mode == "file" and raw.apostrophes  # cells may carry the formula guard
    objects: dict[int, np.ndarray] = {}
    stripped: dict[int, pd.Series] = {}

    def cells_of(pos: int) -> np.ndarray:
        if pos not in objects:
            objects[pos] = as_objects(cells[pos])
        return objects[pos]

    def text_of(pos: int) -> pd.Series:  # the careful (slower) parsers work on this
        if pos not in stripped:
            stripped[pos] = pd.Series(strip_all(cells_of(pos)), dtype=object)
        return stripped[pos]

    out: dict[str, pd.Series] = {}
    if _DATETIME in assigned:
        pos = assigned[_DATETIME]
        both = fast_date_times(cells_of(pos)) if date_format is None else None
        if both is not None:
            out["date"] = pd.Series(both[0])
            out["time"] = to_string_array(both[1])
        else:
            date_text, time_text = split_date_time(text_of(pos))
            out["date"] = parse_dates(
                date_text,
                date_format=date_format,
                problems=problems,
                order=pos,
                column=headers[pos],
            )
            out["time"] = parse_times(time_text, problems=problems, order=pos, column=headers[pos])
    else:
        pos = assigned["date"]
        dates = fast_dates(cells_of(pos)) if date_format is None else None
        if dates is not None:
            out["date"] = pd.Series(dates)
        else:
            date_text, time_text = split_date_time(text_of(pos))
            _check_midnight(time_text, text_of(pos), problems, pos, headers[pos])
            out["date"] = parse_dates(
                date_text,
                date_format=date_format,
                problems=problems,
                order=pos,
                column=headers[pos],
            )
        if "time" in assigned:
            tpos = assigned["time"]
            times = fast_times(cells_of(tpos))
            if times is not None:
                out["time"] = to_string_array(times)
            else:
                out["time"] = parse_times(
                    text_of(tpos), problems=problems, order=tpos, column=headers[tpos]
                )
        else:
            out["time"] = _empty_strings(n)

    numbers: dict[str, np.ndarray] = {}
    names: dict[str, str] = {}
    orders: dict[str, int] = {}
    for column, rule in spec.numbers.items():
        if column in assigned:
            pos = assigned[column]
            names[column], orders[column] = headers[pos], pos
            values = fast_numbers(cells_of(pos), underscores=raw.underscores)
            if values is None:
                values = parse_numbers(
                    text_of(pos), rule, problems=problems, order=pos, column=headers[pos]
                )
            numbers[column] = values
        else:
            names[column], orders[column] = column, len(headers)
            numbers[column] = np.full(n, np.nan)
    number_frame = pd.DataFrame(numbers, index=pd.RangeIndex(n), dtype=np.float64)
    _check_numbers(number_frame, spec, names, orders, problems)
    problems.raise_first()

    for column, rule in spec.numbers.items():
        series = number_frame[column]
        out[column] = series.astype("Int64") if rule.whole else series

    for column in spec.lists:
        if column in assigned:
            pos = assigned[column]
            trimmed = strip_all(cells_of(pos))
            out[column] = to_string_array(unescape_cells(trimmed) if guarded else trimmed)
        else:
            out[column] = _empty_strings(n)
    order = list(spec.columns)
    text_positions = [(c, assigned[c]) for c in spec.texts if c in assigned]
    text_positions += [(headers[pos], pos) for pos in extras]
    for column in spec.texts:
        if column not in assigned:
            out[column] = _empty_strings(n)
    for column, pos in text_positions:
        values = cells_of(pos)
        out[column] = to_string_array(unescape_cells(values) if guarded else values)
    order += [headers[pos] for pos in extras]
    df = pd.DataFrame(out, columns=order)
    df.index = pd.RangeIndex(n)
    if raw.lines is not None:
        df.attrs["lines"] = np.asarray(raw.lines, dtype=np.int64).tolist()
    return df


def _check_midnight(
    time_text: pd.Series, full_text: pd.Series, problems: Problems, pos: int, column: str
) -> None:
    """A date cell may carry only a midnight time (as spreadsheets export dates)."""
    if len(time_text) == 0:
        return
    has_time = (time_text != "").to_numpy(dtype=bool)
    if not has_time.any():
        return
    midnight = time_text.str.fullmatch(r"0?0:00(?::00(?:\.0+)?)?").fillna(False)
    clock = time_text.str.match(r"\d{1,2}[:.]\d{2}|\d{1,2}\s*[aApP]").fillna(False)
    bad = has_time & ~midnight.to_numpy(dtype=bool)
    clock_mask = clock.to_numpy(dtype=bool)
    raw = full_text.to_numpy(dtype=object)
    retry = problems.where.retry

    def explain(i: int) -> str:
        if clock_mask[i]:
            return (
                f"{quoted(raw[i])} has a time of day in it. Put the time in its own 'time' "
                f"column (or head this column 'Date/Time' so it is read as date and time), "
                f"{retry}"
            )
        return (
            f"{quoted(raw[i])} is not a date we can read. Write dates as year-month-day, "
            f"for example 2026-04-03 for 3 April 2026, {retry}"
        )

    problems.add_first(bad, pos, column, explain)


def _empty_strings(n: int) -> pd.Series:
    return empty_strings(n)


def _empty_frame(spec: _Spec, extras: Sequence[str]) -> pd.DataFrame:
    data: dict[str, pd.Series] = {
        "date": pd.Series([], dtype="datetime64[ns]"),
        "time": pd.Series([], dtype="string"),
    }
    for column, rule in spec.numbers.items():
        data[column] = pd.Series([], dtype="Int64" if rule.whole else np.float64)
    for column in (*spec.lists, *spec.texts, *extras):
        data[column] = pd.Series([], dtype="string")
    return pd.DataFrame(data, columns=[*spec.columns, *extras])


# --------------------------------------------------------------------------------------
# From a DataFrame or an entry to text cells (for checking before a save)
# --------------------------------------------------------------------------------------


def _column_text(series: pd.Series) -> pd.Series:
    """One column of a user's DataFrame as text cells, ready for the same checks as a file."""
    values = series.reset_index(drop=True)
    dtype = values.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        text = values.dt.strftime("%Y-%m-%d")
        with_time = (values != values.dt.normalize()).to_numpy(dtype=bool)
        if with_time.any():
            text[with_time] = values[with_time].dt.strftime("%Y-%m-%d %H:%M:%S")
        return text.fillna("").astype(object)
    if pd.api.types.is_bool_dtype(dtype):
        return values.map(cell_text).astype(object)
    if pd.api.types.is_numeric_dtype(dtype):
        floats = values.astype(np.float64)
        return floats.map(format_number).astype(object)
    return values.map(cell_text, na_action=None).astype(object)


def _table_raw(df: pd.DataFrame, spec: _Spec) -> _Raw:
    if not isinstance(df, pd.DataFrame):
        raise DiaryError(
            f"write needs a table (a pandas DataFrame), not {type(df).__name__}. Pass the "
            f"{spec.what} DataFrame, then save again."
        )
    headers = [str(c) for c in df.columns]
    data = {i: _column_text(df.iloc[:, i]) for i in range(df.shape[1])}
    cells = pd.DataFrame(data, index=pd.RangeIndex(len(df)), columns=range(df.shape[1]))
    cells = cells.astype(str) if len(df) else cells.astype(object)
    return _Raw(
        headers,
        cells,
        None,
        None,
        None,
        "table",
        labels=tuple(df.index),
    )


def _entry_frame(
    entry: Mapping[str, Any],
    spec: _Spec,
    old: pd.DataFrame,
    date_format: str | None,
) -> pd.DataFrame:
    if not isinstance(entry, Mapping):
        raise DiaryError(
            f"An entry must be a mapping of column names to values, like "
            f"{{'date': '2026-04-03', '{_main_item(spec).split()[0]}': 5}}, not "
            f"{type(entry).__name__}. Change it, then add the entry again."
        )
    values = {
        str(k): "; ".join(str(part) for part in v) if isinstance(v, list | tuple) else v
        for k, v in entry.items()
    }
    canonical_keys = {_canonical_name(k, spec) for k in values}
    for key, value in list(values.items()):
        if (
            _canonical_name(key, spec) == "date"
            and isinstance(value, _dt.datetime)
            and (value.hour or value.minute or value.second)
            and "time" not in canonical_keys
            and _DATETIME not in canonical_keys
        ):
            values[key] = value.date()
            values["time"] = f"{value.hour:02d}:{value.minute:02d}"
            if value.second or value.microsecond:
                values["time"] += f":{value.second:02d}"
    headers = list(values)
    cells = pd.DataFrame({i: [cell_text(values[h])] for i, h in enumerate(headers)}, dtype=str)
    extras = [c for c in old.columns if c not in spec.columns]
    raw = _Raw(headers, cells, None, None, None, "entry")
    row = _build(raw, spec, columns=None, date_format=date_format, known_extras=extras)
    return row.reindex(columns=old.columns).astype(old.dtypes.to_dict())


# --------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix in (".xls", ".xlsm", ".ods", ".numbers"):
        raise DiaryError(
            f"A {path.suffix} file cannot be saved here. Use a name ending in .csv or "
            ".xlsx, then save again."
        )
    return "csv"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout as exc:
        raise DiaryError(
            f"Another notebook or program has been saving '{path.name}' for "
            f"{LOCK_TIMEOUT:.0f} seconds. Wait a moment and try again; if it keeps "
            "happening, close the other notebooks that use this diary and try again."
        ) from exc
    except OSError as exc:
        raise DiaryError(
            f"The diary '{path}' cannot be saved in that folder ({exc.strerror or exc}). "
            "Check that the folder exists and that you may write in it, then save again."
        ) from exc
    try:
        yield
    finally:
        lock.release()


def _write_table(df: pd.DataFrame, path: str | os.PathLike[str], spec: _Spec) -> Path:
    target = Path(path)
    kind = _kind_of(target)
    table = _build(_table_raw(df, spec), spec, columns=None, date_format=None)
    with _locked(target):
        _remove_stale_temporaries(target)
        existing = _existing_bytes(target) if kind == "xlsx" else None
        data = _serialise(table, spec, kind, existing)
        _verify(data, table, spec, target)
        _atomic_write(target, data)
    return target


def _append(
    path: str | os.PathLike[str],
    entry: Mapping[str, Any],
    spec: _Spec,
    *,
    columns: Mapping[str, str] | None,
    date_format: str | None,
) -> pd.DataFrame:
    target = Path(path)
    kind = _kind_of(target)
    with _locked(target):
        _remove_stale_temporaries(target)
        existing = _existing_bytes(target)
        if existing is None or not existing.strip():
            old = _empty_frame(spec, ())
        else:
            try:
                old = _read_bytes(
                    existing, target.name, spec, columns=columns, date_format=date_format
                )
            except DiaryError as exc:
                raise DiaryError(
                    f"{exc.message} Nothing was added: the {spec.what} file must be fixed first.",
                    line=exc.line,
                    column=exc.column,
                ) from exc
        row = _entry_frame(entry, spec, old, date_format)
        combined = pd.concat([old, row], ignore_index=True) if len(old) else row
        combined = combined.reset_index(drop=True)
        data = _serialise(combined, spec, kind, existing if kind == "xlsx" else None)
        saved = _verify(data, combined, spec, target)
        _atomic_write(target, data)
    return saved


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files left by a save that crashed (call only under the lock).

    Every save of this file happens under its lock, so while the lock is held no other save
    is writing a temporary file: any that exist are leftovers of a crash.
    """
    pattern = f".{glob.escape(path.name)}.*.tmp"
    for leftover in path.parent.glob(pattern):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _existing_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DiaryError(
            f"The file '{path}' could not be opened ({exc.strerror or exc}). Close it in other "
            "programs and check that you may read it, then save again."
        ) from exc


def _verify(data: bytes, table: pd.DataFrame, spec: _Spec, target: Path) -> pd.DataFrame:
    """Read the bytes about to be saved; refuse to save anything that does not read back."""
    back = _read_bytes(data, target.name, spec, columns=None, date_format=None)
    if len(back) != len(table) or list(back.columns) != list(table.columns):
        raise RuntimeError(  # a bug in this module, never the person's data
            f"painbook could not save '{target.name}' safely: the saved copy would not read "
            "back the same. The file was not changed; please report this."
        )
    return back


#: Characters an .xlsx (XML) cell cannot hold: control characters other than tab and line
#: breaks, and the two non-characters U+FFFE and U+FFFF.
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_for_file(values: pd.Series, column: str, kind: str) -> pd.Series:
    """Escape formulas and check characters the file format cannot hold."""
    text = values.astype(object).where(values.notna(), "")
    if kind == "xlsx":
        text = text.map(lambda v: v.replace("\r\n", "\n").replace("\r", "\n"))
        bad = text.map(lambda v: bool(_XLSX_ILLEGAL.search(v)))
        problem = "has an invisible control character that an Excel file cannot hold"
    else:
        bad = text.map(lambda v: "\x00" in v)
        problem = "has an invisible NUL character that a CSV file cannot hold"
    if bool(bad.any()):
        pos = int(np.flatnonzero(bad.to_numpy(dtype=bool))[0])
        raise DiaryError(
            f"Row {pos + 1} of the table, column '{column}', {problem}. Remove it, then save "
            "again.",
            column=column,
        )
    return text.map(escape_text)


def _serialise(table: pd.DataFrame, spec: _Spec, kind: str, existing: bytes | None) -> bytes:
    if kind == "xlsx":
        return _xlsx_bytes(table, spec, existing)
    return _csv_bytes(table, spec)


def _csv_bytes(table: pd.DataFrame, spec: _Spec) -> bytes:
    cells: dict[str, pd.Series] = {}
    for column in table.columns:
        values = table[column]
        if column == "date":
            cells[column] = values.dt.strftime("%Y-%m-%d").fillna("").astype(object)
        elif column in spec.numbers:
            cells[column] = values.astype(np.float64).map(format_number).astype(object)
        elif column == "time":
            cells[column] = values.astype(object).where(values.notna(), "")
        else:
            cells[column] = _text_for_file(values, column, "csv")
    frame = pd.DataFrame(cells, columns=list(table.columns))
    headers = [escape_text(str(c)) for c in table.columns]
    text = frame.to_csv(index=False, header=headers, lineterminator="\r\n")
    try:
        return text.encode(CSV_ENCODING)
    except UnicodeEncodeError as exc:
        raise DiaryError(
            "The table holds a character that cannot be saved in a text file (a broken "
            "surrogate character). Remove it, then save again."
        ) from exc


def _xlsx_bytes(table: pd.DataFrame, spec: _Spec, existing: bytes | None) -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = None
    title = spec.sheet
    if existing:
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(existing))
        except Exception:  # a damaged old file is replaced (it is kept as .bak)
            workbook = None
    if workbook is not None and workbook.worksheets:
        old_sheet = workbook.worksheets[0]
        title = old_sheet.title
        workbook.remove(old_sheet)
        sheet = workbook.create_sheet(title, 0)
        workbook.active = 0
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = title

    columns = list(table.columns)
    headers = _text_for_file(pd.Series(columns, dtype=object), "heading", "xlsx")
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.data_type = "s"
        cell.font = Font(bold=True)
    prepared: list[list[Any]] = []
    for column in columns:
        values = table[column]
        if column == "date":
            prepared.append([ts.to_pydatetime() for ts in values])
        elif column in spec.numbers:
            prepared.append([_xlsx_number(v) for v in values.astype(np.float64)])
        elif column == "time":
            prepared.append([None if pd.isna(v) else str(v) for v in values])
        else:
            text = _text_for_file(values, column, "xlsx")
            prepared.append([v if v != "" else None for v in text])
    text_columns = {
        i + 1 for i, c in enumerate(columns) if c == "time" or c not in spec.numbers and c != "date"
    }
    for row in zip(*prepared, strict=True) if prepared else []:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if columns[cell.column - 1] == "date":
                if cell.value is not None:
                    cell.number_format = "yyyy-mm-dd"
            elif cell.column in text_columns and isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(11, min(40, len(column) + 3))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_number(value: float) -> int | float | None:
    if np.isnan(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _write_bytes(handle: IO[bytes], data: bytes) -> None:
    """Write the new file's bytes (a seam for tests that simulate a crash mid-write)."""
    handle.write(data)


def _atomic_write(path: Path, data: bytes) -> None:
    """Save ``data`` to ``path`` so that a crash leaves the old or the new file, whole.

    Temporary file in the same folder; flushed and fsynced; the old file is kept as
    ``<name>.bak`` (a hard link, or a copy where links are not possible, renamed into
    place); then the temporary file is renamed over the old one and the folder is synced.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DiaryError(
            f"The diary cannot be saved in '{folder}' ({exc.strerror or exc}). Check that the "
            "folder exists and that you may write in it, then save again."
        ) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_bytes(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _keep_backup(path)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, PermissionError):
            raise DiaryError(
                f"'{path.name}' could not be replaced ({exc.strerror or exc}). It may be open "
                "in another program such as Excel: close it there, then save again. Your "
                "diary was not changed."
            ) from exc
        if isinstance(exc, OSError):
            raise DiaryError(
                f"'{path.name}' could not be saved ({exc.strerror or exc}). Your diary was not "
                "changed. Check that the disk is not full and that you may write in the "
                "folder, then save again."
            ) from exc
        raise
    _sync_folder(folder)


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.{uuid.uuid4().hex}.bak.tmp")
    try:
        os.link(path, staging)
    except OSError:
        shutil.copy2(path, staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
    try:
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


def _sync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
