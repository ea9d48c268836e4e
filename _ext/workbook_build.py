"""Make every notebook of a book build show the made-up sample diaries only.

The workbook notebooks open ``my-diary.csv`` when one sits beside them (see
``painbook.workbook``). A book build must never do that: its pages are published. This
extension sets ``PAINBOOK_BOOK_BUILD=1`` when Sphinx loads it, before myst-nb runs any
notebook; the kernels the build starts inherit the variable, so ``painbook.workbook`` uses the
samples and shows the text meant for the web page. It does so however the book is built
(``make book``, ``jupyter-book build .``, the tests).
"""

from __future__ import annotations

import os

from painbook.workbook import BOOK_BUILD_ENV


def setup(app):  # noqa: ANN001, ANN201  (Sphinx's extension entry point)
    os.environ[BOOK_BUILD_ENV] = "1"
    return {"parallel_read_safe": True, "parallel_write_safe": True}
