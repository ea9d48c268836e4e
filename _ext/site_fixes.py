"""Fix, at build time, what the stock theme gets wrong for the book's readers.

Readers are patients and caregivers, often on a phone and sometimes with a screen reader.
tests/test_site.py checks every built page in a real browser (axe-core, console, privacy,
keyboard, 320 px, print) and with the Nu HTML Checker; this extension, the templates in
``_templates/`` and ``_static/site.css`` are what makes those checks pass:

- **Icons without 1.8 MB of script and fonts.** The theme draws its icons with Font Awesome's
  JavaScript (``fontawesome.js``, 1.5 MB, run on every page) and its icon fonts (300 KB, for the
  admonition icons). ``_templates/layout.html`` drops the script, and this extension writes
  ``_static/site-icons.css``: the icons the theme's buttons use, taken from that same bundle
  (Font Awesome Free, icons CC BY 4.0) and drawn as CSS masks in the text colour, and the
  icon fonts cut down to the few characters the stylesheets use (a few KB).
- **One stylesheet instead of thirteen.** The theme and its extensions link a dozen
  stylesheets (one through an ``@import``), each a request before the first paint; they are
  joined, in their order, into one ``_static/site-bundle-*.css``.
- **Scripts that do not block the first paint**: the page's script files get ``defer``
  (``documentation_options.js`` stays first and synchronous: inline scripts use it); the
  notebook widgets' state, which nothing on the page can draw, is left out.
- **A meta description on every page**, from the page's first paragraph, unless the page sets
  one itself (front matter ``html_meta: {description: ...}``).
- **Print**: web links whose text is their address are marked, so that print shows the
  address once (``_static/site.css`` prints every other link's address after it).
- **Named controls, labelled tables**: the sidebar's section toggles are named after their
  chapter; myst-nb's "Show code cell source" toggles are named by their text; table header
  cells get a ``scope``, and pandas' empty corner header cells become plain cells.
- **Valid HTML**: ``<style>`` blocks that notebook outputs put in the body (pandas writes
  ``<style scoped>``) move to the head; the bibliography's deprecated ``doc-biblioentry`` role
  becomes ``listitem``.
- **A sitemap and robots.txt** for the address in ``html_baseurl`` (``html.baseurl`` in
  _config.yml), written from every page of the book, not only the pages a rebuild wrote, each
  page listed in both languages with its hreflang alternates (the English build writes it).
- **A valid front door**: the ``index.html`` that redirects to the book's first page is a
  complete HTML document (the stock one is a lone ``<meta>`` tag), with an empty icon, so
  that the browser does not ask for a ``/favicon.ico`` in the instant before it moves on.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import languages
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript
from sphinx.locale import get_translation
from sphinx.util import logging

logger = logging.getLogger(__name__)
# The site's own words, in the edition's language: Sphinx's catalog, to which the book adds
# locales/<lang>/LC_MESSAGES/site.po (tools/languages.py compiles the two together).
_ = get_translation("sphinx")

# --------------------------------------------------------------------------- icons

# Every Font Awesome icon the theme, its buttons and the launch menu can show.
# tests/test_site.py fails if a page uses an ``fa-`` icon that is not drawn here.
ICONS = [
    "angle-left",
    "angle-right",
    "arrow-up",
    "bars",
    "bitbucket",
    "book",
    "chevron-down",
    "circle-half-stroke",
    "code",
    "compress",
    "download",
    "expand",
    "file",
    "file-code",
    "file-pdf",
    "github",
    "gitlab",
    "lightbulb",
    "list",
    "magnifying-glass",
    "moon",
    "outdent",
    "pen-to-square",
    "pencil",
    "pencil-alt",
    "play",
    "print",
    "rocket",
    "sun",
    "xmark",
]

_ICON_CLASSES = ".fa-solid, .fas, .fa-regular, .far, .fa-brands, .fab"
# The theme's Font Awesome fonts: (file stem, CSS family, weight).
_FONTS = [
    ("fa-solid-900", "Font Awesome 6 Free", 900),
    ("fa-regular-400", "Font Awesome 6 Free", 400),
    ("fa-brands-400", "Font Awesome 6 Brands", 400),
]


def _theme_static() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"


def _icon_packs(bundle: str) -> dict[str, str]:
    """The text of fontawesome.js for each pack: brands, then regular, then solid."""
    ends = {p: bundle.index(f'd("{p}",') for p in ("fab", "far", "fas")}
    return {
        "fab": bundle[: ends["fab"]],
        "far": bundle[ends["fab"] : ends["far"]],
        "fas": bundle[ends["far"] : ends["fas"]],
    }


_ICON = re.compile(r'(?:"([\w-]+)"|\b([\w-]+)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]*","(M[^"]+)"\]')


def _find_icon(pack: str, name: str) -> tuple[int, int, str] | None:
    for m in _ICON.finditer(pack):
        aliases = re.findall(r'"([\w-]+)"', m.group(5))
        if name in (m.group(1) or m.group(2), *aliases):
            return int(m.group(3)), int(m.group(4)), m.group(6)
    return None


def _mask_rules(names: list[str]) -> list[str]:
    bundle = (_theme_static() / "scripts/fontawesome.js").read_text(encoding="utf-8")
    packs = _icon_packs(bundle)
    rules = []
    for name in names:
        found = None
        for pack in ("fas", "fab", "far"):
            found = _find_icon(packs[pack], name)
            if found:
                break
        if not found:
            logger.warning("site_fixes: no Font Awesome icon named %r", name)
            continue
        width, height, path = found
        svg = (
            f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
            f"<path d='{path}'/></svg>"
        )
        svg = svg.replace("%", "%25").replace("#", "%23").replace('"', "%22")
        rules.append(
            f'.fa-{name} {{ width: {width / height:.4g}em; --site-icon: url("data:image/svg+xml,'
            f'{svg}"); }}'
        )
    return rules


_PUA = re.compile(r"\\([ef][0-9a-f]{3})(?![0-9a-f])|([\ue000-\uf8ff])", re.I)


def _css_codepoints(app: Sphinx) -> list[int]:
    """Font Awesome characters that stylesheets put in ``content`` (admonition icons...).

    The theme's stylesheet also carries Font Awesome's whole class list (``.fa-x:before``),
    which the masks above replace; from it only the theme's ``--pst-icon-*`` are taken.
    """
    dirs = [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]
    dirs += [Path(app.confdir) / p for p in app.config.html_static_path]
    found: set[int] = set()
    for folder in dirs:
        for css in sorted(folder.rglob("*.css")) if folder.is_dir() else []:
            text = css.read_text(encoding="utf-8", errors="replace")
            if "--pst-icon-" in text and ".fa-solid" in text:
                text = " ".join(re.findall(r"--pst-icon-[\w-]+:[^;}]*", text))
            for escaped, literal in _PUA.findall(text):
                found.add(int(escaped, 16) if escaped else ord(literal))
    return sorted(found)


def _subset_font(source: Path, target: Path, codepoints: list[int]) -> bool:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    if not set(codepoints) & set(font.getBestCmap()):
        return False
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.name_IDs = ["*"]  # keeps the font's copyright and licence names
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.flavor = "woff"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return True


def icons_css(codepoints: list[int], static: Path, key: str) -> str:
    """The icon stylesheet; writes the subset fonts it names into `static`."""
    rules = [
        "/* The theme's icons without its 1.5 MB fontawesome.js or 300 KB of fonts.",
        " * Written by _ext/site_fixes.py from the Font Awesome Free files shipped with",
        " * pydata-sphinx-theme. Font Awesome Free by Fonticons, Inc.: icons CC BY 4.0,",
        " * fonts SIL OFL 1.1 (https://fontawesome.com/license/free).",
        f" * Font characters: {' '.join(f'{c:x}' for c in codepoints)}. Key: {key} */",
        '/* Icons in the page (<i class="fa-solid fa-bars">): masks in the text colour. */',
        f"{_ICON_CLASSES} {{",
        "  display: inline-block; width: 1em; height: 1em; vertical-align: -0.125em;",
        "  background-color: currentColor; -webkit-mask: var(--site-icon) center / contain"
        " no-repeat; mask: var(--site-icon) center / contain no-repeat;",
        "}",
        f":is({_ICON_CLASSES})::before {{ content: none; }}",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
        "@media (forced-colors: active) {",
        f"  {_ICON_CLASSES} {{ forced-color-adjust: none; background-color: CanvasText; }}",
        "}",
        *_mask_rules(ICONS),
        "/* Icons that stylesheets draw with the icon font (admonition titles...): the same",
        " * fonts cut down to those characters, declared last so they replace the theme's. */",
    ]
    webfonts = _theme_static() / "vendor/fontawesome/webfonts"
    for stem, family, weight in _FONTS:
        target = static / f"site-{stem}.woff"
        if _subset_font(webfonts / f"{stem}.ttf", target, codepoints):
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-style: normal; '
                f"font-weight: {weight}; font-display: block; "
                f'src: url("{target.name}") format("woff"); }}'
            )
        else:
            target.unlink(missing_ok=True)
    return "\n".join(rules) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _write_icons(app: Sphinx, builder: Any) -> None:
    app.__dict__["_site_bundles"] = {}  # rebuilt once per build, from the copied files
    if builder.format != "html":
        return
    import pydata_sphinx_theme

    static = Path(app.outdir) / "_static"
    codepoints = _css_codepoints(app)
    key = repr((ICONS, codepoints, pydata_sphinx_theme.__version__))
    key = hashlib.sha1(key.encode()).hexdigest()[:12]
    css = static / "site-icons.css"
    if css.is_file() and f"Key: {key} */" in css.read_text(encoding="utf-8")[:2000]:
        return  # written by an earlier build from the same icons and theme
    _write_if_changed(css, icons_css(codepoints, static, key))


# --------------------------------------------------------------------------- stylesheets

_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)""")
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"])([^'"]+)\1\s*\)?\s*;""")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def _theme_pre_css() -> list[str]:
    """The stylesheets pydata-sphinx-theme links before Sphinx's (its webpack macros)."""
    macros = (_theme_static() / "webpack-macros.html").read_text(encoding="utf-8")
    start = macros.index("head_pre_assets")
    return re.findall(
        r"pathto\('(_static/[^']+\.css)'", macros[start : macros.index("endmacro", start)]
    )


