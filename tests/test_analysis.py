"""Unit tests for painbook.analysis, on small diaries built by hand to the DataFrame contract."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from painbook import analysis
from painbook.samples import DIARY_COLUMNS, diary_frame, observation_frame

START = pd.Timestamp("2026-03-02")  # a Monday


def days_of(pains: list[float | None], start: pd.Timestamp = START, **columns) -> pd.DataFrame:
    """One entry a day with the given daily pain (None: no entry that day)."""
    records = []
    for i, pain in enumerate(pains):
        if pain is None:
            continue
        record = {"date": start + pd.Timedelta(days=i), "time": "20:00", "pain": pain}
        for name, values in columns.items():
            record[name] = values[i]
        records.append(record)
    return diary_frame(records)


# A word list for "no causal wording" checks.
CAUSAL = re.compile(
    r"\b(caus\w*|reduc\w*|because|leads? to|due to|results? in|effect\w*|improv\w*|"
    r"worsen\w*|make[s]? .* (better|worse))\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- input checks


def test_rejects_what_is_not_a_diary() -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        analysis.daily([{"date": "2026-03-01", "pain": 3}])
    with pytest.raises(ValueError, match="'pain'"):
        analysis.daily(pd.DataFrame({"date": pd.to_datetime(["2026-03-01"])}))
    with pytest.raises(ValueError, match="text, not dates"):
        analysis.daily(pd.DataFrame({"date": ["2026-03-01"], "pain": [3.0]}))


def test_functions_do_not_change_the_diary() -> None:
    df = days_of([3, 4, 5, 6] * 5, helped=["heat; rest"] * 20, sleep_hours=[7] * 20)
    before = df.copy()
    analysis.daily(df)
    analysis.summary(df)
    analysis.trend(df)
    analysis.flares(df)
    analysis.helped_worsened(df)
    analysis.relations(df)
    analysis.progress(
        df, baseline=("2026-03-02", "2026-03-05"), recent=("2026-03-18", "2026-03-21")
    )
    analysis.headache_month(df)
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- daily


def test_daily_mean_worst_least_and_entries() -> None:
    df = diary_frame(
        [
            {"date": "2026-03-03", "time": "20:00", "pain": 6, "worst": 9},
            {"date": "2026-03-02", "time": "08:00", "pain": 2, "least": 1},
            {"date": "2026-03-02", "time": "20:00", "pain": 5},
            {"date": "2026-03-02", "time": "13:00", "pain": 4, "worst": 7},
        ]
    )
    day = analysis.daily(df)
    assert list(day.index) == [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-03")]
    assert day.index.name == "date"
    first = day.loc["2026-03-02"]
    assert first["mean_pain"] == pytest.approx(11 / 3)
    assert first["worst"] == 7
    assert first["least"] == 1
    assert first["entries"] == 3
    assert day.loc["2026-03-03", "worst"] == 9
    assert day["entries"].dtype == "int64"


def test_daily_peg_only_when_all_three_items_recorded() -> None:
    df = days_of(
        [6, 3, 4],
        enjoyment_interference=[5, None, 4],
        activity_interference=[7, 2, 4],
    )
    day = analysis.daily(df)
    assert day["peg"].iloc[0] == pytest.approx(6.0)
    assert math.isnan(day["peg"].iloc[1])
    assert day["peg"].iloc[2] == pytest.approx(4.0)


def test_daily_of_an_empty_diary() -> None:
    df = diary_frame([])
    assert list(df.columns) == list(DIARY_COLUMNS)
    day = analysis.daily(df)
    assert day.empty
    assert "mean_pain" in day.columns and "entries" in day.columns


# --------------------------------------------------------------------------- summary


def test_weekly_summary_runs_monday_to_sunday_with_band_shares() -> None:
    # Sun 1 Mar is in the week of 23 Feb; Mon 2 Mar starts a new week.
    df = diary_frame(
        [
            {"date": "2026-03-01", "pain": 8},
            {"date": "2026-03-02", "pain": 0},
            {"date": "2026-03-03", "pain": 3},
            {"date": "2026-03-03", "pain": 3},
            {"date": "2026-03-04", "pain": 5},
            {"date": "2026-03-08", "pain": 8},
        ]
    )
    weeks = analysis.summary(df, "W")
    assert list(weeks.index) == [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-02")]
    assert weeks.index.name == "start"
    week = weeks.loc["2026-03-02"]
    assert week["end"] == pd.Timestamp("2026-03-08")
    assert week["days"] == 4
    assert week["entries"] == 5
    assert week["entries_per_day"] == pytest.approx(5 / 4)
    assert week["mean"] == pytest.approx((0 + 3 + 5 + 8) / 4)
    assert week["median"] == pytest.approx(4.0)
    assert week["worst"] == 8
    assert week["period_days"] == 7
    assert [week[f"days_{b}"] for b in ("none", "mild", "moderate", "severe")] == [1, 1, 1, 1]
    assert week["share_mild"] == pytest.approx(0.25)
    first = weeks.loc["2026-02-23"]
    assert (first["days"], first["days_severe"], first["share_severe"]) == (1, 1, 1.0)


def test_monthly_summary() -> None:
    df = days_of([2] * 40, start=pd.Timestamp("2026-02-01"))
    months = analysis.summary(df, "MS")
    assert list(months.index) == [pd.Timestamp("2026-02-01"), pd.Timestamp("2026-03-01")]
    assert list(months["period_days"]) == [28, 31]
    assert list(months["days"]) == [28, 12]
    assert list(months["end"]) == [pd.Timestamp("2026-02-28"), pd.Timestamp("2026-03-31")]
    assert list(months["share_mild"]) == [1.0, 1.0]


def test_summary_bands_are_a_setting() -> None:
    df = days_of([1, 3, 4, 9])
    weeks = analysis.summary(df, bands=(("low", 0, 3), ("high", 4, 10)))
    assert weeks["days_low"].iloc[0] == 2
    assert weeks["days_high"].iloc[0] == 2
    assert "days_mild" not in weeks.columns


def test_summary_rejects_other_frequencies() -> None:
    with pytest.raises(ValueError, match="freq"):
        analysis.summary(days_of([1, 2]), "D")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- trend


def test_trend_is_a_centred_rolling_mean_over_calendar_days() -> None:
    df = days_of([1, 2, 3, 4, 5, 6, 7, 8, 9])
    out = analysis.trend(df, window=3)
    assert out["trend"].iloc[4] == pytest.approx(5.0)  # mean of 4, 5, 6
    assert out["trend"].iloc[0] == pytest.approx(1.5)  # 2 of 3 days present (min 2)
    assert list(out["days_in_window"][:2]) == [2, 3]


def test_trend_needs_more_than_half_the_window() -> None:
    # Days 0-3 recorded, then a gap of 5 days, then day 9 alone.
    df = days_of([4, 4, 4, 4, None, None, None, None, None, 8])
    out = analysis.trend(df, window=7)
    assert len(out) == 10  # every calendar day from first to last
    assert pd.isna(out["mean_pain"].iloc[5])
    assert out["trend"].iloc[1] == pytest.approx(4.0)  # 4 days in its window
    assert out["days_in_window"].iloc[6] == 2  # days 3 and 9
    assert pd.isna(out["trend"].iloc[6])  # 2 days of 7: no trend
    assert out["days_in_window"].iloc[7] == 1
    assert pd.isna(out["trend"].iloc[9])  # a lone entry makes no trend


def test_trend_window_must_be_odd() -> None:
    with pytest.raises(ValueError, match="odd"):
        analysis.trend(days_of([1, 2, 3]), window=14)
    with pytest.raises(ValueError, match="min_periods"):
        analysis.trend(days_of([1, 2, 3]), window=3, min_periods=4)


# --------------------------------------------------------------------------- flares


def test_flare_found_as_a_run_of_days() -> None:
    df = days_of([3] * 14 + [6, 7, 3, 3])
    out = analysis.flares(df)
    assert len(out) == 1
    flare = out.iloc[0]
    assert flare["start"] == START + pd.Timedelta(days=14)
    assert flare["end"] == START + pd.Timedelta(days=15)
    assert flare["days"] == 2
    assert flare["peak"] == 7
    assert flare["peak_date"] == START + pd.Timedelta(days=15)
    assert flare["usual"] == 3
    assert flare["entries"] == 2


def test_flare_needs_two_points_above_usual() -> None:
    assert analysis.flares(days_of([3.5] * 14 + [5.4])).empty  # 1.9 above
    assert len(analysis.flares(days_of([3.5] * 14 + [5.5]))) == 1  # 2.0 above


def test_flare_needs_pain_of_at_least_5() -> None:
    assert analysis.flares(days_of([1] * 14 + [4.5])).empty  # 3.5 above, but below 5
    assert len(analysis.flares(days_of([1] * 14 + [5]))) == 1


def test_flare_needs_seven_days_of_history() -> None:
    assert analysis.flares(days_of([3] * 6 + [8])).empty
    assert len(analysis.flares(days_of([3] * 7 + [8]))) == 1


def test_flare_usual_level_leaves_out_the_day_and_looks_back_14_days() -> None:
    # 20 days at 7 long ago, then 14 days at 3: only the last 14 days count.
    assert len(analysis.flares(days_of([7] * 20 + [3] * 14 + [5]))) == 1
    # The day itself is left out: with it, the median of the 8 days would be 4 (rise 1.5).
    assert len(analysis.flares(days_of([3, 3, 3, 3, 5, 5, 5, 5.5]))) == 1
    # two flares separated by an ordinary day are two flares
    out = analysis.flares(days_of([3] * 14 + [8, 3, 8]))
    assert list(out["days"]) == [1, 1]


def test_no_flares_gives_an_empty_table() -> None:
    out = analysis.flares(days_of([4] * 20))
    assert out.empty
    assert list(out.columns) == ["start", "end", "days", "peak", "peak_date", "usual", "entries"]
    assert analysis.flares(diary_frame([])).empty


# --------------------------------------------------------------------------- helped / worsened


def helped_diary() -> pd.DataFrame:
    # 10 days. "heat" on days 0, 1, 2 (day 1 in two entries, once as "Heat ").
    records = []
    for i in range(10):
        date = START + pd.Timedelta(days=i)
        helped = "heat; rest" if i < 3 else "rest"
        worsened = "sitting" if i >= 4 else None
        records.append({"date": date, "pain": i, "helped": helped, "worsened": worsened})
    records.append({"date": START + pd.Timedelta(days=1), "pain": 3, "helped": " Heat "})
    return diary_frame(records)


def test_helped_worsened_counts_days_with_and_without() -> None:
    out = analysis.helped_worsened(helped_diary()).set_index(["list", "item"])
    heat = out.loc[("helped", "heat")]
    assert heat["days_with"] == 3
    assert heat["days_without"] == 7
    # daily means: day0 0, day1 (1+3)/2 = 2, day2 2 -> with = 4/3
    assert heat["mean_pain_with"] == pytest.approx(4 / 3)
    assert heat["mean_pain_without"] == pytest.approx(sum(range(3, 10)) / 7)
    assert heat["difference"] == pytest.approx(4 / 3 - 6)
    assert bool(heat["small_sample"]) is True
    sitting = out.loc[("worsened", "sitting")]
    assert (sitting["days_with"], sitting["days_without"]) == (6, 4)
    assert bool(sitting["small_sample"]) is True  # 4 days without
    rest = out.loc[("helped", "rest")]
    assert rest["days_without"] == 0
    assert math.isnan(rest["mean_pain_without"])
    assert "every day" in rest["description"]


def test_helped_worsened_small_sample_flag_at_5_days() -> None:
    items = ["walk"] * 5 + [None] * 5
    out = analysis.helped_worsened(days_of(list(range(10)), helped=items))
    assert out.iloc[0]["days_with"] == 5
    assert bool(out.iloc[0]["small_sample"]) is False
    items = ["walk"] * 4 + [None] * 6
    out = analysis.helped_worsened(days_of(list(range(10)), helped=items))
    assert bool(out.iloc[0]["small_sample"]) is True


def test_helped_worsened_order_and_words() -> None:
    out = analysis.helped_worsened(helped_diary())
    assert list(out["list"]) == ["helped", "helped", "worsened"]
    assert list(out["item"]) == ["rest", "heat", "sitting"]
    heat = out[out["item"] == "heat"].iloc[0]["description"]
    assert "3 days" in heat and "7 days" in heat and "1.3" in heat
    for text in out["description"]:
        assert not CAUSAL.search(text.replace("what made it worse", "")), text


def test_helped_worsened_with_nothing_written() -> None:
    out = analysis.helped_worsened(days_of([1, 2, 3]))
    assert out.empty
    assert "days_with" in out.columns


# --------------------------------------------------------------------------- relations


def test_relations_need_10_days() -> None:
    nine = days_of(list(range(9)), sleep_hours=[9 - i / 2 for i in range(9)])
    row = analysis.relations(nine).set_index("measure").loc["sleep_hours"]
    assert row["n"] == 9
    assert math.isnan(row["rho"])
    assert "Not enough data" in row["description"] and "9 days" in row["description"]
    ten = days_of(list(range(10)), sleep_hours=[9 - i / 2 for i in range(10)])
    row = analysis.relations(ten).set_index("measure").loc["sleep_hours"]
    assert row["n"] == 10
    assert row["rho"] == pytest.approx(-1.0)
    assert "lower" in row["description"] and "10 days" in row["description"]


def test_relations_spearman_matches_pandas_with_ties() -> None:
    rng = np.random.default_rng(1)
    pain = rng.integers(0, 11, 30).astype(float)
    mood = rng.integers(0, 11, 30).astype(float)
    df = days_of(list(pain), mood=list(mood))
    row = analysis.relations(df).set_index("measure").loc["mood"]
    expected = pd.DataFrame({"a": pain, "b": mood}).corr(method="spearman").iloc[0, 1]
    assert row["rho"] == pytest.approx(expected)
    assert row["n"] == 30


def test_relations_words_are_not_causal() -> None:
    pain = [float(i % 10) for i in range(30)]
    df = days_of(
        pain,
        sleep_hours=[9 - p / 3 for p in pain],
        mood=[p for p in pain],
        activity_interference=[5.0] * 30,
    )
    out = analysis.relations(df).set_index("measure")
    assert out.loc["mood", "strength"] == "strong"
    assert "higher" in out.loc["mood", "description"]
    assert "same on every day" in out.loc["activity_interference", "description"]
    for text in out["description"]:
        assert not CAUSAL.search(text), text
    assert "30 days" in out.loc["sleep_hours", "description"]


# --------------------------------------------------------------------------- progress


def test_progress_uses_change_category_on_mean_pain() -> None:
    df = days_of([6] * 14 + [5] * 10 + [4] * 14)
    out = analysis.progress(df)  # default: first and last 14 days
    row = out.set_index("measure").loc["pain"]
    assert (row["baseline_days"], row["recent_days"]) == (14, 14)
    assert row["baseline_mean"] == 6 and row["recent_mean"] == 4
    assert row["percent"] == pytest.approx(-100 / 3)
    assert row["category"] == "moderate"
    assert bool(row["farrar_meaningful"]) is True
    assert row["baseline_start"] == START
    assert row["recent_end"] == START + pd.Timedelta(days=37)
    assert "14 days" in row["description"]
    assert list(out["measure"]) == ["pain"]  # no PEG items recorded


def test_progress_with_given_periods_and_peg() -> None:
    n = 20
    df = days_of(
        [8] * 10 + [6] * 10,
        enjoyment_interference=[8] * 10 + [4] * 10,
        activity_interference=[8] * 10 + [5] * 10,
    )
    recent = (START + pd.Timedelta(days=n - 3), START + pd.Timedelta(days=n - 1))
    out = analysis.progress(df, baseline=("2026-03-02", "2026-03-06"), recent=recent)
    out = out.set_index("measure")
    assert out.loc["pain", "baseline_days"] == 5 and out.loc["pain", "recent_days"] == 3
    assert out.loc["pain", "category"] == "minimal"  # 8 -> 6 is 25% less
    assert bool(out.loc["pain", "farrar_meaningful"]) is True  # 2 points
    assert out.loc["PEG", "baseline_mean"] == pytest.approx(8)
    assert out.loc["PEG", "recent_mean"] == pytest.approx(5)
    assert out.loc["PEG", "category"] == "moderate"
    assert "read this with care" in out.loc["pain", "description"]


def test_progress_periods_must_not_overlap_and_be_dates() -> None:
    df = days_of([5] * 20)
    with pytest.raises(ValueError, match="overlap"):
        analysis.progress(
            df, baseline=("2026-03-02", "2026-03-10"), recent=("2026-03-08", "2026-03-20")
        )
    with pytest.raises(ValueError, match="2 Mar 2026 to 10 Mar 2026"):  # dates as people write
        analysis.progress(
            df, baseline=("2026-03-02", "2026-03-10"), recent=("2026-03-08", "2026-03-20")
        )
    # too short for two separate fortnights: what is missing and what to do, in words
    with pytest.raises(ValueError, match=r"covers 20 days.*at least 28 days.*in 8 days"):
        analysis.progress(days_of([5] * 20))
    with pytest.raises(ValueError, match="not a date"):
        analysis.progress(df, baseline=("soon", "2026-03-10"), recent=("2026-03-12", "2026-03-20"))
    with pytest.raises(ValueError, match="before it starts"):
        analysis.progress(
            df, baseline=("2026-03-10", "2026-03-02"), recent=("2026-03-12", "2026-03-20")
        )


def test_progress_with_an_empty_period() -> None:
    df = days_of([5] * 10)
    out = analysis.progress(
        df, baseline=("2026-01-01", "2026-01-14"), recent=("2026-03-02", "2026-03-11")
    )
    row = out.iloc[0]
    assert row["baseline_days"] == 0
    assert row["category"] is None
    assert math.isnan(row["percent"])
    assert "No pain recorded in the baseline period" in row["description"]


# --------------------------------------------------------------------------- medications


def test_medications_days_and_entries_as_written() -> None:
    df = diary_frame(
        [
            {"date": "2026-03-02", "pain": 5, "medications": "Ibuprofen; heat patch"},
            {"date": "2026-03-02", "pain": 5, "medications": "ibuprofen"},
            {"date": "2026-03-03", "pain": 5, "medications": "ibuprofen ;  "},
            {"date": "2026-03-04", "pain": 5},
        ]
    )
    out = analysis.medications(df)
    assert list(out["medication"]) == ["Ibuprofen", "heat patch"]
    assert list(out["days"]) == [2, 1]
    assert list(out["entries"]) == [3, 1]


# --------------------------------------------------------------------------- headache months


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Sumatriptan", "triptan"),
        ("rizatriptan wafer", "triptan"),
        ("IBUPROFEN", "simple"),
        ("paracetamol", "simple"),
        ("Acetaminophen", "simple"),
        ("aspirin", "simple"),
        ("naproxen", "simple"),
        ("Tylenol with codeine", "opioid"),
        ("Excedrin", "combination"),
        ("ergotamine", "ergot"),
        ("magnesium", None),
    ],
)
def test_classify_medication(name: str, group: str | None) -> None:
    assert analysis.classify_medication(name) == group


def test_classify_medication_with_an_edited_mapping() -> None:
    mapping = dict(analysis.MEDICATION_CLASSES, nurtec="triptan")
    assert analysis.classify_medication("Nurtec", mapping) == "triptan"
    assert analysis.classify_medication("Nurtec") is None


def headache_month_frame(
    month: str, headache: int, triptan: int = 0, simple: int = 0, days: int = 28
) -> list[dict]:
    """Records for one month: headache on the first days, medicines on the first of those."""
    start = pd.Timestamp(month)
    records = []
    for i in range(days):
        meds = []
        if i < triptan:
            meds.append("Sumatriptan")
        if i < simple:
            meds.append("ibuprofen")
        records.append(
            {
                "date": start + pd.Timedelta(days=i),
                "pain": 6 if i < headache else 0,
                "medications": "; ".join(meds) or None,
            }
        )
    return records


@pytest.mark.parametrize(
    ("headache", "triptan", "simple", "meets"),
    [
        (15, 10, 0, True),  # ICHD-3 8.2.2: triptans on 10 or more days
        (14, 10, 0, False),  # 14 headache days
        (15, 9, 0, False),  # 9 triptan days
        (15, 0, 15, True),  # 8.2.3: non-opioid analgesics on 15 or more days
        (15, 0, 14, False),  # 14 simple-analgesic days
        (20, 9, 14, True),  # 8.2.6: two groups, on 14 days in all (the same days here)
        (20, 4, 9, False),  # two groups, on only 9 days in all
        (28, 10, 15, True),
    ],
)
def test_headache_month_counts(headache: int, triptan: int, simple: int, meets: bool) -> None:
    df = diary_frame(headache_month_frame("2026-02-01", headache, triptan, simple))
    row = analysis.headache_month(df).iloc[0]
    assert row["headache_days"] == headache
    assert row["triptan_like_days"] == triptan
    assert row["simple_analgesic_days"] == simple
    assert row["acute_medication_days"] == max(triptan, simple)
    assert row["groups_used"] == (triptan > 0) + (simple > 0)
    assert bool(row["meets_monthly_counts"]) is meets
    # 15 or more headache days: talk with a doctor now, in the first month, medicines or not
    assert bool(row["talk_with_doctor"]) is (headache >= 15)


def test_several_groups_on_different_days_count_together() -> None:
    """ICHD-3 8.2.6: triptan on 6 days and ibuprofen on 6 other days is 12 days in all."""
    records = headache_month_frame("2026-02-01", 16)
    for i, record in enumerate(records[:12]):
        record["medications"] = "Sumatriptan" if i < 6 else "ibuprofen"
    row = analysis.headache_month(diary_frame(records)).iloc[0]
    assert (row["triptan_like_days"], row["simple_analgesic_days"]) == (6, 6)
    assert (row["acute_medication_days"], row["groups_used"]) == (12, 2)
    assert bool(row["meets_monthly_counts"]) is True
    # one group alone on 12 days is not 8.2.6, and 12 days are short of its own 15
    for record in records[:12]:
        record["medications"] = "ibuprofen"
    row = analysis.headache_month(diary_frame(records)).iloc[0]
    assert (row["acute_medication_days"], row["groups_used"]) == (12, 1)
    assert bool(row["meets_monthly_counts"]) is False
    # two groups on 9 days in all are short of 10
    for i, record in enumerate(records[:12]):
        record["medications"] = ("Sumatriptan" if i < 4 else "ibuprofen") if i < 9 else None
    row = analysis.headache_month(diary_frame(records)).iloc[0]
    assert (row["acute_medication_days"], row["groups_used"]) == (9, 2)
    assert bool(row["meets_monthly_counts"]) is False


def test_caffeine_alone_is_not_a_headache_medicine() -> None:
    assert analysis.classify_medication("caffeine") is None
    assert analysis.classify_medication("Coffee with caffeine") is None
    # an analgesic with caffeine as an adjuvant is a combination analgesic (ICHD-3 8.2.5)
    assert analysis.classify_medication("Acetaminophen + caffeine") == "combination"
    assert analysis.classify_medication("aspirin/caffeine") == "combination"
    assert analysis.classify_medication("Excedrin") == "combination"
    assert analysis.classify_medication("ibuprofen") == "simple"
    records = headache_month_frame("2026-02-01", 16)
    for record in records[:12]:
        record["medications"] = "caffeine"
    out = analysis.headache_month(diary_frame(records))
    assert out["acute_medication_days"].iloc[0] == 0
    assert out["triptan_like_days"].iloc[0] == 0
    assert out.attrs["unmatched_medications"] == ["caffeine"]


def test_headache_days_are_days_with_pain_above_0() -> None:
    records = headache_month_frame("2026-02-01", 15, 10)
    records.append({"date": "2026-02-28", "pain": 0, "worst": 4})  # headache earlier that day
    row = analysis.headache_month(diary_frame(records)).iloc[0]
    assert row["headache_days"] == 16
    assert row["days_recorded"] == 28


def months(*spec: tuple[str, bool]) -> pd.DataFrame:
    records = []
    for month, high in spec:
        records += headache_month_frame(month, 16 if high else 5, 11 if high else 2)
    return diary_frame(records)


def test_the_flag_does_not_wait_for_months_in_a_row() -> None:
    """Headache on 15 or more days: talk with a doctor in that month, not after 3 months."""
    out = analysis.headache_month(
        months(("2026-01-01", False), ("2026-02-01", True), ("2026-03-01", True))
    )
    assert list(out["months_in_a_row"]) == [0, 1, 2]
    assert list(out["talk_with_doctor"]) == [False, True, True]
    first = out["note"].iloc[1]
    assert first.startswith("Talk with your doctor:")
    assert "see your doctor now" in first and "not a diagnosis" in first
    assert "in a row" not in first
    assert "2 months in a row" in out["note"].iloc[2]
    assert out["note"].iloc[0].startswith("This month:")
    for note in out["note"]:
        assert "3 months" not in note and "wait for" not in note


def test_headache_days_alone_raise_the_flag() -> None:
    """15 headache days with no medicine at all: a reason to see a doctor now."""
    row = analysis.headache_month(diary_frame(headache_month_frame("2026-02-01", 15))).iloc[0]
    assert bool(row["meets_monthly_counts"]) is False
    assert bool(row["talk_with_doctor"]) is True
    assert "medicine days are high" not in row["note"]
    row = analysis.headache_month(diary_frame(headache_month_frame("2026-02-01", 14))).iloc[0]
    assert bool(row["talk_with_doctor"]) is False


def test_months_in_a_row_run_is_broken_by_a_lower_month_or_a_missing_month() -> None:
    lower = analysis.headache_month(
        months(
            ("2026-01-01", True),
            ("2026-02-01", True),
            ("2026-03-01", False),
            ("2026-04-01", True),
            ("2026-05-01", True),
        )
    )
    assert list(lower["months_in_a_row"]) == [1, 2, 0, 1, 2]
    assert list(lower["talk_with_doctor"]) == [True, True, False, True, True]
    gap = analysis.headache_month(
        months(
            ("2026-01-01", True), ("2026-02-01", True), ("2026-04-01", True), ("2026-05-01", True)
        )
    )
    assert list(gap["months_in_a_row"]) == [1, 2, 1, 2]


def test_headache_month_lists_unmatched_medicines_and_takes_a_mapping() -> None:
    records = headache_month_frame("2026-02-01", 16, 0)
    for record in records[:12]:
        record["medications"] = "Nurtec; magnesium"
    df = diary_frame(records)
    out = analysis.headache_month(df)
    assert out.attrs["unmatched_medications"] == ["magnesium", "Nurtec"]
    assert out["acute_medication_days"].iloc[0] == 0
    edited = dict(analysis.MEDICATION_CLASSES, nurtec="triptan")
    out = analysis.headache_month(df, acute_medications=edited)
    assert out["triptan_like_days"].iloc[0] == 12
    assert bool(out["meets_monthly_counts"].iloc[0]) is True
    assert out.attrs["unmatched_medications"] == ["magnesium"]
    # only triptans count towards the 10 days when triptan_like says so
    out = analysis.headache_month(df, acute_medications=edited, triptan_like={"opioid"})
    assert out["triptan_like_days"].iloc[0] == 0


def test_headache_month_docstring_says_not_a_diagnosis() -> None:
    doc = analysis.headache_month.__doc__ or ""
    assert "ICHD-3" in doc and "Cephalalgia" in doc
    assert "NEVER a diagnosis" in doc


def test_ichd3_section_numbers_name_the_right_groups() -> None:
    """ICHD-3: 8.2.1 ergotamine, 8.2.2 triptans, 8.2.3 non-opioid analgesics (15 days),
    8.2.4 opioids, 8.2.5 combination analgesics, 8.2.6 several classes (10 days)."""
    source = Path(analysis.__file__).read_text(encoding="utf-8")
    assert "ICHD-3 8.2.2, simple" not in source and "8.2.1-8.2.3, 8.2.5" not in source
    for section, words in {
        "8.2.1": "ergotamine",
        "8.2.2": "triptans",
        "8.2.3": "non-opioid analgesics",
        "8.2.4": "opioids",
        "8.2.5": "combination analgesics",
    }.items():
        assert re.search(rf"{words} \(({section}|ICHD-3 {section})", source), section
    assert "(8.2.6)" in (analysis.headache_month.__doc__ or "")


# --------------------------------------------------------------------------- PAINAD logs


def test_painad_totals_and_contexts() -> None:
    obs = observation_frame(
        [
            {"date": "2026-03-02", "time": "09:00", "context": "resting", "breathing": 0,
             "vocalization": 0, "face": 1, "body_language": 0, "consolability": 0},
            {"date": "2026-03-02", "time": "10:00", "context": "Bathing", "breathing": 1,
             "vocalization": 2, "face": 2, "body_language": 1, "consolability": 1},
            {"date": "2026-03-03", "time": "10:00", "context": "bathing", "breathing": 2,
             "vocalization": 2, "face": 2, "body_language": 2, "consolability": 1},
            {"date": "2026-03-03", "time": "11:00", "context": None, "breathing": 0,
             "vocalization": None, "face": 0, "body_language": 0, "consolability": 0},
        ]
    )  # fmt: skip
    totals = analysis.painad_totals(obs)
    assert list(totals[:3]) == [1, 7, 9]
    assert pd.isna(totals.iloc[3])
    by = analysis.painad_by_context(obs)
    assert by.loc["bathing", "observations"] == 2
    assert by.loc["bathing", "mean"] == pytest.approx(8.0)
    assert by.loc["resting", "highest"] == 1
    bad = obs.copy()
    bad.loc[0, "face"] = 3
    with pytest.raises(ValueError, match="face"):
        analysis.painad_totals(bad)


def test_diary_attrs_are_kept_on_the_input_and_not_copied_into_results() -> None:
    df = days_of([3, 4, 5] * 10)
    df.attrs = {"source": "diary.csv", "lines": list(range(2, 32))}
    day = analysis.daily(df)
    assert day.attrs == {}
    assert df.attrs["lines"] == list(range(2, 32))
    pd.testing.assert_frame_equal(day, analysis.daily(days_of([3, 4, 5] * 10)))


def test_as_day_gives_midnight_and_names_a_bad_date() -> None:
    assert analysis.as_day("2026-03-01 18:30", "Start date") == pd.Timestamp("2026-03-01")
    with pytest.raises(ValueError, match="Start date: 'next week' is not a date"):
        analysis.as_day("next week", "Start date")
    with pytest.raises(ValueError, match="End date is missing"):
        analysis.as_day(pd.NaT, "End date")


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (5.0, 4.5, "lower at the end than at the start"),
        (5.0, 4.6, "about the same at the end as at the start"),
        (5.0, 5.4, "about the same at the end as at the start"),
        (5.0, 5.5, "higher at the end than at the start"),
    ],
)
def test_start_to_end_says_about_the_same_within_half_a_point(first, last, words) -> None:
    assert analysis.start_to_end(first, last) == words
