"""Build the Excel files of the test corpus (tests/data/bad/*.xlsx, tests/data/good/*.xlsx).

Run from the repository root: ``python tests/data/make_bad_xlsx.py``. The files are small
and committed; this script documents exactly what is in them and rebuilds them. The
workbooks' timestamps are fixed so that running it again gives the same content.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
GOOD = HERE / "good"
FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, 0)


def _save(workbook: openpyxl.Workbook, path: Path) -> bytes:
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    path.write_bytes(data)
    return data


def _sheet(rows: list[list[object]], title: str = "Diary") -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return workbook


def build() -> list[Path]:
    """Write every Excel file of the corpus; return their paths."""
    BAD.mkdir(exist_ok=True)
    GOOD.mkdir(exist_ok=True)
    written: list[Path] = []

    # Pain of 11 on sheet row 4 (row 3 is left empty on purpose: rows keep their numbers).
    workbook = _sheet(
        [
            ["Date", "Pain", "Notes"],
            [dt.datetime(2026, 4, 1), 4, "ok"],
            [None, None, None],
            [dt.datetime(2026, 4, 2), 11, "too high"],
        ]
    )
    written.append(BAD / "pain_above_10.xlsx")
    _save(workbook, written[-1])

    # A date typed as text that can be read two ways.
    workbook = _sheet([["Date", "Pain"], ["03/04/2026", 4]])
    written.append(BAD / "date_ambiguous.xlsx")
    _save(workbook, written[-1])

    # "5/10" typed into the pain cell and turned into a date by the spreadsheet.
    workbook = _sheet([["Date", "Pain"], [dt.datetime(2026, 4, 1), dt.datetime(2026, 5, 10)]])
    written.append(BAD / "pain_typed_as_date.xlsx")
    _save(workbook, written[-1])

    # The first sheet is a summary; the diary is on the second sheet.
    workbook = _sheet([["Weekly summary"], ["Week", "Average"], [14, 4.5]], title="Summary")
    diary = workbook.create_sheet("Diary")
    diary.append(["date", "pain"])
    diary.append([dt.datetime(2026, 4, 1), 4])
    written.append(BAD / "no_diary_on_first_sheet.xlsx")
    _save(workbook, written[-1])

    # The first sheet is empty.
    workbook = _sheet([], title="Sheet1")
    second = workbook.create_sheet("Diary")
    second.append(["date", "pain"])
    written.append(BAD / "empty_first_sheet.xlsx")
    _save(workbook, written[-1])

    # An entry in column D, which has no heading.
    workbook = _sheet([["date", "pain", "notes"], [dt.datetime(2026, 4, 1), 4, "ok", "stray"]])
    written.append(BAD / "cell_without_heading.xlsx")
    _save(workbook, written[-1])

    # A damaged workbook: a real one cut in half, and zip magic followed by junk.
    workbook = _sheet([["date", "pain"], [dt.datetime(2026, 4, 1), 4]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    whole = buffer.getvalue()
    written.append(BAD / "truncated.xlsx")
    written[-1].write_bytes(whole[: len(whole) // 2])
    written.append(BAD / "corrupt.xlsx")
    written[-1].write_bytes(b"PK\x03\x04" + b"this is not really a zip file" * 4)

    # A good workbook: heading variants, date and time cells, numbers, a guarded formula,
    # a second sheet that must survive a save.
    workbook = _sheet(
        [
            ["Date", "Time", "Pain level", "Sleep (hours)", "Meds", "Notes", "Weather"],
            [dt.datetime(2026, 4, 1), dt.time(8, 30), 4, 7.5, "ibuprofen", "'=1+1", "sunny"],
            [dt.datetime(2026, 4, 2), "21:15", 6.5, 6, None, "café", None],
        ]
    )
    other = workbook.create_sheet("My notes")
    other["A1"] = "Questions for the doctor"
    written.append(GOOD / "diary.xlsx")
    _save(workbook, written[-1])
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(HERE.parent.parent))
