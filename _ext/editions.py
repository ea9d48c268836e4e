"""Two editions of one book: the reader edition and the instructor edition.

The reader edition is the online book, built from ``_toc.yml``: exercise solutions are
collapsed under their exercise, and nothing for instructors is in it. The instructor edition is
built from ``_toc_instructor.yml``::

    jupyter-book build . --toc _toc_instructor.yml --path-output _build/instructor

That file lists only what the instructor edition adds, and says so in its ``meta``:

``edition: instructor``
    turns on the instructor edition.
``extends: _toc.yml``
    every part of the reader edition is in the instructor edition too ...
``book_parts_after: <caption>``
    ... placed after the instructor part with this caption;
``notes_folder: book/instructor/notes``
    the notes page ``<notes_folder>/<chapter>.md`` is listed under the chapter ``<chapter>``.

Before sphinx-external-toc reads the table of contents, this extension writes the merged one
(:func:`instructor_toc`) next to the build's doctrees and points the build at it, so a chapter or
notebook added to ``_toc.yml`` is in both editions without being listed twice.

In the instructor edition only:

- solutions are shown open under their exercise (the reader edition's ``dropdown`` is removed);
- each chapter or notebook that has instructor notes, or is used in a session, starts with a
  box "For instructors" linking to its notes and to those sessions.

In both editions, the directives that the instructor pages use:

``{session}``
    the machine-readable part of a session page (see :mod:`painbook.course`), shown as the
    session's at-a-glance list, objectives and minute-by-minute plan;
``{course-schedule}``
    the course schedule, computed from the session pages of the same folder;
``{knowledge-check}``
    the class's knowledge check from the quiz bank: ``:version: learner`` (no answers) or
    ``:version: key`` (the answer key);
``{handout}``
    a printable handout: printing its page prints only this, in large black type
    (``_static/course.css``); ``:source:`` names the chapter for its footer, ``:pages: 2`` lets
    it take both sides of a sheet, ``:class:`` adds classes. tools/handouts.py prints them.

tests/test_instructor.py builds both editions and checks them.
"""

from __future__ import annotations

import copy
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from painbook import course, quiz

# Words a reader of either language sees (the handout footer): Sphinx's catalog plus the
# book's locales/<lang>/LC_MESSAGES/site.po (tools/languages.py).
_ = get_translation("sphinx")

INSTRUCTOR = "instructor"
READER = "reader"
MERGED_TOC = "toc-instructor.yml"
NOTE_CLASS = "pb-instructor-note"


# --------------------------------------------------------------------------- the two tocs


def toc_files(entries: list[dict]) -> list[str]:
    """Every ``file:`` entry of a _toc.yml subtree (the tests list the book's pages with it)."""
    found = []
    for entry in entries:
        if "file" in entry:
            found.append(entry["file"])
        for key in ("parts", "chapters", "sections"):
            found.extend(toc_files(entry.get(key, [])))
    return found


def _stem(file: str) -> str:
    return str(PurePosixPath(file).with_suffix("")) if file.endswith((".md", ".ipynb")) else file


def instructor_toc(path: str | Path, root: str | Path | None = None) -> dict:
    """The instructor edition's full table of contents, from ``_toc_instructor.yml``.

    ``root`` is the book's root folder (default: the folder of ``path``).
    """
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    own = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = dict(own.get("meta") or {})
    if meta.get("edition") != INSTRUCTOR:
        raise ExtensionError(f"{path.name}: meta.edition must be '{INSTRUCTOR}'.")
    base_path = path.parent / meta.get("extends", "_toc.yml")
    base = yaml.safe_load(base_path.read_text(encoding="utf-8"))
    if "parts" not in base or "parts" not in own:
        raise ExtensionError(
            f"{path.name} and {base_path.name} must both list their pages in parts."
        )
    base_parts = copy.deepcopy(base["parts"])
    notes = meta.get("notes_folder")
    if notes:
        for part in base_parts:
            for chapter in part.get("chapters", []):
                stem = _stem(chapter.get("file", ""))
                note = f"{notes.rstrip('/')}/{PurePosixPath(stem).name}"
                if stem and (root / f"{note}.md").is_file():
                    chapter.setdefault("sections", []).append({"file": note})
    in_base = {_stem(f) for f in toc_files(base_parts)} | {_stem(base["root"])}
    own_parts = []
    for part in copy.deepcopy(own["parts"]):
        part["chapters"] = _without(part.get("chapters", []), in_base)
        if part["chapters"]:
            own_parts.append(part)
    after = meta.get("book_parts_after")
    captions = [p.get("caption") for p in own_parts]
    at = captions.index(after) + 1 if after in captions else 0
    merged_meta = {k: v for k, v in meta.items() if k == "edition"}
    return {
        "format": own.get("format", base.get("format", "jb-book")),
        "root": base["root"],
        "meta": merged_meta,
        "parts": own_parts[:at] + base_parts + own_parts[at:],
    }


def _without(entries: list[dict], files: set[str]) -> list[dict]:
    kept = []
    for entry in entries:
        if _stem(entry.get("file", "")) in files:
            continue
        if "sections" in entry:
            entry["sections"] = _without(entry["sections"], files)
        kept.append(entry)
    return kept


