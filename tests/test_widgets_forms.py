"""The workbook forms: fill them in from Python, press Save, check the file and the messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest

from painbook import diary, samples, scales
from painbook.widgets import forms

DAY = dt.date(2026, 4, 14)


@pytest.fixture(autouse=True)
def fresh_kernel():
    """Each test starts as a fresh kernel would: no earlier form to keep a draft from."""
    forms._LIVE.clear()
    yield
    forms._LIVE.clear()


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    return tmp_path / "my-diary.csv"


def entry_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def all_inputs(form: object) -> list[widgets.Widget]:
    return form._inputs()  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ diary form


def test_diary_form_has_every_diary_field(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path)
    assert list(form.entry()) == list(diary.CANONICAL_COLUMNS)
    assert list(forms.DIARY_FIELDS) == list(diary.CANONICAL_COLUMNS)
    assert form.date.value == dt.date.today()


def test_every_input_has_a_visible_label(diary_path: Path, tmp_path: Path) -> None:
    for form in (
        forms.DiaryForm(diary_path),
        forms.ObservationForm(tmp_path / "obs.csv"),
        forms.ActionPlanForm(tmp_path / "plans.csv"),
    ):
        for control in all_inputs(form):
            assert control.description.strip(), control


def test_pain_11_gives_a_clear_message_and_leaves_the_file_unchanged(diary_path: Path) -> None:
    diary.append_entry(diary_path, {"date": "2026-04-13", "pain": 5})
    before = diary_path.read_bytes()
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "11"
    form.save_button.click()
    assert form.last_message.startswith("Not saved.")
    assert "11 is above 10" in form.last_message
    assert '"Pain now (0-10)"' in form.last_message
    assert "Nothing was written" in form.last_message
    assert "<strong>Not saved.</strong>" in form.message.value
    assert 'role="alert"' in form.message.value
    assert diary_path.read_bytes() == before
    assert form.pain.value == "11"  # kept so the person can correct it


def test_a_refused_first_entry_creates_no_file(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "11"
    assert form.save() is False
    assert not diary_path.exists()


@pytest.mark.parametrize(
    ("box", "value", "words"),
    [
        ("pain", "", "the pain score is empty"),
        ("pain", "eleven", "'eleven' is not a number"),
        ("mood", "-1", "-1 is below 0"),
        ("sleep_hours", "25", "25 is above 24"),
        ("time", "8.30", "Change it to 08:30"),
    ],
)
def test_engine_messages_reach_the_form(diary_path: Path, box: str, value: str, words: str) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "4"
    getattr(form, box).value = value
    assert form.save() is False
    assert words in form.last_message
    assert f'"{forms.DIARY_FIELDS[box].label}"' in form.last_message
    assert not diary_path.exists()


def test_missing_date_is_refused(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.date.value = None
    form.pain.value = "4"
    assert form.save() is False
    assert "the date is empty" in form.last_message


def test_untouched_optional_fields_are_saved_empty_not_zero(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "5"
    entry = form.entry()
    assert entry["pain"] == 5
    assert all(entry[c] is None for c in diary.CANONICAL_COLUMNS if c not in ("date", "pain"))
    assert form.save() is True
    assert entry_lines(diary_path)[1] == "2026-04-14,,5" + "," * 12
    row = diary.read_diary(diary_path).iloc[0]
    for column in diary.CANONICAL_COLUMNS[3:]:
        assert pd.isna(row[column]), column


def test_zero_is_saved_as_zero(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "0"
    form.mood.value = "0"
    form.save()
    row = diary.read_diary(diary_path).iloc[0]
    assert row["pain"] == 0 and row["mood"] == 0
    assert pd.isna(row["worst"])


def test_a_full_entry_is_saved_as_typed(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.time.value = " 8:30 "
    form.pain.value = "4"
    form.worst.value = "7"
    form.least.value = "3"
    form.enjoyment_interference.value = "4"
    form.activity_interference.value = "6"
    form.sleep_hours.value = "6,5"  # a decimal comma is the engine's to read
    form.mood.value = "5"
    form.locations.value = "left knee\n\n right hip ;lower back"
    form.qualities["aching"].value = True
    form.qualities["throbbing"].value = True
    form.other_qualities.value = "pressing"
    form.medications.value = "usual morning medicine at 8:15"
    form.helped.value = "heat pad\nmedicine"
    form.worsened.value = "standing in line"
    form.notes.value = "Pain was 5 at 8:00.\nBusy day."
    assert form.entry()["locations"] == ["left knee", "right hip", "lower back"]
    assert form.entry()["qualities"] == ["aching", "throbbing", "pressing"]
    assert form.save() is True
    row = diary.read_diary(diary_path).iloc[0]
    assert row["time"] == "08:30"
    assert row["sleep_hours"] == 6.5
    assert row["enjoyment_interference"] == 4 and row["activity_interference"] == 6
    assert row["locations"] == "left knee; right hip; lower back"
    assert row["qualities"] == "aching; throbbing; pressing"
    assert row["helped"] == "heat pad; medicine"
    assert row["notes"] == "Pain was 5 at 8:00.\nBusy day."


def test_success_message_table_and_a_clear_form(diary_path: Path) -> None:
    for day in range(1, 7):
        diary.append_entry(diary_path, {"date": f"2026-04-{day:02d}", "pain": day})
    form = forms.DiaryForm(diary_path, today=DAY)
    assert form.last_message.startswith("Ready. Your diary 'my-diary.csv' has 6 entries.")
    form.pain.value = "3"
    form.notes.value = "after the walk"
    form.save_button.click()
    assert form.last_message == "Saved. Your diary now has 7 entries."
    assert "<strong>Saved.</strong>" in form.message.value
    table = form.table.value
    assert "<caption>Your last entries</caption>" in table
    assert "2026-04-02" not in table and "2026-04-03" in table and "after the walk" in table
    assert form.pain.value == "" and form.notes.value == "" and form.date.value == DAY


def test_two_saves_make_two_rows_and_keep_the_earlier_ones(diary_path: Path) -> None:
    diary.append_entry(diary_path, {"date": "2026-04-01", "pain": 2, "notes": "first"})
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "4"
    assert form.save() is True
    form.pain.value = "6"
    form.time.value = "21:00"
    assert form.save() is True
    saved = diary.read_diary(diary_path)
    assert saved["pain"].tolist() == [2, 4, 6]
    assert saved["notes"].iloc[0] == "first"
    assert form.last_message == "Saved. Your diary now has 3 entries."


def test_pressing_save_twice_does_not_save_a_copy(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "4"
    form.save_button.click()
    form.save_button.click()
    assert len(diary.read_diary(diary_path)) == 1
    assert form.last_message.startswith("Nothing new to save.")


def test_extra_columns_of_an_existing_diary_are_kept(diary_path: Path) -> None:
    old = samples.diary_frame(
        [{"date": "2026-04-01", "pain": 3, "weather": "rain", "steps": "4000"}]
    )
    diary.write_diary(old, diary_path)
    form = forms.DiaryForm(diary_path, today=DAY)
    form.pain.value = "5"
    assert form.save() is True
    saved = diary.read_diary(diary_path)
    assert list(saved.columns[-2:]) == ["weather", "steps"]
    assert saved["weather"].tolist()[0] == "rain" and pd.isna(saved["weather"].iloc[1])
    assert entry_lines(diary_path)[0].endswith(",notes,weather,steps")
    assert "rain" in form.table.value  # own columns are shown in the table too


def test_a_broken_diary_is_reported_and_never_changed(diary_path: Path) -> None:
    diary_path.write_text("date,pain\n2026-04-01,12\n", encoding="utf-8")
    before = diary_path.read_bytes()
    form = forms.DiaryForm(diary_path, today=DAY)
    assert form.last_message.startswith("Problem.")
    assert "12 is above 10" in form.last_message
    form.pain.value = "4"
    assert form.save() is False
    assert "Nothing was added" in form.last_message
    assert diary_path.read_bytes() == before


def test_new_diary_message_names_the_file(diary_path: Path) -> None:
    form = forms.DiaryForm(diary_path)
    assert form.last_message.startswith("New diary. The file 'my-diary.csv' does not exist yet")
    assert "stays on this computer" in form.last_message


def test_forms_show_as_widgets(diary_path: Path, tmp_path: Path) -> None:
    for form in (
        forms.DiaryForm(diary_path),
        forms.ObservationForm(tmp_path / "obs.csv"),
        forms.ActionPlanForm(),
    ):
        bundle = form._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert isinstance(form.widget, widgets.VBox)


def test_last_entries_table() -> None:
    df = samples.diary_frame(
        [
            {"date": "2026-04-01", "pain": 2.0, "mood": 6.5, "steps": "4000"},
            {"date": "2026-04-02", "pain": 3.0, "notes": "x" * 80},
            {"date": "2026-04-03", "pain": 4.0},
        ]
    )
    table = forms.last_entries(df, n=2)
    assert table.index.tolist() == [2, 3]
    assert table.columns.name == "Entry"
    assert table.columns.tolist() == ["Date", "Pain", "Notes"]  # empty columns left out
    assert table["Pain"].tolist() == ["3", "4"]
    assert table["Notes"].iloc[0].endswith("...") and len(table["Notes"].iloc[0]) == 60
    full = forms.last_entries(df)
    assert full.columns.tolist() == ["Date", "Pain", "Mood", "Notes", "steps"]
    assert full["Mood"].tolist() == ["6.5", "", ""]
    with pytest.raises(ValueError):
        forms.last_entries(df, n=0)


def test_field_guide_explains_every_field() -> None:
    guide = forms.field_guide()
    assert len(guide) == len(diary.CANONICAL_COLUMNS)
    assert guide["Needed?"].tolist().count("yes") == 2
    assert guide.notna().all().all()


def test_messages_for_the_demo() -> None:
    one = samples.diary_frame([{"date": "2026-04-01", "pain": 2}])
    assert forms.saved_message(one) == "Saved. Your diary now has 1 entry."
    err = diary.DiaryError("Something is wrong.", column="pain")
    assert forms.not_saved_message(err) == (
        "Not saved. Something is wrong. Nothing was written to the file."
    )


# ------------------------------------------------------------------------ observation form


def test_painad_choices_are_the_level_descriptions(tmp_path: Path) -> None:
    form = forms.ObservationForm(tmp_path / "obs.csv")
    for item, control in form.items.items():
        assert control.description == scales.PAINAD_LABELS[item]
        assert [value for _, value in control.options] == [0, 1, 2]
        for (label, level), text in zip(
            control.options, scales.PAINAD_ITEMS[item].values(), strict=True
        ):
            assert label == f"{level}: {text}"
        assert control.value is None


def test_painad_total_is_shown(tmp_path: Path) -> None:
    form = forms.ObservationForm(tmp_path / "obs.csv")
    assert "0 of 5 scored so far" in form.total.value
    form.items["breathing"].value = 1
    form.items["face"].value = 2
    assert "2 of 5 scored so far" in form.total.value
    for item in ("vocalization", "body_language", "consolability"):
        form.items[item].value = 1 if item != "consolability" else 0
    assert form.total_text().startswith("PAINAD total: 5 out of 10.")
    assert "PAINAD total: 5 out of 10." in form.total.value
    assert "not a diagnosis" in form.total.value


def fill_observation(form: forms.ObservationForm, scores: tuple[int, ...]) -> None:
    for control, score in zip(form.items.values(), scores, strict=True):
        control.value = score


def test_observation_is_saved_with_append_observation(tmp_path: Path) -> None:
    path = tmp_path / "my-observations.csv"
    form = forms.ObservationForm(path, today=DAY)
    fill_observation(form, (0, 1, 1, 2, 1))
    form.time.value = "10:30"
    form.context.value = "bathing"
    form.notes.value = "Pulled away when I washed his leg."
    form.save_button.click()
    assert form.last_message == "Saved. Your observation log now has 1 observation."
    saved = diary.read_observations(path)
    assert saved.loc[0, "context"] == "bathing"
    assert [int(saved.loc[0, i]) for i in scales.PAINAD_ITEMS] == [0, 1, 1, 2, 1]
    assert "Total (0-10)" in form.table.value and "<td>5</td>" in form.table.value
    assert "bathing 5.0 (1 observation)" in form.summary.value
    assert all(c.value is None for c in form.items.values())  # ready for the next one
    form.save()
    assert form.last_message.startswith("Nothing new to save.")
    fill_observation(form, (0, 0, 0, 0, 0))
    form.context.value = "other"
    form.context_other.value = "getting dressed"
    assert form.save() is True
    saved = diary.read_observations(path)
    assert saved["context"].tolist() == ["bathing", "getting dressed"]


def test_an_unscored_item_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    form = forms.ObservationForm(path, today=DAY)
    fill_observation(form, (0, 1, 1, 2, 1))
    form.items["face"].value = None
    assert form.save() is False
    assert form.last_message.startswith("Not saved.")
    assert "facial expression score is empty" in form.last_message
    assert '"Face"' in form.last_message
    assert not path.exists()


def test_observation_context_left_empty(tmp_path: Path) -> None:
    form = forms.ObservationForm(tmp_path / "obs.csv", today=DAY)
    fill_observation(form, (0, 0, 0, 0, 0))
    assert form.observation()["context"] is None
    form.context.value = "other"
    assert form.observation()["context"] == "other"


def test_observation_tables_and_summary_of_the_sample() -> None:
    obs = diary.read_observations(samples.path("dementia_observations.csv"))
    by_context = forms.context_table(obs)
    assert by_context.loc["bathing", "Observations"] == 14
    assert by_context.loc["bathing", "Highest total"] == 9
    highest = forms.observation_table(obs, order="highest")
    assert highest["Total (0-10)"].tolist()[:2] == ["9", "9"]
    assert highest["Date"].iloc[0] == "2025-04-13"
    last = forms.observation_table(obs, n=3)
    assert last.index.tolist() == [68, 69, 70]
    notes = obs["notes"].dropna()
    longest = max(notes, key=len)
    table = forms.observation_table(obs, n=len(obs))
    assert longest in table["Notes"].tolist()  # notes are shown in full, never cut off
    text = forms.observation_summary(obs)
    assert text.startswith("The log has 70 observations on 28 days, from 7 April 2025 to 4 May")
    assert "bathing 5.6 (14 observations); moving 4.6" in text
    assert (
        "highest total was 9 out of 10, seen 2 times (first on 13 April 2025, while bathing)"
        in (text)
    )
    with pytest.raises(ValueError):
        forms.observation_table(obs, order="first")


def test_observation_chart_reads_without_colour() -> None:
    obs = diary.read_observations(samples.path("dementia_observations.csv"))
    chart = forms.observation_chart(obs)
    assert chart.text == forms.observation_summary(obs)
    assert chart.png().startswith(b"\x89PNG")
    fig = chart.figure
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    assert len({(line.get_marker(), line.get_linestyle()) for line in ax.lines}) == 3
    assert fig.legends and fig.legends[0].get_title().get_text() == "What was happening"


def test_painad_guide() -> None:
    guide = forms.painad_guide()
    assert guide.shape == (5, 3)
    assert guide.columns.tolist() == ["Score 0", "Score 1", "Score 2"]
    assert guide.loc["Face", "Score 2"] == scales.PAINAD_ITEMS["face"][2]


# ---------------------------------------------------------------------------- action plan


def test_plan_advice_below_7_says_change_the_plan() -> None:
    six = forms.plan_advice(6)
    assert "below 7" in six and "smaller step" in six and "fewer days" in six
    assert "7 or more" in six
    seven = forms.plan_advice(7)
    assert "good size" in seven and "below" not in seven
    assert "good size" in forms.plan_advice(10)
    assert "below 7" in forms.plan_advice(0)
    assert forms.plan_advice(None).startswith("Rate your plan")
    for bad in (11, -1, 6.5, True, "7"):
        with pytest.raises(ValueError):
            forms.plan_advice(bad)  # type: ignore[arg-type]


def test_the_form_shows_advice_at_confidence_6_but_not_7() -> None:
    form = forms.ActionPlanForm()
    assert "Rate your plan" in form.advice.value
    form.confidence.value = 6
    assert "below 7" in form.advice.value
    form.confidence.value = 7
    assert "good size" in form.advice.value


@pytest.mark.parametrize(
    ("days", "planned", "start"),
    [
        ([True, True, False, True, False, True, False], None, "You did it on 4 of 7 days."),
        ([True] * 7, 7, "You did it on 7 of 7 days. Your plan was 7 days, so you met"),
        ([True, False, True, False, True, False, True], 4, "You did it on 4 of 7 days. Your plan"),
        ([True, False, False, False, False, False, False], 1, "You did it on 1 of 7 days."),
        ([False] * 7, None, "You did it on 0 of 7 days. That is useful to know."),
        ([True, None, None, None, None, None, None], None, "You did it on 1 of 7 days so far"),
        ([None] * 7, 3, "Nothing filled in yet."),
    ],
)
def test_week_summary_counts(days: list[bool | None], planned: int | None, start: str) -> None:
    assert forms.week_summary(days, planned).startswith(start)


def test_week_summary_below_plan_and_with_records() -> None:
    text = forms.week_summary([True, False, True, False, False, False, False], 4)
    assert text.startswith("You did it on 2 of 7 days. Your plan was 4 days.")
    assert "fewer days" in text
    records = [{"day": "Monday", "done": True, "note": "ok"}] + [{"done": False}] * 6
    assert forms.week_summary(records).startswith("You did it on 1 of 7 days.")
    assert "6 days not filled in yet" in forms.week_summary([True] + [None] * 6)
    for bad in ([], "yes", ["yes"] * 7):
        with pytest.raises(ValueError):
            forms.week_summary(bad)
    with pytest.raises(ValueError):
        forms.week_summary([True] * 7, planned_days=8)


def fill_plan(form: forms.ActionPlanForm) -> None:
    form.what.value = "Walk the dog down the street"
    form.how_much.value = "5 minutes out and back"
    form.when.value = "After breakfast"
    form.how_often.value = 4
    form.confidence.value = 8


def test_plan_form_summary_and_day_labels() -> None:
    form = forms.ActionPlanForm(today=dt.date(2026, 4, 13))
    assert form.done[0].description == "Monday 13 April: done?"
    assert form.day_notes[6].description == "Note for Sunday"
    form.week_start.value = dt.date(2026, 4, 15)
    assert form.done[0].description == "Wednesday 15 April: done?"
    fill_plan(form)
    for control, done in zip(form.done, [True, False, True, False, False, True, True], strict=True):
        control.value = done
    assert form.summary_text().startswith("You did it on 4 of 7 days. Your plan was 4 days")
    assert "You did it on 4 of 7 days." in form.summary.value
    assert forms.plan_table(form.plan()).loc["How often"].iloc[0] == "4 days a week"


def test_plan_form_without_a_file_never_saves(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    form = forms.ActionPlanForm(None)
    fill_plan(form)
    assert form.save_button.disabled
    assert form.save() is False
    assert "Saving is off" in form.last_message
    assert list(tmp_path.iterdir()) == []


def test_plan_form_needs_the_plan_before_saving(tmp_path: Path) -> None:
    path = tmp_path / "my-action-plans.csv"
    form = forms.ActionPlanForm(path)
    form.what.value = "walk"
    assert form.save() is False
    assert form.last_message == (
        'Not saved. Fill in: "How much?", "When?", "How often?", "How sure are you (0-10)?".'
    )
    assert not path.exists()


def test_plan_saves_append_a_row_per_week_and_keep_earlier_rows(tmp_path: Path) -> None:
    path = tmp_path / "my-action-plans.csv"
    form = forms.ActionPlanForm(path, today=dt.date(2026, 4, 13))
    fill_plan(form)
    form.done[0].value = True
    form.day_notes[0].value = "Knee fine"
    form.save_button.click()
    assert form.last_message.startswith("Saved. Your plan file 'my-action-plans.csv' now has 1 row")
    first = path.read_bytes()
    form.save_button.click()  # nothing changed: no copy
    assert form.last_message.startswith("Nothing new to save.")
    assert path.read_bytes() == first
    form.week_start.value = dt.date(2026, 4, 20)
    form.confidence.value = 9
    assert form.save() is True
    assert path.read_bytes().startswith(first)  # appended, never rewritten
    saved = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert saved.columns.tolist() == list(forms.PLAN_COLUMNS)
    assert saved["week_start"].tolist() == ["2026-04-13", "2026-04-20"]
    assert saved["confidence"].tolist() == ["8", "9"]
    assert saved.loc[0, "day_1_done"] == "yes" and saved.loc[0, "day_1_note"] == "Knee fine"
    assert saved.loc[0, "day_2_done"] == "" and saved.loc[0, "days_done"] == "1"
    assert path.read_bytes().count(b"\xef\xbb\xbf") == 1  # one byte-order mark, at the start


def test_append_plan_refuses_another_kind_of_file(tmp_path: Path) -> None:
    path = tmp_path / "my-diary.csv"
    diary.append_entry(path, {"date": "2026-04-01", "pain": 3})
    before = path.read_bytes()
    form = forms.ActionPlanForm(path)
    fill_plan(form)
    assert form.save() is False
    assert "is not an action plan file" in form.last_message
    assert path.read_bytes() == before


def test_append_plan_guards_formulas_and_a_missing_last_newline(tmp_path: Path) -> None:
    path = tmp_path / "plans.csv"
    row = {"week_start": "2026-04-13", "what": "=HYPERLINK(1)", "confidence": 7}
    forms.append_plan(path, row)
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))
    saved = forms.append_plan(path, {**row, "what": "walk"})
    assert saved["what"].tolist() == ["'=HYPERLINK(1)", "walk"]
    with pytest.raises(ValueError, match="Unknown plan fields"):
        forms.append_plan(path, {"weather": "rain"})


def test_week_table() -> None:
    week = [{"day": "Monday", "done": True, "note": "Knee fine"}, {"done": False}, {"done": None}]
    table = forms.week_table(week)
    assert table.index.tolist() == ["Monday", "Day 2", "Day 3"]
    assert table["Done?"].tolist() == ["yes", "no", "(not filled in)"]
    assert table["Note"].tolist() == ["Knee fine", "", ""]


def test_append_plan_needs_a_csv_name(tmp_path: Path) -> None:
    form = forms.ActionPlanForm(tmp_path / "my-action-plans.xlsx")
    fill_plan(form)
    assert form.save() is False
    assert "does not end in .csv" in form.last_message
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ running a cell again


@pytest.mark.parametrize(
    ("make", "fill"),
    [
        (lambda folder: forms.DiaryForm(folder / "my-diary.csv", today=DAY), "pain"),
        (lambda folder: forms.ObservationForm(folder / "my-observations.csv", today=DAY), "notes"),
        (lambda folder: forms.ActionPlanForm(folder / "my-action-plans.csv", today=DAY), "what"),
    ],
)
def test_running_the_cell_again_keeps_what_was_typed(tmp_path: Path, make, fill) -> None:
    first = make(tmp_path)
    getattr(first, fill).value = "5"
    again = make(tmp_path)  # the notebook cell runs again: a new form
    assert getattr(again, fill).value == "5"
    assert "still in the form" in again.draft_note.value
    assert again.empty_button.layout.display is None
    again.empty_button.click()
    assert getattr(again, fill).value in ("", None)
    assert again.draft_note.value == ""
    assert again.empty_button.layout.display == "none"
    assert list(tmp_path.iterdir()) == []  # nothing was saved on the way


def test_a_saved_form_is_not_copied_into_the_next_one(diary_path: Path) -> None:
    first = forms.DiaryForm(diary_path, today=DAY)
    first.pain.value = "4"
    assert first.save()
    again = forms.DiaryForm(diary_path, today=DAY)
    assert again.pain.value == ""
    assert again.draft_note.value == ""


def test_the_file_box_switches_files_and_is_kept(tmp_path: Path) -> None:
    form = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
    assert form.file_box.value == "my-diary.csv"
    form.file_box.value = "my-diary-dad.csv"
    assert form.path == tmp_path / "my-diary-dad.csv"
    assert "my-diary-dad.csv" in form.last_message
    form.pain.value = "3"
    assert form.save()
    assert (tmp_path / "my-diary-dad.csv").is_file()
    assert not (tmp_path / "my-diary.csv").exists()
    again = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
    assert again.file_box.value == "my-diary-dad.csv"
    assert again.path == tmp_path / "my-diary-dad.csv"


def test_the_file_box_refuses_a_folder(tmp_path: Path) -> None:
    form = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
    form.file_box.value = "../my-diary.csv"
    assert form.path == tmp_path / "my-diary.csv"
    assert "without a folder" in form.last_message


def test_the_plan_form_saves_to_my_action_plans_by_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    form = forms.ActionPlanForm(today=DAY)
    assert form.path == Path("my-action-plans.csv")
    fill_plan(form)
    assert form.save()
    assert len(pd.read_csv(tmp_path / "my-action-plans.csv")) == 1


def test_a_form_that_has_not_run_says_so_in_words(diary_path: Path) -> None:
    bundle = forms.DiaryForm(diary_path)._repr_mimebundle_()
    assert bundle["text/plain"] == forms.NOT_RUN_YET
    assert "VBox" not in bundle["text/plain"]


def test_in_a_book_build_the_forms_never_read_a_persons_file(tmp_path: Path, monkeypatch) -> None:
    diary.append_entry(tmp_path / "my-diary.csv", {"date": "2026-04-01", "pain": 3})
    monkeypatch.setenv("PAINBOOK_BOOK_BUILD", "1")
    form = forms.DiaryForm(tmp_path / "my-diary.csv", today=DAY)
    assert form.last_message == "This form saves to 'my-diary.csv' beside the notebook."
    assert "1 entry" not in form.message.value
