"""The "Check your understanding" quizzes: the bank, its HTML, scoring and the browser script."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from docutils.nodes import make_id

from conftest import ROOT
from painbook import quiz

BOOK = ROOT / "book"
MAIN_CHAPTERS = sorted(p.stem for p in BOOK.glob("[0-9][0-9]-*.md"))
NOTEBOOK = ROOT / "notebooks" / "check-understanding.ipynb"
QUIZ_JS = ROOT / "_static" / "quiz.js"
QUIZ_CSS = ROOT / "_static" / "quiz.css"


@pytest.fixture(scope="module")
def bank() -> list[quiz.Question]:
    return quiz.load_questions()


# --------------------------------------------------------------------------- the bank


def test_every_main_chapter_has_three_to_five_questions(bank) -> None:
    counts = Counter(q.chapter for q in bank)
    assert len(MAIN_CHAPTERS) == 12
    assert sorted(counts) == MAIN_CHAPTERS
    assert {c: n for c, n in counts.items() if not 3 <= n <= 5} == {}


def test_course_check_has_ten_to_fifteen_questions_covering_the_objectives(bank) -> None:
    course = quiz.load_questions(course_check=True)
    assert 10 <= len(course) <= 15
    assert all(q.course_check for q in course)
    assert len(course) + len(quiz.load_questions(course_check=False)) == len(bank)
    # pain and its types, the team, the first visit and 911, the diary, change, self-care and
    # action plans, PAINAD and medicine safety, the caregiver's own health
    covered = {q.chapter for q in course}
    assert covered >= {
        "01-what-pain-is",
        "06-care-team",
        "07-first-appointment",
        "08-pain-diary",
        "09-measuring-progress",
        "10-self-care",
        "11-caring-for-someone",
        "12-caregiver-wellbeing",
    }


def test_questions_are_plain_and_not_tricks(bank) -> None:
    for q in bank:
        assert 2 <= len(q.choices) <= 4, q.id
        assert q.prompt.endswith("?"), q.id
        assert not any(w in q.prompt.lower() for w in ("not true", "except", "all of the above"))
        assert not any(c.lower() in {"all of the above", "none of the above"} for c in q.choices)
        sentences = re.split(r"(?<=[.!?])\s+", q.explanation)
        assert 1 <= len(sentences) <= 2, q.id
        assert not re.search(r"\b\d+\s*(mg|milligrams?|ml|tablets?|pills a day)\b", str(q), re.I)


def test_right_answers_are_spread_over_the_positions(bank) -> None:
    positions = Counter(q.answer for q in bank)
    assert all(positions[i] >= len(bank) // 5 for i in range(3)), positions


def _plain(heading: str) -> str:
    heading = re.sub(r"\{[^}]+\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", heading)
    return heading.replace("`", "").replace("*", "")


def anchors_in(markdown: str) -> tuple[Counter, set[str]]:
    """Heading ids as Sphinx makes them (docutils' make_id), and (label)= targets."""
    headings: Counter = Counter()
    labels: set[str] = set()
    fence = None
    for line in markdown.splitlines():
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif marker.group(1).startswith(fence):
                fence = None
            continue
        if fence:
            continue
        if label := re.match(r"^\(([^)\s]+)\)=\s*$", line):
            labels.add(label.group(1))
        if heading := re.match(r"^#{1,6}\s+(.+?)\s*$", line):
            headings[make_id(_plain(heading.group(1)))] += 1
    return headings, labels


def test_the_heading_ids_are_computed_as_sphinx_does() -> None:
    headings, labels = anchors_in(
        "(ch-x)=\n# Title\n## The 0 to 10 pain scale\n## The PEG: three questions, once a week\n"
        "```\n# not a heading\n```\n## Why use {term}`percent <Percent change>` change?\n"
    )
    assert set(headings) == {
        "title",
        "the-0-to-10-pain-scale",
        "the-peg-three-questions-once-a-week",
        "why-use-percent-change",
    }
    assert labels == {"ch-x"}


def test_every_read_again_points_at_an_existing_heading(bank) -> None:
    problems = []
    for q in bank:
        page = ROOT / f"{q.read_again.doc}.md"
        if not page.is_file():
            problems.append(f"{q.id}: no page {q.read_again.doc}.md")
            continue
        headings, labels = anchors_in(page.read_text(encoding="utf-8"))
        anchor = q.read_again.anchor
        if anchor in labels:
            continue
        if headings[anchor] != 1:
            problems.append(
                f"{q.id}: #{anchor} is {'repeated' if headings[anchor] else 'not'} a heading "
                f"id in {q.read_again.doc}.md"
            )
    assert problems == []


def test_read_again_titles_start_with_the_chapter_title(bank) -> None:
    for q in bank:
        first = (ROOT / f"{q.read_again.doc}.md").read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", first, re.M).group(1)
        assert q.read_again.title.startswith(f"{title}: "), q.id


# --------------------------------------------------------------------------- validation


def good(**changes) -> dict:
    question = {
        "id": "ch01-example",
        "chapter": "01-example",
        "prompt": "What does 10 mean?",
        "choices": ["No pain", "The worst pain you can imagine"],
        "answer": 1,
        "explanation": "It is the top of the scale.",
        "read_again": {"doc": "book/01-example", "anchor": "the-scale", "title": "Example: scale"},
    }
    question.update(changes)
    return question


@pytest.fixture
def tmp_book(tmp_path: Path) -> Path:
    book = tmp_path / "repo" / "book"
    book.mkdir(parents=True)
    (book / "01-example.md").write_text("# Example\n## The scale\n", encoding="utf-8")
    return book


def write(folder: Path, name: str, questions: list) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"questions": questions}), encoding="utf-8")
    return path