def edition_of(toc_path: str | Path) -> str:
    data = yaml.safe_load(Path(toc_path).read_text(encoding="utf-8")) or {}
    return INSTRUCTOR if (data.get("meta") or {}).get("edition") == INSTRUCTOR else READER


def _choose_edition(app: Sphinx, config: Config) -> None:
    toc = Path(str(config.external_toc_path))
    if not toc.is_absolute():
        toc = Path(app.srcdir) / toc
    if not toc.is_file() or edition_of(toc) != INSTRUCTOR:
        config.painbook_edition = READER
        return
    merged = Path(app.doctreedir).parent / MERGED_TOC
    merged.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(instructor_toc(toc, app.srcdir), sort_keys=False, allow_unicode=True)
    if not merged.is_file() or merged.read_text(encoding="utf-8") != text:
        merged.write_text(text, encoding="utf-8")
    config.external_toc_path = merged.as_posix()
    config.painbook_edition = INSTRUCTOR


def is_instructor(app: Sphinx) -> bool:
    return app.config.painbook_edition == INSTRUCTOR


# --------------------------------------------------------------------------- instructor edition


def _sessions(app: Sphinx) -> list[course.Session]:
    folder = Path(app.srcdir) / "book" / "instructor"
    # Kept on the app, not the environment: the environment is saved between builds.
    if not hasattr(app, "_pb_sessions"):
        app._pb_sessions = course.load_sessions(folder, book_dir=Path(app.srcdir) / "book")
    return app._pb_sessions


def _doc_ref(docname: str, target: str, text: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        nodes.inline("", text),
        refdomain="std",
        reftype="doc",
        reftarget="/" + target,
        refexplicit=True,
        refwarn=True,
    )
    ref["refdoc"] = docname
    return ref


def _instructor_box(app: Sphinx, doctree: nodes.document) -> None:
    """In the instructor edition: solutions open, and a box for instructors on taught pages."""
    if not is_instructor(app):
        return
    from sphinx_exercise.nodes import solution_node

    for node in doctree.findall(solution_node):
        node["classes"] = [c for c in node["classes"] if c != "dropdown"] + ["pb-solution-shown"]

    docname = app.env.docname
    name = PurePosixPath(docname).name
    notes = f"book/instructor/notes/{name}"
    sessions = course.sessions_using(_sessions(app), name)
    has_notes = docname.startswith(("book/", "notebooks/")) and notes in app.env.found_docs
    if not (has_notes or sessions) or docname.startswith("book/instructor/"):
        return
    for session in _sessions(app):
        app.env.note_dependency(str(Path(app.srcdir) / "book" / "instructor" / session.source))
    para = nodes.paragraph()
    if has_notes:
        para += nodes.Text("Teaching notes for this page: ")
        para += _doc_ref(docname, notes, "instructor notes")
        para += nodes.Text(". ")
    if sessions:
        para += nodes.Text("Used in ")
        for i, session in enumerate(sessions):
            if i:
                para += nodes.Text(", " if i < len(sessions) - 1 else " and ")
            target = f"book/instructor/session-{session.number}"
            para += _doc_ref(docname, target, f"session {session.number}: {session.title}")
        para += nodes.Text(".")
    box = nodes.admonition("", classes=["admonition", NOTE_CLASS])
    box += nodes.title("", "For instructors")
    box += para
    section = doctree.next_node(nodes.section)
    if section is None:
        return
    title = section.next_node(nodes.title)
    section.insert(section.index(title) + 1 if title is not None else 0, box)


# --------------------------------------------------------------------------- directives


class _MystDirective(SphinxDirective):
    def parse_markdown(self, text: str, *, titles: bool = False) -> list[nodes.Node]:
        holder = nodes.Element()
        lines = StringList(text.splitlines(), source=self.get_source_info()[0])
        self.state.nested_parse(lines, self.content_offset, holder, match_titles=titles)
        return list(holder.children)


def _notebook_link(env: Any, name: str) -> str:
    doc = f"notebooks/{name}"
    return f"{{doc}}`{name} </{doc}>`" if doc in env.found_docs else f"{name} (notebook)"


