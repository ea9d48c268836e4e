"""Self-scored "Check your understanding" quizzes, and scoring for a class's knowledge check.

The questions live in JSON files in ``painbook/data/quiz/`` (one file per chapter). Each file is
an object ``{"questions": [...]}`` and each question has these fields:

``id``
    a stable name, lowercase letters, digits and hyphens (``ch08-scale-ends``). Never reuse or
    rename an id: an instructor's class results refer to it.
``chapter``
    the chapter it checks, as its file name without ``.md`` (``08-pain-diary``).
``prompt``, ``choices``, ``answer``
    the question, two or more answer choices, and the index (from 0) of the right choice.
``explanation``
    one or two plain sentences that say why.
``read_again``
    ``{"doc": "book/08-pain-diary", "anchor": "the-0-to-10-pain-scale", "title": "..."}``: where
    in the book to read again after a wrong answer. ``anchor`` is the id of a heading in that
    page (or a ``(label)=`` placed just before a heading).
``course_check`` (optional, default false)
    true for the questions of the course's pre/post knowledge check.

Public interface:

- :func:`load_questions` reads and checks the bank; any problem raises :class:`QuizError`, whose
  message names the file and the question.
- :func:`render_html` writes one quiz as accessible HTML that needs no kernel and no script: every
  question has a "Show the answer" part. ``_static/quiz.js`` adds "Check my answers", which scores
  the quiz in the reader's browser (nothing is stored or sent).
- :func:`score` scores one person's answers (used by the tests and for a class's results).

The Spanish edition's bank is ``painbook/data/quiz/es/`` (same file names, same ids, answers
and read-again places; the prompt, choices, explanation and read-again title in Spanish).
:func:`load_questions` reads the bank of the language in use (:func:`painbook.i18n.language`),
and the HTML's own words ("Show the answer") are in that language too.
"""

from __future__ import annotations

import html
import json
import numbers
import posixpath
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from painbook.i18n import _, language

__all__ = [
    "QUIZ_DIR",
    "BOOK_DIR",
    "QuizError",
    "ReadAgain",
    "Question",
    "ItemResult",
    "Result",
    "load_questions",
    "render_html",
    "score",
    "read_again_href",
    "quiz_dir",
]

QUIZ_DIR = Path(__file__).resolve().parent / "data" / "quiz"


def quiz_dir(lang: str | None = None) -> Path:
    """The bank of one language (default: the language in use): English in :data:`QUIZ_DIR`,
    Spanish in its ``es`` folder."""
    lang = language() if lang is None else lang
    return QUIZ_DIR if lang == "en" else QUIZ_DIR / lang


# The book's chapters, when painbook is used from the repository (not from an installed copy).
BOOK_DIR = Path(__file__).resolve().parent.parent / "book"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED = ("id", "chapter", "prompt", "choices", "answer", "explanation", "read_again")
_OPTIONAL = ("course_check",)
_READ_AGAIN_FIELDS = ("doc", "anchor", "title")
_LETTERS = string.ascii_uppercase


class QuizError(ValueError):
    """A question file that cannot be used as it is. The message says what to fix, and where."""


@dataclass(frozen=True)
class ReadAgain:
    doc: str  # the page, from the book's root, without suffix: "book/08-pain-diary"
    anchor: str  # a heading id (or label) in that page
    title: str  # the words of the link: "Keeping a pain diary: the 0 to 10 pain scale"


@dataclass(frozen=True)
class Question:
    id: str
    chapter: str
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    read_again: ReadAgain
    course_check: bool = False
    source: str = ""  # the file it came from (for messages)

    @property
    def right_choice(self) -> str:
        return self.choices[self.answer]


@dataclass(frozen=True)
class ItemResult:
    question_id: str
    chosen: int | None  # index of the chosen answer, None when left blank
    answer: int
    correct: bool


