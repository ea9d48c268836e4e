"""Charts and reader-friendly tables for the workbook notebooks.

Every chart function returns a :class:`Chart`: a matplotlib ``Figure`` and a text
alternative, a plain-words description computed from the same numbers the chart shows
(for screen readers, and for anyone who prefers words). Charts are drawn on a bare
``matplotlib.figure.Figure`` (not ``pyplot``), so nothing is left open and nothing shows
twice in a notebook; they work in black and white (markers, hatching and line styles carry
the meaning, never colour alone) and use large fonts for phones.

The tables rename the engine's columns into everyday words and round numbers for reading.
All numbers come from :mod:`painbook.analysis`; nothing here is a new analysis, and the
texts describe what went together in the diary, never what caused what.
"""

from __future__ import annotations

import base64
import html as _html
import io
import math
from dataclasses import dataclass
from datetime import date as _date

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from painbook import analysis, dates, scales
from painbook.i18n import N_, _, ngettext, pgettext

__all__ = [
    "MEASURES",
    "Measure",
    "Chart",
    "text_bundle",
    "show_text",
    "day_label",
    "diary_overview",
    "daily_values",
    "describe_measure",
    "trend_chart",
    "weekly_table",
    "flare_table",
    "describe_flares",
    "helped_table",
    "progress_table",
    "progress_chart",
    "medication_table",
    "headache_table",
    "headache_chart",
    "headache_notes",
    "unsorted_medicines",
]

DateLike = str | _date | pd.Timestamp

# Sizes chosen to stay readable when an 800-pixel-wide chart is shrunk to a phone screen.
FIGSIZE = (8.0, 5.0)
DPI = 100
_TITLE_SIZE = 18
_LABEL_SIZE = 16
_TICK_SIZE = 15
_LEGEND_SIZE = 14
_DARK = "0.15"
_GREY = "0.45"
_LIGHT = "0.8"


@dataclass(frozen=True)
class Measure:
    """One thing a diary records, as the notebooks talk about it.

    ``column``: the column of :func:`painbook.analysis.daily` holding the day's value;
    ``label``: a short name for menus and chart axes; ``noun``: the words used in sentences;
    ``unit``: text after a number (" hours" for sleep, "" for 0-10 scores); ``top``: the
    highest value on the scale (the chart's axis goes at least that high).
    """

    key: str
    column: str
    label: str
    noun: str
    unit: str = ""
    top: float = 10.0


#: The measures the explorer and the charts know, by key (the diary's own column names, plus
#: ``peg`` for the PEG score of Krebs et al., *J Gen Intern Med* 2009;24(6):733-738).
MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("pain", "mean_pain", N_("Pain (0-10)"), N_("pain (average of the day)")),
        Measure("worst", "worst", N_("Worst pain (0-10)"), N_("worst pain of the day")),
        Measure(
            "sleep_hours",
            "sleep_hours",
            N_("Hours of sleep"),
            N_("hours of sleep"),
            N_(" hours"),
            10,
        ),
        Measure(
            "mood", "mood", N_("Mood (0 low - 10 good)"), N_("mood (0 very low, 10 very good)")
        ),
        Measure(
            "enjoyment_interference",
            "enjoyment_interference",
            N_("PEG: enjoyment (0-10)"),
            N_("how much pain got in the way of enjoying life (PEG)"),
        ),
        Measure(
            "activity_interference",
            "activity_interference",
            N_("PEG: activity (0-10)"),
            N_("how much pain got in the way of general activity (PEG)"),
        ),
        Measure("peg", "peg", N_("PEG score (0-10)"), N_("PEG score (pain, enjoyment, activity)")),
    )
}


