"""The book in two languages: the English reader edition at ``/`` and the Spanish one at ``/es/``.

Both are built from the same files. The Spanish edition is the English pages translated through
Sphinx's gettext route: every paragraph, heading, list item, caption and alt text of a page is a
message in ``locales/es/LC_MESSAGES/<page>.po`` (made and updated with ``make translations``),
and a build with ``language = "es"`` puts the Spanish in its place. ``tools/languages.py`` runs
the Spanish build (``make book`` builds both) with ``_config.es.yml`` merged over
``_config.yml`` and the table of contents ``_toc.es.yml``, then copies it into ``_build/html/es``.

This extension, in every reader edition:

- puts a link to the same page in the other language at the top of every page
  (``_templates/components/language-switch.html``), and ``hreflang`` links for both languages
  (and ``x-default``, the English) in every page's head;
- tells painbook which language to speak: ``PAINBOOK_LANG`` is set for the notebooks the
  build runs (their kernels inherit it), so tables, charts and messages come out in the
  page's language.

The instructor edition is English only: it gets no language links. ``site_fixes`` lists both
languages' pages in the sitemap (:func:`alternates`).
"""

from __future__ import annotations

import contextlib
import html
import os
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

_ = get_translation("sphinx")

DEFAULT = "en"
#: The book's languages, each with its name in its own words and the folder of its edition.
LANGUAGES: dict[str, dict[str, str]] = {
    "en": {"name": "English", "folder": "", "switch": "Read this page in English"},
    "es": {"name": "Español", "folder": "es/", "switch": "Leer esta página en español"},
}


def _tell_painbook(app: Sphinx, config: Config) -> None:
    """Every notebook kernel the build starts inherits the page's language."""
    os.environ["PAINBOOK_LANG"] = (config.language or DEFAULT).split("_")[0]


class SourceOfNestedCells(SphinxTransform):
    """Give every paragraph its page and line, so that gettext sees it.

    MyST leaves the paragraphs of a table inside a box (an admonition, a solution) without a
    source; Sphinx's gettext route skips such a paragraph as "built in", so it was neither
    offered for translation nor translated. This runs before the translation (priority 20)
    and copies the source and line from the nearest enclosing node that has them.
    """

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.TextElement):
            if node.source or not node.astext().strip():
                continue
            parent = node.parent
            while parent is not None and not getattr(parent, "source", None):
                parent = parent.parent
            if parent is not None:
                node.source = parent.source
                node.line = node.line or parent.line


def _add_switch(app: Sphinx, config: Config) -> None:
    """The language link goes first among the buttons at the top of each page; the search
    box's words (set by jupyter-book in English) in the edition's language."""
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = str(_("Search this book..."))
    end = list(options.get("article_header_end") or ["article-header-buttons.html"])
    if "language-switch.html" not in end:
        end.insert(0, "language-switch.html")
    options["article_header_end"] = end
    config.html_theme_options = options


def is_reader(app: Sphinx) -> bool:
    return getattr(app.config, "painbook_edition", "reader") == "reader"


def page_url(pagename: str, lang: str, suffix: str = ".html") -> str:
    """A page's address from the site's root, in one language's edition."""
    return LANGUAGES[lang]["folder"] + pagename + suffix


def alternates(base: str, pagename: str, suffix: str = ".html") -> dict[str, str]:
    """The page's full address in every language, and x-default (the English)."""
    urls = {lang: base + page_url(pagename, lang, suffix) for lang in LANGUAGES}
    urls["x-default"] = urls[DEFAULT]
    return urls


def _page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if not is_reader(app) or app.builder.format != "html":
        return
    lang = (app.config.language or DEFAULT).split("_")[0]
    if lang not in LANGUAGES:
        return
    depth = pagename.count("/") + (1 if LANGUAGES[lang]["folder"] else 0)
    to_root = "../" * depth
    suffix = app.builder.out_suffix
    others = []
    for other, info in LANGUAGES.items():
        if other == lang:
            continue
        others.append(
            {
                "lang": other,
                "name": info["name"],
                "label": info["switch"],
                "href": to_root + page_url(pagename, other, suffix),
            }
        )
    context["pb_languages"] = others
    base = (app.config.html_baseurl or "").strip()
    if base:
        base = base if base.endswith("/") else base + "/"
        links = "".join(
            f'\n<link rel="alternate" hreflang="{key}" href="{html.escape(url)}" />'
            for key, url in alternates(base, pagename, suffix).items()
        )
        context["metatags"] = context.get("metatags", "") + links


def _spanish_references() -> None:
    """``plain_es``: pybtex's ``plain`` style with its joining words in Spanish.

    The sources keep their own titles and journals (most are in English); the words the style
    puts between them are the edition's: "Ana López y Juan Pérez", "... y otros" (for "and
    others"), "Informe técnico". ``_config.es.yml`` chooses it (``bibtex_default_style``).
    """
    from pybtex.plugin import register_plugin
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.template import names, sentence

    class PlainEs(Plain):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            english = self.format_name

            def format_name(person: Any, abbr: bool = False) -> Any:
                return Text("otros") if str(person) == "others" else english(person, abbr)

            self.format_name = format_name

        def format_names(self, role: str, as_sentence: bool = True) -> Any:
            formatted = names(role, sep=", ", sep2=" y ", last_sep=" y ")
            return sentence[formatted] if as_sentence else formatted

        def get_techreport_template(self, e: Any) -> Any:
            if "type" not in e.fields:
                e.fields["type"] = "Informe técnico"
            return super().get_techreport_template(e)

    with contextlib.suppress(Exception):  # already registered in this process (a 2nd build)
        register_plugin("pybtex.style.formatting", "plain_es", PlainEs)


def setup(app: Sphinx) -> dict[str, Any]:
    _spanish_references()
    app.connect("config-inited", _tell_painbook)
    app.connect("config-inited", _add_switch)
    app.connect("html-page-context", _page)
    app.add_transform(SourceOfNestedCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
