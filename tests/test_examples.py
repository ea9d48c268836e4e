"""painbook.examples: the words the notebooks' code cells show, English as the notebooks stored
them, and every one of them with its Spanish for painbook's catalog."""

from __future__ import annotations

import ast
import datetime as dt
import json

from conftest import ROOT
from painbook import examples
from painbook.i18n import use_language

SOURCE = ROOT / "painbook" / "examples.py"
HANDOFF = ROOT / "painbook" / "locale" / "es" / "LC_MESSAGES" / "examples-es.json"
CATALOG = ROOT / "painbook" / "locale" / "es" / "LC_MESSAGES" / "painbook.po"


def messages() -> set[str]:
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_"
    }


def test_the_english_is_what_the_notebooks_showed() -> None:
    with use_language("en"):
        assert examples.sam_first_plan() == {
            "what": "Walk the dog",
            "how_much": "30 minutes",
            "when": "Every morning",
            "days_per_week": 7,
            "confidence": 3,
        }
        assert examples.sam_new_plan()["what"] == "Walk the dog down the street"
        week = examples.sam_week()
        assert [d["day"] for d in week][::6] == ["Monday", "Sunday"]
        assert sum(d["done"] for d in week) == 4 and week[4]["note"].startswith("Knee sore")
        assert examples.maria_question().endswith("how should I pace it?")
        assert examples.grace_entry()["qualities"] == ["aching", "throbbing"]
        assert examples.entries_sentence("a.csv", 1) == "Entries in a.csv: 1"
        assert examples.unsorted_medicines_sentence([]).endswith("could not sort: none.")
        assert examples.unsorted_medicines_sentence(["x", "y"]).endswith("sort: x, y.")
        assert examples.month_notes([(dt.date(2025, 1, 1), "n")]) == ["January 2025: n"]


def test_spanish_month_names() -> None:
    with use_language("es"):
        assert examples.month_notes([(dt.date(2025, 1, 1), "n")]) == ["enero de 2025: n"]


def test_every_message_has_its_spanish() -> None:
    """In the hand-off file for painbook's catalog (or, once merged, in the catalog)."""
    spanish: dict[str, str] = {}
    if HANDOFF.is_file():
        spanish.update(json.loads(HANDOFF.read_text(encoding="utf-8")))
    if CATALOG.is_file():
        import polib

        spanish.update({e.msgid: e.msgstr for e in polib.pofile(str(CATALOG)) if e.msgstr})
    missing = sorted(m for m in messages() if not spanish.get(m))
    assert missing == []
    for msgid, msgstr in spanish.items():
        if msgid in messages():
            assert ("{" in msgid) == ("{" in msgstr), msgid
