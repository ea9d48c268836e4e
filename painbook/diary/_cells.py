"""Private helpers behind :mod:`painbook.diary`: header names, cell parsing and messages.

Nothing here is public. :mod:`painbook.diary` is the only door in and out of a diary; this
module holds the small pieces the reading, checking and saving are built from, so that the
rules are written down once:

* :func:`header_key`, the way a column heading is reduced before it is compared with the
  known names (case, spaces, underscores, punctuation and units in brackets are ignored);
* the formula guard (:func:`escape_text` / :func:`unescape_series`);
* parsers for dates, times and numbers that report the *first* bad cell of a column
  through a :class:`Problems` collector, in plain words, with the fix.

Each column goes first through a fast path (``fast_*``) that accepts only the standard
form (``YYYY-MM-DD``, ``HH:MM``, plain numbers) using numpy on the whole column; if any cell
is not in that form, the careful parser (``parse_*``, pandas string methods and regular
expressions on the whole column) accepts the other forms and finds the bad cell. Python
code runs per cell only to write the message for the one cell that is reported.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from painbook.diary.errors import DiaryError
from painbook.fields import label
from painbook.i18n import _, pgettext

__all__ = [
    "FORMULA_TRIGGERS",
    "NumberRule",
    "Problems",
    "Where",
    "as_objects",
    "blank_mask",
    "cell_text",
    "empty_message",
    "empty_strings",
    "escape_text",
    "fast_date_times",
    "fast_dates",
    "fast_numbers",
    "fast_times",
    "format_number",
    "offset_message",
    "header_key",
    "month_name",
    "parse_dates",
    "parse_numbers",
    "parse_times",
    "quoted",
    "range_message",
    "split_date_time",
    "strip_all",
    "suggest_time",
    "to_string_array",
    "unescape_cells",
    "unescape_series",
    "unescape_text",
    "what_words",
]


def what_words(what: str) -> str:
    """A kind of table ("diary", "observation log") in the reader's words."""
    if what == "diary":
        return _("diary")
    if what == "observation log":
        return _("observation log")
    return what


# --------------------------------------------------------------------------------------
# Column headings
# --------------------------------------------------------------------------------------

_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]")
_NOT_LETTER = re.compile(r"[^a-z]")


def header_key(name: object) -> str:
    """Reduce a column heading to the key used to recognise it.

    Lower case; anything in brackets (units such as ``(0-10)`` or ``(hours)``) dropped;
    then every character that is not a letter a-z dropped (spaces, underscores, slashes,
    digits). ``"Pain (0-10)"``, ``"pain_level "`` and ``"Date/Time"`` become ``"pain"``,
    ``"painlevel"`` and ``"datetime"``.
    """
    text = str(name).lower()
    without_units = _BRACKETED.sub(" ", text)
    key = _NOT_LETTER.sub("", without_units)
    if not key:  # the whole heading was in brackets: "(pain)"
        key = _NOT_LETTER.sub("", text)
    return key


# --------------------------------------------------------------------------------------
# The formula guard (OWASP "CSV injection" advice)
# --------------------------------------------------------------------------------------

#: Characters that make a spreadsheet treat a typed cell as a formula (OWASP).
FORMULA_TRIGGERS = "=+-@\t\r"
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = r"'+[=+\-@\t\r]"


def escape_text(text: str) -> str:
    """Neutralise text that a spreadsheet would run as a formula.

    Rule: if the text, after any leading apostrophes, starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return, one apostrophe ``'`` is put in front. Reading
    removes exactly one leading apostrophe from text of that same shape. So ``=SUM(A1)``
    is saved as ``'=SUM(A1)`` and text that really starts with ``'=`` is saved as ``''=``;
    both come back exactly as they were.
    """
    if _NEEDS_ESCAPE.match(text):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Undo :func:`escape_text` for one value."""
    if re.match(_ESCAPED, text):
        return text[1:]
    return text


def unescape_series(values: pd.Series) -> pd.Series:
    """Undo :func:`escape_text` on a whole column of text (``""`` for empty cells)."""
    starts = values.str.startswith("'")
    if not bool(starts.any()):
        return values
    escaped = values.str.match(_ESCAPED).fillna(False).astype(bool)
    if not bool(escaped.any()):
        return values
    return values.where(~escaped, values.str.slice(1))


# --------------------------------------------------------------------------------------
# Cells as text
# --------------------------------------------------------------------------------------


def format_number(value: float) -> str:
    """Write a number the way a person would: ``5`` not ``5.0``, but ``6.5`` kept.

    Non-whole numbers use Python's shortest exact form, so reading the text back gives
    the same float.
    """
    number = float(value)
    if math.isnan(number):
        return ""
    if number.is_integer():
        return str(int(number))
    return repr(number)


def _format_clock(hour: int, minute: int, second: int = 0) -> str:
    text = f"{hour:02d}:{minute:02d}"
    if second:
        text += f":{second:02d}"
    return text


def cell_text(value: object) -> str:
    """Turn one cell value (from a spreadsheet or from Python) into text for validation.

    Missing values become ``""``; whole numbers lose ``.0``; dates become ``YYYY-MM-DD``
    (with `` HH:MM`` only when they carry a time); times become ``HH:MM``.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return format_number(float(value))
    if isinstance(value, _dt.datetime):  # includes pd.Timestamp
        date_text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        if value.hour or value.minute or value.second or value.microsecond:
            return f"{date_text} {_format_clock(value.hour, value.minute, value.second)}"
        return date_text
    if isinstance(value, _dt.date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, _dt.time):
        return _format_clock(value.hour, value.minute, value.second)
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return ""
        return cell_text(pd.Timestamp(value))
    return str(value)


