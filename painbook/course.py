"""The caregiver class: its six sessions, and the class's pre/post knowledge check.

Sessions
--------
Each session of the course is one page, ``book/instructor/session-N.md``. The page holds its
machine-readable part in one fenced block, so the page, the schedule and the tests read the same
numbers::

    ```{session}
    number: 2
    title: Keeping a pain diary
    minutes: 90
    chapters: [08-pain-diary]
    notebooks: [keep-a-diary]
    handouts: [session-2, pain-diary-week]
    objectives:
      - Rate pain on the 0 to 10 scale the same way each time.
    plan:
      - {minutes: 5, kind: welcome, title: Welcome back, detail: ...}
    stretch:
      - {minutes: 15, kind: activity, title: ..., detail: ...}
    ```

``plan`` is the minute-by-minute plan: its segments must add up to ``minutes``. ``stretch`` lists
what to add when the class has 120 minutes: it must add up to the difference. The rest of the page
is prose under fixed ``##`` headings (:data:`REQUIRED_SECTIONS`).

:func:`load_sessions` reads and checks every session page; any problem raises
:class:`CourseError`, whose message names the file. The Sphinx extension ``_ext/editions.py``
renders the block and computes the schedule page from the same data.

Knowledge check
---------------
The questions are the course-check questions of the quiz bank (``painbook/data/quiz/``, read by
:mod:`painbook.quiz`): the same data feeds the quiz pages, the printed check and the scoring here.
A class's answers are one CSV file, one row per learner: a ``learner`` column holding an
anonymous code (never a name), then ``pre:<question id>`` and ``post:<question id>`` columns
holding the letter each learner circled (``A`` is the first choice; blank when left out).
:func:`read_class` checks such a file, :func:`score_class` scores it.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import yaml

from painbook import quiz

if TYPE_CHECKING:  # pandas is imported where a class file is read or scored: the book's build
    import pandas as pd  # uses this module for the schedule only, and starts faster without it

__all__ = [
    "BOOK_DIR",
    "SESSION_DIR",
    "SAMPLE_CLASS",
    "WORKBOOK_NOTEBOOKS",
    "KINDS",
    "HANDS_ON_KINDS",
    "REQUIRED_SECTIONS",
    "STRETCH_MINUTES",
    "CourseError",
    "Segment",
    "Session",
    "parse_session",
    "load_session",
    "load_sessions",
    "sessions_using",
    "course_questions",
    "render_check_form",
    "render_answer_key",
    "class_columns",
    "class_template",
    "read_class",
    "ClassResults",
    "score_class",
    "gain_chart",
    "nbgitpuller_link",
]

BOOK_DIR = quiz.BOOK_DIR
SESSION_DIR = BOOK_DIR / "instructor"
SAMPLE_CLASS = Path(__file__).resolve().parent / "data" / "class_sample.csv"

#: The workbook notebooks a session may use (``notebooks/<name>.ipynb``).
WORKBOOK_NOTEBOOKS = (
    "keep-a-diary",
    "read-a-diary",
    "progress",
    "visit",
    "painad",
    "headache-diary",
    "action-plan",
    "check-understanding",
)

#: What a segment of a session is. "Hands-on" kinds are the ones where learners do the talking.
KINDS = (
    "welcome",
    "check-in",
    "teach",
    "activity",
    "discussion",
    "practice",
    "knowledge check",
    "break",
    "wrap-up",
)
HANDS_ON_KINDS = ("check-in", "activity", "discussion", "practice")

#: The long version of a session: what the ``stretch`` segments add up to, on top of ``minutes``.
STRETCH_MINUTES = 120

#: The ``##`` headings every session page has. The action-plan check-in starts with session 2;
#: the last session says what to do after the course instead of before the next session.
REQUIRED_SECTIONS = (
    "Materials",
    "Group activity",
    "Discussion prompts",
    "Action-plan check-in",
    "Before the next session",
    "After the course",
)

_LETTERS = string.ascii_uppercase
_BLOCK = re.compile(
    r"^(?P<fence>`{3,})\{session\}[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S
)
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*$", re.M)
_FIELDS = {
    "number",
    "title",
    "minutes",
    "chapters",
    "notebooks",
    "handouts",
    "objectives",
    "plan",
    "stretch",
}
_SEGMENT_FIELDS = {"minutes", "kind", "title", "detail"}


class CourseError(ValueError):
    """A session page or a class file that cannot be used as it is. The message says what to fix."""


# --------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class Segment:
    minutes: int
    kind: str
    title: str
    detail: str = ""

    @property
    def hands_on(self) -> bool:
        return self.kind in HANDS_ON_KINDS


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    minutes: int
    chapters: tuple[str, ...]
    notebooks: tuple[str, ...]
    handouts: tuple[str, ...]
    objectives: tuple[str, ...]
    plan: tuple[Segment, ...]
    stretch: tuple[Segment, ...]
    sections: tuple[str, ...] = ()  # the page's "##" headings, in order
    source: str = ""

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.plan)

    @property
    def hands_on_minutes(self) -> int:
        return sum(s.minutes for s in self.plan if s.hands_on)

    @property
    def stretch_minutes(self) -> int:
        return sum(s.minutes for s in self.stretch)

    def clock(self) -> list[tuple[str, str, Segment]]:
        """Each segment with its start and end time from the start of the session (``0:25``)."""
        rows, start = [], 0
        for segment in self.plan:
            end = start + segment.minutes
            rows.append((_clock(start), _clock(end), segment))
            start = end
        return rows

    def minutes_by_kind(self) -> dict[str, int]:
        totals = dict.fromkeys(KINDS, 0)
        for segment in self.plan:
            totals[segment.kind] += segment.minutes
        return totals


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _names(raw: dict, field: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(field, [])
    if value is None:
        value = []
    if not (isinstance(value, list) and all(_text(v) for v in value)):
        problems.append(f"{where}: '{field}' must be a list of names, like [08-pain-diary].")
        return ()
    return tuple(v.strip() for v in value)


def _segments(raw: object, field: str, where: str, problems: list[str]) -> tuple[Segment, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: '{field}' must be a list of segments.")
        return ()
    found = []
    for n, item in enumerate(raw, start=1):
        at = f"{where}: {field} segment {n}"
        if not isinstance(item, dict):
            problems.append(f"{at} must have minutes, kind and title.")
            continue
        unknown = sorted(set(item) - _SEGMENT_FIELDS)
        if unknown:
            problems.append(f"{at} has fields this program does not know: {', '.join(unknown)}.")
        minutes = item.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            problems.append(f"{at}: 'minutes' must be a whole number above 0, not {minutes!r}.")
            continue
        kind = item.get("kind")
        if kind not in KINDS:
            problems.append(f"{at}: 'kind' {kind!r} must be one of: {', '.join(KINDS)}.")
            continue
        if not _text(item.get("title")):
            problems.append(f"{at}: 'title' must be some text.")
            continue
        detail = item.get("detail", "")
        if not isinstance(detail, str):
            problems.append(f"{at}: 'detail' must be text.")
            continue
        found.append(Segment(minutes, kind, item["title"].strip(), detail.strip()))
    return tuple(found)


#: The folders of ``book/`` that hold sheets to print: the reader edition's printable tools
#: (a diary week, a medicine list, ...) and the instructor edition's own handouts.
HANDOUT_FOLDERS: tuple[str, ...] = ("printables", "handouts")


def handout_doc(name: str, book_dir: Path | None = None) -> str | None:
    """The page of the handout ``name`` ("book/printables/pain-diary-week"), or None."""
    book = BOOK_DIR if book_dir is None else Path(book_dir)
    for folder in HANDOUT_FOLDERS:
        if (book / folder / f"{name}.md").is_file():
            return f"book/{folder}/{name}"
    return None


def parse_session(text: str, source: str = "session", *, book_dir: Path | None = None) -> Session:
    """Read one session page's ``{session}`` block and headings, and check them.

    ``book_dir`` is the book's folder, used to check that chapters and handouts exist
    (default: the repository's ``book/``; ``None`` when it does not exist skips those checks).
    """
    book = BOOK_DIR if book_dir is None else Path(book_dir)
    blocks = list(_BLOCK.finditer(text))
    if len(blocks) != 1:
        raise CourseError(
            f"{source}: a session page needs exactly one ```{{session}} block; "
            f"it has {len(blocks)}."
        )
    try:
        raw = yaml.safe_load(blocks[0].group("body"))
    except yaml.YAMLError as err:
        raise CourseError(f"{source}: the {{session}} block is not valid YAML: {err}") from None
    if not isinstance(raw, dict):
        raise CourseError(f"{source}: the {{session}} block must hold 'name: value' lines.")
    problems: list[str] = []
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        problems.append(
            f"{source}: the {{session}} block has fields this program does not know: "
            f"{', '.join(unknown)} (known: {', '.join(sorted(_FIELDS))})."
        )
    number, minutes = raw.get("number"), raw.get("minutes")
    for name, value in (("number", number), ("minutes", minutes)):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            problems.append(f"{source}: '{name}' must be a whole number above 0, not {value!r}.")
    if not _text(raw.get("title")):
        problems.append(f"{source}: 'title' must be some text.")
    chapters = _names(raw, "chapters", source, problems)
    notebooks = _names(raw, "notebooks", source, problems)
    handouts = _names(raw, "handouts", source, problems)
    if not chapters:
        problems.append(f"{source}: a session uses at least one chapter.")
    if book.is_dir():
        for chapter in chapters:
            if not (book / f"{chapter}.md").is_file():
                problems.append(f"{source}: there is no chapter book/{chapter}.md.")
        for handout in handouts:
            if handout_doc(handout, book) is None:
                problems.append(
                    f"{source}: there is no handout {handout}.md in book/printables/ or "
                    "book/handouts/."
                )
    for notebook in notebooks:
        if notebook not in WORKBOOK_NOTEBOOKS:
            problems.append(
                f"{source}: '{notebook}' is not a workbook notebook "
                f"(they are: {', '.join(WORKBOOK_NOTEBOOKS)})."
            )
    objectives = raw.get("objectives")
    if not (isinstance(objectives, list) and 2 <= len(objectives) <= 5):
        problems.append(f"{source}: 'objectives' must be a list of 2 to 5 objectives.")
        objectives = []
    elif not all(_text(o) for o in objectives):
        problems.append(f"{source}: every objective must be some text.")
        objectives = []
    plan = _segments(raw.get("plan"), "plan", source, problems)
    stretch = _segments(raw.get("stretch"), "stretch", source, problems)
    sections = tuple(h.strip() for h in _HEADING.findall(text[blocks[0].end() :]))
    if problems:
        raise CourseError("\n".join(problems))
    session = Session(
        number=number,
        title=raw["title"].strip(),
        minutes=minutes,
        chapters=chapters,
        notebooks=notebooks,
        handouts=handouts,
        objectives=tuple(o.strip() for o in objectives),
        plan=plan,
        stretch=stretch,
        sections=sections,
        source=source,
    )
    _check_session(session)
    return session


def _check_session(s: Session) -> None:
    problems = []
    if s.planned_minutes != s.minutes:
        problems.append(
            f"{s.source}: the plan's segments add up to {s.planned_minutes} minutes, "
            f"but the session is {s.minutes} minutes long."
        )
    if s.minutes + s.stretch_minutes != STRETCH_MINUTES:
        problems.append(
            f"{s.source}: the stretch segments add up to {s.stretch_minutes} minutes; "
            f"they must fill the {STRETCH_MINUTES - s.minutes} minutes from {s.minutes} "
            f"to {STRETCH_MINUTES}."
        )
    kinds = {seg.kind for seg in s.plan}
    if s.number >= 2 and "check-in" not in kinds:
        problems.append(
            f"{s.source}: from session 2 on, the plan has an action-plan check-in "
            "(a segment of kind 'check-in')."
        )
    for kind in ("activity", "discussion", "break"):
        if kind not in kinds:
            problems.append(f"{s.source}: the plan has no segment of kind '{kind}'.")
    required = ["Materials", "Group activity", "Discussion prompts"]
    if s.number >= 2:
        required.append("Action-plan check-in")
    missing = [h for h in required if h not in s.sections]
    if not ({"Before the next session", "After the course"} & set(s.sections)):
        missing.append("Before the next session (or, in the last session, After the course)")
    if missing:
        problems.append(f"{s.source}: the page has no '## ' section: {'; '.join(missing)}.")
    if problems:
        raise CourseError("\n".join(problems))


def load_session(path: str | Path, *, book_dir: Path | None = None) -> Session:
    path = Path(path)
    return parse_session(path.read_text(encoding="utf-8"), path.name, book_dir=book_dir)


def load_sessions(
    folder: str | Path | None = None, *, book_dir: Path | None = None
) -> list[Session]:
    """Every ``session-*.md`` page of ``folder`` (default: ``book/instructor``), by number.

    The sessions must be numbered 1, 2, 3, ... with no gap; the last one says what to do after the
    course. All problems are reported at once in one :class:`CourseError`.
    """
    folder = SESSION_DIR if folder is None else Path(folder)
    files = sorted(folder.glob("session-*.md"))
    if not files:
        raise CourseError(f"There are no session pages (session-*.md) in {folder}.")
    sessions, problems = [], []
    for file in files:
        try:
            sessions.append(load_session(file, book_dir=book_dir))
        except CourseError as err:
            problems.append(str(err))
    if problems:
        raise CourseError("The session pages have problems:\n- " + "\n- ".join(problems))
    sessions.sort(key=lambda s: s.number)
    numbers = [s.number for s in sessions]
    if numbers != list(range(1, len(sessions) + 1)):
        raise CourseError(f"The sessions must be numbered 1 to {len(sessions)}; found {numbers}.")
    last = sessions[-1]
    if "After the course" not in last.sections:
        raise CourseError(f"{last.source}: the last session has a '## After the course' section.")
    return sessions


def sessions_using(sessions: Iterable[Session], name: str) -> list[Session]:
    """The sessions that use a chapter or a notebook (``08-pain-diary``, ``keep-a-diary``)."""
    return [s for s in sessions if name in s.chapters or name in s.notebooks]


# --------------------------------------------------------------------------- knowledge check


def course_questions(path: str | Path | None = None) -> list[quiz.Question]:
    """The knowledge check: the quiz bank's course-check questions, in bank order."""
    questions = quiz.load_questions(path, course_check=True)
    if not questions:
        raise CourseError('The quiz bank has no course-check questions ("course_check": true).')
    return questions


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_check_form(questions: Sequence[quiz.Question]) -> str:
    """The learners' knowledge check, without answers: for paper, or to read on a screen.

    Each choice has a letter and an empty box to tick. Nothing in the HTML tells the right answer.
    """
    if not questions:
        raise ValueError("There are no questions to show.")
    out = [
        '<div class="pb-check">',
        '<p class="pb-check-fields"><span>My class code: <span class="pb-blank"></span></span> '
        '<span><span class="pb-box" aria-hidden="true"></span> Before the course</span> '
        '<span><span class="pb-box" aria-hidden="true"></span> After the course</span></p>',
        '<ol class="pb-check-questions">',
    ]
    for q in questions:
        out.append(f'<li class="pb-check-question" id="check-{q.id}">')
        out.append(f'<p class="pb-check-prompt">{_e(q.prompt)}</p>')
        out.append('<ul class="pb-check-choices">')
        for letter, choice in zip(_LETTERS, q.choices, strict=False):
            out.append(
                f'<li><span class="pb-box" aria-hidden="true"></span> '
                f"<strong>{letter}.</strong> {_e(choice)}</li>"
            )
        out.append("</ul></li>")
    out += ["</ol>", "</div>"]
    return "\n".join(out) + "\n"


def render_answer_key(
    questions: Sequence[quiz.Question], *, page_path: str = "book/instructor/answer-key"
) -> str:
    """The instructor's key: each question's number, id, right letter, why, and where to read.

    ``page_path`` is the built page's path from the book's root, for the "read again" links.
    """
    if not questions:
        raise ValueError("There are no questions to show.")
    out = [
        # The theme's scroll box: on a phone the table scrolls sideways, not the page.
        '<div class="pst-scrollable-table-container"><table class="pb-key table">',
        "<thead><tr><th>No.</th><th>Question</th><th>Answer</th><th>Why</th></tr></thead>",
        "<tbody>",
    ]
    for number, q in enumerate(questions, start=1):
        href = quiz.read_again_href(q.read_again, page_path)
        out.append(
            f'<tr id="key-{q.id}"><td>{number}</td>'
            f"<td>{_e(q.prompt)}<br><code>{_e(q.id)}</code></td>"
            f"<td><strong>{_LETTERS[q.answer]}.</strong> {_e(q.right_choice)}</td>"
            f'<td>{_e(q.explanation)} Read again: <a href="{_e(href)}">'
            f"{_e(q.read_again.title)}</a></td></tr>"
        )
    out += ["</tbody>", "</table></div>"]
    return "\n".join(out) + "\n"


def class_columns(questions: Sequence[quiz.Question]) -> list[str]:
    """The columns of a class file: ``learner``, every ``pre:<id>``, then every ``post:<id>``."""
    return ["learner", *(f"pre:{q.id}" for q in questions), *(f"post:{q.id}" for q in questions)]


def class_template(questions: Sequence[quiz.Question], learners: int = 12) -> pd.DataFrame:
    """An empty class file to fill in: one row per learner with codes L01, L02, ..."""
    import pandas as pd

    frame = pd.DataFrame("", index=range(learners), columns=class_columns(questions))
    frame["learner"] = [f"L{n:02d}" for n in range(1, learners + 1)]
    return frame


def read_class(
    source: str | Path | pd.DataFrame, questions: Sequence[quiz.Question]
) -> pd.DataFrame:
    """Read and check a class file (CSV, or a table already read): one row per learner.

    Letters are checked against each question's choices; blanks stay blank (an empty text).
    Rows with no code and no answers are dropped. Problems raise :class:`CourseError` with the
    file's line number.
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        frame, name = source.copy(), "the class table"
        frame = frame.astype(object).where(frame.notna(), "")
    else:
        path = Path(source)
        name = path.name
        if not path.is_file():
            raise CourseError(f"There is no class file at {path}.")
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
        except (pd.errors.ParserError, UnicodeDecodeError) as err:
            raise CourseError(f"{name} cannot be read as a CSV file: {err}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    expected = class_columns(questions)
    missing = [c for c in expected if c not in frame.columns]
    extra = [c for c in frame.columns if c not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"these columns are missing: {', '.join(missing)}")
        if extra:
            parts.append(f"these columns are not questions of the check: {', '.join(extra)}")
        raise CourseError(
            f"{name}: {'; '.join(parts)}. A class file has a 'learner' column, then "
            "'pre:<question id>' and 'post:<question id>' columns (see class_template)."
        )
    frame = frame[expected].map(lambda v: str(v).strip())
    answers = frame.columns[1:]
    empty = (frame == "").all(axis=1)
    frame = frame[~empty]
    problems = []
    by_id = {q.id: q for q in questions}
    for index, row in frame.iterrows():
        line = index + 2  # the header is line 1
        if not row["learner"]:
            problems.append(f"line {line}: the learner code is empty.")
        for column in answers:
            value = row[column].upper()
            q = by_id[column.split(":", 1)[1]]
            allowed = _LETTERS[: len(q.choices)]
            if value and value not in allowed:
                problems.append(
                    f"line {line}, column {column}: {row[column]!r} is not one of the letters "
                    f"{', '.join(allowed)} (leave the cell empty for no answer)."
                )
            frame.at[index, column] = value
    codes = frame["learner"][frame["learner"] != ""]
    for code in sorted(set(codes[codes.duplicated()])):
        problems.append(f"the learner code {code!r} is used on more than one row.")
    if problems:
        raise CourseError(f"{name} has problems:\n- " + "\n- ".join(problems))
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class ClassResults:
    """A class's knowledge-check results.

    ``learners``: one row per learner with ``pre`` and ``post`` (number right, or missing when
    that check was not taken) and ``gain``. ``questions``: one row per question with the share of
    paired learners right before and after (percent) and the ``gain`` in percentage points.
    Gains use only the learners who took both checks ("paired"), so that a learner who missed a
    session does not make the class look better or worse.
    """

    learners: pd.DataFrame
    questions: pd.DataFrame
    total: int  # number of questions

    @property
    def paired(self) -> pd.DataFrame:
        return self.learners.dropna(subset=["pre", "post"])

    @property
    def pre_percent(self) -> float:
        return 100.0 * self.paired["pre"].mean() / self.total

    @property
    def post_percent(self) -> float:
        return 100.0 * self.paired["post"].mean() / self.total

    @property
    def gain_points(self) -> float:
        return self.post_percent - self.pre_percent

    def summary(self) -> str:
        took_pre = int(self.learners["pre"].notna().sum())
        took_post = int(self.learners["post"].notna().sum())
        n = len(self.paired)
        if n == 0:
            return (
                f"{took_pre} learners took the check before the course and {took_post} after; "
                "nobody took both, so there is no gain to show yet."
            )
        better = int((self.paired["gain"] > 0).sum())
        return (
            f"{took_pre} learners took the check before the course and {took_post} after; "
            f"{n} took both. Those {n} got {self.pre_percent:.0f}% right before and "
            f"{self.post_percent:.0f}% after: a gain of {self.gain_points:.0f} percentage points. "
            f"{better} of the {n} scored higher after the course."
        )


def score_class(table: pd.DataFrame, questions: Sequence[quiz.Question]) -> ClassResults:
    """Score a class file read by :func:`read_class` with :func:`painbook.quiz.score`."""
    import pandas as pd

    questions = list(questions)
    rows = []
    took: dict[str, dict[str, bool]] = {"pre": {}, "post": {}}
    for _, row in table.iterrows():
        record = {"learner": row["learner"]}
        for phase in ("pre", "post"):
            answers = {q.id: row[f"{phase}:{q.id}"] for q in questions}
            taken = any(answers.values())
            took[phase][row["learner"]] = taken
            record[phase] = quiz.score(questions, answers).right if taken else None
        rows.append(record)
    learners = pd.DataFrame(rows, columns=["learner", "pre", "post"])
    learners[["pre", "post"]] = learners[["pre", "post"]].astype("Float64")
    learners["gain"] = learners["post"] - learners["pre"]
    both = table[[took["pre"][c] and took["post"][c] for c in table["learner"]]]
    per_question = []
    for number, q in enumerate(questions, start=1):
        pre = both[f"pre:{q.id}"].map(lambda v, q=q: _LETTERS.index(v) == q.answer if v else False)
        post = both[f"post:{q.id}"].map(
            lambda v, q=q: _LETTERS.index(v) == q.answer if v else False
        )
        n = len(both)
        pre_pct = 100.0 * pre.sum() / n if n else float("nan")
        post_pct = 100.0 * post.sum() / n if n else float("nan")
        per_question.append(
            {
                "number": number,
                "id": q.id,
                "question": q.prompt,
                "before %": pre_pct,
                "after %": post_pct,
                "gain": post_pct - pre_pct,
            }
        )
    frame = pd.DataFrame(per_question).set_index("number")
    return ClassResults(learners=learners, questions=frame, total=len(questions))


def gain_chart(results: ClassResults):
    """A chart of the share right per question, before and after, and its text alternative.

    Before is an outlined bar, after a hatched dark bar, so the chart reads in black and white.
    Returns ``(figure, alt_text)``.
    """
    import matplotlib.pyplot as plt

    frame = results.questions
    labels = [f"{n}. {i}" for n, i in zip(frame.index, frame["id"], strict=True)]
    y = range(len(frame))
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(frame) + 1.4))
    ax.barh(
        [v + 0.2 for v in y],
        frame["before %"],
        height=0.4,
        color="white",
        edgecolor="black",
        label="Before the course",
    )
    ax.barh(
        [v - 0.2 for v in y],
        frame["after %"],
        height=0.4,
        color="0.35",
        edgecolor="black",
        hatch="//",
        label="After the course",
    )
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Learners who took both checks and chose the right answer (%)")
    ax.set_title("Knowledge check: right answers per question, before and after")
    ax.legend(loc="lower right", frameon=True)
    fig.tight_layout()
    rows = [
        f"question {n} ({i}): {b:.0f}% before, {a:.0f}% after"
        for n, i, b, a in zip(
            frame.index, frame["id"], frame["before %"], frame["after %"], strict=True
        )
    ]
    alt = (
        "A bar chart with two bars per question, the share of learners right before and after "
        "the course. " + "; ".join(rows) + "."
    )
    return fig, alt


# --------------------------------------------------------------------------- running the class


def nbgitpuller_link(
    hub: str, repository: str, notebook: str = "", *, branch: str = "main", folder: str = ""
) -> str:
    """A link that copies the book's repository into each learner's JupyterHub account.

    ``hub`` is the hub's address (``https://hub.example.org``), ``repository`` the address of the
    book's git repository, ``notebook`` the notebook to open (``notebooks/keep-a-diary.ipynb``),
    ``folder`` the folder the copy goes into (default: the repository's name). The link needs
    nbgitpuller on the hub. Learners' own changes are kept when they click the link again.
    """
    hub = hub.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise ValueError(f"The hub address must start with https:// (got {hub!r}).")
    if not repository.strip():
        raise ValueError("The repository address is empty.")
    name = folder or repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    path = f"lab/tree/{name}/{notebook}".rstrip("/")
    query = urlencode(
        {"repo": repository, "urlpath": path, "branch": branch}, safe="", quote_via=quote
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"
