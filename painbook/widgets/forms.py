"""Forms for the workbook: a pain diary entry, a PAINAD observation and a weekly action plan.

Each form is a small class that builds ipywidgets and shows them when it is the last line
of a notebook cell. What the buttons do lives in plain methods (``entry()``, ``save()``,
...), so tests can fill in a form from Python and press its button:

>>> form = DiaryForm("my-diary.csv")            # doctest: +SKIP
>>> form.pain.value = "11"; form.save_button.click()  # doctest: +SKIP
>>> form.last_message                            # doctest: +SKIP
'Not saved. In the new entry, ...'

Rules the forms keep:

* The pain diary and the PAINAD log are written only through :mod:`painbook.diary`
  (:func:`~painbook.diary.append_entry`, :func:`~painbook.diary.append_observation`), which
  checks every value and never loses what was in the file. A value the engine refuses is
  shown as its plain-words message, and nothing is written.
* A box left empty is saved empty, never as 0. Numbers are typed into text boxes for that
  reason (a slider always has some value).
* Every input has a visible label; messages start with words ("Saved.", "Not saved."), so
  no meaning rests on colour alone.

The weekly action plan follows the model of the Chronic Pain Self-Management Program
(first developed at Stanford University by Lorig and colleagues; ``cpsmp`` in
``book/references.bib``): what, how much, when, how often, and a confidence rating from 0
to 10; below 7, change the plan until it is 7 or more. Its logic is in the pure functions
:func:`plan_advice` and :func:`week_summary`.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from painbook import analysis, dates, diary, scales, workbook
from painbook.charts import Chart
from painbook.fields import DIARY_FIELDS, FieldHelp
from painbook.i18n import N_, _, language, ngettext
from painbook.widgets import layout

__all__ = [
    "ActionPlanForm",
    "CONTEXTS",
    "DIARY_FIELDS",
    "DiaryForm",
    "FieldHelp",
    "ObservationForm",
    "PLAN_COLUMNS",
    "QUALITIES",
    "append_plan",
    "context_table",
    "field_guide",
    "last_entries",
    "not_saved_message",
    "observation_chart",
    "observation_summary",
    "observation_table",
    "painad_guide",
    "plan_advice",
    "plan_table",
    "week_table",
    "saved_message",
    "week_summary",
]

PathLike = str | os.PathLike[str]

# --------------------------------------------------------------------------------------
# What each diary field means
# --------------------------------------------------------------------------------------


# FieldHelp and DIARY_FIELDS live in painbook.fields (the web diary page uses them too).

#: Words offered as tick boxes for what pain feels like (others can be typed).
QUALITIES: tuple[str, ...] = (
    N_("aching"),
    N_("burning"),
    N_("stabbing"),
    N_("shooting"),
    N_("throbbing"),
    N_("tingling"),
)

#: Short table headings for the diary columns (used by :func:`last_entries`).
_SHORT_HEADINGS: Mapping[str, str] = {
    "date": N_("Date"),
    "time": N_("Time"),
    "pain": N_("Pain"),
    "worst": N_("Worst"),
    "least": N_("Least"),
    "enjoyment_interference": N_("Enjoyment (PEG)"),
    "activity_interference": N_("Activity (PEG)"),
    "sleep_hours": N_("Sleep (hours)"),
    "mood": N_("Mood"),
    "locations": N_("Where"),
    "qualities": N_("Feels like"),
    "medications": N_("Medicines"),
    "helped": N_("Helped"),
    "worsened": N_("Made worse"),
    "notes": N_("Notes"),
}

_NUMBER_FIELDS: tuple[str, ...] = diary.NUMBER_COLUMNS
_LIST_FIELDS: tuple[str, ...] = ("locations", "medications", "helped", "worsened")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LONG_TEXT = 60  # table cells longer than this are shortened with "..."


def field_guide() -> pd.DataFrame:
    """A table of the diary fields: what to fill in, what it means, why your team cares.

    One row per column of the diary, in the diary's order, built from :data:`DIARY_FIELDS`.
    """
    fill_in = _("What you fill in")
    rows = [
        {
            fill_in: _(f.label),
            _("Needed?"): _("yes") if f.required else _("no"),
            _("What it means"): _(f.meaning),
            _("Why your care team cares"): _(f.why),
        }
        for f in DIARY_FIELDS.values()
    ]
    table = pd.DataFrame(rows).set_index(fill_in)
    return _corner(table, fill_in)


# --------------------------------------------------------------------------------------
# Small helpers shared by the forms
# --------------------------------------------------------------------------------------


def _word(value: object) -> str:
    """A word from the workbook's own lists (a context, a quality) in the language in use;
    other text (what a person typed) unchanged."""
    return _(value) if isinstance(value, str) and value else str(value)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _number_or_text(text: str) -> int | float | str | None:
    """What a number box holds: None when empty, a number when plainly one, else the text.

    Text that is not a plain number (``"eleven"``, ``"6,5"``) is passed on as typed, so the
    diary engine can accept it or explain in plain words what is wrong.
    """
    value = text.strip()
    if not value:
        return None
    if _PLAIN_NUMBER.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _items(text: str) -> list[str]:
    """Split a box holding one item per line (or items separated by ``;``)."""
    return [part.strip() for part in re.split(r"[;\n\r]+", text) if part.strip()]


def _text(value: str) -> str | None:
    value = value.strip()
    return value or None


def _cell(value: object, limit: int | None = _LONG_TEXT) -> str:
    """A table cell as short plain text: empty for missing, 5 rather than 5.0; text longer
    than ``limit`` characters is shortened with "..." (``limit=None``: never)."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d")
    if isinstance(value, float | np.floating):
        return f"{float(value):g}"
    text = " ".join(str(value).split())
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 3].rstrip() + "..."


def _corner(table: pd.DataFrame, label: str) -> pd.DataFrame:
    """Put ``label`` in the table's top-left corner (one heading row, not two)."""
    table.index.name = None
    table.columns.name = label
    return table


def _table_html(table: pd.DataFrame, caption: str) -> str:
    """An accessible HTML table (escaped text, a caption, headings) for a form's output."""
    body = table.to_html(escape=True, border=0, classes="painbook-table")
    return layout.scroll_box(body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1))


def _status(text: str, *, alert: bool = False) -> str:
    """A message as HTML: the words carry the meaning; bold only repeats it."""
    first, dot, rest = text.partition(". ")
    role = "alert" if alert else "status"
    if dot and len(first) <= 20:
        shown = f"<strong>{html.escape(first)}.</strong> {html.escape(rest)}"
    else:
        shown = html.escape(text)
    return f'<p role="{role}">{shown}</p>'


def _help(text: str) -> widgets.HTML:
    style = "font-size:0.9em;margin:0 0 0.9em 0;line-height:1.35"
    return widgets.HTML(f'<div style="{style}">{html.escape(text)}</div>')


