"""Unit tests for painbook.scales: NRS bands, PEG, PAINAD and meaningful change."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from painbook import scales
from painbook.scales import (
    CHANGE_CATEGORIES,
    DEFAULT_BANDS,
    PAINAD_ITEMS,
    PAINAD_LABELS,
    band_series,
    change_category,
    nrs_band,
    painad,
    peg,
    percent_change,
    validate_bands,
)

# --------------------------------------------------------------------------- NRS bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (4, "mild"),
        (5, "moderate"),
        (6, "moderate"),
        (7, "severe"),
        (10, "severe"),
    ],
)
def test_nrs_band_edges(score: int, band: str) -> None:
    assert nrs_band(score) == band
    assert nrs_band(float(score)) == band
    assert nrs_band(np.int64(score)) == band


@pytest.mark.parametrize(
    ("score", "band"),
    [(0.49, "none"), (0.5, "mild"), (4.49, "mild"), (4.5, "moderate"), (6.5, "severe")],
)
def test_nrs_band_rounds_averages_half_up(score: float, band: str) -> None:
    assert nrs_band(score) == band


def test_default_bands_are_serlin() -> None:
    assert DEFAULT_BANDS == (
        ("none", 0, 0),
        ("mild", 1, 4),
        ("moderate", 5, 6),
        ("severe", 7, 10),
    )
    assert "Serlin" in (nrs_band.__doc__ or "")


@pytest.mark.parametrize("bad", [-1, -0.01, 10.01, 11, math.nan, "5", None, True, [5]])
def test_nrs_band_rejects_bad_scores(bad: object) -> None:
    with pytest.raises(ValueError, match="Pain score"):
        nrs_band(bad)


def test_nrs_band_custom_bands() -> None:
    bands = (("low", 0, 3), ("high", 4, 10))
    assert nrs_band(3, bands) == "low"
    assert nrs_band(4, bands) == "high"
    assert nrs_band(0, bands) == "low"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ((("a", 0, 3), ("b", 5, 10)), "should start at 4"),  # gap
        ((("a", 0, 5), ("b", 5, 10)), "should start at 6"),  # overlap
        ((("a", 1, 10),), "should start at 0"),
        ((("a", 0, 3), ("b", 4, 9)), "must end at 10"),
        ((("a", 0, 3), ("b", 4, 11)), "must end at 10"),
        ((("a", 0, 3), ("a", 4, 10)), "different"),
        ((("a", 0, 3.5), ("b", 4, 10)), "whole numbers"),
        ((("a", 0, 5), ("b", 6)), r"\(label, lowest, highest\)"),
        ((("", 0, 10),), "label"),
        ((("a", 0, -1), ("b", 0, 10)), "ends"),
        ((), "non-empty"),
        ("none 0", "non-empty"),
    ],
)
def test_bad_bands_are_rejected(bands: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_bands(bands)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        nrs_band(3, bands)  # type: ignore[arg-type]


def test_band_series_matches_nrs_band() -> None:
    grid = np.round(np.arange(0, 10.001, 0.05), 2)
    values = pd.Series(np.append(grid, np.nan))
    result = band_series(values)
    assert list(result.cat.categories) == ["none", "mild", "moderate", "severe"]
    for value, band in zip(grid, result.iloc[:-1], strict=True):
        assert band == nrs_band(float(value)), value
    assert pd.isna(result.iloc[-1])


def test_band_series_rejects_out_of_range() -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        band_series(pd.Series([3.0, 11.0]))


# --------------------------------------------------------------------------- PEG


def test_peg_is_the_mean_of_three_items() -> None:
    assert peg(6, 5, 7) == 6.0
    assert peg(0, 0, 0) == 0.0
    assert peg(10, 10, 10) == 10.0
    assert peg(1, 2, 2) == pytest.approx(5 / 3)
    assert "Krebs" in (peg.__doc__ or "")


@pytest.mark.parametrize(
    ("args", "item"),
    [
        ((11, 5, 5), "pain"),
        ((5, -1, 5), "enjoyment"),
        ((5, 5, math.nan), "activity"),
        ((5, "5", 5), "enjoyment"),
        ((None, 5, 5), "pain"),
    ],
)
def test_peg_rejects_bad_items(args: tuple, item: str) -> None:
    with pytest.raises(ValueError, match=item):
        peg(*args)


# --------------------------------------------------------------------------- PAINAD


def test_painad_sums_five_items() -> None:
    assert painad(0, 0, 0, 0, 0) == 0
    assert painad(2, 2, 2, 2, 2) == 10
    assert painad(0, 1, 1, 2, 1) == 5
    assert painad(1.0, 0, 0, 0, 0) == 1
    assert isinstance(painad(1, 1, 1, 1, 1), int)
    assert "Warden" in (painad.__doc__ or "")


@pytest.mark.parametrize(
    "bad",
    [
        (3, 0, 0, 0, 0),
        (0, -1, 0, 0, 0),
        (0, 0, 1.5, 0, 0),
        (0, 0, 0, math.nan, 0),
        (0, 0, 0, 0, "2"),
    ],
)
def test_painad_rejects_items_outside_0_1_2(bad: tuple) -> None:
    with pytest.raises(ValueError, match="PAINAD item"):
        painad(*bad)


def test_painad_item_descriptions() -> None:
    assert tuple(PAINAD_ITEMS) == (
        "breathing",
        "vocalization",
        "face",
        "body_language",
        "consolability",
    )
    assert tuple(PAINAD_LABELS) == tuple(PAINAD_ITEMS)
    for item, levels in PAINAD_ITEMS.items():
        assert tuple(levels) == (0, 1, 2), item
        texts = list(levels.values())
        assert all(isinstance(t, str) and len(t) > 10 for t in texts), item
        assert len(set(texts)) == 3, item
    with pytest.raises(TypeError):
        PAINAD_ITEMS["face"][0] = "changed"  # type: ignore[index]


def test_painad_descriptions_are_our_own_words() -> None:
    # Phrases of the published form: the workbook describes the levels in its own words.
    published = [
        "occasional labored breathing",
        "cheyne-stokes",
        "low level speech with a negative or disapproving quality",
        "repeated troubled calling out",
        "sad. frightened. frown",
        "distressed pacing",
        "knees pulled up",
        "unable to console, distract or reassure",
        "distracted or reassured by voice or touch",
    ]
    text = " ".join(t for levels in PAINAD_ITEMS.values() for t in levels.values()).lower()
    for phrase in published:
        assert phrase not in text


# --------------------------------------------------------------------------- change


def test_percent_change() -> None:
    assert percent_change(10, 7) == -30.0
    assert percent_change(4, 5) == 25.0
    assert percent_change(6, 4.2) == -30.0  # not -29.999999999999996
    assert percent_change(0, 0) == 0.0
    assert percent_change(0, 3) == math.inf


@pytest.mark.parametrize("bad", [(-1, 5), (5, 11), (math.nan, 5), ("6", 4), (6, None), (True, 4)])
def test_percent_change_rejects_bad_input(bad: tuple) -> None:
    with pytest.raises(ValueError, match="score"):
        percent_change(*bad)
    with pytest.raises(ValueError, match="score"):
        change_category(*bad)


@pytest.mark.parametrize(
    ("baseline", "recent", "category"),
    [
        (10, 10, "no meaningful change"),
        (10, 9.01, "no meaningful change"),  # 9.9% less
        (10, 9, "minimal"),  # 10% less
        (10, 8, "minimal"),  # 20% less
        (10, 7.01, "minimal"),  # 29.9% less
        (10, 7, "moderate"),  # 30% less
        (6, 4.2, "moderate"),  # 30% less, with binary floating point in the way
        (10, 5.01, "moderate"),  # 49.9% less
        (10, 5, "substantial"),  # 50% less
        (4, 0, "substantial"),
        (5, 5.49, "no meaningful change"),  # 9.8% more
        (5, 5.5, "no meaningful change"),  # 10% more, but only 0.5 points
        (2, 2.2, "no meaningful change"),  # 10% more, 0.2 points: under the floor
        (5, 5.99, "no meaningful change"),  # 19.8% more, 0.99 points
        (5, 6, "worse"),  # 20% more and 1 point
        (9, 9.99, "no meaningful change"),  # 11% more, 0.99 points
        (9, 10, "worse"),  # 11.1% more and 1 point
        (2, 8, "worse"),
        (0, 0, "no meaningful change"),
        (0, 0.5, "no meaningful change"),  # from no pain, but half a point
        (0, 1, "worse"),
    ],
)
def test_change_category_boundaries(baseline: float, recent: float, category: str) -> None:
    result = change_category(baseline, recent)
    assert result.category == category
    assert result.category in CHANGE_CATEGORIES


@pytest.mark.parametrize(
    ("baseline", "recent", "meaningful"),
    [
        (8, 6, True),  # 2 points (25%)
        (8, 6.1, False),  # 1.9 points (23.75%)
        (3, 2.1, True),  # 30% (0.9 points)
        (3, 2.2, False),  # 26.7% (0.8 points)
        (9, 6.5, True),
        (4, 6, False),  # worse
        (0, 0, False),
    ],
)
def test_farrar_rule(baseline: float, recent: float, meaningful: bool) -> None:
    assert change_category(baseline, recent).farrar_meaningful is meaningful


def test_change_result_fields_and_text() -> None:
    result = change_category(6, 4)
    assert result.points == -2.0
    assert result.percent == pytest.approx(-33.333333333)
    assert (result.baseline, result.recent) == (6.0, 4.0)
    text = result.describe()
    assert "6.0" in text and "4.0" in text and "33% less" in text
    with pytest.raises(AttributeError):
        result.category = "worse"  # type: ignore[misc]
    assert "went up" in change_category(0, 2).describe()
    small = change_category(2, 2.2).describe()
    assert "10% more" in small and "less than 1 point" in small and "worse" in small
    assert "1 point or more" in change_category(2, 3).describe()
    assert "stayed at" in change_category(5, 5).describe()


def test_sources_are_cited() -> None:
    doc = scales.__doc__ or ""
    for source in ("Serlin", "Krebs", "Warden", "Dworkin", "Farrar"):
        assert source in doc
    assert "IMMPACT" in (change_category.__doc__ or "")
    assert "worse" in (change_category.__doc__ or "")
    assert "workbook's own rule" in (change_category.__doc__ or "")
    assert "WORSE_MIN_POINTS" in (change_category.__doc__ or "")
