"""The book's safety and plain-language rules, checked in the text of every page.

Every page of both editions is read from its source: the chapters, the Markdown cells of the
notebooks, the back matter, the printable tools and the instructor pages. A page's "prose" is
what a reader sees as sentences: paragraphs, list items, admonitions and figure captions and
alt text. Not prose: fenced code, inline code (a diary file's `21:00` is the file format, not a
time of day), citations, links' addresses, directive options other than ``:alt:``, Markdown
tables of numbers (data), labels and comments.

The rules (DESIGN.md and the book's writing rules):

- every mention of thoughts of self-harm or suicide names 988, the Suicide & Crisis Lifeline,
  in the same paragraph or the one next to it;
- sudden confusion gets one answer everywhere: call 911 (chapters 10 and 11 both say so);
- naloxone is explained in plain words where a chapter first names it (a medicine that can
  reverse an opioid overdose), with 911, and the page says it is sold without a prescription;
- every chapter's figure is referred to in the chapter's text;
- no 24-hour clock in reader prose: a time of day is "8 in the morning" or "2:30 p.m.";
- a number with decimals in prose comes with plain words in the same sentence ("about 6",
  "about 1 in 4", "a little more than 6", "half a point"); a chart's alt text, which reads
  its data out, is left out of this one;
- at most one citation in a paragraph or list item, at its end (keys combined);
- every printable tool is linked from its chapter and prints on one page of A4 and of Letter.

Set PAINBOOK_CONTENT_ROOT to another checkout to read its pages instead (the printing test
always uses this checkout's build).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from _ext.editions import instructor_toc, toc_files
from conftest import ROOT

CONTENT_ROOT = Path(os.environ.get("PAINBOOK_CONTENT_ROOT", ROOT))


# --------------------------------------------------------------------------- reading pages


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or caption of a page, as prose, with where it is."""

    page: str
    line: int  # 1-based line of the source (for a notebook: of the cell)
    text: str
    heading: str  # the section heading it is under
    lead: str  # the paragraph just before the list it is in ("" if not in a list)
    raw: str = ""  # the Markdown it was read from
    alt: bool = False  # a figure's alt text

    def where(self) -> str:
        return f"{self.page}:{self.line}: {self.text[:120]}"


def _reader_files(root: Path) -> list[str]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *toc_files([toc])]


def _instructor_files(root: Path) -> list[str]:
    toc = instructor_toc(root / "_toc_instructor.yml", root)
    reader = set(_reader_files(root))
    return [f for f in [toc["root"], *toc_files([toc])] if f not in reader]


def _source(root: Path, file: str) -> Path:
    for suffix in ("", ".md", ".ipynb"):
        path = root / f"{file}{suffix}"
        if path.is_file():
            return path
    raise FileNotFoundError(file)


