"""The Spanish edition's notebooks (notebooks/es): in step with the English ones and their catalogs.

``make notebooks`` writes ``notebooks/es/NAME.ipynb`` from ``notebooks/NAME.ipynb`` and
``locales/es/LC_MESSAGES/notebooks/NAME.po`` (tools/translate_notebooks.py) and runs it; nbval
checks its stored outputs like the English ones'. These tests fail when an English notebook
or a catalog changed without ``make notebooks``, naming the notebook and the cell.
"""

from __future__ import annotations

import json

import nbformat
import pytest
import yaml

from conftest import ROOT
from tools import translate_notebooks as tn

NAMES = tn.reader_notebooks()


def committed(name: str, lang: str = "es") -> nbformat.NotebookNode:
    path = tn.target(name, lang)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make notebooks`"
    return nbformat.read(path, as_version=4)


def test_every_reader_notebook_is_translated_and_nothing_else() -> None:
    assert NAMES, "no notebook in _toc.yml"
    on_disk = {p.stem for p in (ROOT / "notebooks" / "es").glob("*.ipynb")}
    assert on_disk == set(NAMES), "notebooks/es holds exactly the reader edition's notebooks"


def test_the_translations_are_not_pages_of_the_book() -> None:
    """Only the files in _toc.yml are built: notebooks/es is the Spanish download, no page."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["only_build_toc_files"] is True
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "notebooks/es/" not in toc


@pytest.mark.parametrize("name", NAMES)
def test_markdown_is_the_catalogs_translation_of_the_english(name: str) -> None:
    made = tn.translate_notebook(name, "es")
    have = committed(name)
    assert len(have.cells) == len(made.cells), (
        f"notebooks/es/{name}.ipynb has {len(have.cells)} cells, the English notebook makes "
        f"{len(made.cells)}: run `make notebooks`"
    )
    for number, (mine, fresh) in enumerate(zip(have.cells, made.cells, strict=True), start=1):
        assert mine.cell_type == fresh.cell_type, f"{name}: cell {number} changed type"
        if fresh.cell_type == "markdown":
            assert mine.source == fresh.source, (
                f"notebooks/es/{name}.ipynb, cell {number}: its Markdown is not what the English "
                f"cell and locales/es/LC_MESSAGES/notebooks/{name}.po make now: "
                "run `make notebooks`"
            )
    assert have.metadata.get("language") == "es"


@pytest.mark.parametrize("name", NAMES)
def test_code_cells_are_the_english_ones_and_the_language_cell(name: str) -> None:
    english = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    have = committed(name)
    code = [c for c in have.cells if c.cell_type == "code"]
    first, rest = code[0], code[1:]
    assert first.id == tn.LANGUAGE_CELL_ID and first.source == tn.language_cell("es").source
    # removed from the page, hidden in Jupyter, and nothing stored for nbval to compare
    assert first.metadata["tags"] == ["remove-cell"]
    assert first.metadata["jupyter"]["source_hidden"] is True
    assert first.outputs == []
    want = [c for c in english.cells if c.cell_type == "code"]
    assert len(rest) == len(want), f"notebooks/es/{name}.ipynb: run `make notebooks`"
    for mine, theirs in zip(rest, want, strict=True):
        assert (mine.source, mine.metadata) == (theirs.source, theirs.metadata), (
            f"notebooks/es/{name}.ipynb, cell id {theirs.get('id')}: the code is not the "
            "English notebook's: run `make notebooks`"
        )


@pytest.mark.parametrize("name", NAMES)
def test_the_download_speaks_spanish_from_its_first_code_cell(name: str) -> None:
    cells = json.loads(tn.target(name).read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert 'set_language("es")' in "".join(code[0]["source"])
    markdown = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"]
    assert markdown and markdown[0] == 0, "the notebook still opens with its title"


def fake(messages: dict[str, str]):
    def say(msgid: str) -> str:
        return messages[msgid]

    return say


def test_blocks_are_replaced_by_their_lines() -> None:
    source = (
        "# A title\n"
        "\n"
        "A paragraph on\n"
        "two lines.\n"
        "\n"
        "- One item\n"
        "  that goes on.\n"
        "- `code` item\n"
        "\n"
        "| Head | Other |\n"
        "|---|---|\n"
        "| a | b |\n"
        "\n"
        ":::{admonition} Box title\n"
        ":class: warning\n"
        "Inside the box.\n"
        ":::\n"
        "\n"
        "```python\n"
        "kept = 1\n"
        "```\n"
    )
    words = {
        "A title": "Un título",
        "A paragraph on two lines.": "Un párrafo.",
        "One item that goes on.": "Un punto que sigue.",
        "`code` item": "punto `code`",
        "Head": "Cabeza",
        "Other": "Otra",
        "a": "á",
        "b": "b|c",
        "Box title": "Título",
        "Inside the box.": "Dentro.",
    }
    assert tn.translate_markdown(source, fake(words)) == (
        "# Un título\n"
        "\n"
        "Un párrafo.\n"
        "\n"
        "- Un punto que sigue.\n"
        "- punto `code`\n"
        "\n"
        "| Cabeza | Otra |\n"
        "|---|---|\n"
        "| á | b\\|c |\n"
        "\n"
        ":::{admonition} Título\n"
        ":class: warning\n"
        "Dentro.\n"
        ":::\n"
        "\n"
        "```python\n"
        "kept = 1\n"
        "```\n"
    )


def test_links_go_one_folder_up_except_to_a_translated_notebook() -> None:
    text = (
        "[a](../book/08-pain-diary.md) [b](visit.ipynb#step-2) [c](class-check.ipynb) "
        "[d](https://medlineplus.gov/spanish/) [e](#here) ![f](../book/images/x.svg) "
        '<img src="../book/images/y.png" alt="y"> {doc}`../book/08-pain-diary`'
    )
    assert tn.relink(text, ["visit"]) == (
        "[a](../../book/08-pain-diary.md) [b](visit.ipynb#step-2) [c](../class-check.ipynb) "
        "[d](https://medlineplus.gov/spanish/) [e](#here) ![f](../../book/images/x.svg) "
        '<img src="../../book/images/y.png" alt="y"> {doc}`../../book/08-pain-diary`'
    )


def test_a_message_without_translation_names_notebook_cell_and_text(monkeypatch) -> None:
    name = NAMES[0]
    messages = tn.catalog(name, "es")
    english = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    title = english.cells[0].source.split("\n", 1)[0].lstrip("# ").strip()
    monkeypatch.setattr(tn, "catalog", lambda *_: {k: v for k, v in messages.items() if k != title})
    with pytest.raises(tn.MissingTranslation) as caught:
        tn.translate_notebook(name, "es")
    said = str(caught.value)
    assert f"notebooks/{name}.ipynb, cell 1" in said and repr(title) in said
