"""The pain diary: one format, one door in, one door out.

A pain diary is a table with one row per entry. This package is the only code that reads or
writes one (and the PAINAD observation log, its sister table for a person who cannot report
pain). Everything else in :mod:`painbook` and every notebook takes the DataFrame that
:func:`read_diary` returns, and imports from here (``from painbook.diary import
read_diary``), never from the parts behind it.

The parts
---------
* :mod:`painbook.diary.format`: the columns, the rule for each number, the heading variants
  recognised for each column, the empty tables.
* :mod:`painbook.diary.read`: from a file (CSV or ``.xlsx``), an open file or bytes to text
  cells; :func:`read_diary`, :func:`read_observations`.
* :mod:`painbook.diary.check`: which heading holds what, every cell checked, the messages,
  the DataFrame of the contract; :func:`check_duplicates`.
* :mod:`painbook.diary.write`: locked, checked, atomic saves; :func:`write_diary`,
  :func:`append_entry` and their observation-log twins.
* :mod:`painbook.diary.errors`: :class:`DiaryError`.
* ``painbook.diary._cells``: the small private pieces (header keys, the formula guard, the
  number, date and time parsers and their messages).

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

# The names imported below are this door's names (public ones, and private ones that tests
# and other modules reach for), so they are imported without being used here.
# ruff: noqa: F401

from __future__ import annotations

import os  # a name here too: code that replaces os.replace reaches it as painbook.diary.os
import sys
import types
from typing import Any

from painbook.diary import _cells, check, errors, format, read, write
from painbook.diary.check import (
    _build,
    _check_numbers,
    _numbers_pass,
    _Raw,
    _resolve,
    _schema,
    check_duplicates,
)
from painbook.diary.errors import DiaryError
from painbook.diary.format import (
    _COMMON_ALIASES,
    _DATETIME,
    _DIARY,
    _DIARY_ALIASES,
    _DIARY_NUMBERS,
    _OBSERVATION_ALIASES,
    _OBSERVATION_NUMBERS,
    _OBSERVATIONS,
    CANONICAL_COLUMNS,
    LIST_COLUMNS,
    NUMBER_COLUMNS,
    OBSERVATION_COLUMNS,
    PAINAD_ITEMS,
    SCORE_COLUMNS,
    _Spec,
    canonical_column,
    empty_diary,
    empty_observations,
    split_list,
)
from painbook.diary.read import Source, _read_bytes, read_diary, read_observations
from painbook.diary.write import (
    CSV_ENCODING,
    LOCK_TIMEOUT,
    _atomic_write,
    _write_bytes,
    append_entry,
    append_observation,
    write_diary,
    write_observations,
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

_PARTS: tuple[types.ModuleType, ...] = (errors, _cells, format, check, read, write)


def __getattr__(name: str) -> Any:
    """Any other private name the diary module had before it became a package."""
    if name.startswith("_") and not name.startswith("__"):
        for part in _PARTS:
            if name in vars(part):
                return vars(part)[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Door(types.ModuleType):
    """The package module: a name set here is set in the part that uses it too.

    So ``painbook.diary.LOCK_TIMEOUT = 5`` (or a test replacing ``_write_bytes``) changes
    what the saving code does, as it did when the diary was one module.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:
            old = self.__dict__[name]
            for part in _PARTS:
                if name in vars(part) and vars(part)[name] is old:
                    setattr(part, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Door