def _markdown(path: Path) -> list[tuple[int, str]]:
    """(first line, Markdown) for a .md file, or for each Markdown cell of a notebook."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return [(1, text)]
    cells = json.loads(text)["cells"]
    return [
        (i + 1, "".join(cell["source"]))
        for i, cell in enumerate(cells)
        if cell["cell_type"] == "markdown"
    ]


_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{[^}]+\})?(.*)$")
_LABEL = re.compile(r"^\s*\([\w-]+\)=\s*$")
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")


def _clean(text: str) -> str:
    """Prose words only: no inline code, citations, roles' targets, links' addresses, HTML."""
    text = re.sub(r"\{cite(?::\w+)?\}`[^`]*`", " ", text)
    text = re.sub(r"\{(?:numref|ref)\}`([^`<]*?)\s*<[^`>]+>`", r"\1", text)
    text = re.sub(r"\{(?:numref|ref)\}`[^`]*`", " Figure ", text)
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)\s*<[^`>]+>`", r"\1", text)  # {term}`text <Target>`
    text = re.sub(r"\{[\w:-]+\}`([^`]*)`", r"\1", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = text.replace("**", "").replace("\\_", "_")
    return re.sub(r"\s+", " ", text).strip()


def blocks(page: str, markdown: str, first_line: int = 1) -> list[Block]:
    """Split Markdown (MyST) into prose blocks: paragraphs, list items, captions, alt text."""
    found: list[Block] = []
    heading, lead = "", ""
    current: list[str] = []
    start = 0
    in_list = False
    code_fence: str | None = None
    table = False
    last_item = ""

    def flush(kind: str = "para") -> None:
        nonlocal current, lead
        raw = " ".join(current)
        text = _clean(raw)
        if text:
            context = lead if in_list else ""
            found.append(Block(page, first_line + start, text, heading, context, raw))
            if kind == "para" and not in_list:
                lead = text
        current = []

    for n, raw in enumerate(markdown.splitlines()):
        line = raw.rstrip()
        if code_fence is not None:
            if line.strip().startswith(code_fence):
                code_fence = None
            continue
        fence = _FENCE.match(line)
        if fence:
            flush()
            marks, directive = fence.group(2), fence.group(3)
            if marks[0] in "`~" and directive is None and not line.strip().endswith(marks):
                code_fence = marks  # a code block: not prose
            if directive in ("{code-cell}", "{code-block}", "{code}", "{math}"):
                code_fence = marks
            in_list = False
            continue
        if not line.strip():
            flush()
            table = False
            continue
        if line.lstrip().startswith("#"):
            flush()
            heading = _clean(line.lstrip("# "))
            in_list, lead = False, ""
            continue
        if _LABEL.match(line) or line.strip().startswith("<!--"):
            continue
        option = _OPTION.match(line)
        if option and not current:
            if option.group("name") == "alt":
                alt = _clean(option["value"])
                found.append(Block(page, first_line + n, alt, heading, "", option["value"], True))
            continue
        if line.lstrip().startswith("|"):
            flush()
            table = True
            continue
        if table:
            continue
        item = _LIST_ITEM.match(line)
        ordered = re.match(r"\s*(\d+)[.)]", line)
        if item and current and ordered and (ordered.group(1) != "1" and last_item != "ordered"):
            item = None  # "... call or text\n  988. If ...": a number inside a paragraph
        if item:
            last_item = "ordered" if ordered else "bullet"
            flush("item")
            in_list = True
            start = n
            current = [item.group("text")]
            continue
        if not current:
            start = n
            if in_list and not raw.startswith((" ", "\t")):
                in_list = False
        current.append(line.strip())
    flush()
    return found


def page_blocks(root: Path, file: str) -> list[Block]:
    path = _source(root, file)
    found = []
    for first, markdown in _markdown(path):
        found.extend(blocks(file, markdown, first))
    return found


READER = _reader_files(CONTENT_ROOT)
EVERY_PAGE = READER + _instructor_files(CONTENT_ROOT)
CHAPTERS = [f for f in READER if re.fullmatch(r"book/\d\d-[\w-]+", f)]
PRINTABLES = [f for f in READER if f.startswith("book/printables/") and not f.endswith("index")]


# --------------------------------------------------------------------------- 988


_SELF_HARM = re.compile(
    r"self-harm|suicid|(?:harm|hurt|kill)(?:ing)? (?:yourself|themselves|himself|herself|myself)"
    r"|end(?:ing)? (?:your|their|my) (?:own )?life",
    re.I,
)


def self_harm_without_988(found: list[Block]) -> list[str]:
    """Blocks that mention self-harm or suicide with no 988 in them or in a block beside them."""
    missing = []
    for i, block in enumerate(found):
        if not _SELF_HARM.search(block.text):
            continue
        near = found[max(i - 1, 0) : i + 2]
        if not any("988" in b.text for b in near):
            missing.append(block.where())
    return missing


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_mention_of_self_harm_names_988(page: str) -> None:
    assert self_harm_without_988(page_blocks(CONTENT_ROOT, page)) == []


def test_the_988_check_sees_a_mention_without_it() -> None:
    text = "Call 911 if you have thoughts of harming yourself.\n\nRest well.\n\nSleep well.\n"
    assert len(self_harm_without_988(blocks("made-up", text))) == 1
    good = text.replace("yourself.", "yourself. Or call or text 988.")
    assert self_harm_without_988(blocks("made-up", good)) == []
    beside = "- Call 911 if you think of suicide.\n- Or call or text 988, the Lifeline.\n"
    assert self_harm_without_988(blocks("made-up", beside)) == []
    wrapped = "- If you think about hurting yourself, call or text\n  988. Or call 911.\n"
    assert [b.text for b in blocks("made-up", wrapped)] == [
        "If you think about hurting yourself, call or text 988. Or call 911."
    ]


# --------------------------------------------------------------------------- sudden confusion

_CONFUSION = re.compile(r"\bconfus", re.I)
_SUDDEN = re.compile(r"\bsudden", re.I)


def confusion_not_under_911(found: list[Block]) -> list[str]:
    """Blocks about sudden confusion whose answer is not 911 (in it, its list's lead or heading)."""
    wrong = []
    for block in found:
        if not (_CONFUSION.search(block.text) and _SUDDEN.search(block.text)):
            continue
        if not any("911" in t for t in (block.text, block.lead, block.heading)):
            wrong.append(block.where())
    return wrong


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_sudden_confusion_is_a_reason_to_call_911_everywhere(page: str) -> None:
    assert confusion_not_under_911(page_blocks(CONTENT_ROOT, page)) == []


@pytest.mark.parametrize("chapter", ["book/10-self-care", "book/11-caring-for-someone"])
def test_chapters_10_and_11_give_the_same_answer_for_sudden_confusion(chapter: str) -> None:
    found = page_blocks(CONTENT_ROOT, chapter)
    about = [b for b in found if _CONFUSION.search(b.text) and _SUDDEN.search(b.text)]
    assert about, f"{chapter} says nothing about sudden confusion"
    assert confusion_not_under_911(found) == []


def test_the_confusion_check_sees_the_wrong_answer() -> None:
    text = (
        "### Call the doctor if\n\n- The person suddenly becomes more confused.\n\n"
        "### Call 911 if\n\n- The person cannot be woken up.\n"
    )
    assert len(confusion_not_under_911(blocks("made-up", text))) == 1
    right = text.replace("more confused.\n\n### Call 911 if\n\n", "\n\n### Call 911 if\n\n")
    right += "- The person is suddenly confused.\n"
    assert confusion_not_under_911(blocks("made-up", right)) == []


# --------------------------------------------------------------------------- naloxone

_NALOXONE = re.compile(r"\bnaloxone\b", re.I)


def naloxone_problems(found: list[Block]) -> list[str]:
    """Where a page first names naloxone: what it is (reverses an overdose), and 911."""
    named = [i for i, b in enumerate(found) if _NALOXONE.search(b.text)]
    if not named:
        return []
    first = named[0]
    near = " ".join(b.text for b in found[max(first - 1, 0) : first + 2])
    problems = []
    if not (re.search(r"\brevers", near, re.I) and re.search(r"\boverdose", near, re.I)):
        problems.append(f"not explained where first named: {found[first].where()}")
    if "911" not in " ".join(b.text for b in found):
        problems.append("naloxone is named but the page does not say to call 911")
    if not re.search(r"without a prescription", " ".join(b.text for b in found), re.I):
        problems.append("the page does not say naloxone is sold without a prescription (2023)")
    return problems


@pytest.mark.parametrize("page", [p for p in READER if p != "book/glossary"])
def test_naloxone_is_explained_where_a_page_first_names_it(page: str) -> None:
    """(The glossary is where the word is explained: the next test reads its entry.)"""
    assert naloxone_problems(page_blocks(CONTENT_ROOT, page)) == []


def test_the_glossary_explains_naloxone() -> None:
    text = _source(CONTENT_ROOT, "book/glossary").read_text(encoding="utf-8")
    entry = re.search(r"^Naloxone\n((?:  .*\n?)+)", text, re.M)
    assert entry, "the glossary has no entry for naloxone"
    words = entry.group(1)
    assert "overdose" in words and "revers" in words and "without a prescription" in words


def test_the_naloxone_check_sees_a_bare_mention() -> None:
    text = "Ask whether you should keep naloxone at home.\n\nCall 911 in an emergency.\n"
    assert naloxone_problems(blocks("made-up", text))
    good = (
        "Naloxone is a medicine that can reverse an opioid overdose. It is sold without a "
        "prescription. Call 911 as well.\n"
    )
    assert naloxone_problems(blocks("made-up", good)) == []


# --------------------------------------------------------------------------- figures

_FIGURE = re.compile(r"^(`{3,}|:{3,})\{figure\}[^\n]*\n(?P<body>.*?)^\1\s*$", re.M | re.S)
_NAME = re.compile(r"^:name:\s*(\S+)", re.M)
_PLAIN_REFERENCE = re.compile(
    r"\b(?:the|this) (?:figure|picture|diagram|chart|map|timeline|checklist|scale|drawing)"
    r" (?:below|above|here)\b|\bFigure \d",
    re.I,
)


def unreferenced_figures(markdown: str) -> list[str]:
    """Figures that the text never refers to: by {numref} or {ref} to its name, or in plain
    words ("the figure below", "Figure 2") in the paragraph just before or after it."""
    missing = []
    for match in _FIGURE.finditer(markdown):
        name = _NAME.search(match.group("body"))
        label = name.group(1) if name else match.group(0).splitlines()[0]
        outside = markdown[: match.start()] + markdown[match.end() :]
        if name and re.search(
            r"\{(?:numref|ref)\}`(?:[^`<]*<)?" + re.escape(label) + r">?`", outside
        ):
            continue
        before = markdown[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        after = markdown[match.end() :].lstrip().split("\n\n", 1)[0]
        if _PLAIN_REFERENCE.search(before) or _PLAIN_REFERENCE.search(after):
            continue
        missing.append(label)
    return missing


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_figure_is_referred_to_in_its_text(chapter: str) -> None:
    markdown = _source(CONTENT_ROOT, chapter).read_text(encoding="utf-8")
    assert _FIGURE.search(markdown), f"{chapter} has no figure"
    assert unreferenced_figures(markdown) == []


def test_the_figure_check_sees_a_figure_nobody_mentions() -> None:
    figure = "```{figure} images/x.svg\n:alt: A line.\n:name: fig-x\n\nA line.\n```\n"
    lonely = "Some text.\n\n" + figure + "\nMore text.\n"
    assert unreferenced_figures(lonely) == ["fig-x"]
    assert unreferenced_figures(lonely + "\n{numref}`fig-x` shows a line.\n") == []
    assert unreferenced_figures("The figure below shows a line.\n\n" + figure) == []


# --------------------------------------------------------------------------- 24-hour clock

_CLOCK = re.compile(
    r"(?<![\d:.,-])(\d{1,2}):([0-5]\d)(?![\d:])"
    r"(?P<after>\s*[ap]\.?m\.?|\s+in the (?:morning|afternoon|evening)|\s+at night)?",
    re.I,
)


def clock_problems(found: list[Block]) -> list[str]:
    """Times of day in prose that are not 12-hour times with a.m. or p.m. (or "in the morning",
    "in the evening"): "14:30", "08:30", "21:00", and a bare "8:15" (which could be either)."""
    problems = []
    for block in found:
        for match in _CLOCK.finditer(block.text):
            hour = match.group(1)
            twelve_hour = not hour.startswith("0") and 1 <= int(hour) <= 12
            if not (twelve_hour and match.group("after")):
                problems.append(f"{match.group(0).strip()!r} in {block.where()}")
    return problems


@pytest.mark.parametrize("page", READER)
def test_reader_prose_uses_12_hour_times(page: str) -> None:
    assert clock_problems(page_blocks(CONTENT_ROOT, page)) == []


def test_the_clock_check_sees_24_hour_times() -> None:
    bad = "At 21:00 it was a 4. At 08:30 she woke. At 8:15 she took it.\n"
    assert len(clock_problems(blocks("made-up", bad))) == 3
    good = "At 9 p.m. it was a 4. At 8:30 a.m. she woke. At 2:30 p.m. she rested.\n"
    good += "At 8:30 in the morning she ate. At 10:15 at night she slept.\n"
    assert clock_problems(blocks("made-up", good)) == []
    code = "Write times like `21:00` in the file.\n"
    assert clock_problems(blocks("made-up", code)) == []


# --------------------------------------------------------------------------- decimals

_DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+)(?!\d|\.\d)")
# A decimal that is not a quantity: a section number of ICHD-3 ("entry 8.2"), a version.
_NOT_A_QUANTITY = re.compile(r"(?:ICHD-3|entry|entries|section|sections|version|item)\s*$", re.I)
_WORD_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|half|a half|a third|a quarter)"
)
_PLAIN_WORDS = re.compile(
    r"\b(?:about|around|nearly|almost|roughly|close to|just (?:over|under)"
    rf"|a little (?:more than|less than|over|under)|more than|less than)\s+{_WORD_NUMBER}\b"
    r"|\b\d+ in \d+\b|\b(?:half|a third|a quarter|a tenth|one in)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<!\ba\.m)(?<!\bp\.m)(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s+[A-Z(*\"])")


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def decimals_without_words(found: list[Block]) -> list[str]:
    """Sentences of prose with a decimal number ("24.3%", "6.3") and no plain words beside it
    ("about 1 in 4", "about 6", "a little more than 6", "half a point"). A figure's alt text
    is left out: it reads a chart's data out, as a table would (its caption is checked)."""
    problems = []
    for block in found:
        if block.alt:
            continue
        for sentence in sentences(block.text):
            numbers = [
                m
                for m in _DECIMAL.finditer(sentence)
                if not _NOT_A_QUANTITY.search(sentence[: m.start()])
            ]
            if numbers and not _PLAIN_WORDS.search(_DECIMAL.sub(" ", sentence)):
                problems.append(f"{numbers[0].group(1)} in {block.page}:{block.line}: {sentence}")
    return problems


