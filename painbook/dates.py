"""Dates as a reader sees them, in the language in use (:func:`painbook.i18n.language`).

English keeps painbook's own forms ("3 Mar 2025", "March 2025", "3 Mar", "Monday"); Spanish
uses Babel's Spanish (CLDR) names: "3 mar 2025", "marzo de 2025", "3 mar", "lunes". Dates on
disk (ISO ``YYYY-MM-DD``) are never formatted here.
"""

from __future__ import annotations

import datetime as _dt

from painbook.i18n import language

__all__ = ["day_month", "day_month_year", "long_date", "month_year", "weekday"]

DateLike = _dt.date | _dt.datetime


def _es(pattern: str, day: DateLike) -> str:
    from babel.dates import format_date

    value = day.date() if isinstance(day, _dt.datetime) else day
    return format_date(value, pattern, locale="es")


def day_month_year(day: DateLike) -> str:
    """ "3 Mar 2025" / "3 mar 2025"."""
    if language() == "es":
        return _es("d MMM y", day)
    return f"{day.day} {day:%b %Y}"


def long_date(day: DateLike) -> str:
    """ "3 March 2025" / "3 de marzo de 2025"."""
    if language() == "es":
        return _es("d 'de' MMMM 'de' y", day)
    return f"{day.day} {day:%B %Y}"


def month_year(day: DateLike, *, short: bool = False) -> str:
    """ "March 2025" / "marzo de 2025"; short: "Mar 2025" / "mar 2025"."""
    if language() == "es":
        return _es("MMM y" if short else "MMMM 'de' y", day)
    return f"{day:%b %Y}" if short else f"{day:%B %Y}"


def day_month(day: DateLike, *, short: bool = True) -> str:
    """ "3 Mar" / "3 mar"; not short: "3 March" / "3 de marzo"."""
    if language() == "es":
        return _es("d MMM" if short else "d 'de' MMMM", day)
    return f"{day.day} {day:%b}" if short else f"{day.day} {day:%B}"


def month(day: DateLike, *, short: bool = True) -> str:
    """ "Mar" / "mar"; not short: "March" / "marzo"."""
    if language() == "es":
        return _es("LLL" if short else "LLLL", day)
    return f"{day:%b}" if short else f"{day:%B}"


def weekday(day: DateLike) -> str:
    """ "Monday" / "lunes"."""
    if language() == "es":
        return _es("EEEE", day)
    return f"{day:%A}"
