"""Printable handouts: each prints on one A4 page and on one Letter page, in black and white,
in large type, with the handout alone on the page.

Two folders hold them: book/printables/ (the printable tools of the reader edition, which the
instructor edition has too) and book/handouts/ (the instructor edition's own handouts). The PDFs
are printed once per test session (tests/kit.py) with Debian's chromium (tools/handouts.py):
the printables from the reader edition (as `make printables`), the handouts from the instructor
edition that tests/test_instructor.py checks (as `make handouts`).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import kit
from browser import chromium
from conftest import ROOT, BuiltBook
from tools import handouts
from tools.readability import MAX_GRADE, measure

pytestmark = pytest.mark.book

HANDOUT_DIR = ROOT / "book" / "handouts"
PRINTABLE_DIR = ROOT / "book" / "printables"
INSTRUCTOR_ONLY = sorted(p.stem for p in HANDOUT_DIR.glob("*.md") if p.stem != "index")
PRINTABLES = sorted(p.stem for p in PRINTABLE_DIR.glob("*.md") if p.stem != "index")
NAMES = sorted(INSTRUCTOR_ONLY + PRINTABLES)
# The reader's printable tools: a diary week, a medicine list, visit questions, an action plan
# and the PAINAD sheet.
TOOLS = ["pain-diary-week", "medicine-list", "visit-questions", "action-plan", "painad-sheet"]
WORKSHEETS = [*TOOLS, "care-team-map"]
TWO_PAGES = {"knowledge-check"}  # one sheet, printed on both sides
POINTS = {"a4": (595.92, 841.92), "letter": (612.0, 792.0)}


def _source(name: str) -> Path:
    folder = PRINTABLE_DIR if name in PRINTABLES else HANDOUT_DIR
    return folder / f"{name}.md"


@pytest.fixture(scope="module")
def printed(book: BuiltBook) -> dict[tuple[str, str], handouts.Printed]:
    """The printables as printed from the reader edition; the rest from the instructor one."""
    browser = chromium()
    instructor = kit.instructor_edition(book)
    assert instructor.returncode == 0, instructor.log[-3000:]
    found = {(p.handout.name, p.paper): p for p in kit.handout_pdfs(instructor, browser)}
    found.update({(p.handout.name, p.paper): p for p in kit.printable_pdfs(book, browser)})
    return found


def test_the_issue_s_handouts_are_all_there() -> None:
    sessions = [f"session-{n}" for n in range(1, 7)]
    assert set(WORKSHEETS + sessions) <= set(NAMES)
    assert set(TOOLS) <= set(PRINTABLES), "the tools are printable from the reader edition"
    assert not set(PRINTABLES) & set(INSTRUCTOR_ONLY), "one source for each sheet"


def test_the_reader_edition_prints_its_tools_and_no_instructor_handout(book: BuiltBook) -> None:
    browser = chromium()
    printed = kit.printable_pdfs(book, browser)
    names = {p.handout.name for p in printed}
    assert names == set(PRINTABLES)
    assert {p.pdf.parent.parent.name for p in printed} == {"printables"}
    assert all(p.handout.html.is_relative_to(book.html / "book" / "printables") for p in printed)
    assert not (book.html / "book" / "handouts").exists()


def test_the_instructor_edition_has_the_same_printable_pages(book: BuiltBook) -> None:
    instructor = kit.instructor_edition(book)
    found = {h.name: h.html for h in handouts.find_handouts(instructor.html)}
    assert set(NAMES) <= set(found)
    for name in PRINTABLES:
        assert found[name].parent.name == "printables", name


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", NAMES)
def test_each_handout_prints_on_one_page(name: str, paper: str, printed) -> None:
    p = printed[(name, paper)]
    assert p.pdf.is_file()
    assert p.pdf.parent.name == paper and p.pdf.name == f"{name}.pdf"
    reader = PdfReader(p.pdf)
    expected = 2 if name in TWO_PAGES else 1
    assert len(reader.pages) == expected
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == pytest.approx(POINTS[paper], abs=1.5)


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


# --------------------------------------------------------------------------- the Spanish tools


@pytest.fixture(scope="module")
def printed_es(book: BuiltBook) -> dict[tuple[str, str], handouts.Printed]:
    """The Spanish edition's printable tools (es/book/printables/), printed as `make printables`."""
    return {(p.handout.name, p.paper): p for p in kit.spanish_printable_pdfs(book, chromium())}


