"""Checking: which heading holds what, every cell checked, the DataFrame of the contract.

The same checks run for a file, a DataFrame about to be saved and one new entry: a table of
text cells (:class:`_Raw`) is matched to the columns (:func:`_resolve`, with the messages
for a missing or doubled column), each column is parsed and checked (:func:`_build`, with
pandera as the rule for the number ranges) and the first problem is raised as a
:class:`~painbook.diary.DiaryError` that names the line, the column and the fix. Also
:func:`check_duplicates`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from painbook.diary._cells import (
    Problems,
    Where,
    as_objects,
    cell_text,
    empty_message,
    empty_strings,
    fast_date_times,
    fast_dates,
    fast_numbers,
    fast_times,
    format_number,
    header_key,
    offset_message,
    parse_dates,
    parse_numbers,
    parse_times,
    quoted,
    range_message,
    split_date_time,
    strip_all,
    to_string_array,
    unescape_cells,
    unreadable_date,
    what_words,
)
from painbook.diary.errors import DiaryError
from painbook.diary.format import (
    _DATETIME,
    _DIARY,
    _OBSERVATIONS,
    _canonical_name,
    _main_item,
    _Spec,
)
from painbook.i18n import N_, _, ngettext, pgettext


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
            what.append(_("pain {score}").format(score=format_number(float(pain))))
        listed = _("{items} and {last}").format(
            items=", ".join(str(x) for x in lines[:-1]), last=lines[-1]
        )
        detail = f" ({', '.join(what)})" if what else ""
        if from_file:
            template = _(
                "Lines {listed} hold the same entry{detail}. If it was saved twice by "
                "mistake, delete the extra copy in your diary file; nothing has been removed."
            )
        else:
            template = _(
                "Entries {listed} hold the same entry{detail}. If it was saved twice by "
                "mistake, delete the extra copy in your diary file; nothing has been removed."
            )
        message = template.format(listed=listed, detail=detail)
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


def _named(name: str | None) -> str:
    """`` 'my-diary.csv'`` (with a leading space) or nothing when the name is unknown."""
    return f" '{name}'" if name else ""


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
    columns: Mapping[str, str | None] | None,
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
            if noun == "field":
                text = _(
                    "Two fields are both called '{heading}' (fields {first} and {second}). "
                    "Rename one of them so each field has its own name, {retry}"
                )
            else:
                text = _(
                    "Two columns are both called '{heading}' (columns {first} and {second}). "
                    "Rename one of them so each column has its own name, {retry}"
                )
            raise DiaryError(
                text.format(heading=heading, first=seen[heading] + 1, second=i + 1, retry=retry),
                line=line,
                column=heading,
            )
        seen[heading] = i
    assigned: dict[str, int] = {}
    explicit: set[int] = set()
    not_columns: list[int] = []
    for file_name, target in (columns or {}).items():
        pos = _find_heading(headers, str(file_name))
        if pos is None:
            found = ", ".join(f"'{h}'" for h in headers if h.strip())
            raise DiaryError(
                _(
                    "columns= names the heading '{heading}', but the file has no column with "
                    "that heading. The headings are: {found}. Change columns= to use one of "
                    "them, {retry}"
                ).format(heading=file_name, found=found, retry=retry),
                column=str(file_name),
            )
        if target is None:  # "this heading is not one of the diary's columns"
            not_columns.append(pos)
            explicit.add(pos)
            continue
        canonical = _canonical_name(str(target), spec)
        if canonical is None:
            raise DiaryError(
                _(
                    "columns= maps '{heading}' to '{target}', which is not a {what} "
                    "column. The {what} columns are: {columns} (and "
                    "'{datetime}' for a column holding date and time, or None for a heading "
                    "that is none of them). Change columns=, {retry}"
                ).format(
                    heading=file_name,
                    target=target,
                    what=what_words(spec.what),
                    columns=", ".join(spec.columns),
                    datetime=_DATETIME,
                    retry=retry,
                ),
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
        if i in not_columns:
            extras.append(i)
            continue
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
                extra_list = ", ".join(f"'{e}'" for e in known_extras)
                extra_list = extra_list or pgettext("columns", "none")
                raise DiaryError(
                    _(
                        "'{heading}' is not a {what} column. The {what} columns are: "
                        "{columns}; the extra columns in this file are: "
                        "{extras}. Change the name, or add a '{heading}' column to the file "
                        "first, {retry}"
                    ).format(
                        heading=heading,
                        what=what_words(spec.what),
                        columns=", ".join(spec.columns),
                        extras=extra_list,
                        retry=retry,
                    ),
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
            at = ""
            if row_line is not None:
                at = " " + _("(first at {where})").format(where=where.at_line(row_line))
            raise DiaryError(
                _(
                    "Column {number} has entries but no heading{at}. Add a heading for it in the "
                    "heading row, or delete that column, {retry}"
                ).format(number=i + 1, at=at, retry=retry),
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
        where = Where("entry", noun=raw.noun)
        shown = [where.shown(c) for c in missing]
        names = shown[0]
        for more in shown[1:]:
            names = _("{items} and {last}").format(items=names, last=more)
        text = ngettext(
            "The new entry has nothing in the box {names}. Every entry needs one. "
            "Fill in {names}, {retry}",
            "The new entry has nothing in the boxes {names}. Every entry needs them. "
            "Fill in {names}, {retry}",
            len(missing),
        )
        raise DiaryError(text.format(names=names, retry=retry), column=missing[0])
    return assigned, extras


def _two_columns_error(
    spec: _Spec,
    canonical: str,
    first: str,
    second: str,
    line: int | None,
    retry: str,
    noun: str,
) -> DiaryError:
    words = _(spec.words.get(canonical, canonical))
    how = ""
    if noun == "column" and line is not None:
        how = " " + _(
            "(or keep both and say that '{second}' is not the {words} column: "
            "{reader}(path, columns={{'{second}': None}}))"
        ).format(second=second, words=words, reader=spec.reader)
    if noun == "field":
        text = _(
            "Two fields hold the {words}: '{first}' and '{second}'. A {what} can have only "
            "one. Rename or delete one of them{how}, {retry}"
        )
    else:
        text = _(
            "Two columns hold the {words}: '{first}' and '{second}'. A {what} can have only "
            "one. Rename or delete one of them{how}, {retry}"
        )
    return DiaryError(
        text.format(
            words=words,
            first=first,
            second=second,
            what=what_words(spec.what),
            how=how,
            retry=retry,
        ),
        line=line,
        column=second,
    )


def _missing_columns_error(raw: _Raw, spec: _Spec, missing: list[str]) -> DiaryError:
    retry = _retry(raw)
    found = ", ".join(f"'{h}'" for h in raw.headers if h.strip()) or _("none")
    names = " or ".join(f"'{c}'" for c in missing)
    if len(missing) > 1:
        names = f"'{missing[0]}'"
        for more in missing[1:]:
            names = _("{items} or {last}").format(items=names, last=f"'{more}'")
    sheet = ""
    if raw.sheet:
        sheet = " " + _("(sheet '{sheet}')").format(sheet=raw.sheet)
    if raw.mode == "table":
        message = _("The table{sheet} has no {names} column.").format(sheet=sheet, names=names)
    else:
        message = _("The {what}{name}{sheet} has no {names} column.").format(
            what=what_words(spec.what), name=_named(raw.source), sheet=sheet, names=names
        )
    message += " " + _("The column headings found are: {found}.").format(found=found) + " "
    for column in missing:
        if column in spec.examples:
            message += _("A {column} column can be headed {examples}.").format(
                column=column, examples=_(spec.examples[column])
            )
            message += " "
    first = raw.headers[0] if raw.headers else ""
    if raw.mode == "file" and _looks_like_data(first):
        message += _(
            "The first line looks like an entry, not headings. Add a heading line at the "
            "top (for example: {example},notes), {retry}"
        ).format(example=",".join(spec.columns[:3]), retry=retry)
    else:
        example = missing[0]
        # A made-up heading, never one of the file's own: the file's headings may be anything
        # (a weekday, a name), and suggesting one of them as the pain would mislead.
        heading = example_heading(example)
        mapping = f"{{'{heading}': '{example}'}}"
        if raw.mode == "table":
            message += _(
                "Add the column, or rename the one that holds it (for example, if it is "
                "headed '{heading}': df.rename(columns={mapping})), {retry}"
            ).format(heading=heading, mapping=mapping, retry=retry)
        else:
            message += _(
                "Rename the heading of that column (or say which column it is: if it is "
                "headed '{heading}', {reader}(path, columns={mapping})), {retry}"
            ).format(heading=heading, reader=spec.reader, mapping=mapping, retry=retry)
    return DiaryError(message, line=raw.header_line, column=missing[0])


#: The made-up heading used in the example of the missing-column message.
_EXAMPLE_HEADINGS = {"date": N_("Logged on")}
#: The made-up heading of the example for any other missing column.
_OTHER_EXAMPLE_HEADING = N_("Score")


def example_heading(column: str) -> str:
    """The made-up heading of the missing-column message's example, in the reader's words."""
    return _(_EXAMPLE_HEADINGS.get(column, _OTHER_EXAMPLE_HEADING))


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
                text = empty_message(rule, retry, problems.where.or_delete)
            else:
                text = range_message(float(value), rule, retry)
            problems.add(pos, orders[column], names[column], text, priority=1)
        if not problems.found:
            raise DiaryError(
                _(
                    "The {what} could not be checked ({error}). Check the number columns, {retry}"
                ).format(what=what_words(spec.what), error=exc, retry=problems.where.retry)
            ) from exc


def _build(
    raw: _Raw,
    spec: _Spec,
    *,
    columns: Mapping[str, str | None] | None,
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
        offset = offset_message(raw[i], str(time_text.iloc[i]), retry)
        if offset:
            return offset
        if clock_mask[i]:
            return _(
                "{quoted} has a time of day in it. Put the time in its own 'time' "
                "column (or head this column 'Date/Time' so it is read as date and time), "
                "{retry}"
            ).format(quoted=quoted(raw[i]), retry=retry)
        return unreadable_date(raw[i], retry)

    problems.add_first(bad, pos, column, explain)


def _empty_strings(n: int) -> pd.Series:
    return empty_strings(n)


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
            _(
                "write needs a table (a pandas DataFrame), not {type}. Pass the "
                "{what} DataFrame, then save again."
            ).format(type=type(df).__name__, what=what_words(spec.what))
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
            _(
                "An entry must be a mapping of column names to values, like "
                "{example}, not {type}. Change it, then add the entry again."
            ).format(
                example=f"{{'date': '2026-04-03', '{_main_item(spec).split()[0]}': 5}}",
                type=type(entry).__name__,
            )
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
