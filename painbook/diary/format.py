"""The diary format: its columns, the rule for each number, the headings it knows.

One definition of what a pain diary and a PAINAD observation log hold, used by reading,
checking and saving alike (and by anything that shows or checks a diary elsewhere, such as
the forms and the web diary): the canonical columns in order, the range of each number
column with the scale behind it (see :mod:`painbook.diary`), the list columns, the heading
variants recognised for each column (``_DIARY_ALIASES``), and the empty table of each kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from painbook.diary._cells import (
    NumberRule,
    header_key,
)
from painbook.i18n import N_

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


_DATETIME = "datetime"  # a column holding date and time together ("Date/Time")


# The words of each rule are English here, marked for the catalog (N_); the messages show
# them in the reader's language (NumberRule.words and .sentence).
_DIARY_NUMBERS: dict[str, NumberRule] = {
    "pain": NumberRule(
        0,
        10,
        N_("pain score"),
        N_("Pain is scored from 0 (no pain) to 10 (worst pain imaginable)."),
        required=True,
    ),
    "worst": NumberRule(
        0,
        10,
        N_("worst pain score"),
        N_("Worst pain is scored from 0 (no pain) to 10 (worst pain imaginable)."),
    ),
    "least": NumberRule(
        0,
        10,
        N_("least pain score"),
        N_("Least pain is scored from 0 (no pain) to 10 (worst pain imaginable)."),
    ),
    "enjoyment_interference": NumberRule(
        0,
        10,
        N_("enjoyment score"),
        N_(
            "This question asks how much pain got in the way of enjoying life, "
            "from 0 (not at all) to 10 (completely)."
        ),
    ),
    "activity_interference": NumberRule(
        0,
        10,
        N_("activity score"),
        N_(
            "This question asks how much pain got in the way of your general activity, "
            "from 0 (not at all) to 10 (completely)."
        ),
    ),
    "sleep_hours": NumberRule(
        0,
        24,
        N_("hours of sleep"),
        N_("Sleep is the number of hours slept the night before, 0 to 24."),
    ),
    "mood": NumberRule(
        0, 10, N_("mood score"), N_("Mood is scored from 0 (very low) to 10 (very good).")
    ),
}


_PAINAD_WORDS = {
    "breathing": N_("breathing"),
    "vocalization": N_("negative vocalization"),
    "face": N_("facial expression"),
    "body_language": N_("body language"),
    "consolability": N_("consolability"),
}

# Each PAINAD item's name and sentence, written out whole (so each is one message).
_PAINAD_RULE_WORDS = {
    "breathing": (
        N_("breathing score"),
        N_("Each PAINAD item, such as breathing, is scored 0, 1 or 2."),
    ),
    "vocalization": (
        N_("negative vocalization score"),
        N_("Each PAINAD item, such as negative vocalization, is scored 0, 1 or 2."),
    ),
    "face": (
        N_("facial expression score"),
        N_("Each PAINAD item, such as facial expression, is scored 0, 1 or 2."),
    ),
    "body_language": (
        N_("body language score"),
        N_("Each PAINAD item, such as body language, is scored 0, 1 or 2."),
    ),
    "consolability": (
        N_("consolability score"),
        N_("Each PAINAD item, such as consolability, is scored 0, 1 or 2."),
    ),
}


_OBSERVATION_NUMBERS: dict[str, NumberRule] = {
    item: NumberRule(0, 2, name, explain, required=True, whole=True)
    for item, (name, explain) in _PAINAD_RULE_WORDS.items()
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
        "date": N_("date"),
        "time": N_("time"),
        _DATETIME: N_("date and time"),
        **{c: r.name for c, r in _DIARY_NUMBERS.items()},
        "locations": N_("places where it hurts"),
        "qualities": N_("what the pain feels like"),
        "medications": N_("medicines taken"),
        "helped": N_("what helped"),
        "worsened": N_("what made it worse"),
        "notes": N_("notes"),
    },
    examples={
        "date": N_("'date', 'Date', 'Day' or 'Date/Time'"),
        "pain": N_("'pain', 'Pain level', 'Pain score' or 'Pain (0-10)'"),
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
        "date": N_("date"),
        "time": N_("time"),
        _DATETIME: N_("date and time"),
        **{c: r.name for c, r in _OBSERVATION_NUMBERS.items()},
        "context": N_("what was happening"),
        "notes": N_("notes"),
    },
    examples={
        "date": N_("'date', 'Date', 'Day' or 'Date/Time'"),
        "breathing": "'breathing'",
        "vocalization": N_("'vocalization' or 'Negative vocalization'"),
        "face": N_("'face' or 'Facial expression'"),
        "body_language": N_("'body_language' or 'Body language'"),
        "consolability": "'consolability'",
    },
    sheet="Observations",
    reader="read_observations",
)


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


def _main_item(spec: _Spec) -> str:
    return N_("pain") if spec is _DIARY else N_("PAINAD item")


def _canonical_name(target: str, spec: _Spec) -> str | None:
    if target in spec.columns or target == _DATETIME:
        return target
    return spec.aliases.get(header_key(target))


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
