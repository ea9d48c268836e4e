"""The book's MyST markup as plain Markdown, for the workbook's code-free pages (``make app``).

Voilà shows a notebook's Markdown cells with nbconvert, which knows CommonMark but not the
book's MyST: the "When to get help" box would show as ``:::{admonition} ...`` and glossary
words as ``{term}`pain diary <Pain diary>```. ``make app`` therefore gives Voilà
:func:`prelaunch_hook`, which rewrites each Markdown cell with :func:`myst_to_markdown`
before the page is made:

* an admonition (``:::{admonition} Title``, ``:::{note}``, ...) becomes a box with its title
  in bold (an HTML ``<div role="note">`` around the Markdown, with a coloured edge and a
  title in words, so nothing rests on colour);
* ``{term}`words <Entry>``` becomes the words; any other role its text;
* ``{cite}`key``` becomes "(Author and others, year)" from the book's ``references.bib``, or
  is left out when the file is not there.

The notebook file itself is not changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from painbook.i18n import N_, _

__all__ = ["myst_to_markdown", "citations", "prelaunch_hook"]

_ADMONITIONS = "admonition|note|warning|important|tip|caution|danger|attention|hint|seealso|error"
_OPEN = re.compile(rf"^(?P<fence>:{{3,}}|`{{3,}})\{{(?P<kind>{_ADMONITIONS})\}}\s*(?P<title>.*)$")
_OPTION = re.compile(r"^:[\w-]+:.*$")
_CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
_TERM = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`")
#: The title of a box that has none of its own: its kind, in words.
_KIND_TITLES = {
    "admonition": N_("Admonition"),
    "note": N_("Note"),
    "warning": N_("Warning"),
    "important": N_("Important"),
    "tip": N_("Tip"),
    "caution": N_("Caution"),
    "danger": N_("Danger"),
    "attention": N_("Attention"),
    "hint": N_("Hint"),
    "seealso": N_("Seealso"),
    "error": N_("Error"),
}
_BOX = (
    '<div class="painbook-box" role="note" style="border-left: 6px solid #8a4b00; '
    'background: #fff8ec; padding: 0.2em 1em; margin: 1em 0;">'
)


def citations(bib: Path) -> dict[str, str]:
    """Each key of a BibTeX file as "Author and others, year" (empty if it cannot be read)."""
    try:
        from pybtex.database import parse_file

        data = parse_file(str(bib))
    except Exception:  # no file, or one pybtex cannot read: citations are left out
        return {}
    found = {}
    for key, entry in data.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            who = " ".join(people[0].last_names)
            if len(people) > 1:
                who = _("{name} and others").format(name=who)
        else:
            who = str(entry.fields.get("organization") or entry.fields.get("title", key))
        year = entry.fields.get("year", "")
        who = who.replace("{", "").replace("}", "")
        found[key] = f"{who}, {year}" if year else who
    return found


def myst_to_markdown(text: str, cite: Mapping[str, str] | None = None) -> str:
    """A Markdown cell's MyST (admonitions, roles, citations) as CommonMark with HTML boxes."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        opened = _OPEN.match(line.strip()) if fence is None else None
        if opened:
            fence = opened["fence"]
            kind = opened["kind"]
            title = opened["title"].strip() or _(_KIND_TITLES.get(kind, kind.capitalize()))
            out += [_BOX, "", f"**{title}**", ""]
            continue
        if fence is not None:
            if line.strip() == fence:
                out += ["", "</div>", ""]
                fence = None
                continue
            if _OPTION.match(line.strip()):
                continue
        out.append(line)

    def cited(match: re.Match[str]) -> str:
        names = [(cite or {}).get(k.strip()) for k in match[1].split(",")]
        shown = "; ".join(n for n in names if n)
        return f"({shown})" if shown else ""

    body = _CITE.sub(cited, "\n".join(out))
    body = re.sub(r"[ \t]+\(\)", "", body)
    body = _TERM.sub(lambda m: m[1].strip(), body)
    return re.sub(r" +([.,;:])", r"\1", body)


def prelaunch_hook(req: Any, notebook: Any, cwd: str) -> Any:
    """Voilà's hook (``VoilaConfiguration.prelaunch_hook``): rewrite the Markdown cells."""
    bib = Path(cwd).resolve().parent / "book" / "references.bib"
    cite = citations(bib)
    for cell in notebook.cells:
        if cell.get("cell_type") == "markdown":
            cell["source"] = myst_to_markdown(cell["source"], cite)
    return notebook
