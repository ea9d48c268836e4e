"""Where a workbook notebook runs, and which diary it opens, so nobody has to edit code.

A caregiver opens a notebook in JupyterLab (or Voilà, see ``make app``) and presses Run All.
The notebook must then find their own files without any code being changed:

* :func:`choose_diary`: the file ``my-diary.csv`` beside the notebook when there is one,
  otherwise the made-up sample diary of the activity (Maria's or Jordan's), and a sentence
  that says which of the two it is.
* :func:`my_file`: the file name a form saves to by default (``my-diary.csv``,
  ``my-observations.csv``, ``my-action-plans.csv``).

The same notebooks are also run to make the book's web pages. A web page must never show a
person's diary, even when one sits beside the notebooks on the machine that builds the book.
So a book build always uses the made-up samples: the book's Sphinx extension
``_ext/workbook_build.py`` sets :data:`BOOK_BUILD_ENV` before any notebook runs, and every
kernel the build starts inherits it (:func:`in_book_build`). The tests set
:data:`SAMPLES_ONLY_ENV` for the same reason: stored notebook outputs show only made-up data.

Text written for readers of the web page ("download the notebook with the button at the top
of the page") is shown by :func:`web_only` in a book build only, never inside Jupyter.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from painbook import samples
from painbook.i18n import N_, _

__all__ = [
    "BOOK_BUILD_ENV",
    "SAMPLES_ONLY_ENV",
    "MY_FILES",
    "SAMPLE_PEOPLE",
    "DiaryChoice",
    "in_book_build",
    "samples_only",
    "choose_diary",
    "my_file",
    "web_only",
    "or_message",
    "file_url",
]

#: Set (to "1") by the book build (``_ext/workbook_build.py``): the notebooks make web pages.
BOOK_BUILD_ENV = "PAINBOOK_BOOK_BUILD"
#: Set (to "1") to make every notebook use the made-up samples only (the tests set it).
SAMPLES_ONLY_ENV = "PAINBOOK_SAMPLES_ONLY"

#: The file each kind of form saves to, beside the notebook, unless the person types another.
#: Names starting with ``my-`` are kept out of git (``.gitignore``) and out of the book.
MY_FILES: Mapping[str, str] = {
    "diary": "my-diary.csv",
    "observations": "my-observations.csv",
    "plans": "my-action-plans.csv",
}

#: The made-up person behind each sample diary (see :mod:`painbook.samples`).
SAMPLE_PEOPLE: Mapping[str, str] = {
    "back_pain_diary": N_("Maria"),
    "migraine_diary": N_("Jordan"),
    "dementia_observations": N_("Dad"),
}

_T = TypeVar("_T")


def _flag(name: str, environ: Mapping[str, str] | None) -> bool:
    value = (os.environ if environ is None else environ).get(name, "")
    return value.strip().lower() in {"1", "true", "yes"}


def in_book_build(environ: Mapping[str, str] | None = None) -> bool:
    """True while the notebook runs to make a page of the book (``BOOK_BUILD_ENV`` is set)."""
    return _flag(BOOK_BUILD_ENV, environ)


def samples_only(environ: Mapping[str, str] | None = None) -> bool:
    """True when only made-up samples may be shown: in a book build, or when the tests ask."""
    return in_book_build(environ) or _flag(SAMPLES_ONLY_ENV, environ)


def my_file(kind: str) -> str:
    """The default file name for a kind of file: "diary", "observations" or "plans"."""
    try:
        return MY_FILES[kind]
    except KeyError:
        raise ValueError(
            _("No file kind {kind}. Kinds: {kinds}.").format(
                kind=repr(kind), kinds=", ".join(MY_FILES)
            )
        ) from None


@dataclass(frozen=True)
class DiaryChoice:
    """Which diary a notebook opens, and the sentence that tells the reader.

    ``path`` is the file to read; ``sample`` is True for a made-up sample; ``person`` is the
    made-up person's name (empty for the reader's own diary); ``message`` says in plain
    words which diary this is and how to use another one.
    """

    path: Path
    sample: bool
    person: str
    message: str

    @property
    def who(self) -> str:
        """The name for the top of a visit summary: "Maria (made up)", or empty."""
        return _("{person} (made up)").format(person=self.person) if self.sample else ""


def _sample_choice(sample: str, message: str, **values: str) -> DiaryChoice:
    person = _(SAMPLE_PEOPLE[sample]) if sample in SAMPLE_PEOPLE else _("a made-up person")
    return DiaryChoice(samples.path(sample), True, person, message.format(person=person, **values))


def choose_diary(
    sample: str,
    folder: str | os.PathLike[str] = ".",
    name: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> DiaryChoice:
    """The diary a notebook reads: ``name`` (default ``my-diary.csv``) in ``folder`` when the
    file is there, else the made-up sample ``sample`` (a name of :data:`samples.SAMPLE_FILES`).

    In a book build (or with :data:`SAMPLES_ONLY_ENV` set) it is always the sample, so a
    personal diary beside the notebooks never reaches a web page. ``name`` is a file name
    the person typed; a name that does not exist gives the sample and a message saying so.
    """
    default = my_file("diary")
    wanted = (name or default).strip() or default
    if samples_only(environ):
        return _sample_choice(sample, _("This shows the diary of {person}, a made-up person."))
    path = Path(folder) / wanted
    if path.is_file():
        return DiaryChoice(
            path,
            False,
            "",
            _(
                "This reads your own diary, {name}, from the folder of this notebook. "
                "Your file is only read, never changed."
            ).format(name=path.name),
        )
    if wanted == default:
        message = _(
            "There is no file called {name} beside this notebook, so this shows the "
            "diary of {person}, a made-up person. To see your own diary, save it as "
            "{name} in this notebook's folder and run the notebook again, or type its "
            "name in the box below."
        )
        return _sample_choice(sample, message, name=default)
    message = _(
        "There is no file called {name} beside this notebook, so this shows the diary "
        "of {person}, a made-up person. Check the name (with its ending, such as .csv or "
        ".xlsx) and that the file is in this notebook's folder."
    )
    return _sample_choice(sample, message, name=wanted)


def web_only(markdown: str) -> Any:
    """Markdown shown only on the book's web page (for example how to download the notebook).

    In a book build this returns an ``IPython.display.Markdown`` object (the last line of a
    cell shows it); inside Jupyter or Voilà it returns None, so nothing is shown.
    """
    if not in_book_build():
        return None
    from IPython.display import Markdown

    return Markdown(markdown)


def or_message(make: Callable[..., _T], *args: Any, **kwargs: Any) -> _T | None:
    """``make(*args, **kwargs)``, or, if it refuses with a ValueError, its message in words.

    The notebooks use it where a short or unusual diary cannot give a result (a diary under 4
    weeks has no separate baseline and recent period): the reader sees what is missing and
    what to do, not a traceback, and the cells after it still run.
    """
    try:
        return make(*args, **kwargs)
    except ValueError as err:
        from painbook.charts import show_text

        show_text(_("No result here yet. {message}").format(message=err))
        return None


def file_url(
    path: str | os.PathLike[str],
    servers: list[Mapping[str, Any]] | None = None,
    server_pid: int | None = None,
) -> str | None:
    """The address at which the running Jupyter server shows a file as it is, or None.

    JupyterLab's own HTML viewer cannot print; its ``/files/`` address opens the raw file in
    a browser tab, where the browser's print window works. The kernel finds the server that
    started it from the server's record in Jupyter's runtime folder
    (``jupyter_server.serverapp.list_running_servers``): the server whose process started
    this kernel (``server_pid``, default the kernel's parent process) first, then any server
    whose folder holds the file. The address starts at the server's ``base_url`` (on a
    JupyterHub, ``/user/NAME/``) and has no host or token: the browser's own session is used.
    ``servers`` replaces the runtime records (for tests).
    """
    from urllib.parse import quote

    if servers is None:
        try:
            from jupyter_server.serverapp import list_running_servers
        except ImportError:  # pragma: no cover - jupyter_server comes with JupyterLab
            return None
        servers = list(list_running_servers())
    parent = os.getppid() if server_pid is None else server_pid
    target = Path(path).resolve()
    for server in sorted(servers, key=lambda s: s.get("pid") != parent):
        root = server.get("root_dir") or server.get("notebook_dir")
        if not root:
            continue
        try:
            relative = target.relative_to(Path(root).resolve())
        except ValueError:
            continue
        base = "/" + str(server.get("base_url") or "/").strip("/")
        return base.rstrip("/") + "/files/" + quote(relative.as_posix())
    return None
