"""What a pain diary shows: daily and weekly numbers, trend, flares, patterns, progress.

Every function takes the diary DataFrame that :func:`painbook.diary.read_diary` returns (see
the DataFrame contract: ``date`` column of midnight datetimes, 0-10 scores as floats with NaN
for missing, ``;``-separated list columns as text) and returns a new DataFrame; nothing is
changed in place. Counts (days, entries) are always part of the result, so it is visible when
a number rests on only a few days.

Texts returned by these functions describe what went together in the diary ("on days with
X, pain averaged ... (n days)"). They never say that one thing caused another: a diary cannot
show that.

A "day" is a calendar day with at least one entry. A day's pain is the mean of that day's
``pain`` ratings, so a day with three entries counts as much as a day with one.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from datetime import date as _date
from typing import Any, Literal

import numpy as np
import pandas as pd

from painbook import dates, scales
from painbook.i18n import N_, _, language, ngettext, pgettext

__all__ = [
    "daily",
    "summary",
    "trend",
    "flares",
    "helped_worsened",
    "relations",
    "progress",
    "medications",
    "classify_medication",
    "headache_month",
    "MEDICATION_CLASSES",
    "TRIPTAN_LIKE",
    "SIMPLE_ANALGESIC",
    "painad_totals",
    "painad_by_context",
    "as_day",
    "start_to_end",
]

DateLike = str | _date | pd.Timestamp
Period = tuple[DateLike, DateLike]

_DAILY_MEANS = ("enjoyment_interference", "activity_interference", "sleep_hours", "mood")
_EMPTY_DATES = pd.DatetimeIndex([], dtype="datetime64[ns]", name="date")


# --------------------------------------------------------------------------- helpers


def _check(df: object, needed: Sequence[str] = ("date", "pain")) -> pd.DataFrame:
    """Check ``df`` is a diary table with the ``needed`` columns; return it without attrs."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(
            f"Expected a diary table (a pandas DataFrame from read_diary), got {type(df).__name__}."
        )
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(
            f"The diary table has no column {missing[0]!r}. Load the diary with "
            "painbook.diary.read_diary, which adds every standard column."
        )
    if "date" in needed and not pd.api.types.is_datetime64_any_dtype(df["date"]):
        raise ValueError(
            "The 'date' column holds text, not dates. Load the diary with "
            "painbook.diary.read_diary, which turns the dates into real dates."
        )
    # A new frame over the same data, without df.attrs: pandas deep-copies attrs (such as
    # read_diary's list of file line numbers) on every operation, which made a long diary
    # ten times slower to analyse.
    return pd.DataFrame(df, copy=False)


def _days(df: pd.DataFrame) -> pd.Series:
    """Each row's calendar day (midnight), as datetime64[ns]."""
    return df["date"].dt.normalize().astype("datetime64[ns]")


def start_to_end(first: float, last: float) -> str:
    """Words for how a measure moved between the first and the last week of a period.

    Within half a point either way it is "about the same": the charts' text describes, it does
    not judge. Whether a change matters is for :func:`progress`, which uses the clinically
    important change of about 2 points or 30% (Farrar et al. 2001) and IMMPACT's bands
    (Dworkin et al. 2008).
    """
    if last <= first - 0.5:
        return _("lower at the end than at the start")
    if last >= first + 0.5:
        return _("higher at the end than at the start")
    return _("about the same at the end as at the start")


def as_day(value: DateLike, what: str) -> pd.Timestamp:
    """``value`` as a day (midnight); a ValueError naming ``what`` when it is not a date."""
    shown = _(what) if what else what
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValueError(
            _("{what}: {value} is not a date. Write dates like 2026-03-01.").format(
                what=shown, value=repr(value)
            )
        ) from err
    if stamp is pd.NaT:
        raise ValueError(_("{what} is missing. Write dates like 2026-03-01.").format(what=shown))
    return stamp.normalize()


#: The two periods of :func:`progress`, as named in its messages: (period, its start, its end).
_PERIOD_NAMES = {
    "baseline": (
        N_("The baseline period"),
        N_("The baseline period start"),
        N_("The baseline period end"),
    ),
    "recent": (
        N_("The recent period"),
        N_("The recent period start"),
        N_("The recent period end"),
    ),
}


def _message_day(stamp: pd.Timestamp) -> str:
    """A day in a message: 2025-03-03 in English (as always), 3 mar 2025 in Spanish."""
    return f"{stamp:%Y-%m-%d}" if language() == "en" else dates.day_month_year(stamp)


