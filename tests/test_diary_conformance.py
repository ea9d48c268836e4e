"""The web diary's engine (diary/js) agrees with painbook on the same files.

Run through node, one process per group of files (see tests/diary_js.py):

* write: for every good CSV in tests/data/good and the three sample personas, the bytes the
  JavaScript writes equal painbook.diary.write_diary's (write_observations for a PAINAD log);
* entries: entries refused by painbook.diary.append_entry are refused by the page with the
  same message and field; accepted ones hold what painbook saves;
* reading: every CSV in tests/data/good and the personas gives the same table (and line
  numbers) as read_diary; every CSV in tests/data/bad is refused at the same line and column,
  with the same message (except where painbook's message offers Excel files, which the page
  does not read); the other files in tests/data/bad (.xlsx, .xls) and tests/data/good
  (diary.xlsx) are refused by the page: a real workbook with a message saying how to save it
  as CSV, a file only named .xlsx or an old .xls as painbook refuses it; probing files and
  150 made-up files read or fail the same;
* analysis: days, weeks, trend, flares, what helped, medicines, progress and the workbook's
  tables and chart texts equal painbook's to the last bit, for the two diary personas and a
  made-up 10-year diary of 4 entries a day (14,608 rows);
* the visit summary: its lines of text equal painbook.report.visit_summary's page, and its
  chart data places every point, line and tick where painbook's SVG does;
* PAINAD: totals, averages by what was happening, the log's tables and summary, and the
  form's total text equal painbook's for the sample log.
"""

from __future__ import annotations

import base64
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
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


