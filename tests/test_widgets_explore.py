"""painbook.widgets.explore: the forms are driven from Python, as a person would use them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from painbook import analysis, charts, diary, report, samples
from painbook.samples import diary_frame
from painbook.widgets import explore
from painbook.widgets.explore import (
    FIVE_QUESTIONS,
    DiaryExplorer,
    PeriodPicker,
    ProgressExplorer,
    QuestionList,
    VisitSummaryBuilder,
)
from painbook.workbook import file_url as FILE_URL


@pytest.fixture(autouse=True)
def fresh_kernel():
    """Each test starts as a fresh kernel would: no earlier list or diary choice to keep."""
    explore._LAST_QUESTIONS.clear()
    explore._CHOSEN.clear()
    yield
    explore._LAST_QUESTIONS.clear()
    explore._CHOSEN.clear()


@pytest.fixture(scope="module")
def maria() -> pd.DataFrame:
    return diary.read_diary(samples.path("back_pain_diary.csv"))


def short_diary(days: int = 10) -> pd.DataFrame:
    dates = pd.date_range("2026-03-01", periods=days, freq="D")
    return diary_frame([{"date": d.strftime("%Y-%m-%d"), "pain": 5} for d in dates])


def output_types(widget) -> list[str]:
    """What the form's output shows, in order: the chart, its sentences, the table."""
    kinds = []
    for out in widget.output.outputs:
        data = out["data"]
        if "image/png" in data or "<img " in data.get("text/html", ""):
            kinds.append("chart")
        elif 'class="painbook-text"' in data.get("text/html", ""):
            kinds.append("text")
        else:
            kinds.append("table")
    return kinds


def shown_text(widget) -> str:
    """The sentences shown under the chart (their plain-text version)."""
    return "".join(
        out["data"]["text/plain"]
        for out in widget.output.outputs
        if 'class="painbook-text"' in out["data"].get("text/html", "")
    )


# --------------------------------------------------------------------------- five questions


def test_five_questions_are_worded_as_in_the_chapter() -> None:
    chapter = (ROOT / "book" / "07-first-appointment.md").read_text(encoding="utf-8")
    section = chapter.split("## The five questions every first visit should answer", 1)[1]
    listed = re.findall(r"^\d\. (.+)$", section.split("###", 1)[0], re.M)
    assert tuple(listed) == FIVE_QUESTIONS
    assert FIVE_QUESTIONS[4] == "At home, what can I do to manage my pain?"


# --------------------------------------------------------------------------- periods


def test_resolve_period_counts_back_from_the_last_entry(maria) -> None:
    last = pd.Timestamp("2025-05-25")
    assert explore.resolve_period(maria, "last 4 weeks") == (pd.Timestamp("2025-04-28"), last)
    # 3 months back from 25 May is 25 Feb; the period starts the day after, but not
    # before the first entry (3 March).
    assert explore.resolve_period(maria, "last 3 months") == (pd.Timestamp("2025-03-03"), last)
    assert explore.resolve_period(maria, "everything") == (pd.Timestamp("2025-03-03"), last)


def test_resolve_period_three_months_in_a_long_diary() -> None:
    df = short_diary(200)
    start, end = explore.resolve_period(df, "last 3 months")
    assert end == pd.Timestamp("2026-09-16")
    assert start == pd.Timestamp("2026-06-17")


def test_resolve_period_problems(maria) -> None:
    with pytest.raises(ValueError, match="Unknown period"):
        explore.resolve_period(maria, "last year")
    with pytest.raises(ValueError, match="no entries"):
        explore.resolve_period(diary.empty_diary(), "everything")


def test_period_picker_quick_choice_fills_the_dates(maria) -> None:
    picker = PeriodPicker(maria)
    assert (picker.start.value, picker.end.value) == (dt.date(2025, 4, 28), dt.date(2025, 5, 25))
    picker.choice.value = "everything"
    assert picker.start.value == dt.date(2025, 3, 3)
    assert picker.choice.value == "everything"


def test_period_picker_changing_a_date_means_dates_i_choose(maria) -> None:
    picker = PeriodPicker(maria)
    calls = []
    picker.on_change(lambda: calls.append(picker.dates()))
    picker.start.value = dt.date(2025, 5, 1)
    assert picker.choice.value == "dates"
    assert calls == [(pd.Timestamp("2025-05-01"), pd.Timestamp("2025-05-25"))]


def test_period_picker_set_notifies_once(maria) -> None:
    picker = PeriodPicker(maria)
    calls = []
    picker.on_change(lambda: calls.append(picker.dates()))
    picker.set("2025-03-10", "2025-03-20")
    picker.set("last 3 months")
    assert calls == [
        (pd.Timestamp("2025-03-10"), pd.Timestamp("2025-03-20")),
        (pd.Timestamp("2025-03-03"), pd.Timestamp("2025-05-25")),
    ]


