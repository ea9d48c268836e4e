"""Build the book's other-language editions and keep their translations in step.

    python -m tools.languages build [--path-output DIR] [--html DIR] [-- JUPYTER-BOOK ARGS]
    python -m tools.languages update   # after an English edit: new messages into every .po

``build`` makes the Spanish reader edition (``make book`` runs it after the English one):

1. compiles every ``locales/<lang>/LC_MESSAGES/**/*.po`` into its ``.mo`` (Sphinx reads the
   compiled files; they are not kept in git);
2. writes ``<path-output>/_config.yml``: ``_config.yml`` with ``_config.<lang>.yml`` merged over
   it (the title, ``language``, myst-nb's button words), and ``<path-output>/_toc.yml``:
   ``_toc.yml`` with the part captions of ``_toc.<lang>.yml`` (:func:`language_toc`);
3. runs ``jupyter-book build . --config <that> --toc <that> --path-output <DIR>``
   with the same strict flags as the English build;
4. copies the result into the English site's folder as ``<html>/<lang>/``.

``update`` extracts the reader edition's messages (Sphinx's gettext builder) and merges them into
every language's catalogs with sphinx-intl: a new English paragraph arrives empty, a changed
one is marked fuzzy with the old translation kept as a starting point, a removed one is
dropped.
``tests/test_translations.py`` then names every message to translate, page and line.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: The editions besides English, by language code.
LANGUAGES = ("es",)
LOCALES = ROOT / "locales"
FLAGS = ("-n", "-W", "--keep-going")
#: The site's own words (_ext/*.py) and the theme's missing ones; compiled into sphinx.mo.
SITE = "site.po"


def jupyter_book() -> list[str]:
    """The jupyter-book command of this environment (as the Makefile runs it)."""
    return [
        sys.executable,
        "-c",
        "import sys; sys.modules['rfc3987_syntax'] = None; "
        "from jupyter_book.cli.main import main; main()",
    ]


def merge(base: dict, over: dict) -> dict:
    """``over`` merged into a copy of ``base``: mappings key by key, anything else replaced."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def config_for_english() -> dict:
    """_config.yml, with its local extensions found from anywhere."""
    return config_for(None)


def config_for(lang: str | None) -> dict:
    """_config.yml with ``_config.<lang>.yml`` merged over it (``None``: the English alone)."""
    base = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    over = {}
    if lang is not None:
        over = yaml.safe_load((ROOT / f"_config.{lang}.yml").read_text(encoding="utf-8")) or {}
    config = merge(base, over)
    # jupyter-book finds local extensions beside the config file: point at the book's _ext.
    local = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in local.items():
        local[name] = str(ROOT / folder)
    return config