# --------------------------------------------------------------------------------------
# Where a problem is, and collecting the first one
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """How to name the place of a problem.

    ``mode`` is ``"file"`` (``lines`` are the file's line numbers, one per row),
    ``"entry"`` (one new entry, no line) or ``"table"`` (a DataFrame being saved;
    ``labels`` are its index labels).
    """

    mode: str
    lines: np.ndarray | None = None
    labels: tuple[object, ...] | None = None
    unit: str = "Line"  # "Row" for a spreadsheet, where rows are numbered
    noun: str = "diary"  # "observation log" for a PAINAD log

    @property
    def retry(self) -> str:
        """The last words of every fix: what to do once the cell is changed."""
        if self.mode == "file":
            return _("then load the {noun} again.").format(noun=what_words(self.noun))
        if self.mode == "entry":
            return _("then save it again.")
        if self.mode == "table":
            return _("then save again.")
        raise KeyError(self.mode)

    @property
    def cell(self) -> str:
        """What holds one value: a "cell" of a file or table, a "box" of a form's entry."""
        return _("box") if self.mode == "entry" else _("cell")

    @property
    def or_delete(self) -> str:
        """ ", or delete the row if it is not an entry" (a file or table has rows; an entry
        being saved does not)."""
        return "" if self.mode == "entry" else _(", or delete the row if it is not an entry")

    def shown(self, column: str) -> str:
        """A column as a message quotes it: ``"Pain now (0-10)"`` (a new entry's box label,
        from painbook.fields) or ``'pain'`` (the heading as written in a file or table)."""
        if self.mode == "entry":
            words = label(column, observations=self.noun != "diary") or label(
                column, observations=True
            )
            if words is not None:
                return f'"{words}"'
        return f"'{column}'"

    def name(self, column: str) -> str:
        """A column as the person knows it: in a new entry, the label of its box on the
        form (painbook.fields); in a file or table, the heading as written there."""
        shown = self.shown(column)
        if self.mode == "entry" and shown.startswith('"'):
            return _("the box {label}").format(label=shown)
        return shown

    def at_line(self, line: int | None) -> str:
        """``"line 7"`` (``"row 7"`` in a spreadsheet), for inside a sentence."""
        if self.unit == "Row":
            return _("row {line}").format(line=line)
        return _("line {line}").format(line=line)

    def line(self, pos: int) -> int | None:
        """The file line of row ``pos`` (None outside a file)."""
        if self.mode == "file" and self.lines is not None:
            return int(self.lines[pos])
        return None

    def place(self, pos: int, column: str | None) -> str:
        """``"Line 7, column 'Pain'"`` and its equivalents for an entry or a table."""
        if self.mode == "file":
            line = self.line(pos)
            if self.unit == "Row":
                if column is None:
                    return _("Row {line}").format(line=line)
                return _("Row {line}, column '{column}'").format(line=line, column=column)
            if column is None:
                return _("Line {line}").format(line=line)
            return _("Line {line}, column '{column}'").format(line=line, column=column)
        if self.mode == "entry":
            if column:
                return _("In the new entry, {name}").format(name=self.name(column))
            return _("In the new entry")
        label_ = self.labels[pos] if self.labels is not None else pos
        if column is None:
            return _("Row {row} of the table (index {index})").format(
                row=pos + 1, index=repr(label_)
            )
        return _("Row {row} of the table (index {index}), column '{column}'").format(
            row=pos + 1, index=repr(label_), column=column
        )