@dataclass(frozen=True)
class Result:
    right: int
    total: int
    items: tuple[ItemResult, ...]
    read_again: tuple[ReadAgain, ...]  # for the wrong or blank answers, each place once

    @property
    def wrong(self) -> tuple[str, ...]:
        return tuple(item.question_id for item in self.items if not item.correct)

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0

    def __str__(self) -> str:
        return _("You got {right} of {total} right.").format(right=self.right, total=self.total)


# --------------------------------------------------------------------------- loading


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise QuizError(f"There are no question files (*.json) in {path}.")
        return files
    if path.is_file():
        return [path]
    raise QuizError(f"There is no question file or folder at {path}.")


def _where(source: str, qid: object, number: int) -> str:
    if isinstance(qid, str) and qid:
        return f"{source}: question '{qid}'"
    return f"{source}: question number {number}"


def _check_question(
    raw: object, source: str, number: int, book_dir: Path | None
) -> tuple[Question | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{source}: question number {number} is not an object {{...}}."]
    where = _where(source, raw.get("id"), number)
    problems: list[str] = []
    missing = [name for name in _REQUIRED if name not in raw]
    if missing:
        problems.append(f"{where} is missing: {', '.join(missing)}.")
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        problems.append(
            f"{where} has fields this program does not know: {', '.join(unknown)} "
            f"(known fields: {', '.join(_REQUIRED + _OPTIONAL)})."
        )
    qid = raw.get("id")
    if "id" in raw and not (isinstance(qid, str) and _ID.match(qid)):
        problems.append(
            f"{where}: the id {qid!r} must use only lowercase letters, digits and single "
            "hyphens, like 'ch08-scale-ends'."
        )
    for name in ("chapter", "prompt", "explanation"):
        if name in raw and not (isinstance(raw[name], str) and raw[name].strip()):
            problems.append(f"{where}: '{name}' must be some text.")
    choices = raw.get("choices")
    choices_ok = False
    if "choices" in raw:
        if not (
            isinstance(choices, list)
            and len(choices) >= 2
            and all(isinstance(c, str) and c.strip() for c in choices)
        ):
            problems.append(f"{where}: 'choices' must be a list of two or more texts.")
        elif len({c.strip().casefold() for c in choices}) != len(choices):
            problems.append(f"{where}: two of the choices are the same.")
        else:
            choices_ok = True
    answer = raw.get("answer")
    if "answer" in raw:
        if not isinstance(answer, int) or isinstance(answer, bool):
            problems.append(f"{where}: 'answer' must be a whole number (0 is the first choice).")
        elif choices_ok and not 0 <= answer < len(choices):
            problems.append(
                f"{where}: the answer {answer} is out of range. There are {len(choices)} "
                f"choices, so the answer must be from 0 to {len(choices) - 1} "
                "(0 is the first choice)."
            )
    if "course_check" in raw and not isinstance(raw["course_check"], bool):
        problems.append(f"{where}: 'course_check' must be true or false.")
    read_again = raw.get("read_again")
    if "read_again" in raw:
        if not isinstance(read_again, dict):
            problems.append(f"{where}: 'read_again' must be an object with doc, anchor and title.")
        else:
            lacking = [
                f
                for f in _READ_AGAIN_FIELDS
                if not (isinstance(read_again.get(f), str) and read_again[f].strip())
            ]
            extra = sorted(set(read_again) - set(_READ_AGAIN_FIELDS))
            if lacking:
                problems.append(f"{where}: read_again is missing: {', '.join(lacking)}.")
            if extra:
                problems.append(
                    f"{where}: read_again has fields this program does not know: "
                    f"{', '.join(extra)} (known: doc, anchor, title)."
                )
            doc = read_again.get("doc")
            if isinstance(doc, str) and doc.strip():
                if doc.endswith((".md", ".ipynb", ".html")) or doc.startswith("/"):
                    problems.append(
                        f"{where}: read_again.doc {doc!r} must be a page path from the book's "
                        "root without a suffix, like 'book/08-pain-diary'."
                    )
                elif book_dir is not None:
                    page = book_dir.parent / f"{doc}.md"
                    if not page.is_file():
                        problems.append(
                            f"{where}: read_again.doc {doc!r} is not a page of the book "
                            f"(there is no {doc}.md)."
                        )
            anchor = read_again.get("anchor")
            if isinstance(anchor, str) and anchor.strip() and not _ID.match(anchor):
                problems.append(
                    f"{where}: read_again.anchor {anchor!r} must be a heading id, like "
                    "'the-0-to-10-pain-scale' (no '#')."
                )
    chapter = raw.get("chapter")
    if (
        book_dir is not None
        and isinstance(chapter, str)
        and chapter.strip()
        and not (book_dir / f"{chapter}.md").is_file()
    ):
        problems.append(
            f"{where}: the chapter {chapter!r} is not a chapter of the book "
            f"(there is no book/{chapter}.md)."
        )
    if problems:
        return None, problems
    question = Question(
        id=qid,
        chapter=chapter,
        prompt=raw["prompt"].strip(),
        choices=tuple(c.strip() for c in choices),
        answer=answer,
        explanation=raw["explanation"].strip(),
        read_again=ReadAgain(**{f: read_again[f].strip() for f in _READ_AGAIN_FIELDS}),
        course_check=raw.get("course_check", False),
        source=source,
    )
    return question, []


def _read_file(file: Path, book_dir: Path | None) -> tuple[list[Question], list[str]]:
    source = file.name
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        return [], [f"{source} is not valid JSON: {err.msg} at line {err.lineno}."]
    except UnicodeDecodeError:
        return [], [f"{source} is not a UTF-8 text file."]
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return [], [
            f'{source} must hold an object with a list of questions: {{"questions": [...]}}.'
        ]
    questions, problems = [], []
    for number, raw in enumerate(data["questions"], start=1):
        question, found = _check_question(raw, source, number, book_dir)
        problems += found
        if question is not None:
            questions.append(question)
    if not data["questions"]:
        problems.append(f"{source} has no questions.")
    return questions, problems


def load_questions(
    path: str | Path | None = None,
    *,
    chapter: str | None = None,
    course_check: bool | None = None,
    book_dir: str | Path | None = None,
) -> list[Question]:
    """Read and check the question bank; return the questions in file order.

    ``path`` is a question file or a folder of them (default: the book's bank in the language
    in use, :func:`quiz_dir`). ``chapter`` keeps
    one chapter's questions (``"08-pain-diary"``); ``course_check=True`` keeps the course's
    knowledge-check questions (``False`` keeps the others). ``book_dir`` is the folder of chapter
    files used to check ``chapter`` and ``read_again.doc``; by default the repository's ``book/``
    when painbook runs from the repository, and no check when it does not exist.

    Every problem in the bank is reported at once in one :class:`QuizError`.
    """
    folder = Path(path) if path is not None else quiz_dir()
    if book_dir is None:
        book = BOOK_DIR if BOOK_DIR.is_dir() else None
    else:
        book = Path(book_dir)
        if not book.is_dir():
            raise QuizError(f"There is no book folder at {book}.")
    questions: list[Question] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for file in _files(folder):
        found, file_problems = _read_file(file, book)
        problems += file_problems
        for question in found:
            if question.id in seen:
                problems.append(
                    f"{file.name}: question '{question.id}' has the same id as a question in "
                    f"{seen[question.id]}. Each id must be used once."
                )
            else:
                seen[question.id] = file.name
                questions.append(question)
    if problems:
        raise QuizError("The quiz questions have problems:\n- " + "\n- ".join(problems))
    if chapter is not None:
        chapters = list(dict.fromkeys(q.chapter for q in questions))
        if chapter not in chapters:
            raise QuizError(
                f"There are no questions for the chapter {chapter!r}. "
                f"Chapters with questions: {', '.join(chapters)}."
            )
        questions = [q for q in questions if q.chapter == chapter]
    if course_check is not None:
        questions = [q for q in questions if q.course_check == course_check]
    return questions


# --------------------------------------------------------------------------- HTML


def read_again_href(read_again: ReadAgain, page_path: str) -> str:
    """The relative link from the built page ``page_path`` to the place to read again."""
    start = posixpath.dirname(page_path.strip("/")) or "."
    target = posixpath.relpath(read_again.doc.strip("/"), start)
    return f"{target}.html#{read_again.anchor}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _default_label(questions: Sequence[Question]) -> str:
    """The form's name: the chapter's number and words from its file name, when there is one."""
    chapters = list(dict.fromkeys(q.chapter for q in questions))
    if len(chapters) != 1:
        return _("Check your understanding")
    number, _sep, words = chapters[0].partition("-")
    if not number.isdigit() or not words:
        return _("Check your understanding: {chapter}").format(
            chapter=chapters[0].replace("-", " ")
        )
    return _("Check your understanding: chapter {number}, {words}").format(
        number=int(number), words=words.replace("-", " ")
    )


def render_html(
    questions: Sequence[Question],
    *,
    page_path: str = "notebooks/check-understanding",
    quiz_id: str | None = None,
    label: str | None = None,
) -> str:
    """One quiz as HTML: a ``<form class="pb-quiz">`` that works without any script.

    Each question is a ``<fieldset>`` with a ``<legend>``, labelled radio buttons and a
    "Show the answer" ``<details>`` (the right answer, why, and a link to read again, relative to
    ``page_path``, the built page's path from the book's root without suffix). ``_static/quiz.js``
    shows the "Check my answers" button and scores the quiz in the browser. Element ids come from
    ``quiz_id`` (default: from the chapter) and the question ids, so the HTML is the same on every
    run. No script, no style attribute and no address of another site.

    ``label`` names the form for screen readers (its ``aria-label``). A page that shows several
    quizzes needs a different name for each, so the default names the chapter: "Check your
    understanding: chapter 8, pain diary" for ``08-pain-diary``; a quiz that mixes chapters is
    "Check your understanding".
    """
    if not questions:
        raise ValueError(_("There are no questions to show."))
    if quiz_id is None:
        chapters = list(dict.fromkeys(q.chapter for q in questions))
        quiz_id = "quiz-" + (chapters[0] if len(chapters) == 1 else "mixed")
    quiz_id = re.sub(r"[^a-z0-9-]+", "-", quiz_id.lower()).strip("-")
    if label is None:
        label = _default_label(questions)
    total = len(questions)
    show, answer_word, read_again = _("Show the answer"), _("Answer:"), _("Read again:")
    # What _static/quiz.js says when a reader checks the answers, in the language in use.
    says = {
        "right": _("Right."),
        "not-quite": _("Not quite: the answer is \u201c{answer}\u201d."),
        "no-answer": _("No answer chosen: the answer is \u201c{answer}\u201d."),
        "score": _("You got {right} of {total} right."),
        "read-again": read_again,
    }
    say = "".join(f' data-say-{key}="{_e(words)}"' for key, words in says.items())
    out = [
        f'<form class="pb-quiz" id="{quiz_id}" aria-label="{_e(label)}" data-total="{total}"{say}>'
    ]
    for number, q in enumerate(questions, start=1):
        qid = f"{quiz_id}-{q.id}"
        href = read_again_href(q.read_again, page_path)
        out.append(
            f'<fieldset class="pb-quiz-question" id="{qid}" data-answer="{q.answer}" '
            f'aria-describedby="{qid}-feedback">'
        )
        out.append(
            '<legend><span class="pb-quiz-number">'
            + _e(_("Question {number} of {total}.").format(number=number, total=total))
            + "</span> "
            f"{_e(q.prompt)}</legend>"
        )
        for index, choice in enumerate(q.choices):
            cid = f"{qid}-{index}"
            out.append(
                f'<div class="pb-quiz-choice"><input type="radio" id="{cid}" name="{qid}" '
                f'value="{index}"><label for="{cid}">{_e(choice)}</label></div>'
            )
        out.append(f'<p class="pb-quiz-feedback" id="{qid}-feedback"></p>')
        out.append(
            f'<details class="pb-quiz-answer"><summary>{_e(show)}</summary>'
            f"<p><strong>{_e(answer_word)}</strong> {_e(q.right_choice)}</p>"
            f"<p>{_e(q.explanation)}</p>"
            f'<p>{_e(read_again)} <a class="pb-quiz-read" href="{_e(href)}">'
            f"{_e(q.read_again.title)}</a></p></details>"
        )
        out.append("</fieldset>")
    out.append(
        '<div class="pb-quiz-buttons">'
        '<button type="submit" class="pb-quiz-check" hidden>'
        + _e(_("Check my answers"))
        + '</button><button type="reset" class="pb-quiz-clear">'
        + _e(_("Clear my answers"))
        + "</button></div>"
    )
    out.append(f'<div class="pb-quiz-result" id="{quiz_id}-result" aria-live="polite"></div>')
    out.append("</form>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- scoring


def _choice_index(question: Question, given: object) -> int | None:
    """A response as a choice index: 0-based int, a letter ('A' is the first), or blank."""
    if given is None or (isinstance(given, str) and not given.strip()):
        return None
    if isinstance(given, numbers.Real) and given != given:  # NaN: an empty cell read by pandas
        return None
    if isinstance(given, str):
        letter = given.strip().upper()
        if len(letter) == 1 and letter in _LETTERS[: len(question.choices)]:
            return _LETTERS.index(letter)
        raise ValueError(
            _("The answer {given} to question '{id}' is not one of the letters {letters}.").format(
                given=repr(given),
                id=question.id,
                letters=", ".join(_LETTERS[: len(question.choices)]),
            )
        )
    if (
        isinstance(given, numbers.Real)
        and not isinstance(given, numbers.Integral)
        and float(given).is_integer()
    ):
        given = int(given)  # 2.0 from a spreadsheet column with blanks
    if isinstance(given, bool) or not isinstance(given, numbers.Integral):
        raise ValueError(
            _(
                "The answer {given} to question '{id}' must be a choice number "
                "(0 is the first choice) or a letter."
            ).format(given=repr(given), id=question.id)
        )
    given = int(given)
    if not 0 <= given < len(question.choices):
        raise ValueError(
            _(
                "The answer {given} to question '{id}' is out of range: it has "
                "{n} choices (0 to {last})."
            ).format(
                given=given, id=question.id, n=len(question.choices), last=len(question.choices) - 1
            )
        )
    return given


def score(questions: Iterable[Question], responses: Mapping[str, object]) -> Result:
    """Score one person's answers.

    ``responses`` maps question ids to the chosen answer: a choice index (0 is the first
    choice), a letter (``"A"`` is the first choice) or a blank (``None`` or ``""``, counted as
    not right). A question without a response counts as blank. An id that is not one of the
    questions is an error, so that a misspelt column is not silently skipped.
    """
    questions = list(questions)
    known = {q.id for q in questions}
    unknown = [key for key in responses if key not in known]
    if unknown:
        raise ValueError(
            _("These answers are for questions not in this quiz: {ids}.").format(
                ids=", ".join(unknown)
            )
        )
    items = []
    places: dict[tuple[str, str], ReadAgain] = {}
    for q in questions:
        chosen = _choice_index(q, responses.get(q.id))
        correct = chosen == q.answer
        items.append(ItemResult(q.id, chosen, q.answer, correct))
        if not correct:
            places.setdefault((q.read_again.doc, q.read_again.anchor), q.read_again)
    right = sum(item.correct for item in items)
    return Result(right, len(items), tuple(items), tuple(places.values()))