def _period(value: Period, which: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    name, start_name, end_name = _PERIOD_NAMES[which]
    what = _(name)
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
        raise ValueError(
            _("{what} must be a pair of dates (first day, last day), got {value}.").format(
                what=what, value=repr(value)
            )
        )
    start, end = as_day(value[0], start_name), as_day(value[1], end_name)
    if end < start:
        raise ValueError(
            _("{what} ends ({end}) before it starts ({start}). Swap the two dates.").format(
                what=what, end=_message_day(end), start=_message_day(start)
            )
        )
    return start, end


def _split_items(values: pd.Series) -> pd.DataFrame:
    """Split a ``;``-separated list column into one row per item.

    Returns columns ``row`` (the original index label), ``item`` (as written, trimmed) and
    ``key`` (lower case, single spaces) for matching "Heat" with "heat ".
    """
    text = values.dropna().astype("string")
    parts = text.str.split(";").explode()
    parts = parts.dropna().astype("string").str.strip()
    parts = parts[parts != ""]
    key = parts.str.replace(r"\s+", " ", regex=True).str.casefold()
    return pd.DataFrame({"row": parts.index, "item": parts.to_numpy(), "key": key.to_numpy()})


def _first_spelling(items: pd.DataFrame) -> pd.Series:
    """Map each item key to the first way the person wrote it."""
    first = items.drop_duplicates("key")
    return pd.Series(first["item"].to_numpy(), index=first["key"].to_numpy(), dtype="object")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- daily & summary


def daily(df: pd.DataFrame) -> pd.DataFrame:
    """One row per day with entries, in date order (index: ``date``).

    Columns:

    - ``mean_pain``: mean of the day's ``pain`` ratings;
    - ``worst``: highest pain of the day, from ``pain`` and ``worst``;
    - ``least``: lowest pain of the day, from ``pain`` and ``least``;
    - ``entries``: number of entries that day;
    - ``enjoyment_interference``, ``activity_interference``, ``sleep_hours``, ``mood``: the
      day's mean of each (NaN when not recorded);
    - ``peg``: the day's PEG score, the mean of ``mean_pain``, ``enjoyment_interference``
      and ``activity_interference`` when all three are recorded (Krebs et al., *J Gen Intern
      Med* 2009;24(6):733-738; the PEG asks about the past week, so a daily value is a
      day-by-day stand-in).
    """
    df = _check(df)
    frame = pd.DataFrame({"date": _days(df), "pain": df["pain"].astype("float64")})
    worst_parts = [frame["pain"]]
    least_parts = [frame["pain"]]
    if "worst" in df.columns:
        worst_parts.append(df["worst"].astype("float64"))
    if "least" in df.columns:
        least_parts.append(df["least"].astype("float64"))
    frame["_worst"] = pd.concat(worst_parts, axis=1).max(axis=1)
    frame["_least"] = pd.concat(least_parts, axis=1).min(axis=1)
    extra = [c for c in _DAILY_MEANS if c in df.columns]
    for column in extra:
        frame[column] = df[column].astype("float64")
    grouped = frame.groupby("date", sort=True)
    out = pd.DataFrame(
        {
            "mean_pain": grouped["pain"].mean(),
            "worst": grouped["_worst"].max(),
            "least": grouped["_least"].min(),
            "entries": grouped.size().astype("int64"),
        }
    )
    for column in _DAILY_MEANS:
        out[column] = grouped[column].mean() if column in extra else np.nan
    out["peg"] = out[["mean_pain", "enjoyment_interference", "activity_interference"]].mean(
        axis=1, skipna=False
    )
    if out.empty:
        out.index = _EMPTY_DATES
    out.index.name = "date"
    return out


_FREQS = {"W": "W-SUN", "MS": "M"}


def summary(
    df: pd.DataFrame,
    freq: Literal["W", "MS"] = "W",
    bands: Sequence[scales.Band] = scales.DEFAULT_BANDS,
) -> pd.DataFrame:
    """Weekly (``freq="W"``, Monday to Sunday) or monthly (``freq="MS"``) numbers.

    One row per week or month that has entries (index: ``start``, its first day). Columns:
    ``end`` (last day), ``mean`` and ``median`` of daily pain (each day counts once),
    ``worst`` (highest pain recorded), ``entries``, ``days`` (days with entries),
    ``period_days`` (days in the week or month), ``entries_per_day``, and for each NRS band
    ``days_<band>`` and ``share_<band>`` (share of days, 0-1) with the day's mean pain in
    that band (:func:`painbook.scales.band_series`; default bands Serlin et al. 1995).
    """
    df = _check(df)
    if freq not in _FREQS:
        raise ValueError(f'freq must be "W" (weekly) or "MS" (monthly), got {freq!r}.')
    checked = scales.validate_bands(bands)
    labels = [label for label, _, _ in checked]
    day = daily(df)
    periods = day.index.to_period(_FREQS[freq])
    grouped = day.groupby(periods, sort=True)
    out = pd.DataFrame(
        {
            "mean": grouped["mean_pain"].mean(),
            "median": grouped["mean_pain"].median(),
            "worst": grouped["worst"].max(),
            "entries": grouped["entries"].sum().astype("int64"),
            "days": grouped.size().astype("int64"),
        }
    )
    band = scales.band_series(day["mean_pain"], checked)
    counts = pd.crosstab(periods, band.to_numpy(), dropna=False).reindex(
        index=out.index, columns=labels, fill_value=0
    )
    index = pd.PeriodIndex(out.index)
    out.insert(0, "end", index.end_time.normalize().astype("datetime64[ns]"))
    out["period_days"] = (index.end_time.normalize() - index.start_time).days.to_numpy() + 1
    out["entries_per_day"] = out["entries"] / out["days"]
    for label in labels:
        out[f"days_{label}"] = counts[label].to_numpy().astype("int64")
    for label in labels:
        out[f"share_{label}"] = out[f"days_{label}"] / out["days"]
    out.index = pd.DatetimeIndex(index.start_time.astype("datetime64[ns]"), name="start")
    return out


def trend(df: pd.DataFrame, window: int = 7, min_periods: int | None = None) -> pd.DataFrame:
    """Smoothed daily pain: a centred rolling mean over calendar days.

    Index: every calendar day from the first to the last entry. Columns: ``mean_pain``
    (NaN on days with no entry), ``trend`` (mean of the days with entries within
    ``window`` days centred on this day, e.g. 3 before and 3 after for 7) and
    ``days_in_window`` (how many days with entries that mean rests on).

    Rule: ``trend`` is given only when at least ``min_periods`` days in the window have
    entries; the default is more than half the window (4 of 7), so a lone entry among empty
    days does not make a trend. ``window`` must be an odd number of days so it can be centred.
    """
    df = _check(df)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1 or window % 2 == 0:
        raise ValueError(f"window must be an odd whole number of days (e.g. 7), got {window!r}.")
    if min_periods is None:
        min_periods = window // 2 + 1
    if not 1 <= min_periods <= window:
        raise ValueError(f"min_periods must be from 1 to {window}, got {min_periods!r}.")
    pain = daily(df)["mean_pain"]
    if pain.empty:
        return pd.DataFrame(
            {"mean_pain": [], "trend": [], "days_in_window": []}, index=_EMPTY_DATES
        ).astype({"days_in_window": "int64"})
    full = pain.asfreq("D")
    rolling = full.rolling(window, center=True, min_periods=min_periods)
    present = full.notna().astype("int64").rolling(window, center=True, min_periods=1).sum()
    out = pd.DataFrame(
        {"mean_pain": full, "trend": rolling.mean(), "days_in_window": present.astype("int64")}
    )
    out.index.name = "date"
    return out


def flares(
    df: pd.DataFrame,
    *,
    lookback: int = 14,
    min_rise: float = 2.0,
    min_level: float = 5.0,
    min_history: int = 7,
) -> pd.DataFrame:
    """Flares: days, or runs of days in a row, well above the person's own recent level.

    Rule (this workbook's, written down so it can be checked and changed): a day is a flare
    day when its mean pain is

    - at least ``min_rise`` (2) points above the person's usual level, the median of daily
      mean pain over the ``lookback`` (14) calendar days before it (the day itself is left
      out; at least ``min_history`` (7) of those days must have entries, otherwise the day
      is not judged), and
    - at least ``min_level`` (5), so a move from 1 to 3 is not called a flare.

    Flare days on consecutive calendar days form one flare. The 2 points match the change
    Farrar et al. (*Pain* 2001;94(2):149-158) found meaningful to patients; 5 is where
    "moderate" starts in the default NRS bands (Serlin et al. 1995).

    Returns one row per flare: ``start``, ``end``, ``days``, ``peak`` (highest daily mean
    pain), ``peak_date``, ``usual`` (the usual level on the first day) and ``entries``.
    """
    df = _check(df)
    for name, value in (("lookback", lookback), ("min_history", min_history)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number of days, 1 or more, got {value!r}.")
    if min_history > lookback:
        raise ValueError(f"min_history ({min_history}) cannot be more than lookback ({lookback}).")
    columns = ["start", "end", "days", "peak", "peak_date", "usual", "entries"]
    day = daily(df)
    if day.empty:
        return _empty_flares(columns)
    full = day[["mean_pain", "entries"]].asfreq("D")
    pain = full["mean_pain"]
    usual = pain.shift(1).rolling(lookback, min_periods=min_history).median()
    flag = ((pain - usual) >= min_rise - 1e-9) & (pain >= min_level - 1e-9)
    if not flag.any():
        return _empty_flares(columns)
    run = (flag != flag.shift(fill_value=False)).cumsum()
    frame = pd.DataFrame(
        {
            "date": full.index,
            "pain": pain.to_numpy(),
            "usual": usual.to_numpy(),
            "entries": full["entries"].to_numpy(),
            "run": run.to_numpy(),
        }
    )[flag.to_numpy()]
    grouped = frame.groupby("run", sort=True)
    peak_rows = frame.loc[grouped["pain"].idxmax()]
    out = pd.DataFrame(
        {
            "start": grouped["date"].min().to_numpy(),
            "end": grouped["date"].max().to_numpy(),
            "days": grouped.size().to_numpy().astype("int64"),
            "peak": grouped["pain"].max().to_numpy(),
            "peak_date": peak_rows["date"].to_numpy(),
            "usual": grouped["usual"].first().to_numpy(),
            "entries": grouped["entries"].sum().to_numpy().astype("int64"),
        }
    )
    return out


def _empty_flares(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": pd.Series([], dtype="datetime64[ns]"),
            "end": pd.Series([], dtype="datetime64[ns]"),
            "days": pd.Series([], dtype="int64"),
            "peak": pd.Series([], dtype="float64"),
            "peak_date": pd.Series([], dtype="datetime64[ns]"),
            "usual": pd.Series([], dtype="float64"),
            "entries": pd.Series([], dtype="int64"),
        }
    )[columns]


# --------------------------------------------------------------------------- helped / worsened

#: Fewer days than this on either side of a comparison is flagged ``small_sample``.
SMALL_SAMPLE_DAYS = 5


def helped_worsened(df: pd.DataFrame, *, small: int = SMALL_SAMPLE_DAYS) -> pd.DataFrame:
    """For each thing written under ``helped`` or ``worsened``: pain on days with and without it.

    Items are matched ignoring case and extra spaces ("Heat" and "heat" are one item, shown
    as first written). A day counts as "with" an item if any entry that day lists it.

    Columns: ``list`` ("helped" or "worsened"), ``item``, ``days_with``, ``mean_pain_with``,
    ``days_without``, ``mean_pain_without`` (other days with entries), ``difference`` (with
    minus without), ``small_sample`` (True when either side has fewer than ``small`` (5)
    days) and ``description`` in plain words. Rows: ``helped`` first, then by days, most first.

    This compares days; it does not show what made pain go up or down.
    """
    df = _check(df)
    columns = [
        "list",
        "item",
        "days_with",
        "mean_pain_with",
        "days_without",
        "mean_pain_without",
        "difference",
        "small_sample",
        "description",
    ]
    pain = daily(df)["mean_pain"].dropna()
    total_days, total_sum = len(pain), float(pain.sum())
    days = _days(df)
    pieces = []
    for list_name in ("helped", "worsened"):
        if list_name not in df.columns:
            continue
        items = _split_items(df[list_name])
        if items.empty:
            continue
        spelling = _first_spelling(items)
        pairs = pd.DataFrame({"key": items["key"], "date": days.loc[items["row"]].to_numpy()})
        pairs = pairs.drop_duplicates()
        pairs["pain"] = pairs["date"].map(pain)
        pairs = pairs.dropna(subset=["pain"])
        grouped = pairs.groupby("key", sort=False)["pain"]
        part = pd.DataFrame({"days_with": grouped.size(), "sum_with": grouped.sum()})
        part["list"] = list_name
        part["item"] = spelling.reindex(part.index).to_numpy()
        pieces.append(part)
    if not pieces:
        out = pd.DataFrame({c: pd.Series([], dtype="object") for c in columns})
        return out.astype(
            {
                "days_with": "int64",
                "days_without": "int64",
                "mean_pain_with": "float64",
                "mean_pain_without": "float64",
                "difference": "float64",
                "small_sample": "bool",
            }
        )
    out = pd.concat(pieces).reset_index(drop=True)
    out["days_with"] = out["days_with"].astype("int64")
    out["days_without"] = (total_days - out["days_with"]).astype("int64")
    out["mean_pain_with"] = out["sum_with"] / out["days_with"]
    without = out["days_without"].replace(0, np.nan)
    out["mean_pain_without"] = (total_sum - out["sum_with"]) / without
    out["difference"] = out["mean_pain_with"] - out["mean_pain_without"]
    out["small_sample"] = (out["days_with"] < small) | (out["days_without"] < small)
    out["description"] = [
        _helped_text(*row, small=small)
        for row in zip(
            out["list"],
            out["item"],
            out["days_with"],
            out["mean_pain_with"],
            out["days_without"],
            out["mean_pain_without"],
            strict=True,
        )
    ]
    out["_order"] = (out["list"] == "worsened").astype(int)
    out = out.sort_values(["_order", "days_with", "item"], ascending=[True, False, True])
    return out[columns].reset_index(drop=True)


def _helped_text(
    list_name: str,
    item: str,
    days_with: int,
    mean_with: float,
    days_without: int,
    mean_without: float,
    *,
    small: int,
) -> str:
    if list_name == "helped":
        text = ngettext(
            "On the {n} day with '{item}' (listed under what helped), pain averaged {mean}",
            "On the {n} days with '{item}' (listed under what helped), pain averaged {mean}",
            days_with,
        )
    else:
        text = ngettext(
            "On the {n} day with '{item}' (listed under what made it worse), pain averaged {mean}",
            "On the {n} days with '{item}' (listed under what made it worse), pain averaged {mean}",
            days_with,
        )
    text = text.format(n=days_with, item=item, mean=f"{mean_with:.1f}")
    if days_without == 0:
        text += _("; it was listed on every day, so there are no other days to compare with.")
    else:
        text += ngettext(
            "; on the other {n} day it averaged {mean}.",
            "; on the other {n} days it averaged {mean}.",
            days_without,
        ).format(n=days_without, mean=f"{mean_without:.1f}")
    if days_with < small or 0 < days_without < small:
        text += " " + _(
            "Fewer than {small} days on one side, so this could easily be chance."
        ).format(small=small)
    return text


# --------------------------------------------------------------------------- relations

#: Fewer days with both values than this, and :func:`relations` gives no correlation.
MIN_RELATION_DAYS = 10

_RELATION_MEASURES = {
    "sleep_hours": (N_("sleep"), N_("after more sleep")),
    "mood": (N_("mood"), N_("with better mood")),
    "activity_interference": (
        N_("activity interference"),
        N_("when pain got more in the way of activity"),
    ),
}


def _spearman(x: pd.Series, y: pd.Series) -> float:
    """Spearman rank correlation (average ranks for ties); NaN if either side is constant."""
    rx = x.rank().to_numpy(dtype="float64")
    ry = y.rank().to_numpy(dtype="float64")
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denom = math.sqrt(float((rx * rx).sum()) * float((ry * ry).sum()))
    if denom == 0:
        return math.nan
    return float((rx * ry).sum() / denom)


#: The words for a pattern's strength in the language in use ("A weak pattern ...").
_STRENGTH_WORDS = {
    "weak": lambda: pgettext("pattern", "weak"),
    "moderate": lambda: pgettext("pattern", "moderate"),
    "strong": lambda: pgettext("pattern", "strong"),
}


def _strength(rho: float) -> str:
    size = abs(rho)
    if size < 0.1:
        return "no clear"
    if size < 0.3:
        return "weak"
    if size < 0.5:
        return "moderate"
    return "strong"


def relations(df: pd.DataFrame, *, min_days: int = MIN_RELATION_DAYS) -> pd.DataFrame:
    """How daily pain went along with sleep, mood and activity interference.

    For each of ``sleep_hours``, ``mood`` and ``activity_interference``: the Spearman rank
    correlation (rho, -1 to 1) between the day's mean pain and the day's mean of that
    measure, over ``n`` days where both were recorded. With fewer than ``min_days`` (10)
    such days, ``rho`` is NaN and the description says there is not enough data.

    Words for the size of rho follow Cohen's conventions (Cohen J. *Statistical Power
    Analysis for the Behavioral Sciences*, 2nd ed., 1988): under 0.1 "no clear", 0.1 "weak",
    0.3 "moderate", 0.5 or more "strong".

    Columns: ``measure``, ``n``, ``rho``, ``strength``, ``description``. A correlation shows
    that two things went together in the diary, not that one drives the other.
    """
    df = _check(df)
    day = daily(df)
    rows = []
    for measure, (label_en, phrase_en) in _RELATION_MEASURES.items():
        label, phrase = _(label_en), _(phrase_en)
        both = day[["mean_pain", measure]].dropna()
        n = len(both)
        rho, strength = math.nan, None
        if n < min_days:
            text = ngettext(
                "Not enough data yet: {n} day with both pain and {label} "
                "recorded; at least {min_days} are needed.",
                "Not enough data yet: {n} days with both pain and {label} "
                "recorded; at least {min_days} are needed.",
                n,
            ).format(n=n, label=label, min_days=min_days)
        else:
            rho = _spearman(both["mean_pain"], both[measure])
            if math.isnan(rho):
                text = _(
                    "No pattern can be worked out over {n} days: pain or {label} was the same "
                    "on every day."
                ).format(n=n, label=label)
            else:
                strength = _strength(rho)
                if strength == "no clear":
                    text = _(
                        "No clear pattern over {n} days (Spearman rho {rho}): pain was "
                        "about the same on days {phrase} as on other days."
                    ).format(n=n, rho=f"{rho:+.2f}", phrase=phrase)
                else:
                    if rho > 0:
                        template = _(
                            "A {strength} pattern over {n} days (Spearman rho {rho}): on days "
                            "{phrase}, pain tended to be higher. Things that go together "
                            "in a diary can have many explanations."
                        )
                    else:
                        template = _(
                            "A {strength} pattern over {n} days (Spearman rho {rho}): on days "
                            "{phrase}, pain tended to be lower. Things that go together "
                            "in a diary can have many explanations."
                        )
                    text = template.format(
                        strength=_STRENGTH_WORDS[strength](),
                        n=n,
                        rho=f"{rho:+.2f}",
                        phrase=phrase,
                    )
        rows.append(
            {"measure": measure, "n": n, "rho": rho, "strength": strength, "description": text}
        )
    out = pd.DataFrame(rows)
    out["n"] = out["n"].astype("int64")
    out["rho"] = out["rho"].astype("float64")
    return out


# --------------------------------------------------------------------------- progress


def _day(stamp: pd.Timestamp) -> str:
    """A day as people write it: 3 Mar 2025 (as on every page of the workbook)."""
    return dates.day_month_year(stamp)


#: Default length, in days, of the baseline and recent periods in :func:`progress`.
PROGRESS_DAYS = 14


def progress(
    df: pd.DataFrame,
    baseline: Period | None = None,
    recent: Period | None = None,
) -> pd.DataFrame:
    """Change in average pain (and PEG, if recorded) from a baseline period to a recent one.

    ``baseline`` and ``recent`` are (first day, last day) pairs, both days included. By
    default the baseline is the first 14 days of the diary and the recent period the last
    14. The periods may not overlap.

    Each period's value is the mean of its daily values (each day counts once). The change
    is judged by :func:`painbook.scales.change_category` (IMMPACT percent bands, Dworkin et
    al. 2008; Farrar et al. 2001 for ``farrar_meaningful``).

    One row for ``pain`` and, when the diary has PEG items on any day, one for ``PEG``.
    Columns: ``measure``, ``baseline_start``, ``baseline_end``, ``baseline_days``,
    ``baseline_mean``, ``recent_start``, ``recent_end``, ``recent_days``, ``recent_mean``,
    ``percent``, ``points``, ``category``, ``farrar_meaningful``, ``description``. When a
    period has no days with values, the numbers are NaN, ``category`` is None and the
    description says so.
    """
    df = _check(df)
    day = daily(df)
    defaults = baseline is None and recent is None
    if baseline is None or recent is None:
        if day.empty:
            raise ValueError(_("The diary has no entries, so there is nothing to compare yet."))
        first, last = day.index.min(), day.index.max()
        span = PROGRESS_DAYS - 1
        if baseline is None:
            baseline = (first, first + pd.Timedelta(days=span))
        if recent is None:
            recent = (last - pd.Timedelta(days=span), last)
    b_start, b_end = _period(baseline, "baseline")
    r_start, r_end = _period(recent, "recent")
    if r_start <= b_end and b_start <= r_end:
        if defaults:
            span = (day.index.max() - day.index.min()).days + 1
            needed = 2 * PROGRESS_DAYS
            covers = ngettext(
                "Your diary covers {n} day, from {first} to {last}.",
                "Your diary covers {n} days, from {first} to {last}.",
                span,
            ).format(n=span, first=_day(b_start), last=_day(r_end))
            needs = _(
                "To compare where you started with where you are now, it "
                "needs at least {needed} days: {days} at the start and "
                "{days} at the end."
            ).format(needed=needed, days=PROGRESS_DAYS)
            back = ngettext(
                "Keep writing, and come back in {n} day.",
                "Keep writing, and come back in {n} days.",
                needed - span,
            ).format(n=needed - span)
            raise ValueError(f"{covers} {needs} {back}")
        raise ValueError(
            _(
                "The baseline period ({b_first} to {b_last}) and the recent "
                "period ({r_first} to {r_last}) overlap. Choose periods that do "
                "not share any days."
            ).format(
                b_first=_day(b_start), b_last=_day(b_end), r_first=_day(r_start), r_last=_day(r_end)
            )
        )
    measures = [("pain", "mean_pain", N_("pain"))]
    if day["peg"].notna().any():
        measures.append(("PEG", "peg", N_("PEG score")))
    rows = []
    for measure, column, words in measures:
        values = day[column]
        base = values[(values.index >= b_start) & (values.index <= b_end)].dropna()
        now = values[(values.index >= r_start) & (values.index <= r_end)].dropna()
        row: dict[str, object] = {
            "measure": measure,
            "baseline_start": b_start,
            "baseline_end": b_end,
            "baseline_days": len(base),
            "baseline_mean": float(base.mean()) if len(base) else math.nan,
            "recent_start": r_start,
            "recent_end": r_end,
            "recent_days": len(now),
            "recent_mean": float(now.mean()) if len(now) else math.nan,
            "percent": math.nan,
            "points": math.nan,
            "category": None,
            "farrar_meaningful": None,
        }
        if len(base) and len(now):
            result = scales.change_category(row["baseline_mean"], row["recent_mean"])
            row.update(
                percent=result.percent,
                points=result.points,
                category=result.category,
                farrar_meaningful=result.farrar_meaningful,
            )
            text = _("{change} Based on {base} at the start and {now} recently.").format(
                change=result.describe(_(words)),
                base=ngettext("{n} day", "{n} days", len(base)).format(n=len(base)),
                now=ngettext("{n} day", "{n} days", len(now)).format(n=len(now)),
            )
            if min(len(base), len(now)) < 7:
                text += " " + _("Fewer than 7 days in a period, so read this with care.")
        else:
            if not len(base):
                start, end = b_start, b_end
                template = _(
                    "No {what} recorded in the baseline period ({first} to {last}), so no "
                    "comparison can be made."
                )
            else:
                start, end = r_start, r_end
                template = _(
                    "No {what} recorded in the recent period ({first} to {last}), so no "
                    "comparison can be made."
                )
            text = template.format(what=_(words), first=_message_day(start), last=_message_day(end))
        row["description"] = text
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in ("baseline_start", "baseline_end", "recent_start", "recent_end"):
        out[column] = out[column].astype("datetime64[ns]")
    return out


# --------------------------------------------------------------------------- medications


def medications(df: pd.DataFrame) -> pd.DataFrame:
    """Each medication as the person wrote it, with the number of days and entries.

    Names are matched ignoring case and extra spaces and shown as first written. Columns:
    ``medication``, ``days``, ``entries``; most days first. Nothing is added or judged.
    """
    df = _check(df, ("date",))
    columns = ["medication", "days", "entries"]
    if "medications" not in df.columns:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in columns}).astype(
            {"medication": "object"}
        )
    items = _split_items(df["medications"])
    if items.empty:
        return pd.DataFrame({c: pd.Series([], dtype="int64") for c in columns}).astype(
            {"medication": "object"}
        )
    spelling = _first_spelling(items)
    items["date"] = _days(df).loc[items["row"]].to_numpy()
    entries = items.drop_duplicates(["key", "row"]).groupby("key", sort=False).size()
    days = items.drop_duplicates(["key", "date"]).groupby("key", sort=False).size()
    out = pd.DataFrame(
        {
            "medication": spelling.reindex(days.index).to_numpy(),
            "days": days.to_numpy().astype("int64"),
            "entries": entries.reindex(days.index).to_numpy().astype("int64"),
        }
    )
    out = out.sort_values(["days", "medication"], ascending=[False, True])
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- headache diaries