#: More files, each made to probe one reading rule (the CSV text, or bytes to encode).
H = "date,time,pain,worst,sleep_hours,helped,notes\r\n"
CASES: dict[str, bytes] = {
    "semicolon_tab": b"date\tpain\tmood\n2026-04-03\t5\t6\n",
    "decimal_comma": b"date;pain;sleep\n2026-04-03;6,5;7,25\n",
    "day_first": b"date,pain\n25/03/2026,4\n13.04.2026,5\n",
    "month_first": b"date,pain\n03/25/2026,4\n",
    "mixed_order": b"date,pain\n25/03/2026,4\n03/25/2026,5\n",
    "ambiguous_with_hint": b"date,pain\n25/03/2026,4\n03/04/2026,5\n",
    "ambiguous_alone": b"date,pain\n03/04/2026,5\n",
    "same_day_month": b"date,pain\n04/04/2026,5\n",
    "iso_one_digit": b"date,pain\n2026-4-3,5\n2026/04/05,1\n2026.04.06,2\n",
    "midnight": b"date,pain\n2026-04-03 00:00:00,5\n2026-04-04T00:00,5\n",
    "date_with_clock": b"date,pain\n2026-04-03,5\n2026-04-04 8:30,5\n",
    "date_with_words": b"date,pain\n2026-04-03 morning,5\n",
    "impossible": b"date,pain\n2026-02-29,5\n",
    "leap_day": b"date,pain\n2024-02-29,5\n",
    "year_out": b"date,pain\n1600-01-01,5\n",
    "month_13": b"date,pain\n2026-13-01,5\n",
    "datetime_col": b"Date/Time,pain\n2026-04-03 08:30,5\n2026-04-03T21:05,4\n2026-04-04,3\n",
    "datetime_bad": b"Date/Time,pain\n2026-04-03 8pm,5\n",
    "datetime_and_time": b"Date/Time,Time,pain\n2026-04-03 08:30,08:30,5\n",
    "times": b"date,time,pain\n2026-04-03,8:05,5\n2026-04-03,08:05:00,5\n2026-04-03,23:59,5\n",
    "time_seconds": b"date,time,pain\n2026-04-03,08:05:30,5\n",
    "time_no_colon": b"date,time,pain\n2026-04-03,0830,5\n",
    "time_24": b"date,time,pain\n2026-04-03,24:00,5\n",
    "numbers": b"date,pain,mood\n2026-04-03,+5,.5\n2026-04-04,5.,1e0\n2026-04-05, 7 ,-0\n",
    "nan_word": b"date,pain\n2026-04-03,nan\n",
    "inf_word": b"date,pain\n2026-04-03,inf\n",
    "underscore": b"date,pain\n2026-04-03,1_0\n",
    "leading_number": b"date,pain\n2026-04-03,7 (bad day)\n",
    "out_of_ten": b"date,pain\n2026-04-03,7/10\n",
    "sleep_above": b"date,pain,sleep\n2026-04-03,5,24.5\n",
    "range_after_parse": b"date,pain,mood\n2026-04-03,5,x\n2026-04-02,11,5\n",
    "two_problems_row": b"date,pain,mood\n2026-04-03,12,bad\n",
    "required_empty": b"date,pain\n2026-04-03,\n",
    "date_empty_later": b"date,pain\n2026-04-03,3\n,4\n",
    "blank_rows": b"\n\n date,pain\n\n2026-04-03,3\n , \n,,\n2026-04-04,4\n\n",
    "blank_rows_3": b"\n\n date,pain,x\n\n2026-04-03,3,\n , ,\t\n,,\n2026-04-04,4,\n\n",
    "blank_heading_data": b"date,pain,\n2026-04-03,3,\n2026-04-04,3,x\n",
    "blank_heading_empty": b"date,pain,\n2026-04-03,3,\n",
    "two_pain": b"date,Pain level,pain score\n2026-04-03,3,4\n",
    "duplicate_heading": b"date,pain,x,x\n2026-04-03,3,,\n",
    "no_pain": b"date,score\n2026-04-03,3\n",
    "looks_like_data": b"2026-04-03,3\n2026-04-04,3\n",
    "extras": b"date,Weather,pain,My note\n2026-04-03,rain,3, spaced \n",
    "guard": b"date,pain,notes,helped\n2026-04-03,3,'=1+1, '@x \n2026-04-04,3,''-x,\n",
    "guard_heading": b"date,pain,'=odd\n2026-04-03,3,a\n",
    "lists": b"date,pain,where\n2026-04-03,3, knee ;  lower back \n",
    "quotes": b'date,pain,notes\n2026-04-03,3,"said ""ouch"", then\r\nsat"\n2026-04-04,4,"a"b\n',
    "quoted_newlines_lines": b'date,pain,notes\n2026-04-03,3,"a\nb\nc"\n2026-04-04,x,\n',
    "lone_cr": b"date,pain\r2026-04-03,3\r2026-04-04,x\r",
    "crlf": H.encode() + b"2026-04-03,08:00,5,7,6.5,heat,ok\r\n2026-04-04,,bad,,,,\r\n",
    "too_many": b"date,pain\n2026-04-03,3\n2026-04-04,3,extra\n",
    "short_rows": b"date,pain,notes\n2026-04-03,3\n2026-04-04\n",
    "unclosed_header": b'"date,pain\n2026-04-03,3\n',
    "header_only_crlf": b"date,pain\r\n",
    "spaces_only": b"   \n \n",
    "accents_utf8": "date,pain,notes\n2026-04-03,3,café née\n".encode(),
    "accents_1252": "date,pain,notes\n2026-04-03,3,café – née\n".encode("cp1252"),
    "undefined_1252": b"date,pain,notes\n2026-04-03,3,\x81\n",
    "utf16_be": "date,pain\n2026-04-03,3\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
    "utf16_le": "\ufeffdate\tpain\r\n2026-04-03\t3\r\n".encode("utf-16-le"),
    "bom_twice": "\ufeff\ufeffdate,pain\n2026-04-03,3\n".encode(),
    "heading_units": b"Date (YYYY-MM-DD),Pain (0-10),Sleep (hours),(mood)\n2026-04-03,3,7,5\n",
}
OBS_CASES: dict[str, bytes] = {
    "obs_ok": b"date,breathing,vocalization,face,body_language,consolability,activity\n"
    b"2026-04-03,0,1,2,1,0,bathing\n",
    "obs_half": b"date,breathing,vocalization,face,body_language,consolability\n"
    b"2026-04-03,0,1,1.5,1,0\n",
    "obs_three": b"date,breathing,vocalization,face,body_language,consolability\n"
    b"2026-04-03,0,1,3,1,0\n",
    "obs_missing": b"date,breathing,vocalization,face,body_language\n2026-04-03,0,1,2,1\n",
}