@pytest.mark.parametrize("page", READER)
def test_decimals_in_prose_come_with_plain_words(page: str) -> None:
    assert decimals_without_words(page_blocks(CONTENT_ROOT, page)) == []


def test_the_decimal_check_sees_a_bare_decimal() -> None:
    bad = "In 2023, 24.3% of US adults said yes. The drop is 0.5 points.\n"
    assert len(decimals_without_words(blocks("made-up", bad))) == 2
    good = (
        "In 2023, 24.3% of US adults said yes, about 1 in 4. The drop is 0.5 points, or half "
        "a point. Then 19 divided by 3 is about 6.3, which is a little more than 6.\n\n"
        "Its entry 8.2 describes the pattern.\n"
    )
    assert decimals_without_words(blocks("made-up", good)) == []
    # "about 6.3" alone is not plain words: the words must not lean on the decimal itself
    assert len(decimals_without_words(blocks("made-up", "The score is about 6.3.\n"))) == 1
    table = "| Week | Mean |\n|---|---|\n| 1 | 6.3 |\n"
    assert decimals_without_words(blocks("made-up", table)) == []
    figure = "```{figure} x.svg\n:alt: The line goes down: 6.9, 6.4.\n\nPain fell to 4.6.\n```\n"
    assert [p.split(" in ")[0] for p in decimals_without_words(blocks("made-up", figure))] == [
        "4.6"
    ]