def test_period_picker_missing_date(maria) -> None:
    picker = PeriodPicker(maria)
    picker.start.value = None
    with pytest.raises(ValueError, match="Choose the first day"):
        picker.dates()


# --------------------------------------------------------------------------- explorer


def test_explorer_starts_with_the_last_four_weeks_of_pain(maria) -> None:
    explorer = DiaryExplorer(maria)
    assert explorer.dates() == (pd.Timestamp("2025-04-28"), pd.Timestamp("2025-05-25"))
    assert explorer.measure.value == "pain"
    assert explorer.text() == charts.describe_measure(maria, "pain", "2025-04-28", "2025-05-25")
    assert output_types(explorer) == ["chart", "text", "table"]
    assert shown_text(explorer).strip() == explorer.text()
    assert explorer.message.value == ""


def test_explorer_table_is_the_engine_summary(maria) -> None:
    explorer = DiaryExplorer(maria)
    explorer.set_period("everything")
    table = explorer.table()
    assert table["Days"].sum() == 84
    assert table["Average pain"].tolist() == [
        float(f"{v:.1f}") for v in analysis.summary(maria)["mean"]
    ]


def test_explorer_measure_and_period_from_the_widgets(maria) -> None:
    explorer = DiaryExplorer(maria)
    explorer.measure.value = "sleep_hours"
    explorer.period.choice.value = "dates"
    explorer.period.start.value = dt.date(2025, 4, 1)
    explorer.period.end.value = dt.date(2025, 4, 30)
    assert explorer.dates() == (pd.Timestamp("2025-04-01"), pd.Timestamp("2025-04-30"))
    assert "Average (hours)" in explorer.table().columns
    assert "hours of sleep each day from 1 Apr 2025 to 30 Apr 2025" in shown_text(explorer)


def test_explorer_set_measure_redraws(maria) -> None:
    explorer = DiaryExplorer(maria)
    explorer.set_measure("mood")
    assert "mood" in shown_text(explorer)
    chart = explorer.output.outputs[0]
    assert chart["data"]["text/plain"] == explorer.text()  # the chart's text alternative


def test_explorer_dates_in_the_wrong_order(maria) -> None:
    explorer = DiaryExplorer(maria)
    explorer.set_period("2025-04-30", "2025-04-01")
    assert "Swap the two dates" in explorer.message.value
    assert explorer.output.outputs == ()
    explorer.set_period("2025-04-01", "2025-04-30")
    assert explorer.message.value == ""
    assert output_types(explorer) == ["chart", "text", "table"]


def test_explorer_period_without_entries(maria) -> None:
    explorer = DiaryExplorer(maria)
    explorer.set_period("2024-01-01", "2024-01-31")
    assert explorer.text().startswith("No pain (average of the day) was recorded")
    assert explorer.table().empty


def test_explorer_unknown_measure(maria) -> None:
    with pytest.raises(ValueError, match="Unknown measure"):
        DiaryExplorer(maria, measure="steps")
    explorer = DiaryExplorer(maria)
    with pytest.raises(ValueError, match="Unknown measure"):
        explorer.set_measure("steps")


def test_explorer_empty_diary_shows_a_message() -> None:
    explorer = DiaryExplorer(diary.empty_diary())
    assert "no entries" in explorer.message.value
    assert explorer.output.outputs == ()


def test_explorer_escapes_messages() -> None:
    assert "&lt;b&gt;" in explore._message_html("<b>", "error")


# --------------------------------------------------------------------------- progress


def test_progress_explorer_default_is_the_engine_default(maria) -> None:
    form = ProgressExplorer(maria)
    expected = analysis.progress(maria)
    assert form.text() == "\n".join(expected["description"])
    assert form.baseline_start.value == dt.date(2025, 3, 3)
    assert form.recent_end.value == dt.date(2025, 5, 25)
    assert form.table().loc["Pain", "Size of the change"] == "moderate"
    assert output_types(form) == ["chart", "text", "table"]


def test_progress_explorer_chosen_periods(maria) -> None:
    form = ProgressExplorer(maria)
    form.set_baseline("2025-03-03", "2025-03-09")
    form.set_recent("2025-04-28", "2025-05-04")
    expected = analysis.progress(
        maria, baseline=("2025-03-03", "2025-03-09"), recent=("2025-04-28", "2025-05-04")
    )
    assert form.text() == "\n".join(expected["description"])
    assert "Based on 7 days at the start" in shown_text(form)