@dataclass(frozen=True)
class Chart:
    """A chart and its text alternative.

    ``figure`` is a matplotlib Figure; ``text`` describes in plain words what the chart
    shows, computed from the data. :meth:`show` puts both in a notebook.
    """

    figure: Figure
    text: str

    def png(self) -> bytes:
        """The chart as PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
        return buffer.getvalue()

    def mimebundle(self) -> dict[str, str]:
        """The chart as notebook output data: a PNG image with the text as plain text."""
        return {
            "image/png": base64.b64encode(self.png()).decode("ascii"),
            "text/plain": self.text,
        }

    def scroll_html(self) -> str:
        """The chart as HTML: the image (its text as alt text) in a box that scrolls sideways.

        On a phone the image keeps at least 600 px, so its labels stay readable, and the box
        scrolls instead of the page; on a laptop it is as wide as the notebook (up to 1000 px).
        """
        data = base64.b64encode(self.png()).decode("ascii")
        return (
            '<div class="painbook-chart painbook-scroll" style="overflow-x: auto; '
            'max-width: 100%;"><img src="data:image/png;base64,'
            f'{data}" alt="{_html.escape(self.text, quote=True)}" style="min-width: 600px; '
            'width: 100%; max-width: 1000px; height: auto;"></div>'
        )

    def show(self) -> None:
        """Show the chart in a notebook, then its text alternative below it (as text).

        Inside Jupyter the chart is :meth:`scroll_html`; on the book's web page (a book build,
        :func:`painbook.workbook.in_book_build`) it is the PNG image itself, which the book's
        pages lay out and describe with the cell's alt text.
        """
        from IPython.display import display

        from painbook.workbook import in_book_build

        if in_book_build():
            display(self.mimebundle(), raw=True)
        else:
            display({"text/html": self.scroll_html(), "text/plain": self.text}, raw=True)
        show_text(self.text)

    def _ipython_display_(self) -> None:
        """A chart as the last line of a cell shows as :meth:`show` does."""
        self.show()


def text_bundle(*lines: str, bullets: bool = False) -> dict[str, str]:
    """Sentences as notebook output data: plain text, and HTML paragraphs (or a list).

    On a book page the HTML wraps to the width of the screen, where printed text would run
    off the side of a phone. Everything is HTML-escaped (a diary note such as ``<b>`` shows
    as written). Lines are split further at line breaks.
    """
    parts = [part for line in lines for part in str(line).splitlines() if part.strip()]
    plain = "\n".join(f"- {p}" if bullets else p for p in parts)
    if bullets:
        items = "".join(f"<li>{_html.escape(p)}</li>" for p in parts)
        html = f'<ul class="painbook-text">{items}</ul>'
    else:
        paragraphs = "".join(f"<p>{_html.escape(p)}</p>" for p in parts)
        html = f'<div class="painbook-text">{paragraphs}</div>'
    return {"text/plain": plain, "text/html": html}


def show_text(*lines: str, bullets: bool = False) -> None:
    """Show sentences in a notebook as wrapped paragraphs (or a bulleted list)."""
    from IPython.display import display

    display(text_bundle(*lines, bullets=bullets), raw=True)


# --------------------------------------------------------------------------- small helpers


def day_label(stamp: DateLike) -> str:
    """A date as people write it: ``3 Mar 2025``."""
    return dates.day_month_year(pd.Timestamp(stamp))


def _span_label(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return day_label(start)
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.day}-{end.day} {dates.month_year(end, short=True)}"
        return _("{first} to {last}").format(first=dates.day_month(start), last=day_label(end))
    return _("{first} to {last}").format(first=day_label(start), last=day_label(end))


def _days_n(n: int) -> str:
    """ "1 day", "3 days" in the language in use."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


#: The size of a change (:func:`painbook.scales.change_category`) in the progress table.
_CATEGORIES = {
    "worse": lambda: pgettext("change", "worse"),
    "no meaningful change": lambda: pgettext("change", "no meaningful change"),
    "minimal": lambda: pgettext("change", "minimal"),
    "moderate": lambda: pgettext("change", "moderate"),
    "substantial": lambda: pgettext("change", "substantial"),
}


def _category(name: str) -> str:
    return _CATEGORIES[name]() if name in _CATEGORIES else _tr(name)


def _tr(text: object) -> str:
    """One of painbook's own words (a measure, a category) in the language in use."""
    return _(text) if isinstance(text, str) and text else ("" if text is None else str(text))


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def _measure(measure: str) -> Measure:
    if measure not in MEASURES:
        raise ValueError(
            _("Unknown measure {measure}. Choose one of: {choices}.").format(
                measure=repr(measure), choices=", ".join(MEASURES)
            )
        )
    return MEASURES[measure]


