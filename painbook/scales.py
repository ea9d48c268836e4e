"""Pain scales and the rules for reading them, each with its source.

Everything here is a small pure function: give it numbers, get a number or a word back.
Each checks its input and raises :class:`ValueError` with a plain message when a value
is not a number, is missing (NaN) or is out of range.

Sources
-------
- NRS bands: Serlin RC, Mendoza TR, Nakamura Y, Edwards KR, Cleeland CS. When is cancer pain
  mild, moderate or severe? Grading pain severity by its interference with function.
  *Pain* 1995;61(2):277-284.
- PEG: Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial validation of the PEG, a
  three-item scale assessing pain intensity and interference. *J Gen Intern Med*
  2009;24(6):733-738.
- PAINAD: Warden V, Hurley AC, Volicer L. Development and psychometric evaluation of the Pain
  Assessment in Advanced Dementia (PAINAD) scale. *J Am Med Dir Assoc* 2003;4(1):9-15.
- Meaningful change: Dworkin RH, Turk DC, Wyrwich KW, et al. Interpreting the clinical
  importance of treatment outcomes in chronic pain clinical trials: IMMPACT recommendations.
  *J Pain* 2008;9(2):105-121. Farrar JT, Young JP, LaMoreaux L, Werth JL, Poole RM. Clinical
  importance of changes in chronic pain intensity measured on an 11-point numerical pain
  rating scale. *Pain* 2001;94(2):149-158.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_BANDS",
    "PAINAD_ITEMS",
    "PAINAD_LABELS",
    "CHANGE_CATEGORIES",
    "FARRAR_PERCENT",
    "FARRAR_POINTS",
    "MINIMAL_DROP_PERCENT",
    "MODERATE_DROP_PERCENT",
    "SUBSTANTIAL_DROP_PERCENT",
    "WORSE_PERCENT",
    "ChangeResult",
    "nrs_band",
    "band_series",
    "validate_bands",
    "peg",
    "painad",
    "percent_change",
    "change_category",
]

Band = tuple[str, int, int]

#: Default bands for a 0-10 numeric rating scale (NRS): (label, lowest, highest), both ends
#: included. 1-4 mild, 5-6 moderate, 7-10 severe follow Serlin et al., *Pain*
#: 1995;61(2):277-284; 0 is "none". Cut-offs differ between studies, so every function that
#: uses bands takes them as a parameter.
DEFAULT_BANDS: tuple[Band, ...] = (
    ("none", 0, 0),
    ("mild", 1, 4),
    ("moderate", 5, 6),
    ("severe", 7, 10),
)


def _number(value: object, name: str, low: float, high: float) -> float:
    """Return ``value`` as a float after checking it is a real number in [low, high]."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise ValueError(
            f"{name} must be a number from {low:g} to {high:g}, but got {value!r} "
            f"({type(value).__name__})."
        )
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} is missing (NaN). Give a number from {low:g} to {high:g}.")
    if not low <= number <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}, but got {number:g}.")
    return number


def validate_bands(bands: Sequence[Band]) -> tuple[Band, ...]:
    """Check a set of NRS bands and return it as a tuple.

    Bands are ``(label, lowest, highest)`` with whole-number ends, both included. They must
    be in order, touch without gaps or overlaps (the next band starts one above where the
    previous one ended) and together cover 0 to 10. Labels must be distinct, non-empty text.
    """
    if isinstance(bands, str | bytes) or not isinstance(bands, Sequence) or not bands:
        raise ValueError("Bands must be a non-empty list of (label, lowest, highest) entries.")
    checked: list[Band] = []
    expected_low = 0
    for band in bands:
        if not isinstance(band, Sequence) or isinstance(band, str | bytes) or len(band) != 3:
            raise ValueError(f"Each band must be (label, lowest, highest), but got {band!r}.")
        label, low, high = band
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"Each band needs a label in words, but got {label!r}.")
        for end in (low, high):
            if isinstance(end, bool) or not isinstance(end, numbers.Integral):
                raise ValueError(
                    f"Band {label!r}: its ends must be whole numbers from 0 to 10, got {end!r}."
                )
        low, high = int(low), int(high)
        if low != expected_low:
            raise ValueError(
                f"Band {label!r} starts at {low} but should start at {expected_low}: bands "
                "must follow each other with no gap or overlap, starting at 0."
            )
        if high < low:
            raise ValueError(f"Band {label!r} ends ({high}) before it starts ({low}).")
        checked.append((label, low, high))
        expected_low = high + 1
    if expected_low != 11:
        raise ValueError(f"Bands must end at 10, but the last one ends at {expected_low - 1}.")
    labels = [label for label, _, _ in checked]
    if len(set(labels)) != len(labels):
        raise ValueError(f"Band labels must be different from each other, got {labels}.")
    return tuple(checked)