#: Keywords for sorting acute headache medicines into the groups of ICHD-3 8.2
#: (Headache Classification Committee of the IHS, *Cephalalgia* 2018;38(1):1-211):
#: ergotamine (8.2.1), triptans (8.2.2), non-opioid analgesics (8.2.3, here "simple"),
#: opioids (8.2.4) and combination analgesics (8.2.5). A
#: medicine as the person wrote it belongs to a group when it contains the keyword, ignoring
#: case ("Sumatriptan" contains "triptan"). Edit a copy and pass it as
#: ``headache_month(..., acute_medications=...)`` to add the names a person uses. When one
#: name matches several groups, the first group in :data:`CLASS_ORDER` wins ("tylenol with
#: codeine" is an opioid). Names that match nothing are not counted, and are listed in
#: ``result.attrs["unmatched_medications"]`` so they can be added.
MEDICATION_CLASSES: Mapping[str, str] = {
    # triptans ("triptan" covers sumatriptan, rizatriptan, zolmitriptan, eletriptan, ...)
    "triptan": "triptan",
    "triptán": "triptan",  # Spanish: sumatriptán, rizatriptán, ...
    "imitrex": "triptan",
    "imigran": "triptan",
    "maxalt": "triptan",
    "zomig": "triptan",
    "relpax": "triptan",
    "amerge": "triptan",
    "naramig": "triptan",
    "axert": "triptan",
    "frova": "triptan",
    "treximet": "triptan",
    # ergots
    "ergotamine": "ergot",
    "ergotamina": "ergot",
    "ergot": "ergot",
    "cafergot": "ergot",
    "migranal": "ergot",
    # opioids
    "codeine": "opioid",
    "codeína": "opioid",
    "tramadol": "opioid",
    "oxycodone": "opioid",
    "oxicodona": "opioid",
    "hydrocodone": "opioid",
    "hidrocodona": "opioid",
    "morphine": "opioid",
    "morfina": "opioid",
    "hydromorphone": "opioid",
    "hidromorfona": "opioid",
    "tapentadol": "opioid",
    "fentanyl": "opioid",
    "fentanilo": "opioid",
    "butorphanol": "opioid",
    "butorfanol": "opioid",
    "percocet": "opioid",
    "vicodin": "opioid",
    # combination analgesics (ICHD-3 8.2.5: drugs of two or more classes in one product, or
    # an analgesic with an adjuvant such as caffeine). Caffeine alone is not an analgesic, so
    # it is not a keyword here: see CAFFEINE_ADJUVANTS.
    "excedrin": "combination",
    "fioricet": "combination",
    "fiorinal": "combination",
    "butalbital": "combination",
    # simple analgesics (paracetamol/acetaminophen, aspirin and other NSAIDs)
    "paracetamol": "simple",
    "acetaminophen": "simple",
    "acetaminofén": "simple",
    "acetaminofeno": "simple",
    "tylenol": "simple",
    "panadol": "simple",
    "aspirin": "simple",
    "ibuprofen": "simple",
    "advil": "simple",
    "motrin": "simple",
    "nurofen": "simple",
    "naproxen": "simple",
    "aleve": "simple",
    "diclofenac": "simple",
    "ketoprofen": "simple",
    "ketorolac": "simple",
    "celecoxib": "simple",
    "metamizole": "simple",
    "metamizol": "simple",
    "dipyrone": "simple",
    "dipirona": "simple",
}

