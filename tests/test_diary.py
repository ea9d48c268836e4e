"""Tests for painbook.diary: reading, checking and writing a pain diary.

The bad-file corpus (tests/data/bad) holds one small file per kind of problem; BAD_CASES
says, for each, the line and column the error must name and a phrase of its message. The
good corpus (tests/data/good) holds the variants a caregiver's file may come in. Excel files
of both corpora are built by tests/data/make_bad_xlsx.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pickle
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painbook import diary
from painbook.diary import (
    CANONICAL_COLUMNS,
    LIST_COLUMNS,
    OBSERVATION_COLUMNS,
    SCORE_COLUMNS,
    DiaryError,
    canonical_column,
    check_duplicates,
    empty_diary,
    read_diary,
    read_observations,
    split_list,
    write_diary,
    write_observations,
)

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"

#: Words that start the "how to fix it" part of a message.
FIX_WORDS = ("Change", "Save", "Add", "Rename", "Write", "Put", "Move", "Choose", "Remove", "Open")

# --------------------------------------------------------------------------------------
# The bad-file corpus
# --------------------------------------------------------------------------------------

# (file, reader, line, column, phrase that must be in the message)
BAD_CASES: list[tuple[str, str, int | None, str | None, str]] = [
    ("empty.csv", "diary", None, None, "is empty"),
    ("only_blank_lines.csv", "diary", None, None, "is empty"),
    ("missing_pain_column.csv", "diary", 1, "pain", "has no 'pain' column"),
    ("missing_date_column.csv", "diary", 1, "date", "has no 'date' column"),
    ("headings_missing.csv", "diary", 1, "date", "looks like an entry, not headings"),
    ("pain_above_10.csv", "diary", 5, "Pain (0-10)", "11 is above 10"),
    ("pain_below_0.csv", "diary", 3, "pain", "-1 is below 0"),
    ("pain_not_a_number.csv", "diary", 3, "pain", "'bad' is not a number"),
    ("pain_out_of_10.csv", "diary", 2, "pain", "change it to 5"),
    ("pain_empty.csv", "diary", 3, "pain", "the pain score is empty"),
    ("pain_word_nan.csv", "diary", 2, "pain", "'nan' is not a number"),
    ("peg_activity_above_10.csv", "diary", 2, "General activity interference", "15 is above 10"),
    ("mood_below_0.csv", "diary", 2, "mood", "-2 is below 0"),
    ("worst_not_a_number.csv", "diary", 2, "Worst pain", "'N/A' is not a number"),
    ("sleep_above_24.csv", "diary", 3, "Sleep (hours)", "25 is above 24"),
    ("semicolon_decimal_comma_above_10.csv", "diary", 3, "Pain level", "10.5 is above 10"),
    ("date_unreadable.csv", "diary", 3, "date", "'yesterday' is not a date we can read"),
    ("date_impossible.csv", "diary", 3, "date", "February 2026 has only 28 days"),
    ("date_ambiguous.csv", "diary", 2, "date", 'date_format="%d/%m/%Y"'),
    ("date_mixed_order.csv", "diary", 4, "date", "puts the month first, but line 2"),
    ("date_empty.csv", "diary", 3, "date", "the date is empty"),
    ("date_with_time.csv", "diary", 2, "date", "has a time of day in it"),
    ("time_am_pm.csv", "diary", 3, "time", "Change it to 20:00"),
    ("time_out_of_range.csv", "diary", 2, "time", "24-hour HH:MM"),
    ("datetime_bad_time.csv", "diary", 3, "Date/Time", "'25:00' is not a time"),
    ("too_many_cells.csv", "diary", 3, None, "has 4 cells but the heading line has only 3"),
    ("unclosed_quote.csv", "diary", 3, None, "never closed"),
    ("two_pain_columns.csv", "diary", 1, "pain level", "Two columns hold the pain score"),
    ("two_columns_same_name.csv", "diary", 1, "Weather", "both called 'Weather'"),
    ("datetime_and_date.csv", "diary", 1, "Date", "Two columns hold the date"),
    ("unnamed_column_with_data.csv", "diary", 3, None, "has entries but no heading"),
    ("binary_nul.csv", "diary", None, None, "binary data"),
    ("bad_encoding.csv", "diary", None, None, "CSV UTF-8"),
    ("png_renamed.csv", "diary", None, None, "is a PNG picture"),
    ("jpeg_renamed.csv", "diary", None, None, "is a JPEG picture"),
    ("gif_renamed.csv", "diary", None, None, "is a GIF picture"),
    ("pdf_renamed.csv", "diary", None, None, "is a PDF document"),
    ("old_excel.xls", "diary", None, None, "old-style Excel (.xls)"),
    ("not_really.xlsx", "diary", None, None, "named like an Excel workbook but it is not"),
    ("corrupt.xlsx", "diary", None, None, "could not be opened"),
    ("truncated.xlsx", "diary", None, None, "could not be opened"),
    ("no_diary_on_first_sheet.xlsx", "diary", 1, None, "'Summary', has no diary"),
    ("empty_first_sheet.xlsx", "diary", None, None, "'Sheet1', is empty"),
    ("cell_without_heading.xlsx", "diary", 2, "D", "column D, which has no heading"),
    ("pain_above_10.xlsx", "diary", 4, "Pain", "11 is above 10"),
    ("date_ambiguous.xlsx", "diary", 2, "Date", "Which did you mean?"),
    ("pain_typed_as_date.xlsx", "diary", 2, "Pain", "turn a score typed like 5/10 into a date"),
    ("observations_item_above_2.csv", "observations", 2, "face", "3 is above 2"),
    ("observations_half_point.csv", "observations", 2, "Breathing", "1.5 is not a whole"),
    (
        "observations_missing_item.csv",
        "observations",
        1,
        "consolability",
        "no 'consolability' column",
    ),
]

READERS = {"diary": read_diary, "observations": read_observations}


def test_every_bad_file_is_in_the_table() -> None:
    listed = {case[0] for case in BAD_CASES}
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk == listed


@pytest.mark.parametrize(
    ("name", "reader", "line", "column", "phrase"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_bad_file_gives_a_plain_diary_error(
    name: str, reader: str, line: int | None, column: str | None, phrase: str
) -> None:
    with pytest.raises(DiaryError) as caught:
        READERS[reader](BAD / name)
    err = caught.value
    message = str(err)
    assert err.line == line
    assert err.column == column
    assert phrase in message
    # it says how to fix it
    assert any(word in message for word in FIX_WORDS), message
    # it names the place: the column as headed in the file, and the line below the headings
    if column is not None:
        assert f"'{column}'" in message or f"column {column}" in message
    if line is not None and line > 1:
        unit = "Row" if name.endswith(".xlsx") else "Line"
        assert f"{unit.lower()} {line}" in message.lower()
        if column is not None and f"'{column}'" in message:  # one cell: the message starts there
            assert message.startswith(f"{unit} {line}, column '{column}': ")
    # and it ends telling what to do next, as a sentence
    assert message.rstrip().endswith(".")


def test_bad_file_error_chains_the_low_level_cause() -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(BAD / "corrupt.xlsx")
    assert caught.value.__cause__ is not None


def test_missing_column_message_lists_headings_and_known_names() -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(BAD / "missing_pain_column.csv")
    message = str(caught.value)
    assert "'Date', 'Score', 'Notes'" in message
    assert "'Pain level'" in message and "'Pain (0-10)'" in message
    assert "columns={'Score': 'pain'}" in message


def test_no_diary_sheet_names_the_sheet_that_looks_like_one() -> None:
    with pytest.raises(DiaryError, match="The sheet 'Diary' looks like the diary"):
        read_diary(BAD / "no_diary_on_first_sheet.xlsx")


def test_ambiguous_date_message_says_both_readings() -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(BAD / "date_ambiguous.csv")
    message = str(caught.value)
    assert "3 April 2026" in message and "March 4, 2026" in message
    assert "2026-04-03" in message
    assert 'date_format="%m/%d/%Y"' in message


def test_earliest_problem_is_reported_first() -> None:
    text = "date,pain,sleep\n2026-04-01,4,30\n2026-04-02,11,7\n"
    with pytest.raises(DiaryError) as caught:
        read_diary(io.BytesIO(text.encode()))
    assert (caught.value.line, caught.value.column) == (2, "sleep")


def test_diary_error_is_a_value_error_and_pickles() -> None:
    err = DiaryError("Line 3: x. Change it.", line=3, column="pain")
    assert isinstance(err, ValueError)
    back = pickle.loads(pickle.dumps(err))
    assert (str(back), back.line, back.column) == (str(err), 3, "pain")


def test_missing_file_is_a_diary_error(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="There is no file") as caught:
        read_diary(tmp_path / "nope.csv")
    assert isinstance(caught.value.__cause__, FileNotFoundError)
    with pytest.raises(DiaryError, match="is a folder"):
        read_diary(tmp_path)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_diary_or_a_diary_error(data: bytes) -> None:
    try:
        df = read_diary(io.BytesIO(b"date,pain,notes\n" + data))
    except DiaryError as err:
        assert str(err)
    else:
        assert list(df.columns[: len(CANONICAL_COLUMNS)]) == list(CANONICAL_COLUMNS)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_diary_or_a_diary_error(text: str) -> None:
    try:
        read_diary(io.StringIO(text))
    except DiaryError as err:
        assert str(err)


# --------------------------------------------------------------------------------------
# The good corpus
# --------------------------------------------------------------------------------------


def test_header_variants_are_recognised() -> None:
    df = read_diary(GOOD / "header_variants.csv")
    assert list(df.columns) == list(CANONICAL_COLUMNS)
    first = df.iloc[0]
    assert first["date"] == pd.Timestamp("2026-04-01")
    assert first["time"] == "08:30"
    assert (first["pain"], first["worst"], first["least"]) == (4.0, 6.0, 2.0)
    assert (first["enjoyment_interference"], first["activity_interference"]) == (3.0, 5.0)
    assert (first["sleep_hours"], first["mood"]) == (7.5, 6.0)
    assert first["locations"] == "lower back; knee"
    assert first["qualities"] == "aching; stiff"
    assert first["medications"] == "ibuprofen"
    assert first["helped"] == "heat; walking"
    assert first["worsened"] == "stairs"
    assert first["notes"] == "first entry"
    assert pd.isna(df.iloc[1]["medications"]) and pd.isna(df.iloc[1]["notes"])


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Pain (0-10)", "pain"),
        ("PAIN LEVEL", "pain"),
        (" pain_score ", "pain"),
        ("Pain  score", "pain"),
        ("Date/Time", "datetime"),
        ("Sleep (hours)", "sleep_hours"),
        ("Worst pain", "worst"),
        ("Least pain", "least"),
        ("Meds", "medications"),
        ("Medication(s)", "medications"),
        ("Location", "locations"),
        ("What helped", "helped"),
        ("sleep_hours", "sleep_hours"),
        ("Weather", None),
        ("Activity", None),
    ],
)
def test_canonical_column(heading: str, expected: str | None) -> None:
    assert canonical_column(heading) == expected


def test_observation_headings() -> None:
    assert canonical_column("Negative vocalization", observations=True) == "vocalization"
    assert canonical_column("Facial expression", observations=True) == "face"
    assert canonical_column("Activity", observations=True) == "context"


def test_dtypes_follow_the_contract() -> None:
    df = read_diary(GOOD / "extra_columns.csv")
    assert df["date"].dtype == "datetime64[ns]"
    assert df["time"].dtype == pd.StringDtype()
    for column in (*SCORE_COLUMNS, "sleep_hours"):
        assert df[column].dtype == np.float64
    for column in (*LIST_COLUMNS, "notes", "Weather", "Steps"):
        assert df[column].dtype == pd.StringDtype()
    assert isinstance(df.index, pd.RangeIndex)
    assert df.attrs["source"] == "extra_columns.csv"
    assert df.attrs["lines"] == [2, 3]


def test_extra_columns_are_kept_in_file_order() -> None:
    df = read_diary(GOOD / "extra_columns.csv")
    assert list(df.columns) == [*CANONICAL_COLUMNS, "Weather", "Steps"]
    assert df["Weather"].tolist()[0] == "rainy" and pd.isna(df["Weather"][1])
    assert df["Steps"].tolist() == ["3200", "5100"]


def test_bom_utf8() -> None:
    df = read_diary(GOOD / "bom_utf8.csv")
    assert df["notes"][0] == "naïve café ☕"


def test_windows_1252() -> None:
    df = read_diary(GOOD / "windows_1252.csv")
    assert df["notes"][0] == "café – crème"


def test_utf16_text_from_excel() -> None:
    df = read_diary(GOOD / "utf16_excel_text.csv")
    assert (df["pain"][0], df["notes"][0]) == (3.0, "café")


def test_semicolon_and_decimal_comma() -> None:
    df = read_diary(GOOD / "semicolon_decimal_comma.csv")
    assert df["pain"].tolist() == [6.5, 4.0]
    assert df["sleep_hours"].tolist() == [7.5, 8.0]
    assert df["notes"][0] == "gut, danke"


def test_date_time_column_is_split() -> None:
    df = read_diary(GOOD / "date_time_column.csv")
    assert df["date"].tolist() == [pd.Timestamp("2026-04-01")] * 2 + [pd.Timestamp("2026-04-02")]
    assert df["time"].tolist()[:2] == ["08:30", "20:15"] and pd.isna(df["time"][2])
    assert df["medications"][0] == "paracetamol"


def test_header_only_is_an_empty_diary() -> None:
    df = read_diary(GOOD / "header_only.csv")
    assert len(df) == 0
    assert list(df.columns) == [*CANONICAL_COLUMNS, "Weather"]
    expected = empty_diary()
    pd.testing.assert_series_equal(df.dtypes[: len(CANONICAL_COLUMNS)], expected.dtypes)


def test_day_first_dates_accepted_when_the_column_is_consistent() -> None:
    df = read_diary(GOOD / "day_first_dates.csv")
    assert df["date"].tolist() == [
        pd.Timestamp("2026-03-25"),
        pd.Timestamp("2026-03-26"),
        pd.Timestamp("2026-04-04"),
    ]


def test_month_first_dates_accepted_when_the_column_is_consistent() -> None:
    df = read_diary(io.BytesIO(b"date,pain\n03/25/2026,4\n12/31/2026,1\n"))
    assert df["date"].tolist() == [pd.Timestamp("2026-03-25"), pd.Timestamp("2026-12-31")]


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [("%d/%m/%Y", "2026-04-03"), ("%m/%d/%Y", "2026-03-04")],
)
def test_date_format_settles_ambiguous_dates(date_format: str, expected: str) -> None:
    df = read_diary(BAD / "date_ambiguous.csv", date_format=date_format)
    assert df["date"][0] == pd.Timestamp(expected)


def test_date_format_still_accepts_iso_and_reports_mismatch() -> None:
    text = b"date,pain\n2026-04-05,1\n03/04/2026,2\n2026/4/6,3\n"
    df = read_diary(io.BytesIO(text), date_format="%d/%m/%Y")
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-04-05", "2026-04-03", "2026-04-06"]
    with pytest.raises(DiaryError, match="does not match the date form") as caught:
        read_diary(io.BytesIO(b"date,pain\n3 April 2026,1\n"), date_format="%d/%m/%Y")
    assert caught.value.line == 2


def test_spreadsheet_midnight_time_in_date_column_is_accepted() -> None:
    df = read_diary(io.BytesIO(b"date,pain\n2026-04-01 00:00:00,4\n"))
    assert df["date"][0] == pd.Timestamp("2026-04-01") and pd.isna(df["time"][0])


def test_times_are_normalised_to_hh_mm() -> None:
    df = read_diary(io.BytesIO(b"date,time,pain\n2026-04-01,8:05,4\n2026-04-01,21:30:00,4\n"))
    assert df["time"].tolist() == ["08:05", "21:30"]


def test_blank_lines_and_multiline_notes_keep_line_numbers() -> None:
    df = read_diary(GOOD / "blank_lines_and_multiline_notes.csv")
    assert df["notes"].tolist() == ["line one\nline two", "plain"]
    assert df.attrs["lines"] == [3, 7]
    bad = (GOOD / "blank_lines_and_multiline_notes.csv").read_bytes() + b"2026-04-03,12,x\n"
    with pytest.raises(DiaryError) as caught:
        read_diary(io.BytesIO(bad))
    assert caught.value.line == 8


def test_crlf_file_with_multiline_note_line_numbers() -> None:
    text = b'date,pain,notes\r\n2026-04-01,1,"a\r\nb\r\nc"\r\n2026-04-02,11,x\r\n'
    with pytest.raises(DiaryError) as caught:
        read_diary(io.BytesIO(text))
    assert caught.value.line == 5


def test_formula_guard_is_undone_on_read() -> None:
    df = read_diary(GOOD / "guarded_formulas.csv")
    assert df["notes"].tolist() == ["=SUM(A1:A3)", "'=kept one", "'plain quote"]
    assert df["Weather"].tolist() == ["-5", "@home", "-"]


def test_good_xlsx() -> None:
    df = read_diary(GOOD / "diary.xlsx")
    assert df.attrs["sheet"] == "Diary"
    assert df.attrs["lines"] == [2, 3]
    assert df["date"].tolist() == [pd.Timestamp("2026-04-01"), pd.Timestamp("2026-04-02")]
    assert df["time"].tolist() == ["08:30", "21:15"]
    assert df["pain"].tolist() == [4.0, 6.5]
    assert df["sleep_hours"].tolist() == [7.5, 6.0]
    assert df["notes"].tolist() == ["=1+1", "café"]
    assert list(df.columns) == [*CANONICAL_COLUMNS, "Weather"]


def test_xlsx_with_a_wrong_size_record_is_read_whole() -> None:
    source = zipfile.ZipFile(io.BytesIO((GOOD / "diary.xlsx").read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<dimension " in content
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', content)
            target.writestr(item, content)
    df = read_diary(io.BytesIO(buffer.getvalue()))
    assert df["pain"].tolist() == [4.0, 6.5]
    assert df["Weather"][0] == "sunny"


def test_observations_file() -> None:
    df = read_observations(GOOD / "observations.csv")
    assert list(df.columns) == list(OBSERVATION_COLUMNS)
    assert df["face"].dtype == pd.Int64Dtype()
    assert df["face"].tolist() == [2, 0]
    assert df["context"].tolist() == ["bathing", "resting"]


def test_number_forms() -> None:
    text = b"date,pain,sleep\n2026-04-01, 5 ,+7.5\n2026-04-02,0,-0\n2026-04-03,1e1,.5\n"
    df = read_diary(io.BytesIO(text))
    assert df["pain"].tolist() == [5.0, 0.0, 10.0]
    assert df["sleep_hours"].tolist() == [7.5, 0.0, 0.5]
    assert str(df["sleep_hours"][1]) == "0.0"  # not -0.0
    for bad in ("1_0", "inf", "five", "4-5"):
        with pytest.raises(DiaryError, match="is not a number|is above") as caught:
            read_diary(io.BytesIO(f"date,pain\n2026-04-01,{bad}\n".encode()))
        assert (caught.value.line, caught.value.column) == (2, "pain")


_SCORE_VALUES = st.one_of(st.just(float("nan")), st.floats(-2, 12), st.integers(-1, 11).map(float))
_SLEEP_VALUES = st.one_of(st.just(float("nan")), st.floats(-1, 30))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(_SCORE_VALUES, _SCORE_VALUES, _SLEEP_VALUES),
        min_size=1,
        max_size=5,
    )
)
def test_numpy_screen_agrees_with_the_pandera_schema(rows: list[tuple[float, ...]]) -> None:
    """The quick screen and the pandera schema are the same rule (see _check_numbers)."""
    import pandera.pandas as pa

    frame = pd.DataFrame({name: np.nan for name in diary._DIARY.numbers}, index=range(len(rows)))
    frame[["pain", "mood", "sleep_hours"]] = np.array(rows, dtype=float)
    frame = frame.astype(np.float64)
    try:
        diary._schema(diary._DIARY.what).validate(frame, lazy=True)
        pandera_ok = True
    except pa.errors.SchemaErrors:
        pandera_ok = False
    assert diary._numbers_pass(frame, diary._DIARY) == pandera_ok


# --------------------------------------------------------------------------------------
# Sources and options
# --------------------------------------------------------------------------------------


def test_sources_path_str_fileobj_bytes() -> None:
    path = GOOD / "header_variants.csv"
    expected = read_diary(path)
    for source in (
        str(path),
        path.read_bytes(),
        io.BytesIO(path.read_bytes()),
        io.StringIO(path.read_text(encoding="utf-8")),
    ):
        pd.testing.assert_frame_equal(read_diary(source), expected)
    with open(path, "rb") as handle:
        assert read_diary(handle).attrs["source"] == "header_variants.csv"


def test_xlsx_bytes_without_a_name_are_sniffed() -> None:
    data = (GOOD / "diary.xlsx").read_bytes()
    df = read_diary(io.BytesIO(data))
    assert df["pain"].tolist() == [4.0, 6.5]
    assert "source" not in df.attrs


def test_columns_mapping_wins_over_guessing() -> None:
    text = b"Day,Score,Activity\n2026-04-01,4,gardening\n"
    with pytest.raises(DiaryError):
        read_diary(io.BytesIO(text))
    df = read_diary(io.BytesIO(text), columns={"Day": "date", "Score": "pain"})
    assert df["pain"][0] == 4.0 and df["Activity"][0] == "gardening"
    # a heading that would be guessed as something else can be pointed elsewhere
    text = b"date,Pain,Now\n2026-04-01,7,4\n"
    df = read_diary(io.BytesIO(text), columns={"Pain": "worst", "Now": "pain"})
    assert (df["worst"][0], df["pain"][0]) == (7.0, 4.0)


def test_columns_mapping_errors() -> None:
    text = b"Day,Score\n2026-04-01,4\n"
    with pytest.raises(DiaryError, match="no column with that heading"):
        read_diary(io.BytesIO(text), columns={"Dya": "date", "Score": "pain"})
    with pytest.raises(DiaryError, match="not a diary column"):
        read_diary(io.BytesIO(text), columns={"Day": "date", "Score": "painful"})
    with pytest.raises(DiaryError, match="Two columns hold the pain score"):
        read_diary(io.BytesIO(b"date,Score,pain\n2026-04-01,4,4\n"), columns={"Score": "pain"})


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _small_diary() -> pd.DataFrame:
    df = empty_diary()
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-04-01", "2026-04-02"]).astype("datetime64[ns]"),
            "time": pd.array(["08:00", pd.NA], dtype="string"),
            "pain": [5.0, 6.5],
            "sleep_hours": [7.0, np.nan],
            "medications": pd.array(["ibuprofen; heat", pd.NA], dtype="string"),
            "notes": pd.array(['said "ouch", then; rested\nok', "=2+2"], dtype="string"),
        }
    )
    for column in df.columns:
        if column in rows:
            df[column] = rows[column]
        else:
            missing = np.nan if df[column].dtype == np.float64 else pd.NA
            df[column] = pd.Series([missing] * 2, dtype=df[column].dtype)
    df["Weather"] = pd.array(["sunny", "-3"], dtype="string")
    return df


def test_write_csv_form(tmp_path: Path) -> None:
    path = write_diary(_small_diary(), tmp_path / "d.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [*CANONICAL_COLUMNS, "Weather"]
    first, second = rows[1], rows[2]
    assert first[:3] == ["2026-04-01", "08:00", "5"]
    assert second[:3] == ["2026-04-02", "", "6.5"]
    assert first[CANONICAL_COLUMNS.index("sleep_hours")] == "7"
    assert second[-2:] == ["'=2+2", "'-3"]
    assert "\r\n" in text


def test_write_then_read_gives_back_the_diary(tmp_path: Path) -> None:
    df = _small_diary()
    for name in ("d.csv", "d.xlsx"):
        back = read_diary(write_diary(df, tmp_path / name))
        pd.testing.assert_frame_equal(back, df)


def test_write_refuses_a_bad_diary_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    write_diary(_small_diary(), path)
    before = path.read_bytes()
    bad = _small_diary()
    bad.loc[1, "pain"] = 11
    with pytest.raises(DiaryError, match="11 is above 10") as caught:
        write_diary(bad, path)
    assert caught.value.column == "pain"
    assert "Row 2 of the table" in str(caught.value)
    negative = _small_diary()
    negative.loc[0, "sleep_hours"] = -1
    with pytest.raises(DiaryError, match="-1 is below 0"):
        write_diary(negative, path)
    assert path.read_bytes() == before


def test_write_accepts_heading_variants_and_plain_types(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {
            "Date": [dt.date(2026, 4, 1), "2026-04-02"],
            "Pain level": [5, 7],
            "Notes": ["x", None],
        }
    )
    back = read_diary(write_diary(table, tmp_path / "d.csv"))
    assert back["pain"].tolist() == [5.0, 7.0]
    assert back["date"].tolist() == [pd.Timestamp("2026-04-01"), pd.Timestamp("2026-04-02")]
    assert list(back.columns) == list(CANONICAL_COLUMNS)


def test_write_refuses_a_table_without_pain(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="no 'pain' column"):
        write_diary(pd.DataFrame({"date": ["2026-04-01"]}), tmp_path / "d.csv")
    assert not (tmp_path / "d.csv").exists()


def test_write_xlsx_cells(tmp_path: Path) -> None:
    path = write_diary(_small_diary(), tmp_path / "d.xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == [*CANONICAL_COLUMNS, "Weather"]
    date_cell, time_cell, pain_cell = sheet["A2"], sheet["B2"], sheet["C2"]
    assert isinstance(date_cell.value, dt.datetime) and date_cell.number_format == "yyyy-mm-dd"
    assert time_cell.value == "08:00" and time_cell.data_type == "s"
    assert pain_cell.value == 5 and isinstance(pain_cell.value, int)
    notes = sheet.cell(row=3, column=CANONICAL_COLUMNS.index("notes") + 1)
    assert notes.value == "'=2+2" and notes.data_type == "s"


def test_rewriting_xlsx_keeps_other_sheets(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    path.write_bytes((GOOD / "diary.xlsx").read_bytes())
    df = read_diary(path)
    write_diary(df, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Diary", "My notes"]
    assert workbook["My notes"]["A1"].value == "Questions for the doctor"
    pd.testing.assert_frame_equal(read_diary(path), df, check_exact=True)


def test_xlsx_carriage_return_becomes_line_break(tmp_path: Path) -> None:
    df = _small_diary()
    df["notes"] = pd.array(["a\r\nb", "\rstart"], dtype="string")
    back = read_diary(write_diary(df, tmp_path / "d.xlsx"))
    assert back["notes"].tolist() == ["a\nb", "\nstart"]
    back_csv = read_diary(write_diary(df, tmp_path / "d.csv"))
    assert back_csv["notes"].tolist() == ["a\r\nb", "\rstart"]


def test_xlsx_refuses_control_characters(tmp_path: Path) -> None:
    df = _small_diary()
    df["notes"] = pd.array(["bell\x07", "ok"], dtype="string")
    with pytest.raises(DiaryError, match="control character") as caught:
        write_diary(df, tmp_path / "d.xlsx")
    assert caught.value.column == "notes"
    assert read_diary(write_diary(df, tmp_path / "d.csv"))["notes"][0] == "bell\x07"


def test_observations_round_trip(tmp_path: Path) -> None:
    df = read_observations(GOOD / "observations.csv")
    for name in ("o.csv", "o.xlsx"):
        back = read_observations(write_observations(df, tmp_path / name))
        pd.testing.assert_frame_equal(back, df)


# --------------------------------------------------------------------------------------
# Round trip, for any valid diary (hypothesis)
# --------------------------------------------------------------------------------------

_ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
    min_size=1,
    max_size=12,
)
_XLSX_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffe\uffff",
        include_characters="\t\n",
    ),
    min_size=1,
    max_size=12,
)


def _extra_name(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.filter(
        lambda s: s.strip() != "" and canonical_column(s) is None and s not in CANONICAL_COLUMNS
    )


@st.composite
def diaries(draw: st.DrawFn, text: st.SearchStrategy[str] = _ANY_TEXT) -> pd.DataFrame:
    """Any diary that read_diary could return."""
    n = draw(st.integers(min_value=0, max_value=5))
    extras = draw(st.lists(_extra_name(text), max_size=2, unique=True))
    list_text = text.map(str.strip).filter(bool)

    def column(values: st.SearchStrategy[object]) -> list[object]:
        return draw(st.lists(values, min_size=n, max_size=n))

    def score(high: float) -> st.SearchStrategy[float]:
        return st.one_of(
            st.integers(0, int(high)).map(float),
            st.floats(min_value=0, max_value=high),
            st.just(float("nan")),
        )

    dates = column(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)))
    data: dict[str, object] = {
        "date": pd.Series(pd.to_datetime(dates), dtype="datetime64[ns]"),
        "time": pd.array(
            column(st.one_of(st.none(), st.times().map(lambda t: t.strftime("%H:%M")))),
            dtype="string",
        ),
        "pain": pd.Series(
            column(st.one_of(st.integers(0, 10).map(float), st.floats(0, 10))), dtype=float
        ),
    }
    for name in CANONICAL_COLUMNS[3:9]:
        data[name] = pd.Series(column(score(24 if name == "sleep_hours" else 10)), dtype=float)
    for name in LIST_COLUMNS:
        data[name] = pd.array(column(st.one_of(st.none(), list_text)), dtype="string")
    data["notes"] = pd.array(column(st.one_of(st.none(), text)), dtype="string")
    for name in extras:
        data[name] = pd.array(column(st.one_of(st.none(), text)), dtype="string")
    return pd.DataFrame(data, columns=[*CANONICAL_COLUMNS, *extras])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=diaries())
def test_round_trip_csv(df: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("rt") / "diary.csv"
    back = read_diary(write_diary(df, path))
    pd.testing.assert_frame_equal(back, df)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=diaries(text=_XLSX_TEXT))
def test_round_trip_xlsx(df: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("rt") / "diary.xlsx"
    back = read_diary(write_diary(df, path))
    pd.testing.assert_frame_equal(back, df)


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("knee; lower back", ["knee", "lower back"]),
        (" knee ;; back; ", ["knee", "back"]),
        ("", []),
        (None, []),
        (pd.NA, []),
        (float("nan"), []),
        ("ibuprofen", ["ibuprofen"]),
    ],
)
def test_split_list(value: object, expected: list[str]) -> None:
    assert split_list(value) == expected


def test_check_duplicates_lists_repeats_with_lines_and_removes_nothing() -> None:
    text = (
        b"date,time,pain,notes\n"
        b"2026-04-01,08:00,5,same\n"
        b"2026-04-01,08:00,5,different\n"
        b"\n"
        b"2026-04-01,08:00,5,same\n"
        b"2026-04-02,09:00,3,\n"
        b"2026-04-02,09:00,3,\n"
    )
    df = read_diary(io.BytesIO(text))
    found = check_duplicates(df)
    assert found["lines"].tolist() == [[2, 5], [6, 7]]
    assert found["count"].tolist() == [2, 2]
    assert "Lines 2 and 5 hold the same entry (2026-04-01 08:00, pain 5)" in found["message"][0]
    assert len(df) == 5


def test_check_duplicates_none_and_without_lines() -> None:
    df = read_diary(GOOD / "header_variants.csv")
    assert check_duplicates(df).empty
    doubled = pd.concat([df, df], ignore_index=True)
    doubled.attrs = {}
    found = check_duplicates(doubled)
    assert found["lines"].tolist() == [[1, 3], [2, 4]]
    assert found["message"][0].startswith("Entries 1 and 3")


def test_number_columns_are_the_columns_with_a_number_rule() -> None:
    assert set(diary.NUMBER_COLUMNS) == set(diary._DIARY_NUMBERS)
    assert list(diary.NUMBER_COLUMNS) == [
        c for c in diary.CANONICAL_COLUMNS if c in diary.NUMBER_COLUMNS
    ]


# --------------------------------------------------------------------------------------
# Messages for files that are not diary tables, and columns= saying "not this column"
# --------------------------------------------------------------------------------------

IMPORTS = DATA / "imports"


@pytest.mark.parametrize(
    ("name", "app"),
    [
        ("bearable.csv", "Bearable"),
        ("migraine_buddy.csv", "Migraine Buddy"),
        ("flaredown.csv", "Flaredown"),
        ("crisiscore.csv", "CrisisCore Pain Tracker"),
        ("crisiscore.json", "CrisisCore Pain Tracker"),
        ("headi.csv", "Headi"),
        ("privacy_friendly_pain_diary.json", "Privacy Friendly Pain Diary"),
        ("apple_health_export.xml", "Apple Health"),
    ],
)
def test_an_export_from_another_app_names_the_app_and_the_importer(name: str, app: str) -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(IMPORTS / name)
    message = str(caught.value)
    assert f"is an export from {app}" in message
    assert "painbook.imports.import_diary(path)" in message
    assert "note holds a comma" not in message


def test_an_export_with_real_line_breaks_is_still_sent_to_its_importer() -> None:
    # CrisisCore's CSV would read as a diary once its rows are on their own lines, with UTC
    # times taken as local: it must be refused, not read.
    text = (IMPORTS / "crisiscore.csv").read_text().replace("\\n", "\r\n")
    with pytest.raises(DiaryError, match="export from CrisisCore Pain Tracker"):
        read_diary(text.encode())


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b'[{"date": "2026-03-02", "pain": 4}]', "a JSON file"),
        (b'{"entries": [{"date": "2026-03-02", "pain": 4}]}', "a JSON file"),
        (b'<?xml version="1.0"?><Diary><Entry pain="4"/></Diary>', "an XML file"),
        (b"<Diary><Entry/></Diary>", "an XML file"),
    ],
)
def test_a_json_or_xml_file_is_named_as_such(content: bytes, kind: str) -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(content)
    message = str(caught.value)
    assert f"is {kind}, not a table of entries" in message
    assert "comma" not in message and "painbook.imports.import_diary" in message


def test_columns_none_says_a_heading_is_not_that_column() -> None:
    text = b"date,Pain,Pain level\n2026-03-02,knee,5\n"
    with pytest.raises(DiaryError) as caught:
        read_diary(text)
    assert "columns={'Pain level': None}" in str(caught.value)  # the message says how
    df = read_diary(text, columns={"Pain": None})
    assert df["pain"].tolist() == [5.0]
    assert df["Pain"].tolist() == ["knee"]  # kept as the person's own column
    assert list(df.columns[len(CANONICAL_COLUMNS) :]) == ["Pain"]


def test_columns_none_alone_leaves_the_pain_column_missing() -> None:
    with pytest.raises(DiaryError, match="has no 'pain' column") as caught:
        read_diary(b"date,pain\n2026-03-02,knee\n", columns={"pain": None})
    assert caught.value.column == "pain"


def test_the_missing_column_hint_uses_a_made_up_heading() -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(b"date,weekday,level\n2026-03-02,Monday,4\n")
    message = str(caught.value)
    assert "'weekday': 'pain'" not in message and "'level': 'pain'" not in message
    assert "columns={'Score': 'pain'}" in message and "if it is headed 'Score'" in message
    assert caught.value.column == "pain"
    with pytest.raises(DiaryError) as caught:
        read_diary(b"weekday,pain\nMonday,4\n")
    assert caught.value.column == "date" and "columns={'Logged on': 'date'}" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "column", "offset"),
    [
        (b"date,pain\n2026-03-02T14:05:09+00:00,4\n", "date", "+00:00"),
        (b"Date/Time,pain\n2026-03-02T14:05:09+00:00,4\n", "Date/Time", "+00:00"),
        (b"Date/Time,pain\n2026-03-02 14:05Z,4\n", "Date/Time", "Z (UTC)"),
        (b"date,time,pain\n2026-03-02,14:05:09-05:00,4\n", "time", "-05:00"),
    ],
)
def test_a_time_with_an_offset_names_the_offset(content: bytes, column: str, offset: str) -> None:
    with pytest.raises(DiaryError) as caught:
        read_diary(content)
    message = str(caught.value)
    assert f"ends with a time-zone offset, {offset}" in message
    assert caught.value.column == column and caught.value.line == 2
    assert "import_diary" in message
