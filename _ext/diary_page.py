"""The book's own pain diary page (``diary/index.md``): its rules, scripts, styles and offline copy.

The page is a small web app in plain ES modules (``diary/js/``) that keeps a diary in the
reader's browser. This extension, for that one page only:

- writes ``rules.json`` beside the built page with :func:`painbook.webrules.write_rules`: the
  diary's columns, header variants, ranges, bands, the flare rule, the form's labels and
  messages, all taken from ``painbook`` at build time (the JavaScript never copies them);
- copies the diary's scripts (``diary/js/*.js``; the node tests and their helpers live in
  sub-folders and are not copied), the vendored ``idb`` library, the service worker and the
  web app manifest into the built ``diary/`` folder, so that no other page loads them. The
  copies leave out lines that hold only a comment (the modules' documentation, about a
  quarter of their compressed size) and the spaces that start a line (when no string or
  template literal can go on over a line end); nothing else in them changes;
- puts the page's stylesheet (``diary/diary.css``) inline in the page's head (the site keeps
  to one linked stylesheet per page) with the manifest link;
- speaks the page's language (Sphinx's ``language``: ``es`` in the Spanish edition): the rules
  are written by painbook in that language (:func:`painbook.i18n.use_language`), the page's
  own HTML (the ``{raw} html`` block) is put into it at build time, without JavaScript, and
  ``messages.json`` beside the page holds the modules' words in it, from the diary's catalog
  ``diary/locale/<lang>/LC_MESSAGES/diary.po`` (``_ext/diary_messages.py``; empty in English);
- after the build, adds a Content Security Policy to the built page (nothing may be fetched
  from or sent to another host; only the page's own inline scripts, by their hashes, may run)
  and writes into the service worker the list of the site's files the page needs, with a
  version made from their contents, so that the diary opens offline after one visit and a
  new version of the site replaces the old copy.

tests/test_diary_page.py checks the result in a browser.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx.application import Sphinx

try:  # loaded by Sphinx from _ext (local_extensions), or as _ext.diary_page by the tests
    import diary_messages
except ImportError:  # pragma: no cover
    from _ext import diary_messages

DOCNAME = "diary/index"
SOURCE = Path(__file__).resolve().parent.parent / "diary"

# The policy of the diary page. connect-src 'self' stops any fetch, XHR, WebSocket or beacon
# to another host; default-src 'self' does the same for every other kind of request. Styles
# may be inline (the theme sets style attributes); scripts only by the hashes written below.
_POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
    "manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'"
)
_CSP_TAG = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>')
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"#?]+)[^"]*"', re.I)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")#?]+)")
_HANDLER = re.compile(r'\son[a-z]+="([^"]*)"')
_PRECACHE = "/* PRECACHE */"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def language(app: Sphinx) -> str:
    """The page's language, from Sphinx's ``language`` ("es", "en")."""
    return (app.config.language or "en").split("_")[0].split("-")[0].lower()


def _translate_raw(app: Sphinx, doctree: Any, docname: str) -> None:
    """The page's raw HTML in the page's language (its text and labels, msgid by msgid)."""
    lang = language(app)
    if docname != DOCNAME or lang == "en":
        return
    messages = diary_messages.translations(lang)
    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "").split():
            continue
        text = diary_messages.translate_html(raw.astext(), messages)
        raw.replace_self(nodes.raw("", text, format=raw["format"]))


def _rules_writer():
    """painbook's rules writer. Raises at once, with a plain message, if it is missing."""
    try:
        from painbook.webrules import write_rules
    except ImportError as err:  # the page cannot work without its rules: fail the build
        raise RuntimeError(
            "diary_page: painbook.webrules.write_rules is missing; the diary page takes its "
            "rules from it and cannot be built without it"
        ) from err
    return write_rules


_IMPORT = re.compile(r'^\s*import\s[^;]*?from\s+"(\./[\w-]+\.js|\.\./vendor/[\w-]+\.js)"', re.M)