#: Order in which groups win when one medication name matches several keywords.
CLASS_ORDER: tuple[str, ...] = ("triptan", "ergot", "opioid", "combination", "simple")
#: Groups counted together towards "10 or more days a month": ergotamine (ICHD-3 8.2.1),
#: triptans (8.2.2), opioids (8.2.4) and combination analgesics (8.2.5).
TRIPTAN_LIKE: frozenset[str] = frozenset({"triptan", "ergot", "opioid", "combination"})
#: The group counted towards "15 or more days a month": non-opioid analgesics (ICHD-3 8.2.3;
#: paracetamol/acetaminophen, aspirin and other NSAIDs, counted as one class).
SIMPLE_ANALGESIC = "simple"
#: Words for caffeine, an adjuvant: a non-opioid analgesic taken in one product with caffeine
#: ("aspirin with caffeine") is a combination analgesic (ICHD-3 8.2.5, note 1). Caffeine on its
#: own ("coffee", "caffeine") is not a headache medicine, and no group counts it.
CAFFEINE_ADJUVANTS: tuple[str, ...] = ("caffeine", "cafeína")

#: Headache days in a month from which the diary says to see a doctor now (ICHD-3 1.3 and
#: 8.2 both start from headache on 15 or more days a month).
HEADACHE_DAYS_MIN = 15
TRIPTAN_LIKE_DAYS_MIN = 10
SIMPLE_DAYS_MIN = 15
#: ICHD-3 8.2.6: several groups, none reaching its own count, on 10 or more days in all.
SEVERAL_GROUPS_DAYS_MIN = 10
#: ICHD-3 8.2 counts medicine use "for more than 3 months" before a diagnosis. The diary only
#: reports how many months in a row the counts were high; it never waits for this to say
#: "talk with your doctor".
MONTHS_MORE_THAN = 3


