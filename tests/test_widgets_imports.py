"""Tests for painbook.widgets.imports: the "Bring a diary from another app" form."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from painbook.diary import read_diary
from painbook.widgets.imports import AppImporter, describe_app, first_entries

DATA = Path(__file__).parent / "data" / "imports"


def _form(tmp_path: Path, name: str) -> AppImporter:
    form = AppImporter(folder=tmp_path)
    form.load((DATA / name).read_bytes(), name)
    return form


def test_the_form_says_which_app_made_the_file(tmp_path: Path) -> None:
    form = _form(tmp_path, "migraine_buddy.csv")
    assert form.app == "migraine-buddy"
    assert "is an export from Migraine Buddy" in form.status.value
    assert form.bring.disabled is False and form.save_button.disabled is True


def test_an_unknown_file_is_said_and_cannot_be_brought_across(tmp_path: Path) -> None:
    form = AppImporter(folder=tmp_path)
    assert form.load(b"date,pain\n2026-03-02,4\n", "my-diary.csv") is None
    assert "not an export from an app this workbook knows" in form.status.value
    assert form.bring.disabled is True
    assert form.bring_across() is None


def test_bringing_across_shows_the_report_and_the_first_entries(tmp_path: Path) -> None:
    form = _form(tmp_path, "headi.csv")
    form.time_zone.value = "America/Chicago"
    df = form.bring_across()
    assert df is not None and len(df) == 4
    assert "changed to local time in the time zone America/Chicago" in form.status.value
    shown = form.output.outputs[0]["data"]["text/plain"]
    assert "2026-03-01" in shown and "21:30" in shown
    assert form.save_button.disabled is False


def test_a_0_to_4_scale_needs_the_box_ticked(tmp_path: Path) -> None:
    form = _form(tmp_path, "flaredown.csv")
    assert form.bring_across() is None
    assert "rescale=True" in form.status.value and 'role="alert"' in form.status.value
    assert form.save_button.disabled is True
    form.rescale.value = True
    df = form.bring_across()
    assert df is not None and df["pain"].tolist() == [5.0, 7.5, 10.0]


def test_apple_health_is_refused_in_words(tmp_path: Path) -> None:
    form = _form(tmp_path, "apple_health_export.xml")
    assert form.app == "apple-health"
    assert form.bring_across() is None
    assert "mild, moderate or severe" in form.status.value


def test_saving_writes_a_new_diary_and_never_over_a_file(tmp_path: Path) -> None:
    form = _form(tmp_path, "crisiscore.json")
    form.time_zone.value = "America/Chicago"
    df = form.bring_across()
    path = form.save("from-crisiscore")
    assert path == tmp_path / "from-crisiscore.csv"
    pd.testing.assert_frame_equal(read_diary(path), df)
    before = path.read_bytes()
    assert form.save("from-crisiscore.csv") is None
    assert "already a file" in form.status.value and path.read_bytes() == before
    assert form.save("../elsewhere.csv") is None and "without a folder" in form.status.value


def test_the_upload_widget_loads_the_file(tmp_path: Path) -> None:
    form = AppImporter(folder=tmp_path)
    content = (DATA / "bearable.csv").read_bytes()
    form._on_upload({"new": ({"name": "bearable.csv", "content": memoryview(content)},)})
    assert form.app == "bearable" and form.name == "bearable.csv"


@pytest.mark.parametrize(("app", "words"), [(None, "not an export"), ("headi", "from Headi")])
def test_describe_app(app: str | None, words: str) -> None:
    assert words in describe_app(app, "x.csv")


def test_first_entries_has_plain_headings(tmp_path: Path) -> None:
    form = _form(tmp_path, "privacy_friendly_pain_diary.json")
    table = first_entries(form.bring_across(), n=2)
    assert list(table.columns) == ["Date", "Time", "Pain", "Where", "Medicines", "Notes"]
    assert table["Where"].iloc[0] == "left knee; right knee" and table["Time"].iloc[0] == ""