@pytest.mark.parametrize("kind", ["diary", "observations"])
def test_probing_files_read_or_fail_the_same(tmp_path, kind) -> None:
    cases = CASES if kind == "diary" else OBS_CASES
    reader = diary.read_diary if kind == "diary" else diary.read_observations
    paths = []
    for name, data in cases.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        paths.append(path)
    results = run([{"op": "read", "path": str(p), "kind": kind} for p in paths])
    for path, got in zip(paths, results, strict=True):
        try:
            expected = as_js(reader(path))
        except diary.DiaryError as err:
            assert got.get("error") == {
                "message": err.message,
                "line": err.line,
                "column": err.column,
            }, path.name
        else:
            assert "error" not in got, (path.name, got)
            assert got["diary"] == {**expected, "source": path.name}, path.name


# --------------------------------------------------------------------------- analysis


def _plain(value: object) -> object:
    """A pandas/numpy value as the JavaScript engine gives it (JSON)."""
    import math

    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return value


def _records(df, index: str | None = None) -> list[dict]:
    frame = df.reset_index() if index else df
    if index:
        frame = frame.rename(columns={frame.columns[0]: index})
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _table(df) -> dict:
    return {
        "columns": [df.index.name, *map(str, df.columns)],
        "rows": [
            [_plain(i), *map(_plain, row)]
            for i, row in zip(df.index, df.to_numpy().tolist(), strict=True)
        ],
    }


def _close(got: object, expected: object, where: str = "") -> None:
    """Equal, to the last bit of every number (the engine sums as pandas and numpy do)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict) and set(got) == set(expected), (where, got, expected)
        for k in expected:
            _close(got[k], expected[k], f"{where}.{k}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), (where, len(got), len(expected))
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            _close(g, e, f"{where}[{i}]")
    else:
        assert got == expected, (where, got, expected)


def painbook_analysis(df) -> dict:
    """painbook's numbers for the analysis the page shows, in the engine's JSON form."""
    from painbook import analysis, charts
    from painbook.widgets import forms

    weekly = charts.weekly_table(df)
    flare_table = charts.flare_table(df)
    last = forms.last_entries(df)
    return {
        "daily": _records(analysis.daily(df), "date"),
        "summary_w": _records(analysis.summary(df, "W"), "start"),
        "summary_ms": _records(analysis.summary(df, "MS"), "start"),
        "trend": _records(analysis.trend(df), "date"),
        "flares": _records(analysis.flares(df)),
        "helped_worsened": _records(analysis.helped_worsened(df)),
        "progress": _records(analysis.progress(df)),
        "medications": _records(analysis.medications(df)),
        "weekly_table": _table(weekly),
        "describe_pain": charts.describe_measure(df, "pain"),
        "describe_sleep": charts.describe_measure(df, "sleep_hours"),
        "flare_table": _table(flare_table),
        "last_entries": {
            "columns": list(last.columns),
            "index": [int(i) for i in last.index],
            "rows": [list(r) for r in last.to_numpy().tolist()],
        },
    }


DIARY_PERSONAS = [p for p in PERSONAS if _read_kind(p) == "diary"]


@pytest.fixture(scope="module")
def long_diary(tmp_path_factory) -> Path:
    """The benchmark's diary: 10 years, 4 entries a day (14,608 rows), made up."""
    path = tmp_path_factory.mktemp("long") / "long-diary.csv"
    diary.write_diary(samples.generate_diary(years=10, per_day=4), path)
    return path


def test_analysis_equals_painbook(long_diary) -> None:
    paths = [*DIARY_PERSONAS, long_diary]
    results = run([{"op": "analyse", "path": str(p)} for p in paths])
    for path, got in zip(paths, results, strict=True):
        expected = painbook_analysis(diary.read_diary(path))
        got.pop("ms")
        for key in expected:
            _close(got[key], expected[key], f"{path.name}:{key}")


# --------------------------------------------------------------------------- PAINAD

OBSERVATION_PERSONAS = [p for p in PERSONAS if _read_kind(p) == "observations"]
SCORES = [
    {},
    {"breathing": 1, "face": 2},
    {"breathing": 1, "vocalization": 0, "face": 2, "body_language": 2, "consolability": 2},
    {"breathing": 0, "vocalization": 0, "face": 0, "body_language": 0, "consolability": 0},
]


