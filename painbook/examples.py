"""The made-up examples that the workbook notebooks' own code cells show, in the language in use.

A notebook's code cell stays the same in every language (the Spanish notebooks in
``notebooks/es`` have the English code cells, see ``tools/translate_notebooks.py``), and the
Spanish book runs the English notebooks with ``PAINBOOK_LANG=es``. So the words a code cell
hands to painbook to show a reader (Sam's plans and week, Maria's own question, Grace's
practice entry, a sentence printed beside a result) live here, each marked with :func:`_`,
and painbook's catalog carries their translations. Each function builds its words when it is
called, so it speaks the language chosen at that moment.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

from painbook.i18n import _, language

__all__ = [
    "sam_first_plan",
    "sam_first_plan_title",
    "sam_new_plan",
    "sam_new_plan_title",
    "sam_week",
    "maria_question",
    "visit_summary_title",
    "grace_entry",
    "practice_diary_sentence",
    "entries_sentence",
    "unsorted_medicines_sentence",
    "month_notes",
]


# notebooks/action-plan.ipynb: Sam, 58, long-lasting knee pain, wants to walk his dog again.


def sam_first_plan() -> dict[str, Any]:
    """Sam's first plan: too big, and he is not sure he can do it (confidence 3)."""
    return {
        "what": _("Walk the dog"),
        "how_much": _("30 minutes"),
        "when": _("Every morning"),
        "days_per_week": 7,
        "confidence": 3,
    }


def sam_first_plan_title() -> str:
    return _("Sam's first plan")


def sam_new_plan() -> dict[str, Any]:
    """Sam's plan made smaller, with room for bad days (confidence 8)."""
    return {
        "what": _("Walk the dog down the street"),
        "how_much": _("5 minutes out and back"),
        "when": _("After breakfast"),
        "days_per_week": 4,
        "confidence": 8,
    }


def sam_new_plan_title() -> str:
    return _("Sam's new plan")


def sam_week() -> list[dict[str, Any]]:
    """Sam's week with the new plan: done on 4 days, each day with his short note."""
    return [
        {"day": _("Monday"), "done": True, "note": _("Knee fine.")},
        {"day": _("Tuesday"), "done": False, "note": _("Rest day.")},
        {"day": _("Wednesday"), "done": True, "note": _("Went a bit slower.")},
        {"day": _("Thursday"), "done": False, "note": _("Rest day.")},
        {"day": _("Friday"), "done": False, "note": _("Knee sore after a long day of shopping.")},
        {"day": _("Saturday"), "done": True, "note": _("Short rest halfway.")},
        {"day": _("Sunday"), "done": True, "note": _("Made up for Friday.")},
    ]


# notebooks/visit.ipynb: Maria's list of questions for her visit.


def maria_question() -> str:
    """The question Maria adds below the five first-visit questions."""
    return _("Is it safe for me to garden again, and how should I pace it?")


def visit_summary_title() -> str:
    """The name of the frame that shows Maria's one-page visit summary on the book's page."""
    return _("One-page visit summary")


# notebooks/keep-a-diary.ipynb: Grace, knee arthritis, saves an entry in a practice diary.


def grace_entry() -> dict[str, Any]:
    """Grace's evening entry (the chapter's exercise), every box filled in."""
    return {
        "date": "2026-04-14",
        "time": "21:00",
        "pain": 4,
        "worst": 7,
        "least": 3,
        "enjoyment_interference": 4,
        "activity_interference": 6,
        "sleep_hours": 6,
        "mood": 5,
        "locations": [_("left knee")],
        "qualities": [_("aching"), _("throbbing")],
        "medications": [_("usual morning medicine at 8:15")],
        "helped": [_("heat pad"), _("medicine")],
        "worsened": [_("standing in line a long time")],
        "notes": _("Pain was 5 at 8:00."),
    }


def practice_diary_sentence(name: str) -> str:
    return _("Practice diary: {name}").format(name=name)


def entries_sentence(name: str, count: int) -> str:
    return _("Entries in {name}: {count}").format(name=name, count=count)


# notebooks/headache-diary.ipynb: the medicines the workbook could not sort by name.


def unsorted_medicines_sentence(names: list[str]) -> str:
    if not names:
        return _("Medicines the workbook could not sort: none.")
    return _("Medicines the workbook could not sort: {names}.").format(names=", ".join(names))


def _month_year(day: _dt.date) -> str:
    """ "January 2025" / "enero de 2025" (as ``painbook.dates.month_year`` writes it)."""
    if language() == "es":
        from babel.dates import format_date

        value = day.date() if isinstance(day, _dt.datetime) else day
        return format_date(value, "MMMM 'de' y", locale="es")
    return f"{day:%B %Y}"


def month_notes(notes: Iterable[tuple[_dt.date, str]]) -> list[str]:
    """One line per month, "January 2025: <the month's note>", from (month, note) pairs."""
    return [f"{_month_year(month)}: {note}" for month, note in notes]
