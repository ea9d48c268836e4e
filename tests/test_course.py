"""The caregiver class: session data, timings, the knowledge check and its scoring."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from painbook import course, quiz

BOOK = ROOT / "book"
SESSIONS = sorted((BOOK / "instructor").glob("session-*.md"))
CHAPTERS = sorted(p.stem for p in BOOK.glob("[0-9][0-9]-*.md"))


@pytest.fixture(scope="module")
def sessions() -> list[course.Session]:
    return course.load_sessions()


@pytest.fixture(scope="module")
def questions() -> list[quiz.Question]:
    return course.course_questions()


# --------------------------------------------------------------------------- the sessions


def test_there_are_six_sessions_numbered_one_to_six(sessions) -> None:
    assert len(SESSIONS) == 6
    assert [s.number for s in sessions] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_the_minute_by_minute_plan_adds_up_to_90(path: Path) -> None:
    s = course.load_session(path)
    assert s.minutes == 90
    assert sum(segment.minutes for segment in s.plan) == 90
    assert s.clock()[0][0] == "0:00"
    assert s.clock()[-1][1] == "1:30"


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_the_stretch_fills_the_session_to_120_minutes(path: Path) -> None:
    s = course.load_session(path)
    assert s.minutes + sum(segment.minutes for segment in s.stretch) == 120


def test_handouts_are_found_in_the_printables_and_the_handouts_folders(tmp_path: Path) -> None:
    assert course.handout_doc("pain-diary-week", BOOK) == "book/printables/pain-diary-week"
    assert course.handout_doc("session-2", BOOK) == "book/handouts/session-2"
    assert course.handout_doc("nothing", BOOK) is None
    (tmp_path / "handouts").mkdir()
    (tmp_path / "handouts" / "only-here.md").write_text("# Only here\n")
    assert course.handout_doc("only-here", tmp_path) == "book/handouts/only-here"


@pytest.mark.parametrize("path", SESSIONS, ids=lambda p: p.stem)
def test_each_session_page_has_every_part(path: Path) -> None:
    s = course.load_session(path)
    assert 2 <= len(s.objectives) <= 5
    assert s.chapters and all((BOOK / f"{c}.md").is_file() for c in s.chapters)
    assert s.handouts and all(course.handout_doc(h, BOOK) for h in s.handouts)
    assert f"session-{s.number}" in s.handouts, "each session has its learners' handout"
    for heading in ("Materials", "Group activity", "Discussion prompts"):
        assert heading in s.sections
    kinds = [segment.kind for segment in s.plan]
    assert "activity" in kinds and "discussion" in kinds and "break" in kinds
    if s.number >= 2:
        assert "Action-plan check-in" in s.sections
        assert "check-in" in kinds
    last = s.number == len(SESSIONS)
    assert ("After the course" if last else "Before the next session") in s.sections


def test_the_knowledge_check_opens_and_closes_the_course(sessions) -> None:
    checks = [s.number for s in sessions for seg in s.plan if seg.kind == "knowledge check"]
    assert checks == [1, 6]


def test_the_course_uses_every_chapter_and_every_workbook_notebook(sessions) -> None:
    assert {c for s in sessions for c in s.chapters} == set(CHAPTERS)
    assert {n for s in sessions for n in s.notebooks} == set(course.WORKBOOK_NOTEBOOKS)


def test_sessions_using_finds_chapters_and_notebooks(sessions) -> None:
    assert [s.number for s in course.sessions_using(sessions, "08-pain-diary")] == [2]
    assert [s.number for s in course.sessions_using(sessions, "painad")] == [5]
    assert course.sessions_using(sessions, "no-such-thing") == []


_GOOD = """# Session 2: test

```{session}
number: 2
title: A test session
minutes: 90
chapters: [08-pain-diary]
notebooks: [keep-a-diary]
handouts: [session-2]
objectives: [One thing., Another thing.]
plan:
  - {minutes: 40, kind: check-in, title: Check-in}
  - {minutes: 20, kind: activity, title: Do it}
  - {minutes: 10, kind: break, title: Break}
  - {minutes: 20, kind: discussion, title: Talk}
stretch:
  - {minutes: 30, kind: activity, title: More}
```

