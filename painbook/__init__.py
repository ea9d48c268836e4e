"""painbook: the engine behind the pain management workbook.

Modules: ``diary`` (the one door in and out for pain diaries), ``scales`` (pain scales
with their sources), ``analysis`` (summaries, trends, flares, progress), ``report`` (the
one-page visit summary) and ``samples`` (made-up personas for the exercises).
"""

__version__ = "0.1.0"