def test_progress_explorer_from_the_date_pickers(maria) -> None:
    form = ProgressExplorer(maria)
    form.recent_start.value = dt.date(2025, 5, 19)
    assert "7 days recently" in shown_text(form)


def test_progress_explorer_overlapping_periods(maria) -> None:
    form = ProgressExplorer(maria)
    form.set_recent("2025-03-10", "2025-03-20")
    assert "overlap" in form.message.value
    assert form.output.outputs == ()


def test_progress_explorer_short_diary_explains() -> None:
    form = ProgressExplorer(short_diary(10))
    assert "covers 10 days" in form.message.value and "at least 28 days" in form.message.value


def test_progress_explorer_empty_diary() -> None:
    form = ProgressExplorer(diary.empty_diary())
    assert "Choose the first day" in form.message.value


# --------------------------------------------------------------------------- question list


def test_question_list_starts_with_the_five() -> None:
    questions = QuestionList()
    assert questions.questions == list(FIVE_QUESTIONS)
    assert len(questions.rows.children) == 5
    assert questions.rows.children[0].children[0].disabled  # first "Up" does nothing
    assert questions.text().splitlines()[4] == "5. At home, what can I do to manage my pain?"


def test_add_own_question_with_the_button() -> None:
    questions = QuestionList()
    questions.new_question.value = "  Is it safe   to garden again? "
    questions.add.click()
    assert questions.questions[-1] == "Is it safe to garden again?"
    assert questions.new_question.value == ""
    assert "question 6" in questions.message.value
    assert "garden" in questions.rows.children[5].children[2].value


def test_add_empty_or_repeated_question() -> None:
    questions = QuestionList()
    questions.add.click()
    assert "Type a question first" in questions.message.value
    questions.new_question.value = FIVE_QUESTIONS[3].upper()
    questions.add.click()
    assert "already on the list" in questions.message.value
    assert questions.new_question.value == FIVE_QUESTIONS[3].upper()  # kept to edit
    assert questions.questions == list(FIVE_QUESTIONS)


def test_move_up_with_the_button() -> None:
    questions = QuestionList()
    questions.add_question("Can I keep working?")
    questions.rows.children[5].children[0].click()  # "Up" on question 6
    assert questions.questions[4:] == ["Can I keep working?", FIVE_QUESTIONS[4]]
    questions.move_up(0)
    assert questions.questions[0] == FIVE_QUESTIONS[0]


def test_remove_with_the_button() -> None:
    questions = QuestionList()
    questions.rows.children[1].children[1].click()  # "Remove" on question 2
    assert questions.questions == [FIVE_QUESTIONS[i] for i in (0, 2, 3, 4)]
    assert "Removed" in questions.message.value
    assert len(questions.rows.children) == 4


def test_remove_everything_then_add() -> None:
    questions = QuestionList(starting=["One?"])
    questions.remove_question(0)
    assert questions.questions == []
    assert "No questions yet" in questions.rows.children[0].value
    questions.add_question("Two?")
    assert questions.questions == ["Two?"]


def test_bad_index() -> None:
    questions = QuestionList()
    with pytest.raises(ValueError, match="no question 6"):
        questions.remove_question(5)
    with pytest.raises(ValueError, match="whole number"):
        questions.move_up("1")  # type: ignore[arg-type]


def test_starting_list_is_cleaned() -> None:
    questions = QuestionList(starting=["A? ", "A?", "", "B?"])
    assert questions.questions == ["A?", "B?"]


def test_questions_are_escaped_on_screen() -> None:
    questions = QuestionList(starting=["<script>x</script>?"])
    assert "&lt;script&gt;" in questions.rows.children[0].children[2].value


def test_questions_property_is_a_copy() -> None:
    questions = QuestionList()
    questions.questions.append("sneaky")
    assert len(questions.questions) == 5


# --------------------------------------------------------------------------- file names


def test_unique_path_never_reuses_a_name(tmp_path: Path) -> None:
    first = explore.unique_path(tmp_path, "visit-summary.html")
    assert first.name == "visit-summary.html" and first.exists()
    assert explore.unique_path(tmp_path, "visit-summary.html").name == "visit-summary-1.html"
    assert explore.unique_path(tmp_path, "visit-summary").name == "visit-summary-2.html"
    assert explore.unique_path(tmp_path, "Notes.HTM").name == "Notes.HTM"


@pytest.mark.parametrize("name", ["", "   ", "../x.html", "sub/x.html", "a\\b.html", ".."])
def test_unique_path_needs_a_plain_file_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="file name"):
        explore.unique_path(tmp_path, name)
    assert list(tmp_path.iterdir()) == []