def _short_table(df) -> dict:
    return {
        "columns": list(df.columns),
        "index": [int(i) for i in df.index],
        "rows": [list(r) for r in df.to_numpy().tolist()],
    }


@pytest.mark.parametrize("path", [*OBSERVATION_PERSONAS, DATA / "good" / "observations.csv"])
def test_painad_log_equals_painbook(tmp_path, path) -> None:
    from painbook import analysis
    from painbook.widgets import forms

    log = diary.read_observations(path)
    [got] = run([{"op": "painad", "path": str(path), "scores": SCORES}])
    assert got["totals"] == [_plain(v) for v in analysis.painad_totals(log)]
    by_context = analysis.painad_by_context(log)
    _close(got["by_context"], _records(by_context, "context"))
    context = forms.context_table(log)
    _close(got["context_table"]["rows"], _table(context)["rows"])
    for order in ("last", "highest"):
        assert got[order] == _short_table(forms.observation_table(log, 5, order)), order
    assert got["summary"] == forms.observation_summary(log)
    form = forms.ObservationForm(tmp_path / "log.csv")
    for scores, text in zip(SCORES, got["total_text"], strict=True):
        for item, control in form.items.items():
            control.value = scores.get(item)
        assert text == form.total_text()


# --------------------------------------------------------------------------- visit summary


class _PageText(HTMLParser):
    """The lines of text of painbook's visit summary, as summary.js's summaryLines gives them."""

    BLOCKS = {"h1", "h2", "p", "li", "figcaption", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] | None = None
        self.cells: list[str] | None = None
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in {"svg", "style", "title"}:
            self.skip += 1
        elif tag == "tr":
            self.cells = []
        elif tag in {"td", "th"} or tag in self.BLOCKS:
            self.text = []

    def handle_endtag(self, tag) -> None:
        if tag in {"svg", "style", "title"}:
            self.skip -= 1
        elif tag in {"td", "th"} and self.cells is not None and self.text is not None:
            self.cells.append("".join(self.text))
            self.text = None
        elif tag == "tr" and self.cells is not None:
            self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in self.BLOCKS and self.text is not None:
            self.lines.append("".join(self.text))
            self.text = None

    def handle_data(self, data) -> None:
        if self.text is not None and not self.skip:
            self.text.append(data)


def page_lines(html: str) -> list[str]:
    parser = _PageText()
    parser.feed(html)
    return parser.lines


SUMMARY_OPTIONS = [
    {},
    {"questions": ["Could the new exercises be why my back is better?", "  ", "<b>Sleep?</b>"]},
    {"start": "2025-04-01", "end": "2025-04-30", "questions": [f"Question {i}" for i in range(11)]},
    {"baseline": ["2025-03-03", "2025-03-16"], "name": "Maria"},
    {"baseline": ["2025-03-03", "2025-05-30"]},
    {"start": "2030-01-01", "end": "2030-02-01", "questions": ["Anything?"]},
]


def _visit_summary(df, options: dict) -> str:
    from painbook import report

    args = dict(options)
    if "baseline" in args:
        args["baseline"] = tuple(args["baseline"])
    return report.visit_summary(df, **args)


@pytest.mark.parametrize("path", [*DIARY_PERSONAS, "long"], ids=str)
def test_visit_summary_equals_painbook(path, long_diary) -> None:
    path = long_diary if path == "long" else path
    df = diary.read_diary(path)
    options = SUMMARY_OPTIONS if path != long_diary else [{}, {"start": "2025-10-01"}]
    results = run([{"op": "summary", "path": str(path), "options": o} for o in options])
    for option, got in zip(options, results, strict=True):
        try:
            html = _visit_summary(df, option)
        except ValueError as err:
            assert got.get("refused") == str(err), option
            continue
        assert got["lines"] == page_lines(html), option
        title = html.split("<title>")[1].split("</title>")[0]
        assert escape(got["model"]["documentTitle"]) == title


PROGRESS_CASES = [
    (["2025-03-03", "2025-03-16"], None),
    (["2025-03-03", "2025-05-30"], None),
    (["2025-03-03", "2025-03-16"], "2025-03-20"),
    (["2025-03-03", "2025-03-16"], "2025-03-31"),
    (["2025-03-03", "not a day"], None),
]


