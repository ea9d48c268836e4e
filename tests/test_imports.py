"""Tests for painbook.imports: diaries brought from other apps.

The sample exports in tests/data/imports are made up, laid out as each app writes them.
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painbook import imports
from painbook.diary import CANONICAL_COLUMNS, DiaryError, read_diary, split_list, write_diary
from painbook.imports import bearable, privacy_friendly

DATA = Path(__file__).parent / "data" / "imports"
TZ = "America/Chicago"

SAMPLES = {
    "bearable.csv": "bearable",
    "migraine_buddy.csv": "migraine-buddy",
    "flaredown.csv": "flaredown",
    "crisiscore.csv": "crisiscore",
    "crisiscore.json": "crisiscore",
    "headi.csv": "headi",
    "privacy_friendly_pain_diary.json": "privacy-friendly-pain-diary",
    "apple_health_export.xml": "apple-health",
}
IMPORTABLE = [name for name, app in SAMPLES.items() if app != "apple-health"]


def _import(name: str, **kwargs) -> pd.DataFrame:
    kwargs.setdefault("tz", TZ)
    if SAMPLES[name] in ("bearable", "flaredown"):
        kwargs.setdefault("rescale", True)
    return imports.import_diary(DATA / name, **kwargs)


# --------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "app"), sorted(SAMPLES.items()))
def test_every_sample_is_detected(name: str, app: str) -> None:
    assert imports.detect(DATA / name) == app
    assert imports.detect((DATA / name).read_bytes()) == app  # bytes, as from an upload


def test_a_plain_diary_and_other_files_are_no_app() -> None:
    assert imports.detect(b"date,time,pain,notes\r\n2026-03-02,08:00,4,\r\n") is None
    assert imports.detect(b'{"entries": []}') is None
    assert imports.detect(b"<html><body>hello</body></html>") is None


def test_an_apple_health_zip_is_detected() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "apple_health_export/export.xml", (DATA / "apple_health_export.xml").read_bytes()
        )
    assert imports.detect(buffer.getvalue()) == "apple-health"


def test_an_unknown_file_is_refused_with_the_apps_named() -> None:
    with pytest.raises(DiaryError, match="not an export this book knows") as caught:
        imports.import_diary(b"date,time,pain\r\n2026-03-02,08:00,4\r\n")
    assert "read_diary" in str(caught.value) and "Migraine Buddy" in str(caught.value)


# --------------------------------------------------------------------------------------
# The contract of read_diary, and saving
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", IMPORTABLE)
def test_an_import_has_the_diary_contract(name: str) -> None:
    df = _import(name)
    assert list(df.columns[: len(CANONICAL_COLUMNS)]) == list(CANONICAL_COLUMNS)
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert df["pain"].dtype == "float64" and df["pain"].between(0, 10).all()
    assert isinstance(df.index, pd.RangeIndex)
    assert df.attrs["import_report"].startswith(f"Imported {len(df)} ")


@pytest.mark.parametrize("name", IMPORTABLE)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_import_saved_reads_back_unchanged(name: str, suffix: str, tmp_path: Path) -> None:
    df = _import(name)
    back = read_diary(write_diary(df, tmp_path / f"diary{suffix}"))
    pd.testing.assert_frame_equal(back, df)


# --------------------------------------------------------------------------------------
# Each app's values
# --------------------------------------------------------------------------------------


def _stamp(df: pd.DataFrame, i: int) -> str:
    time = df["time"].iloc[i]
    return df["date"].iloc[i].strftime("%Y-%m-%d") + ("" if pd.isna(time) else f" {time}")


def test_bearable_becomes_one_entry_per_date_and_part_of_day() -> None:
    df = _import("bearable.csv")
    # 24 rows; pain symptoms on 5 (date, part of day) pairs
    assert len(df) == 5
    assert list(df["Part of day"]) == ["morning", "evening", "before dawn", "afternoon", "morning"]
    # highest pain symptom: back pain moderate (2) over headache mild (1) -> 5
    assert df["pain"].tolist() == [5.0, 7.5, 10.0, 2.5, 5.0]
    assert df["Bearable rating (0-4)"].tolist() == ["2", "3", "4", "1", "2"]
    assert df["pain"].mean() == pytest.approx(6.0)
    # medicines joined the part of day of their clock time
    assert df["medications"].tolist()[:3] == [
        "Ibuprofen 400 mg",
        "Paracetamol 500 mg",
        "Sumatriptan 50 mg",
    ]
    assert df["sleep_hours"].tolist()[:4] == [6.5, 6.5, 5.25, 5.25]
    assert split_list(df["Factors"].iloc[0]) == ["Sedentary", "With family"]
    assert df["Other symptoms"].iloc[0] == "Fatigue (Mild)"
    assert "Slow start" in df["Bearable notes"].iloc[0]
    assert df["time"].isna().all()


def test_bearable_pain_symptoms_can_be_named() -> None:
    df = _import("bearable.csv", pain_symptoms=["Migraine"])
    assert len(df) == 1 and df["pain"].iloc[0] == 10.0


def test_migraine_buddy_values_and_lists() -> None:
    df = _import("migraine_buddy.csv")
    assert len(df) == 4
    assert _stamp(df, 0) == "2026-03-01 07:20"
    assert df["pain"].mean() == pytest.approx((6 + 8 + 3 + 9) / 4)
    assert split_list(df["locations"].iloc[0]) == ["Right Temple", "Right Eye"]
    assert split_list(df["worsened"].iloc[0]) == ["Lack of sleep", "Bright light"]
    assert split_list(df["helped"].iloc[0]) == ["Sumatriptan", "Dark room", "Cold pack"]
    assert split_list(df["medications"].iloc[3]) == ["Rizatriptan", "Ibuprofen"]
    assert pd.isna(df["medications"].iloc[2])  # "No medication" is not a medicine
    assert "but still tired" in df["notes"].iloc[3]


def test_migraine_buddy_drops_the_geohash_and_says_so() -> None:
    df = _import("migraine_buddy.csv")
    assert not any("geohash" in c.casefold() for c in df.columns)
    assert not df.astype(str).apply(lambda c: c.str.contains("9yzgd")).any().any()
    report = df.attrs["import_report"]
    assert "'Geohash' column" in report and "dropped" in report
    assert "attack 4 (line 8): it has no pain level" in report
    assert "1 ongoing attack" in report


def test_flaredown_rescaled_and_its_saving_time_dropped() -> None:
    df = _import("flaredown.csv")
    assert len(df) == 3  # 4 March has no pain symptom rated
    assert [_stamp(df, i) for i in range(3)] == ["2026-03-02", "2026-03-03", "2026-03-05"]
    assert df["pain"].tolist() == [5.0, 7.5, 10.0]
    assert df["Flaredown rating (0-4)"].tolist() == ["2", "3", "4"]
    assert split_list(df["medications"].iloc[0]) == ["Ibuprofen 400 mg", "Gentle walk"]
    assert split_list(df["medications"].iloc[1]) == ["Gentle walk"]
    assert split_list(df["Tags"].iloc[0]) == ["stress", "poor sleep"]
    assert "line 4 (2026-03-04): no pain symptom was rated" in df.attrs["import_report"]


def test_crisiscore_csv_and_json_give_the_same_local_times() -> None:
    csv, js = _import("crisiscore.csv"), _import("crisiscore.json")
    # 2026-03-03 02:45 UTC is 20:45 the day before in Chicago (UTC-6)
    assert [_stamp(csv, i) for i in range(4)] == [
        "2026-03-02 09:20",
        "2026-03-02 20:45",
        "2026-03-04 06:05",
        "2026-03-04 23:30",
    ]
    assert [_stamp(js, i) for i in range(4)] == [_stamp(csv, i) for i in range(4)]
    assert csv["pain"].tolist() == js["pain"].tolist() == [6.0, 8.0, 4.0, 5.0]
    assert split_list(csv["locations"].iloc[0]) == ["lower back", "right hip"]
    assert csv["notes"].iloc[1] == 'Bad night, "pins and needles" too'
    assert split_list(js["medications"].iloc[0]) == ["Naproxen (220 mg, twice a day)"]
    assert js["worsened"].iloc[1] == "cold weather"
    assert split_list(js["helped"].iloc[1]) == ["heat pad", "stretching"]
    assert "America/Chicago" in csv.attrs["import_report"]


def test_crisiscore_times_follow_the_time_zone_asked_for() -> None:
    df = _import("crisiscore.csv", tz="Europe/Berlin")
    assert _stamp(df, 1) == "2026-03-03 03:45"


def test_headi_epoch_milliseconds_become_local_times() -> None:
    df = _import("headi.csv")
    # 1772422200000 ms is 2026-03-02 03:30 UTC, 21:30 on 1 March in Chicago
    assert _stamp(df, 0) == "2026-03-01 21:30"
    assert df["pain"].tolist() == [7.0, 4.0, 8.0, 3.0]
    assert df["Kind of pain"].iloc[0] == "Migraine"
    assert df["Minutes"].tolist() == ["150", "45", "210", "90"]
    assert pd.isna(df["medications"].iloc[2]) and pd.isna(df["notes"].iloc[3])  # "null"


def test_privacy_friendly_backup_codes_become_words() -> None:
    df = _import("privacy_friendly_pain_diary.json")
    assert len(df) == 3
    assert split_list(df["locations"].iloc[0]) == ["left knee", "right knee"]
    assert df["locations"].iloc[1] == "right knee (back)"
    assert split_list(df["qualities"].iloc[0]) == ["stabbing", "dull"]
    assert df["medications"].iloc[0] == "Ibuprofen 400 mg"
    assert df["When medicines were taken"].iloc[2] == "Paracetamol: night 2"
    assert df["How I felt (0-4)"].iloc[0] == "1 (bad)"
    assert "Sam" not in df.to_string()  # the profile is not imported
    assert "profile" in df.attrs["import_report"]


@pytest.mark.parametrize("code", range(44))
def test_every_body_region_code_has_words(code: int) -> None:
    words = privacy_friendly.region(code)
    assert words and words.endswith("(back)") == (code >= 22)


# --------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "scale"), [("bearable.csv", "1 (mild) to 4"), ("flaredown.csv", "0 (none) to 4")]
)
def test_a_0_to_4_scale_is_never_rescaled_silently(name: str, scale: str) -> None:
    with pytest.raises(DiaryError) as caught:
        imports.import_diary(DATA / name, tz=TZ)
    message = str(caught.value)
    assert scale in message and "rescale=True" in message and "2.5" in message
    assert caught.value.column == "pain"


def test_apple_health_is_refused_and_says_what_it_holds() -> None:
    with pytest.raises(DiaryError) as caught:
        imports.import_diary(DATA / "apple_health_export.xml", tz=TZ, rescale=True)
    message = str(caught.value)
    assert "3 pain symptom records" in message and "mild, moderate or severe" in message
    assert "Nothing was imported" in message
    found = imports.apple_health_symptoms(DATA / "apple_health_export.xml", tz=TZ)
    assert found["symptom"].tolist() == ["headache", "lower back pain", "headache"]
    assert found["severity"].tolist() == ["moderate", "severe", "mild"]
    assert found["time"].iloc[0] == "09:30"


def test_an_unknown_app_id_and_time_zone_are_refused() -> None:
    with pytest.raises(DiaryError, match="app='myapp'"):
        imports.import_diary(DATA / "headi.csv", app="myapp")
    with pytest.raises(DiaryError, match="not a time zone name"):
        imports.import_diary(DATA / "headi.csv", tz="Mars/Olympus")


def test_the_default_time_zone_is_the_computers_and_is_named() -> None:
    df = imports.import_diary(DATA / "headi.csv")
    assert "this computer's time zone" in df.attrs["import_report"]
    moment = _dt.datetime.fromtimestamp(1772422200, tz=_dt.UTC).astimezone()
    assert _stamp(df, 0) == moment.strftime("%Y-%m-%d %H:%M")


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------


@given(
    millis=st.integers(min_value=0, max_value=4_000_000_000_000),
    strength=st.integers(min_value=0, max_value=10),
    zone=st.sampled_from(["UTC", "America/Chicago", "Asia/Kolkata", "Pacific/Auckland"]),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_headi_times_are_the_utc_moment_on_the_local_clock(
    tmp_path_factory, millis: int, strength: int, zone: str
) -> None:
    text = (
        "_id,pain,start_date,end_date,duration,strength,medication,medication_amount,description\n"
        f"1,Migraine,{millis},{millis + 60000},60000,{strength},null,0,null\n"
    )
    df = imports.import_diary(text.encode(), tz=zone)
    from zoneinfo import ZoneInfo

    local = _dt.datetime.fromtimestamp(millis / 1000, tz=ZoneInfo(zone))
    assert _stamp(df, 0) == local.strftime("%Y-%m-%d %H:%M")
    assert df["pain"].iloc[0] == strength
    saved = write_diary(df, tmp_path_factory.mktemp("headi") / "diary.csv")
    pd.testing.assert_frame_equal(read_diary(saved), df)


_NAME = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=8)


@given(
    ratings=st.lists(
        st.tuples(st.integers(1, 4), st.sampled_from(["pre", "am", "mid", "pm"])),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_bearable_pain_is_the_highest_rating_of_its_part_of_day_times_2_5(ratings) -> None:
    words = {1: "Mild", 2: "Moderate", 3: "Severe", 4: "Unbearable"}
    lines = ["date,weekday,time of day,category,rating/amount,detail,notes"]
    for rating, part in ratings:
        detail = f"Knee pain ({words[rating]})"
        lines.append(f'"2nd Mar 2026","Monday","{part}","Symptom","{rating}","{detail}",""')
    df = imports.import_diary("\n".join(lines).encode(), rescale=True)
    expected = {}
    for rating, part in ratings:
        expected[part] = max(expected.get(part, 0), rating)
    order = [p for p in ("pre", "am", "mid", "pm") if p in expected]
    assert df["pain"].tolist() == [expected[p] * 2.5 for p in order]
    assert list(df["Part of day"]) == [bearable.PARTS[p] for p in order]


@given(items=st.lists(_NAME, min_size=1, max_size=5))
@settings(max_examples=40, deadline=None)
def test_migraine_buddy_comma_lists_become_diary_lists(items: list[str]) -> None:
    text = (DATA / "migraine_buddy.csv").read_text()
    text = text.replace('"Right Temple, Right Eye"', '"' + ", ".join(items) + '"')
    df = imports.import_diary(text.encode())
    assert split_list(df["locations"].iloc[0]) == list(dict.fromkeys(items))


def test_a_large_apple_health_export_is_read_from_disk_in_pieces(tmp_path, monkeypatch) -> None:
    from painbook.imports import _common

    monkeypatch.setattr(_common, "LARGE", 10_000)  # treat this small file as a large one
    head, tail = (DATA / "apple_health_export.xml").read_text().split(" <Record", 1)
    steps = "".join(
        f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
        f'startDate="2026-03-0{1 + i % 9} 09:00:00 -0600" endDate="2026-03-01 09:10:00 -0600" '
        f'value="{i}"/>\n'
        for i in range(5000)
    )
    path = tmp_path / "export.xml"
    path.write_text(head + steps + " <Record" + tail)
    assert path.stat().st_size > 10 * _common.LARGE
    assert len(_common.load(path).data) == 65536  # only the start was read into memory
    assert imports.detect(path) == "apple-health"
    found = imports.apple_health_symptoms(path, tz=TZ)
    assert found["symptom"].tolist() == ["headache", "lower back pain", "headache"]
    zipped = tmp_path / "export.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, "apple_health_export/export.xml")
    assert imports.detect(zipped) == "apple-health"
    with pytest.raises(DiaryError, match="3 pain symptom records"):
        imports.import_diary(zipped, tz=TZ)


@pytest.mark.parametrize("name", IMPORTABLE)
def test_the_report_says_what_became_what_and_what_was_kept(name: str) -> None:
    df = _import(name)
    report = df.attrs["import_report"]
    assert "Brought across: " in report and "as pain score (pain)" in report
    extras = list(df.columns[len(CANONICAL_COLUMNS) :])
    assert f"Kept as extra columns: {', '.join(extras)}." in report
    assert ("Skipped" in report) != ("No rows were skipped." in report)


def test_rows_whose_date_cannot_be_read_are_skipped_and_named() -> None:
    text = (DATA / "flaredown.csv").read_text().replace("2026-03-03T13:02:44+00:00", "soon")
    df = imports.import_diary(text.encode(), rescale=True)
    assert len(df) == 2
    assert "line 3: the date 'soon' cannot be read" in df.attrs["import_report"]
    text = (DATA / "crisiscore.csv").read_text().replace("2026-03-04,12:05", "2026-03-04,")
    df = imports.import_diary(text.encode(), tz=TZ)
    assert _stamp(df, 2) == "2026-03-04"  # a date without a time is kept as written


def test_crisiscore_minimal_exports_are_read_too() -> None:
    csv = (
        'Date,Time,Pain Level,Symptoms,Medication Log\\n2026-03-03,02:45,7,"burning",'
        '"Naproxen (220 mg, twice a day); Heat (as needed, )"'
    )
    assert imports.detect(csv.encode()) == "crisiscore"
    df = imports.import_diary(csv.encode(), tz=TZ)
    assert _stamp(df, 0) == "2026-03-02 20:45" and df["pain"].iloc[0] == 7.0
    assert split_list(df["medications"].iloc[0])[0] == "Naproxen (220 mg, twice a day)"
    minimal = (
        '[{"id": "a1", "timestamp": "2026-03-03T02:45:00.000Z", "painLevel": 7, '
        '"symptoms": ["burning"], "medications": [{"name": "Naproxen", "dosage": "220 mg", '
        '"frequency": "twice a day"}]}]'
    )
    assert imports.detect(minimal.encode()) == "crisiscore"
    df = imports.import_diary(minimal.encode(), tz=TZ)
    assert _stamp(df, 0) == "2026-03-02 20:45"
    assert df["medications"].iloc[0] == "Naproxen (220 mg, twice a day)"
    assert df["symptoms"].iloc[0] == "burning" and df["id"].iloc[0] == "a1"


def test_flaredown_pain_symptoms_can_be_named_and_none_is_refused() -> None:
    df = _import("flaredown.csv", pain_symptoms=["Fibromyalgia"])
    assert df["pain"].tolist() == [7.5, 5.0, 5.0, 2.5]  # Fibromyalgia 3, 2, 2, 1
    with pytest.raises(DiaryError, match="pain_symptoms=") as caught:
        _import("flaredown.csv", pain_symptoms=["Nothing like this"])
    assert "'Fibromyalgia'" in str(caught.value)
