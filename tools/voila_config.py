"""Jupyter server settings for ``make app``: Voilà shows the book's MyST markup as it should.

``jupyter server --config=tools/voila_config.py`` (see the Makefile) gives Voilà the hook that
turns the notebooks' admonitions, glossary words and citations into plain Markdown
(painbook/voila.py).
"""

from painbook.voila import prelaunch_hook

c = get_config()  # noqa: F821  (defined by the Jupyter config loader)
c.VoilaConfiguration.prelaunch_hook = prelaunch_hook