@pytest.mark.parametrize("path", DIARY_PERSONAS, ids=str)
def test_progress_problem_equals_painbook(path) -> None:
    """Why there is no baseline comparison, said beside the summary form in both."""
    from painbook import report

    df = diary.read_diary(path)
    cases = [(b, e or df["date"].max().strftime("%Y-%m-%d")) for b, e in PROGRESS_CASES]
    results = run(
        [{"op": "progress-problem", "path": str(path), "baseline": b, "end": e} for b, e in cases]
    )
    expected = [report.progress_problem(df, tuple(b), e) for b, e in cases]
    assert [got["problem"] for got in results] == expected
    assert any(expected) and None in expected


def _svg_from_model(chart: dict) -> dict:
    """The chart's points, line and tick labels placed as painbook's SVG places them."""
    width, height, left, right, top, bottom = 700.0, 230.0, 34.0, 10.0, 22.0, 26.0

    def x(frac: float) -> str:
        return f"{left + (width - left - right) * frac:.1f}"

    def y(value: float) -> str:
        return f"{top + (height - top - bottom) * (1 - value / 10):.1f}"

    return {
        "points": [(x(p["x"]), y(p["value"])) for p in chart["points"]],
        "lines": [" ".join(f"{x(p['x'])},{y(p['value'])}" for p in s) for s in chart["segments"]],
        "ticks": [(x(t["x"]), t["label"]) for t in chart["ticks"]],
    }


def _svg_from_page(html: str) -> dict:
    import re

    svg = html.split("<svg")[1].split("</svg>")[0]
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    lines += [
        f"{a},{b}"
        for a, b in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="2.5" fill="#0b3d91"', svg)
    ]
    return {
        "points": re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="2.2"', svg),
        "lines": lines,
        "ticks": re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]+)</text>', svg
        ),
    }


@pytest.mark.parametrize("path", [*DIARY_PERSONAS, "long"], ids=str)
def test_chart_data_places_the_points_as_painbook(path, long_diary) -> None:
    path = long_diary if path == "long" else path
    df = diary.read_diary(path)
    options = [{}, {"start": "2025-01-20", "end": "2025-02-25"}]
    results = run([{"op": "summary", "path": str(path), "options": o} for o in options])
    for option, got in zip(options, results, strict=True):
        html = _visit_summary(df, option)
        assert got["model"]["empty"] == ("<svg" not in html)
        if got["model"]["empty"]:
            continue
        page = _svg_from_page(html)
        mine = _svg_from_model(got["model"]["chart"])
        assert [tuple(p) for p in mine["points"]] == [tuple(p) for p in page["points"]]
        assert sorted(mine["lines"]) == sorted(page["lines"])
        assert [tuple(t) for t in mine["ticks"]] == [tuple(t) for t in page["ticks"]]
        assert page["points"], "the chart has points"


# --------------------------------------------------------------------------- made-up files

_HEADINGS = [
    ["date", "Date", "Day", "Date/Time", "datum"],
    ["time", "Time", ""],
    ["pain", "Pain level", "Pain (0-10)", "NRS"],
    ["worst", "Worst pain"],
    ["least"],
    ["sleep", "Hours of sleep"],
    ["mood"],
    ["helped", "What helped"],
    ["notes", "Comments"],
    ["Weather", "'=x", ""],
]
_DATES = ["2026-04-03", "2026-4-3", "03/04/2026", "25/03/2026", "03/25/2026", "2026-02-30", ""]
_DATES += ["x", "2026-04-03 00:00", "2026-04-03 08:30", "2026-04-03T08:30", "13.04.2026"]
_TIMES = ["08:30", "8:30", "", "24:00", "8pm", "08:30:00", "0830", " 09:15 "]
_NUMBERS = ["5", "5.5", "6,5", "", "11", "-1", "x", "nan", "1e1", " 7 ", "10", "0", "7/10"]
_NUMBERS += ["2026-05-10", "3 (ok)"]
_TEXT = ["", "heat", "heat; walk", " a ; b ", "=1+1", "'=x", "x, y", 'say "hi"', "line\nbreak"]
_NUMBER_HEADINGS = {"pain", "pain level", "pain (0-10)", "nrs", "worst pain", "worst", "least"}
_NUMBER_HEADINGS |= {"sleep", "hours of sleep", "mood"}