def static_imports(entry: str = "app.js") -> list[str]:
    """The modules ``js/<entry>`` loads as the page opens (its static imports, recursively),
    as paths relative to the page: preloaded together, they arrive in one round trip instead
    of one per level of imports. Modules loaded later (``import()``) are not listed."""
    found: list[str] = []
    todo = [f"js/{entry}"]
    while todo:
        path = todo.pop(0)
        if path in found:
            continue
        found.append(path)
        text = (SOURCE / path).read_text(encoding="utf-8")
        for ref in _IMPORT.findall(text):
            todo.append(Path(path).parent.joinpath(ref).as_posix().replace("js/../", ""))
    return found


def _add_head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename != DOCNAME:
        return
    css = (SOURCE / "diary.css").read_text(encoding="utf-8")
    # In a language other than English, Sphinx adds _static/translations.js, which makes its
    # plural rule with `new Function` (doctools.js): the page's policy forbids evaluating
    # strings, so the diary page goes without it (it only translates the search's words,
    # which the search page has itself).
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if not str(getattr(js, "filename", "") or "").endswith("translations.js")
    ]
    # The modules, asked for together beside the page's script, after everything the first
    # paint needs (the stylesheet in the head); the browser fetches them in one round trip.
    preload = "".join(f'<link rel="modulepreload" href="{m}">\n' for m in static_imports())
    script = '<script type="module" src="js/app.js"></script>'
    context["body"] = context.get("body", "").replace(script, preload + script, 1)
    context["metatags"] = (
        context.get("metatags", "")
        + '\n<link rel="manifest" href="manifest.webmanifest">'
        + '\n<meta name="theme-color" content="#1d4f91">'
        + f"\n<style>\n{css}\n</style>"
    )


def _css_outdated(app: Sphinx, env: Any, added, changed, removed) -> list[str]:
    """Write the page again when its stylesheet or its list of modules changed."""
    po = diary_messages.po_file(language(app))
    stamp = hashlib.sha256(
        (SOURCE / "diary.css").read_bytes()
        + " ".join(static_imports()).encode()
        + (po.read_bytes() if po.is_file() else b"")
    ).hexdigest()
    if getattr(env, "diary_page_css", None) == stamp:
        return []
    env.diary_page_css = stamp
    return [DOCNAME] if DOCNAME in env.found_docs else []


def _copy_if_changed(source: Path, target: Path, data: bytes | None = None) -> None:
    data = source.read_bytes() if data is None else data
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def without_comment_lines(text: str) -> str:
    """``text`` (a JavaScript module) without the lines that hold only a comment.

    A line is left out when it is a ``// ...`` line, or part of a block comment that starts
    a line (``/*`` or ``/**``) and ends a line (``*/``), each line between starting with
    ``*``. Anything else, code and strings, is kept as it is, line by line.
    """
    out: list[str] = []
    block = False
    for line in text.split("\n"):
        bare = line.strip()
        if block:
            if not bare.startswith("*") and bare:
                raise ValueError(f"diary_page: a block comment line that is not one: {line!r}")
            if "*/" in bare and not bare.endswith("*/"):
                raise ValueError(f"diary_page: code after a block comment: {line!r}")
            block = "*/" not in bare
            continue
        if bare.startswith("/*"):
            end = bare.find("*/", 2)
            if end == -1:
                block = True
                continue
            if end == len(bare) - 2:
                continue
        elif bare.startswith("//"):
            continue
        out.append(line)
    return "\n".join(out)


def without_indentation(text: str) -> str:
    """``text`` (a JavaScript module) with no spaces at the start of its lines, or ``text``
    itself when a line could end inside a string: a template literal over several lines
    (a line with an odd number of backticks) or a line ending in a backslash."""
    lines = text.split("\n")
    if any(line.count("`") % 2 or line.rstrip().endswith("\\") for line in lines):
        return text
    return "\n".join(line.lstrip() for line in lines)


def _copy_of_module(text: str) -> bytes:
    return without_indentation(without_comment_lines(text)).encode("utf-8")


