"""Bring a diary from another app: a form to pick an app's export and save it as a diary.

:class:`AppImporter` takes an export file (uploaded, or read with :meth:`AppImporter.load`),
says which app it comes from (:func:`painbook.imports.detect`), brings it across with
:func:`painbook.imports.import_diary` when the person presses the button, shows what was
done (the import report and the first entries), and saves it as a diary file under a new
name, never over a file that exists. A 0-4 rating is changed to 0-10 only when the person
ticks the box that says so. Nothing is sent anywhere: the file is read in this notebook's
own Python and written only where the person says.
"""

from __future__ import annotations

import html as _html
import os
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from painbook import imports
from painbook.diary import DiaryError, write_diary
from painbook.i18n import _, ngettext
from painbook.widgets import layout

__all__ = ["AppImporter", "first_entries", "describe_app"]

#: Columns shown in the preview of the first entries.
PREVIEW = ("date", "time", "pain", "locations", "medications", "notes")


def describe_app(app: str | None, name: str | None = None) -> str:
    """One sentence saying which app a file comes from, or that none was recognised."""
    if app is None:
        apps = ", ".join(imports.APPS.values())
        if name:
            text = _(
                "'{name}' is not an export from an app this workbook knows ({apps}). If it is "
                "already a diary table, read it with the cells above instead."
            )
        else:
            text = _(
                "This file is not an export from an app this workbook knows ({apps}). If it "
                "is already a diary table, read it with the cells above instead."
            )
        return text.format(name=name, apps=apps)
    if name:
        return _("'{name}' is an export from {app}.").format(name=name, app=imports.name_of(app))
    return _("This file is an export from {app}.").format(app=imports.name_of(app))


def first_entries(df: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The first ``n`` entries, with the main columns, in plain headings."""
    table = df.loc[: n - 1, list(PREVIEW)].copy()
    table["date"] = table["date"].dt.strftime("%Y-%m-%d")
    table = table.astype(object).where(table.notna(), "")
    table.columns = [_("Date"), _("Time"), _("Pain"), _("Where"), _("Medicines"), _("Notes")]
    return table


class AppImporter(widgets.VBox):
    """The "Bring a diary from another app" form.

    ``folder`` is where the diary is saved (the notebook's folder by default). The form's
    steps are methods too, for tests and notebooks: :meth:`load` (the file's bytes and
    name), :meth:`bring_across`, :meth:`save`.
    """

    def __init__(self, folder: str | os.PathLike[str] = ".") -> None:
        self.folder = Path(folder)
        self.data: bytes | None = None
        self.name: str | None = None
        self.app: str | None = None
        self.diary: pd.DataFrame | None = None
        self.upload = widgets.FileUpload(
            accept=".csv,.json,.xml,.zip,.txt",
            multiple=False,
            description=_("Choose the file"),
            tooltip=_("The file your app exported"),
        )
        self.time_zone = widgets.Text(
            description=_("Time zone"),
            placeholder=_("leave empty for this computer's, or e.g. America/Chicago"),
            layout=widgets.Layout(width="100%"),
        )
        self.rescale = widgets.Checkbox(
            description=_("My app rates 0 to 4: change to 0 to 10 (times 2.5)"),
            value=False,
            indent=False,
        )
        self.bring = widgets.Button(
            description=_("Bring it across"), button_style="primary", disabled=True
        )
        self.file_name = widgets.Text(
            description=_("Save as"),
            value="my-diary-from-app.csv",
            layout=widgets.Layout(width="100%"),
        )
        self.save_button = widgets.Button(description=_("Save as my diary"), disabled=True)
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.upload.observe(self._on_upload, names="value")
        self.bring.on_click(lambda _: self.bring_across())
        self.save_button.on_click(lambda _: self.save())
        super().__init__(
            [
                layout.style_sheet(),  # fits a phone: painbook.widgets.layout
                widgets.HTML(
                    "<strong>" + _html.escape(_("Bring a diary from another app")) + "</strong>"
                ),
                self.upload,
                self.time_zone,
                self.rescale,
                self.bring,
                self.status,
                self.output,
                self.file_name,
                self.save_button,
            ]
        )
        layout.fit_phone(self)

    # -- steps ------------------------------------------------------------------------

    def load(self, data: bytes, name: str | None = None) -> str | None:
        """Take an export's bytes; say and return which app it comes from (or None)."""
        self.data, self.name = bytes(data), name
        self.diary = None
        self.save_button.disabled = True
        self.app = imports.detect(self.data)
        self.bring.disabled = self.app is None
        self._say(describe_app(self.app, name), alert=self.app is None)
        self.output.outputs = ()
        return self.app

    def bring_across(self) -> pd.DataFrame | None:
        """Import the loaded file; show the report and the first entries, or the problem."""
        if self.data is None or self.app is None:
            self._say(_("Choose your app's export file first."), alert=True)
            return None
        self.output.outputs = ()
        try:
            df = imports.import_diary(
                self.data,
                app=self.app,
                tz=self.time_zone.value.strip() or None,
                rescale=self.rescale.value,
            )
        except DiaryError as exc:
            self.diary = None
            self.save_button.disabled = True
            self._say(str(exc), alert=True)
            return None
        self.diary = df
        self.save_button.disabled = False
        lines = df.attrs["import_report"].splitlines()
        self._say("<br>".join(_html.escape(line) for line in lines), escaped=True)
        table = first_entries(df)
        self.output.outputs = (
            {
                "output_type": "display_data",
                "data": {"text/html": table.to_html(index=False), "text/plain": table.to_string()},
                "metadata": {},
            },
        )
        return df

    def save(self, name: str | None = None) -> Path | None:
        """Save the diary as a new file in :attr:`folder` (never over an existing file)."""
        if self.diary is None:
            self._say(_("Bring the diary across first, then save it."), alert=True)
            return None
        text = (name if name is not None else self.file_name.value).strip()
        if not text or any(sep in text for sep in ("/", "\\")) or text in (".", ".."):
            self._say(_("Type a file name only, without a folder, such as my-diary.csv."), True)
            return None
        if Path(text).suffix.lower() not in (".csv", ".xlsx"):
            text += ".csv"
        target = self.folder / text
        if target.exists():
            self._say(
                _(
                    "There is already a file called '{name}'. Nothing was saved. Type another "
                    "name, so that no diary is written over."
                ).format(name=text),
                alert=True,
            )
            return None
        try:
            write_diary(self.diary, target)
        except DiaryError as exc:
            self._say(str(exc), alert=True)
            return None
        self._say(
            ngettext(
                "Saved {n} entries as '{name}'. To read it, put "
                'MY_DIARY = "{name}" in Step 1 and run the notebook again.',
                "Saved {n} entries as '{name}'. To read it, put "
                'MY_DIARY = "{name}" in Step 1 and run the notebook again.',
                len(self.diary),
            ).format(n=len(self.diary), name=text)
        )
        return target

    # -- helpers ----------------------------------------------------------------------

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if files:
            first = files[0]
            self.load(bytes(first["content"]), first.get("name"))

    def _say(self, text: str, alert: bool = False, *, escaped: bool = False) -> None:
        body = text if escaped else _html.escape(text)
        role = ' role="alert"' if alert else ' role="status"'
        self.status.value = f"<p{role}>{body}</p>"