def _bounds(
    df: pd.DataFrame, start: DateLike | None, end: DateLike | None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The period (first day, last day); missing ends default to the diary's first/last day."""
    days = df["date"].dropna().dt.normalize()
    if (start is None or end is None) and days.empty:
        raise ValueError(_("The diary has no entries yet, so there is nothing to show."))
    first = analysis.as_day(start, N_("Start date")) if start is not None else days.min()
    last = analysis.as_day(end, N_("End date")) if end is not None else days.max()
    if last < first:
        raise ValueError(
            _(
                "The end date ({last}) is before the start date ({first}). Swap the two dates."
            ).format(last=day_label(last), first=day_label(first))
        )
    return pd.Timestamp(first), pd.Timestamp(last)


def _within(df: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    days = df["date"].dt.normalize()
    return df[(days >= start) & (days <= end)]


def _round1(values: pd.Series) -> pd.Series:
    """Round to 1 decimal exactly as the engine's texts print numbers (``f"{x:.1f}"``), so a
    table and a sentence about the same number always agree."""
    return values.astype("float64").map(lambda v: v if math.isnan(v) else float(f"{v:.1f}"))


def _number(value: float, unit: str = "") -> str:
    return f"{value:.1f}{unit}"


def _style_axes(ax: Axes, ylabel: str) -> None:
    ax.set_ylabel(ylabel, fontsize=_LABEL_SIZE)
    ax.tick_params(labelsize=_TICK_SIZE)
    ax.grid(axis="y", color=_LIGHT, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _date_axis(ax: Axes, span: int) -> None:
    """Readable date ticks: Mondays for short periods, months, then years."""
    if span <= 200:
        interval = 1 if span <= 45 else 2
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO, interval=interval))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: dates.day_month(mdates.num2date(x)))
        )
    elif span <= 800:
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=1 if span <= 400 else 2))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: dates.month_year(mdates.num2date(x), short=True))
        )
    else:
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _legend_below(fig: Figure, ax: Axes, ncols: int, last: tuple[str, ...] = ()) -> None:
    """The legend under the chart, where it never hides a point or a bar.

    Labels in ``last`` (reference lines) come after the things they are compared with.
    """
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i] in last)
    handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    fig.legend(
        handles,
        labels,
        loc="outside lower center",
        ncols=min(ncols, len(labels)),
        fontsize=_LEGEND_SIZE,
        frameon=False,
    )


def _new_figure(figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes]:
    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    return fig, fig.add_subplot()


# --------------------------------------------------------------------------- diary overview


def diary_overview(df: pd.DataFrame) -> str:
    """One sentence about a diary: entries, days, first and last day, and the file name."""
    day = analysis.daily(df)
    source = df.attrs.get("source")
    if day.empty:
        if source:
            return _("The diary from {source} has no entries yet.").format(source=source)
        return _("The diary has no entries yet.")
    first, last = day.index.min(), day.index.max()
    span = (last - first).days + 1
    n = len(df)
    if source:
        entries = ngettext("Read {n} entry from {source}", "Read {n} entries from {source}", n)
    else:
        entries = ngettext("Read {n} entry", "Read {n} entries", n)
    return _("{entries}: {days} with entries between {first} and {last} ({span} in all).").format(
        entries=entries.format(n=n, source=source),
        days=_days_n(len(day)),
        first=day_label(first),
        last=day_label(last),
        span=_days_n(span),
    )


# --------------------------------------------------------------------------- one measure


