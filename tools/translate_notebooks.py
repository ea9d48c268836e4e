"""Write the workbook notebooks of another language's edition: ``notebooks/<lang>/NAME.ipynb``.

    python -m tools.translate_notebooks [--lang es] [--no-run] [NAME ...]

``make notebooks`` runs it after refreshing the English notebooks. For each notebook of the
reader edition (the ``notebooks/...`` entries of ``_toc.yml``, or the NAMEs given):

1. every Markdown cell is translated from the notebook's catalog,
   ``locales/<lang>/LC_MESSAGES/notebooks/NAME.po`` (the one the Spanish book build uses, made
   by ``make translations``). The cell is parsed with MyST's own markdown-it set-up and the book's
   MyST extensions, and each block Sphinx offers for translation (a paragraph, a heading, a
   list item, a table cell, a box's title and everything inside a box) is replaced, by the
   lines the parser gives it, with its translation. The file sits one folder deeper, so a
   relative link to a file outside ``notebooks/`` gets one more ``../``; a link to another
   workbook notebook keeps pointing beside it, at that notebook's translation;
2. the code cells are the English ones, with one cell added before the first: it tells
   painbook to speak the edition's language (``set_language``), so a reader who downloads the
   notebook and runs it gets tables, charts and messages in that language. It is removed from
   the book's pages and prints nothing (nothing for nbval to compare);
3. the notebook is run as :mod:`tools.refresh_notebooks` runs the English ones (made-up samples
   only), so its stored outputs are the translated ones that nbval checks.

A message with no translation (missing, empty or fuzzy) stops with an error naming the
notebook, the cell and the English text: run ``make translations`` and translate it.
``tests/test_translations_notebooks.py`` checks that each committed translation is what this
makes from the English notebook and the catalog now.

The Spanish book offers these files as its notebook download (``_ext/languages.py``); they are
not pages of the book (``only_build_toc_files``).
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LOCALES = ROOT / "locales"
#: The editions whose notebooks are translated (English is the notebooks themselves).
LANGUAGES = ("es",)
#: The id of the added first code cell.
LANGUAGE_CELL_ID = "painbook-language"
#: Its comment line, in each language.
LANGUAGE_COMMENT = {
    "es": "# El idioma del cuaderno: painbook muestra sus tablas, gráficas y mensajes en español.",
}
#: Directives whose body is not Markdown prose: left as they are.
NOT_PROSE = {
    "code",
    "code-block",
    "code-cell",
    "sourcecode",
    "literalinclude",
    "math",
    "raw",
    "csv-table",
    "glossary",
    "toctree",
    "eval-rst",
    "include",
    "bibliography",
    "mermaid",
}
#: Directives whose argument is a title shown to the reader (translated like a heading).
TITLED = {"admonition", "dropdown", "topic", "sidebar", "card", "tab-item", "exercise"}


class MissingTranslation(ValueError):
    """A message of a notebook has no translation in its catalog."""


def reader_notebooks() -> list[str]:
    """The names of the notebooks listed in ``_toc.yml`` (the reader edition), in its order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            file = node.get("file") or (node.get("root") if node is toc else None)
            if isinstance(file, str) and file.startswith("notebooks/"):
                found.append(Path(file).stem)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return found


def catalog_path(name: str, lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "notebooks" / f"{name}.po"


def catalog(name: str, lang: str) -> dict[str, str]:
    """The translated messages of one notebook's catalog (no empty, fuzzy or obsolete ones)."""
    import polib

    path = catalog_path(name, lang)
    if not path.is_file():
        raise MissingTranslation(
            f"notebooks/{name}.ipynb: no catalog {path.relative_to(ROOT)} "
            "(run `make translations`, then translate it)"
        )
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and "fuzzy" not in entry.flags and not entry.obsolete
    }