# --------------------------------------------------------------------------- citations

_CITE = re.compile(r"\{cite(?::\w+)?\}`[^`]*`")
# What may follow a paragraph's citation: its full stop, a closing bracket or bold, a web link.
_AFTER_CITE = re.compile(r"^(?:[\s.,;:)*]|\[[^\]]*\]\([^)]*\))*$")


def citation_problems(found: list[Block]) -> list[str]:
    """Paragraphs (or list items) with more than one citation, or a citation that is not at the
    end: one {cite} per paragraph, with its keys combined, at the end."""
    problems = []
    for block in found:
        cites = list(_CITE.finditer(block.raw))
        if len(cites) > 1:
            problems.append(f"{len(cites)} citations in {block.where()}")
        elif cites and not _AFTER_CITE.match(block.raw[cites[0].end() :]):
            problems.append(f"a citation before the end of {block.where()}")
    return problems


@pytest.mark.parametrize("page", READER)
def test_one_citation_per_paragraph_at_its_end(page: str) -> None:
    assert citation_problems(page_blocks(CONTENT_ROOT, page)) == []


def test_the_citation_check_sees_clutter() -> None:
    bad = "Pain is common {cite}`a`. It lasts {cite}`b`.\n\nRest helps {cite}`c`, they say.\n"
    assert len(citation_problems(blocks("made-up", bad))) == 2
    good = "Pain is common. It lasts {cite}`a,b`.\n\n- **Group.** It helps {cite}`c`. [c.org](https://c.org)\n"
    assert citation_problems(blocks("made-up", good)) == []


