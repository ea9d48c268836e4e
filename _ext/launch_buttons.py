"""Launch buttons only where they can work.

_config.yml names the services a notebook page can be opened in (Binder, Colab, a
JupyterHub). Their links are built from the repository address; until the book has a
public repository (`repository.url` empty) sphinx-book-theme cannot build them and
fails, so this leaves the services out of the theme options while no address is set.
The download button is always there.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "jupyterlite_url")


def _hold_back_without_repository(app: Sphinx, config: Config) -> None:
    options = config.html_theme_options
    if options.get("repository_url"):
        return
    launch = dict(options.get("launch_buttons") or {})
    for key in _SERVICES:
        launch.pop(key, None)
    options["launch_buttons"] = launch


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _hold_back_without_repository, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