@cache
def markdown_parser():
    """MyST's markdown-it parser with the book's MyST extensions (``_config.yml``)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    extensions = set((config.get("parse") or {}).get("myst_enable_extensions") or [])
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


def message(text: str) -> str:
    """A block's text as Sphinx's gettext builder makes its msgid: lines joined by spaces."""
    return text.replace("\n", " ").strip()


def _split_row(line: str) -> tuple[str, list[str], str]:
    """A table row's indentation, its cells (as written) and what follows the last pipe."""
    indent = line[: len(line) - len(line.lstrip())]
    body = line.strip()
    cells, cell, i = [], "", 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            cell += body[i : i + 2]
            i += 2
            continue
        if char == "|":
            cells.append(cell)
            cell = ""
        else:
            cell += char
        i += 1
    cells.append(cell)
    if body.startswith("|"):
        cells = cells[1:]
    tail = ""
    if body.endswith("|") and not body.endswith("\\|"):
        cells = cells[:-1]
        tail = "|"
    return indent, cells, tail


def _directive(info: str) -> tuple[str, str] | None:
    """(name, argument) of a fence's ``{name} argument`` info, None for a code fence."""
    match = re.match(r"^\{([\w:.-]+)\}\s*(.*)$", info.strip())
    return (match.group(1), match.group(2).strip()) if match else None


def _body_start(content: str) -> int:
    """How many lines of a directive's content are its options (``:key: value`` or YAML)."""
    lines = content.splitlines()
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                return i + 1
        return 0
    n = 0
    while n < len(lines) and re.match(r"^\s*:[\w-]+:", lines[n]):
        n += 1
    return n


Edit = tuple[int, int, list[str]]


def _edits(text: str, lines: list[str], offset: int, say: Callable[[str], str]) -> list[Edit]:
    """The line replacements that translate ``text``, whose first line is ``lines[offset]``."""
    tokens = markdown_parser().parse(text, {})
    edits: list[Edit] = []
    row: tuple[int, list[str]] | None = None  # a table row being translated, cell by cell
    for i, token in enumerate(tokens):
        if token.type == "tr_open" and token.map:
            row = (offset + token.map[0], [])
        elif token.type == "tr_close" and row is not None:
            at, cells = row
            indent, written, tail = _split_row(lines[at])
            if len(written) != len(cells):
                raise ValueError(f"line {at + 1}: a table row the parser reads differently")
            new = []
            for old, translated in zip(written, cells, strict=True):
                lead = " " if old.startswith(" ") else ""
                trail = " " if old.endswith(" ") else ""
                new.append(lead + translated.replace("|", "\\|") + trail if old.strip() else old)
            prefix = "|" if lines[at].strip().startswith("|") else ""
            edits.append((at, at + 1, [indent + prefix + "|".join(new) + tail]))
            row = None
        elif token.type == "inline":
            opener = tokens[i - 1]
            if opener.type in ("th_open", "td_open") and row is not None:
                row[1].append(say(message(token.content)) if token.content.strip() else "")
                continue
            if not message(token.content) or not opener.map:
                continue
            start, end = offset + opener.map[0], offset + opener.map[1]
            first = token.content.split("\n", 1)[0].rstrip()
            written = lines[start].rstrip()
            at = len(written) - len(first) if written.endswith(first) else written.find(first)
            if at < 0:
                raise ValueError(f"line {start + 1}: cannot find {first!r}")
            new = [lines[start][:at] + say(message(token.content))]
            if opener.type == "heading_open" and opener.markup in ("=", "-"):
                new.append(lines[end - 1])  # a setext heading keeps its underline
            elif opener.type == "heading_open":
                closing = re.search(r"\s+#+\s*$", lines[start])
                new[0] += closing.group(0) if closing else ""
            edits.append((start, end, new))
        elif token.type in ("colon_fence", "fence") and token.map:
            directive = _directive(token.info)
            if directive is None or directive[0] in NOT_PROSE:
                continue
            name, argument = directive
            start = offset + token.map[0]
            if argument and name in TITLED:
                head = lines[start]
                at = head.rfind(argument)
                edits.append((start, start + 1, [head[:at] + say(message(argument))]))
            skip = _body_start(token.content)
            body = "\n".join(token.content.splitlines()[skip:])
            edits += _edits(body, lines, start + 1 + skip, say)
    return edits


def translate_markdown(source: str, say: Callable[[str], str]) -> str:
    """``source`` with every translatable block replaced by ``say(msgid)``."""
    lines = source.split("\n")
    out = list(lines)
    for start, end, new in sorted(_edits(source, lines, 0, say), reverse=True):
        out[start:end] = new
    return "\n".join(out)