def page_files(outdir: Path, page: Path) -> list[str]:
    """Every file of the site the built page needs, relative to the page's folder.

    The scripts and stylesheets the page links, what those stylesheets point at (fonts,
    icons), and the diary's own files beside the page.
    """
    base = page.relative_to(outdir).as_posix()
    found: list[str] = []

    def add(url: str, relative_to: str) -> None:
        if urlsplit(url).scheme or url.startswith(("data:", "//")):
            return
        path = urlsplit(urljoin(relative_to, url)).path
        if path not in found and (outdir / path).is_file():
            found.append(path)
            if path.endswith(".css"):
                text = (outdir / path).read_text(encoding="utf-8", errors="replace")
                for ref in _CSS_URL.findall(text):
                    add(ref, path)

    for url in _ASSET.findall(page.read_text(encoding="utf-8")):
        add(url, base)
    for own in sorted((page.parent).rglob("*")):
        if own.is_file() and own.name != "sw.js":
            add(own.relative_to(page.parent).as_posix(), base)
    folder = page.parent.relative_to(outdir).as_posix() + "/"
    return ["./"] + [_relative(p, folder) for p in found]


def _relative(path: str, folder: str) -> str:
    up = "../" * folder.count("/")
    return path[len(folder) :] if path.startswith(folder) else up + path


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    folder = outdir / "diary"
    page = folder / "index.html"
    if not page.is_file():
        return
    from painbook.i18n import use_language

    lang = language(app)
    with use_language(lang if lang in ("en", "es") else "en"):
        _rules_writer()(folder / "rules.json")
    catalog = diary_messages.page_catalog(lang)
    words = json.dumps(catalog, ensure_ascii=False, separators=(",", ":"))
    _copy_if_changed(folder / "messages.json", folder / "messages.json", words.encode("utf-8"))
    for source in sorted((SOURCE / "js").glob("*.js")):
        text = source.read_text(encoding="utf-8")
        _copy_if_changed(source, folder / "js" / source.name, _copy_of_module(text))
    for source in sorted((SOURCE / "vendor").glob("*")):
        data = source.read_bytes()
        if source.suffix == ".js":
            data = _copy_of_module(data.decode("utf-8"))
        _copy_if_changed(source, folder / "vendor" / source.name, data)
    manifest = (SOURCE / "manifest.webmanifest").read_bytes()
    if lang != "en":
        data = json.loads(manifest)
        every = diary_messages.translations(lang)
        for key in diary_messages.MANIFEST_KEYS:
            if isinstance(every.get(data.get(key)), str):
                data[key] = every[data[key]]
        data["lang"] = lang
        manifest = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _copy_if_changed(SOURCE / "manifest.webmanifest", folder / "manifest.webmanifest", manifest)

    html = _CSP_TAG.sub("", page.read_text(encoding="utf-8"))
    handlers = [html_lib.unescape(h) for h in _HANDLER.findall(html)]
    hashes = " ".join(
        dict.fromkeys(
            _hash(body) for body in _INLINE_SCRIPT.findall(html) + handlers if body.strip()
        )
    )
    if handlers:  # the theme's buttons (print, full screen) have onclick attributes
        hashes = "'unsafe-hashes' " + hashes
    tag = f'<meta http-equiv="Content-Security-Policy" content="{_POLICY.format(hashes=hashes)}">'
    html = re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + "\n    " + tag, html, count=1)
    page.write_text(html, encoding="utf-8")

    files = page_files(outdir, page)
    digest = hashlib.sha256()
    for name in files[1:]:
        digest.update(name.encode() + b"\0" + (folder / name).resolve().read_bytes())
    worker = (SOURCE / "sw.js").read_text(encoding="utf-8")
    precache = f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\nconst FILES = " + (
        json.dumps(files, indent=1) + ";\n"
    )
    (folder / "sw.js").write_text(worker.replace(_PRECACHE, precache), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    _rules_writer()  # fail early, before any page is read
    app.connect("env-get-outdated", _css_outdated)
    app.connect("doctree-resolved", _translate_raw)
    app.connect("html-page-context", _add_head, priority=960)
    app.connect("build-finished", _finish, priority=200)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
