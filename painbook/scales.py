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

from painbook.i18n import N_, _, pgettext

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
    "WORSE_MIN_POINTS",
    "WORSE_PERCENT",
    "ChangeResult",
    "nrs_band",
    "band_series",
    "validate_bands",
    "peg",
    "painad",
    "percent_change",
    "change_category",
    "BAND_WORDS",
    "band_words",
]

Band = tuple[str, int, int]

#: Default bands for a 0-10 numeric rating scale (NRS): (label, lowest, highest), both ends
#: included. 1-4 mild, 5-6 moderate, 7-10 severe follow Serlin et al., *Pain*
#: 1995;61(2):277-284, who found them in people with cancer rating their *worst* pain; 0 is
#: "none". Cut-offs for other pain, and for average or current pain, differ between studies,
#: so every function that uses bands takes them as a parameter.
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
            _("{name} must be a number from {low:g} to {high:g}, but got {value} ({type}).").format(
                name=name, low=low, high=high, value=repr(value), type=type(value).__name__
            )
        )
    number = float(value)
    if math.isnan(number):
        raise ValueError(
            _("{name} is missing (NaN). Give a number from {low:g} to {high:g}.").format(
                name=name, low=low, high=high
            )
        )
    if not low <= number <= high:
        raise ValueError(
            _("{name} must be from {low:g} to {high:g}, but got {number:g}.").format(
                name=name, low=low, high=high, number=number
            )
        )
    return number


def validate_bands(bands: Sequence[Band]) -> tuple[Band, ...]:
    """Check a set of NRS bands and return it as a tuple.

    Bands are ``(label, lowest, highest)`` with whole-number ends, both included. They must
    be in order, touch without gaps or overlaps (the next band starts one above where the
    previous one ended) and together cover 0 to 10. Labels must be distinct, non-empty text.
    """
    if isinstance(bands, str | bytes) or not isinstance(bands, Sequence) or not bands:
        raise ValueError(_("Bands must be a non-empty list of (label, lowest, highest) entries."))
    checked: list[Band] = []
    expected_low = 0
    for band in bands:
        if not isinstance(band, Sequence) or isinstance(band, str | bytes) or len(band) != 3:
            raise ValueError(
                _("Each band must be (label, lowest, highest), but got {band}.").format(
                    band=repr(band)
                )
            )
        label, low, high = band
        if not isinstance(label, str) or not label.strip():
            raise ValueError(
                _("Each band needs a label in words, but got {label}.").format(label=repr(label))
            )
        for end in (low, high):
            if isinstance(end, bool) or not isinstance(end, numbers.Integral):
                raise ValueError(
                    _(
                        "Band {label}: its ends must be whole numbers from 0 to 10, got {end}."
                    ).format(label=repr(label), end=repr(end))
                )
        low, high = int(low), int(high)
        if low != expected_low:
            raise ValueError(
                _(
                    "Band {label} starts at {low} but should start at {expected_low}: bands must "
                    "follow each other with no gap or overlap, starting at 0."
                ).format(label=repr(label), low=low, expected_low=expected_low)
            )
        if high < low:
            raise ValueError(
                _("Band {label} ends ({high}) before it starts ({low}).").format(
                    label=repr(label), high=high, low=low
                )
            )
        checked.append((label, low, high))
        expected_low = high + 1
    if expected_low != 11:
        raise ValueError(
            _("Bands must end at 10, but the last one ends at {number}.").format(
                number=expected_low - 1
            )
        )
    labels = [label for label, _, _ in checked]
    if len(set(labels)) != len(labels):
        raise ValueError(
            _("Band labels must be different from each other, got {labels}.").format(labels=labels)
        )
    return tuple(checked)


#: The band names of :data:`DEFAULT_BANDS` (English; :func:`band_words` gives them in words).
BAND_WORDS = {"none": "none", "mild": "mild", "moderate": "moderate", "severe": "severe"}


def band_words(label: str) -> str:
    """A band's label as a reader sees it, in the language in use (``"mild"`` -> ``"leve"``).

    :func:`nrs_band` and :func:`band_series` return the labels themselves (``"mild"``), which
    code compares; this is for showing them.
    """
    words = {
        "none": pgettext("pain band", "none"),
        "mild": pgettext("pain band", "mild"),
        "moderate": pgettext("pain band", "moderate"),
        "severe": pgettext("pain band", "severe"),
    }
    return words.get(label, label)


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
    value = _number(score, _("Pain score"), 0, 10)
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
        raise ValueError(
            _("Pain scores must be from 0 to 10, but got {value:g}.").format(value=bad.iloc[0])
        )
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
        _number(pain, _("PEG pain (P)"), 0, 10),
        _number(enjoyment, _("PEG enjoyment of life (E)"), 0, 10),
        _number(activity, _("PEG general activity (G)"), 0, 10),
    )
    return sum(items) / 3