def classify_medication(
    name: str, acute_medications: Mapping[str, str] = MEDICATION_CLASSES
) -> str | None:
    """The group ("triptan", "simple", ...) of one medication as written, or None.

    Case-insensitive keyword match on the person's own words; see :data:`MEDICATION_CLASSES`.
    A simple analgesic written with caffeine ("acetaminophen + caffeine") is a combination
    analgesic (ICHD-3 8.2.5); caffeine alone matches no group.
    """
    text = str(name).casefold()
    found = {cls for key, cls in acute_medications.items() if key.casefold() in text}
    if not found:
        return None
    if found == {SIMPLE_ANALGESIC} and any(word in text for word in CAFFEINE_ADJUVANTS):
        return "combination"
    order = list(CLASS_ORDER) + sorted(found - set(CLASS_ORDER))
    return next(cls for cls in order if cls in found)


def headache_month(
    df: pd.DataFrame,
    acute_medications: Mapping[str, str] = MEDICATION_CLASSES,
    triptan_like: Collection[str] = TRIPTAN_LIKE,
) -> pd.DataFrame:
    """Monthly counts for a headache diary, with a "talk with your doctor" flag.

    Per calendar month with entries (index: ``month``, its first day):

    - ``days_recorded``: days with entries;
    - ``headache_days``: days with any pain above 0 (``pain`` or ``worst``);
    - ``acute_medication_days``: days with any medication matched to a group;
    - ``triptan_like_days``: days with a triptan, ergot, opioid or combination analgesic
      (the groups in ``triptan_like``);
    - ``simple_analgesic_days``: days with a simple analgesic (paracetamol/acetaminophen,
      aspirin, other NSAIDs);
    - ``groups_used``: how many medicine groups were taken in the month;
    - ``meets_monthly_counts``: headache on 15 or more days AND one of: triptan-like medicines
      on 10 or more days (ICHD-3 8.2.1, 8.2.2, 8.2.4, 8.2.5); non-opioid analgesics on 15 or
      more days (8.2.3); two or more groups on 10 or more days in all (8.2.6);
    - ``months_in_a_row``: how many calendar months in a row, up to this one, meet the counts;
    - ``talk_with_doctor``: True in every month with headache on 15 or more days, whatever
      the medicine counts and however many months in a row: that many headache days is a
      reason to see a doctor now. The "more than 3 months" of ICHD-3 1.3 (chronic migraine)
      and 8.2 is part of a diagnosis, not a time to wait;
    - ``note``: a plain-words note for the month.

    The counts follow the criteria for medication-overuse headache in ICHD-3 8.2 (Headache
    Classification Committee of the International Headache Society, *Cephalalgia*
    2018;38(1):1-211). The flag is a reason to talk with a doctor, NEVER a diagnosis: only a
    clinician can diagnose medication-overuse headache, and a diary may miss doses or days.
    Not covered: ICHD-3 8.2.7 (use that cannot be verified) and 8.2.8 (other medicines).
    Medicines are grouped by the editable keyword mapping ``acute_medications`` (see
    :data:`MEDICATION_CLASSES`).
    """
    df = _check(df)
    for key, cls in acute_medications.items():
        if not isinstance(key, str) or not key.strip() or not isinstance(cls, str):
            raise ValueError(f"Medication keywords and groups must be text, got {key!r}: {cls!r}.")
    triptan_like = frozenset(triptan_like)
    day = daily(df)
    days = _days(df)
    meds = df["medications"] if "medications" in df.columns else pd.Series([], dtype="string")
    items = _split_items(meds)
    groups = {key: classify_medication(key, acute_medications) for key in pd.unique(items["key"])}
    items["group"] = items["key"].map(groups).astype("object")
    items["month"] = pd.DatetimeIndex(days.loc[items["row"]].to_numpy()).to_period("M")
    items["date"] = days.loc[items["row"]].to_numpy()
    unmatched = _first_spelling(items[items["group"].isna()])
    taken = items.dropna(subset=["group"])

    def day_set(mask: pd.Series) -> pd.Index:
        return pd.DatetimeIndex(taken.loc[mask, "date"].unique())

    triptan_days = day_set(taken["group"].isin(triptan_like))
    simple_days = day_set(taken["group"] == SIMPLE_ANALGESIC)
    acute_days = day_set(taken["group"].isin(triptan_like | {SIMPLE_ANALGESIC}))

    frame = pd.DataFrame(index=day.index)
    frame["headache"] = day["worst"] > 0
    frame["acute"] = frame.index.isin(acute_days)
    frame["triptan"] = frame.index.isin(triptan_days)
    frame["simple"] = frame.index.isin(simple_days)
    month = frame.index.to_period("M")
    grouped = frame.groupby(month, sort=True)
    out = pd.DataFrame(
        {
            "days_recorded": grouped.size(),
            "headache_days": grouped["headache"].sum(),
            "acute_medication_days": grouped["acute"].sum(),
            "triptan_like_days": grouped["triptan"].sum(),
            "simple_analgesic_days": grouped["simple"].sum(),
        }
    ).astype("int64")
    taken_groups = items.dropna(subset=["group"])
    used = taken_groups.groupby("month")["group"].nunique()
    out["groups_used"] = used.reindex(out.index, fill_value=0).astype("int64")
    out["meets_monthly_counts"] = (out["headache_days"] >= HEADACHE_DAYS_MIN) & (
        (out["triptan_like_days"] >= TRIPTAN_LIKE_DAYS_MIN)
        | (out["simple_analgesic_days"] >= SIMPLE_DAYS_MIN)
        | ((out["groups_used"] >= 2) & (out["acute_medication_days"] >= SEVERAL_GROUPS_DAYS_MIN))
    )
    ordinal = np.array([p.ordinal for p in out.index], dtype="int64")
    meets = out["meets_monthly_counts"].to_numpy()
    streak = np.zeros(len(out), dtype="int64")
    for i in range(len(out)):  # one step per month: at most a few hundred
        if meets[i]:
            follows = i > 0 and meets[i - 1] and ordinal[i] - ordinal[i - 1] == 1
            streak[i] = streak[i - 1] + 1 if follows else 1
    out["months_in_a_row"] = streak
    out["talk_with_doctor"] = out["headache_days"] >= HEADACHE_DAYS_MIN
    out["note"] = [_headache_note(row) for row in out.itertuples()]
    out.index = pd.DatetimeIndex(pd.PeriodIndex(out.index).start_time, name="month").astype(
        "datetime64[ns]"
    )
    out.attrs["unmatched_medications"] = sorted(unmatched.tolist(), key=str.casefold)
    return out


