"""The book in two languages: the English reader edition at ``/`` and the Spanish one at ``/es/``.

Both are built from the same files. The Spanish edition is the English pages translated through
Sphinx's gettext route: every paragraph, heading, list item, caption and alt text of a page is a
message in ``locales/es/LC_MESSAGES/<page>.po`` (made and updated with ``make translations``),
and a build with ``language = "es"`` puts the Spanish in its place. ``tools/languages.py`` runs
the Spanish build (``make book`` builds both) with ``_config.es.yml`` merged over
``_config.yml`` and the table of contents ``_toc.es.yml``, then copies it into ``_build/html/es``.

This extension, in every reader edition:

- puts a link to the same page in the other language first in every page's text (named in its
  own language, ``lang`` and ``hreflang`` set), and ``hreflang`` links for both languages
  (and ``x-default``, the English) in every page's head;
- tells painbook which language to speak: ``PAINBOOK_LANG`` is set for the notebooks the
  build runs (their kernels inherit it), so tables, charts and messages come out in the
  page's language;
- in the Spanish edition, makes a notebook page's download button give the Spanish notebook:
  the button links to the page's source, ``_sources/notebooks/NAME.ipynb``, which the build
  copies from the English notebook; at the end of the build it is replaced by
  ``notebooks/es/NAME.ipynb`` (``make notebooks`` writes it, ``tools/translate_notebooks.py``),
  Markdown in Spanish, painbook told to speak Spanish, outputs from a Spanish run.

The instructor edition is English only: it gets no language links. ``site_fixes`` lists both
languages' pages in the sitemap (:func:`alternates`).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

_ = get_translation("sphinx")
logger = logging.getLogger(__name__)

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


def _search_words(app: Sphinx, config: Config) -> None:
    """The search box's words (jupyter-book sets them in English) in the edition's language."""
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = str(_("Search this book..."))
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


_DESCRIPTION = re.compile(
    r'(<meta name="description" content=")([^"]*)(")|(<meta content=")([^"]*)(" name="description")'
)


def _translated_description(app: Sphinx, pagename: str, metatags: str) -> str:
    """A page's own description (MyST ``html_meta`` in its front matter) in the edition's
    language. MyST hands it to the writer in a node Sphinx's translation does not visit, so
    it is looked up here in the page's catalog, where gettext put it."""
    from sphinx.locale import init as init_locale
    from sphinx.util.i18n import docname_to_domain

    dirs = [str(Path(app.srcdir) / d) for d in app.config.locale_dirs]
    domain = docname_to_domain(pagename, app.config.gettext_compact)
    translator, found = init_locale(dirs, app.config.language, domain)
    if not found:
        return metatags

    def _swap(m: re.Match) -> str:
        start, text, end = m.groups()[:3] if m.group(1) else m.groups()[3:]
        spanish = translator.gettext(html.unescape(text))
        return start + html.escape(spanish, quote=True) + end

    return _DESCRIPTION.sub(_swap, metatags)


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
    # First thing in the page's text, so that it is there on a phone too (the row of buttons
    # above has no room for it at 320 px): a plain link, named in its own language.
    links = "".join(
        f'<a class="pb-language-switch" href="{html.escape(o["href"])}" hreflang="{o["lang"]}" '
        f'lang="{o["lang"]}" aria-label="{html.escape(o["label"])}">{html.escape(o["name"])}</a>'
        for o in others
    )
    context["body"] = f'<p class="pb-languages">{links}</p>\n' + context.get("body", "")
    if lang != DEFAULT:
        context["metatags"] = _translated_description(app, pagename, context.get("metatags", ""))
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


def _translated_downloads(app: Sphinx, exception: Exception | None) -> None:
    """The Spanish edition's notebook downloads are the Spanish notebooks (``notebooks/es``)."""
    lang = (app.config.language or DEFAULT).split("_")[0]
    if exception is not None or lang == DEFAULT or not is_reader(app):
        return
    if app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources" / "notebooks"
    for download in sorted(sources.glob("*.ipynb")):
        translated = Path(app.srcdir) / "notebooks" / lang / download.name
        if translated.is_file():
            shutil.copyfile(translated, download)
        else:
            logger.warning(
                "%s edition: no notebooks/%s/%s, so the page's download is the English "
                "notebook (run `make notebooks`)",
                LANGUAGES.get(lang, {}).get("name", lang),
                lang,
                download.name,
            )


def setup(app: Sphinx) -> dict[str, Any]:
    _spanish_references()
    app.connect("config-inited", _tell_painbook)
    app.connect("config-inited", _search_words)
    app.connect("html-page-context", _page)
    app.connect("build-finished", _translated_downloads)
    app.add_transform(SourceOfNestedCells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