def problems_of(folder: Path, book: Path) -> str:
    with pytest.raises(quiz.QuizError) as caught:
        quiz.load_questions(folder, book_dir=book)
    return str(caught.value)


def test_a_good_bank_loads(tmp_path, tmp_book) -> None:
    write(tmp_path / "bank", "01.json", [good(), good(id="ch01-other", course_check=True)])
    questions = quiz.load_questions(tmp_path / "bank", book_dir=tmp_book)
    assert [q.id for q in questions] == ["ch01-example", "ch01-other"]
    assert questions[0].right_choice == "The worst pain you can imagine"
    assert questions[0].source == "01.json"
    assert [q.id for q in quiz.load_questions(tmp_path / "bank" / "01.json", book_dir=tmp_book)]
    assert [
        q.id for q in quiz.load_questions(tmp_path / "bank", course_check=True, book_dir=tmp_book)
    ] == ["ch01-other"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (good(answer=2), "the answer 2 is out of range. There are 2 choices"),
        (good(answer=-1), "the answer -1 is out of range"),
        (good(answer=True), "'answer' must be a whole number"),
        (good(answer="1"), "'answer' must be a whole number"),
        ({k: v for k, v in good().items() if k not in ("prompt", "explanation")}, "is missing:"),
        (good(choices=["Only one"]), "two or more texts"),
        (good(choices=["Yes", "yes"]), "two of the choices are the same"),
        (good(read_again={"doc": "book/99-nowhere", "anchor": "x", "title": "T"}), "99-nowhere"),
        (good(read_again={"doc": "book/01-example.md", "anchor": "x", "title": "T"}), "suffix"),
        (good(read_again={"doc": "book/01-example", "anchor": "#x", "title": "T"}), "heading id"),
        (good(read_again={"doc": "book/01-example", "anchor": "x"}), "missing: title"),
        (good(chapter="02-missing"), "not a chapter of the book"),
        (good(id="Bad Id"), "lowercase letters"),
        (good(cours_check=True), "does not know: cours_check"),
        (good(course_check="yes"), "true or false"),
        (good(prompt="  "), "'prompt' must be some text"),
    ],
)
def test_a_bad_question_is_named_with_its_file_and_problem(
    tmp_path, tmp_book, question, expected
) -> None:
    write(tmp_path / "bank", "01-example.json", [question])
    message = problems_of(tmp_path / "bank", tmp_book)
    assert "01-example.json" in message
    assert expected in message
    name = question.get("id", "")
    if re.fullmatch(r"[a-z0-9-]+", name):
        assert f"question '{name}'" in message


def test_a_question_without_an_id_is_named_by_its_number(tmp_path, tmp_book) -> None:
    nameless = {k: v for k, v in good().items() if k != "id"}
    write(tmp_path / "bank", "01.json", [good(), nameless])
    message = problems_of(tmp_path / "bank", tmp_book)
    assert "01.json: question number 2 is missing: id" in message


def test_duplicate_ids_are_reported_across_files(tmp_path, tmp_book) -> None:
    write(tmp_path / "bank", "a.json", [good()])
    write(tmp_path / "bank", "b.json", [good()])
    message = problems_of(tmp_path / "bank", tmp_book)
    assert "b.json: question 'ch01-example' has the same id as a question in a.json" in message


