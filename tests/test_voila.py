"""The code-free pages of ``make app``: the book's MyST markup rewritten as plain Markdown."""

from __future__ import annotations

import json

import nbformat

from conftest import ROOT
from painbook.voila import citations, myst_to_markdown, prelaunch_hook

BOX = """:::{admonition} When to get help
:class: warning
For chest pain call **911** or your local emergency number.
:::
After the box."""


def test_an_admonition_becomes_a_box_with_its_title_in_words() -> None:
    text = myst_to_markdown(BOX)
    assert ":::" not in text and ":class:" not in text
    assert text.startswith('<div class="painbook-box" role="note"')
    assert "\n\n**When to get help**\n\n" in text
    assert "For chest pain call **911**" in text
    assert "\n\n</div>\n\nAfter the box." in text  # Markdown before and after the box still works


def test_roles_become_their_words_and_citations_author_and_year() -> None:
    cite = citations(ROOT / "book" / "references.bib")
    assert cite["krebs2009"] == "Krebs and others, 2009"
    text = myst_to_markdown(
        "Your {term}`pain diary <Pain diary>` and {term}`PAINAD`, from the PEG {cite}`krebs2009`.",
        cite,
    )
    assert text == "Your pain diary and PAINAD, from the PEG (Krebs and others, 2009)."
    assert myst_to_markdown("The PEG {cite}`krebs2009`.") == "The PEG."  # no bibliography


def test_the_hook_rewrites_every_markdown_cell_of_a_workbook_notebook() -> None:
    notebook = nbformat.reads(
        (ROOT / "notebooks" / "keep-a-diary.ipynb").read_text(encoding="utf-8"), as_version=4
    )
    code_before = [c.source for c in notebook.cells if c.cell_type == "code"]
    out = prelaunch_hook(None, notebook, str(ROOT / "notebooks"))
    markdown = "\n".join(c.source for c in out.cells if c.cell_type == "markdown")
    for raw in (":::{", "{term}`", "{cite}`"):
        assert raw not in markdown
    assert "**When to get help**" in markdown and "(Krebs and others, 2009)" in markdown
    assert [c.source for c in out.cells if c.cell_type == "code"] == code_before
    assert "tools/voila_config.py" in (ROOT / "Makefile").read_text(encoding="utf-8")
    json.dumps(out)  # still a notebook