def test_the_spanish_edition_prints_the_same_tools(printed_es) -> None:
    assert {name for name, _ in printed_es} == set(PRINTABLES)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", PRINTABLES)
def test_each_spanish_tool_prints_on_one_page_in_spanish(name: str, paper: str, printed_es) -> None:
    p = printed_es[(name, paper)]
    reader = PdfReader(p.pdf)
    assert len(reader.pages) == 1, "Spanish runs longer: shorten the words in the .po file"
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == pytest.approx(POINTS[paper], abs=1.5)
    text = _text(p.pdf)
    assert "Participar en el cuidado del dolor" in text and "911" in text, "the Spanish footer"
    assert "Taking Part in Pain Care" not in text and "Not medical advice" not in text
    assert "Only the sheet below prints" not in text


@pytest.mark.parametrize("name", NAMES)
def test_only_the_handout_prints(name: str, printed) -> None:
    text = _text(printed[(name, "letter")].pdf)
    source = _source(name).read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", source, re.M).group(1)
    assert text.startswith(title)
    assert "Taking Part in Pain Care" in text and "911" in text, "the handout's footer"
    for screen_only in (
        "Only the sheet below prints",
        "Skip to main content",
        "Contents",
        "Previous",
    ):
        assert screen_only not in text, screen_only


def test_the_painad_sheet_carries_its_citation(printed) -> None:
    text = _text(printed[("painad-sheet", "a4")].pdf)
    assert "Warden V, Hurley AC, Volicer L." in text and "2003;4(1):9-15" in text
    assert "Pain Assessment in Advanced Dementia (PAINAD) scale" in text
    assert "warden2003" in _source("painad-sheet").read_text(encoding="utf-8")
    assert "smiling, or no expression" in text, "a blank face scores 0 (Warden 2003)"


def test_the_diary_week_has_the_columns_the_chapter_names(printed) -> None:
    """Chapter 8: enjoyment and activity, and each scale's direction, on the printed week."""
    text = _text(printed[("pain-diary-week", "letter")].pdf)
    for words in (
        "Pain in the morning",
        "Pain in the evening",
        "Worst pain today",
        "Pain got in the way of enjoyment",
        "Pain got in the way of activity",
        "Hours of sleep",
        "Mood",
        "Medicines I took",
        "PEG",
    ):
        assert words in text, words
    assert "0 is very low, 10 is very good" in text


def test_the_medicine_list_has_blank_columns_and_no_doses(printed) -> None:
    text = _text(printed[("medicine-list", "a4")].pdf)
    for column in ("Medicine name", "How much", "How often", "What it is for", "Who prescribed"):
        assert column in text, column
    assert not re.search(r"\d+\s*(mg|mcg|ml|tablets?)\b", text, re.I), "the book writes no doses"


_COLOUR_OPERATORS = {b"rg", b"RG", b"sc", b"SC", b"scn", b"SCN", b"k", b"K"}