def test_all_problems_are_reported_at_once(tmp_path, tmp_book) -> None:
    write(tmp_path / "bank", "a.json", [good(answer=5), good(id="ch01-b", choices=["x"])])
    message = problems_of(tmp_path / "bank", tmp_book)
    assert "question 'ch01-example'" in message and "question 'ch01-b'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", 'must hold an object with a list of questions: {"questions": [...]}'),
        ('{"questions": []}', "has no questions"),
    ],
)
def test_a_bad_file_is_named(tmp_path, tmp_book, text, expected) -> None:
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "broken.json").write_text(text, encoding="utf-8")
    message = problems_of(tmp_path / "bank", tmp_book)
    assert "broken.json" in message and expected in message


def test_missing_folder_and_unknown_chapter_say_so(tmp_path) -> None:
    with pytest.raises(quiz.QuizError, match="no question file or folder"):
        quiz.load_questions(tmp_path / "nowhere")
    with pytest.raises(quiz.QuizError, match="no question files"):
        quiz.load_questions(tmp_path)
    with pytest.raises(quiz.QuizError, match="no questions for the chapter '08-pain-dairy'"):
        quiz.load_questions(chapter="08-pain-dairy")


def test_without_a_book_folder_docs_are_not_checked(tmp_path, monkeypatch) -> None:
    write(tmp_path / "bank", "a.json", [good(chapter="x", read_again=good()["read_again"])])
    monkeypatch.setattr(quiz, "BOOK_DIR", tmp_path / "not-a-repo" / "book")
    assert len(quiz.load_questions(tmp_path / "bank")) == 1