def daily_values(
    df: pd.DataFrame,
    measure: str = "pain",
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> pd.Series:
    """The day's value of ``measure`` for every calendar day of the period (NaN: no value).

    Days are from :func:`painbook.analysis.daily` (a day's pain is the mean of its ratings).
    ``start`` and ``end`` default to the diary's first and last day.
    """
    spec = _measure(measure)
    first, last = _bounds(df, start, end)
    day = analysis.daily(_within(df, first, last))
    index = pd.date_range(first, last, freq="D", name="date")
    return day[spec.column].reindex(index).rename(spec.key)


def _smooth(values: pd.Series, window: int = 7) -> pd.Series:
    """Centred rolling mean over calendar days, the rule of :func:`painbook.analysis.trend`:
    given only when more than half the window (4 of 7 days) has values."""
    return values.rolling(window, center=True, min_periods=window // 2 + 1).mean()


def _flares_in(df: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Flares of the whole diary (the rule looks back 14 days) that touch the period."""
    found = analysis.flares(df)
    return found[(found["end"] >= start) & (found["start"] <= end)].reset_index(drop=True)


def describe_measure(
    df: pd.DataFrame,
    measure: str = "pain",
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> str:
    """The text alternative of :func:`trend_chart`: the period in plain words.

    Says how many days have a value, the average, the first and last week (when the period
    is 14 days or longer), the highest and lowest day and, for pain, the flares.
    """
    spec = _measure(measure)
    first, last = _bounds(df, start, end)
    values = daily_values(df, measure, first, last).dropna()
    noun = _(spec.noun)
    period = _("from {first} to {last}").format(first=day_label(first), last=day_label(last))
    if values.empty:
        return _("No {noun} was recorded {period}.").format(noun=noun, period=period)
    unit = _tr(spec.unit)
    text = _("Chart of {noun} each day {period}, with a 7-day average line.").format(
        noun=noun, period=period
    )
    text += (
        " "
        + ngettext(
            "{n} day with a value; average {average}.",
            "{n} days with a value; average {average}.",
            len(values),
        ).format(n=len(values), average=_number(values.mean(), unit))
        + " "
    )
    if (last - first).days >= 13:
        early = values[values.index <= first + pd.Timedelta(days=6)]
        late = values[values.index >= last - pd.Timedelta(days=6)]
        if len(early) and len(late):
            a, b = early.mean(), late.mean()
            way = _tr(analysis.start_to_end(a, b))
            text += _(
                "First week: {first} ({first_days}); last week: {last} ({last_days}): {way}. "
            ).format(
                first=_number(a, unit),
                first_days=_days_n(len(early)),
                last=_number(b, unit),
                last_days=_days_n(len(late)),
                way=way,
            )
    text += _("Highest day: {high} on {high_day}. Lowest day: {low} on {low_day}.").format(
        high=_number(values.max(), unit),
        high_day=day_label(values.idxmax()),
        low=_number(values.min(), unit),
        low_day=day_label(values.idxmin()),
    )
    if measure == "pain":
        found = _flares_in(df, first, last)
        if len(found):
            spans = ", ".join(_span_label(r.start, r.end) for r in found.itertuples())
            text += " " + ngettext(
                "Hatched bands mark {n} flare: {spans}.",
                "Hatched bands mark {n} flares: {spans}.",
                len(found),
            ).format(n=len(found), spans=spans)
        else:
            text += " " + _("No flares in this period.")
    return text


def trend_chart(
    df: pd.DataFrame,
    measure: str = "pain",
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Chart:
    """Each day's value (open circles) and its 7-day average (solid line) over a period.

    For pain, flares (:func:`painbook.analysis.flares`) are hatched bands. ``start`` and
    ``end`` default to the diary's first and last day. The y axis runs from 0 to 10 (or
    higher for long sleep).
    """
    spec = _measure(measure)
    first, last = _bounds(df, start, end)
    values = daily_values(df, measure, first, last)
    smooth = _smooth(values)
    fig, ax = _new_figure()
    x = values.index.to_numpy()
    flare_rows = _flares_in(df, first, last) if measure == "pain" else None
    if flare_rows is not None:
        for i, row in enumerate(flare_rows.itertuples()):
            ax.axvspan(
                max(row.start, first) - pd.Timedelta(hours=12),
                min(row.end, last) + pd.Timedelta(hours=12),
                facecolor="none",
                edgecolor=_GREY,
                hatch="///",
                linewidth=0,
                label=_("flare") if i == 0 else None,
            )
    ax.plot(
        x,
        values.to_numpy(),
        linestyle="none",
        color=_GREY,
        marker="o",
        markersize=6,
        markerfacecolor="white",
        markeredgecolor=_GREY,
        markeredgewidth=1.3,
        label=_("each day"),
    )
    ax.plot(x, smooth.to_numpy(), color=_DARK, linewidth=3, label=_("7-day average"))
    top = spec.top
    if values.notna().any():
        top = max(top, math.ceil(float(values.max())) + 1)
    ax.set_ylim(0, top)
    ax.set_xlim(first - pd.Timedelta(days=1), last + pd.Timedelta(days=1))
    _date_axis(ax, (last - first).days)
    label = _(spec.label)
    _style_axes(ax, label)
    ax.set_title(
        f"{label.split(' (')[0]}, {_span_label(first, last)}",
        fontsize=_TITLE_SIZE,
        loc="left",
    )
    _legend_below(fig, ax, ncols=3)
    return Chart(fig, describe_measure(df, measure, first, last))


# --------------------------------------------------------------------------- weekly table

#: Headings of the weekly table's pain-band columns ({span}: the band's scores, "1-4").
_BAND_DAYS = {
    "none": N_("No-pain days ({span})"),
    "mild": N_("Mild days ({span})"),
    "moderate": N_("Moderate days ({span})"),
    "severe": N_("Severe days ({span})"),
}


def weekly_table(
    df: pd.DataFrame,
    measure: str = "pain",
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> pd.DataFrame:
    """One row per week (Monday to Sunday) of the period, in everyday words.

    For ``pain`` the numbers are :func:`painbook.analysis.summary`'s: days with entries,
    average and middle value of daily pain, the worst pain written down, and the number of
    days in each pain band (Serlin et al. 1995). For other measures: days with a value, the
    average, lowest and highest day. The index is the week's Monday (``3 Mar 2025``).
    """
    spec = _measure(measure)
    first, last = _bounds(df, start, end)
    part = _within(df, first, last)
    if measure == "pain":
        weeks = analysis.summary(part)
        out = pd.DataFrame(
            {
                _("Days"): weeks["days"].to_numpy(),
                _("Average pain"): _round1(weeks["mean"]).to_numpy(),
                _("Middle value"): _round1(weeks["median"]).to_numpy(),
                _("Worst pain written"): _round1(weeks["worst"]).to_numpy(),
            },
            index=pd.Index([day_label(d) for d in weeks.index], name=_("Week from")),
        )
        for label, low, high in scales.DEFAULT_BANDS:
            span = f"{low}" if low == high else f"{low}-{high}"
            if label in _BAND_DAYS:
                heading = _(_BAND_DAYS[label]).format(span=span)
            else:
                heading = f"{label.capitalize()} days ({span})"
            out[heading] = weeks[f"days_{label}"].to_numpy()
        return out
    values = daily_values(df, measure, first, last).dropna()
    weeks = values.groupby(values.index.to_period("W-SUN"), sort=True)
    index = pd.PeriodIndex(weeks.size().index, freq="W-SUN")
    unit = f" ({_(spec.unit).strip()})" if spec.unit else ""
    return pd.DataFrame(
        {
            _("Days"): weeks.size().to_numpy().astype("int64"),
            _("Average") + unit: _round1(weeks.mean()).to_numpy(),
            _("Lowest day") + unit: _round1(weeks.min()).to_numpy(),
            _("Highest day") + unit: _round1(weeks.max()).to_numpy(),
        },
        index=pd.Index([day_label(p.start_time) for p in index], name=_("Week from")),
    )


# --------------------------------------------------------------------------- flares


def flare_table(df: pd.DataFrame) -> pd.DataFrame:
    """The diary's flares (:func:`painbook.analysis.flares`) in everyday words."""
    found = analysis.flares(df)
    return pd.DataFrame(
        {
            _("First day"): [day_label(d) for d in found["start"]],
            _("Last day"): [day_label(d) for d in found["end"]],
            _("Days"): found["days"].to_numpy(),
            _("Highest daily pain"): _round1(found["peak"]).to_numpy(),
            _("Usual level before"): _round1(found["usual"]).to_numpy(),
        },
        index=pd.RangeIndex(1, len(found) + 1, name=_("Flare")),
    )


def describe_flares(df: pd.DataFrame) -> str:
    """The flares in plain sentences, one line each, with the notes written that day."""
    found = analysis.flares(df)
    if found.empty:
        return _("No flares: no day was 2 or more points above the usual level and 5 or more.")
    notes = df.loc[df["notes"].notna(), ["date", "notes"]] if "notes" in df else None
    lines = [
        ngettext("{n} flare in this diary.", "{n} flares in this diary.", len(found)).format(
            n=len(found)
        )
    ]
    for i, row in enumerate(found.itertuples(), start=1):
        text = _(
            "Flare {i}: {span} ({days}). Highest daily pain {peak}; usual level before {usual}."
        ).format(
            i=i,
            span=_span_label(row.start, row.end),
            days=_days_n(row.days),
            peak=f"{row.peak:.1f}",
            usual=f"{row.usual:.1f}",
        )
        if notes is not None:
            same_day = notes[notes["date"].dt.normalize() == row.start]["notes"]
            if len(same_day):
                text += " " + _("Note that day: {notes}").format(
                    notes=" ".join(f'"{n}"' for n in same_day)
                )
        lines.append(text)
    return "\n".join(lines)


# --------------------------------------------------------------------------- helped / worsened


def helped_table(df: pd.DataFrame) -> pd.DataFrame:
    """What helped and what made it worse (:func:`painbook.analysis.helped_worsened`).

    Pain on the days each item was written compared with the other days, with the days
    behind each number; "few days" marks comparisons resting on fewer than 5 days.
    """
    table = analysis.helped_worsened(df)
    return pd.DataFrame(
        {
            _("Listed under"): table["list"].map(
                {"helped": _("helped"), "worsened": _("made it worse")}
            ),
            _("Item"): table["item"],
            _("Days with it"): table["days_with"],
            _("Pain those days"): _round1(table["mean_pain_with"]),
            _("Other days"): table["days_without"],
            _("Pain other days"): _round1(table["mean_pain_without"]),
            _("Few days?"): np.where(table["small_sample"], _("few days"), ""),
        }
    ).set_index([_("Listed under"), _("Item")])


# --------------------------------------------------------------------------- progress


def progress_table(
    df: pd.DataFrame,
    baseline: tuple[DateLike, DateLike] | None = None,
    recent: tuple[DateLike, DateLike] | None = None,
) -> pd.DataFrame:
    """:func:`painbook.analysis.progress` in everyday words, one row per measure.

    Averages are rounded to 1 decimal. "Change (points)" is worked out from those rounded
    averages, so it can be checked by hand; the percent change, the size of the change (the
    IMMPACT percent bands, Dworkin et al. 2008) and whether patients notice it (about 2 points
    or 30% less, Farrar et al. 2001) come from the engine's exact numbers. The headings say
    what each column means in plain words, without the sources' names.
    """
    table = analysis.progress(df, baseline=baseline, recent=recent)
    names = {"pain": _("Pain"), "PEG": pgettext("heading", "PEG score")}
    percent = [
        "" if math.isnan(p) else (_("up from 0") if math.isinf(p) else f"{p:+.0f}%")
        for p in table["percent"]
    ]
    return pd.DataFrame(
        {
            _("Baseline"): [
                f"{_span_label(s, e)} ({_days_n(n)})"
                for s, e, n in zip(
                    table["baseline_start"],
                    table["baseline_end"],
                    table["baseline_days"],
                    strict=True,
                )
            ],
            _("Baseline average"): _round1(table["baseline_mean"]).to_numpy(),
            _("Recent"): [
                f"{_span_label(s, e)} ({_days_n(n)})"
                for s, e, n in zip(
                    table["recent_start"], table["recent_end"], table["recent_days"], strict=True
                )
            ],
            _("Recent average"): _round1(table["recent_mean"]).to_numpy(),
            # From the rounded averages shown, so a reader can check it by hand (6.0 - 3.7 =
            # 2.3); the percent and the group use the exact numbers.
            _("Change (points)"): _round1(
                _round1(table["recent_mean"]) - _round1(table["baseline_mean"])
            ).to_numpy(),
            _("Change (%)"): percent,
            _("Size of the change"): [_category(c) for c in table["category"].fillna("")],
            _("A change patients notice? (2 points or 30% less)"): [
                "" if v is None else (_("yes") if v else _("no"))
                for v in table["farrar_meaningful"]
            ],
        },
        index=pd.Index([names.get(m, m) for m in table["measure"]], name=_("Measure")),
    )


def progress_chart(
    df: pd.DataFrame,
    baseline: tuple[DateLike, DateLike] | None = None,
    recent: tuple[DateLike, DateLike] | None = None,
) -> Chart:
    """Baseline and recent averages side by side, for pain and (if recorded) the PEG score.

    Hatched bars: baseline; solid bars: recent; a dashed line over each pair marks 30% less
    than the baseline (a moderate improvement, IMMPACT; Dworkin et al. 2008). Periods as in
    :func:`painbook.analysis.progress` (default: the first and last 14 days).
    """
    table = analysis.progress(df, baseline=baseline, recent=recent)
    names = {"pain": _("Pain"), "PEG": pgettext("heading", "PEG score")}
    fig, ax = _new_figure()
    width = 0.36
    first = table.iloc[0]
    base_label = _("Baseline: {span}").format(
        span=_span_label(first["baseline_start"], first["baseline_end"])
    )
    recent_label = _("Recent: {span}").format(
        span=_span_label(first["recent_start"], first["recent_end"])
    )
    less = _("30% less than baseline")
    texts = []
    for i, row in enumerate(table.itertuples()):
        for offset, value, style in (
            (-width / 2, row.baseline_mean, {"facecolor": "white", "hatch": "//"}),
            (width / 2, row.recent_mean, {"facecolor": "0.35"}),
        ):
            if math.isnan(value):
                continue
            bars = ax.bar(
                i + offset,
                value,
                width,
                edgecolor=_DARK,
                linewidth=1.5,
                label=(base_label if offset < 0 else recent_label) if i == 0 else None,
                **style,
            )
            ax.bar_label(
                bars,
                labels=[f"{value:.1f}"],
                padding=4,
                fontsize=_LABEL_SIZE,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
            )
        if not math.isnan(row.baseline_mean):
            target = 0.7 * row.baseline_mean
            ax.hlines(
                target,
                i - width - 0.05,
                i + width + 0.05,
                colors=_DARK,
                linestyles="dashed",
                linewidth=2,
                label=less if i == 0 else None,
            )
        texts.append(row.description)
    ax.set_xticks(range(len(table)), [names.get(m, m) for m in table["measure"]])
    ax.set_xlim(-0.7, len(table) - 0.3)
    ax.set_ylim(0, 11)
    _style_axes(ax, _("Average of daily values (0-10)"))
    ax.tick_params(axis="x", labelsize=_LABEL_SIZE)
    ax.set_title(_("Baseline and recent averages"), fontsize=_TITLE_SIZE, loc="left")
    _legend_below(fig, ax, ncols=2, last=(less,))
    text = (
        _(
            "Bar chart of the average at the baseline (hatched bars) and recently (solid bars), "
            "with a dashed line at 30% less than the baseline."
        )
        + " "
        + " ".join(texts)
    )
    return Chart(fig, text)


# --------------------------------------------------------------------------- headache months


def medication_table(df: pd.DataFrame) -> pd.DataFrame:
    """Each medicine as written in the diary, with its days and entries
    (:func:`painbook.analysis.medications`); most days first."""
    meds = analysis.medications(df)
    return pd.DataFrame(
        {_("Days"): meds["days"].to_numpy(), _("Entries"): meds["entries"].to_numpy()},
        index=pd.Index(meds["medication"].tolist(), name=_("Medicine, as written")),
    )


def headache_table(months: pd.DataFrame) -> pd.DataFrame:
    """The month table of :func:`painbook.analysis.headache_month` in everyday words."""
    return pd.DataFrame(
        {
            _("Days recorded"): months["days_recorded"].to_numpy(),
            _("Headache days"): months["headache_days"].to_numpy(),
            _("Days with acute medicine"): months["acute_medication_days"].to_numpy(),
            _("Triptan, ergot, opioid or combination days"): months["triptan_like_days"].to_numpy(),
            _("Simple pain reliever days"): months["simple_analgesic_days"].to_numpy(),
            _("High counts, months in a row"): months["months_in_a_row"].to_numpy(),
            _("Talk with your doctor"): np.where(months["talk_with_doctor"], _("yes"), ""),
        },
        index=pd.Index([dates.month_year(m) for m in months.index], name=_("Month")),
    )


def headache_notes(months: pd.DataFrame) -> list[str]:
    """Each month's note (:func:`painbook.analysis.headache_month`), after the month's name:
    "January 2025: Talk with your doctor: ..." (for :func:`show_text`)."""
    return [f"{dates.month_year(month)}: {note}" for month, note in months["note"].items()]


def unsorted_medicines(months: pd.DataFrame) -> str:
    """The sentence naming the medicines :func:`painbook.analysis.headache_month` could not
    sort into a group (or "none")."""
    names = months.attrs.get("unmatched_medications", [])
    return _("Medicines the workbook could not sort: {names}.").format(
        names=", ".join(names) or _("none")
    )


def headache_chart(months: pd.DataFrame) -> Chart:
    """Headache days and days with acute medicine, month by month.

    ``months`` is the table from :func:`painbook.analysis.headache_month`. Hatched bars:
    headache days; solid bars: days with acute headache medicine; a dashed line at 15 days
    (the headache-day count in ICHD-3 8.2). Months with the "talk with your doctor" flag
    (headache on 15 or more days) are labelled above their bars.
    """
    fig, ax = _new_figure()
    width = 0.38
    x = np.arange(len(months))
    head = ax.bar(
        x - width / 2,
        months["headache_days"],
        width,
        facecolor="white",
        edgecolor=_DARK,
        hatch="//",
        linewidth=1.5,
        label=_("headache days"),
    )
    meds = ax.bar(
        x + width / 2,
        months["acute_medication_days"],
        width,
        facecolor="0.35",
        edgecolor=_DARK,
        linewidth=1.5,
        label=_("days with acute medicine"),
    )
    ax.bar_label(head, padding=2, fontsize=_TICK_SIZE)
    ax.bar_label(meds, padding=2, fontsize=_TICK_SIZE)
    fifteen = _("15 days")
    ax.axhline(15, color=_DARK, linestyle="dashed", linewidth=2, label=fifteen)
    for i, flag in enumerate(months["talk_with_doctor"]):
        if flag:
            ax.annotate(
                _("talk with\nyour doctor"),
                (i, float(months["headache_days"].iloc[i]) + 2.5),
                ha="center",
                va="bottom",
                fontsize=_LEGEND_SIZE,
                fontweight="bold",
            )
    ax.set_xticks(x, [dates.month_year(m, short=True) for m in months.index])
    ax.set_xlim(-0.6, len(months) - 0.4)
    ax.set_ylim(0, 35)
    _style_axes(ax, _("Days in the month"))
    ax.tick_params(axis="x", labelsize=_LABEL_SIZE)
    ax.set_title(_("Headache days and medicine days"), fontsize=_TITLE_SIZE, loc="left")
    _legend_below(fig, ax, ncols=2, last=(fifteen,))
    return Chart(fig, _describe_headache(months))


def _describe_headache(months: pd.DataFrame) -> str:
    if months.empty:
        return _("No months with entries yet.")
    first, last = months.index.min(), months.index.max()
    text = _(
        "Bar chart of headache days (hatched) and days with acute headache medicine (solid) "
        "in each month from {first} to {last}, with a dashed line at 15 days."
    ).format(first=dates.month_year(first), last=dates.month_year(last))
    text += " " + " ".join(
        ngettext(
            "{month}: headache on {headache} of {recorded} days recorded, acute medicine on "
            "{n} day.",
            "{month}: headache on {headache} of {recorded} days recorded, acute medicine on "
            "{n} days.",
            row.acute_medication_days,
        ).format(
            month=dates.month_year(month),
            headache=row.headache_days,
            recorded=row.days_recorded,
            n=row.acute_medication_days,
        )
        for month, row in zip(months.index, months.itertuples(), strict=True)
    )
    flagged = months[months["talk_with_doctor"]]
    if len(flagged):
        names = [dates.month_year(month) for month in flagged.index]
        if len(names) == 1:
            listed = names[0]
        else:
            listed = _("{items} and {last}").format(items=", ".join(names[:-1]), last=names[-1])
        text += " " + _(
            "Headache on 15 or more days in {months}: a reason to talk with your doctor "
            "now, not a diagnosis."
        ).format(months=listed)
    return text