def test_summary_preview_is_a_sandboxed_frame() -> None:
    page = '<!DOCTYPE html><p title="x">A & B</p>'
    frame = explore.summary_preview(page, title='Maria "made up"')
    assert frame.startswith('<div class="visit-summary-preview"><iframe title="Maria &quot;made')
    assert 'sandbox=""' in frame
    assert "&lt;p title=&quot;x&quot;&gt;A &amp; B" in frame
    assert "<p" not in frame.replace("<iframe", "")


# --------------------------------------------------------------------------- visit summary


def test_build_saves_and_shows_the_summary(maria, tmp_path: Path) -> None:
    questions = QuestionList()
    builder = VisitSummaryBuilder(maria, questions, folder=tmp_path)
    questions.add_question("Is it safe to garden again?")  # added after: still used
    builder.name.value = "Maria (made up)"
    builder.build.click()
    saved = tmp_path / "visit-summary.html"
    assert builder.saved_path == saved
    page = saved.read_text(encoding="utf-8")
    assert page == builder.html
    assert "Pain summary for Maria (made up)" in page
    assert FIVE_QUESTIONS[0] in page
    assert "Is it safe to garden again?" in page  # the person's own question is listed too
    assert "Progress since the baseline" in page
    assert "Saved as visit-summary.html in this notebook's folder" in builder.last_message
    assert "questions" not in builder.last_message  # all 6 fit on the page
    assert str(tmp_path) not in builder.message.value  # never the folder path
    (shown,) = builder.output.outputs
    assert "<iframe" in shown["data"]["text/html"]
    assert shown["data"]["text/plain"] == "Visit summary saved as visit-summary.html"


def test_build_never_overwrites(maria, tmp_path: Path) -> None:
    mine = tmp_path / "visit-summary.html"
    mine.write_text("my own page", encoding="utf-8")
    builder = VisitSummaryBuilder(maria, folder=tmp_path)
    first = builder.build_summary()
    second = builder.build_summary()
    assert (first.name, second.name) == ("visit-summary-1.html", "visit-summary-2.html")
    assert mine.read_text(encoding="utf-8") == "my own page"
    assert "visit-summary-2.html" in builder.message.value


def test_build_period_and_no_comparison(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, ["Only this?"], folder=tmp_path)
    builder.period.set("last 4 weeks")
    builder.baseline.value = "none"
    assert builder.baseline_start.disabled
    path = builder.build_summary()
    page = path.read_text(encoding="utf-8")
    assert "28 Apr 2025 to 25 May 2025" in page
    assert "Progress since the baseline" not in page
    assert "Only this?" in page


def test_build_chosen_baseline(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, folder=tmp_path)
    builder.baseline.value = "dates"
    assert not builder.baseline_start.disabled
    builder.baseline_start.value = dt.date(2025, 3, 3)
    builder.baseline_end.value = dt.date(2025, 3, 9)
    assert builder.baseline_period() == (pd.Timestamp("2025-03-03"), pd.Timestamp("2025-03-09"))
    page = builder.build_summary().read_text(encoding="utf-8")
    assert "Baseline 3 Mar 2025 to 9 Mar 2025" in page


def test_build_problems_save_nothing(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, folder=tmp_path)
    builder.baseline.value = "dates"
    builder.baseline_start.value = dt.date(2025, 3, 9)
    builder.baseline_end.value = dt.date(2025, 3, 3)
    assert builder.build_summary() is None
    assert "baseline ends before it starts" in builder.message.value
    builder.baseline.value = "first 2 weeks"
    builder.period.set("2025-05-25", "2025-05-01")
    assert builder.build_summary() is None
    assert "Swap the two dates" in builder.message.value
    builder.period.set("everything")
    builder.file_name.value = "../outside.html"
    builder.build.click()
    assert "without a folder" in builder.message.value
    assert list(tmp_path.iterdir()) == []
    assert builder.saved_path is None and builder.html is None


def test_build_adds_html_to_the_name(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, folder=tmp_path, file_name="for Dr Lee")
    assert builder.build_summary().name == "for Dr Lee.html"