def test_the_shipped_files_are_tidy() -> None:
    """One file per chapter, named after it; questions in a file all belong to it."""
    for path in sorted(quiz.QUIZ_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert {q["chapter"] for q in data["questions"]} == {path.stem}
        assert all(q["read_again"]["doc"] == f"book/{path.stem}" for q in data["questions"])
        expected = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        assert path.read_text(encoding="utf-8") == expected, f"reformat {path.name}"


# --------------------------------------------------------------------------- HTML


@pytest.fixture(scope="module")
def diary_html() -> str:
    return quiz.render_html(quiz.load_questions(chapter="08-pain-diary"))


def test_html_has_no_script_style_or_other_host(bank) -> None:
    page = quiz.render_html(bank, quiz_id="all")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("script") is None and soup.find("style") is None
    assert soup.find(style=True) is None
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not re.search(r"(?:https?:)?//", page)
    assert len(soup.find_all("fieldset")) == len(bank)


def test_each_chapter_quiz_has_its_own_name(bank) -> None:
    """Several forms on one page need different names (axe: landmark-unique)."""
    chapters = sorted({q.chapter for q in bank})
    names = []
    for chapter in chapters:
        page = quiz.render_html([q for q in bank if q.chapter == chapter])
        names.append(BeautifulSoup(page, "html.parser").find("form")["aria-label"])
    assert len(set(names)) == len(chapters) == 12
    assert "Check your understanding: chapter 8, pain diary" in names
    mixed = quiz.render_html(bank, quiz_id="all")
    assert BeautifulSoup(mixed, "html.parser").find("form")["aria-label"] == (
        "Check your understanding"
    )


def test_a_given_label_is_used_and_escaped(bank) -> None:
    page = quiz.render_html(bank[:2], label='Before class "A" & after')
    form = BeautifulSoup(page, "html.parser").find("form")
    assert form["aria-label"] == 'Before class "A" & after'
    assert 'aria-label="Before class &quot;A&quot; &amp; after"' in page


def test_every_question_has_a_legend_and_every_input_a_label(diary_html) -> None:
    soup = BeautifulSoup(diary_html, "html.parser")
    form = soup.find("form", class_="pb-quiz")
    assert form is not None and form.get("aria-label")
    fieldsets = form.find_all("fieldset")
    assert len(fieldsets) == 5
    for fieldset in fieldsets:
        assert fieldset.find("legend").get_text(strip=True)
        radios = fieldset.find_all("input", type="radio")
        assert len(radios) >= 2
        assert len({r["name"] for r in radios}) == 1
        for radio in radios:
            label = form.find("label", attrs={"for": radio["id"]})
            assert label is not None and label.get_text(strip=True)
        described = fieldset["aria-describedby"]
        assert form.find(id=described)["class"] == ["pb-quiz-feedback"]
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    result = form.find(class_="pb-quiz-result")
    assert result["aria-live"] == "polite"
    buttons = {b.get_text(): b for b in form.find_all("button")}
    assert buttons["Check my answers"]["type"] == "submit"
    assert buttons["Check my answers"].has_attr("hidden")  # quiz.js shows it
    assert buttons["Clear my answers"]["type"] == "reset"


def test_the_answer_works_without_javascript(diary_html) -> None:
    soup = BeautifulSoup(diary_html, "html.parser")
    for q, fieldset in zip(
        quiz.load_questions(chapter="08-pain-diary"), soup.find_all("fieldset"), strict=True
    ):
        details = fieldset.find("details")
        assert details.find("summary").get_text() == "Show the answer"
        text = details.get_text(" ", strip=True)
        assert q.right_choice in text and q.explanation in text
        link = details.find("a", class_="pb-quiz-read")
        assert link["href"] == f"../book/08-pain-diary.html#{q.read_again.anchor}"
        assert link.get_text() == q.read_again.title
        assert fieldset["data-answer"] == str(q.answer)


def test_html_is_the_same_every_time_and_ids_follow_the_question_ids(diary_html) -> None:
    again = quiz.render_html(quiz.load_questions(chapter="08-pain-diary"))
    assert again == diary_html
    assert 'id="quiz-08-pain-diary-ch08-scale-ends"' in diary_html
    assert 'id="quiz-08-pain-diary-ch08-scale-ends-2"' in diary_html
    other = quiz.render_html(quiz.load_questions(chapter="08-pain-diary"), quiz_id="Pre Test")
    assert 'id="pre-test-ch08-scale-ends"' in other


def test_links_are_relative_to_the_page(bank) -> None:
    place = bank[0].read_again
    assert quiz.read_again_href(place, "notebooks/check-understanding") == (
        f"../book/01-what-pain-is.html#{place.anchor}"
    )
    assert quiz.read_again_href(place, "book/summary") == f"01-what-pain-is.html#{place.anchor}"
    assert quiz.read_again_href(place, "index") == f"book/01-what-pain-is.html#{place.anchor}"
    assert (
        quiz.read_again_href(place, "a/b/page") == f"../../book/01-what-pain-is.html#{place.anchor}"
    )


def test_text_is_escaped() -> None:
    q = quiz.Question(
        id="x-1",
        chapter="x",
        prompt='Is <b>this</b> "bold"?',
        choices=("a < b", "a & b"),
        answer=0,
        explanation="Because <i>.",
        read_again=quiz.ReadAgain("book/x", "y", "X & Y"),
    )
    page = quiz.render_html([q])
    assert "<b>" not in page and "<i>" not in page
    assert "Is &lt;b&gt;this&lt;/b&gt; &quot;bold&quot;?" in page
    assert "a &amp; b" in page and "X &amp; Y" in page
    with pytest.raises(ValueError):
        quiz.render_html([])


# --------------------------------------------------------------------------- scoring


@pytest.fixture(scope="module")
def diary() -> list[quiz.Question]:
    return quiz.load_questions(chapter="08-pain-diary")


def test_score_all_right(diary) -> None:
    result = quiz.score(diary, {q.id: q.answer for q in diary})
    assert (result.right, result.total, result.wrong, result.read_again) == (5, 5, (), ())
    assert result.percent == 100.0
    assert str(result) == "You got 5 of 5 right."
    assert all(item.correct for item in result.items)


def test_score_wrong_and_blank_answers_give_places_to_read_again(diary) -> None:
    first, second, third = diary[0], diary[1], diary[2]
    responses = {
        first.id: (first.answer + 1) % len(first.choices),  # wrong
        second.id: "ABC"[second.answer],  # right, as a letter
        third.id: None,  # blank
    }
    result = quiz.score(diary, responses)
    assert result.right == 1 and result.total == 5
    assert set(result.wrong) == {first.id, third.id, diary[3].id, diary[4].id}
    assert result.read_again[0] == first.read_again
    assert len(result.read_again) == len({(p.doc, p.anchor) for p in result.read_again})
    blank = next(i for i in result.items if i.question_id == third.id)
    assert blank.chosen is None and not blank.correct
    assert str(result) == "You got 1 of 5 right."


def test_score_reads_spreadsheet_cells(diary) -> None:
    q = diary[0]
    letter = "abc"[q.answer]
    assert quiz.score([q], {q.id: letter}).right == 1
    assert quiz.score([q], {q.id: float(q.answer)}).right == 1
    assert quiz.score([q], {q.id: float("nan")}).items[0].chosen is None
    assert quiz.score([q], {q.id: "  "}).items[0].chosen is None


@pytest.mark.parametrize(
    ("response", "message"),
    [(7, "out of range"), ("Z", "not one of the letters"), ("2", "not one of the letters")],
)
def test_score_rejects_impossible_answers(diary, response, message) -> None:
    with pytest.raises(ValueError, match=message):
        quiz.score(diary, {diary[0].id: response})


def test_score_rejects_answers_to_unknown_questions(diary) -> None:
    with pytest.raises(ValueError, match="not in this quiz: ch08-nope"):
        quiz.score(diary, {"ch08-nope": 1})


# --------------------------------------------------------------------------- the notebook


def test_the_notebook_has_a_quiz_per_chapter_with_current_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata
    shown = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "remove-cell" in cell.metadata.get("tags", []):
            continue
        assert "remove-input" in cell.metadata.get("tags", [])
        chapter = re.search(r'chapter="([^"]+)"', cell.source).group(1)
        html = cell.outputs[0]["data"]["text/html"]
        assert html == quiz.render_html(quiz.load_questions(chapter=chapter)), (
            f"the stored quiz for {chapter} is out of date: run the notebook again"
        )
        shown.append(chapter)
    assert shown == MAIN_CHAPTERS


# --------------------------------------------------------------------------- quiz.js and quiz.css


def test_quiz_js_is_small_and_private() -> None:
    js = QUIZ_JS.read_text(encoding="utf-8")
    assert len(js.encode()) < 4096
    for word in ("fetch", "XMLHttpRequest", "localStorage", "sessionStorage", "cookie", "http"):
        assert word not in js, word
    assert "innerHTML" not in js  # text is set with textContent only
    assert 'querySelectorAll("form.pb-quiz")' in js  # nothing happens on pages without a quiz


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_quiz_colours_pass_wcag_aa_in_light_and_dark_mode() -> None:
    css = QUIZ_CSS.read_text(encoding="utf-8")
    blocks = {
        "light": re.search(r"^\.pb-quiz \{(.*?)\}", css, re.S | re.M).group(1),
        "dark": re.search(r'html\[data-theme="dark"\] \.pb-quiz \{(.*?)\}', css, re.S).group(1),
    }
    for mode, block in blocks.items():
        colours = dict(re.findall(r"--pbq-([a-z]+):\s*(#[0-9a-fA-F]{6});", block))
        assert set(colours) >= {"bg", "fg", "link", "right", "wrong", "focus", "border"}, mode
        for text in ("fg", "link", "right", "wrong"):
            assert contrast(colours[text], colours["bg"]) >= 4.5, (mode, text)
        for part in ("focus", "border"):  # non-text: 3:1
            assert contrast(colours[part], colours["bg"]) >= 3, (mode, part)
    assert ":focus-visible" in css and "outline" in css
    assert "url(" not in css and "@import" not in css


def test_quiz_js_scores_in_a_browser(tmp_path: Path, diary) -> None:
    """Headless Chromium: answer two right, one wrong, leave two blank, press the button."""
    from browser import FLAGS, chromium

    browser = chromium()
    picks = {diary[0].id: diary[0].answer, diary[1].id: diary[1].answer}
    picks[diary[2].id] = (diary[2].answer + 1) % len(diary[2].choices)
    clicks = "".join(
        f'document.getElementById("quiz-08-pain-diary-{qid}-{index}").checked = true;'
        for qid, index in picks.items()
    )
    page = tmp_path / "quiz.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title>"
        f"<script src='{QUIZ_JS.as_uri()}'></script></head><body>"
        f"{quiz.render_html(diary)}"
        "<script>window.addEventListener('load', () => {"
        f"{clicks} document.querySelector('.pb-quiz-check').click(); }});</script>"
        "</body></html>",
        encoding="utf-8",
    )
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        done = subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--allow-file-access-from-files",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    soup = BeautifulSoup(done.stdout, "html.parser")
    assert not soup.find("button", class_="pb-quiz-check").has_attr("hidden")
    feedback = [p.get_text() for p in soup.find_all(class_="pb-quiz-feedback")]
    assert feedback[:2] == ["Right.", "Right."]
    assert feedback[2] == f"Not quite: the answer is \u201c{diary[2].right_choice}\u201d."
    assert feedback[3] == f"No answer chosen: the answer is \u201c{diary[3].right_choice}\u201d."
    fieldsets = soup.find_all("fieldset")
    assert "pb-quiz-right" in fieldsets[0]["class"] and "pb-quiz-wrong" in fieldsets[2]["class"]
    result = soup.find(class_="pb-quiz-result")
    assert result.find("p").get_text() == "You got 2 of 5 right."
    links = [(a["href"], a.get_text()) for a in result.find_all("a")]
    expected = quiz.score(diary, picks).read_again
    assert links == [
        (quiz.read_again_href(place, "notebooks/check-understanding"), place.title)
        for place in expected
    ]