def _colours(pdf: Path) -> set[tuple[float, ...]]:
    """Every colour a PDF sets (its own drawing and its images' pixels), as RGB or CMYK."""
    reader = PdfReader(pdf)
    found: set[tuple[float, ...]] = set()

    def walk(content, resources) -> None:
        for operands, op in ContentStream(content, reader).operations:
            if op in _COLOUR_OPERATORS:
                values = tuple(round(float(v), 3) for v in operands if isinstance(v, int | float))
                found.add(values if op not in {b"k", b"K"} else ("cmyk", *values))
        for xobject in (resources or {}).get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject, xobject.get("/Resources"))
            elif xobject.get("/Subtype") == "/Image":
                image = xobject.decode_as_image().convert("RGB")
                found.update(tuple(c / 255 for c in rgb) for _, rgb in image.getcolors(1 << 24))

    for page in reader.pages:
        walk(page.get_contents(), page.get("/Resources"))
    return found


def _is_grey(colour: tuple) -> bool:
    if colour and colour[0] == "cmyk":
        return colour[1:4] == (0, 0, 0)
    return len(colour) == 1 or len(set(colour)) == 1


@pytest.mark.parametrize("name", NAMES)
def test_handouts_print_in_black_and_white(name: str, printed) -> None:
    colours = _colours(printed[(name, "a4")].pdf)
    assert colours, "the PDF sets no colour at all: the check would prove nothing"
    assert {c for c in colours if not _is_grey(c)} == set()


def test_the_colour_check_sees_colour(tmp_path: Path, printed) -> None:
    """A page with one blue line fails the black-and-white check (guards the test itself)."""
    page = tmp_path / "blue.html"
    page.write_text('<p style="color:#0000ff">blue</p>', encoding="utf-8")
    with handouts.Browser(chromium()) as browser:
        browser.open(page)
        pdf = tmp_path / "blue.pdf"
        pdf.write_bytes(browser.print_pdf("a4"))
    assert any(not _is_grey(c) for c in _colours(pdf))


def _font_sizes(pdf: Path) -> list[tuple[float, int]]:
    """(size in points, characters) for every run of text in the PDF."""
    runs = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            runs.append((round(size * scale, 1), len(text.strip())))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("name", NAMES)
def test_handouts_are_in_large_print(name: str, printed) -> None:
    runs = _font_sizes(printed[(name, "letter")].pdf)
    assert runs
    assert min(size for size, _ in runs) >= 11.9, "nothing under 12 points"
    body = sum(n for size, n in runs if size >= 13.9)
    assert body / sum(n for _, n in runs) >= 0.6, "most of the text is 14 points or more"


def test_the_care_team_map_prints_its_labels_in_large_type(printed) -> None:
    runs = _font_sizes(printed[("care-team-map", "letter")].pdf)
    text = _text(printed[("care-team-map", "letter")].pdf)
    assert "Pharmacist" in text and "You" in text, "the map's labels are text in the PDF"
    assert min(size for size, _ in runs) >= 11.9


@pytest.mark.parametrize("name", [n for n in NAMES if n.startswith("session-")] + PRINTABLES)
def test_learners_handouts_read_at_grade_8_or_below(name: str) -> None:
    level = measure(_source(name))
    assert level.words >= 100
    assert level.fk_grade <= MAX_GRADE


def test_the_print_script_fails_when_a_handout_needs_two_pages(tmp_path: Path, printed) -> None:
    """tools/handouts.py (make handouts) exits 1 and names a handout that does not fit."""
    folder = tmp_path / "html" / "book" / "handouts"
    folder.mkdir(parents=True)
    lines = "".join(f"<p>line {n}</p>" for n in range(150))
    (folder / "too-long.html").write_text(f'<div class="pb-handout pb-pages-1">{lines}</div>')
    (folder / "short.html").write_text('<div class="pb-handout pb-pages-1"><p>short</p></div>')
    (folder / "not-a-handout.html").write_text("<p>index</p>")
    out = tmp_path / "out"
    found = [h.name for h in handouts.find_handouts(tmp_path / "html")]
    assert found == ["short", "too-long"]
    status = handouts.main([str(tmp_path / "html"), "--out", str(out)])
    assert status == 1
    assert handouts.page_count(out / "letter" / "too-long.pdf") > 1
    assert handouts.page_count(out / "a4" / "short.pdf") == 1
