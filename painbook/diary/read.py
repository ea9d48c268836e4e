"""Reading: from a file, an open file or bytes to text cells, then to the checked diary.

:func:`read_diary` and :func:`read_observations` live here. A CSV file (comma, semicolon or
tab; UTF-8, UTF-16 or Windows-1252) or the first sheet of an ``.xlsx`` workbook becomes a
table of text cells (:class:`painbook.diary.check._Raw`), which :mod:`painbook.diary.check`
turns into the DataFrame of the contract. Files that are not tables (pictures, PDFs,
old-style Excel files) are named as what they are.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Mapping
from operator import methodcaller
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from painbook.diary._cells import (
    as_objects,
    blank_mask,
    cell_text,
    header_key,
    unescape_text,
    what_words,
)
from painbook.diary.check import (
    _build,
    _named,
    _Raw,
)
from painbook.diary.errors import DiaryError
from painbook.diary.format import (
    _DATETIME,
    _DIARY,
    _OBSERVATIONS,
    _main_item,
    _Spec,
)
from painbook.i18n import N_, _

Source = str | os.PathLike[str] | IO[bytes] | IO[str] | bytes | bytearray | memoryview


def read_diary(
    source: Source,
    *,
    columns: Mapping[str, str | None] | None = None,
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
        It wins over the guessing. ``"datetime"`` names a column holding date and time;
        ``None`` says a heading is not one of the diary's columns (``{"Pain": None}`` keeps
        a column headed "Pain" as a column of the person's own, not the pain score).
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
    columns: Mapping[str, str | None] | None = None,
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


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", N_("a PNG picture")),
    (b"\xff\xd8\xff", N_("a JPEG picture")),
    (b"GIF87a", N_("a GIF picture")),
    (b"GIF89a", N_("a GIF picture")),
    (b"%PDF", N_("a PDF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an old-style Excel (.xls) or other Office file")),
    (b"\x1f\x8b", N_("a compressed (.gz) file")),
    (b"Rar!", N_("a compressed (.rar) file")),
    (b"7z\xbc\xaf\x27\x1c", N_("a compressed (.7z) file")),
)


def _read(
    source: Source,
    spec: _Spec,
    *,
    columns: Mapping[str, str | None] | None,
    date_format: str | None,
) -> pd.DataFrame:
    data, name = _source_bytes(source)
    if spec is _DIARY:
        _refuse_other_apps(data, name)
    return _read_bytes(data, name, spec, columns=columns, date_format=date_format)


def _refuse_other_apps(data: bytes | str, name: str | None) -> None:
    """An export from another pain app is refused here and sent to its importer.

    Its columns mean other things than the diary's (a 0-4 rating, UTC times, a kind of pain
    under the heading "pain"), so reading it as a diary would give wrong values or a
    misleading message. The check looks only at the start of the file.
    """
    from painbook.imports import APPS, _detect
    from painbook.imports._common import Export

    raw = data.encode("utf-8") if isinstance(data, str) else data
    app = _detect(Export(raw[:65536], name))
    if app is None:
        return
    raise DiaryError(
        _(
            "The file{name} is an export from {app}, not a diary table: its columns do "
            "not mean what the diary's columns mean. Bring it in with "
            "painbook.imports.import_diary(path), which turns it into a diary and says "
            "what it changed (or, in the read-a-diary notebook, use 'Bring a diary from "
            "another app')."
        ).format(name=_named(name), app=APPS[app])
    )


def _read_bytes(
    data: bytes | str,
    name: str | None,
    spec: _Spec,
    *,
    columns: Mapping[str, str | None] | None,
    date_format: str | None,
) -> pd.DataFrame:
    raw = _load(data, name, spec)
    df = _build(raw, spec, columns=columns, date_format=date_format)
    if name is not None:
        df.attrs["source"] = name
    if raw.sheet is not None:
        df.attrs["sheet"] = raw.sheet
    return df


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
                _(
                    "There is no file '{path}'. Check the file name and the folder, or save your "
                    "diary there, then load the diary again."
                ).format(path=path)
            ) from exc
        except IsADirectoryError as exc:
            raise DiaryError(
                _(
                    "'{path}' is a folder, not a file. Choose the diary file inside it, then load "
                    "the diary again."
                ).format(path=path)
            ) from exc
        except OSError as exc:
            raise DiaryError(
                _(
                    "The file '{path}' could not be opened ({reason}). Close it in other programs "
                    "and check that you may read it, then load the diary again."
                ).format(path=path, reason=exc.strerror or exc)
            ) from exc
    read = getattr(source, "read", None)
    if read is None:
        raise DiaryError(
            _(
                "A diary can be read from a file name, an open file or bytes, not from {type}. "
                "Give the path of the diary file, then try again."
            ).format(type=type(source).__name__)
        )
    name = getattr(source, "name", None)
    name = Path(name).name if isinstance(name, str) and name else None
    try:
        content = read()
    except OSError as exc:
        raise DiaryError(
            _(
                "The file{name} could not be read ({error}). Open it again, then load the diary "
                "again."
            ).format(name=_named(name), error=exc)
        ) from exc
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content), name
    if isinstance(content, str):
        return content, name
    raise DiaryError(
        _(
            "Reading the file{name} gave {type}, not text or bytes. Give the path of the "
            "diary file instead, then try again."
        ).format(name=_named(name), type=type(content).__name__)
    )


def _load(data: bytes | str, name: str | None, spec: _Spec) -> _Raw:
    shown = _named(name)
    suffix = Path(name).suffix.lower() if name else ""
    if isinstance(data, str):
        _refuse_json_or_xml(data.encode("utf-8", "surrogatepass"), name)
        return _load_csv(data, name, spec)
    if not data.strip():
        raise _empty_file_error(name)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DiaryError(
                _(
                    "The file{shown} is {kind}, not a table of entries. Choose the diary's CSV or "
                    "Excel (.xlsx) file instead, or save the diary from your spreadsheet program "
                    "as CSV or .xlsx, then load it again."
                ).format(shown=shown, kind=_(kind))
            )
    if data.startswith(b"PK"):
        return _load_xlsx(data, name, spec)
    _refuse_json_or_xml(data, name)
    if suffix in (".xlsx", ".xlsm"):
        raise DiaryError(
            _(
                "The file{shown} is named like an Excel workbook but it is not one (it may be "
                "a CSV file with the wrong name, or damaged). Open it in your spreadsheet "
                "program and save it as .xlsx or CSV, then load it again."
            ).format(shown=shown)
        )
    if suffix in (".xls", ".ods", ".numbers"):
        raise DiaryError(
            _(
                "The file{shown} is a {suffix} spreadsheet, which cannot be read here. Open it "
                "in your spreadsheet program and save it as Excel (.xlsx) or CSV, then load it "
                "again."
            ).format(shown=shown, suffix=suffix)
        )
    return _load_csv(_decode(data, name), name, spec)


def _refuse_json_or_xml(data: bytes, name: str | None) -> None:
    """A JSON or XML file is named as such (not read as a table with one odd heading)."""
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    kind = None
    if start.startswith((b"{", b"[")):
        try:
            json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            kind = None
        else:
            kind = _("a JSON file")
    elif start.startswith((b"<?xml", b"<!DOCTYPE")) or re.match(rb"<[A-Za-z]", start):
        kind = (
            _("an XML file")
            if not start[:20].lower().startswith((b"<!doctype html", b"<html"))
            else _("a web page (HTML)")
        )
    if kind is None:
        return
    raise DiaryError(
        _(
            "The file{name} is {kind}, not a table of entries: apps save their data this "
            "way. If it comes from a pain or headache app, bring it in with "
            "painbook.imports.import_diary(path). Otherwise save the diary from your "
            "spreadsheet program as CSV or Excel (.xlsx), then load that file."
        ).format(name=_named(name), kind=kind)
    )


def _empty_file_error(name: str | None) -> DiaryError:
    return DiaryError(
        _(
            "The file{name} is empty: it has no heading row and no entries. Choose the "
            "right file, or add a heading row (for example: date,time,pain,notes) and your "
            "entries, then load the diary again."
        ).format(name=_named(name))
    )


def _decode(data: bytes, name: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _encoding_error(name) from exc
    if b"\x00" in data:
        raise DiaryError(
            _(
                "The file{name} is not a text table: it holds binary data. Save your diary "
                "from your spreadsheet program as CSV (comma-separated) or Excel (.xlsx), then "
                "load that file."
            ).format(name=_named(name))
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
        _(
            "The file{name} has characters that cannot be read. Save it from your "
            "spreadsheet program as 'CSV UTF-8', then load the diary again."
        ).format(name=_named(name))
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
            _(
                "The file{name} could not be read as a table ({error}). Open it in your "
                "spreadsheet program and save it as CSV, then load the diary again."
            ).format(name=_named(name), error=exc)
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
                shown = {",": _("comma"), ";": _("semicolon"), "\t": _("tab")}[delimiter]
                return DiaryError(
                    _(
                        "Line {line} has {cells} cells but the heading line has only "
                        "{width}. This often happens when a note holds a {shown}. Put quote "
                        'marks around that cell ("like, this") or remove the extra {shown}, '
                        "or add a heading for the extra column, then load the diary again."
                    ).format(line=line, cells=len(record), width=width, shown=shown),
                    line=line,
                )
    except csv.Error:
        pass
    line = header_line + last_start - 1
    if "EOF inside string" in str(exc):
        return DiaryError(
            _(
                'Line {line}: a cell starts with a quote mark (") that is never closed, so the '
                "rest of the file reads as one cell. Add the closing quote mark, or remove the "
                "opening one, then load the diary again."
            ).format(line=line),
            line=line,
        )
    return DiaryError(
        _(
            "The file could not be read as a table near line {line} ({error}). Open it in "
            "your spreadsheet program and save it as CSV again, then load the diary again."
        ).format(line=line, error=exc),
        line=line,
    )


def _load_xlsx(data: bytes, name: str | None, spec: _Spec) -> _Raw:
    import openpyxl

    shown = _named(name)
    damaged = _(
        "The file{shown} looks like an Excel workbook (.xlsx) but it could not be opened: "
        "it may be damaged or only partly downloaded, or be another kind of file (such as a "
        "Word or LibreOffice file). Open it in your spreadsheet program and save it again as "
        ".xlsx or CSV, then load it again."
    ).format(shown=shown)
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
            _(
                "The first sheet of the workbook{shown}, '{title}', is empty. Put the diary on "
                "the first sheet, with the headings (date, pain, ...) in the first row, then "
                "load it again."
            ).format(shown=shown, title=title)
        )
    headers = [unescape_text(v) for v in rows[header_index]]
    while headers and not headers[-1].strip():
        headers.pop()
    width = len(headers)
    keys = {spec.aliases.get(header_key(h)) for h in headers}
    if not keys & (set(spec.required) | {_DATETIME}):
        found = ", ".join(f"'{h}'" for h in headers if h.strip()) or _("nothing")
        hint = ""
        if other_diaries:
            hint = " " + _("The sheet '{sheet}' looks like the {what}.").format(
                sheet=other_diaries[0], what=what_words(spec.what)
            )
        raise DiaryError(
            _(
                "The first sheet of the workbook{shown}, '{title}', has no {what}: row "
                "{number} has no date or {main_item} heading (found: {found}).{hint} Move the "
                "{what} sheet to be the first sheet, or put the headings in the first row of "
                "the first sheet, then load it again."
            ).format(
                shown=shown,
                title=title,
                what=what_words(spec.what),
                number=header_index + 1,
                main_item=_(_main_item(spec)),
                found=found,
                hint=hint,
            ),
            line=header_index + 1,
        )
    body = rows[header_index + 1 :]
    for offset, row in enumerate(body):
        if any(v.strip() for v in row[width:]):
            column_number = width + next(i for i, v in enumerate(row[width:]) if v.strip())
            letter = _column_letter(column_number)
            row_number = header_index + 2 + offset
            raise DiaryError(
                _(
                    "Row {row} has an entry in column {letter}, which has no heading. Add a "
                    "heading in row {number} of column {letter}, or move or delete that cell, then "
                    "load the diary again."
                ).format(row=row_number, letter=letter, number=header_index + 1),
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