def test_build_links_a_file_in_the_current_folder(maria, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    server = {"pid": 1, "root_dir": str(tmp_path.parent), "base_url": "/user/ann/"}
    monkeypatch.setattr(explore.workbook, "file_url", lambda path: _url(path, server))
    builder = VisitSummaryBuilder(maria)
    builder.build_summary()
    assert (tmp_path / "visit-summary.html").is_file()
    href = f"/user/ann/files/{tmp_path.name}/visit-summary.html"
    assert f'<a href="{href}" target="_blank" rel="noopener">Open the page to print</a>' in (
        builder.message.value
    )
    assert 'download="visit-summary.html">Download the page</a>' in builder.message.value
    assert "this notebook's folder" in builder.last_message


def _url(path, server):
    return FILE_URL(path, servers=[server], server_pid=1)


def test_without_a_jupyter_server_the_page_can_still_be_downloaded(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, folder=tmp_path)
    builder.build_summary()
    assert "Open the page to print" not in builder.message.value or explore.workbook.file_url(
        tmp_path / "visit-summary.html"
    )
    assert 'download="visit-summary.html"' in builder.message.value


def test_question_count_message_matches_the_page(maria, tmp_path: Path) -> None:
    many = [*FIVE_QUESTIONS, *(f"My question {i}?" for i in range(1, 6))]
    builder = VisitSummaryBuilder(maria, many, folder=tmp_path)
    builder.build_summary()
    page = builder.html
    listed = re.findall(r"<li>(?:What causes|What are|Will I|How will|At home|My question)", page)
    assert len(listed) == report.MAX_QUESTIONS == 8
    assert "and 2 more questions" in page
    assert f"lists the first 8 of your {len(many)}" in builder.last_message


def test_short_diary_message_beside_the_form_not_on_the_page(tmp_path: Path) -> None:
    short = diary_frame([{"date": f"2026-12-{d:02d}", "pain": 4} for d in range(1, 21)])
    builder = VisitSummaryBuilder(short, folder=tmp_path)
    assert builder.baseline_end.value == dt.date(2026, 12, 14)
    assert builder.build_summary() is not None
    assert "no comparison with a baseline yet" in builder.last_message
    assert "in 8 days" in builder.last_message
    page = builder.html
    assert "Progress since the baseline" not in page and "Choose" not in page
    tiny = diary_frame([{"date": f"2026-12-0{d}", "pain": 4} for d in range(1, 6)])
    builder = VisitSummaryBuilder(tiny, folder=tmp_path)
    assert builder.baseline_end.value == dt.date(2026, 12, 5)  # never past the diary's last day


def test_page_matches_the_engine(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, list(FIVE_QUESTIONS), folder=tmp_path)
    expected = report.visit_summary(
        maria,
        start="2025-03-03",
        end="2025-05-25",
        questions=FIVE_QUESTIONS,
        baseline=("2025-03-03", "2025-03-16"),
    )
    assert builder.make_html() == expected


def test_build_name_from_python(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, folder=tmp_path, name="Sam <made up>")
    assert builder.name.value == "Sam <made up>"
    page = builder.build_summary().read_text(encoding="utf-8")
    assert "Pain summary for Sam &lt;made up&gt;" in page


def test_first_two_weeks(maria) -> None:
    assert explore.first_two_weeks(maria) == (
        pd.Timestamp("2025-03-03"),
        pd.Timestamp("2025-03-16"),
    )
    assert explore.first_two_weeks(diary.empty_diary()) is None


def test_visit_page_is_the_builders_first_choice(maria, tmp_path: Path) -> None:
    builder = VisitSummaryBuilder(maria, ["Q?"], folder=tmp_path, name="Maria (made up)")
    page = explore.visit_page(maria, ["Q?"], name="Maria (made up)")
    assert page == builder.make_html()


def test_visit_page_choices(maria) -> None:
    page = explore.visit_page(maria, period=("2025-05-01", "2025-05-25"), baseline=None)
    assert "1 May 2025 to 25 May 2025" in page
    assert "Progress since the baseline" not in page
    with pytest.raises(ValueError, match="first 2 weeks"):
        explore.visit_page(maria, baseline="first week")


def test_save_page_never_overwrites(maria, tmp_path: Path) -> None:
    page = explore.visit_page(maria)
    first = explore.save_page(page, tmp_path)
    second = explore.save_page(page, tmp_path)
    assert (first.name, second.name) == ("visit-summary.html", "visit-summary-1.html")
    assert second.read_text(encoding="utf-8") == page


def test_save_page_refuses_other_text_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="visit_summary"):
        explore.save_page("not a page", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_progress_explorer_on_a_short_diary_says_what_is_missing() -> None:
    short = diary_frame([{"date": f"2026-11-{d:02d}", "pain": 4} for d in range(1, 21)])
    form = ProgressExplorer(short)
    assert "covers 20 days" in form.message.value and "come back in 8 days" in form.message.value
    assert form.output.outputs == ()
    form.set_baseline("2026-11-01", "2026-11-05")
    form.set_recent("2026-11-10", "2026-11-20")
    assert form.message.value == "" and form.output.outputs
