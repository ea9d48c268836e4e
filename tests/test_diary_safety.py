"""Safety tests for painbook.diary: no entry is ever lost, no formula ever runs.

* formula guard: no text cell written starts with =, +, -, @, tab or carriage return, in the
  raw CSV or the raw .xlsx, and the text reads back the same;
* two processes (and two threads) appending at once: every entry lands;
* a crash while saving (an error mid-write, a failed rename, a killed process) leaves the old
  or the new diary, never a broken one, and the backup;
* appending keeps every old row and the person's extra columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from painbook import diary
from painbook.diary import (
    CANONICAL_COLUMNS,
    DiaryError,
    append_entry,
    append_observation,
    canonical_column,
    read_diary,
    read_observations,
    write_diary,
)
from painbook.diary.write import lock_path

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# --------------------------------------------------------------------------------------
# Formula guard
# --------------------------------------------------------------------------------------

_BODY = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=10
)
_XLSX_BODY = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Cc"),
        exclude_characters="\ufffe\uffff",
        include_characters="\t\n",
    ),
    max_size=10,
)


def _risky(body: st.SearchStrategy[str], prefixes: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Text that starts like a formula (or like a guarded formula) more often than not."""
    return st.tuples(st.sampled_from(prefixes), body).map("".join).filter(lambda s: s != "")


_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "'=", "''+", "'-", "'", "", "=cmd|'/C calc'!")
_XLSX_PREFIXES = tuple(p for p in _PREFIXES if "\r" not in p)


def _risky_diary(text: st.SearchStrategy[str]) -> st.SearchStrategy[pd.DataFrame]:
    list_text = text.map(str.strip).filter(bool)
    extra = text.filter(
        lambda s: s.strip() != "" and canonical_column(s) is None and s not in CANONICAL_COLUMNS
    )

    @st.composite
    def build(draw: st.DrawFn) -> pd.DataFrame:
        n = draw(st.integers(1, 4))
        name = draw(extra)
        df = diary.empty_diary()
        df = pd.DataFrame(
            {
                "date": pd.Series([pd.Timestamp("2026-04-01")] * n, dtype="datetime64[ns]"),
                "pain": [float(i % 11) for i in range(n)],
            }
        ).reindex(columns=df.columns)
        df = df.astype(diary.empty_diary().dtypes.to_dict())
        df["medications"] = pd.array(draw(st.lists(list_text, min_size=n, max_size=n)), "string")
        df["notes"] = pd.array(draw(st.lists(text, min_size=n, max_size=n)), dtype="string")
        df[name] = pd.array(draw(st.lists(text, min_size=n, max_size=n)), dtype="string")
        return df

    return build()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=_risky_diary(_risky(_BODY, _PREFIXES)))