def inline_css(source: Path, static: Path, path: Path) -> str:
    """The stylesheet `source`, which the site serves as `path`, with its ``@import``s
    inlined and its ``url()``s made relative to `static`, where the bundle is."""
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"@charset\s+[^;]+;", "", text)
    text = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", text)  # maps of the separate files
    imports: list[str] = []

    def _hold(m: re.Match) -> str:
        imports.append(m.group(2))
        return f"\0{len(imports) - 1}\0"

    def _url(m: re.Match) -> str:
        target = m.group(2).strip()
        if _ABSOLUTE.match(target):
            return m.group(0)
        m2 = re.match(r"([^?#]*)(.*)", target)
        where, tail = m2.group(1), m2.group(2)
        new = os.path.relpath((path.parent / where).resolve(), static.resolve()).replace(
            os.sep, "/"
        )
        return f'url("{new}{tail}")'

    text = _URL.sub(_url, _IMPORT.sub(_hold, text))

    def _inline(m: re.Match) -> str:
        target = path.parent / imports[int(m.group(1))]
        found = target if target.is_file() else source.parent / imports[int(m.group(1))]
        return inline_css(found, static, target)

    return re.sub(r"\0(\d+)\0", _inline, text)


def _own_static(app: Sphinx) -> list[Path]:
    """The book's own static folders (``html_static_path``: ``_static/``)."""
    return [Path(app.confdir) / p for p in app.config.html_static_path]