## Materials
## Group activity
## Discussion prompts
## Action-plan check-in
## Before the next session
"""


def test_a_good_session_parses() -> None:
    s = course.parse_session(_GOOD, "good.md")
    assert s.planned_minutes == 90 and s.stretch_minutes == 30
    assert [row[:2] for row in s.clock()] == [
        ("0:00", "0:40"),
        ("0:40", "1:00"),
        ("1:00", "1:10"),
        ("1:10", "1:30"),
    ]
    assert s.hands_on_minutes == 80
    assert s.minutes_by_kind()["break"] == 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("minutes: 20, kind: activity", "minutes: 25, kind: activity"), "add up to 95 minutes"),
        (
            (
                "{minutes: 30, kind: activity, title: More}",
                "{minutes: 20, kind: activity, title: M}",
            ),
            "stretch",
        ),
        (("notebooks: [keep-a-diary]", "notebooks: [my-notebook]"), "not a workbook notebook"),
        (("chapters: [08-pain-diary]", "chapters: [99-nothing]"), "no chapter book/99-nothing.md"),
        (("handouts: [session-2]", "handouts: [nothing]"), "no handout"),
        (("kind: check-in", "kind: chat"), "'kind' 'chat'"),
        (("## Action-plan check-in\n", ""), "Action-plan check-in"),
        (("## Before the next session\n", ""), "Before the next session"),
        (("number: 2\n", "number: 2\ncolour: red\n"), "does not know: colour"),
        (("objectives: [One thing., Another thing.]", "objectives: [Only one.]"), "2 to 5"),
        (("minutes: 40, kind: check-in", "minutes: forty, kind: check-in"), "whole number"),
        (("title: A test session\n", "title: [unclosed\n"), "not valid YAML"),
    ],
)
def test_a_broken_session_is_refused_with_a_plain_message(change, message) -> None:
    old, new = change
    assert old in _GOOD
    with pytest.raises(course.CourseError, match=re.escape(message)):
        course.parse_session(_GOOD.replace(old, new, 1), "broken.md")


def test_a_session_page_has_exactly_one_block() -> None:
    with pytest.raises(course.CourseError, match="exactly one"):
        course.parse_session(_GOOD.split("```{session}")[0], "empty.md")


def test_load_sessions_reports_every_broken_page(tmp_path: Path) -> None:
    (tmp_path / "session-1.md").write_text(_GOOD.replace("number: 2", "number: 1"))
    (tmp_path / "session-2.md").write_text(
        _GOOD.replace("minutes: 20, kind: activity", "minutes: 1, kind: activity")
    )
    (tmp_path / "session-3.md").write_text(
        _GOOD.replace("chapters: [08-pain-diary]", "chapters: []")
    )
    with pytest.raises(course.CourseError) as err:
        course.load_sessions(tmp_path)
    assert "session-2.md" in str(err.value) and "session-3.md" in str(err.value)
    assert "session-1.md" not in str(err.value)


def test_load_sessions_wants_numbers_without_gaps(tmp_path: Path) -> None:
    last = _GOOD.replace("## Before the next session", "## After the course")
    (tmp_path / "session-1.md").write_text(_GOOD.replace("number: 2", "number: 1"))
    (tmp_path / "session-2.md").write_text(last.replace("number: 2", "number: 3"))
    with pytest.raises(course.CourseError, match=r"numbered 1 to 2; found \[1, 3\]"):
        course.load_sessions(tmp_path)


# --------------------------------------------------------------------------- the knowledge check


def test_the_knowledge_check_has_ten_to_fifteen_questions(questions) -> None:
    assert 10 <= len(questions) <= 15
    assert all(q.course_check for q in questions)


def test_the_learners_sheet_has_no_answers(questions) -> None:
    html = course.render_check_form(questions)
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select("li.pb-check-question")
    assert [li["id"] for li in items] == [f"check-{q.id}" for q in questions]
    text = soup.get_text(" ")
    for q in questions:
        assert q.prompt in text
        assert all(choice in text for choice in q.choices)
        assert q.explanation not in text
    assert "data-answer" not in html and "Answer:" not in html and "<details" not in html
    # every choice has a letter, and nothing marks one choice apart from the others
    for li, q in zip(items, questions, strict=True):
        choices = li.select("ul.pb-check-choices > li")
        assert [c.strong.get_text() for c in choices] == [f"{L}." for L in "ABCD"[: len(q.choices)]]
        assert len({tuple(c.attrs.items()) for c in choices}) == 1


def test_the_answer_key_gives_each_right_letter_and_where_to_read(questions) -> None:
    html = course.render_answer_key(questions, page_path="book/instructor/answer-key")
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("tbody tr")
    assert len(rows) == len(questions)
    for row, q in zip(rows, questions, strict=True):
        cells = row.find_all("td")
        assert cells[2].get_text(" ", strip=True) == f"{'ABCD'[q.answer]}. {q.right_choice}"
        assert q.explanation in cells[3].get_text()
        href = cells[3].a["href"]
        # from book/instructor/ to a chapter in book/
        assert q.read_again.doc.startswith("book/")
        assert href == f"../{q.read_again.doc[5:]}.html#{q.read_again.anchor}"


# --------------------------------------------------------------------------- a class's answers


def _class(questions, rows: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """A class table: learner -> (pre letters, post letters), one letter per question."""
    data = []
    for learner, (pre, post) in rows.items():
        row = {"learner": learner}
        for i, q in enumerate(questions):
            row[f"pre:{q.id}"] = pre[i] if pre else ""
            row[f"post:{q.id}"] = post[i] if post else ""
        data.append(row)
    return pd.DataFrame(data, columns=course.class_columns(questions))


def _letters(questions, right: set[int]) -> str:
    """Answers right on the questions numbered in `right` (from 0), wrong elsewhere."""
    return "".join(
        "ABCD"[q.answer] if i in right else "ABCD"[(q.answer + 1) % len(q.choices)]
        for i, q in enumerate(questions)
    )


def test_scores_and_gains_are_worked_out_on_learners_who_took_both(questions) -> None:
    n = len(questions)
    table = _class(
        questions,
        {
            "A1": (_letters(questions, {0, 1}), _letters(questions, set(range(n)))),
            "A2": (_letters(questions, set()), _letters(questions, {0})),
            "A3": (_letters(questions, set(range(n))), ""),  # missed the last session
        },
    )
    results = course.score_class(course.read_class(table, questions), questions)
    learners = results.learners.set_index("learner")
    assert learners.loc["A1", "pre"] == 2 and learners.loc["A1", "post"] == n
    assert learners.loc["A2", "gain"] == 1
    assert pd.isna(learners.loc["A3", "post"]) and pd.isna(learners.loc["A3", "gain"])
    first, second = results.questions.iloc[0], results.questions.iloc[1]
    assert (first["before %"], first["after %"], first["gain"]) == (50.0, 100.0, 50.0)
    assert (second["before %"], second["after %"]) == (50.0, 50.0)
    assert results.pre_percent == pytest.approx(100 * 1 / n)
    assert results.post_percent == pytest.approx(100 * (n + 1) / 2 / n)
    assert "3 learners took the check before the course and 2 after; 2 took both" in (
        results.summary()
    )
    assert "2 of the 2 scored higher" in results.summary()


def test_blank_answers_count_as_not_right(questions) -> None:
    right = _letters(questions, set(range(len(questions))))
    table = _class(questions, {"B1": (right, right)})
    table.loc[0, f"pre:{questions[0].id}"] = ""
    results = course.score_class(course.read_class(table, questions), questions)
    assert results.learners.loc[0, "pre"] == len(questions) - 1
    assert results.learners.loc[0, "post"] == len(questions)


def test_nobody_took_both_checks(questions) -> None:
    table = _class(questions, {"C1": (_letters(questions, {0}), ""), "C2": ("", "A" * 99)})
    results = course.score_class(course.read_class(table, questions), questions)
    assert "nobody took both" in results.summary()


def test_the_sample_class_is_read_and_scored(questions) -> None:
    table = course.read_class(course.SAMPLE_CLASS, questions)
    assert list(table.columns) == course.class_columns(questions)
    assert table["learner"].tolist() == [f"L{n:02d}" for n in range(1, 15)]
    results = course.score_class(table, questions)
    assert len(results.paired) == 12
    assert results.post_percent > results.pre_percent
    assert len(results.questions) == len(questions)


def test_a_class_file_with_lowercase_letters_and_blank_rows_is_read(tmp_path, questions) -> None:
    table = _class(questions, {"D1": (_letters(questions, {0}).lower(), "")})
    path = tmp_path / "class.csv"
    text = table.to_csv(index=False) + "," * (len(table.columns) - 1) + "\n"
    path.write_text(text)
    read = course.read_class(path, questions)
    assert len(read) == 1
    assert read.iloc[0, 1] == "ABCD"[questions[0].answer]


def test_a_wrong_letter_is_refused_with_its_line_and_column(tmp_path, questions) -> None:
    table = _class(questions, {"E1": ("", ""), "E2": (_letters(questions, set()), "")})
    q = questions[0]
    table.loc[1, f"pre:{q.id}"] = "Z"
    path = tmp_path / "class.csv"
    table.to_csv(path, index=False)
    with pytest.raises(course.CourseError) as err:
        course.read_class(path, questions)
    assert f"line 3, column pre:{q.id}: 'Z'" in str(err.value)


def test_missing_and_unknown_columns_are_named(questions) -> None:
    table = _class(questions, {"F1": ("", "")})
    table = table.drop(columns=[f"post:{questions[-1].id}"]).assign(**{"pre:ch99-x": ""})
    with pytest.raises(course.CourseError) as err:
        course.read_class(table, questions)
    assert f"missing: post:{questions[-1].id}" in str(err.value)
    assert "not questions of the check: pre:ch99-x" in str(err.value)


def test_a_learner_code_used_twice_is_refused(questions) -> None:
    table = _class(questions, {"G1": ("", ""), "G2": ("", "")})
    table.loc[1, "learner"] = "G1"
    table.loc[0, f"pre:{questions[0].id}"] = "A"
    table.loc[1, f"pre:{questions[0].id}"] = "A"
    with pytest.raises(course.CourseError, match="'G1' is used on more than one row"):
        course.read_class(table, questions)


def test_the_template_has_the_right_columns_and_reads_back(tmp_path, questions) -> None:
    template = course.class_template(questions, learners=3)
    assert list(template.columns) == course.class_columns(questions)
    path = tmp_path / "my-class.csv"
    template.to_csv(path, index=False)
    read = course.read_class(path, questions)
    assert read.empty or (read.iloc[:, 1:] == "").all().all()


def test_the_chart_reads_in_black_and_white_and_has_a_text_alternative(questions) -> None:
    results = course.score_class(course.read_class(course.SAMPLE_CLASS, questions), questions)
    fig, alt = course.gain_chart(results)
    try:
        bars = [p for p in fig.axes[0].patches]
        assert len(bars) == 2 * len(questions)
        hatches = {p.get_hatch() for p in bars}
        assert hatches == {None, "//"}, "before and after differ by pattern, not only colour"
        for q in questions:
            assert f"({q.id})" in alt
    finally:
        plt.close(fig)


def test_the_notebook_chart_alt_text_matches_the_sample_class(questions) -> None:
    nb = json.loads((ROOT / "notebooks" / "class-check.ipynb").read_text(encoding="utf-8"))
    alts = [
        c["metadata"]["mystnb"]["image"]["alt"]
        for c in nb["cells"]
        if c["cell_type"] == "code" and "mystnb" in c["metadata"]
    ]
    results = course.score_class(course.read_class(course.SAMPLE_CLASS, questions), questions)
    fig, alt = course.gain_chart(results)
    plt.close(fig)
    assert alts == [alt]


# --------------------------------------------------------------------------- running the class


def test_the_nbgitpuller_link_on_the_running_the_class_page_is_right() -> None:
    link = course.nbgitpuller_link(
        "https://hub.example.org",
        "https://git.example.org/YOUR-GROUP/taking-part-in-pain-care",
        "notebooks/keep-a-diary.ipynb",
    )
    page = (BOOK / "instructor" / "running-the-class.md").read_text(encoding="utf-8")
    assert link in page
    parts = urlsplit(link)
    assert parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query)
    assert query == {
        "repo": ["https://git.example.org/YOUR-GROUP/taking-part-in-pain-care"],
        "urlpath": ["lab/tree/taking-part-in-pain-care/notebooks/keep-a-diary.ipynb"],
        "branch": ["main"],
    }


def test_nbgitpuller_link_options_and_errors() -> None:
    link = course.nbgitpuller_link(
        "https://hub.example.org/", "https://x.org/a/book.git", branch="dev", folder="class"
    )
    query = parse_qs(urlsplit(link).query)
    assert query["urlpath"] == ["lab/tree/class"] and query["branch"] == ["dev"]
    assert link.startswith("https://hub.example.org/hub/")
    with pytest.raises(ValueError, match="https://"):
        course.nbgitpuller_link("hub.example.org", "https://x.org/a/book")
    with pytest.raises(ValueError, match="empty"):
        course.nbgitpuller_link("https://hub.example.org", " ")