# --------------------------------------------------------------------------- printables

#: Each printable tool and the chapter that links to it.
PRINTABLE_CHAPTERS = {
    "book/printables/pain-diary-week": "book/08-pain-diary",
    "book/printables/medicine-list": "book/03-treatment-options",
    "book/printables/visit-questions": "book/07-first-appointment",
    "book/printables/action-plan": "book/10-self-care",
    "book/printables/painad-sheet": "book/11-caring-for-someone",
}


def test_the_printable_tools_are_all_in_the_reader_edition() -> None:
    assert sorted(PRINTABLES) == sorted(PRINTABLE_CHAPTERS)
    for printable in PRINTABLES:
        text = _source(CONTENT_ROOT, printable).read_text(encoding="utf-8")
        assert ":::{handout}" in text, f"{printable} is not a printable handout"


@pytest.mark.parametrize(("printable", "chapter"), sorted(PRINTABLE_CHAPTERS.items()))
def test_each_printable_is_linked_from_its_chapter(printable: str, chapter: str) -> None:
    text = _source(CONTENT_ROOT, chapter).read_text(encoding="utf-8")
    name = printable.rsplit("/", 1)[1]
    assert re.search(r"\{doc\}`(?:[^`<]*<)?(?:\.\./)?printables/" + name + r">?`", text), (
        f"{chapter} has no link to {printable}"
    )


@pytest.mark.book
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_printable_prints_on_one_page(book, paper: str) -> None:
    import kit
    from browser import chromium
    from tools.handouts import page_count

    printed = [p for p in kit.printable_pdfs(book, chromium()) if p.paper == paper]
    expected = {
        f for f in _reader_files(ROOT) if f.startswith("book/printables/") and f.count("/") == 2
    } - {"book/printables/index"}
    assert {f"book/printables/{p.handout.name}" for p in printed} == expected
    assert {p.handout.name: page_count(p.pdf) for p in printed if page_count(p.pdf) != 1} == {}
