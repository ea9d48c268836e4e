"""Reading level of the book's chapters and notebooks, measured on their prose alone.

Code, tables, headings, directive options, MyST roles' targets, links' URLs,
figure and bibliography blocks are left out, so the score reflects the
sentences a reader actually reads. Grades come from textstat (pinned in
requirements.txt; 0.7.4 counts syllables with pyphen and needs no download).

    python tools/readability.py book/*.md notebooks/*.ipynb

A notebook's prose is its Markdown cells; the code cells and their outputs are left out.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat

MAX_GRADE = 8.0  # DESIGN.md: chapters for readers aim at grade 6-8.

# Directives whose body is not reader prose.
_SKIP_DIRECTIVES = {"bibliography", "figure", "image", "code-block", "code-cell", "toctree", "raw"}
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?(?P<arg>.*)$")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^`]*>)?`")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def prose(markdown: str) -> str:
    """Return the reader-facing sentences of a MyST Markdown page."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (fence, skipping)
    in_front_matter = False
    for i, raw in enumerate(markdown.splitlines()):
        line = raw.rstrip()
        if i == 0 and line == "---":
            in_front_matter = True
            continue
        if in_front_matter:
            in_front_matter = line != "---"
            continue
        stripped = line.strip()
        m = _FENCE.match(stripped)
        if m and stack and stripped == stack[-1][0]:
            stack.pop()
            continue
        if m and (m.group("name") or m.group("fence").startswith("`")):
            name = (m.group("name") or "").lower()
            skipping = (m.group("fence").startswith("`") and not name) or name in _SKIP_DIRECTIVES
            if stack and stack[-1][1]:
                skipping = True
            stack.append((m.group("fence"), skipping))
            continue
        if stack and stack[-1][1]:
            continue
        # headings, tables, directive options, comments, block breaks, labels
        if stripped.startswith(("#", "|", ":", "%", "+++")) or (
            stripped.startswith("(") and stripped.endswith(")=")
        ):
            continue
        text = _ROLE.sub(lambda r: r.group(1), line)
        text = _LINK.sub(lambda r: r.group(1), text)
        text = _HTML.sub(" ", text)
        text = _BULLET.sub("", text)
        text = text.replace("**", "").replace("*", "").replace("`", "")
        if _BULLET.match(line) and text and text[-1] not in ".!?:":
            text += "."  # a list item reads as one sentence
        out.append(text)
    return "\n".join(out)


@dataclass(frozen=True)
class Level:
    path: str
    words: int
    fk_grade: float
    smog: float


def markdown_of(path: Path) -> str:
    """The page's MyST Markdown: the file itself, or a notebook's Markdown cells."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c.get("cell_type") == "markdown")


def measure(path: Path) -> Level:
    text = prose(markdown_of(path))
    return Level(
        path=path.name,
        words=textstat.lexicon_count(text),
        fk_grade=textstat.flesch_kincaid_grade(text),
        smog=textstat.smog_index(text),
    )


def table(levels: list[Level]) -> str:
    rows = [f"{'page':46} {'words':>6} {'FK grade':>9} {'SMOG':>6}"]
    for lv in levels:
        flag = "" if lv.fk_grade <= MAX_GRADE else "  <-- above grade 8"
        rows.append(f"{lv.path:46} {lv.words:6d} {lv.fk_grade:9.1f} {lv.smog:6.1f}{flag}")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table([measure(Path(p)) for p in sys.argv[1:]]))