def nrs_band(score: float, bands: Sequence[Band] = DEFAULT_BANDS) -> str:
    """Name the band ("none", "mild", "moderate", "severe") of a 0-10 pain score.

    Default bands: none 0, mild 1-4, moderate 5-6, severe 7-10 (Serlin et al., *Pain*
    1995;61(2):277-284). Pass other ``bands`` to use another study's cut-offs; they are
    checked with :func:`validate_bands`.

    A score that is not a whole number (an average such as 4.5) is first rounded to the
    nearest whole number, halves going up (4.5 -> 5, 4.49 -> 4), since the bands were found
    for whole-number ratings.

    >>> nrs_band(4), nrs_band(5), nrs_band(4.5)
    ('mild', 'moderate', 'moderate')
    """
    checked = validate_bands(bands)
    value = _number(score, "Pain score", 0, 10)
    whole = math.floor(value + 0.5)
    for label, low, high in checked:
        if low <= whole <= high:
            return label
    raise AssertionError("validated bands cover 0-10")  # pragma: no cover


def band_series(values: pd.Series, bands: Sequence[Band] = DEFAULT_BANDS) -> pd.Series:
    """Vectorised :func:`nrs_band` for a Series of 0-10 scores (missing stays missing).

    Same rule as :func:`nrs_band` (round halves up, then look up the band). Returns a
    categorical Series whose categories are the band labels in order. Raises ValueError if a
    value is outside 0-10.
    """
    checked = validate_bands(bands)
    numbers_ = pd.to_numeric(values, errors="raise").astype("float64")
    bad = numbers_[(numbers_ < 0) | (numbers_ > 10)]
    if len(bad):
        raise ValueError(f"Pain scores must be from 0 to 10, but got {bad.iloc[0]:g}.")
    whole = np.floor(numbers_.to_numpy() + 0.5)
    labels = [label for label, _, _ in checked]
    highs = np.array([high for _, _, high in checked], dtype="float64")
    codes = np.searchsorted(highs, whole, side="left")
    codes = np.where(np.isnan(whole), -1, codes)
    cat = pd.Categorical.from_codes(codes, categories=labels, ordered=True)
    return pd.Series(cat, index=values.index, name=values.name)


def peg(pain: float, enjoyment: float, activity: float) -> float:
    """PEG score: the mean of three 0-10 items about the past week.

    The items are average pain (P), how much pain interfered with enjoyment of life (E) and
    how much it interfered with general activity (G). Krebs et al., *J Gen Intern Med*
    2009;24(6):733-738. The result is not rounded (e.g. 5.333...).

    >>> peg(6, 5, 7)
    6.0
    """
    items = (
        _number(pain, "PEG pain (P)", 0, 10),
        _number(enjoyment, "PEG enjoyment of life (E)", 0, 10),
        _number(activity, "PEG general activity (G)", 0, 10),
    )
    return sum(items) / 3


#: Display names of the five PAINAD items, in the order of the scale.
PAINAD_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "breathing": "Breathing (not while speaking)",
        "vocalization": "Unhappy sounds",
        "face": "Face",
        "body_language": "Body language",
        "consolability": "Comforting",
    }
)