def test_csv_never_starts_a_cell_with_a_formula(
    df: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write_diary(df, tmp_path_factory.mktemp("f") / "d.csv")
    text = path.read_bytes().decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell.startswith(TRIGGERS), repr(cell)
    pd.testing.assert_frame_equal(read_diary(path), df)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(df=_risky_diary(_risky(_XLSX_BODY, _XLSX_PREFIXES)))
def test_xlsx_never_holds_a_formula(
    df: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write_diary(df, tmp_path_factory.mktemp("f") / "d.xlsx")
    sheet = openpyxl.load_workbook(path).worksheets[0]  # formulas as written, not values
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not cell.value.startswith(TRIGGERS), repr(cell.value)
    pd.testing.assert_frame_equal(read_diary(path), df)


def test_guard_examples(tmp_path: Path) -> None:
    df = diary.empty_diary()
    values = ["=SUM(A1)", "'=already", "''=two", "'plain", "-", "@x", "+1", "plain"]
    n = len(values)
    df = (
        pd.DataFrame(
            {
                "date": pd.Series([pd.Timestamp("2026-04-01")] * n, dtype="datetime64[ns]"),
                "pain": [1.0] * n,
            }
        )
        .reindex(columns=df.columns)
        .astype(df.dtypes.to_dict())
    )
    df["notes"] = pd.array(values, dtype="string")
    path = write_diary(df, tmp_path / "d.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    written = [row[CANONICAL_COLUMNS.index("notes")] for row in rows[1:]]
    assert written == ["'=SUM(A1)", "''=already", "'''=two", "'plain", "'-", "'@x", "'+1", "plain"]
    assert read_diary(path)["notes"].tolist() == values


def test_negative_number_is_rejected_not_guarded(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match="-3 is below 0"):
        append_entry(tmp_path / "d.csv", {"date": "2026-04-01", "pain": -3})
    assert not (tmp_path / "d.csv").exists()


# --------------------------------------------------------------------------------------
# Appending keeps everything
# --------------------------------------------------------------------------------------

_PERSONAL = (
    "Date,Pain level,Weather,Steps,Notes\n"
    '2026-04-01,4,rainy,3200,"slept badly,\nwoke at 3"\n'
    "2026-04-02,6.5,,,'=not a formula\n"
    "2026-04-03,2,sunny,8000,\n"
)


def test_append_keeps_old_rows_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "my-diary.csv"
    path.write_text(_PERSONAL, encoding="utf-8")
    before = read_diary(path)
    after = append_entry(path, {"date": "2026-04-04", "pain": 3, "Weather": "windy"})
    assert list(after.columns) == [*CANONICAL_COLUMNS, "Weather", "Steps"]
    assert len(after) == len(before) + 1
    old_part = after.iloc[: len(before)].reset_index(drop=True)
    pd.testing.assert_frame_equal(old_part, before, check_exact=True)
    last = after.iloc[-1]
    assert (last["pain"], last["Weather"]) == (3.0, "windy")
    assert pd.isna(last["Steps"])
    assert after.attrs["source"] == "my-diary.csv"
    pd.testing.assert_frame_equal(read_diary(path), after)
    # the person's file is kept as it was, as the backup
    assert (tmp_path / "my-diary.csv.bak").read_text(encoding="utf-8") == _PERSONAL


def test_append_creates_the_file_with_the_canonical_header(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    df = append_entry(path, {"date": "2026-04-01", "pain": 5, "notes": "first"})
    first_line = path.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert first_line == ",".join(CANONICAL_COLUMNS)
    assert len(df) == 1 and df["notes"][0] == "first"
    assert not (tmp_path / "new.csv.bak").exists()


def test_append_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    append_entry(path, {"date": "2026-04-01", "pain": 5})
    df = append_entry(path, {"date": "2026-04-02", "time": "08:15", "pain": 6.5})
    assert df["pain"].tolist() == [5.0, 6.5]
    assert read_diary(path)["time"].tolist()[1] == "08:15"
    assert read_diary(tmp_path / "d.xlsx.bak")["pain"].tolist() == [5.0]


def test_append_entry_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    cases = [
        ({"date": "2026-04-01", "pain": 11}, "pain", "11 is above 10"),
        ({"date": "2026-04-01", "pain": "5/10"}, "pain", "change it to 5"),
        ({"date": "03/04/2026", "pain": 2}, "date", "Which did you mean?"),
        ({"date": "2026-02-30", "pain": 2}, "date", "only 28 days"),
        ({"date": "2026-04-01", "pain": 2, "time": "8pm"}, "time", "Change it to 20:00"),
        ({"date": "2026-04-01", "pain": 2, "sleep_hours": 25}, "sleep_hours", "above 24"),
        ({"date": "2026-04-01", "pain": 2, "weather": "x"}, "weather", "not a diary column"),
        ({"date": "2026-04-01"}, "pain", 'nothing in the box "Pain now (0-10)"'),
    ]
    for entry, column, phrase in cases:
        with pytest.raises(DiaryError) as caught:
            append_entry(path, entry)
        assert caught.value.line is None
        assert caught.value.column == column
        assert phrase in str(caught.value)
        # the caregiver's words: the box's label, never the column name, and the button's verb
        assert f"'{column}'" not in str(caught.value) or column == "weather"
        assert "then save it again." in str(caught.value) or column == "weather"
    assert not path.exists()


def test_append_entry_accepts_python_values(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    df = append_entry(
        path,
        {"date": dt.datetime(2026, 4, 1, 21, 5), "Pain level": 4, "Meds": "ibuprofen; heat"},
    )
    assert (df["date"][0], df["time"][0]) == (pd.Timestamp("2026-04-01"), "21:05")
    assert df["medications"][0] == "ibuprofen; heat"
    df = append_entry(path, {"date": dt.date(2026, 4, 2), "pain": 0, "time": dt.time(7, 0)})
    assert df["time"].tolist() == ["21:05", "07:00"]


def test_append_entry_lists_and_date_time(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    df = append_entry(
        path,
        {"Date/Time": "2026-04-01 07:45", "pain": 2, "locations": ["knee", "lower back"]},
    )
    assert (df["time"][0], df["locations"][0]) == ("07:45", "knee; lower back")


def test_append_to_a_broken_diary_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"date,pain\n2026-04-01,4\n2026-04-02,12\n")
    before = path.read_bytes()
    with pytest.raises(DiaryError, match="Nothing was added") as caught:
        append_entry(path, {"date": "2026-04-03", "pain": 1})
    assert caught.value.line == 3
    assert path.read_bytes() == before
    assert not (tmp_path / "d.csv.bak").exists()


def test_append_observation(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    obs = {
        "date": "2026-04-01",
        "time": "07:30",
        "breathing": 1,
        "vocalization": 0,
        "face": 2,
        "body_language": 1,
        "consolability": 0,
        "context": "bathing",
    }
    df = append_observation(path, obs)
    df = append_observation(path, {**obs, "face": 1, "context": "resting"})
    assert df["face"].tolist() == [2, 1]
    assert df["context"].tolist() == ["bathing", "resting"]
    with pytest.raises(DiaryError, match="3 is above 2") as caught:
        append_observation(path, {**obs, "face": 3})
    assert caught.value.column == "face"
    assert len(read_observations(path)) == 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2200, 12, 31)),
            st.integers(0, 10),
            st.one_of(st.none(), _BODY.filter(bool)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_entry_ever_disappears(
    rows: list[tuple[object, int, str | None]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("a") / "d.csv"
    path.write_text(_PERSONAL, encoding="utf-8")
    start = read_diary(path)
    for i, (date, pain, note) in enumerate(rows):
        now = append_entry(path, {"date": date, "pain": pain, "notes": note, "Steps": str(i)})
        assert len(now) == len(start) + i + 1
        kept = now.iloc[: len(start)].reset_index(drop=True)
        pd.testing.assert_frame_equal(kept, start)
    final = read_diary(path)
    assert final["notes"].iloc[len(start) :].tolist() == [
        note if note is not None else pd.NA for _, _, note in rows
    ]
    assert final["Steps"].iloc[len(start) :].tolist() == [str(i) for i in range(len(rows))]


# --------------------------------------------------------------------------------------
# Two writers at once
# --------------------------------------------------------------------------------------


def _append_many(path: str, who: str, count: int, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    for i in range(count):
        append_entry(path, {"date": "2026-04-01", "pain": i % 11, "notes": f"{who}-{i}"})


def test_two_processes_appending_at_once_both_land(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    path = tmp_path / "shared.csv"
    count = 15
    start = context.Event()
    workers = [
        context.Process(target=_append_many, args=(str(path), who, count, start))
        for who in ("a", "b")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=180)
        assert worker.exitcode == 0
    df = read_diary(path)
    assert len(df) == 2 * count
    notes = df["notes"].tolist()
    for who in ("a", "b"):
        mine = [n for n in notes if n.startswith(f"{who}-")]
        assert mine == [f"{who}-{i}" for i in range(count)]  # each in its own order


def test_two_threads_appending_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "shared.csv"
    start = threading.Event()
    errors: list[BaseException] = []

    def work(who: str) -> None:
        try:
            _append_many(str(path), who, 10, start)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(who,)) for who in ("x", "y")]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert len(read_diary(path)) == 20


def test_lock_held_too_long_gives_a_plain_error(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "d.csv"
    monkeypatch.setattr(diary, "LOCK_TIMEOUT", 0.3)
    holder = FileLock(str(lock_path(path)))
    result: list[BaseException] = []

    def other() -> None:
        try:
            append_entry(path, {"date": "2026-04-01", "pain": 1})
        except BaseException as exc:
            result.append(exc)

    with holder:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(timeout=30)
    assert len(result) == 1 and isinstance(result[0], DiaryError)
    assert "try again" in str(result[0])
    assert not path.exists()


# --------------------------------------------------------------------------------------
# Crashes while saving
# --------------------------------------------------------------------------------------


def _two_saves(path: Path) -> tuple[bytes, bytes]:
    append_entry(path, {"date": "2026-04-01", "pain": 1, "notes": "one"})
    append_entry(path, {"date": "2026-04-02", "pain": 2, "notes": "two"})
    return path.read_bytes(), Path(str(path) + ".bak").read_bytes()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("name", ["d.csv", "d.xlsx"])
def test_error_in_the_middle_of_writing_leaves_the_old_diary(
    tmp_path: Path, monkeypatch, name: str
) -> None:
    path = tmp_path / name
    old, old_backup = _two_saves(path)

    def half_then_fail(handle, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(diary, "_write_bytes", half_then_fail)
    with pytest.raises(DiaryError, match="was not changed") as caught:
        append_entry(path, {"date": "2026-04-03", "pain": 3})
    assert isinstance(caught.value.__cause__, OSError)
    assert path.read_bytes() == old
    assert Path(str(path) + ".bak").read_bytes() == old_backup
    assert len(read_diary(path)) == 2
    assert _leftovers(tmp_path) == []


def test_interrupt_in_the_middle_of_writing_leaves_the_old_diary(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "d.csv"
    old, _ = _two_saves(path)

    def interrupted(handle, data: bytes) -> None:
        handle.write(data[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr(diary, "_write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_diary(read_diary(path), path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path) == []


def test_failed_rename_leaves_the_old_diary_and_a_backup(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "d.csv"
    old, _ = _two_saves(path)
    real_replace = os.replace

    def failing_replace(src, dst) -> None:
        if Path(dst) == path:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(diary.os, "replace", failing_replace)
    with pytest.raises(DiaryError, match="was not changed"):
        append_entry(path, {"date": "2026-04-03", "pain": 3})
    monkeypatch.undo()
    assert path.read_bytes() == old
    # the backup was taken just before the rename: it is the same diary
    assert Path(str(path) + ".bak").read_bytes() == old
    assert _leftovers(tmp_path) == []


def test_backup_is_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    append_entry(path, {"date": "2026-04-01", "pain": 1})
    first = path.read_bytes()
    append_entry(path, {"date": "2026-04-02", "pain": 2})
    assert Path(str(path) + ".bak").read_bytes() == first
    second = path.read_bytes()
    append_entry(path, {"date": "2026-04-03", "pain": 3})
    assert Path(str(path) + ".bak").read_bytes() == second
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".bak")] == ["d.csv.bak"]


_WRITER = textwrap.dedent(
    """
    import sys, time
    from painbook import diary

    def slow_disk(handle, data):  # write in pieces, like a slow or busy disk
        step = max(1, len(data) // 8)
        for start in range(0, len(data), step):
            handle.write(data[start : start + step])
            handle.flush()
            time.sleep(0.02)

    diary._write_bytes = slow_disk
    path = sys.argv[1]
    i = 0
    while True:
        diary.append_entry(path, {"date": "2026-04-01", "pain": i % 11, "notes": "n" * 50 + str(i)})
        i += 1
    """
)


def _wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_while_saving_leaves_a_whole_diary(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    seed = diary.empty_diary()
    seed = (
        pd.DataFrame(
            {
                "date": pd.Series([pd.Timestamp("2026-01-01")] * 2000, dtype="datetime64[ns]"),
                "pain": [float(i % 11) for i in range(2000)],
                "notes": pd.array([f"seed {i}" for i in range(2000)], dtype="string"),
            }
        )
        .reindex(columns=seed.columns)
        .astype(seed.dtypes.to_dict())
    )
    write_diary(seed, path)
    rng = random.Random(1234)
    previous = len(seed)
    killed_mid_write = 0
    for round_number in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # let at least one save finish, then kill: half the rounds the moment a
            # temporary file is being written, half at a random moment
            assert _wait_for(lambda before=previous: len(read_diary(path)) > before)
            if round_number % 2 == 0:
                assert _wait_for(lambda: bool(_leftovers(tmp_path)))
            else:
                time.sleep(rng.uniform(0.0, 0.5))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        killed_mid_write += bool(_leftovers(tmp_path))
        now = read_diary(path)  # whole: reads without error
        assert len(now) > previous
        pd.testing.assert_frame_equal(now.iloc[: len(seed)].reset_index(drop=True), seed)
        backup = read_diary(Path(str(path) + ".bak"))
        assert len(backup) in (len(now) - 1, len(now))
        previous = len(now)
    assert killed_mid_write >= 2  # the kills did land in the middle of saves
    # the next save clears temporary files a killed save left behind
    append_entry(path, {"date": "2026-04-02", "pain": 1})
    assert _leftovers(tmp_path) == []


def test_the_lock_file_is_hidden_beside_the_diary(tmp_path: Path) -> None:
    path = tmp_path / "my-diary.csv"
    append_entry(path, {"date": "2026-04-01", "pain": 3})
    append_entry(path, {"date": "2026-04-02", "pain": 4})
    assert lock_path(path) == tmp_path / ".my-diary.csv.lock"
    shown = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert shown == ["my-diary.csv", "my-diary.csv.bak"]  # the backup is explained on the form
