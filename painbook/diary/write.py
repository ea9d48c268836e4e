"""Saving: whole tables and single entries, locked, checked, atomic, with a backup.

:func:`write_diary`, :func:`write_observations`, :func:`append_entry` and
:func:`append_observation` live here, with the CSV and ``.xlsx`` writers, the formula guard
on save and the crash-safe write (temporary file, fsync, ``<file>.bak``, rename).
"""

from __future__ import annotations

import contextlib
import glob
import io
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from painbook.diary._cells import (
    escape_text,
    format_number,
    what_words,
)
from painbook.diary.check import (
    _build,
    _entry_frame,
    _table_raw,
)
from painbook.diary.errors import DiaryError
from painbook.diary.format import (
    _DIARY,
    _OBSERVATIONS,
    _empty_frame,
    _Spec,
)
from painbook.diary.read import (
    _read_bytes,
)
from painbook.i18n import _

#: Seconds to wait for another notebook's save before giving up.
LOCK_TIMEOUT = 60.0


#: CSV files are written in UTF-8 with a byte-order mark (Excel needs it to show accents).
CSV_ENCODING = "utf-8-sig"


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
    columns: Mapping[str, str | None] | None = None,
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
    read-add-save happens under a lock (``.<file>.lock``, see :func:`lock_path`) so two
    notebooks adding at once both land, and the save is atomic with a ``<file>.bak`` backup
    (see :func:`write_diary`).
    ``columns`` and ``date_format`` are passed to :func:`read_diary` for the existing file.

    Returns the diary as now saved.
    """
    return _append(path, entry, _DIARY, columns=columns, date_format=date_format)


def append_observation(
    path: str | os.PathLike[str],
    obs: Mapping[str, Any],
    *,
    columns: Mapping[str, str | None] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Check one PAINAD observation and add it to the log; same rules as :func:`append_entry`."""
    return _append(path, obs, _OBSERVATIONS, columns=columns, date_format=date_format)


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix in (".xls", ".xlsm", ".ods", ".numbers"):
        raise DiaryError(
            _(
                "A {suffix} file cannot be saved here. Use a name ending in .csv or .xlsx, "
                "then save again."
            ).format(suffix=path.suffix)
        )
    return "csv"


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a diary: ``.<name>.lock`` beside it, a hidden name (a leading dot),
    so it does not sit in the person's file list. It stays after a save: deleting a lock
    file while another program may be waiting on it would let two saves run at once."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout as exc:
        raise DiaryError(
            _(
                "Another notebook or program has been saving '{name}' for {seconds:.0f} "
                "seconds. Wait a moment and try again; if it keeps happening, close the other "
                "notebooks that use this diary and try again."
            ).format(name=path.name, seconds=LOCK_TIMEOUT)
        ) from exc
    except OSError as exc:
        raise DiaryError(
            _(
                "The diary '{path}' cannot be saved in that folder ({reason}). Check that the "
                "folder exists and that you may write in it, then save again."
            ).format(path=path, reason=exc.strerror or exc)
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
    columns: Mapping[str, str | None] | None,
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
                    _("{message} Nothing was added: the {what} file must be fixed first.").format(
                        message=exc.message, what=what_words(spec.what)
                    ),
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
            _(
                "The file '{path}' could not be opened ({reason}). Close it in other programs "
                "and check that you may read it, then save again."
            ).format(path=path, reason=exc.strerror or exc)
        ) from exc


def _verify(data: bytes, table: pd.DataFrame, spec: _Spec, target: Path) -> pd.DataFrame:
    """Read the bytes about to be saved; refuse to save anything that does not read back."""
    back = _read_bytes(data, target.name, spec, columns=None, date_format=None)
    if len(back) != len(table) or list(back.columns) != list(table.columns):
        raise RuntimeError(  # a bug in this module, never the person's data
            _(
                "painbook could not save '{name}' safely: the saved copy would not read back "
                "the same. The file was not changed; please report this."
            ).format(name=target.name)
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
        problem = _("has an invisible control character that an Excel file cannot hold")
    else:
        bad = text.map(lambda v: "\x00" in v)
        problem = _("has an invisible NUL character that a CSV file cannot hold")
    if bool(bad.any()):
        pos = int(np.flatnonzero(bad.to_numpy(dtype=bool))[0])
        raise DiaryError(
            _(
                "Row {number} of the table, column '{column}', {problem}. Remove it, then save "
                "again."
            ).format(number=pos + 1, column=column, problem=problem),
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
            _(
                "The table holds a character that cannot be saved in a text file (a broken "
                "surrogate character). Remove it, then save again."
            )
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
            _(
                "The diary cannot be saved in '{folder}' ({reason}). Check that the folder "
                "exists and that you may write in it, then save again."
            ).format(folder=folder, reason=exc.strerror or exc)
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
                _(
                    "'{name}' could not be replaced ({reason}). It may be open in another program "
                    "such as Excel: close it there, then save again. Your diary was not changed."
                ).format(name=path.name, reason=exc.strerror or exc)
            ) from exc
        if isinstance(exc, OSError):
            raise DiaryError(
                _(
                    "'{name}' could not be saved ({reason}). Your diary was not changed. "
                    "Check that the disk is not full and that you may write in the folder, "
                    "then save again."
                ).format(name=path.name, reason=exc.strerror or exc)
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