def _links(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


class SessionDirective(_MystDirective):
    """The session's data, shown as its at-a-glance table, objectives and timed plan."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.doc2path(self.env.docname))
        try:
            s = course.parse_session(
                path.read_text(encoding="utf-8"),
                path.name,
                book_dir=Path(self.env.srcdir) / "book",
            )
        except course.CourseError as err:
            raise self.error(str(err)) from None
        chapters = [f"{{doc}}`/book/{c}`" for c in s.chapters]
        notebooks = [_notebook_link(self.env, n) for n in s.notebooks]
        book_dir = Path(self.env.srcdir) / "book"
        handouts = [f"{{doc}}`/{course.handout_doc(h, book_dir)}`" for h in s.handouts]
        md = [
            "## At a glance",
            "",
            f"- **Length:** {s.minutes} minutes, {s.hands_on_minutes} of them hands-on.",
            f"- **Chapters:** {_links(chapters)}.",
            f"- **Workbook notebooks:** {_links(notebooks)}.",
            f"- **Handouts to print:** {_links(handouts)}.",
            "",
            "## Objectives",
            "",
            "By the end of this session, learners can:",
            "",
            *[f"- {o}" for o in s.objectives],
            "",
            "## Minute by minute",
            "",
            "| Time | Minutes | What happens |",
            "|---|---|---|",
        ]
        for start, end, seg in s.clock():
            detail = f" {seg.detail}" if seg.detail else ""
            md.append(f"| {start}-{end} | {seg.minutes} | **{seg.title}** ({seg.kind}).{detail} |")
        md += [
            f"| | **{s.planned_minutes}** | **Total** |",
            "",
            f"### Stretching to {course.STRETCH_MINUTES} minutes",
            "",
            f"With {course.STRETCH_MINUTES} minutes, keep the plan above and add:",
            "",
        ]
        md += [
            f"- **{seg.title}** ({seg.minutes} minutes). {seg.detail}".rstrip() for seg in s.stretch
        ]
        return self.parse_markdown("\n".join(md) + "\n", titles=True)


class ScheduleDirective(_MystDirective):
    """The course schedule, computed from the session pages of this page's folder."""

    def run(self) -> list[nodes.Node]:
        folder = Path(self.env.doc2path(self.env.docname)).parent
        try:
            sessions = course.load_sessions(folder, book_dir=Path(self.env.srcdir) / "book")
        except course.CourseError as err:
            raise self.error(str(err)) from None
        for s in sessions:
            self.env.note_dependency(str(folder / s.source))
        md = [
            "| Session | Chapters | Workbook | Minutes | Hands-on |",
            "|---|---|---|---|---|",
        ]
        for s in sessions:
            chapters = ", ".join(f"{{doc}}`{c[:2]} </book/{c}>`" for c in s.chapters)
            notebooks = _links([_notebook_link(self.env, n) for n in s.notebooks])
            md.append(
                f"| {{doc}}`{s.number}. {s.title} <session-{s.number}>` | {chapters} | "
                f"{notebooks} | {s.minutes} | {s.hands_on_minutes} |"
            )
        total = sum(s.minutes for s in sessions)
        hands_on = sum(s.hands_on_minutes for s in sessions)
        md += [f"| **All {len(sessions)} sessions** | | | **{total}** | **{hands_on}** |", ""]
        md += [
            f"In all: {total} minutes ({total / 60:g} hours), "
            f"{hands_on} of them hands-on. "
            f"With {course.STRETCH_MINUTES}-minute sessions: "
            f"{course.STRETCH_MINUTES * len(sessions)} minutes.",
            "",
        ]
        for s in sessions:
            parts = " · ".join(f"{seg.title} ({seg.minutes} min)" for seg in s.plan)
            md.append(f"- **Session {s.number}** ({s.planned_minutes} minutes): {parts}.")
        return self.parse_markdown("\n".join(md) + "\n")


class KnowledgeCheckDirective(SphinxDirective):
    """The class's knowledge check: the learners' form, or the instructor's answer key."""

    option_spec = {"version": lambda arg: directives.choice(arg, ("learner", "key"))}

    def run(self) -> list[nodes.Node]:
        try:
            questions = course.course_questions()
        except (quiz.QuizError, course.CourseError) as err:
            raise self.error(str(err)) from None
        for file in sorted(quiz.QUIZ_DIR.glob("*.json")):
            self.env.note_dependency(str(file))
        if self.options.get("version", "learner") == "key":
            markup = course.render_answer_key(questions, page_path=self.env.docname)
        else:
            markup = course.render_check_form(questions)
        return [nodes.raw("", markup, format="html")]


class HandoutDirective(_MystDirective):
    """A one-page handout. Printing the page prints only this (see _static/course.css)."""

    has_content = True
    option_spec = {
        "source": directives.unchanged,
        "pages": directives.positive_int,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        classes = ["pb-handout", f"pb-pages-{self.options.get('pages', 1)}"]
        box = nodes.container(classes=classes + self.options.get("class", []))
        box += self.parse_markdown("\n".join(self.content))
        source = self.options.get("source")
        footer = _(
            "From the free book *{book}*{source}. Not medical advice. In an emergency, call 911 "
            "or your local emergency number."
        ).format(
            book=self.env.config.html_title or self.env.config.project,
            source=f" ({{doc}}`{source}`)" if source else "",
        )
        foot = nodes.container(classes=["pb-handout-footer"])
        foot += self.parse_markdown(footer)
        box += foot
        return [box]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("painbook_edition", READER, "env")
    # sphinx-external-toc reads the table of contents at priority 900: choose the edition first.
    app.connect("config-inited", _choose_edition, priority=850)
    app.connect("doctree-read", _instructor_box)
    app.add_directive("session", SessionDirective)
    app.add_directive("course-schedule", ScheduleDirective)
    app.add_directive("knowledge-check", KnowledgeCheckDirective)
    app.add_directive("handout", HandoutDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