def _headache_note(row: Any) -> str:
    def days(n: int) -> str:
        return ngettext("{n} day", "{n} days", n).format(n=n)

    counts = _(
        "headache on {headache} of {recorded} recorded; "
        "triptan, ergot, opioid or combination medicines on "
        "{triptan}; simple pain relievers on {simple}"
    ).format(
        headache=days(row.headache_days),
        recorded=row.days_recorded,
        triptan=days(row.triptan_like_days),
        simple=days(row.simple_analgesic_days),
    )
    if not row.talk_with_doctor:
        return _("This month: {counts}.").format(counts=counts)
    note = _(
        "Talk with your doctor: {counts}. Headache on 15 or more days in a month is a "
        "reason to see your doctor now. Do not wait to see if it goes on."
    ).format(counts=counts)
    if row.meets_monthly_counts:
        if row.months_in_a_row == 1:
            high = _("The medicine days are high too.")
        else:
            high = _("The medicine days are high too, {n} months in a row.").format(
                n=row.months_in_a_row
            )
        note += (
            " "
            + high
            + " "
            + _(
                "Doctors look at this when they check "
                "whether medicines for headache are making headaches worse."
            )
        )
    return note + " " + _("This is a reason to talk, not a diagnosis.")


# --------------------------------------------------------------------------- PAINAD logs

