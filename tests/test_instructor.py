"""The two editions: the reader edition (`make book`) and the instructor edition.

The instructor edition is built once per test session (tests/kit.py) next to the reader edition
of the `book` fixture. These tests check that it builds cleanly, that it has everything for
instructors, and that none of it leaks into the reader edition.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import kit
from _ext.editions import instructor_toc
from conftest import ROOT, BuiltBook
from painbook import course
from test_build import _SPHINX_PROBLEM, broken_links, remote_loads, toc_files

pytestmark = pytest.mark.book

BOOK = ROOT / "book"
CHAPTERS = sorted(p.stem for p in BOOK.glob("[0-9][0-9]-*.md"))
NOTES = sorted((BOOK / "instructor" / "notes").glob("*.md"))


@pytest.fixture(scope="module")
def instructor(book: BuiltBook) -> BuiltBook:
    return kit.instructor_edition(book)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _article(path: Path) -> BeautifulSoup:
    return _soup(path).find("article")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _reader_corpus(html: Path) -> str:
    """Every text file the reader edition publishes, tags removed, as one string."""
    parts = []
    for path in sorted(html.rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".js", ".txt", ".json", ".md"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = BeautifulSoup(text, "html.parser").get_text(" ")
        parts.append(text)
    return _words(" ".join(parts))


# --------------------------------------------------------------------------- the build


def test_the_instructor_edition_builds_without_warnings(instructor: BuiltBook) -> None:
    problems = [line for line in instructor.log.splitlines() if _SPHINX_PROBLEM.search(line)]
    assert instructor.returncode == 0, instructor.log[-4000:]
    assert problems == [], "\n".join(problems)


def test_every_instructor_toc_entry_has_a_page(instructor: BuiltBook) -> None:
    toc = instructor_toc(ROOT / "_toc_instructor.yml", ROOT)
    files = [toc["root"], *toc_files([toc])]
    assert "book/instructor/session-1" in files and "book/01-what-pain-is" in files
    missing = [
        f for f in files if not (instructor.html / f"{Path(f).with_suffix('')}.html").is_file()
    ]
    assert missing == []


def test_every_reader_page_is_in_the_instructor_edition(book: BuiltBook, instructor) -> None:
    reader_pages = {  # the English pages: the instructor edition has no Spanish one
        p.relative_to(book.html)
        for p in book.html.rglob("*.html")
        if "_static" not in p.parts and p.relative_to(book.html).parts[0] != "es"
    }
    assert reader_pages
    assert {p for p in reader_pages if not (instructor.html / p).is_file()} == set()


def test_instructor_links_resolve_and_nothing_comes_from_other_hosts(instructor) -> None:
    assert broken_links(instructor) == []
    assert remote_loads(instructor) == []


def test_the_merged_toc_puts_notes_under_their_chapter() -> None:
    toc = instructor_toc(ROOT / "_toc_instructor.yml", ROOT)
    chapters = {c["file"]: c for part in toc["parts"] for c in part["chapters"] if "file" in c}
    for name in CHAPTERS:
        sections = [s["file"] for s in chapters[f"book/{name}"].get("sections", [])]
        assert f"book/instructor/notes/{name}" in sections, name
    assert [p["caption"] for p in toc["parts"]][0] == "Instructor guide"


# --------------------------------------------------------------------------- instructor notes


def test_each_chapter_has_notes_with_every_part() -> None:
    assert sorted(p.stem for p in NOTES) == CHAPTERS
    for path in NOTES:
        headings = re.findall(r"^## (.+)$", path.read_text(encoding="utf-8"), re.M)
        for needed in ("Common questions", "Misconceptions", "Sensitive topics"):
            assert needed in headings, f"{path.name}: {needed}"
        assert "Medical questions to hand back" in headings, path.name


def test_sensitive_topics_are_covered() -> None:
    text = " ".join(
        p.read_text(encoding="utf-8").lower()
        for p in [*NOTES, BOOK / "instructor" / "teaching-safely.md"]
    )
    for topic in ("opioid", "grief", "burnout", "988", "medical question"):
        assert topic in text, topic


def test_chapters_carry_a_box_for_instructors_only_in_the_instructor_edition(
    book: BuiltBook, instructor: BuiltBook
) -> None:
    for name in CHAPTERS:
        box = _article(instructor.html / "book" / f"{name}.html").select_one(".pb-instructor-note")
        assert box is not None, name
        links = [a["href"] for a in box.find_all("a")]
        assert f"instructor/notes/{name}.html" in links, name
        assert any(re.fullmatch(r"instructor/session-\d\.html", h) for h in links), name
        assert _soup(book.html / "book" / f"{name}.html").select(".pb-instructor-note") == []


def test_instructor_notes_appear_nowhere_in_the_reader_edition(
    book: BuiltBook, instructor: BuiltBook
) -> None:
    corpus = _reader_corpus(book.html)
    pages = sorted((instructor.html / "book" / "instructor").rglob("*.html"))
    assert len(pages) >= 12 + 6
    leaked = []
    for page in pages:
        assert not (book.html / page.relative_to(instructor.html)).exists(), page.name
        for p in _article(page).find_all(["p", "li"]):
            text = _words(p.get_text(" "))
            if len(text) >= 60 and text in corpus:
                leaked.append(f"{page.name}: {text[:80]}")
    for name in CHAPTERS:
        for box in _article(instructor.html / "book" / f"{name}.html").select(
            ".pb-instructor-note"
        ):
            text = _words(box.get_text(" "))
            if text in corpus:
                leaked.append(f"box in {name}")
    assert leaked == []
    assert "pb-instructor-note" not in corpus
    every_file = " ".join(
        p.read_text(errors="replace") for p in book.html.rglob("*") if p.suffix in {".html", ".js"}
    )
    assert "book/instructor" not in every_file and "instructor/notes" not in every_file


def test_the_test_would_see_a_leak(instructor: BuiltBook) -> None:
    """The leak check reads text the way the reader edition shows it (guards the test itself)."""
    page = instructor.html / "book" / "instructor" / "notes" / "08-pain-diary.html"
    corpus = _reader_corpus(page.parent)
    sentence = _words(_article(page).find("li").get_text(" "))
    assert len(sentence) >= 60 and sentence in corpus


# --------------------------------------------------------------------------- solutions


def _solutions(page: Path) -> list[BeautifulSoup]:
    return _article(page).select("div.solution")


@pytest.mark.parametrize("name", CHAPTERS)
def test_solutions_are_folded_for_readers_and_open_for_instructors(
    name: str, book: BuiltBook, instructor: BuiltBook
) -> None:
    source = (BOOK / f"{name}.md").read_text(encoding="utf-8")
    labels = re.findall(r"^:::\{solution\} (\S+)", source, re.M)
    reader = _solutions(book.html / "book" / f"{name}.html")
    shown = _solutions(instructor.html / "book" / f"{name}.html")
    assert len(labels) == len(reader) == len(shown) >= 1
    for folded, open_ in zip(reader, shown, strict=True):
        assert "dropdown" in folded["class"], "collapsed under the exercise for readers"
        assert "dropdown" not in open_["class"], "shown open for instructors"
        body = _words(folded.select_one("section").get_text(" "))
        assert body and body == _words(open_.select_one("section").get_text(" "))


# --------------------------------------------------------------------------- the course pages


def test_the_schedule_page_is_computed_from_the_sessions(instructor: BuiltBook) -> None:
    sessions = course.load_sessions()
    table = _article(instructor.html / "book" / "instructor" / "schedule.html").find("table")
    rows = [
        [_words(td.get_text(" ")) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    ]
    assert len(rows) == len(sessions) + 1
    for row, s in zip(rows, sessions, strict=False):
        assert row[0] == f"{s.number}. {s.title}"
        assert int(row[3]) == s.minutes == sum(seg.minutes for seg in s.plan)
        assert int(row[4]) == s.hands_on_minutes
    assert int(rows[-1][3]) == sum(s.minutes for s in sessions) == 540


@pytest.mark.parametrize("number", range(1, 7))
def test_each_session_page_shows_a_plan_that_adds_up(number: int, instructor) -> None:
    page = instructor.html / "book" / "instructor" / f"session-{number}.html"
    article = _article(page)
    heading = article.find(id="minute-by-minute")
    table = heading.find("table")
    rows = [
        [_words(td.get_text(" ")) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    ]
    plan, total = rows[:-1], rows[-1]
    assert sum(int(r[1]) for r in plan) == int(total[1]) == 90
    assert plan[0][0].startswith("0:00-") and plan[-1][0].endswith("-1:30")
    for earlier, later in zip(plan, plan[1:], strict=False):
        assert earlier[0].split("-")[1] == later[0].split("-")[0], "segments follow each other"
    ids = {tag.get("id") for tag in article.find_all("section")}
    for part in ("objectives", "materials", "group-activity", "discussion-prompts"):
        assert part in ids, part
    assert "stretching-to-120-minutes" in ids
    assert ("after-the-course" if number == 6 else "before-the-next-session") in ids
    if number >= 2:
        assert "action-plan-check-in" in ids


def test_the_answer_key_is_only_for_instructors_and_the_learners_sheet_has_no_answers(
    book: BuiltBook, instructor: BuiltBook
) -> None:
    questions = course.course_questions()
    key = _article(instructor.html / "book" / "instructor" / "answer-key.html")
    sheet = instructor.html / "book" / "handouts" / "knowledge-check.html"
    sheet_text = _words(_article(sheet).get_text(" "))
    key_text = _words(key.get_text(" "))
    for q in questions:
        assert f"{'ABCD'[q.answer]}. {q.right_choice}" in key_text
        assert q.explanation in key_text
        assert q.prompt in sheet_text
        assert q.explanation not in sheet_text
    assert "data-answer" not in sheet.read_text(encoding="utf-8")
    assert not (book.html / "book" / "instructor" / "answer-key.html").exists()


def test_the_class_check_notebook_is_in_the_instructor_edition_only(book, instructor) -> None:
    assert (instructor.html / "notebooks" / "class-check.html").is_file()
    assert not (book.html / "notebooks" / "class-check.html").exists()
    text = _words(_article(instructor.html / "notebooks" / "class-check.html").get_text(" "))
    assert "took both" in text and "percentage points" in text
