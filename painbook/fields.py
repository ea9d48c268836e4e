"""The words a person sees for each field of the diary and of the PAINAD log: one place.

Every form (:mod:`painbook.widgets.forms`), every message about a value the diary refuses
(:mod:`painbook.diary`: "In the new entry, the box "Pain now (0-10)": 11 is above 10")
and the book's web diary page use these labels, so a person reads the same words on the box
and in the message about it, never a column name such as ``pain`` or ``body_language``.

- :data:`DIARY_FIELDS`: each diary column (:data:`painbook.diary.CANONICAL_COLUMNS`) with its
  label, what it means and why the care team cares.
- :data:`OBSERVATION_FIELDS`: each column of the PAINAD observation log
  (:data:`painbook.diary.OBSERVATION_COLUMNS`); the five items use
  :data:`painbook.scales.PAINAD_LABELS`.
- :func:`label`: the label of one column, or None for a column of the person's own.

This module imports nothing from :mod:`painbook.diary`, so the diary can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from painbook.i18n import N_, _
from painbook.scales import PAINAD_LABELS

__all__ = ["FieldHelp", "DIARY_FIELDS", "OBSERVATION_FIELDS", "label"]


@dataclass(frozen=True)
class FieldHelp:
    """The words shown for one diary field: its label, what it means, why a doctor cares.

    The words are the English ones, marked for the catalog; show them with
    ``painbook.i18n._(field.label)`` (or :func:`label`) to have them in the reader's language.
    """

    label: str
    meaning: str
    why: str
    required: bool = False


#: Every diary column (see :data:`painbook.diary.CANONICAL_COLUMNS`), in plain words.
DIARY_FIELDS: Mapping[str, FieldHelp] = {
    "date": FieldHelp(
        N_("Date"),
        N_("The day of this entry."),
        N_("Your team can line up your pain with visits, treatments and events."),
        required=True,
    ),
    "time": FieldHelp(
        N_("Time (HH:MM)"),
        N_(
            "The time you write the entry, on a 24-hour clock: 08:30 is half past 8 in the "
            "morning, 21:00 is 9 in the evening."
        ),
        N_("Pain often changes during the day. Times show when it is at its worst."),
    ),
    "pain": FieldHelp(
        N_("Pain now (0-10)"),
        N_("0 means no pain. 10 means the worst pain you can imagine."),
        N_("This is the main number your team follows from week to week."),
        required=True,
    ),
    "worst": FieldHelp(
        N_("Worst pain since your last entry (0-10)"),
        N_("The highest your pain went since you last wrote."),
        N_("It shows how high your pain goes during a flare."),
    ),
    "least": FieldHelp(
        N_("Least pain since your last entry (0-10)"),
        N_("The lowest your pain went since you last wrote."),
        N_("It shows whether you get some relief, and how much."),
    ),
    "enjoyment_interference": FieldHelp(
        N_("Pain got in the way of enjoying life (0-10)"),
        N_("0 means not at all. 10 means completely. This is one of the three PEG questions."),
        N_("It shows what pain takes away from your life, not only how much it hurts."),
    ),
    "activity_interference": FieldHelp(
        N_("Pain got in the way of daily activity (0-10)"),
        N_("0 means not at all. 10 means completely. This is another PEG question."),
        N_("Being able to do more is a common goal of care, so your team watches this number."),
    ),
    "sleep_hours": FieldHelp(
        N_("Hours of sleep last night"),
        N_("A number from 0 to 24, like 6 or 7.5."),
        N_("Poor sleep and pain often go together. Your team can help with both."),
    ),
    "mood": FieldHelp(
        N_("Mood (0-10)"),
        N_("0 means very low. 10 means very good."),
        N_("Mood and pain affect each other. A low mood is worth telling your team about."),
    ),
    "locations": FieldHelp(
        N_("Where it hurts"),
        N_("One place per line, like lower back or left knee."),
        N_("Where the pain is, and whether it moves or spreads, helps find its cause."),
    ),
    "qualities": FieldHelp(
        N_("What it feels like"),
        N_("Tick every word that fits. Add your own words in the box."),
        N_("Words like burning or tingling help your team tell one kind of pain from another."),
    ),
    "medications": FieldHelp(
        N_("Medicines taken"),
        N_("What you took and when, written the way you really took it."),
        N_("Your team needs to know what you really take, to see what works and to keep you safe."),
    ),
    "helped": FieldHelp(
        N_("What helped"),
        N_("One thing per line, like heat pad or short walk."),
        N_("It shows what works for you, so you and your team can plan around it."),
    ),
    "worsened": FieldHelp(
        N_("What made it worse"),
        N_("One thing per line, like long drive or lifting."),
        N_("It shows what tends to go with more pain, so you can plan ahead."),
    ),
    "notes": FieldHelp(
        N_("Notes"),
        N_("Anything else: a busy day, the weather, a visit, a new symptom."),
        N_("Small details can explain a change in pain."),
    ),
}


#: Every column of the PAINAD observation log, with the labels of the observation form.
OBSERVATION_FIELDS: Mapping[str, FieldHelp] = {
    "date": FieldHelp(N_("Date"), N_("The day of this observation."), N_("To compare days."), True),
    "time": FieldHelp(
        N_("Time (HH:MM)"),
        N_("The time you watched, on a 24-hour clock: 14:30 is half past 2 in the afternoon."),
        N_("Pain can change during the day."),
    ),
    **{
        item: FieldHelp(
            words,
            N_("Score 0, 1 or 2 for what you saw."),
            N_("The five scores add up to the PAINAD total."),
            True,
        )
        for item, words in PAINAD_LABELS.items()
    },
    "context": FieldHelp(
        N_("What was happening"),
        N_("Resting, bathing, moving, eating or something else."),
        N_("Pain often shows when the body moves."),
    ),
    "notes": FieldHelp(N_("Notes"), N_("What you saw."), N_("Notes help the care team most.")),
}


def label(column: str, *, observations: bool = False) -> str | None:
    """The label a person sees for ``column`` (None for a column of their own), in the
    language in use (:mod:`painbook.i18n`)."""
    fields = OBSERVATION_FIELDS if observations else DIARY_FIELDS
    found = fields.get(column)
    return None if found is None else _(found.label)