#: Display names of the five PAINAD items, in the order of the scale.
PAINAD_LABELS: MappingProxyType[str, str] = MappingProxyType(
    {
        "breathing": N_("Breathing (not while speaking)"),
        "vocalization": N_("Unhappy sounds"),
        "face": N_("Face"),
        "body_language": N_("Body language"),
        "consolability": N_("Comforting"),
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
                0: N_("Breathing is even and easy, as usual for them."),
                1: N_(
                    "Now and then breathing looks like hard work, or there is a short spell "
                    "of fast, deep breaths."
                ),
                2: N_(
                    "Breathing is noisy and looks like hard work, with long spells of fast, "
                    "deep breaths, or breaths that swell and fade with pauses in between."
                ),
            }
        ),
        "vocalization": MappingProxyType(
            {
                0: N_("No sounds of distress."),
                1: N_(
                    "A moan or groan now and then, or quiet talk in a grumbling or unhappy tone."
                ),
                2: N_("Calls out in distress again and again, moans or groans loudly, or cries."),
            }
        ),
        "face": MappingProxyType(
            {
                0: N_("Face looks calm, blank or smiling."),
                1: N_("Looks sad or scared, or is frowning."),
                2: N_("Face is screwed up or twisted in a grimace."),
            }
        ),
        "body_language": MappingProxyType(
            {
                0: N_("Body is loose and at ease."),
                1: N_("Body is tense, or they fidget or pace about in a troubled way."),
                2: N_(
                    "Body is stiff, hands in fists or knees drawn up, pulls or pushes away, "
                    "or hits out."
                ),
            }
        ),
        "consolability": MappingProxyType(
            {
                0: N_("Does not need comforting."),
                1: N_("Settles when you talk to them or touch them, or can be distracted."),
                2: N_("Cannot be comforted, settled or distracted."),
            }
        ),
    }
)


def _painad_item(value: object, name: str) -> int:
    number = _number(value, _("PAINAD item '{name}'").format(name=name), 0, 2)
    if number != int(number):
        raise ValueError(
            _("PAINAD item '{name}' must be 0, 1 or 2, but got {number:g}.").format(
                name=name, number=number
            )
        )
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
#: The smallest rise, in points on the 0-10 scale, that :func:`change_category` calls
#: "worse" (together with a rise of 10% or more): one step of the 0-10 scale. This is the
#: workbook's own rule, not a published threshold: without it a low score that rises a
#: little (2.0 to 2.2, 10% more) would be called worse.
WORSE_MIN_POINTS = 1.0

# Percent and points are rounded to this many decimals before comparing with a threshold,
# so 7 vs 10 is exactly a 30% drop (not 29.999999999999996 from binary floating point).
_DECIMALS = 9


def percent_change(baseline: float, recent: float) -> float:
    """Percent change from ``baseline`` to ``recent`` on a 0-10 scale.

    ``100 * (recent - baseline) / baseline``: negative means less pain (-30.0 is a 30% drop),
    positive means more. A baseline of 0 is handled explicitly: 0 -> 0 is 0.0, and a rise
    from 0 is ``math.inf`` (any rise from no pain at all is an infinitely large percent).
    """
    base = _number(baseline, _("Baseline score"), 0, 10)
    now = _number(recent, _("Recent score"), 0, 10)
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
            text = _("Average {what} went up from {base} (no {what}) to {now}.")
        elif self.points < 0:
            text = _("Average {what} went down from {base} to {now} ({percent}% less).")
        elif self.points > 0:
            text = _("Average {what} went up from {base} to {now} ({percent}% more).")
        else:
            text = _("Average {what} stayed at {base}.")
        percent = "inf" if math.isinf(self.percent) else f"{abs(self.percent):.0f}"
        meaning = {
            "worse": _("This is a rise of 10% or more, and of 1 point or more."),
            "no meaningful change": _("This is less than a 10% change either way."),
            "minimal": _("This is a small but possibly noticeable drop (10-29%)."),
            "moderate": _(
                "This is a drop of 30% or more, which many people notice as a real improvement."
            ),
            "substantial": _("This is a drop of 50% or more, a large improvement."),
        }[self.category]
        if self.category == "no meaningful change" and self.percent >= 10:
            meaning = _("This is a rise of less than 1 point, too small to call worse.")
        amount = text.format(what=_(what), base=base, now=now, percent=percent)
        return f"{amount} {meaning}"


def change_category(baseline: float, recent: float) -> ChangeResult:
    """Judge a change in a 0-10 score (pain, or PEG) between a baseline and a recent period.

    Categories use the percent change, since a higher starting score needs a bigger change
    in points to feel the same (IMMPACT: Dworkin et al., *J Pain* 2008;9(2):105-121):

    - "substantial": a drop of 50% or more;
    - "moderate": a drop of 30% or more (and less than 50%);
    - "minimal": a drop of 10% or more (and less than 30%). IMMPACT calls 10-20% minimally
      important; drops of 20-29%, between its bands, are counted here too;
    - "worse": a rise of 10% or more AND of at least :data:`WORSE_MIN_POINTS` (1 point).
      IMMPACT does not define worsening. This is the workbook's own rule: the same 10% as
      the smallest important change, in the other direction, with a floor of one step on
      the 0-10 scale so that a small rise from a low score (2.0 to 2.2) is not "worse";
    - "no meaningful change": anything in between (a drop or rise of less than 10%, or a
      rise of less than 1 point).

    ``farrar_meaningful`` is True for a drop of at least 2 points or at least 30%, the
    change patients rated as "much improved" (Farrar et al., *Pain* 2001;94(2):149-158).

    Baseline 0: from 0 to 0 is "no meaningful change" (percent 0.0); a rise from 0 has
    percent ``math.inf`` and is "worse" from 1 point up.

    >>> change_category(6, 4).category
    'moderate'
    """
    base = _number(baseline, _("Baseline score"), 0, 10)
    now = _number(recent, _("Recent score"), 0, 10)
    percent = percent_change(base, now)
    points = round(now - base, _DECIMALS)
    drop = -percent
    category: ChangeCategory
    if percent >= WORSE_PERCENT and points >= WORSE_MIN_POINTS:
        category = "worse"
    elif percent >= WORSE_PERCENT:
        category = "no meaningful change"
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
