"""The web diary's engine (diary/js) agrees with painbook on the same files.

Run through node in one process per group (see tests/diary_js.py):

* write: for every good CSV in tests/data/good and the three sample personas, the bytes the
  JavaScript writes equal painbook.diary.write_diary's (write_observations for a PAINAD log);
* entry: entries refused by painbook.diary.append_entry are refused by the page with the
  same message and field.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from diary_js import as_js, good_reader, run
from painbook import diary, samples

DATA = Path(__file__).resolve().parent / "data"
GOOD_CSV = sorted((DATA / "good").glob("*.csv"))
PERSONAS = [samples.path(name) for name in samples.SAMPLE_FILES]


def _kind(path: Path) -> str:
    return "observations" if good_reader(path) is diary.read_observations else "diary"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    folder = tmp_path_factory.mktemp("written")
    files = [*GOOD_CSV, *PERSONAS]
    frames = [good_reader(p)(p) for p in files]
    tasks = [
        {"op": "write", "kind": _kind(p), "diary": as_js(df)}
        for p, df in zip(files, frames, strict=True)
    ]
    results = run(tasks)
    out = {}
    for path, df, result in zip(files, frames, results, strict=True):
        target = folder / path.name
        writer = diary.write_observations if _kind(path) == "observations" else diary.write_diary
        writer(df, target)
        out[path.name] = (target.read_bytes(), base64.b64decode(result["base64"]))
    return out


@pytest.mark.parametrize("path", [*GOOD_CSV, *PERSONAS], ids=lambda p: p.name)
def test_written_bytes_equal_write_diary(written, path) -> None:
    python_bytes, js_bytes = written[path.name]
    assert js_bytes == python_bytes


ENTRIES = [
    {"date": "2026-04-03", "pain": 11},
    {"date": "2026-04-03", "pain": -1},
    {"date": "2026-04-03", "pain": "eleven"},
    {"date": "2026-04-03", "pain": "7/10"},
    {"date": "2026-04-03", "pain": "2026-05-10"},
    {"date": "2026-04-03", "pain": None},
    {"date": "2026-04-03"},
    {"date": "", "pain": 3},
    {"date": "03/04/2026", "pain": 3},
    {"date": "2026-02-30", "pain": 3},
    {"date": "3 April 2026", "pain": 3},
    {"date": "2026-04-03 08:30", "pain": 3},
    {"date": "2026-04-03", "time": "8pm", "pain": 3},
    {"date": "2026-04-03", "time": "25:00", "pain": 3},
    {"date": "2026-04-03", "pain": 3, "worst": 12, "mood": -2},
    {"date": "2026-04-03", "pain": 3, "sleep_hours": 25},
    {"date": "2026-04-03", "pain": 3, "enjoyment_interference": "a lot"},
    {"date": "2026-04-03", "pain": 3, "weather": "rain"},
    {"date": "2026-04-03", "pain": 3, "Pain level": 4},
    {"date": "2026-04-03", "Date/Time": "2026-04-03 08:00", "pain": 3},
]


def test_entries_are_refused_with_painbook_words(tmp_path) -> None:
    results = run([{"op": "entry", "entry": entry} for entry in ENTRIES])
    for i, (entry, result) in enumerate(zip(ENTRIES, results, strict=True)):
        try:
            diary.append_entry(tmp_path / f"d{i}.csv", entry)
        except diary.DiaryError as err:
            assert result.get("error") == {
                "message": err.message,
                "line": err.line,
                "column": err.column,
            }, entry
        else:
            pytest.fail(f"painbook accepted {entry}")


def test_accepted_entries_hold_what_painbook_saves(tmp_path) -> None:
    entries = [
        {"date": "2026-04-03", "pain": 5},
        {"Date": "2026-04-03", "time": "8:05", "Pain level": "6,5", "helped": ["heat", "walk"]},
        {"date": "2026-04-03", "pain": 0, "notes": "=1+1", "sleep_hours": 7.25},
    ]
    results = run([{"op": "entry", "entry": entry} for entry in entries])
    for i, (entry, result) in enumerate(zip(entries, results, strict=True)):
        saved = diary.append_entry(tmp_path / f"d{i}.csv", entry)
        assert result["row"] == as_js(saved)["rows"][0]


# --------------------------------------------------------------------------- reading

BAD = sorted((DATA / "bad").iterdir())
BAD_CSV = [p for p in BAD if p.suffix == ".csv"]
#: Files that are not CSV: the page reads no spreadsheets. A real .xlsx gets a message saying
#: how to save it as CSV (painbook reads it and names a row and column); the others are
#: refused by both for what they are.
BAD_OTHER = [p for p in BAD if p.suffix != ".csv"]
GOOD_XLSX = sorted((DATA / "good").glob("*.xlsx"))


def _read_kind(path: Path) -> str:
    return "observations" if "observation" in path.name else "diary"


@pytest.fixture(scope="module")
def read_results() -> dict[str, dict]:
    files = [*GOOD_CSV, *PERSONAS, *BAD, *GOOD_XLSX]
    tasks = [{"op": "read", "path": str(p), "kind": _read_kind(p)} for p in files]
    return {p.name: r for p, r in zip(files, run(tasks), strict=True)}


@pytest.mark.parametrize("path", [*GOOD_CSV, *PERSONAS], ids=lambda p: p.name)
def test_good_files_give_the_same_table(read_results, path) -> None:
    reader = diary.read_observations if _read_kind(path) == "observations" else diary.read_diary
    expected = as_js(reader(path))
    got = read_results[path.name]
    assert "error" not in got, got
    assert got["diary"]["columns"] == expected["columns"]
    assert got["diary"]["lines"] == expected["lines"]
    assert got["diary"]["rows"] == expected["rows"]


def _painbook_error(path: Path) -> diary.DiaryError:
    reader = diary.read_observations if _read_kind(path) == "observations" else diary.read_diary
    with pytest.raises(diary.DiaryError) as caught:
        reader(path)
    return caught.value


@pytest.mark.parametrize("path", BAD_CSV, ids=lambda p: p.name)
def test_bad_csv_files_are_refused_at_the_same_line_and_column(read_results, path) -> None:
    err = _painbook_error(path)
    got = read_results[path.name].get("error")
    assert got is not None, f"the page read {path.name}"
    assert (got["line"], got["column"]) == (err.line, err.column)
    if ".xlsx" in err.message:  # painbook offers Excel; the page asks for CSV only
        first_sentence = err.message.split(". ")[0]  # "The file 'x.csv' is a PNG picture, ..."
        assert got["message"].split(". ")[0] == first_sentence
        assert ".xlsx" not in got["message"]
    else:
        assert got["message"] == err.message


@pytest.mark.parametrize("path", [*BAD_OTHER, *GOOD_XLSX], ids=lambda p: p.name)
def test_other_files_are_refused_with_a_message(read_results, path) -> None:
    got = read_results[path.name].get("error")
    assert got is not None, f"the page read {path.name}"
    if path.read_bytes().startswith(b"PK"):
        assert "save the diary sheet as CSV" in got["message"]
        assert got["line"] is None
    else:
        err = _painbook_error(path)
        assert (got["line"], got["column"]) == (err.line, err.column)