_LINK = re.compile(r"(\]\(\s*<?|\{doc\}`(?:[^`<]*<)?|\b(?:src|href)=[\"'])([^)\s>`\"']+)")


def relink(text: str, translated: Iterable[str]) -> str:
    """Relative links and images one folder deeper: ``../x`` is ``../../x``, a file beside the
    English notebook is ``../file``; a translated notebook beside it stays as it is."""
    names = {f"{name}.ipynb" for name in translated}

    def fix(match: re.Match[str]) -> str:
        lead, target = match.groups()
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return match.group(0)
        if target.split("#", 1)[0] in names:
            return match.group(0)
        return lead + "../" + target

    return _LINK.sub(fix, text)


def structure(source: str) -> list[tuple[str, str, int]]:
    """The block structure of a Markdown cell (what the translation must not change)."""
    return [(t.type, t.tag, t.level) for t in markdown_parser().parse(source, {}) if t.block]


def language_cell(lang: str) -> nbformat.NotebookNode:
    source = "\n".join(
        [
            LANGUAGE_COMMENT[lang],
            "from painbook.i18n import set_language",
            "",
            f'set_language("{lang}")',
        ]
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.id = LANGUAGE_CELL_ID
    cell.metadata = {"jupyter": {"source_hidden": True}, "tags": ["remove-cell"]}
    return cell


def translate_notebook(name: str, lang: str = "es") -> nbformat.NotebookNode:
    """The notebook ``notebooks/NAME.ipynb`` in ``lang`` (Markdown translated, not run yet)."""
    english = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    messages = catalog(name, lang)
    translated = set(reader_notebooks())
    notebook = copy.deepcopy(english)
    cells = []
    for index, cell in enumerate(english.cells):
        cell = copy.deepcopy(cell)
        if cell.cell_type == "markdown":

            def say(msgid: str, index: int = index, cell: nbformat.NotebookNode = cell) -> str:
                if msgid not in messages:
                    raise MissingTranslation(
                        f"notebooks/{name}.ipynb, cell {index + 1} (id {cell.get('id')}): no "
                        f"{lang} translation in {catalog_path(name, lang).relative_to(ROOT)} "
                        f"for msgid {msgid!r} (run `make translations`, then translate it)"
                    )
                return messages[msgid]

            source = relink(translate_markdown(cell.source, say), translated)
            if structure(source) != structure(cell.source):
                raise ValueError(
                    f"notebooks/{name}.ipynb, cell {index + 1}: the translation changes the "
                    "cell's Markdown structure (a translated line read as a list, heading...)"
                )
            cell.source = source
        elif cell.cell_type == "code" and not any(c.cell_type == "code" for c in cells):
            cells.append(language_cell(lang))
        cells.append(cell)
    notebook.cells = cells
    notebook.metadata["language"] = lang
    return notebook


def target(name: str, lang: str = "es") -> Path:
    return NOTEBOOKS / lang / f"{name}.ipynb"


def write(name: str, lang: str = "es", run: bool = True) -> Path:
    """Translate ``notebooks/NAME.ipynb``, save it as ``notebooks/<lang>/NAME.ipynb`` and run it
    (:func:`tools.refresh_notebooks.refresh`) so that its stored outputs are in ``lang``."""
    path = target(name, lang)
    path.parent.mkdir(exist_ok=True)
    nbformat.write(translate_notebook(name, lang), path)
    if run:
        from tools.refresh_notebooks import refresh

        saved = {key: os.environ.get(key) for key in ("PAINBOOK_LANG", "PYTHONPATH")}
        # The kernel speaks the language anyway (the notebook's first code cell); this
        # checkout's painbook comes first on its path, as it does for pytest.
        os.environ["PAINBOOK_LANG"] = lang
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved["PYTHONPATH"]]))
        try:
            refresh(path)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="notebook names (default: the reader edition's)")
    parser.add_argument("--lang", default=LANGUAGES[0], choices=LANGUAGES)
    parser.add_argument("--no-run", action="store_true", help="translate only, keep no outputs")
    args = parser.parse_args(argv)
    names = [Path(n).stem for n in args.names] or reader_notebooks()
    try:
        for name in names:
            path = write(name, args.lang, run=not args.no_run)
            print(f"wrote {path.relative_to(ROOT)}")
    except MissingTranslation as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