def _static_stamp(app: Sphinx) -> str:
    """The name, size and time of every file in the book's static folders."""
    stamp = []
    for folder in _own_static(app):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = path.stat()
                stamp.append(f"{path.relative_to(folder)}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha1("\n".join(stamp).encode()).hexdigest()


def _stamp_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "site-static.stamp"


def _static_outdated(app: Sphinx, env: Any, added, changed, removed) -> list[str]:
    """Every page, when a file in ``_static/`` changed since the last build.

    Sphinx rewrites only the pages whose sources changed and, when none did, stops before it
    copies the static files: an edit to ``_static/site.css`` alone would never reach the site.
    Every page links the stylesheet bundle with a checksum, so every page is written again.
    The stamp of the last build is a file beside Sphinx's own (its saved environment is not
    written again when no page changed).
    """
    app.__dict__["_site_static_stamp"] = stamp = _static_stamp(app)
    try:
        before = _stamp_file(app).read_text(encoding="utf-8").strip()
    except OSError:
        before = None
    if before == stamp:
        return []
    return sorted(env.found_docs - set(added) - set(changed) - set(removed))


def _save_stamp(app: Sphinx, exception: Exception | None) -> None:
    stamp = app.__dict__.get("_site_static_stamp")
    if exception is None and stamp:
        _write_if_changed(_stamp_file(app), stamp + "\n")


def _css_source(app: Sphinx, name: str) -> Path | None:
    """Where the stylesheet ``_static/...`` `name` is, while the pages are written.

    Most are copied into the output before the pages are written; some extensions
    (myst-nb, sphinx-exercise) copy theirs only at the end of the build, so those are read
    from the extension's own package (myst-nb's name carries a hash of the file).
    """
    out = Path(app.outdir) / name
    if out.is_file():
        return out
    relative = name.removeprefix("_static/")
    dirs = [Path(d) / "static" for d in app.builder.theme.get_theme_dirs()]
    dirs += _own_static(app)
    for folder in dirs:
        if (folder / relative).is_file():
            return folder / relative
    base = re.sub(r"\.[0-9a-f]{32,}(\.css)$", r"\1", Path(relative).name)
    for ext in app.extensions.values():
        module = getattr(ext.module, "__file__", None)
        if module and Path(module).name == "__init__.py":
            found = sorted(Path(module).parent.rglob(base))
            if found:
                return found[0]
    return None


def _bundle(app: Sphinx, css_files: list[Any]) -> list[Any]:
    """The page's stylesheets as one bundle, plus any that cannot join it."""
    static = Path(app.outdir) / "_static"
    joined, rest = [], []
    for css in css_files:
        name = os.fspath(getattr(css, "filename", css))
        attrs = getattr(css, "attributes", {})
        source = None
        if name.startswith("_static/") and attrs.get("rel", "stylesheet") == "stylesheet":
            source = _css_source(app, name)
        if source is None:
            rest.append(css)
        else:
            joined.append((name, source, attrs.get("media") or "all"))
    parts = [(n, _css_source(app, n), "all") for n in _theme_pre_css()] + joined
    key = tuple((name, media) for name, _, media in parts)
    bundles = app.__dict__.setdefault("_site_bundles", {})
    if key not in bundles:
        if "_static/pygments.css" in dict(key):
            # pydata-sphinx-theme rewrites Sphinx's pygments.css with its light and dark
            # styles only when the build finishes; write that version now, for the bundle.
            from pydata_sphinx_theme.pygments import overwrite_pygments_css

            overwrite_pygments_css(app)
        chunks = []
        for name, source, media in parts:
            text = inline_css(source, static, static.parent / name)
            if media != "all":
                text = f"@media {media} {{\n{text}\n}}"
            chunks.append(f"/* {name} */\n{text}")
        digest = hashlib.sha1(repr(key).encode()).hexdigest()[:10]
        bundle = f"site-bundle-{digest}.css"
        _write_if_changed(static / bundle, "\n".join(chunks) + "\n")
        bundles[key] = _CascadingStyleSheet(f"_static/{bundle}", priority=0)
    return [bundles[key], *rest]


# --------------------------------------------------------------------------- pages

_SKIP_PARENTS = (
    nodes.Admonition,
    nodes.sidebar,
    nodes.topic,
    nodes.figure,
    nodes.table,
    nodes.footnote,
    nodes.citation,
    nodes.field_list,
    nodes.list_item,
    nodes.definition_list,
)


def describe(doctree: nodes.Node | None, limit: int = 155) -> str:
    """The page's first paragraph of running text, cut at a word near `limit` characters."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        parent, skip = para.parent, False
        while parent is not None:
            if isinstance(parent, _SKIP_PARENTS) or "admonition" in parent.get("classes", []):
                skip = True
                break
            parent = parent.parent
        text = " ".join(para.astext().split())
        if skip or len(text) < 40:
            continue
        if len(text) <= limit:
            return text
        cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
        return cut + "…"
    return ""


# A web link whose text is its address: printed once, not twice (_static/site.css).
_BARE_LINK = re.compile(r'<a class="reference external" href="([^"]+)">\1</a>')
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_FIRST_PARTY_JS = "documentation_options.js"
# myst-nb writes the state of a notebook's widgets into the page for a widget manager script
# to draw them; this book loads none (nb_ipywidgets_js: {}), so the state (50-120 KB a page)
# could only be downloaded, never used.
_WIDGETS = "application/vnd.jupyter.widget-state+json"


def _defer(js: Any) -> Any:
    if not isinstance(js, _JavaScript) or not js.filename:
        return js  # inline scripts run where they stand
    name = str(js.filename)
    attrs = dict(js.attributes)
    if name.endswith(_FIRST_PARTY_JS) or "async" in attrs or "defer" in attrs:
        return js
    if attrs.get("type", "text/javascript") not in ("text/javascript", "module"):
        return js
    attrs["defer"] = "defer"
    return _JavaScript(js.filename, priority=js.priority, **attrs)


# myst-nb's "Show code cell source" toggles: a <summary> named "Toggle hidden content", which
# is not what it shows (axe: label-content-name-mismatch), around <p> titles, which HTML does
# not allow in a <summary> (vnu). Named by their text, with <span> titles (styled in site.css).
_TOGGLE = re.compile(r'<summary aria-label="Toggle hidden content">(.*?)</summary>', re.S)


def _fix_toggle(m: re.Match) -> str:
    inner = re.sub(r"<p( class=\"[^\"]*\")>(.*?)</p>", r"<span\1>\2</span>", m.group(1), flags=re.S)
    return f"<summary>{inner}</summary>"


# Tables: header cells say what they head (scope), and empty corner cells of pandas tables are
# plain cells (axe: empty-table-header).
_TABLE = re.compile(r"<table\b.*?</table>", re.S)


def _fix_cells(part: str, scope: str) -> str:
    part = re.sub(r"<th(\s[^>]*)?>\s*</th>", lambda m: f"<td{m.group(1) or ''}></td>", part)
    return re.sub(
        r"<th(?![^>]*\bscope=)(\s[^>]*)?>",
        lambda m: f'<th scope="{scope}"{m.group(1) or ""}>',
        part,
    )


def _fix_table(m: re.Match) -> str:
    table = re.sub(
        r"(<thead\b[^>]*>)(.*?)(</thead>)",
        lambda t: t.group(1) + _fix_cells(t.group(2), "col") + t.group(3),
        m.group(0),
        flags=re.S,
    )
    return re.sub(
        r"(<tbody\b[^>]*>)(.*?)(</tbody>)",
        lambda t: t.group(1) + _fix_cells(t.group(2), "row") + t.group(3),
        table,
        flags=re.S,
    )


# The sidebar's buttons that open a chapter's sections are an icon alone (axe: summary-name):
# name each after its chapter.
_SECTIONS_TOGGLE = re.compile(
    r'(<a class="[^"]*" href="[^"]*">((?:(?!</a>).)*)</a><details(?: open="open")?>)<summary>',
    re.S,
)


def _label_toggles(toctree: str) -> str:
    def _label(m: re.Match) -> str:
        title = html.unescape(" ".join(re.sub(r"<[^>]+>", "", m.group(2)).split()))
        label = html.escape(_("Sections of {title}").format(title=title), quote=True)
        return f'{m.group(1)}<summary aria-label="{label}">'

    return _SECTIONS_TOGGLE.sub(_label, toctree)


def _page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    context["css_files"] = _bundle(app, context.get("css_files", []))
    context["site_css_bundled"] = True
    toctree = context.get("generate_toctree_html")
    if toctree is not None:
        from markupsafe import Markup

        context["generate_toctree_html"] = lambda *a, **k: Markup(
            _label_toggles(str(toctree(*a, **k)))
        )
    scripts = context.get("script_files", [])
    if not getattr(app.config, "nb_ipywidgets_js", {}):  # no widget manager on the page
        scripts = [js for js in scripts if getattr(js, "attributes", {}).get("type") != _WIDGETS]
    if pagename != "search":  # the search page runs Sphinx's searchtools.js as it loads
        scripts = [_defer(js) for js in scripts]
    context["script_files"] = scripts

    # docutils repeats the viewport tag that Sphinx's layout already writes.
    metatags = context.get("metatags", "").replace(
        '<meta name="viewport" content="width=device-width, initial-scale=1" />', ""
    )
    if 'name="description"' not in metatags:
        book = app.config.html_title or app.config.project
        title = html.unescape(re.sub(r"<[^>]+>", "", str(context.get("title", ""))))
        description = describe(doctree) or {
            "genindex": _("An index of the words and topics in {book}.").format(book=book),
            "search": _("Search the pages of {book}.").format(book=book),
        }.get(pagename, _("{title}: a page of {book}.").format(title=title, book=book))
        metatags += f'\n<meta name="description" content="{html.escape(description)}" />'

    body = context.get("body", "")
    styles: list[str] = []

    def _lift(m: re.Match) -> str:
        css = m.group(1).strip()
        if css and css not in styles:
            styles.append(css)
        return ""

    body = _STYLE.sub(_lift, body)
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    body = _TOGGLE.sub(_fix_toggle, body)
    body = _TABLE.sub(_fix_table, body)
    body = _BARE_LINK.sub(r'<a class="reference external site-bare-link" href="\1">\1</a>', body)
    if styles:
        metatags += "".join(f"\n<style>\n{css}\n</style>" for css in styles)
    context["body"] = body
    context["metatags"] = metatags


# --------------------------------------------------------------------------- site files

_REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="icon" href="data:,">
{canonical}</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{target}">{open}</a></p>
</main>
</body>
</html>
"""


def _baseurl(app: Sphinx) -> str:
    base = (app.config.html_baseurl or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    base = _baseurl(app)

    if app.config.root_doc != "index":
        target = app.builder.get_target_uri(app.config.root_doc)
        canonical = f'<link rel="canonical" href="{html.escape(base + target)}">\n' if base else ""
        _write_if_changed(
            outdir / "index.html",
            _REDIRECT.format(
                lang=html.escape(app.config.language or "en"),
                title=html.escape(app.config.html_title or app.config.project),
                target=html.escape(target),
                description=html.escape(
                    _("{title}: the book starts at {target}.").format(
                        title=app.config.html_title or app.config.project, target=target
                    )
                ),
                open=html.escape(_("Open the book")),
                canonical=canonical,
            ),
        )

    if not base:
        logger.warning(
            "site_fixes: set html.baseurl in _config.yml (the address the book is published at) "
            "to write sitemap.xml"
        )
        return
    if (app.config.language or "en").split("_")[0] != "en":
        return  # the site's one sitemap (the English build's) lists every language's pages
    # Each page in every language, with its other-language addresses (hreflang alternates,
    # _ext/languages.py); the instructor edition is English only.
    reader = getattr(app.config, "painbook_edition", "reader") == "reader"
    entries = []
    for doc in sorted(app.env.found_docs):
        target = app.builder.get_target_uri(doc)
        suffix = target[len(doc) :] if target.startswith(doc) else app.builder.out_suffix
        alternates = languages.alternates(base, doc, suffix) if reader else {"en": base + target}
        links = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{key}" href="{xml_escape(url)}"/>'
            for key, url in alternates.items()
            if len(alternates) > 1
        )
        for key, url in alternates.items():
            if key != "x-default":
                entries.append(f"  <url><loc>{xml_escape(url)}</loc>{links}\n  </url>")
    sitemap = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        *sorted(entries),
        "</urlset>",
    ]
    _write_if_changed(outdir / "sitemap.xml", "\n".join(sitemap) + "\n")
    _write_if_changed(
        outdir / "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_css_file("site-icons.css")
    app.connect("env-get-outdated", _static_outdated)
    app.connect("build-finished", _save_stamp)
    # Before the pages are written, so that they link the stylesheet with its checksum.
    app.connect("write-started", _write_icons)
    app.connect("html-page-context", _page, priority=950)
    # Before sphinx-external-toc's own redirect writer (priority 500), which then skips.
    app.connect("build-finished", _finish, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
