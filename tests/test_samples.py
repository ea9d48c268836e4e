"""Tests for painbook.samples: the made-up personas and the shipped sample files."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from painbook import analysis, diary, samples

DATA = Path(samples.__file__).parent / "data"


@pytest.fixture(scope="module")
def back_pain() -> pd.DataFrame:
    return samples.back_pain_diary()


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return samples.dementia_observations()


@pytest.fixture(scope="module")
def migraine() -> pd.DataFrame:
    return samples.migraine_diary()


# --------------------------------------------------------------------------- the contract


def test_column_lists_match_the_diary_module() -> None:
    assert samples.DIARY_COLUMNS == diary.CANONICAL_COLUMNS
    assert samples.OBSERVATION_COLUMNS == diary.OBSERVATION_COLUMNS


@pytest.mark.parametrize("name", ["back_pain_diary", "migraine_diary"])
def test_diaries_follow_the_dataframe_contract(name: str) -> None:
    df = getattr(samples, name)()
    assert tuple(df.columns[: len(diary.CANONICAL_COLUMNS)]) == diary.CANONICAL_COLUMNS
    assert df["date"].dtype == "datetime64[ns]"
    assert (df["date"] == df["date"].dt.normalize()).all()
    assert df["time"].dtype == pd.StringDtype()
    for column in (*diary.SCORE_COLUMNS, "sleep_hours"):
        assert df[column].dtype == "float64", column
    for column in (*diary.LIST_COLUMNS, "notes"):
        assert df[column].dtype == pd.StringDtype(), column
    assert isinstance(df.index, pd.RangeIndex)
    assert df["time"].str.fullmatch(r"\d\d:\d\d").all()
    assert df["pain"].between(0, 10).all()


def test_observations_follow_the_contract(observations: pd.DataFrame) -> None:
    assert tuple(observations.columns) == diary.OBSERVATION_COLUMNS
    for item in diary.PAINAD_ITEMS:
        assert observations[item].dtype == "Int64"
        assert observations[item].isin([0, 1, 2]).all()
    assert observations["context"].dtype == pd.StringDtype()


def test_generators_are_seeded(back_pain: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(samples.back_pain_diary(), back_pain)
    pd.testing.assert_frame_equal(samples.generate_diary(1), samples.generate_diary(1))
    other = samples.generate_diary(1, seed=7)
    assert not other["pain"].equals(samples.generate_diary(1)["pain"])


# --------------------------------------------------------------------------- the personas


def test_back_pain_persona(back_pain: pd.DataFrame) -> None:
    day = analysis.daily(back_pain)
    assert len(day) == 84  # 12 weeks, every day
    assert set(day["entries"]) == {1, 2}
    assert back_pain["time"].notna().all()
    for column in diary.CANONICAL_COLUMNS:
        assert back_pain[column].notna().any(), column  # every column is used
    assert "steps" in back_pain.columns  # an extra column of her own
    progress = analysis.progress(back_pain).set_index("measure")  # first vs last 2 weeks
    assert progress.loc["pain", "percent"] <= -30
    assert progress.loc["pain", "category"] in ("moderate", "substantial")
    assert len(analysis.flares(back_pain)) >= 2
    helped = analysis.helped_worsened(back_pain)
    assert (helped["list"] == "helped").sum() >= 3
    assert (helped["list"] == "worsened").sum() >= 3


@pytest.mark.parametrize("name", ["back_pain_diary", "migraine_diary"])
def test_medicines_are_written_without_doses(name: str) -> None:
    meds = getattr(samples, name)()["medications"].dropna()
    assert len(meds) > 10
    assert not meds.str.contains(r"\d").any()
    assert not meds.str.contains(r"\b(?:mg|ml|tablet|pill)s?\b", flags=re.IGNORECASE).any()


def test_dementia_persona(observations: pd.DataFrame) -> None:
    days = observations["date"].nunique()
    assert 26 <= days <= 31
    assert set(observations["context"]) == {"resting", "bathing", "moving"}
    by = analysis.painad_by_context(observations)
    assert by.loc["moving", "mean"] >= by.loc["resting", "mean"] + 2
    assert by.loc["bathing", "mean"] >= by.loc["resting", "mean"] + 2


def test_migraine_persona_shows_the_overuse_flag(migraine: pd.DataFrame) -> None:
    months = analysis.headache_month(migraine)
    assert len(months) == 4
    assert months["meets_monthly_counts"].all()
    assert months["talk_with_doctor"].all()  # headache on 17 to 20 days every month
    assert list(months["months_in_a_row"]) == [1, 2, 3, 4]
    assert months.attrs["unmatched_medications"] == []


def test_generate_diary_size_and_shape() -> None:
    df = samples.generate_diary(years=2, per_day=3)
    n_days = round(2 * 365.25)
    assert len(df) == n_days * 3
    assert df["date"].nunique() == n_days
    assert tuple(df.columns[:15]) == diary.CANONICAL_COLUMNS
    assert "weather" in df.columns
    assert df["notes"].iloc[0].startswith("Made-up")


# --------------------------------------------------------------------------- shipped files


def test_shipped_files_are_what_write_samples_writes(tmp_path: Path) -> None:
    written = samples.write_samples(tmp_path)
    assert sorted(p.name for p in written) == sorted(samples.SAMPLE_FILES.values())
    for path in written:
        shipped = DATA / path.name
        assert shipped.read_bytes() == path.read_bytes(), path.name
    assert not list(tmp_path.glob("*.bak"))


@pytest.mark.parametrize("name", list(samples.SAMPLE_FILES))
def test_shipped_files_read_back_to_the_generators(name: str) -> None:
    reader = diary.read_observations if name == "dementia_observations" else diary.read_diary
    got = reader(samples.path(name))
    got.attrs = {}
    pd.testing.assert_frame_equal(got, getattr(samples, name)())


@pytest.mark.parametrize("name", list(samples.SAMPLE_FILES))
def test_files_say_the_people_are_made_up(name: str) -> None:
    reader = diary.read_observations if name == "dementia_observations" else diary.read_diary
    first_note = reader(samples.path(name))["notes"].iloc[0]
    assert first_note.startswith("Made-up example:")
    assert "not a real person" in first_note
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "made up" in readme.lower()
    assert samples.SAMPLE_FILES[name] in readme


def test_path_rejects_unknown_names() -> None:
    assert samples.path("migraine_diary") == samples.path("migraine_diary.csv")
    with pytest.raises(ValueError, match="No sample"):
        samples.path("someone_else")


# --------------------------------------------------------------------------- blank files


def test_shipped_blank_files_are_what_write_templates_writes(tmp_path: Path) -> None:
    written = samples.write_templates(tmp_path)
    assert sorted(p.name for p in written) == sorted(samples.TEMPLATE_FILES.values())
    for path in written:
        assert (DATA / path.name).read_bytes() == path.read_bytes(), path.name


def test_blank_files_read_back_empty_with_every_column() -> None:
    blank_diary = diary.read_diary(samples.template_path("diary"))
    assert blank_diary.empty and tuple(blank_diary.columns) == diary.CANONICAL_COLUMNS
    blank_log = diary.read_observations(samples.template_path("blank-observation-log.csv"))
    assert blank_log.empty and tuple(blank_log.columns) == diary.OBSERVATION_COLUMNS
    with pytest.raises(ValueError, match="Blank files: diary, observations"):
        samples.template_path("back_pain_diary")


def test_an_entry_can_be_added_to_a_copy_of_the_blank_diary(tmp_path: Path) -> None:
    mine = tmp_path / "my-diary.csv"
    mine.write_bytes(samples.template_path("diary").read_bytes())
    saved = diary.append_entry(mine, {"date": "2026-05-01", "pain": 3})
    assert len(saved) == 1 and saved["pain"].iloc[0] == 3