class Problems:
    """Collects problems found in the cells and raises the earliest one.

    Problems are ordered by row, then by the column's position, then by ``priority``
    (a cell that could not be read comes before a range check on the same cell), so the
    person is always sent to the first thing to fix, reading top to bottom.
    """

    def __init__(self, where: Where) -> None:
        self.where = where
        self._best: tuple[tuple[int, int, int], DiaryError] | None = None

    def add(self, pos: int, order: int, column: str | None, text: str, priority: int = 0):
        """Record a problem at row ``pos`` of the column at position ``order``."""
        key = (pos, order, priority)
        if self._best is not None and self._best[0] <= key:
            return
        if self.where.mode == "entry":  # a form's entry has boxes, not cells
            text = text.replace(_("the cell"), _("the box"))
        message = f"{self.where.place(pos, column)}: {text}"
        error = DiaryError(message, line=self.where.line(pos), column=column)
        self._best = (key, error)

    def add_first(
        self,
        mask: np.ndarray | pd.Series,
        order: int,
        column: str | None,
        explain: Any,
        priority: int = 0,
    ) -> None:
        """Record the first row where ``mask`` is true; ``explain(pos)`` writes the text."""
        hits = np.flatnonzero(np.asarray(mask, dtype=bool))
        if hits.size:
            pos = int(hits[0])
            if self._best is not None and self._best[0] <= (pos, order, priority):
                return
            self.add(pos, order, column, explain(pos), priority)

    @property
    def found(self) -> bool:
        """Whether any problem has been recorded."""
        return self._best is not None

    def raise_first(self) -> None:
        """Raise the earliest problem, if any."""
        if self._best is not None:
            raise self._best[1]


def quoted(value: str) -> str:
    """Show a cell's text in a message (shortened when long)."""
    text = value if len(value) <= 40 else value[:37] + "..."
    return repr(text) if any(ch in text for ch in "\t\r\n") else f"'{text}'"


# --------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberRule:
    """What a number column allows, and the words to explain it.

    ``explain`` is one sentence on the scale (with its meaning of the ends); ``name`` is
    the plain name used in messages ("pain score", "hours of sleep").
    """

    low: float
    high: float
    name: str
    explain: str
    required: bool = False
    whole: bool = False

    @property
    def span(self) -> str:
        """``"a number from 0 to 10"`` or ``"0, 1 or 2"``."""
        if self.whole and self.high - self.low <= 3:
            values = [format_number(v) for v in range(int(self.low), int(self.high) + 1)]
            return _("{values} or {last}").format(values=", ".join(values[:-1]), last=values[-1])
        low, high = format_number(self.low), format_number(self.high)
        if self.whole:
            return _("a whole number from {low} to {high}").format(low=low, high=high)
        return _("a number from {low} to {high}").format(low=low, high=high)

    @property
    def words(self) -> str:
        """:attr:`name` in the reader's language."""
        return _(self.name)

    @property
    def sentence(self) -> str:
        """:attr:`explain` in the reader's language."""
        return _(self.explain)


_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d+)$")
_LEADING_NUMBER = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)")
_LOOKS_LIKE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def parse_numbers(
    text: pd.Series,
    rule: NumberRule,
    *,
    problems: Problems,
    order: int,
    column: str,
) -> np.ndarray:
    """Turn a column of stripped text into float64 (NaN for empty cells).

    A decimal comma (``6,5``) is read as ``6.5``. Text that is not a number (``bad``,
    ``5/10``, ``N/A``, ``nan``) is reported.
    Empty and out-of-range values are left to the caller (pandera), so they are reported
    the same way for every number column.
    """
    retry = problems.where.retry
    n = len(text)
    values = np.full(n, np.nan)
    if n == 0:
        return values
    empty = (text == "").to_numpy(dtype=bool)
    filled = ~empty
    if not filled.any():
        return values
    if bool(text.str.contains(",", regex=False).any()):
        text = text.str.replace(_DECIMAL_COMMA, r"\1.\2", regex=True)
    raw = text.to_numpy(dtype=object)
    try:
        values[filled] = raw[filled].astype(np.float64)
        bad = filled & ~np.isfinite(values)
        if bool(text.str.contains("_", regex=False).any()):  # float() accepts "1_0"
            bad |= filled & text.str.contains("_", regex=False).to_numpy(dtype=bool)
    except ValueError:
        ok = text.str.fullmatch(_NUMBER).fillna(False).to_numpy(dtype=bool)
        bad = filled & ~ok
        good = filled & ok
        values[good] = raw[good].astype(np.float64)
    if bad.any():
        values[bad] = np.nan
        problems.add_first(bad, order, column, lambda pos: _not_a_number(raw[pos], rule, retry))
    return values + 0.0  # turns -0.0 into 0.0


