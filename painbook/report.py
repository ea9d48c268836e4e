"""The one-page visit summary: a pain diary turned into a page to bring to the doctor.

:func:`visit_summary` returns one self-contained HTML5 document: the styles are inline, the
chart is an inline SVG drawn here (no matplotlib needed, nothing loaded from anywhere, no
scripts), and everything the person wrote is HTML-escaped, so a note such as
``<script>`` shows as text. It is laid out to print on one A4 or Letter page (10.5pt text,
a chart about 6 cm high, lists cut to the top 5 with a count of what was left out).

The numbers describe what was written down. They do not say what caused what.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from painbook import analysis, scales
from painbook import dates as _dates
from painbook.i18n import N_, _, language, ngettext, pgettext

__all__ = ["visit_summary", "save_visit_summary", "progress_problem", "TOP_N", "MAX_QUESTIONS"]

#: How many items each list on the page shows (the rest are counted, not listed).
TOP_N = 5
#: How many of the person's questions the page lists. The five first-visit questions
#: (chapter 7) come first, so the page leaves room for a few of the person's own.
MAX_QUESTIONS = 8
#: Days at the end of the period compared with the baseline in "Progress".
RECENT_DAYS = 14
#: Periods longer than this many days are charted by week instead of by day.
DAILY_CHART_MAX_DAYS = 200

_CSS = """
@page { size: auto; margin: 10mm }
* { box-sizing: border-box }
html { font: 10.5pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; background: #fff }
body { margin: 0 auto; max-width: 190mm; padding: 4mm }
h1 { font-size: 15pt; margin: 0 }
h2 { font-size: 11pt; margin: 6pt 0 2pt; padding-bottom: 1pt; border-bottom: 1px solid #888 }
p { margin: 2pt 0 }
ul, ol { margin: 1pt 0; padding-left: 14pt }
li { margin: 0 0 1pt }
.meta { color: #333; margin-bottom: 4pt }
.cols { columns: 2; column-gap: 7mm }
h2, thead { break-after: avoid }
li, tr, p { break-inside: avoid }
.cols h2:first-child { margin-top: 3pt }
figure { margin: 4pt 0 0 }
figure svg { display: block; width: 100%; height: 4.6cm }
figcaption, .note, .more { font-size: 9pt; color: #333 }
.few { font-style: italic }
table { border-collapse: collapse; width: 100%; margin: 1pt 0 3pt; font-size: 9.5pt }
th, td { text-align: left; vertical-align: top; padding: 0.5pt 4pt 0.5pt 0 }
th { border-bottom: 1px solid #bbb }
td.n, th + th { text-align: right; white-space: nowrap }
footer { margin-top: 6pt; font-size: 8.5pt; color: #444; border-top: 1px solid #888;
  padding-top: 2pt }
@media print {
  body { max-width: none; padding: 0 }
  h2 { break-after: avoid }
  figure { break-inside: avoid }
  html { font-size: 10pt }
}
"""


# --------------------------------------------------------------------------- small helpers


def _day(stamp: pd.Timestamp) -> str:
    return _dates.day_month_year(stamp)


def _days_n(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _text(value: object) -> str:
    """HTML-escape anything the person wrote (or anything at all) for the page."""
    return escape(str(value), quote=True)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def _more(n_left: int, what: str) -> str:
    """'and 1 more item not shown' / 'and 3 more items not shown'; `what` is "item" or
    "medicine"."""
    if n_left <= 0:
        return ""
    if what == "medicine":
        words = ngettext(
            "and {n} more medicine not shown (see the diary).",
            "and {n} more medicines not shown (see the diary).",
            n_left,
        )
    else:
        words = ngettext(
            "and {n} more item not shown (see the diary).",
            "and {n} more items not shown (see the diary).",
            n_left,
        )
    return f'<p class="more">{_text(words.format(n=n_left))}</p>'


# --------------------------------------------------------------------------- the chart


def _chart(day: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, str]:
    """Return (svg, text alternative) for the pain-over-time chart."""
    full = day["mean_pain"].reindex(pd.date_range(start, end, freq="D", name="date"))
    by_week = len(full) > DAILY_CHART_MAX_DAYS
    if by_week:
        points = full.resample("W-SUN").mean()
        unit = "week"
    else:
        points = full
        unit = "day"
    if unit == "week":
        legend_points = _("average pain each week (0-10)")
        legend_line = _("7-week average")
    else:
        legend_points = _("average pain each day (0-10)")
        legend_line = _("7-day average")
    smooth = points.rolling(7, center=True, min_periods=4).mean()
    description = _describe_trend(day["mean_pain"], unit)

    width, height = 700.0, 230.0
    left, right, top, bottom = 34.0, 10.0, 22.0, 26.0
    span_days = max((end - start).days, 1)

    def x(stamp: pd.Timestamp) -> float:
        return left + (width - left - right) * ((stamp - start).days / span_days)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / 10)

    parts = [
        f'<svg viewBox="0 0 {width:g} {height:g}" role="img" '
        'aria-labelledby="chart-title chart-desc" focusable="false">',
        '<title id="chart-title">' + _text(_("Pain over time")) + "</title>",
        f'<desc id="chart-desc">{_text(description)}</desc>',
        '<g font-size="11" fill="#222">',
    ]
    for level in range(0, 11, 2):
        yy = y(level)
        parts.append(
            f'<line x1="{left:g}" x2="{width - right:g}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="{"#555" if level == 0 else "#ddd"}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 6:g}" y="{yy + 4:.1f}" text-anchor="end">{level}</text>')
    for stamp, label in _ticks(start, end):
        xx = x(stamp)
        parts.append(
            f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{height - bottom:g}" '
            f'y2="{height - bottom + 4:g}" stroke="#555"/>'
        )
        parts.append(
            f'<text x="{xx:.1f}" y="{height - 8:g}" text-anchor="middle">{_text(label)}</text>'
        )
    parts.append("</g>")
    for stamp, value in points.dropna().items():
        parts.append(f'<circle cx="{x(stamp):.1f}" cy="{y(value):.1f}" r="2.2" fill="#777"/>')
    for segment in _segments(smooth):
        coords = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in segment.items())
        if len(segment) == 1:
            stamp, value = next(iter(segment.items()))
            parts.append(
                f'<circle cx="{x(stamp):.1f}" cy="{y(value):.1f}" r="2.5" fill="#0b3d91"/>'
            )
        else:
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="#0b3d91" stroke-width="2.5" '
                'stroke-linejoin="round"/>'
            )
    legend_x = left + 6
    parts.append(
        f'<g font-size="11" fill="#222"><circle cx="{legend_x:g}" cy="10" r="2.5" fill="#777"/>'
        f'<text x="{legend_x + 7:g}" y="14">{_text(legend_points)}</text>'
        f'<line x1="{legend_x + 220:g}" x2="{legend_x + 245:g}" y1="10" y2="10" '
        'stroke="#0b3d91" stroke-width="2.5"/>'
        f'<text x="{legend_x + 251:g}" y="14">{_text(legend_line)}</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts), description


def _segments(series: pd.Series) -> list[pd.Series]:
    """Split a series into runs without NaN, so gaps stay gaps in the line."""
    present = series.notna()
    run = (present != present.shift(fill_value=False)).cumsum()
    return [part for _, part in series[present].groupby(run[present])]


def _ticks(start: pd.Timestamp, end: pd.Timestamp) -> list[tuple[pd.Timestamp, str]]:
    span = (end - start).days
    if span <= 45:
        stamps = pd.date_range(start, end, freq="W-MON")
        return [(s, _dates.day_month(s)) for s in stamps]
    months = pd.date_range(start, end, freq="MS")
    if len(months) > 24:
        years = pd.date_range(start, end, freq="YS")
        step = max(1, math.ceil(len(years) / 12))
        return [(s, f"{s:%Y}") for s in years[::step]]
    step = max(1, math.ceil(len(months) / 12))
    ticks = []
    for i, s in enumerate(months[::step]):
        shown = _dates.month_year(s, short=True) if i == 0 or s.month == 1 else _dates.month(s)
        ticks.append((s, shown))
    return ticks


def _describe_trend(pain: pd.Series, unit: str) -> str:
    """The chart in words: start, end, direction, highest and lowest day."""
    pain = pain.dropna()
    if pain.empty:
        return _("No pain ratings in this period.")
    first_day, last_day = pain.index.min(), pain.index.max()
    early = pain[pain.index < first_day + pd.Timedelta(days=7)]
    late = pain[pain.index > last_day - pd.Timedelta(days=7)]
    high_day, low_day = pain.idxmax(), pain.idxmin()
    if unit == "week":
        template = _(
            "Chart of average pain each week (0 to 10) from {first} to {last}, with a "
            "7-week average line."
        )
    else:
        template = _(
            "Chart of average pain each day (0 to 10) from {first} to {last}, with a "
            "7-day average line."
        )
    text = template.format(first=_day(first_day), last=_day(last_day)) + " "
    if (last_day - first_day).days >= 13:
        a, b = early.mean(), late.mean()
        way = analysis.start_to_end(a, b)
        text += _(
            "In the first week pain averaged {first} ({first_days}) and in "
            "the last week {last} ({last_days}): {way}. "
        ).format(
            first=f"{a:.1f}",
            first_days=_days_n(len(early)),
            last=f"{b:.1f}",
            last_days=_days_n(len(late)),
            way=way,
        )
    text += _("Highest day: {high} on {high_day}. Lowest day: {low} on {low_day}.").format(
        high=f"{pain.max():.1f}",
        high_day=_day(high_day),
        low=f"{pain.min():.1f}",
        low_day=_day(low_day),
    )
    return text


# --------------------------------------------------------------------------- sections


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_text(title)}</h2>{body}</section>"


def _pain_section(day: pd.DataFrame, df: pd.DataFrame, flares: pd.DataFrame) -> str:
    pain = day["mean_pain"].dropna()
    bands = scales.band_series(pain)
    counts = bands.value_counts().reindex([b[0] for b in scales.DEFAULT_BANDS], fill_value=0)
    band_text = ", ".join(
        f"{_band(label)} {n} ({_percent(n / len(pain))})" for label, n in counts.items() if n
    )
    items = [
        "<li>"
        + _("Average daily pain <b>{average}</b> (middle value {middle}), over {days}.").format(
            average=f"{pain.mean():.1f}", middle=f"{pain.median():.1f}", days=_days_n(len(pain))
        )
        + "</li>",
        "<li>" + _("Days by average pain: {bands}.").format(bands=band_text) + "</li>",
    ]
    if len(flares):
        starts = ", ".join(_day(s) for s in flares["start"].head(TOP_N))
        if len(flares) > TOP_N:
            line = _(
                "Flares (2+ points above the usual level and 5 or more): "
                "{n}, starting {dates} and {more} more."
            )
        else:
            line = _(
                "Flares (2+ points above the usual level and 5 or more): {n}, starting {dates}."
            )
        items.append(
            "<li>" + line.format(n=len(flares), dates=starts, more=len(flares) - TOP_N) + "</li>"
        )
    peg = day["peg"].dropna()
    if len(peg):
        items.append(
            "<li>"
            + _(
                "PEG score (pain, enjoyment, activity; 0-10): average <b>{average}</b> over {days}."
            ).format(average=f"{peg.mean():.1f}", days=_days_n(len(peg)))
            + "</li>"
        )
    worst = day.sort_values(["worst", "mean_pain"], ascending=False).head(3)
    notes = _notes_by_day(df)
    worst_items = []
    for stamp, row in worst.iterrows():
        note = notes.get(stamp)
        note_html = f" <q>{_text(_short(note))}</q>" if note else ""
        worst_items.append(
            "<li>"
            + _("{day}: worst {worst}, average {average}").format(
                day=_day(stamp), worst=f"{row['worst']:.0f}", average=f"{row['mean_pain']:.1f}"
            )
            + f"{note_html}</li>"
        )
    body = (
        f"<ul>{''.join(items)}</ul><p><b>" + _text(_("Worst days")) + "</b></p>"
        f"<ul>{''.join(worst_items)}</ul>"
    )
    return _section(_("Pain in this period"), body)


def _notes_by_day(df: pd.DataFrame) -> dict[pd.Timestamp, str]:
    if "notes" not in df.columns:
        return {}
    notes = df.loc[df["notes"].notna(), ["date", "notes"]]
    notes = notes[notes["notes"].astype("string").str.strip() != ""]
    days = notes["date"].dt.normalize()
    grouped = notes["notes"].astype("string").groupby(days.to_numpy())
    return {pd.Timestamp(k): "; ".join(v.tolist()) for k, v in grouped}


def _helped_section(df: pd.DataFrame) -> str:
    table = analysis.helped_worsened(df)
    parts = []
    for list_name, title in (("helped", _("What helped")), ("worsened", _("What made it worse"))):
        rows = table[table["list"] == list_name]
        if rows.empty:
            parts.append(
                "<p>" + _("<b>{title}</b>: nothing written.").format(title=_text(title)) + "</p>"
            )
            continue
        shown = rows.head(TOP_N)
        body = []
        for row in shown.itertuples():
            other = f"{row.mean_pain_without:.1f}" if row.days_without else _("none")
            few = " " + _("(few)") if row.small_sample else ""
            body.append(
                f'<tr><td>{_text(row.item)}</td><td class="n">{row.days_with}{few}</td>'
                f'<td class="n">{row.mean_pain_with:.1f}</td><td class="n">{other}</td></tr>'
            )
        parts.append(
            f"<table><thead><tr><th>{_text(title)}</th><th>"
            + _text(_("Days"))
            + "</th><th>"
            + _text(_("Pain those days"))
            + "</th><th>"
            + _text(_("Other days"))
            + f"</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
            + _more(len(rows) - len(shown), "item")
        )
    note = (
        '<p class="note">'
        + _text(
            _(
                "Pain: average daily pain. (few): fewer than 5 days, so the numbers "
                "could easily be chance."
            )
        )
        + "</p>"
    )
    return _section(_("What helped and what made it worse"), "".join(parts) + note)


def _medication_section(df: pd.DataFrame, n_days: int) -> str:
    meds = analysis.medications(df)
    if meds.empty:
        body = "<p>" + _text(_("No medicines written in the diary for this period.")) + "</p>"
    else:
        shown = meds.head(TOP_N)
        rows = "".join(
            f'<tr><td>{_text(row.medication)}</td><td class="n">'
            + _("{days} of {total}").format(days=row.days, total=n_days)
            + "</td></tr>"
            for row in shown.itertuples()
        )
        body = (
            "<table><thead><tr><th>"
            + _text(_("As written in the diary"))
            + "</th><th>"
            + _text(_("Days written"))
            + "</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>" + _more(len(meds) - len(shown), "medicine")
        )
    return _section(_("Medicines"), body)


def _questions_section(questions: Sequence[str]) -> str:
    if not questions:
        return ""
    shown = questions[:MAX_QUESTIONS]
    items = "".join(f"<li>{_text(q)}</li>" for q in shown)
    more = ""
    if len(questions) > len(shown):
        left = len(questions) - len(shown)
        words = ngettext(
            "and {n} more question: bring them on a separate sheet.",
            "and {n} more questions: bring them on a separate sheet.",
            left,
        ).format(n=left)
        more = f'<p class="more">{_text(words)}</p>'
    return _section(_("My questions for this visit"), f"<ol>{items}</ol>{more}")


_CATEGORY_WORDS = {
    "worse": N_("worse (up 10% or more, and 1 point or more)"),
    "no meaningful change": N_("no clear change (under 10%, or up less than 1 point)"),
    "minimal": N_("a small improvement (10-29% less)"),
    "moderate": N_("a clear improvement (30% or more less)"),
    "substantial": N_("a large improvement (50% or more less)"),
}

#: The pain bands' names on the page ("mild 12 (40%)").
_BAND_WORDS = {
    "none": lambda: pgettext("pain band", "none"),
    "mild": lambda: pgettext("pain band", "mild"),
    "moderate": lambda: pgettext("pain band", "moderate"),
    "severe": lambda: pgettext("pain band", "severe"),
}


def _band(label: str) -> str:
    return _BAND_WORDS[label]() if label in _BAND_WORDS else label


def _percent(share: float) -> str:
    """ "40%" (English) / "40 %" (Spanish, with a non-breaking space as RAE and CLDR write it)."""
    text = f"{share:.0%}"
    return text.replace("%", "\u00a0%") if language() == "es" else text


def _progress_line(row: Any) -> str:
    what = _("Pain") if row.measure == "pain" else pgettext("heading", "PEG score")
    if row.category is None:
        return _text(row.description)
    if math.isinf(row.percent):
        change = _("up from 0")
    elif row.percent < 0:
        change = _("{percent}% less").format(percent=f"{abs(row.percent):.0f}")
    else:
        change = _("{percent}% more").format(percent=f"{abs(row.percent):.0f}")
    few = (
        " " + _("Few days: read with care.") if min(row.baseline_days, row.recent_days) < 7 else ""
    )
    return (
        _(
            "{what}: <b>{baseline}</b> at the baseline ({baseline_days} days), "
            "<b>{recent}</b> recently ({recent_days} days), {change}: {category}."
        ).format(
            what=what,
            baseline=f"{row.baseline_mean:.1f}",
            baseline_days=row.baseline_days,
            recent=f"{row.recent_mean:.1f}",
            recent_days=row.recent_days,
            change=change,
            category=_(_CATEGORY_WORDS[row.category]),
        )
        + few
    )


def progress_problem(df: pd.DataFrame, baseline: tuple[object, object], end: object) -> str | None:
    """Why the page cannot compare ``baseline`` with the last 14 days up to ``end``, or None.

    The words are for the person making the page (what is missing, what to do), so they are
    said beside the form; the page meant for the doctor then simply has no comparison.
    """
    last = analysis.as_day(end, N_("End date"))
    recent_start = last - pd.Timedelta(days=RECENT_DAYS - 1)
    try:
        b_start = analysis.as_day(baseline[0], N_("First day of the baseline"))
        b_end = analysis.as_day(baseline[1], N_("Last day of the baseline"))
    except ValueError as err:
        return str(err)
    if b_end < recent_start:
        return None
    days = df["date"].dropna().dt.normalize()
    if days.empty:
        return _("The diary has no entries yet.")
    span = (days.max() - days.min()).days + 1
    needed = 2 * RECENT_DAYS
    text = _(
        "The baseline ({b_first} to {b_last}) must end before the last "
        "{recent_days} days ({r_first} to {r_last}) begin."
    ).format(
        b_first=_day(b_start),
        b_last=_day(b_end),
        recent_days=RECENT_DAYS,
        r_first=_day(recent_start),
        r_last=_day(last),
    )
    if span < needed:
        text += " " + _(
            "Your diary covers {span}; a comparison needs at least {needed}. "
            "Keep writing, and make the summary again in {left}."
        ).format(span=_days_n(span), needed=needed, left=_days_n(needed - span))
    else:
        text += " " + _('Choose an earlier baseline, or "First 2 weeks of the diary".')
    return text


def _progress_section(
    df_all: pd.DataFrame, baseline: tuple[object, object] | None, end: pd.Timestamp
) -> str:
    if baseline is None or progress_problem(df_all, baseline, end):
        return ""  # said to the person beside the form (progress_problem), not on the page
    recent = (end - pd.Timedelta(days=RECENT_DAYS - 1), end)
    try:
        table = analysis.progress(df_all, baseline=baseline, recent=recent)
    except ValueError:
        return ""
    b_start, b_end = table["baseline_start"].iloc[0], table["baseline_end"].iloc[0]
    intro = (
        '<p class="note">'
        + _(
            "Baseline {b_first} to {b_last}; recently: the last "
            "{recent_days} days ({r_first} to {r_last}). Average daily values."
        ).format(
            b_first=_day(b_start),
            b_last=_day(b_end),
            recent_days=RECENT_DAYS,
            r_first=_day(recent[0]),
            r_last=_day(end),
        )
        + "</p>"
    )
    items = "".join(f"<li>{_progress_line(row)}</li>" for row in table.itertuples())
    return _section(_("Progress since the baseline"), f"{intro}<ul>{items}</ul>")


# --------------------------------------------------------------------------- public


def visit_summary(
    df: pd.DataFrame,
    *,
    start: object = None,
    end: object = None,
    questions: Iterable[str] | str = (),
    baseline: tuple[object, object] | None = None,
    name: str | None = None,
) -> str:
    """A one-page HTML summary of a pain diary, to print or show at a medical visit.

    ``df`` is a diary from :func:`painbook.diary.read_diary`. ``start`` and ``end`` limit the
    period (dates, both included; default: the first and last entry). ``questions`` are the
    person's own questions for the visit (first 5 shown). ``baseline`` is a (first day, last
    day) pair to compare the last 14 days of the period with (see
    :func:`painbook.analysis.progress`); leave it out to skip that part. ``name`` is shown in
    the heading.

    The page shows the period, a chart of pain over time with a text description, averages
    and the worst days (with their notes), PEG if recorded, what helped and what made pain
    worse (with days), medicines as written with the days each was written, the questions
    and progress since the baseline. It is one self-contained HTML document: inline CSS and
    SVG, no scripts, no links or files from elsewhere; everything from the diary is escaped.
    """
    df = analysis._check(df)
    if isinstance(questions, str):
        questions = [questions]
    question_list = [str(q).strip() for q in questions if str(q).strip()]
    dates = df["date"].dt.normalize()
    if df.empty and (start is None or end is None):
        raise ValueError(_("The diary has no entries yet, so there is nothing to summarise."))
    first = analysis.as_day(start, N_("Start date")) if start is not None else dates.min()
    last = analysis.as_day(end, N_("End date")) if end is not None else dates.max()
    if last < first:
        raise ValueError(
            _(
                "The end date ({last}) is before the start date ({first}). Swap the two dates."
            ).format(last=_day(last), first=_day(first))
        )
    part = df[(dates >= first) & (dates <= last)]
    period = _("{first} to {last}").format(first=_day(first), last=_day(last))
    title = _("Pain summary for {name}").format(name=_text(name)) if name else _("Pain summary")
    n_days = (last - first).days + 1
    head = (
        f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}, {period}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
    )
    day = analysis.daily(part)
    n_entries = len(part)
    meta = (
        '<p class="meta">'
        + _(
            "<b>Period:</b> {period} ({days}). <b>Diary:</b> {entries} on {entry_days}. "
            "Pain is rated 0 (no pain) to 10 (worst pain imaginable)."
        ).format(
            period=period,
            days=_days_n(n_days),
            entries=ngettext("{n} entry", "{n} entries", n_entries).format(n=n_entries),
            entry_days=_days_n(len(day)),
        )
        + "</p>"
    )
    body = [f"<header><h1>{title}</h1>{meta}</header>"]
    if day.empty:
        body.append("<p>" + _text(_("No diary entries in this period.")) + "</p>")
        body.append(_questions_section(question_list))
    else:
        svg, description = _chart(day, first, last)
        body.append(f"<figure>{svg}<figcaption>{_text(description)}</figcaption></figure>")
        flare_table = analysis.flares(part)
        sections = (
            _pain_section(day, part, flare_table)
            + _progress_section(df, baseline, last)
            + _helped_section(part)
            + _medication_section(part, len(day))
            + _questions_section(question_list)
        )
        body.append(f'<div class="cols">{sections}</div>')
    footer = _(
        "From the person's own pain diary (painbook workbook). The numbers show what "
        "was written down, not what caused what. Daily pain: the average of the day's "
        "ratings. Bands: mild 1-4, moderate 5-6, severe 7-10 (Serlin et al. 1995). PEG: Krebs "
        "et al. 2009. For talking with the care team; not a diagnosis."
    )
    body.append(f"<footer>{footer}</footer>")
    return head + "\n".join(b for b in body if b) + "\n</body>\n</html>\n"


def save_visit_summary(html: str, path: str | Path) -> Path:
    """Write the HTML from :func:`visit_summary` to ``path`` (UTF-8) and return the path.

    Open the file in a web browser and print it, or save it as PDF from the print dialog.
    """
    if not isinstance(html, str) or not html.lstrip().lower().startswith("<!doctype html"):
        raise ValueError("Expected the HTML text that visit_summary returns.")
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"Save the summary with a name ending in .html, not {target.name!r}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target
