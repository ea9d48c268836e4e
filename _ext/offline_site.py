"""Keep every built page self-contained: nothing is loaded from another host.

Jupyter Book 1 always loads sphinx-thebe, which writes a CDN address for the
Thebe bundle into every page and a Binder configuration into every page's body,
and myst-nb asks Sphinx to put the MathJax script on every page. This book has
no live-code button and no mathematics in most pages, so:

- the Thebe scripts, stylesheet and per-page configuration are removed;
- MathJax (served from ``_static/vendor``) is kept only on pages with math.

tests/test_build.py checks the result on the built HTML.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_THEBE_MARKERS = ("x-thebe-config", "kernelName =")


def _strip_thebe_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if any(marker in node.astext() for marker in _THEBE_MARKERS):
            node.parent.remove(node)


def _is_thebe(asset: Any) -> bool:
    filename = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in filename or "THEBE_JS_URL" in body


def _prune_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    has_math = app.env.get_domain("math").has_equations(pagename)
    scripts = context.get("script_files", [])
    context["script_files"] = [
        js
        for js in scripts
        if not _is_thebe(js)
        and (has_math or "mathjax" not in str(getattr(js, "filename", "") or ""))
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if not _is_thebe(css)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _strip_thebe_nodes, priority=900)
    app.connect("html-page-context", _prune_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