_PAINAD_COLUMNS = tuple(scales.PAINAD_ITEMS)


def painad_totals(observations: pd.DataFrame) -> pd.Series:
    """PAINAD total (0-10) for each row of an observation log; <NA> if an item is missing.

    Same rule as :func:`painbook.scales.painad` (Warden et al. 2003), vectorised. Raises
    ValueError if an item is not 0, 1 or 2.
    """
    observations = _check(observations, ("date", *_PAINAD_COLUMNS))
    items = observations[list(_PAINAD_COLUMNS)].apply(pd.to_numeric).astype("Float64")
    valid = items.isin([0, 1, 2]).fillna(False) | items.isna()
    bad = ~valid.to_numpy(dtype=bool)
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        value = items.iat[i, j]
        raise ValueError(
            _(
                "Observation {n}, PAINAD item '{item}': {value} is not 0, 1 "
                "or 2. Each PAINAD item is scored 0, 1 or 2."
            ).format(n=i + 1, item=items.columns[j], value=f"{value:g}")
        )
    total = items.sum(axis=1, skipna=False).astype("Int64")
    return total.rename("painad")


def painad_by_context(observations: pd.DataFrame) -> pd.DataFrame:
    """Average PAINAD total in each context (resting, bathing, moving, ...), with counts.

    Contexts are matched ignoring case; rows with no context are grouped as "(not noted)".
    Columns: ``observations``, ``mean``, ``highest``; most observations first. PAINAD should
    be observed during activity as well as at rest (Warden et al. 2003).
    """
    total = painad_totals(observations)
    if "context" in observations.columns:
        context = observations["context"].astype("string").str.strip().str.casefold()
        context = context.fillna("(not noted)").replace("", "(not noted)")
    else:
        context = pd.Series("(not noted)", index=observations.index)
    frame = pd.DataFrame({"context": context.to_numpy(), "total": total.astype("float64")})
    frame = frame.dropna(subset=["total"])
    grouped = frame.groupby("context")["total"]
    out = pd.DataFrame(
        {"observations": grouped.size(), "mean": grouped.mean(), "highest": grouped.max()}
    )
    out["observations"] = out["observations"].astype("int64")
    return out.sort_values(["observations", "mean"], ascending=[False, False])