def _not_a_number(value: str, rule: NumberRule, retry: str, number: str | None = None) -> str:
    """The words for a cell that is not a number (``number``: the number to suggest, when
    the caller wants its own, such as a placeholder)."""
    message = _("{quoted} is not a number.").format(quoted=quoted(value)) + f" {rule.sentence} "
    match = _LEADING_NUMBER.match(value)
    if _LOOKS_LIKE_DATE.match(value):
        message += _(
            "A spreadsheet program can turn a score typed like 5/10 into a date. "
            "Change the cell to just the number ({span}), {retry}"
        ).format(span=rule.span, retry=retry)
    elif match and match.group(1) != value.strip():
        suggested = match.group(1).replace(",", ".") if number is None else number
        message += _("Write just the number: change it to {number}, {retry}").format(
            number=suggested, retry=retry
        )
    elif rule.required:
        message += _("Change it to {span}, {retry}").format(span=rule.span, retry=retry)
    else:
        message += _("Change it to {span} (or leave the cell empty), {retry}").format(
            span=rule.span, retry=retry
        )
    return message


def range_message(value: float, rule: NumberRule, retry: str) -> str:
    """The words for a number outside its scale, or not whole when it must be."""
    shown = format_number(value)
    if value > rule.high:
        what = _("{value} is above {high}.").format(value=shown, high=format_number(rule.high))
    elif value < rule.low:
        what = _("{value} is below {low}.").format(value=shown, low=format_number(rule.low))
    else:
        what = _("{value} is not a whole number.").format(value=shown)
    fix = _("Change it to {span}, {retry}").format(span=rule.span, retry=retry)
    return f"{what} {rule.sentence} {fix}"


def empty_message(rule: NumberRule, retry: str, or_delete: str = "") -> str:
    """The words for a required number left empty (``or_delete``: see ``Where.or_delete``)."""
    return _("the {name} is empty. Every entry needs one. Add {span}{or_delete}, {retry}").format(
        name=rule.words, span=rule.span, or_delete=or_delete, retry=retry
    )


# --------------------------------------------------------------------------------------
# Dates and times
# --------------------------------------------------------------------------------------

_SPLIT_DATE_TIME = r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})(?:(?:T|\s+)(.+))?$"
_ISO_DATE = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"
_DAY_MONTH = r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})$"
_TIME = r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.0+)?)?$"
_MONTHS = [calendar.month_name[i] for i in range(13)]
_FIRST_YEAR, _LAST_YEAR = 1678, 2261  # what pandas' datetime64[ns] can hold


