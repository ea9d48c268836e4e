"""Reading level of the Spanish edition, on the INFLESZ scale.

The measure is the Szigriszt-Pazos perspicuity index, read on the INFLESZ scale, the accepted
measure for Spanish health texts (Barrio-Cantalejo and others, *An Sist Sanit Navar*
2008;31(2):135-152)::

    P = 206.835 - 62.3 * syllables / words - words / sentences

    INFLESZ:  < 40 muy difícil, 40-55 algo difícil, 55-65 normal,
              65-80 bastante fácil, > 80 muy fácil

Syllables are counted by silabeador (pinned in requirements.txt), which splits Spanish words
by their rules (diphthongs, hiatus with an accent: "dí-a", "o-ír"); textstat's Spanish mode
undercounts them and makes a text look easier than it is.

A page's Spanish prose is taken from its translation catalog
(``locales/es/LC_MESSAGES/<page>.po``): every translated message whose English source line is
prose, with the same cleaning as the English measure (tools/readability.py): headings, table
rows, directive options and labels left out, roles and links reduced to the words a reader
sees, a list item read as one sentence. Numbers are left out of the word count, as they are
read as figures.

    python -m tools.readability_es locales/es/LC_MESSAGES/book/01-what-pain-is.po ...
"""

from __future__ import annotations

import re
import sys
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polib
import silabeador

from tools.readability import prose

ROOT = Path(__file__).resolve().parent.parent
MIN_INFLESZ = 65.0  # issue 15: every Spanish chapter "bastante fácil" (65 or more) or easier.

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;:]+(?:\s|$)|\n")
_LOCATION = re.compile(r"(?P<path>.+?):(?P<line>\d+)$")


@lru_cache(maxsize=50_000)
def syllables(word: str) -> int:
    """Spanish syllables in one word (silabeador); at least one."""
    try:
        with warnings.catch_warnings():  # silabeador reads its word list with a deprecated call
            warnings.simplefilter("ignore", DeprecationWarning)
            return max(1, len(silabeador.syllabify(word.lower())))
    except Exception:  # a word silabeador cannot split (a brand, an abbreviation)
        return max(1, len(re.findall(r"[aeiouáéíóúü]+", word.lower())))


def sentences(text: str) -> int:
    """Sentences: runs of words ended by . ! ? ; : or a line end (list items, table cells)."""
    return max(1, sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part)))


@dataclass(frozen=True)
class Inflesz:
    path: str
    words: int
    sentences: int
    syllables: int

    @property
    def score(self) -> float:
        """The Szigriszt-Pazos index (Barrio-Cantalejo 2008)."""
        if not self.words:
            return 0.0
        return 206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences

    @property
    def band(self) -> str:
        """The INFLESZ band of the score."""
        p = self.score
        if p < 40:
            return "muy difícil"
        if p < 55:
            return "algo difícil"
        if p < 65:
            return "normal"
        if p <= 80:
            return "bastante fácil"
        return "muy fácil"


def measure_text(text: str, path: str = "") -> Inflesz:
    words = _WORD.findall(text)
    return Inflesz(
        path=path,
        words=len(words),
        sentences=sentences(text),
        syllables=sum(syllables(w) for w in words),
    )


def _source_line(location: tuple[str, str], catalog: Path) -> str | None:
    """The English source line a message comes from (its first line), or None."""
    name, line = location
    source = (catalog.parent / name).resolve()
    if not source.exists():
        # sphinx-intl writes locations relative to the gettext output; find the page by name
        parts = Path(name).parts
        for i in range(len(parts)):
            candidate = ROOT.joinpath(*parts[i:])
            if candidate.exists():
                source = candidate
                break
        else:
            return None
    if not line or not line.isdigit():
        return None  # a page's description (html_meta) has no line
    number = int(line)
    if source.suffix == ".ipynb":
        return None  # notebook locations are cell * 10000 + line: no single source line
    lines = source.read_text(encoding="utf-8").splitlines()
    return lines[number - 1] if 0 < number <= len(lines) else None


def spanish_prose(catalog: Path) -> str:
    """The translated prose of one page, cleaned as the English measure cleans it."""
    po = polib.pofile(str(catalog))
    out = []
    for entry in po:
        if not entry.msgstr or entry.obsolete or "fuzzy" in entry.flags:
            continue
        first = _source_line(entry.occurrences[0], catalog) if entry.occurrences else None
        if first is not None and first.strip().startswith(("#", "|", ":", "%", "+++")):
            continue  # headings, table rows, directive options: not measured in English either
        if first is not None and re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", first):
            text = "- " + entry.msgstr  # a list item reads as one sentence
        else:
            text = entry.msgstr
        out.append(prose(text))
    return "\n".join(out)


def measure(catalog: Path) -> Inflesz:
    return measure_text(spanish_prose(catalog), catalog.stem)


def table(levels: list[Inflesz]) -> str:
    rows = [f"{'página':34} {'palabras':>8} {'INFLESZ':>8}  banda"]
    for lv in levels:
        flag = "" if lv.score >= MIN_INFLESZ else "  <-- below 65"
        rows.append(f"{lv.path:34} {lv.words:8d} {lv.score:8.1f}  {lv.band}{flag}")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table([measure(Path(p)) for p in sys.argv[1:]]))