def language_toc(path: Path) -> dict:
    """A translated edition's full table of contents, from its ``_toc.<lang>.yml``.

    Its ``meta.extends`` names the English table of contents and ``meta.captions`` gives each
    part caption in the edition's language, so a page added to ``_toc.yml`` is in both
    languages; a new part without a translated caption stops the build, naming it.
    """
    own = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    meta = dict(own.get("meta") or {})
    base_path = path.parent / meta.get("extends", "_toc.yml")
    base = yaml.safe_load(base_path.read_text(encoding="utf-8"))
    captions = meta.get("captions") or {}
    parts = copy.deepcopy(base["parts"])
    missing = [p["caption"] for p in parts if p.get("caption") and p["caption"] not in captions]
    if missing:
        raise SystemExit(
            f"{path.name}: the part caption(s) {', '.join(map(repr, missing))} of "
            f"{base_path.name} have no translation: add them under meta.captions."
        )
    for part in parts:
        if part.get("caption"):
            part["caption"] = captions[part["caption"]]
    return {"format": base.get("format", "jb-book"), "root": base["root"], "parts": parts}


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def compile_catalogs(lang: str) -> int:
    """Compile every .po of ``lang`` into its .mo (fuzzy entries left out); how many."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = LOCALES / lang / "LC_MESSAGES"
    count = 0
    for po in sorted(folder.rglob("*.po")):
        if po == folder / SITE:
            continue  # compiled into sphinx.mo below
        sources = [po, folder / SITE] if po == folder / "sphinx.po" else [po]
        mo = po.with_suffix(".mo")
        newest = max(p.stat().st_mtime for p in sources if p.exists())
        if mo.exists() and mo.stat().st_mtime >= newest:
            continue
        catalog = None
        for source in sources:
            with source.open("rb") as fh:
                part = read_po(fh, locale=lang)
            if catalog is None:
                catalog = part
            else:
                for message in part:
                    if message.id and message.id not in catalog:
                        catalog[message.id] = message
        with mo.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        count += 1
    return count


def build(lang: str, path_output: Path, html: Path | None, extra: list[str]) -> int:
    compile_catalogs(lang)
    path_output.mkdir(parents=True, exist_ok=True)
    config = path_output / "_config.yml"
    _write_if_changed(config, yaml.safe_dump(config_for(lang), sort_keys=False, allow_unicode=True))
    toc = path_output / "_toc.yml"
    merged = language_toc(ROOT / f"_toc.{lang}.yml")
    _write_if_changed(toc, yaml.safe_dump(merged, sort_keys=False, allow_unicode=True))
    cmd = [
        *jupyter_book(),
        "build",
        str(ROOT),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(path_output),
        *FLAGS,
        *extra,
    ]
    code = subprocess.run(cmd, cwd=ROOT).returncode
    if code == 0 and html is not None:
        target = html / lang
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(path_output / "_build" / "html", target)
    return code


def extract(out: Path) -> Path:
    """Every message of the reader edition, one .pot per page, into ``out``; the folder.

    Sphinx's gettext builder on the English pages, with the notebooks neither run nor their
    stored outputs read: outputs are not translated through gettext (painbook's catalog gives
    them their words, in the language of the build that runs them).
    """
    out.mkdir(parents=True, exist_ok=True)
    no_outputs = {
        "execute": {"execute_notebooks": "off"},
        "sphinx": {"config": {"nb_remove_code_outputs": True}},
    }
    config = merge(config_for_english(), no_outputs)
    config_path = out / "_config.yml"
    _write_if_changed(config_path, yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    cmd = [*jupyter_book(), "build", str(ROOT), "--config", str(config_path)]
    cmd += ["--builder", "custom", "--custom-builder", "gettext", "--path-output", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"extracting the messages failed:\n{proc.stdout}\n{proc.stderr}")
    return out / "_build" / "gettext"


#: painbook's own catalog (painbook/i18n.py): extracted and updated with Babel.
PAINBOOK_EXTRACT = [
    "extract",
    "-F",
    "babel.cfg",
    "-k",
    "_",
    "-k",
    "N_",
    "-k",
    "ngettext:1,2",
    "-k",
    "pgettext:1c,2",
    "--project=painbook",
    "-o",
    "painbook/locale/painbook.pot",
    ".",
]
PAINBOOK_UPDATE = [
    "update",
    "-i",
    "painbook/locale/painbook.pot",
    "-d",
    "painbook/locale",
    "-D",
    "painbook",
]


def update_painbook() -> int:
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    for args in (PAINBOOK_EXTRACT, PAINBOOK_UPDATE):
        code = subprocess.run([pybabel, "-q", *args], cwd=ROOT).returncode
        if code:
            return code
    return 0


def update(langs: tuple[str, ...] = LANGUAGES) -> int:
    """Every catalog brought up to date: the pages', painbook's and the diary page's."""
    code = update_painbook()
    if code:
        return code
    pot = extract(ROOT / "_build" / "i18n")
    intl = [str(Path(sys.executable).with_name("sphinx-intl")), "update", "-p", str(pot)]
    for lang in langs:
        code = subprocess.run([*intl, "-l", lang, "-d", str(LOCALES)], cwd=ROOT).returncode
        if code:
            return code
        drop_obsolete(lang)
    return 0


def drop_obsolete(lang: str) -> int:
    """Remove the messages the English no longer has (git keeps their old translations)."""
    import polib

    dropped = 0
    for path in sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po")):
        po = polib.pofile(str(path))
        stale = [entry for entry in po if entry.obsolete]
        if stale:
            for entry in stale:
                po.remove(entry)
            po.save()
            dropped += len(stale)
    return dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the other-language editions")
    b.add_argument("--lang", default=LANGUAGES[0], choices=LANGUAGES)
    b.add_argument("--path-output", type=Path, default=None)
    b.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    b.add_argument("extra", nargs="*", help="more jupyter-book arguments, after --")
    sub.add_parser("update", help="bring every catalog up to date with the English")
    args = parser.parse_args(argv)
    if args.command == "update":
        return update()
    path_output = args.path_output or ROOT / "_build" / args.lang
    return build(args.lang, path_output, args.html, args.extra)


if __name__ == "__main__":
    sys.exit(main())