def _made_up_files(folder: Path, count: int, seed: int, noise: float) -> list[Path]:
    """Diaries in many shapes, each cell now and then one of the forms to refuse."""
    import random

    rng = random.Random(seed)

    def cell(heading: str) -> str:
        key = heading.lower()
        if "date" in key or key in ("day", "datum"):
            pool = _DATES
        elif "time" in key:
            pool = _TIMES
        elif key in _NUMBER_HEADINGS:
            pool = _NUMBERS
        else:
            pool = _TEXT
        if rng.random() < noise:
            return rng.choice(pool)
        if pool is _DATES and "/" not in key:
            return f"2026-04-{rng.randint(1, 28):02d}"
        return rng.choice(pool[:4]) if pool is _TEXT else pool[0]

    def quote(value: str, delimiter: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    paths = []
    for n in range(count):
        heads = [rng.choice(g) for g in _HEADINGS if rng.random() < 0.7 or g[0] in ("date", "pain")]
        rng.shuffle(heads)
        delimiter = rng.choice([",", ";", "\t"])
        newline = rng.choice(["\n", "\r\n"])
        lines = [delimiter.join(quote(h, delimiter) for h in heads)]
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.05:
                lines.append("")
                continue
            row = [quote(cell(h), delimiter) for h in heads]
            if rng.random() < 0.03:
                row.append("extra")
            if rng.random() < 0.03:
                row = row[:-1]
            lines.append(delimiter.join(row))
        text = newline.join(lines) + (newline if rng.random() < 0.8 else "")
        encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16"])
        path = folder / f"made-up-{n}.csv"
        path.write_bytes(text.encode(encoding))
        paths.append(path)
    return paths


def test_made_up_files_read_or_fail_the_same(tmp_path) -> None:
    paths = _made_up_files(tmp_path, 150, seed=20261201, noise=0.05)
    results = run([{"op": "read", "path": str(p)} for p in paths])
    read = refused = 0
    for path, got in zip(paths, results, strict=True):
        try:
            expected = as_js(diary.read_diary(path))
        except diary.DiaryError as err:
            refused += 1
            assert got.get("error") == {
                "message": err.message,
                "line": err.line,
                "column": err.column,
            }, path.read_bytes()
        else:
            read += 1
            assert got.get("diary") == {**expected, "source": path.name}, path.read_bytes()
    assert read >= 20 and refused >= 20, (read, refused)


DATE_ORDER_CASES = {
    "ambiguous": b"date,pain\n03/04/2026,5\n2026-04-05,4\n",
    "one_digit": b"date,pain\n3/4/2026,5\n 3/12/2026 ,4\n",
    "impossible": b"date,pain\n31/02/2026,5\n",
    "zero": b"date,pain\n00/04/2026,5\n",
    "other_form": b"date,pain\n2026/31/12,5\n",
    "midnight": b"date,pain\n03/04/2026 00:00,5\n",
    "datetime": b"Date/Time,pain\n03/04/2026 08:30,5\n",
    "dots": b"date,pain\n03.04.2026,5\n",
}


@pytest.mark.parametrize("date_format", ["%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y"])
def test_the_date_order_can_be_given(tmp_path, date_format) -> None:
    paths = []
    for name, data in DATE_ORDER_CASES.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        paths.append(path)
    tasks = [{"op": "read", "path": str(p), "date_format": date_format} for p in paths]
    for path, got in zip(paths, run(tasks), strict=True):
        try:
            expected = as_js(diary.read_diary(path, date_format=date_format))
        except diary.DiaryError as err:
            want = {"message": err.message, "line": err.line, "column": err.column}
            assert got.get("error") == want, path.name
        else:
            assert got.get("diary") == {**expected, "source": path.name}, path.name


FORMS = [
    {"boxes": {"date": "2026-04-03", "pain": "5"}},
    {
        "boxes": {
            "date": "2026-04-03",
            "time": " 08:30 ",
            "pain": " 6.50 ",
            "worst": "eleven",
            "sleep_hours": "6,5",
            "locations": "lower back\n left knee ;hip",
            "helped": "\n\n",
            "notes": "  felt <b>ok</b>  ",
        },
        "ticked": ["aching", "burning"],
        "other": "pressing; dull",
    },
    {"boxes": {"date": "2026-04-03", "pain": "12.0", "mood": "7", "medications": "ibuprofen 8am"}},
]


def test_form_boxes_become_the_workbook_form_entry(tmp_path) -> None:
    from painbook.widgets import forms

    results = run([{"op": "form", **f} for f in FORMS])
    for i, (filled, got) in enumerate(zip(FORMS, results, strict=True)):
        # a folder of its own: a new form keeps the unsaved boxes of the last form in its folder
        (tmp_path / str(i)).mkdir()
        form = forms.DiaryForm(tmp_path / str(i) / "d.csv")
        boxes = filled["boxes"]
        form.date.value = pd.Timestamp(boxes["date"]).date()
        for name, text in boxes.items():
            if name != "date":
                getattr(form, name).value = text
        for word in filled.get("ticked", []):
            form.qualities[word].value = True
        form.other_qualities.value = filled.get("other", "")
        expected = {k: (v.isoformat() if k == "date" else v) for k, v in form.entry().items()}
        assert got["entry"] == expected


IMPORTS = sorted(p for p in (DATA / "imports").iterdir() if p.suffix != ".md")
#: Exports the page names only as JSON files (painbook names the app; telling these apps
#: apart needs their JSON read, and the page cannot bring them in either way).
JSON_EXPORTS = {"crisiscore.json", "privacy_friendly_pain_diary.json"}


def test_other_apps_exports_are_refused_as_painbook_refuses_them() -> None:
    results = run([{"op": "read", "path": str(p)} for p in IMPORTS])
    for path, got in zip(IMPORTS, results, strict=True):
        err = _painbook_error(path)
        assert got.get("error") is not None, path.name
        assert (got["error"]["line"], got["error"]["column"]) == (err.line, err.column)
        if path.name in JSON_EXPORTS:
            assert got["error"]["message"].startswith(f"The file '{path.name}' is a JSON file")
        else:
            assert got["error"]["message"] == err.message, path.name


def test_json_xml_and_web_pages_are_named(tmp_path) -> None:
    files = {
        "notes.json": b'\xef\xbb\xbf {"date": "2026-04-03", "pain": 5}',
        "list.json": b"[1, 2]",
        "broken.json": b"[not json,\n2026-04-03,5\n",
        "data.xml": b"<?xml version='1.0'?><diary/>",
        "page.html": b"<!DOCTYPE html><html><body>date,pain</body></html>",
        "tag.csv": b"<entries>\n</entries>\n",
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    results = run([{"op": "read", "path": str(p)} for p in paths])
    for path, got in zip(paths, results, strict=True):
        err = _painbook_error(path)
        assert (got["error"]["line"], got["error"]["column"]) == (err.line, err.column)
        first_sentence = err.message.split(": ")[0]
        assert got["error"]["message"].split(": ")[0] == first_sentence, path.name
        assert ".xlsx" not in got["error"]["message"]


OBSERVATION_FORMS = [
    {"scores": {"breathing": 1, "face": 2}, "boxes": {"date": "2026-04-03"}},
    {
        "scores": {"breathing": 0, "vocalization": 1, "face": 2, "body_language": 1},
        "boxes": {
            "date": "2026-04-03",
            "time": " 10:30",
            "context": "other",
            "contextOther": " dressing ",
        },
    },
    {"scores": {}, "boxes": {"date": "2026-04-03", "context": "other", "notes": " held hip "}},
    {"scores": {}, "boxes": {"date": "2026-04-03", "context": "bathing"}},
]


def test_painad_form_gives_the_workbook_form_observation(tmp_path) -> None:
    from painbook.widgets import forms

    results = run([{"op": "observation-form", **f} for f in OBSERVATION_FORMS])
    for filled, got in zip(OBSERVATION_FORMS, results, strict=True):
        form = forms.ObservationForm(tmp_path / "log.csv")
        boxes = filled["boxes"]
        form.date.value = pd.Timestamp(boxes["date"]).date()
        form.time.value = boxes.get("time", "")
        form.context.value = boxes.get("context", "")
        form.context_other.value = boxes.get("contextOther", "")
        form.notes.value = boxes.get("notes", "")
        for item, control in form.items.items():
            control.value = filled["scores"].get(item)
        expected = {k: (v.isoformat() if k == "date" else v) for k, v in form.observation().items()}
        assert got["entry"] == expected
