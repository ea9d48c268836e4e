"""The curriculum: structure, glossary, citations, reading level and topic coverage.

These read the Markdown sources; tests/test_build.py checks the built HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from _ext.editions import instructor_toc
from conftest import ROOT
from test_build import all_toc_files, toc_files
from tools.readability import MAX_GRADE, measure, table

BOOK = ROOT / "book"
READER_CHAPTERS = sorted(BOOK.glob("[0-9][0-9]-*.md"))
WORKBOOK = sorted((ROOT / "notebooks").glob("*.ipynb"))
BACK_MATTER = ["summary", "glossary", "resources", "references", "disclaimer"]

_TERM = re.compile(r"\{term\}`(?:[^`<]*<)?([^`<>]+?)>?`")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
_BIBKEY = re.compile(r"^@\w+\{\s*([^,\s]+)\s*,", re.M)


def _text(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def book_sources() -> list[Path]:
    """Every page source listed in _toc.yml."""
    found = []
    for entry in all_toc_files():
        for suffix in (".md", ".ipynb"):
            path = ROOT / f"{Path(entry).with_suffix('')}{suffix}"
            if path.is_file():
                found.append(path)
    return found


def glossary_terms() -> set[str]:
    text = (BOOK / "glossary.md").read_text(encoding="utf-8")
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {line.strip().lower() for line in body.splitlines() if line and not line[0].isspace()}


def test_there_are_twelve_reader_chapters() -> None:
    assert len(READER_CHAPTERS) == 12


@pytest.mark.parametrize("path", READER_CHAPTERS, ids=lambda p: p.stem)
def test_chapter_structure(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^:::\{admonition\} What you will learn", text, re.M), "objectives box"
    objectives = text.split("What you will learn", 1)[1].split(":::", 1)[0]
    assert 2 <= len(re.findall(r"^\s*- ", objectives, re.M)) <= 4, "2-4 objectives"
    assert re.search(r"^## Key points\s*$", text, re.M), "key points section"
    exercises = re.findall(r"^:::\{exercise\}\s*\n:label: (\S+)", text, re.M)
    assert exercises, "at least one exercise"
    for label in exercises:
        assert re.search(rf"^:::\{{solution\}} {re.escape(label)}\s*$", text, re.M), label
    figures = re.findall(r"^```\{figure\}.*\n((?::.*\n)*)", text, re.M)
    assert figures, "at least one figure"
    assert all(":alt:" in options for options in figures), "every figure has alt text"
    assert _CITE.search(text), "facts carry citations"


@pytest.mark.parametrize("name", BACK_MATTER)
def test_back_matter_exists(name: str) -> None:
    assert (BOOK / f"{name}.md").is_file()


def instructor_sources() -> list[Path]:
    """Every page source of the instructor edition (_toc.yml merged with _toc_instructor.yml)."""
    toc = instructor_toc(ROOT / "_toc_instructor.yml", ROOT)
    found = []
    for entry in [toc["root"], *toc_files([toc])]:
        for suffix in (".md", ".ipynb"):
            path = ROOT / f"{Path(entry).with_suffix('')}{suffix}"
            if path.is_file():
                found.append(path)
    return found


def test_every_book_page_is_in_the_toc() -> None:
    """Each page is listed in _toc.yml, or in _toc_instructor.yml for the instructor edition."""
    listed = {str(p.relative_to(ROOT)) for p in [*book_sources(), *instructor_sources()]}
    on_disk = {
        str(p.relative_to(ROOT))
        for p in [*BOOK.rglob("*.md"), *(ROOT / "notebooks").glob("*.ipynb")]
        if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts)
    }
    assert on_disk - listed == set()


def test_every_term_link_resolves() -> None:
    terms = glossary_terms()
    unknown = {
        f"{p.name}: {t}"
        for p in book_sources()
        for t in _TERM.findall(_text(p))
        if t.strip().lower() not in terms
    }
    assert unknown == set()


def test_every_glossary_term_is_used() -> None:
    used = {t.strip().lower() for p in book_sources() for t in _TERM.findall(_text(p))}
    assert glossary_terms() - used == set()


def test_every_citation_resolves() -> None:
    keys = set(_BIBKEY.findall((BOOK / "references.bib").read_text(encoding="utf-8")))
    cited = {
        key.strip()
        for p in book_sources()
        for group in _CITE.findall(_text(p))
        for key in group.split(",")
    }
    assert cited, "the book cites nothing"
    assert cited - keys == set()


def test_reading_level(record_readability) -> None:
    levels = [measure(p) for p in [*READER_CHAPTERS, *WORKBOOK]]
    record_readability(table(levels))
    too_hard = [lv.path for lv in levels if lv.fk_grade > MAX_GRADE]
    assert too_hard == [], table(levels)


# Topics the curriculum issue names; each must be taught somewhere in the book.
# Alternatives cover spelling variants (orthopedic/orthopaedic) and plural forms.
TOPICS: dict[str, list[str]] = {
    "condition: back pain": ["back pain"],
    "condition: arthritis": ["arthritis"],
    "condition: nerve pain / neuropathy": ["neuropathy"],
    "condition: fibromyalgia": ["fibromyalgia"],
    "condition: pain after surgery, scars": ["after surgery", "scar"],
    "condition: migraine": ["migraine"],
    "condition: tension headache": ["tension headache", "tension-type headache"],
    "condition: cancer pain": ["cancer"],
    "condition: CRPS": ["complex regional pain syndrome"],
    "condition: acute injury": ["injury"],
    "question: cause and diagnosis": ["what causes my pain"],
    "question: options, risks, benefits": ["risks and benefits"],
    "question: other therapy": [
        "physical or behavioral therapy",
        "physical or behavioural therapy",
    ],
    "question: measuring progress": ["how will we measure progress"],
    "question: what to do at home": ["at home"],
    "care: medicines": ["anti-inflammatory", "nerve pain"],
    "care: injections": ["injection"],
    "care: physical therapy": ["physical therapy"],
    "care: mental health": ["cognitive behavioral therapy", "cognitive behavioural therapy"],
    "care: integrative": ["acupuncture", "relaxation"],
    "care: rehabilitation": ["rehabilitation"],
    "training: anesthesiology": ["anesthesiology", "anaesthesiology"],
    "training: neurology": ["neurology"],
    "training: PM&R": ["physical medicine and rehabilitation"],
    "training: fellowship": ["fellowship"],
    "procedure: epidural": ["epidural"],
    "procedure: nerve block": ["nerve block"],
    "procedure: trigger point": ["trigger point"],
    "procedure: ablation": ["ablation"],
    "quality: empathy": ["empathy"],
    "quality: precision": ["precision"],
    "quality: collaboration": ["collaboration"],
    "quality: patience": ["patience"],
    "quality: adaptability": ["adaptability"],
    "team: primary care": ["primary care"],
    "team: orthopedic surgeon": ["orthopedic surgeon", "orthopaedic surgeon"],
    "team: neurologist": ["neurologist"],
    "team: psychologist": ["psychologist"],
    "team: physical therapist": ["physical therapist"],
    "team: integrative medicine": ["integrative medicine"],
    "aim: quality of life": ["quality of life"],
    "aim: function and independence": ["independence", "independent"],
    "aim: flare-ups": ["flare-up", "flare"],
    "place: pain clinic": ["pain clinic"],
}

_ALL_TEXT = None


def _book_text() -> str:
    global _ALL_TEXT
    if _ALL_TEXT is None:
        _ALL_TEXT = re.sub(r"\s+", " ", "\n".join(_text(p) for p in book_sources()).lower())
    return _ALL_TEXT


@pytest.mark.parametrize("topic", TOPICS, ids=str)
def test_topic_is_taught(topic: str) -> None:
    text = _book_text()
    assert any(alt in text for alt in TOPICS[topic]), f"{topic}: none of {TOPICS[topic]}"
