"""painbook.charts: charts with a text alternative, and tables in everyday words."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from painbook import analysis, charts, diary, samples
from painbook.samples import diary_frame

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Words that would claim a cause; the texts describe what went together, nothing more.
CAUSAL = re.compile(r"\b(because|caused?|causes|due to|leads? to|makes? pain)\b", re.I)


@pytest.fixture(scope="module")
def maria() -> pd.DataFrame:
    return diary.read_diary(samples.path("back_pain_diary.csv"))


@pytest.fixture(scope="module")
def jordan_months() -> pd.DataFrame:
    return analysis.headache_month(diary.read_diary(samples.path("migraine_diary.csv")))


def small_diary() -> pd.DataFrame:
    """Four days: 1, 2 and 4 March have entries (two on the 1st); 3 March has none."""
    return diary_frame(
        [
            {"date": "2026-03-01", "pain": 4, "sleep_hours": 7, "mood": 6},
            {"date": "2026-03-01", "pain": 6, "worst": 8},
            {"date": "2026-03-02", "pain": 3, "sleep_hours": 8},
            {"date": "2026-03-04", "pain": 7, "mood": 4},
        ]
    )


def greys(fig: Figure) -> set[tuple[float, ...]]:
    """Every line, marker, bar face and edge colour in the figure that is not transparent."""
    found = set()
    for ax in fig.axes:
        for line in ax.get_lines():
            for colour in (
                line.get_color(),
                line.get_markerfacecolor(),
                line.get_markeredgecolor(),
            ):
                found.add(to_rgba(colour))
        for patch in ax.patches:
            found.add(tuple(patch.get_facecolor()))
            found.add(tuple(patch.get_edgecolor()))
        for coll in ax.collections:
            found.update(tuple(c) for c in coll.get_edgecolor())
            found.update(tuple(c) for c in coll.get_facecolor())
    return {c for c in found if c[3] > 0}


def assert_black_and_white(fig: Figure) -> None:
    for r, g, b, _ in greys(fig):
        assert math.isclose(r, g) and math.isclose(g, b), (r, g, b)


# --------------------------------------------------------------------------- Chart


def test_chart_png_mimebundle_and_show(maria, capsys) -> None:
    chart = charts.trend_chart(maria)
    assert chart.png().startswith(PNG_MAGIC)
    bundle = chart.mimebundle()
    assert set(bundle) == {"image/png", "text/plain"}
    assert bundle["text/plain"] == chart.text
    chart.show()
    assert chart.text in capsys.readouterr().out


def test_text_bundle_wraps_and_escapes() -> None:
    bundle = charts.text_bundle("First <b> line.\nSecond line.", "Third.")
    assert bundle["text/plain"] == "First <b> line.\nSecond line.\nThird."
    assert bundle["text/html"] == (
        '<div class="painbook-text"><p>First &lt;b&gt; line.</p><p>Second line.</p>'
        "<p>Third.</p></div>"
    )
    listed = charts.text_bundle("One.", "Two.", bullets=True)
    assert listed["text/plain"] == "- One.\n- Two."
    assert listed["text/html"] == '<ul class="painbook-text"><li>One.</li><li>Two.</li></ul>'


def test_day_label() -> None:
    assert charts.day_label("2025-03-03") == "3 Mar 2025"


def test_diary_overview_counts_entries_and_days(maria) -> None:
    text = charts.diary_overview(maria)
    assert "138 entries" in text and "84 days" in text
    assert "3 Mar 2025" in text and "25 May 2025" in text
    assert "back_pain_diary.csv" in text


def test_diary_overview_empty() -> None:
    assert "no entries" in charts.diary_overview(diary.empty_diary())


# --------------------------------------------------------------------------- one measure


def test_daily_values_covers_every_calendar_day() -> None:
    values = charts.daily_values(small_diary(), "pain")
    assert list(values.index.strftime("%d")) == ["01", "02", "03", "04"]
    assert values.iloc[0] == 5.0  # mean of 4 and 6
    assert math.isnan(values.iloc[2])


def test_daily_values_other_measure_and_period() -> None:
    values = charts.daily_values(small_diary(), "mood", "2026-03-02", "2026-03-04")
    assert values.index[0] == pd.Timestamp("2026-03-02")
    assert values.dropna().tolist() == [4.0]


def test_unknown_measure_is_an_error() -> None:
    with pytest.raises(ValueError, match="Unknown measure"):
        charts.daily_values(small_diary(), "steps")


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="Swap"):
        charts.trend_chart(small_diary(), "pain", "2026-03-04", "2026-03-01")


def test_empty_diary_needs_dates() -> None:
    with pytest.raises(ValueError, match="no entries"):
        charts.trend_chart(diary.empty_diary())


def test_describe_measure_gives_days_and_direction(maria) -> None:
    text = charts.describe_measure(maria)
    assert "84 days with a value" in text
    assert "First week: 6.2 (7 days); last week: 3.6 (7 days)" in text
    assert "lower at the end than at the start" in text
    assert "Highest day: 9.5 on 22 Mar 2025" in text
    assert "3 flares: 22-24 Mar 2025, 16-17 Apr 2025, 5 May 2025" in text
    assert not CAUSAL.search(text)


def test_describe_measure_sleep_has_unit_and_no_flares(maria) -> None:
    text = charts.describe_measure(maria, "sleep_hours", "2025-04-28", "2025-05-25")
    assert "hours of sleep" in text and " hours (7 days)" in text
    assert "flare" not in text


def test_describe_measure_short_period_has_no_week_comparison() -> None:
    text = charts.describe_measure(small_diary())
    assert "First week" not in text
    assert "3 days with a value" in text


def test_describe_measure_nothing_recorded() -> None:
    text = charts.describe_measure(small_diary(), "peg")
    assert text.startswith("No PEG score")


def test_trend_chart_draws_days_average_and_flares(maria) -> None:
    chart = charts.trend_chart(maria)
    (ax,) = chart.figure.axes
    labels = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert labels == ["flare", "each day", "7-day average"]
    assert ax.get_ylim() == (0.0, 11.0)  # highest day 9.5 -> axis to 11
    assert len(ax.patches) == 3  # one hatched band per flare
    assert all(p.get_hatch() for p in ax.patches)
    assert_black_and_white(chart.figure)


def test_trend_chart_other_measure_has_no_flares(maria) -> None:
    chart = charts.trend_chart(maria, "mood", "2025-04-28", "2025-05-25")
    (ax,) = chart.figure.axes
    assert len(ax.patches) == 0
    assert ax.get_ylabel() == charts.MEASURES["mood"].label
    assert chart.text == charts.describe_measure(maria, "mood", "2025-04-28", "2025-05-25")


def test_trend_chart_smooth_line_follows_the_engine_rule(maria) -> None:
    chart = charts.trend_chart(maria)
    smooth = chart.figure.axes[0].get_lines()[1].get_ydata()
    expected = analysis.trend(maria)["trend"].to_numpy()
    np.testing.assert_allclose(smooth, expected)


@pytest.mark.parametrize("days", [10, 120, 500, 1200])
def test_trend_chart_any_length(days: int) -> None:
    dates = pd.date_range("2020-01-01", periods=days, freq="D")
    df = diary_frame([{"date": d.strftime("%Y-%m-%d"), "pain": 5} for d in dates])
    chart = charts.trend_chart(df)
    assert chart.figure.axes[0].get_xticklabels()
    assert chart.png().startswith(PNG_MAGIC)


# --------------------------------------------------------------------------- tables


def test_weekly_table_pain_matches_summary(maria) -> None:
    table = charts.weekly_table(maria)
    weeks = analysis.summary(maria)
    assert len(table) == len(weeks) == 12
    assert table.index[0] == "3 Mar 2025"
    assert table["Days"].tolist() == weeks["days"].tolist()
    assert table["Average pain"].tolist() == [float(f"{v:.1f}") for v in weeks["mean"]]
    assert list(table.columns[-4:]) == [
        "No-pain days (0)",
        "Mild days (1-4)",
        "Moderate days (5-6)",
        "Severe days (7-10)",
    ]


def test_weekly_table_other_measure() -> None:
    table = charts.weekly_table(small_diary(), "sleep_hours")
    assert list(table.columns) == [
        "Days",
        "Average (hours)",
        "Lowest day (hours)",
        "Highest day (hours)",
    ]
    # 1 March 2026 is a Sunday: week of 23 Feb (1 day), then week of 2 March (1 day).
    assert table.index.tolist() == ["23 Feb 2026", "2 Mar 2026"]
    assert table["Average (hours)"].tolist() == [7.0, 8.0]


def test_weekly_table_measure_never_recorded() -> None:
    assert charts.weekly_table(small_diary(), "peg").empty


def test_flare_table_and_description(maria) -> None:
    table = charts.flare_table(maria)
    assert table["First day"].tolist() == ["22 Mar 2025", "16 Apr 2025", "5 May 2025"]
    assert table["Days"].tolist() == [3, 2, 1]
    text = charts.describe_flares(maria)
    assert text.splitlines()[0] == "3 flares in this diary."
    assert '"Spent the afternoon gardening."' in text


def test_no_flares() -> None:
    assert charts.flare_table(small_diary()).empty
    assert charts.describe_flares(small_diary()).startswith("No flares")


def test_helped_table_keeps_the_days(maria) -> None:
    table = charts.helped_table(maria)
    engine = analysis.helped_worsened(maria)
    assert table["Days with it"].tolist() == engine["days_with"].tolist()
    assert table.loc[("made it worse", "gardening"), "Few days?"] == "few days"
    assert table.loc[("helped", "walking"), "Few days?"] == ""


def test_rounding_matches_the_engine_text(maria) -> None:
    table = charts.progress_table(maria)
    row = analysis.progress(maria).iloc[0]
    assert f"{table.loc['Pain', 'Baseline average']:.1f}" in row["description"]
    assert f"{table.loc['Pain', 'Recent average']:.1f}" in row["description"]


# --------------------------------------------------------------------------- progress


def test_progress_table(maria) -> None:
    table = charts.progress_table(maria)
    assert table.index.tolist() == ["Pain", "PEG score"]
    assert table.loc["Pain", "Baseline"] == "3-16 Mar 2025 (14 days)"
    assert table.loc["Pain", "Recent"] == "12-25 May 2025 (14 days)"
    assert table.loc["Pain", "Change (%)"] == "-38%"
    assert table.loc["Pain", "Size of the change"] == "moderate"
    assert table.loc["Pain", "A change patients notice? (2 points or 30% less)"] == "yes"


def test_progress_points_can_be_checked_by_hand(maria) -> None:
    table = charts.progress_table(maria)
    row = table.loc["Pain"]
    assert (row["Baseline average"], row["Recent average"]) == (6.0, 3.7)
    assert row["Change (points)"] == -2.3  # exact change is -2.25


def test_medication_table() -> None:
    df = diary_frame(
        [
            {"date": "2026-03-01", "pain": 3, "medications": "Ibuprofen; heat cream"},
            {"date": "2026-03-01", "pain": 3, "medications": "ibuprofen"},
            {"date": "2026-03-02", "pain": 3, "medications": "ibuprofen"},
        ]
    )
    table = charts.medication_table(df)
    assert table.index.tolist() == ["Ibuprofen", "heat cream"]
    assert table["Days"].tolist() == [2, 1]
    assert table["Entries"].tolist() == [3, 1]


def test_progress_table_chosen_periods(maria) -> None:
    table = charts.progress_table(maria, ("2025-03-03", "2025-03-09"), ("2025-04-28", "2025-05-04"))
    assert table.loc["Pain", "Baseline"] == "3-9 Mar 2025 (7 days)"
    assert table.loc["Pain", "Recent"] == "28 Apr to 4 May 2025 (7 days)"


def test_progress_chart(maria) -> None:
    chart = charts.progress_chart(maria)
    (ax,) = chart.figure.axes
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Pain", "PEG score"]
    bars = list(ax.patches)
    assert len(bars) == 4
    assert bars[0].get_hatch() == "//" and not bars[1].get_hatch()
    assert "38% less" in chart.text and "41% less" in chart.text
    assert "dashed line at 30% less" in chart.text
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert legend == [
        "Baseline: 3-16 Mar 2025",
        "Recent: 12-25 May 2025",
        "30% less than baseline",
    ]
    assert_black_and_white(chart.figure)


def test_progress_chart_without_peg() -> None:
    dates = pd.date_range("2026-01-01", periods=40, freq="D")
    df = diary_frame(
        [{"date": d.strftime("%Y-%m-%d"), "pain": 6 if i < 20 else 3} for i, d in enumerate(dates)]
    )
    chart = charts.progress_chart(df)
    assert [t.get_text() for t in chart.figure.axes[0].get_xticklabels()] == ["Pain"]
    assert "50% less" in chart.text


def test_progress_chart_empty_period_draws_what_it_can() -> None:
    df = small_diary()
    chart = charts.progress_chart(df, ("2026-03-01", "2026-03-02"), ("2026-03-10", "2026-03-12"))
    assert len(chart.figure.axes[0].patches) == 1  # baseline bar only
    assert "No pain recorded in the recent period" in chart.text


# --------------------------------------------------------------------------- headache


def test_headache_table(jordan_months) -> None:
    table = charts.headache_table(jordan_months)
    assert table.index.tolist() == ["January 2025", "February 2025", "March 2025", "April 2025"]
    assert table["Headache days"].tolist() == [17, 17, 19, 20]
    assert table["Talk with your doctor"].tolist() == ["yes", "yes", "yes", "yes"]
    assert table["High counts, months in a row"].tolist() == [1, 2, 3, 4]


def test_headache_chart(jordan_months) -> None:
    chart = charts.headache_chart(jordan_months)
    (ax,) = chart.figure.axes
    assert len(ax.patches) == 8  # two bars a month
    notes = [t.get_text() for t in ax.texts if "doctor" in t.get_text()]
    assert notes == ["talk with\nyour doctor"] * 4  # 15 or more headache days every month
    assert "April 2025: headache on 20 of 30 days recorded" in chart.text
    assert (
        "Headache on 15 or more days in January 2025, February 2025, March 2025 and "
        "April 2025: a reason to talk with your doctor now, not a diagnosis."
    ) in chart.text
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert legend == ["headache days", "days with acute medicine", "15 days"]
    assert not CAUSAL.search(chart.text)
    assert_black_and_white(chart.figure)


def test_headache_chart_without_flag() -> None:
    df = diary_frame([{"date": "2026-01-05", "pain": 3, "medications": "ibuprofen"}])
    chart = charts.headache_chart(analysis.headache_month(df))
    assert "talk with your doctor" not in chart.text
    assert "January 2026: headache on 1 of 1 days recorded" in chart.text


def test_in_jupyter_a_chart_scrolls_in_its_own_box_and_on_the_web_it_is_the_png(
    maria, monkeypatch
) -> None:
    from IPython.core.formatters import DisplayFormatter  # noqa: F401  (IPython is installed)

    chart = charts.trend_chart(maria)
    shown: list[dict] = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    monkeypatch.delenv("PAINBOOK_BOOK_BUILD", raising=False)
    chart.show()
    html = shown[0]["text/html"]
    assert 'class="painbook-chart painbook-scroll" style="overflow-x: auto;' in html
    assert "min-width: 600px" in html and 'src="data:image/png;base64,' in html
    assert f'alt="{chart.text[:40]}' in html
    shown.clear()
    monkeypatch.setenv("PAINBOOK_BOOK_BUILD", "1")
    chart.show()
    assert set(shown[0]) == {"image/png", "text/plain"}  # the book's pages take the image