#: For each PAINAD item (Warden, Hurley & Volicer, *J Am Med Dir Assoc* 2003;4(1):9-15), what
#: an observer sees at each level 0, 1 and 2, in this workbook's own words. This is a
#: plain-language guide for caregivers, not the published form: use the original article
#: for the exact wording.
PAINAD_ITEMS: MappingProxyType[str, MappingProxyType[int, str]] = MappingProxyType(
    {
        "breathing": MappingProxyType(
            {
                0: "Breathing is even and easy, as usual for them.",
                1: "Now and then breathing looks like hard work, or there is a short spell "
                "of fast, deep breaths.",
                2: "Breathing is noisy and looks like hard work, with long spells of fast, "
                "deep breaths, or breaths that swell and fade with pauses in between.",
            }
        ),
        "vocalization": MappingProxyType(
            {
                0: "No sounds of distress.",
                1: "A moan or groan now and then, or quiet talk in a grumbling or unhappy tone.",
                2: "Calls out in distress again and again, moans or groans loudly, or cries.",
            }
        ),
        "face": MappingProxyType(
            {
                0: "Face looks calm, blank or smiling.",
                1: "Looks sad or scared, or is frowning.",
                2: "Face is screwed up or twisted in a grimace.",
            }
        ),
        "body_language": MappingProxyType(
            {
                0: "Body is loose and at ease.",
                1: "Body is tense, or they fidget or pace about in a troubled way.",
                2: "Body is stiff, hands in fists or knees drawn up, pulls or pushes away, "
                "or hits out.",
            }
        ),
        "consolability": MappingProxyType(
            {
                0: "Does not need comforting.",
                1: "Settles when you talk to them or touch them, or can be distracted.",
                2: "Cannot be comforted, settled or distracted.",
            }
        ),
    }
)


def _painad_item(value: object, name: str) -> int:
    number = _number(value, f"PAINAD item '{name}'", 0, 2)
    if number != int(number):
        raise ValueError(f"PAINAD item '{name}' must be 0, 1 or 2, but got {number:g}.")
    return int(number)


def painad(
    breathing: int,
    vocalization: int,
    face: int,
    body_language: int,
    consolability: int,
) -> int:
    """PAINAD total, 0-10: the sum of five observed items, each scored 0, 1 or 2.

    Warden, Hurley & Volicer, *J Am Med Dir Assoc* 2003;4(1):9-15. For people who cannot
    say how much they hurt (for example with advanced dementia). Observe during activity
    such as moving or bathing, not only at rest. See :data:`PAINAD_ITEMS` for what each
    level looks like. Whole-number floats (``1.0``) are accepted; ``1.5`` is not.

    >>> painad(0, 1, 1, 2, 1)
    5
    """
    return sum(
        _painad_item(value, name)
        for name, value in zip(
            PAINAD_ITEMS,
            (breathing, vocalization, face, body_language, consolability),
            strict=True,
        )
    )


ChangeCategory = Literal["worse", "no meaningful change", "minimal", "moderate", "substantial"]

#: The categories :func:`change_category` can return, from worst to best.
CHANGE_CATEGORIES: tuple[ChangeCategory, ...] = (
    "worse",
    "no meaningful change",
    "minimal",
    "moderate",
    "substantial",
)

#: Percent thresholds of :func:`change_category` (IMMPACT: Dworkin et al., *J Pain*
#: 2008;9(2):105-121): a drop of at least SUBSTANTIAL_DROP_PERCENT is "substantial", at least
#: MODERATE_DROP_PERCENT "moderate", at least MINIMAL_DROP_PERCENT "minimal"; a rise of at
#: least WORSE_PERCENT is "worse" (this workbook's mirror of the smallest important change).
SUBSTANTIAL_DROP_PERCENT = 50.0
MODERATE_DROP_PERCENT = 30.0
MINIMAL_DROP_PERCENT = 10.0
WORSE_PERCENT = 10.0
#: Farrar's rule (Farrar et al., *Pain* 2001;94(2):149-158): a drop of at least FARRAR_POINTS
#: points or at least FARRAR_PERCENT percent is a change patients call "much improved".
FARRAR_POINTS = 2.0
FARRAR_PERCENT = 30.0

# Percent and points are rounded to this many decimals before comparing with a threshold,
# so 7 vs 10 is exactly a 30% drop (not 29.999999999999996 from binary floating point).
_DECIMALS = 9