def split_date_time(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split ``"2026-04-03 08:30"`` (or ``2026-04-03T08:30``) into date and time text.

    Only a date written with digits is split; other text stays whole in the date part
    (so ``"3 April 2026"`` is reported as a date that cannot be read).
    """
    if len(text) == 0:
        return text, text
    parts = text.str.extract(_SPLIT_DATE_TIME)
    date_part = parts[0].where(parts[0].notna(), text).astype(object)
    time_part = parts[1].fillna("").astype(object).str.strip()
    return date_part, time_part


def month_name(month: int) -> str:
    """The name of month 1-12 in the reader's language (``""`` for 0, as in calendar)."""
    names = (
        "",
        pgettext("month", "January"),
        pgettext("month", "February"),
        pgettext("month", "March"),
        pgettext("month", "April"),
        pgettext("month", "May"),
        pgettext("month", "June"),
        pgettext("month", "July"),
        pgettext("month", "August"),
        pgettext("month", "September"),
        pgettext("month", "October"),
        pgettext("month", "November"),
        pgettext("month", "December"),
    )
    return names[month]


def _long_date(year: int, month: int, day: int) -> str:
    """``3 April 2026`` (day first)."""
    return _("{day} {month} {year}").format(day=day, month=month_name(month), year=year)


def _us_date(year: int, month: int, day: int) -> str:
    """``April 3, 2026`` (month first), as a US reader writes it."""
    return _("{month} {day}, {year}").format(day=day, month=month_name(month), year=year)


def _impossible_date(value: str, year: int, month: int, day: int, retry: str) -> str:
    if not 1 <= month <= 12:
        why = _("there is no month {month}").format(month=month)
    elif day < 1:
        why = _("there is no day 0")
    elif day > calendar.monthrange(year, month)[1]:
        days = calendar.monthrange(year, month)[1]
        why = _("{month} {year} has only {days} days").format(
            month=month_name(month), year=year, days=days
        )
    else:
        why = _("the year {year} looks wrong").format(year=year)
    return _("{quoted} is not a real date: {why}. Change it to the right date, {retry}").format(
        quoted=quoted(value), why=why, retry=retry
    )


def unreadable_date(value: str, retry: str) -> str:
    """The words for a date cell that is no date at all."""
    return _(
        "{quoted} is not a date we can read. Write dates as year-month-day, for example "
        "2026-04-03 for 3 April 2026, {retry}"
    ).format(quoted=quoted(value), retry=retry)


def parse_dates(
    text: pd.Series,
    *,
    date_format: str | None,
    problems: Problems,
    order: int,
    column: str,
) -> pd.Series:
    """Turn a column of stripped date text into datetime64[ns] (midnight).

    Accepted: ``YYYY-MM-DD`` (also with ``/`` or ``.``, and one-digit month or day),
    anything matching ``date_format`` when it is given, and day/month/year or
    month/day/year with ``/``, ``.`` or ``-`` under this rule:

    * a date whose first number is above 12 (``25/03/2026``) can only be day first,
      one whose second number is above 12 (``03/25/2026``) only month first;
    * the whole column must use one order: day-first and month-first dates together are
      an error;
    * a date where both numbers are 12 or less and differ (``03/04/2026``) is ambiguous
      and is an error unless ``date_format`` says the order, even if other rows settle
      it (the message then says which order the other rows use).

    Empty cells are reported (the date is required); so are unreadable, impossible
    (2026-02-30) and ambiguous dates.
    """
    retry = problems.where.retry
    n = len(text)
    out = pd.Series(np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"))
    if n == 0:
        return out
    empty = (text == "").to_numpy(dtype=bool)
    problems.add_first(
        empty,
        order,
        column,
        lambda pos: _(
            "the date is empty. Every entry needs a date. Add it as year-month-day "
            "(for example 2026-04-03){or_delete}, {retry}"
        ).format(or_delete=problems.where.or_delete, retry=retry),
    )
    year = np.zeros(n, dtype=np.int64)
    month = np.zeros(n, dtype=np.int64)
    day = np.zeros(n, dtype=np.int64)
    matched = np.zeros(n, dtype=bool)

    iso = text.str.extract(_ISO_DATE)
    is_iso = iso[0].notna().to_numpy(dtype=bool)
    if is_iso.any():
        year[is_iso] = iso[0][is_iso].astype(np.int64)
        month[is_iso] = iso[1][is_iso].astype(np.int64)
        day[is_iso] = iso[2][is_iso].astype(np.int64)
        matched |= is_iso
    rest = ~empty & ~is_iso
    raw = text.to_numpy(dtype=object)

    if rest.any() and date_format is not None:
        parsed = pd.to_datetime(text[rest], format=date_format, errors="coerce")
        bad = np.zeros(n, dtype=bool)
        bad[rest] = parsed.isna().to_numpy(dtype=bool)
        problems.add_first(
            bad,
            order,
            column,
            lambda pos: _(
                "{quoted} does not match the date form you gave "
                "(date_format={date_format}), or is not a real date. Change it to match "
                "that form, or write it as year-month-day (for example 2026-04-03), {retry}"
            ).format(quoted=quoted(raw[pos]), date_format=repr(date_format), retry=retry),
        )
        good = rest.copy()
        good[rest] = ~bad[rest]
        if good.any():
            stamps = pd.DatetimeIndex(parsed[good[rest]])
            has_time = stamps != stamps.normalize()
            if has_time.any():
                where_time = np.flatnonzero(good)[np.flatnonzero(has_time)[0]]
                problems.add(
                    int(where_time),
                    order,
                    column,
                    _(
                        "date_format={date_format} gives a time of day. date_format should "
                        "describe only the date (for example '%d/%m/%Y'); put the time in a "
                        "'time' column. Change date_format, {retry}"
                    ).format(date_format=repr(date_format), retry=retry),
                )
            year[good] = stamps.year
            month[good] = stamps.month
            day[good] = stamps.day
            matched |= good
        rest = np.zeros(n, dtype=bool)

    if rest.any():
        dm = text.str.extract(_DAY_MONTH)
        is_dm = dm[0].notna().to_numpy(dtype=bool) & rest
        unreadable = rest & ~is_dm
        problems.add_first(
            unreadable,
            order,
            column,
            lambda pos: unreadable_date(raw[pos], retry),
        )
        if is_dm.any():
            first = np.zeros(n, dtype=np.int64)
            second = np.zeros(n, dtype=np.int64)
            first[is_dm] = dm[0][is_dm].astype(np.int64)
            second[is_dm] = dm[2][is_dm].astype(np.int64)
            years = np.zeros(n, dtype=np.int64)
            years[is_dm] = dm[3][is_dm].astype(np.int64)
            day_first = is_dm & (first > 12) & (second <= 12)
            month_first = is_dm & (second > 12) & (first <= 12)
            ambiguous = is_dm & (first <= 12) & (second <= 12) & (first != second)
            _check_date_order(
                raw,
                first,
                second,
                years,
                day_first,
                month_first,
                ambiguous,
                problems=problems,
                order=order,
                column=column,
            )
            use_day_first = bool(day_first.any()) or not bool(month_first.any())
            if use_day_first:
                day[is_dm], month[is_dm] = first[is_dm], second[is_dm]
            else:
                month[is_dm], day[is_dm] = first[is_dm], second[is_dm]
            year[is_dm] = years[is_dm]
            matched |= is_dm

    if matched.any():
        in_years = (year >= _FIRST_YEAR) & (year <= _LAST_YEAR)
        parts = pd.DataFrame(
            {
                "year": np.where(matched & in_years, year, 2000),
                "month": np.where(matched & in_years, month, 1),
                "day": np.where(matched & in_years, day, 1),
            }
        )
        stamps = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
        impossible = matched & (stamps.isna().to_numpy(dtype=bool) | ~in_years)
        problems.add_first(
            impossible,
            order,
            column,
            lambda pos: _impossible_date(
                raw[pos], int(year[pos]), int(month[pos]), int(day[pos]), retry
            ),
        )
        keep = matched & ~impossible
        out[keep] = stamps[keep]
    return out


def _check_date_order(
    raw: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    years: np.ndarray,
    day_first: np.ndarray,
    month_first: np.ndarray,
    ambiguous: np.ndarray,
    *,
    problems: Problems,
    order: int,
    column: str,
) -> None:
    """Report mixed day-first/month-first dates and ambiguous ones (see parse_dates)."""
    retry = problems.where.retry
    where = problems.where
    day_rows = np.flatnonzero(day_first)
    month_rows = np.flatnonzero(month_first)
    if day_rows.size and month_rows.size:
        day_settles = day_rows[0] < month_rows[0]
        if day_settles:
            settled, other = day_rows[0], month_rows[0]
            text = _(
                "{quoted} puts the month first, but {settled_where} ({settled}) puts the day "
                "first. Use one order for the whole column; year-month-day is safest (for "
                "example 2026-03-25). Change the dates so they all use one order, {retry}"
            )
        else:
            settled, other = month_rows[0], day_rows[0]
            text = _(
                "{quoted} puts the day first, but {settled_where} ({settled}) puts the month "
                "first. Use one order for the whole column; year-month-day is safest (for "
                "example 2026-03-25). Change the dates so they all use one order, {retry}"
            )
        settled_where = where.place(int(settled), None).lower()
        if where.mode == "file":
            settled_where = where.at_line(where.line(int(settled)))
        problems.add(
            int(other),
            order,
            column,
            text.format(
                quoted=quoted(raw[other]),
                settled_where=settled_where,
                settled=raw[settled],
                retry=retry,
            ),
        )
    amb_rows = np.flatnonzero(ambiguous)
    if amb_rows.size:
        pos = int(amb_rows[0])
        a, b, y = int(first[pos]), int(second[pos]), int(years[pos])
        hint = ""
        if day_rows.size and not month_rows.size:
            hint = " " + _(
                "Other dates in this column put the day first, so it is probably the first."
            )
        elif month_rows.size and not day_rows.size:
            hint = " " + _(
                "Other dates in this column put the month first, so it is probably the second."
            )
        problems.add(
            pos,
            order,
            column,
            _(
                "{quoted} could be {day_first} (day first) or {month_first} (month first). "
                "Which did you mean?{hint} Write dates as year-month-day, for example {iso} for "
                "{day_first}, or say the order when you load the diary: "
                'read_diary(path, date_format="%d/%m/%Y") for day first, or '
                'date_format="%m/%d/%Y" for month first. Change it, {retry}'
            ).format(
                quoted=quoted(raw[pos]),
                day_first=_long_date(y, b, a),
                month_first=_us_date(y, a, b),
                hint=hint,
                iso=f"{y:04d}-{b:02d}-{a:02d}",
                retry=retry,
            ),
        )


def parse_times(
    text: pd.Series,
    *,
    problems: Problems,
    order: int,
    column: str,
) -> pd.Series:
    """Turn a column of stripped time text into ``"HH:MM"`` strings (``<NA>`` when empty).

    Accepted: ``H:MM`` or ``HH:MM`` on a 24-hour clock, with ``:00`` seconds allowed
    (spreadsheet exports add them). ``8pm``, ``0830``, ``8.30``, ``24:00`` or a time with
    seconds other than 00 are reported, with the 24-hour form to write when it is clear.
    """
    retry = problems.where.retry
    n = len(text)
    out = empty_strings(n)
    if n == 0:
        return out
    empty = (text == "").to_numpy(dtype=bool)
    parts = text.str.extract(_TIME)
    hour = pd.to_numeric(parts[0], errors="coerce").to_numpy(dtype=float)
    minute = pd.to_numeric(parts[1], errors="coerce").to_numpy(dtype=float)
    seconds = parts[2].fillna("00").to_numpy(dtype=object)
    ok = (
        ~empty
        & ~np.isnan(hour)
        & (np.nan_to_num(hour, nan=99) <= 23)
        & (np.nan_to_num(minute, nan=99) <= 59)
        & (seconds == "00")
    )
    bad = ~empty & ~ok
    raw = text.to_numpy(dtype=object)
    problems.add_first(bad, order, column, lambda pos: _bad_time(raw[pos], retry))
    if ok.any():
        hh = parts[0][ok].str.zfill(2)
        mm = parts[1][ok]
        out[ok] = (hh + ":" + mm).to_numpy(dtype=object)
    return out


_AM_PM = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m\.?$", re.IGNORECASE)
_NO_COLON = re.compile(r"^(\d{1,2})[.h]?(\d{2})$")


def suggest_time(value: str) -> str | None:
    """The 24-hour ``HH:MM`` form of a time written another way, when it is clear."""
    value = value.strip()
    match = _AM_PM.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute <= 59:
            hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
            return f"{hour:02d}:{minute:02d}"
        return None
    match = _NO_COLON.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour <= 23 and minute <= 59:
            return f"{hour:02d}:{minute:02d}"
    match = re.match(_TIME, value)
    if match and match.group(3) and int(match.group(1)) <= 23 and int(match.group(2)) <= 59:
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    return None


#: A clock time with a time-zone offset after it: ``14:05:09+00:00``, ``14:05Z``.
_WITH_OFFSET = re.compile(r"^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$")


def offset_message(value: str, time_text: str, retry: str) -> str | None:
    """The message for a time with a time-zone offset, or None when ``time_text`` has none."""
    match = _WITH_OFFSET.match(time_text.strip())
    if not match:
        return None
    offset = "Z (UTC)" if match[1] == "Z" else match[1]
    return _(
        "{quoted} ends with a time-zone offset, {offset}: that time is on the clock "
        "of another place (often UTC), not on yours. The diary keeps times as your own clock "
        "showed them, with no offset. Write the local time (for example 08:30), or, if the "
        "file comes from an app, bring it in with painbook.imports.import_diary(path), which "
        "changes the times to your time zone, {retry}"
    ).format(quoted=quoted(value), offset=offset, retry=retry)


def _bad_time(value: str, retry: str) -> str:
    offset = offset_message(value, value, retry)
    if offset:
        return offset
    message = _(
        "{quoted} is not a time in 24-hour HH:MM form (hours 00 to 23, minutes 00 to 59)."
    ).format(quoted=quoted(value))
    suggestion = suggest_time(value)
    if suggestion:
        return (
            message + " " + _("Change it to {time}, {retry}").format(time=suggestion, retry=retry)
        )
    return (
        message
        + " "
        + _(
            "Write the time as hours:minutes, for example 08:30 or 20:15 (or leave the cell "
            "empty), {retry}"
        ).format(retry=retry)
    )


# --------------------------------------------------------------------------------------
# Fast paths: whole columns already in the standard form
# --------------------------------------------------------------------------------------
# Each returns None when any cell is not in the standard form; the caller then runs the
# careful parser above, which accepts the other forms and finds the bad cell. The work is
# done by numpy on whole columns, or by C-level ``map`` over built-in string methods.


def as_objects(values: pd.Series) -> np.ndarray:
    """A column of text cells as a numpy object array of str."""
    return values.to_numpy(dtype=object)


def strip_all(cells: np.ndarray) -> np.ndarray:
    """Every cell trimmed of surrounding spaces."""
    if (cells == "").all():
        return cells
    return np.fromiter(map(str.strip, cells), dtype=object, count=len(cells))


def blank_mask(cells: np.ndarray) -> np.ndarray:
    """True where a cell is empty or only spaces."""
    empty = cells == ""
    return empty | np.fromiter(map(str.isspace, cells), dtype=bool, count=len(cells))


def needs_unescape(cells: np.ndarray) -> bool:
    """Whether any cell was written with the formula guard (see :func:`escape_text`)."""
    joined = "\x00".join(cells)
    if "'" not in joined:
        return False
    return re.search(r"(?:^|\x00)'+[=+\-@\t\r]", joined) is not None


def unescape_cells(cells: np.ndarray) -> np.ndarray:
    """Undo :func:`escape_text` on an object array (only when needed)."""
    if not needs_unescape(cells):
        return cells
    return unescape_series(pd.Series(cells, dtype=object)).to_numpy(dtype=object)


def to_string_array(cells: np.ndarray) -> pd.Series:
    """Text cells as a pandas ``string`` Series, ``<NA>`` for empty cells."""
    empty = cells == ""
    if empty.all():
        return empty_strings(len(cells))
    values = pd.array(cells, dtype="string")
    if empty.any():
        values[empty] = pd.NA
    return pd.Series(values)


def empty_strings(n: int) -> pd.Series:
    """A ``string`` Series of ``n`` missing values."""
    return pd.Series(pd.NA, index=pd.RangeIndex(n), dtype="string")


def _fixed_width(cells: np.ndarray, width: int) -> np.ndarray | None:
    """ASCII cells all of length ``width`` as a (rows, width) uint8 matrix, else None."""
    if len(cells) == 0:
        return np.zeros((0, width), dtype=np.uint8)
    lengths = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    if not (lengths == width).all():
        return None
    try:
        data = "".join(cells).encode("ascii")
    except UnicodeEncodeError:
        return None
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, width)


def _digits(matrix: np.ndarray, columns: list[int]) -> np.ndarray | None:
    digits = matrix[:, columns].astype(np.int64) - 48
    if not ((digits >= 0) & (digits <= 9)).all():
        return None
    return digits


def _iso_matrix_dates(matrix: np.ndarray) -> np.ndarray | None:
    """``YYYY-MM-DD`` rows of a byte matrix as datetime64[ns], or None if any is not valid."""
    if not ((matrix[:, 4] == 45) & (matrix[:, 7] == 45)).all():
        return None
    digits = _digits(matrix, [0, 1, 2, 3, 5, 6, 8, 9])
    if digits is None:
        return None
    year = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    month = digits[:, 4] * 10 + digits[:, 5]
    day = digits[:, 6] * 10 + digits[:, 7]
    if not ((year >= _FIRST_YEAR) & (year <= _LAST_YEAR)).all():
        return None
    if not ((month >= 1) & (month <= 12) & (day >= 1)).all():
        return None
    months = ((year - 1970) * 12 + (month - 1)).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + (day - 1)
    if not (days.astype("datetime64[M]") == months).all():  # 2026-02-30 spills into March
        return None
    return days.astype("datetime64[ns]")


def fast_dates(cells: np.ndarray) -> np.ndarray | None:
    """A column of ``YYYY-MM-DD`` dates (none empty) as datetime64[ns]."""
    matrix = _fixed_width(cells, 10)
    return None if matrix is None else _iso_matrix_dates(matrix)


def _clock_ok(matrix: np.ndarray, start: int) -> bool:
    if not (matrix[:, start + 2] == 58).all():  # ":"
        return False
    digits = _digits(matrix, [start, start + 1, start + 3, start + 4])
    if digits is None:
        return False
    hour = digits[:, 0] * 10 + digits[:, 1]
    minute = digits[:, 2] * 10 + digits[:, 3]
    return bool(((hour <= 23) & (minute <= 59)).all())


def fast_times(cells: np.ndarray) -> np.ndarray | None:
    """A column of ``HH:MM`` times or empty cells, as the same object array (or None)."""
    empty = cells == ""
    filled = cells[~empty]
    matrix = _fixed_width(filled, 5)
    if matrix is None or not _clock_ok(matrix, 0):
        return None
    return cells


def fast_date_times(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """A column of ``YYYY-MM-DD HH:MM`` (or with ``T``) as dates and ``HH:MM`` times."""
    matrix = _fixed_width(cells, 16)
    if matrix is None:
        return None
    if not ((matrix[:, 10] == 32) | (matrix[:, 10] == 84)).all():  # " " or "T"
        return None
    dates = _iso_matrix_dates(matrix[:, :10])
    if dates is None or not _clock_ok(matrix, 11):
        return None
    clock = np.ascontiguousarray(matrix[:, 11:16]).view("S5").ravel()
    return dates, clock.astype("U5").astype(object)


def fast_numbers(cells: np.ndarray, *, underscores: bool = True) -> np.ndarray | None:
    """A column of plain numbers or empty cells as float64 (NaN when empty).

    ``underscores=False`` says no cell can hold ``_`` (Python's float() would read
    ``1_0`` as 10), so the check for it can be skipped. A decimal comma makes float()
    fail, which sends the column to the careful parser.
    """
    empty = cells == ""
    values = np.full(len(cells), np.nan)
    if empty.all():
        return values
    if underscores and "_" in "".join(cells):
        return None
    try:
        values[~empty] = cells[~empty].astype(np.float64)
    except (ValueError, TypeError):
        return None
    if not np.isfinite(values[~empty]).all():
        return None
    return values + 0.0  # turns -0.0 into 0.0