def _heading(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h4 style='margin:1em 0 0.3em 0'>{html.escape(text)}</h4>")


_STYLE = {"description_width": "initial"}

#: Lets long choice labels (the PAINAD level descriptions) wrap onto several lines instead
#: of running into the next line; scoped to the forms' own class.
_CHOICES_CSS = (
    "<style>.painbook-choices label{height:auto !important;line-height:1.35 !important;"
    "margin-bottom:0.45em;white-space:normal}"
    ".painbook-choices .widget-radio-box label{display:flex;align-items:flex-start}"
    ".painbook-choices .widget-radio-box input{order:-1;flex:none;margin-top:0.2em}</style>"
)


def _wide() -> widgets.Layout:
    return widgets.Layout(width="100%", max_width="44em")


def _on_any_change(controls: Sequence[widgets.Widget], callback: Callable[[], None]) -> None:
    for control in controls:
        control.observe(lambda _change: callback(), names="value")


# --------------------------------------------------------------------------------------
# Messages after saving (used by the forms and by the notebooks' demos)
# --------------------------------------------------------------------------------------


def saved_message(saved: pd.DataFrame, what: str = "diary") -> str:
    """The message after a successful save: "Saved. Your diary now has 3 entries."

    ``saved`` is the table :func:`painbook.diary.append_entry` (or
    :func:`~painbook.diary.append_observation`, with ``what="observation log"``) returned.
    """
    n = len(saved)
    if what == "diary":
        return ngettext(
            "Saved. Your diary now has {n} entry.", "Saved. Your diary now has {n} entries.", n
        ).format(n=n)
    if what == "observation log":
        return ngettext(
            "Saved. Your observation log now has {n} observation.",
            "Saved. Your observation log now has {n} observations.",
            n,
        ).format(n=n)
    return f"Saved. Your {what} now has {_plural(n, 'observation')}."


def not_saved_message(error: diary.DiaryError, labels: Mapping[str, str] | None = None) -> str:
    """The message when the diary engine refused an entry: its own words, then what to do.

    ``labels`` maps field names to the labels shown on the form, so the message can point
    at the box to change.
    """
    text = _("Not saved. {message}").format(message=error.message)
    label = (labels or {}).get(error.column or "")
    if label and f'"{label}"' not in error.message:  # the diary's message names the box
        text += " " + _('Look at the box "{label}".').format(label=label)
    return text + " " + _("Nothing was written to the file.")


# --------------------------------------------------------------------------------------
# The pain diary form
# --------------------------------------------------------------------------------------


def last_entries(saved: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The last ``n`` entries of a diary as a short table to read (not to analyse).

    Headings are plain words, numbers show as typed (5, not 5.0) and long text is shortened.
    Columns empty in all the rows shown are left out, except date and pain; the person's
    own extra columns are shown with their own names. The index is the entry number (1 for
    the first entry in the file).
    """
    if n < 1:
        raise ValueError(f"n must be 1 or more, not {n}.")
    tail = saved.tail(n)
    keep = [
        column
        for column in tail.columns
        if column in ("date", "pain") or bool(tail[column].notna().any())
    ]
    table = pd.DataFrame(
        {
            _(_SHORT_HEADINGS[c]) if c in _SHORT_HEADINGS else str(c): [_cell(v) for v in tail[c]]
            for c in keep
        },
        index=pd.RangeIndex(len(saved) - len(tail) + 1, len(saved) + 1),
    )
    return _corner(table, _("Entry"))


#: What a form's cell shows as text where widgets cannot be drawn (before the cell has run,
#: in a file viewer, on a page without a kernel).
NOT_RUN_YET = N_("A form appears here when this cell runs (menu Run, then Run All Cells).")

#: The last form of each kind made in this kernel for each folder (see
#: :meth:`_Form._keep_draft`).
_LIVE: dict[tuple[str, str], _Form] = {}


def _file_name(text: str, default: str) -> str:
    """A file name typed in a form's file box: a name only, in the notebook's folder."""
    name = text.strip() or default
    if any(sep in name for sep in ("/", "\\")) or name in (".", ".."):
        raise ValueError(
            _(
                "Type a file name only, without a folder, such as {name}. The file is kept in "
                "the same folder as this notebook."
            ).format(name=default)
        )
    return name


#: The label of each form's file box (one whole sentence per form, for translation).
_FILE_BOX: Mapping[str, Callable[[], str]] = {
    "diary": lambda: _("File name of your diary (in this notebook's folder)"),
    "observation log": lambda: _("File name of your observation log (in this notebook's folder)"),
    "action plans": lambda: _("File name of your action plans (in this notebook's folder)"),
}


class _Form:
    """What the three forms share: a status message, a Save button, the "changed" flag, the
    box with the file name, and keeping what was typed when the cell runs again.

    A form is saved only after something in it changed (so pressing Save twice does not add
    a copy); :meth:`_say` shows a message and keeps it in ``last_message`` for tests and
    scripts; the form shows as its ``widget``.

    Running a form's cell again (or Run All) makes a new form. What the person had typed in
    the previous form of the same kind and not saved is copied into the new one, with a note
    and an "Empty the form" button (:meth:`_keep_draft`), so nothing typed is lost without
    asking.
    """

    widget: widgets.Widget
    _kind = "form"

    def __init__(self) -> None:
        self.last_message = ""
        self._changed = True
        self.message = widgets.HTML()
        self.draft_note = widgets.HTML()
        self.empty_button = widgets.Button(
            description=_("Empty the form"),
            tooltip=_("Remove what is typed in the form and start afresh"),
            layout=widgets.Layout(display="none"),
        )
        self.empty_button.on_click(lambda _button: self.empty())

    def save(self) -> bool:
        raise NotImplementedError

    def _inputs(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def _file_box(self, path: PathLike, what: str) -> widgets.Text:
        """The box with the file name the form saves to (changing it switches files)."""
        self.path = Path(path)
        self._folder = self.path.parent
        self._default_name = self.path.name
        self.file_box = widgets.Text(
            value=self.path.name,
            description=_FILE_BOX[what](),
            continuous_update=False,
        )
        self.file_box.observe(lambda _change: self._use_file(), names="value")
        return self.file_box

    def _use_file(self) -> None:
        try:
            name = _file_name(self.file_box.value, self._default_name)
        except ValueError as err:
            self._say(_("Please check the file name. {problem}").format(problem=err), alert=True)
            return
        self.path = self._folder / name
        self._changed = True
        self._show_file_status()

    def _show_file_status(self) -> None:
        pass

    def _show_table_status(
        self,
        read: Callable[[Path], Any],
        *,
        new: Callable[[], str],
        problem: Callable[[], str],
        ready: Callable[[int], str],
    ) -> None:
        """Say what saving will do to the form's file (a diary or an observation log).

        ``read`` reads the file; ``new``, ``problem`` and ``ready`` give the form's own words
        (in the language in use) for a file not made yet, one that cannot be read (``{name}``,
        ``{folder}``, ``{message}``) and one ready to take a row (``{name}``, ``{n}``).
        """
        if workbook.in_book_build():  # a web page is made: never look at a person's file
            self._say(
                _("This form saves to '{name}' beside the notebook.").format(name=self.path.name)
            )
            return
        if not self.path.exists():
            self._say(new().format(name=self.path.name, folder=self.path.resolve().parent))
            return
        try:
            saved = read(self.path)
        except diary.DiaryError as err:
            self._say(problem().format(name=self.path.name, message=err.message), alert=True)
            return
        self._say(ready(len(saved)).format(name=self.path.name, n=len(saved)))

    def _save_button(self, description: str, tooltip: str) -> widgets.Button:
        self.save_button = widgets.Button(
            description=description,
            button_style="primary",
            tooltip=tooltip,
            layout=widgets.Layout(width="auto"),
        )
        self.save_button.on_click(lambda _button: self.save())
        return self.save_button

    def _keep_draft(self) -> None:
        """Copy what was typed (and not saved) in the last form of this kind into this one."""
        key = (self._kind, str(self._folder.resolve()))
        previous = _LIVE.get(key)
        _LIVE[key] = self
        if previous is None:
            return
        pairs = list(zip(self._inputs(), previous._inputs(), strict=True))
        old_box = getattr(previous, "file_box", None)
        typed = previous._changed and any(new.value != old.value for new, old in pairs)
        if old_box is not None and old_box.value != self.file_box.value:
            self.file_box.value = old_box.value
        if not typed:
            return
        for new, old in pairs:
            new.value = old.value
        self._changed = True
        self.draft_note.value = _status(
            _(
                "Kept. What you typed before this cell ran again is still in the form. Save it, "
                'or press "Empty the form" to start afresh.'
            )
        )
        self.empty_button.layout.display = None

    def empty(self) -> None:
        """Empty the form (what the "Empty the form" button does) and hide the note."""
        self.clear()
        self.draft_note.value = ""
        self.empty_button.layout.display = "none"

    def _mark_changed(self) -> None:
        self._changed = True

    def _say(self, text: str, *, alert: bool = False) -> None:
        self.last_message = text
        self.message.value = _status(text, alert=alert)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = _(NOT_RUN_YET)
        return bundle


class DiaryForm(_Form):
    """A form for one pain diary entry, saved to the diary file at ``path``.

    Every field of the diary has a box with a visible label and a line of help. Only the
    date (today unless changed) and the pain score are needed; a box left empty is saved
    empty. The Save button (:meth:`save`) adds the entry with
    :func:`painbook.diary.append_entry`. If the engine refuses a value, the message says
    what to change and nothing is written. After a save the message reads "Saved. Your
    diary now has N entries.", the last 5 entries are shown, and the form is cleared for
    the next entry (the date is kept).

    Show the form by making it the last line of a cell (or ``display(form.widget)``).
    """

    _kind = "diary"

    def __init__(
        self, path: PathLike = workbook.MY_FILES["diary"], *, today: _dt.date | None = None
    ) -> None:
        super().__init__()
        self._file_box(path, "diary")
        f = DIARY_FIELDS

        self.date = widgets.DatePicker(
            description=_(f["date"].label), value=today or _dt.date.today(), style=_STYLE
        )
        self.time = widgets.Text(
            description=_(f["time"].label),
            placeholder=_("for example 08:30 (or leave empty)"),
            style=_STYLE,
            layout=_wide(),
        )
        self.pain = self._number_box("pain", _("a number from 0 to 10 (needed)"))
        self.worst = self._number_box("worst")
        self.least = self._number_box("least")
        self.enjoyment_interference = self._number_box("enjoyment_interference")
        self.activity_interference = self._number_box("activity_interference")
        self.sleep_hours = self._number_box(
            "sleep_hours", _("for example 7 or 6.5 (or leave empty)")
        )
        self.mood = self._number_box("mood")
        self.locations = self._list_box("locations", _("lower back\nleft knee"))
        self.qualities = {
            _(word): widgets.Checkbox(description=_(word), value=False, indent=False)
            for word in QUALITIES
        }
        self.other_qualities = widgets.Text(
            description=_("Other words"),
            placeholder=_("for example: pressing (one per line or separated by ;)"),
            style=_STYLE,
            layout=_wide(),
        )
        self.medications = self._list_box("medications", _("what you took, and when"))
        self.helped = self._list_box("helped", _("heat pad\nshort walk"))
        self.worsened = self._list_box("worsened", _("long drive\nlifting"))
        self.notes = widgets.Textarea(
            description=_(f["notes"].label), rows=3, style=_STYLE, layout=_wide()
        )
        self._save_button(_("Save this entry"), _("Add this entry to the end of your diary file"))
        self.table = widgets.HTML()
        _on_any_change(self._inputs(), self._mark_changed)

        def field(name: str, control: widgets.Widget) -> list[widgets.Widget]:
            return [control, _help(f"{_(f[name].meaning)} {_(f[name].why)}")]

        quality_boxes = widgets.HBox(
            list(self.qualities.values()), layout=widgets.Layout(flex_flow="row wrap")
        )
        self.widget = layout.form_box(
            [
                widgets.HTML(
                    "<p>"
                    + html.escape(
                        _(
                            "This form adds one entry to the end of your diary file. Only the "
                            "date and your pain right now are needed; leave any other box empty "
                            "if you like."
                        )
                    )
                    + "</p>"
                ),
                self.file_box,
                _help(
                    _(
                        "Keep the name my-diary.csv, or type another one that starts with "
                        "my-diary and ends with .csv, such as my-diary-dad.csv."
                    )
                ),
                self.draft_note,
                self.empty_button,
                _heading(_("When")),
                *field("date", self.date),
                *field("time", self.time),
                _heading(_("Your pain")),
                *field("pain", self.pain),
                *field("worst", self.worst),
                *field("least", self.least),
                _heading(_("How pain got in the way (PEG questions)")),
                *field("enjoyment_interference", self.enjoyment_interference),
                *field("activity_interference", self.activity_interference),
                _heading(_("Sleep and mood")),
                *field("sleep_hours", self.sleep_hours),
                *field("mood", self.mood),
                _heading(_("Where and how it hurts")),
                *field("locations", self.locations),
                widgets.Label(
                    _("{label} (tick all that fit)").format(label=_(f["qualities"].label))
                ),
                quality_boxes,
                *field("qualities", self.other_qualities),
                _heading(_("Medicines and what made a difference")),
                *field("medications", self.medications),
                *field("helped", self.helped),
                *field("worsened", self.worsened),
                _heading(_("Anything else")),
                *field("notes", self.notes),
                self.save_button,
                self.message,
                self.table,
            ]
        )
        self._show_file_status()
        self._keep_draft()

    # -- building --------------------------------------------------------------------

    def _number_box(self, name: str, placeholder: str | None = None) -> widgets.Text:
        return widgets.Text(
            description=_(DIARY_FIELDS[name].label),
            placeholder=_("0 to 10 (or leave empty)") if placeholder is None else placeholder,
            style=_STYLE,
            layout=widgets.Layout(width="100%", max_width="34em"),
        )

    def _list_box(self, name: str, example: str) -> widgets.Textarea:
        return widgets.Textarea(
            description=_(DIARY_FIELDS[name].label),
            placeholder=example,
            rows=2,
            style=_STYLE,
            layout=_wide(),
        )

    def _inputs(self) -> list[widgets.Widget]:
        boxes = [getattr(self, name) for name in ("date", "time", *_NUMBER_FIELDS)]
        boxes += [getattr(self, name) for name in (*_LIST_FIELDS, "notes")]
        return [*boxes, *self.qualities.values(), self.other_qualities]

    def _show_file_status(self) -> None:
        self._show_table_status(
            diary.read_diary,
            new=lambda: _(
                "New diary. The file '{name}' does not exist yet: your first save "
                "creates it in the folder '{folder}'. It stays on this computer."
            ),
            problem=lambda: _(
                "Problem. The diary '{name}' cannot be read, so new entries cannot "
                "be added until it is fixed. {message}"
            ),
            ready=lambda n: ngettext(
                "Ready. Your diary '{name}' has {n} entry. Each save adds one row at the end "
                "and keeps the file from before the save as '{name}.bak', a spare copy.",
                "Ready. Your diary '{name}' has {n} entries. Each save adds one row at the end "
                "and keeps the file from before the save as '{name}.bak', a spare copy.",
                n,
            ),
        )

    # -- what the form holds -------------------------------------------------------------

    def entry(self) -> dict[str, Any]:
        """The entry as the form holds it: diary column -> value, None for an empty box.

        Numbers typed plainly (``5``, ``6.5``) are numbers; anything else typed in a number
        box is passed on as text for the diary engine to check. List fields are lists.
        """
        qualities = [word for word, box in self.qualities.items() if box.value]
        qualities += _items(self.other_qualities.value)
        entry: dict[str, Any] = {"date": self.date.value, "time": _text(self.time.value)}
        for name in _NUMBER_FIELDS:
            entry[name] = _number_or_text(getattr(self, name).value)
        for name in ("locations", "qualities", "medications", "helped", "worsened", "notes"):
            if name == "qualities":
                entry[name] = qualities or None
            elif name == "notes":
                entry[name] = _text(self.notes.value)
            else:
                entry[name] = _items(getattr(self, name).value) or None
        return {column: entry[column] for column in diary.CANONICAL_COLUMNS}

    def clear(self) -> None:
        """Empty every box except the date, ready for the next entry."""
        for control in self._inputs():
            if control is self.date:
                continue
            control.value = False if isinstance(control, widgets.Checkbox) else ""

    def save(self) -> bool:
        """Add the entry to the diary file (what the Save button does). True if saved.

        On success: the message "Saved. Your diary now has N entries.", the last 5 entries
        in :attr:`table`, and an empty form. If the diary engine refuses the entry
        (:class:`painbook.diary.DiaryError`), its message is shown and the file is not
        changed. Pressing Save again before changing anything does not save a copy.
        """
        if not self._changed:
            self._say(
                _(
                    "Nothing new to save. Your last entry is already in the diary. Fill in the "
                    "form again to add another entry."
                )
            )
            return False
        try:
            saved = diary.append_entry(self.path, self.entry())
        except diary.DiaryError as err:
            labels = {name: _(help_.label) for name, help_ in DIARY_FIELDS.items()}
            self._say(not_saved_message(err, labels), alert=True)
            return False
        self.table.value = _table_html(last_entries(saved), _("Your last entries"))
        self.clear()
        self._say(saved_message(saved))
        self._changed = False
        return True


# --------------------------------------------------------------------------------------
# PAINAD: observing pain in someone who cannot tell you
# --------------------------------------------------------------------------------------

#: What was happening during an observation (the form's choices; "other" lets you type).
CONTEXTS: tuple[str, ...] = (N_("resting"), N_("bathing"), N_("moving"), N_("eating"), N_("other"))

_ITEM_SHORT: Mapping[str, str] = {
    "breathing": N_("Breathing"),
    "vocalization": N_("Sounds"),
    "face": N_("Face"),
    "body_language": N_("Body"),
    "consolability": N_("Comforting"),
}


def painad_guide() -> pd.DataFrame:
    """The five PAINAD items and what each score 0, 1 and 2 looks like, as a table.

    From :data:`painbook.scales.PAINAD_ITEMS` and :data:`~painbook.scales.PAINAD_LABELS`
    (Warden, Hurley & Volicer, *J Am Med Dir Assoc* 2003;4(1):9-15), in this workbook's
    own words.
    """
    rows = {
        _(scales.PAINAD_LABELS[item]): {
            _("Score {level}").format(level=level): _(text) for level, text in levels.items()
        }
        for item, levels in scales.PAINAD_ITEMS.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    return _corner(table, _("What you watch"))


def _with_totals(observations: pd.DataFrame) -> pd.DataFrame:
    return observations.assign(total=analysis.painad_totals(observations))


def observation_table(observations: pd.DataFrame, n: int = 5, order: str = "last") -> pd.DataFrame:
    """A short table of PAINAD observations with their totals, to read.

    ``order="last"``: the last ``n`` observations in the log. ``order="highest"``: the ``n``
    with the highest totals (earliest first among equal totals). The index is the
    observation number (1 for the first row of the log).
    """
    if order not in ("last", "highest"):
        raise ValueError(f"order must be 'last' or 'highest', not {order!r}.")
    if n < 1:
        raise ValueError(f"n must be 1 or more, not {n}.")
    scored = _with_totals(observations).reset_index(drop=True)
    if order == "last":
        rows = scored.tail(n)
    else:
        rows = scored.sort_values("total", ascending=False, kind="stable").head(n)
    table = pd.DataFrame(
        {
            _("Date"): [_cell(v) for v in rows["date"]],
            _("Time"): [_cell(v) for v in rows["time"]],
            _("What was happening"): [_cell(v) for v in rows["context"]],
            **{
                _(_ITEM_SHORT[item]): [_cell(v) for v in rows[item]] for item in scales.PAINAD_ITEMS
            },
            _("Total (0-10)"): [_cell(v) for v in rows["total"]],
            _("Notes"): [_cell(v, limit=None) for v in rows["notes"]],  # the notes matter most
        },
        index=pd.Index(rows.index + 1),
    )
    return _corner(table, _("Observation"))


def context_table(observations: pd.DataFrame) -> pd.DataFrame:
    """Average and highest PAINAD total for each activity, with plain headings.

    Built on :func:`painbook.analysis.painad_by_context`; the average is rounded to one
    decimal. Most observations first.
    """
    by_context = analysis.painad_by_context(observations)
    table = pd.DataFrame(
        {
            _("Observations"): by_context["observations"].astype(int),
            _("Average total"): by_context["mean"].round(1),
            _("Highest total"): by_context["highest"].astype(int),
        }
    )
    return _corner(table, _("What was happening"))


def _long_date(stamp: pd.Timestamp) -> str:
    return dates.long_date(stamp)


def observation_summary(observations: pd.DataFrame) -> str:
    """A few plain sentences about a PAINAD log: how many, when, and totals by activity.

    Used under the form after a save and as the text alternative of
    :func:`observation_chart`. It describes what was seen; it is not a diagnosis.
    """
    scored = _with_totals(observations).dropna(subset=["total"])
    if scored.empty:
        return _("The log has no complete observations yet.")
    days = scored["date"].dt.normalize()
    first_day, last_day = _long_date(days.min()), _long_date(days.max())
    if first_day == last_day:
        when = _("on {day}").format(day=first_day)
    else:
        when = _("from {first} to {last}").format(first=first_day, last=last_day)
    n, n_days = len(scored), days.nunique()
    text = _("The log has {observations} on {days}, {when}.").format(
        observations=ngettext("{n} observation", "{n} observations", n).format(n=n),
        days=ngettext("{n} day", "{n} days", n_days).format(n=n_days),
        when=when,
    )
    by_context = analysis.painad_by_context(scored).sort_values(
        ["mean", "observations"], ascending=[False, False]
    )
    parts = [
        ngettext(
            "{context} {mean} ({n} observation)", "{context} {mean} ({n} observations)", n
        ).format(context=_word(context), mean=f"{row['mean']:.1f}", n=n)
        for context, row in by_context.iterrows()
        for n in [int(row["observations"])]
    ]
    text += " " + _("Average total by what was happening: {parts}.").format(parts="; ".join(parts))
    top = int(scored["total"].max())
    first = scored[scored["total"] == top].iloc[0]
    times = int((scored["total"] == top).sum())
    context = first["context"]
    day = _long_date(first["date"])
    if isinstance(context, str) and context:
        highest = ngettext(
            "The highest total was {top} out of 10, seen once (first on {day}, while {context}).",
            "The highest total was {top} out of 10, seen {times} times (first on {day}, while "
            "{context}).",
            times,
        )
    else:
        highest = ngettext(
            "The highest total was {top} out of 10, seen once (first on {day}).",
            "The highest total was {top} out of 10, seen {times} times (first on {day}).",
            times,
        )
    text += " " + highest.format(top=top, times=times, day=day, context=_word(context))
    return text


_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_LINES = ("-", "--", ":", "-.")
_GREYS = ("black", "0.35", "0.55")


def observation_chart(observations: pd.DataFrame) -> Chart:
    """PAINAD totals over the days, one marker shape and line style per activity.

    Black, grey and different shapes, so the chart reads without colour; large fonts.
    Returns a :class:`painbook.charts.Chart` whose text alternative is
    :func:`observation_summary`; ``chart.show()`` puts the image and the text in a notebook.
    The figure is not registered with pyplot, so nothing is left open.
    """
    scored = _with_totals(observations).dropna(subset=["total"])
    context = scored["context"].astype("string").str.strip().str.casefold()
    not_noted = _("(not noted)")
    scored = scored.assign(context=context.fillna(not_noted).replace("", not_noted))
    fig = Figure(figsize=(9, 5.4), dpi=100, layout="constrained")
    ax = fig.subplots()
    order = analysis.painad_by_context(scored).sort_values("mean", ascending=False).index
    for i, name in enumerate(order):
        rows = scored[scored["context"] == name].sort_values(["date", "time"])
        ax.plot(
            rows["date"],
            rows["total"].astype(float),
            marker=_MARKERS[i % len(_MARKERS)],
            linestyle=_LINES[i % len(_LINES)],
            color=_GREYS[i % len(_GREYS)],
            markerfacecolor="white" if i % 2 else _GREYS[i % len(_GREYS)],
            markersize=8,
            linewidth=1.5,
            label=_word(str(name)),
        )
    ax.set_ylim(-0.3, 10.3)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel(_("PAINAD total (0 to 10)"), fontsize=14)
    ax.set_xlabel(_("Date (weeks start on Monday)"), fontsize=14)
    ax.set_title(_("PAINAD totals by what was happening"), fontsize=16)
    ax.tick_params(labelsize=12)
    ax.grid(axis="y", color="0.85")
    ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    if language() == "es":
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: dates.day_month(mdates.num2date(x)))
        )
    else:
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    fig.legend(
        title=_("What was happening"),
        fontsize=12,
        title_fontsize=12,
        loc="outside lower center",
        ncol=min(len(order), 4) or 1,
    )
    return Chart(fig, observation_summary(observations))


class ObservationForm(_Form):
    """A form for one PAINAD observation, saved to the observation log at ``path``.

    Five items (breathing, sounds, face, body language, comforting), each with the three
    levels of :data:`painbook.scales.PAINAD_ITEMS` to choose from; the total is shown as
    soon as all five are scored (:func:`painbook.scales.painad`). What was happening
    (resting, bathing, moving, eating, other) and notes are optional. The Save button
    (:meth:`save`) adds the row with :func:`painbook.diary.append_observation`.
    """

    _kind = "observations"

    def __init__(
        self, path: PathLike = workbook.MY_FILES["observations"], *, today: _dt.date | None = None
    ) -> None:
        super().__init__()
        self._file_box(path, "observation log")
        self.date = widgets.DatePicker(
            description=_("Date"), value=today or _dt.date.today(), style=_STYLE
        )
        self.time = widgets.Text(
            description=_("Time (HH:MM)"),
            placeholder=_("for example 10:30 (or leave empty)"),
            style=_STYLE,
            layout=widgets.Layout(width="100%", max_width="34em"),
        )
        self.items: dict[str, widgets.RadioButtons] = {
            item: widgets.RadioButtons(
                description=_(scales.PAINAD_LABELS[item]),
                options=[(f"{level}: {_(text)}", level) for level, text in levels.items()],
                value=None,
                style=_STYLE,
                layout=widgets.Layout(width="100%", max_width="60em"),
            )
            for item, levels in scales.PAINAD_ITEMS.items()
        }
        for control in self.items.values():
            control.add_class("painbook-choices")
        self.context = widgets.Dropdown(
            description=_("What was happening"),
            options=[(_("(not noted)"), ""), *((_(c), c) for c in CONTEXTS)],
            value="",
            style=_STYLE,
        )
        self.context_other = widgets.Text(
            description=_("If other, what was happening"),
            placeholder=_("for example: getting dressed"),
            style=_STYLE,
            layout=_wide(),
        )
        self.notes = widgets.Textarea(
            description=_("Notes"),
            placeholder=_("What you saw, for example: held his right hip when standing up"),
            rows=3,
            style=_STYLE,
            layout=_wide(),
        )
        self.total = widgets.HTML()
        self._save_button(
            _("Save this observation"), _("Add this observation to the end of the log file")
        )
        self.table = widgets.HTML()
        self.summary = widgets.HTML()
        _on_any_change(self._inputs(), self._mark_changed)
        _on_any_change(list(self.items.values()), self._show_total)

        self.widget = layout.form_box(
            [
                widgets.HTML(
                    f"{_CHOICES_CSS}<p>"
                    + html.escape(
                        _(
                            "This form adds one observation to the end of your log file. Watch "
                            "the person for a few minutes, during care such as bathing or "
                            "moving as well as at rest, then score each of the five items."
                        )
                    )
                    + "</p>"
                ),
                self.file_box,
                _help(_("Keep my-observations at the start of the name and .csv at the end.")),
                self.draft_note,
                self.empty_button,
                _heading(_("When and what was happening")),
                self.date,
                self.time,
                self.context,
                self.context_other,
                _help(
                    _(
                        "Pain often shows when a person moves, so also watch during care such "
                        "as bathing, dressing or moving from bed to chair."
                    )
                ),
                _heading(_("The five items (0, 1 or 2 each)")),
                _help(_("For each item, pick the one that best fits what you saw.")),
                *self.items.values(),
                self.total,
                _heading(_("Notes")),
                self.notes,
                self.save_button,
                self.message,
                self.table,
                self.summary,
            ]
        )
        self._show_total()
        self._show_file_status()
        self._keep_draft()

    def _show_file_status(self) -> None:
        self._show_table_status(
            diary.read_observations,
            new=lambda: _(
                "New log. The file '{name}' does not exist yet: your first save "
                "creates it in the folder '{folder}'. It stays on this computer."
            ),
            problem=lambda: _(
                "Problem. The log '{name}' cannot be read, so new observations "
                "cannot be added until it is fixed. {message}"
            ),
            ready=lambda n: ngettext(
                "Ready. Your log '{name}' has {n} observation. Each save adds one row at the "
                "end and keeps the file from before the save as '{name}.bak', a spare copy.",
                "Ready. Your log '{name}' has {n} observations. Each save adds one row at the "
                "end and keeps the file from before the save as '{name}.bak', a spare copy.",
                n,
            ),
        )

    def _inputs(self) -> list[widgets.Widget]:
        return [
            self.date,
            self.time,
            *self.items.values(),
            self.context,
            self.context_other,
            self.notes,
        ]

    def total_text(self) -> str:
        """The total as words: "PAINAD total: 5 out of 10." or how many items are left."""
        scores = [control.value for control in self.items.values()]
        missing = sum(score is None for score in scores)
        if missing:
            return _("Score all five items to see the total ({scored} of 5 scored so far).").format(
                scored=5 - missing
            )
        total = scales.painad(*scores)
        return _(
            "PAINAD total: {total} out of 10. The total is a clue to talk about with the "
            "care team, not a diagnosis."
        ).format(total=total)

    def _show_total(self) -> None:
        self.total.value = _status(self.total_text())

    def observation(self) -> dict[str, Any]:
        """The observation as the form holds it: log column -> value, None when empty."""
        context: str | None = self.context.value or None
        if context == "other":
            context = _text(self.context_other.value) or _("other")
        elif context:
            context = _(context)
        obs: dict[str, Any] = {"date": self.date.value, "time": _text(self.time.value)}
        obs.update({item: control.value for item, control in self.items.items()})
        obs["context"] = context
        obs["notes"] = _text(self.notes.value)
        return obs

    def clear(self) -> None:
        """Empty the form except the date, ready for the next observation."""
        self.time.value = ""
        for control in self.items.values():
            control.value = None
        self.context.value = ""
        self.context_other.value = ""
        self.notes.value = ""

    def save(self) -> bool:
        """Add the observation to the log (what the Save button does). True if saved."""
        if not self._changed:
            self._say(
                _(
                    "Nothing new to save. Your last observation is already in the log. Fill in "
                    "the form again to add another one."
                )
            )
            return False
        try:
            saved = diary.append_observation(self.path, self.observation())
        except diary.DiaryError as err:
            labels = {item: _(scales.PAINAD_LABELS[item]) for item in scales.PAINAD_ITEMS}
            labels.update({"time": _("Time (HH:MM)"), "date": _("Date")})
            self._say(not_saved_message(err, labels), alert=True)
            return False
        self.table.value = _table_html(observation_table(saved), _("Your last observations"))
        self.summary.value = f"<p>{html.escape(observation_summary(saved))}</p>"
        self.clear()
        self._say(saved_message(saved, "observation log"))
        self._changed = False
        return True


# --------------------------------------------------------------------------------------
# The weekly action plan (model: Chronic Pain Self-Management Program, cpsmp)
# --------------------------------------------------------------------------------------

#: Confidence needed before a plan is a good size (CPSMP model: change the plan below 7).
CONFIDENCE_GOAL = 7

#: Columns of the action plan file, one row per saved week.
PLAN_COLUMNS: tuple[str, ...] = (
    "week_start",
    "what",
    "how_much",
    "when",
    "days_per_week",
    "confidence",
    *(f"day_{i}_{part}" for i in range(1, 8) for part in ("done", "note")),
    "days_done",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _confidence(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"Confidence must be a whole number from 0 to 10, not {value!r}.")
    if not 0 <= int(value) <= 10:
        raise ValueError(f"Confidence must be from 0 to 10, not {value}.")
    return int(value)


def plan_advice(confidence: int | None) -> str:
    """What to do with a plan, given how sure you are (0-10) that you will do all of it.

    Below 7: make the plan smaller or easier (a smaller step, fewer days) and rate it again,
    until the rating is 7 or more. 7 or more: the plan is a good size. ``None``: not rated
    yet. This is the rule of the Chronic Pain Self-Management Program (Lorig and colleagues,
    Stanford; ``cpsmp`` in ``book/references.bib``).

    >>> plan_advice(8)[:31]
    'Your confidence is 8 out of 10.'
    """
    if confidence is None:
        return _(
            "Rate your plan: how sure are you, from 0 (not sure at all) to 10 (totally "
            "sure), that you will do the whole plan this week?"
        )
    score = _confidence(confidence)
    if score < CONFIDENCE_GOAL:
        return _(
            "Your confidence is {score} out of 10, below {goal}. Change the plan "
            "so it is easier to do: take a smaller step (less time or effort), or plan it "
            "on fewer days. Then rate it again, until you rate it {goal} or more. "
            "A small plan you finish beats a big plan you give up."
        ).format(score=score, goal=CONFIDENCE_GOAL)
    return _(
        "Your confidence is {score} out of 10. That is {goal} or more, so this "
        "plan is a good size. At the end of the week, look back at how it went."
    ).format(score=score, goal=CONFIDENCE_GOAL)


def _done(day: object) -> bool | None:
    value = day.get("done") if isinstance(day, Mapping) else day
    if value is None or isinstance(value, bool | np.bool_):
        return None if value is None else bool(value)
    raise ValueError(
        f"Each day must be True (done), False (not done) or None (not filled in), not {value!r}."
    )


def week_summary(days: Sequence[object], planned_days: int | None = None) -> str:
    """How the week went: "You did it on 4 of 7 days.", and a word on what to do next.

    ``days`` holds one item per day: True (done), False (not done) or None (not filled in
    yet), or a mapping with a ``"done"`` key holding one of those. ``planned_days`` is how
    many days the plan was for, if known.

    >>> week_summary([True, True, False, True, False, True, False])[:27]
    'You did it on 4 of 7 days. '
    """
    if isinstance(days, str | bytes) or not isinstance(days, Sequence) or not days:
        raise ValueError("days must be a list with one item per day (7 for a week).")
    done_list = [_done(day) for day in days]
    n = len(done_list)
    done = sum(d is True for d in done_list)
    blank = sum(d is None for d in done_list)
    text = ngettext("You did it on {done} of {n} days.", "You did it on {done} of {n} days.", n)
    text = text.format(done=done, n=n)
    if blank == n:
        return _("Nothing filled in yet. Mark each day, done or not, as the week goes on.")
    if blank:
        return ngettext(
            "You did it on {done} of {n} days so far ({blank} day not filled in yet).",
            "You did it on {done} of {n} days so far ({blank} days not filled in yet).",
            blank,
        ).format(done=done, n=n, blank=blank)
    if planned_days is not None:
        if isinstance(planned_days, bool) or planned_days not in range(1, 8):
            raise ValueError(
                f"planned_days must be a whole number from 1 to 7, not {planned_days!r}."
            )
        planned = int(planned_days)
        if done >= planned:
            text += " " + ngettext(
                "Your plan was {n} day, so you met your plan.",
                "Your plan was {n} days, so you met your plan.",
                planned,
            ).format(n=planned)
        else:
            text += " " + ngettext(
                "Your plan was {n} day. Look back: what got in the way? "
                "A smaller step or fewer days may fit next week better.",
                "Your plan was {n} days. Look back: what got in the way? "
                "A smaller step or fewer days may fit next week better.",
                planned,
            ).format(n=planned)
            return text
    if done == 0:
        text += " " + _(
            "That is useful to know. Think about what got in the way, and make next "
            "week's plan smaller or easier."
        )
    else:
        text += " " + _("Look back: what helped on the days you did it? Use that for next week.")
    return text


def week_table(days: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A week record as a table to read: one row per day, "yes"/"no" and the note.

    Each day is a mapping with ``"done"`` (True, False or None) and optionally ``"day"``
    (the day's name; "Day 1", "Day 2", ... if missing) and ``"note"``.
    """
    words = {True: _("yes"), False: _("no"), None: _("(not filled in)")}
    table = pd.DataFrame(
        {
            _("Done?"): [words[_done(day)] for day in days],
            _("Note"): [_cell(day.get("note")) for day in days],
        },
        index=[
            str(day.get("day") or _("Day {i}").format(i=i)) for i, day in enumerate(days, start=1)
        ],
    )
    return _corner(table, _("Day"))


def plan_table(plan: Mapping[str, Any], title: str | None = None) -> pd.DataFrame:
    """A plan (what, how_much, when, days_per_week, confidence) as a two-column table."""
    days = plan.get("days_per_week")
    confidence = plan.get("confidence")
    if title is None:
        title = _("This week's plan")
    often = "" if days is None else ngettext("{n} day a week", "{n} days a week", int(days))
    rows = {
        _("What"): plan.get("what") or "",
        _("How much"): plan.get("how_much") or "",
        _("When"): plan.get("when") or "",
        _("How often"): often.format(n=None if days is None else int(days)),
        _("Confidence (0 to 10)"): "" if confidence is None else str(confidence),
    }
    table = pd.DataFrame({title: rows})
    return _corner(table, _("Part of the plan"))


def _guard(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


def append_plan(path: PathLike, row: Mapping[str, Any]) -> pd.DataFrame:
    """Add one week's plan as a new row at the end of the CSV file ``path`` (name ending .csv).

    The file is created with a heading row if it does not exist. An existing file is never
    rewritten: the row is appended, so earlier weeks stay as they were. A file whose
    heading row is not :data:`PLAN_COLUMNS` is refused with a ValueError (nothing is
    written). Returns all rows of the file as now saved.
    """
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise ValueError(
            _(
                "'{name}' does not end in .csv. Action plans are saved as a CSV file: use "
                "a name such as my-action-plans.csv."
            ).format(name=target.name)
        )
    unknown = set(row) - set(PLAN_COLUMNS)
    if unknown:
        raise ValueError(f"Unknown plan fields: {', '.join(sorted(unknown))}.")
    frame = pd.DataFrame([{c: _guard(row.get(c)) for c in PLAN_COLUMNS}], columns=PLAN_COLUMNS)
    if target.exists() and target.stat().st_size > 0:
        heading = pd.read_csv(target, nrows=0, encoding="utf-8-sig").columns.tolist()
        if heading != list(PLAN_COLUMNS):
            raise ValueError(
                _(
                    "'{name}' is not an action plan file made by this form (its columns "
                    "are different), so nothing was added. Choose another file name."
                ).format(name=target.name)
            )
        with open(target, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            needs_newline = handle.read(1) not in (b"\n", b"\r")
        with open(target, "a", encoding="utf-8", newline="") as handle:
            if needs_newline:
                handle.write("\r\n")
            frame.to_csv(handle, header=False, index=False, lineterminator="\r\n")
    else:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            frame.to_csv(handle, index=False, lineterminator="\r\n")
    return pd.read_csv(target, encoding="utf-8-sig", dtype=str, keep_default_na=False)


class ActionPlanForm(_Form):
    """A weekly action plan and its week record, optionally saved to a CSV file.

    The plan: what, how much, when, how often (days this week) and confidence (0-10). While
    confidence is below 7 the advice says to change the plan (:func:`plan_advice`). The
    record: for each of the 7 days from ``week_start``, done yes or no and a note; the
    summary (:func:`week_summary`) updates as you fill it in. With a ``path``, the Save
    button (:meth:`save`) adds one row for the week to that CSV file (:func:`append_plan`);
    without one, nothing is saved.
    """

    _kind = "plans"

    def __init__(
        self,
        path: PathLike | None = workbook.MY_FILES["plans"],
        *,
        today: _dt.date | None = None,
    ) -> None:
        super().__init__()
        self._file_box(path or workbook.MY_FILES["plans"], "action plans")
        self.path = None if path is None else Path(path)
        self.file_box.layout.display = "none" if path is None else None
        start = today or _dt.date.today()
        self.week_start = widgets.DatePicker(
            description=_("Week starting"), value=start, style=_STYLE
        )
        self.what = widgets.Text(
            description=_("What will you do?"),
            placeholder=_("an action, for example: walk"),
            style=_STYLE,
            layout=_wide(),
        )
        self.how_much = widgets.Text(
            description=_("How much?"),
            placeholder=_("for example: 10 minutes"),
            style=_STYLE,
            layout=_wide(),
        )
        self.when = widgets.Text(
            description=_("When?"),
            placeholder=_("for example: after lunch"),
            style=_STYLE,
            layout=_wide(),
        )
        self.how_often = widgets.Dropdown(
            description=_("How often? (days this week)"),
            options=[(ngettext("{n} day", "{n} days", i).format(n=i), i) for i in range(1, 8)],
            value=None,
            style=_STYLE,
        )
        self.confidence = widgets.RadioButtons(
            description=_("How sure are you (0-10)?"),
            options=[(str(i), i) for i in range(11)],
            value=None,
            orientation="horizontal",
            style=_STYLE,
            layout=widgets.Layout(width="100%", max_width="44em"),
        )
        self.advice = widgets.HTML()
        self.done: list[widgets.RadioButtons] = []
        self.day_notes: list[widgets.Text] = []
        day_rows: list[widgets.Widget] = []
        for i in range(7):
            done = widgets.RadioButtons(
                description=_("Day {i}").format(i=i + 1),
                options=[(_("yes"), True), (_("no"), False)],
                value=None,
                orientation="horizontal",
                style=_STYLE,
            )
            note = widgets.Text(
                description=_("Note for day {i}").format(i=i + 1),
                placeholder=_("what helped or got in the way"),
                style=_STYLE,
                layout=_wide(),
            )
            self.done.append(done)
            self.day_notes.append(note)
            day_rows.append(widgets.VBox([done, note], layout=widgets.Layout(margin="0 0 0.6em 0")))
        self.summary = widgets.HTML()
        self._save_button(
            _("Save this week"), _("Add this week's plan and record as a new row of the plan file")
        ).disabled = self.path is None
        self.confidence.observe(lambda _change: self._show_advice(), names="value")
        _on_any_change([*self.done, self.how_often], self._show_summary)
        self.week_start.observe(lambda _change: self._label_days(), names="value")
        _on_any_change(self._inputs(), self._mark_changed)

        where = (
            _(
                "The Save button adds this week as a new row at the end of your plan file, named "
                "below; earlier weeks are kept."
            )
            if self.path is not None
            else _(
                "Saving is off: no file name was given. Write your plan down, or give a "
                "file name to keep your plans."
            )
        )
        self.widget = layout.form_box(
            [
                widgets.HTML(
                    "<p>"
                    + html.escape(
                        _(
                            "Plan one small thing you want to do this week. Then rate how sure "
                            "you are that you will do all of it."
                        )
                    )
                    + f" {html.escape(where)}</p>"
                ),
                self.file_box,
                self.draft_note,
                self.empty_button,
                _heading(_("Your plan")),
                self.week_start,
                self.what,
                _help(_("Choose an action you want to do, like walk or stretch, not a wish.")),
                self.how_much,
                self.when,
                self.how_often,
                _help(_("Leave room for a bad day: fewer days than 7 is fine.")),
                self.confidence,
                self.advice,
                _heading(_("Your week: did you do it?")),
                *day_rows,
                self.summary,
                self.save_button,
                self.message,
            ]
        )
        self._label_days()
        self._show_advice()
        self._show_summary()
        if self.path is None:
            self._say(_("Saving is off: no file name was given."))
        else:
            self._show_file_status()
        self._keep_draft()

    def _show_file_status(self) -> None:
        if self.path is None:
            return
        if self.path.exists():
            self._say(
                _(
                    "Ready. Saving adds this week to '{name}' in the folder of this "
                    "notebook; earlier weeks are kept."
                ).format(name=self.path.name)
            )
        else:
            self._say(
                _(
                    "New plan file. '{name}' does not exist yet: your first save creates "
                    "it in the folder '{folder}'. It stays on this computer."
                ).format(name=self.path.name, folder=self.path.resolve().parent)
            )

    def clear(self) -> None:
        """Empty the plan and the week record (the start date is kept)."""
        for control in self._inputs():
            if control is self.week_start:
                continue
            control.value = (
                None if isinstance(control, widgets.RadioButtons | widgets.Dropdown) else ""
            )

    def _inputs(self) -> list[widgets.Widget]:
        plan = [self.week_start, self.what, self.how_much, self.when, self.how_often]
        return [*plan, self.confidence, *self.done, *self.day_notes]

    def _label_days(self) -> None:
        start = self.week_start.value
        for i, (done, note) in enumerate(zip(self.done, self.day_notes, strict=True)):
            if start is None:
                done.description = _("Day {i}").format(i=i + 1)
                note.description = _("Note for day {i}").format(i=i + 1)
            else:
                day = start + _dt.timedelta(days=i)
                done.description = _("{weekday} {day}: done?").format(
                    weekday=dates.weekday(day), day=dates.day_month(day, short=False)
                )
                note.description = _("Note for {weekday}").format(weekday=dates.weekday(day))

    def _show_advice(self) -> None:
        self.advice.value = _status(plan_advice(self.confidence.value))

    def summary_text(self) -> str:
        """The week summary for what is filled in so far (:func:`week_summary`)."""
        return week_summary([d.value for d in self.done], self.how_often.value)

    def _show_summary(self) -> None:
        self.summary.value = _status(self.summary_text())

    def plan(self) -> dict[str, Any]:
        """The plan as the form holds it: what, how_much, when, days_per_week, confidence."""
        return {
            "what": _text(self.what.value),
            "how_much": _text(self.how_much.value),
            "when": _text(self.when.value),
            "days_per_week": self.how_often.value,
            "confidence": self.confidence.value,
        }

    def row(self) -> dict[str, Any]:
        """The plan and the week record as one row of the plan file (:data:`PLAN_COLUMNS`)."""
        start = self.week_start.value
        row: dict[str, Any] = {"week_start": None if start is None else start.isoformat()}
        row.update(self.plan())
        for i, (done, note) in enumerate(zip(self.done, self.day_notes, strict=True), start=1):
            row[f"day_{i}_done"] = {True: "yes", False: "no", None: None}[done.value]
            row[f"day_{i}_note"] = _text(note.value)
        row["days_done"] = sum(d.value is True for d in self.done)
        return row

    def save(self) -> bool:
        """Add this week as a new row of the plan file (what the Save button does).

        Needs a file name, a start date, and what, how much, when, how often and confidence.
        Earlier rows are never changed: saving the same week again after a change adds a
        new row. Pressing Save again before changing anything does not add a copy. True if
        saved.
        """
        if self.path is None:
            self._say(_("Not saved. Saving is off: no file name was given."), alert=True)
            return False
        if not self._changed:
            self._say(
                _(
                    "Nothing new to save. This week is already in your plan file. If you change "
                    "something and save again, a new row is added and the earlier one is kept."
                )
            )
            return False
        labels = {
            "week_start": _("Week starting"),
            "what": _("What will you do?"),
            "how_much": _("How much?"),
            "when": _("When?"),
            "days_per_week": _("How often?"),
            "confidence": _("How sure are you (0-10)?"),
        }
        row = self.row()
        missing = [label for key, label in labels.items() if row[key] is None]
        if missing:
            self._say(
                _("Not saved. Fill in: {boxes}.").format(
                    boxes=", ".join(f'"{m}"' for m in missing)
                ),
                alert=True,
            )
            return False
        try:
            saved = append_plan(self.path, row)
        except (ValueError, OSError) as err:
            self._say(_("Not saved. {message}").format(message=err), alert=True)
            return False
        self._say(
            ngettext(
                "Saved. Your plan file '{name}' now has {n} row "
                "(one for each time you saved a week).",
                "Saved. Your plan file '{name}' now has {n} rows "
                "(one for each time you saved a week).",
                len(saved),
            ).format(name=self.path.name, n=len(saved))
        )
        self._changed = False
        return True