def percent_change(baseline: float, recent: float) -> float:
    """Percent change from ``baseline`` to ``recent`` on a 0-10 scale.

    ``100 * (recent - baseline) / baseline``: negative means less pain (-30.0 is a 30% drop),
    positive means more. A baseline of 0 is handled explicitly: 0 -> 0 is 0.0, and a rise
    from 0 is ``math.inf`` (any rise from no pain at all is an infinitely large percent).
    """
    base = _number(baseline, "Baseline score", 0, 10)
    now = _number(recent, "Recent score", 0, 10)
    if base == 0:
        return 0.0 if now == 0 else math.inf
    return round(100 * (now - base) / base, _DECIMALS)


@dataclass(frozen=True)
class ChangeResult:
    """How a 0-10 score changed between two periods.

    ``percent``: percent change (negative = less pain; ``math.inf`` for a rise from 0).
    ``points``: change in points (recent minus baseline; negative = less pain).
    ``category``: one of :data:`CHANGE_CATEGORIES` (see :func:`change_category`).
    ``farrar_meaningful``: True for a drop of at least 2 points or at least 30%.
    """

    baseline: float
    recent: float
    percent: float
    points: float
    category: ChangeCategory
    farrar_meaningful: bool

    def describe(self, what: str = "pain") -> str:
        """One plain sentence about the change, e.g. for a visit summary."""
        base, now = f"{self.baseline:.1f}", f"{self.recent:.1f}"
        if math.isinf(self.percent):
            amount = f"went up from {base} (no {what}) to {now}"
        elif self.points < 0:
            amount = f"went down from {base} to {now} ({-self.percent:.0f}% less)"
        elif self.points > 0:
            amount = f"went up from {base} to {now} ({self.percent:.0f}% more)"
        else:
            amount = f"stayed at {base}"
        meaning = {
            "worse": "This is a rise of 10% or more.",
            "no meaningful change": "This is less than a 10% change either way.",
            "minimal": "This is a small but possibly noticeable drop (10-29%).",
            "moderate": "This is a drop of 30% or more, which many people notice as a "
            "real improvement.",
            "substantial": "This is a drop of 50% or more, a large improvement.",
        }[self.category]
        return f"Average {what} {amount}. {meaning}"


def change_category(baseline: float, recent: float) -> ChangeResult:
    """Judge a change in a 0-10 score (pain, or PEG) between a baseline and a recent period.

    Categories use the percent change, since a higher starting score needs a bigger change
    in points to feel the same (IMMPACT: Dworkin et al., *J Pain* 2008;9(2):105-121):

    - "substantial": a drop of 50% or more;
    - "moderate": a drop of 30% or more (and less than 50%);
    - "minimal": a drop of 10% or more (and less than 30%). IMMPACT calls 10-20% minimally
      important; drops of 20-29%, between its bands, are counted here too;
    - "worse": a rise of 10% or more. IMMPACT does not define worsening; this workbook uses
      the same 10% as the smallest important change, in the other direction;
    - "no meaningful change": anything in between (a drop or rise of less than 10%).

    ``farrar_meaningful`` is True for a drop of at least 2 points or at least 30%, the
    change patients rated as "much improved" (Farrar et al., *Pain* 2001;94(2):149-158).

    Baseline 0: from 0 to 0 is "no meaningful change" (percent 0.0); any rise from 0 is
    "worse" with percent ``math.inf``.

    >>> change_category(6, 4).category
    'moderate'
    """
    base = _number(baseline, "Baseline score", 0, 10)
    now = _number(recent, "Recent score", 0, 10)
    percent = percent_change(base, now)
    points = round(now - base, _DECIMALS)
    drop = -percent
    category: ChangeCategory
    if percent >= WORSE_PERCENT:
        category = "worse"
    elif drop >= SUBSTANTIAL_DROP_PERCENT:
        category = "substantial"
    elif drop >= MODERATE_DROP_PERCENT:
        category = "moderate"
    elif drop >= MINIMAL_DROP_PERCENT:
        category = "minimal"
    else:
        category = "no meaningful change"
    farrar = bool(-points >= FARRAR_POINTS or drop >= FARRAR_PERCENT)
    return ChangeResult(
        baseline=base,
        recent=now,
        percent=percent,
        points=points,
        category=category,
        farrar_meaningful=farrar,
    )
