"""Pickers for reading a diary and getting ready for a visit (ipywidgets).

- :class:`DiaryExplorer`: choose a period and a measure; a chart, its text alternative and a
  weekly table are redrawn.
- :class:`ProgressExplorer`: choose a baseline and a recent period; the change is judged
  (:func:`painbook.analysis.progress`) and charted.
- :class:`QuestionList`: the five questions for a first visit plus the person's own; add,
  remove, move up.
- :class:`VisitSummaryBuilder`: pick the period and baseline and make the one-page visit
  summary (:func:`painbook.report.visit_summary`), saved under a name the person chooses,
  never over an existing file.

Everything a button or picker does is a method too (``set_period``, ``add_question``,
``build_summary`` ...), so tests and notebooks can drive the forms from Python. Outputs are
written straight into each form's ``output`` widget (``output.outputs``), so they are the
same with or without a live kernel.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html as _html
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from painbook import analysis, charts, diary, report, samples, workbook
from painbook.i18n import N_, _
from painbook.widgets import layout

__all__ = [
    "DiaryPicker",
    "FIVE_QUESTIONS",
    "PERIOD_CHOICES",
    "resolve_period",
    "unique_path",
    "summary_preview",
    "first_two_weeks",
    "visit_page",
    "save_page",
    "PeriodPicker",
    "DiaryExplorer",
    "ProgressExplorer",
    "QuestionList",
    "VisitSummaryBuilder",
]

#: The five questions every first visit should answer, worded as in the chapter
#: "Your first appointment" (book/07-first-appointment.md).
FIVE_QUESTIONS: tuple[str, ...] = (
    N_("What causes my pain, and how is it diagnosed?"),
    N_("What are my treatment options, with their risks and benefits?"),
    N_("Will I need other therapy, such as physical or behavioral therapy?"),
    N_("How will we measure progress?"),
    N_("At home, what can I do to manage my pain?"),
)

#: Quick periods, counted back from the diary's LAST entry (not from today), so an old
#: diary still shows its last weeks: (menu label, value).
PERIOD_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("Last 4 weeks"), "last 4 weeks"),
    (N_("Last 3 months"), "last 3 months"),
    (N_("Everything"), "everything"),
    (N_("Dates I choose"), "dates"),
)
_QUICK = {value for _, value in PERIOD_CHOICES if value != "dates"}

_WIDE = widgets.Layout(width="auto")
_DESCRIPTION = {"description_width": "initial"}


# --------------------------------------------------------------------------- helpers


def _diary_days(df: pd.DataFrame) -> pd.Series:
    return df["date"].dropna().dt.normalize()


def resolve_period(df: pd.DataFrame, choice: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a quick period: "last 4 weeks", "last 3 months" or "everything".

    Periods end on the diary's last day with an entry: "last 4 weeks" is the last 28 days,
    "last 3 months" starts the day after the same date 3 months earlier (26 Feb to 25 May),
    "everything" runs from the first entry. Raises ValueError for an empty diary or an
    unknown choice.
    """
    if choice not in _QUICK:
        raise ValueError(f"Unknown period {choice!r}. Choose one of: {', '.join(sorted(_QUICK))}.")
    days = _diary_days(df)
    if days.empty:
        raise ValueError(_("The diary has no entries yet, so there is no period to show."))
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    if choice == "last 4 weeks":
        start = last - pd.Timedelta(days=27)
    elif choice == "last 3 months":
        start = last - pd.DateOffset(months=3) + pd.Timedelta(days=1)
    else:
        start = first
    return max(pd.Timestamp(start), first), last


def _as_date(stamp: pd.Timestamp | None) -> _dt.date | None:
    return None if stamp is None else pd.Timestamp(stamp).date()


#: The dates a form asks for, as named in its messages ("Choose the first day.").
_WHAT = {
    "first day": N_("first day"),
    "last day": N_("last day"),
    "first day (From)": N_("first day (From)"),
    "last day (To)": N_("last day (To)"),
    "first day of the baseline": N_("first day of the baseline"),
    "last day of the baseline": N_("last day of the baseline"),
    "first day of the recent period": N_("first day of the recent period"),
    "last day of the recent period": N_("last day of the recent period"),
}


def _stamp(value: object, what: str) -> pd.Timestamp:
    shown = _(_WHAT[what]) if what in _WHAT else what
    if value is None or value == "":
        raise ValueError(_("Choose the {what}.").format(what=shown))
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(
            _("The {what} {value} is not a date. Write it like 2026-03-01.").format(
                what=shown, value=repr(value)
            )
        ) from err
    return stamp.normalize()


def _display(data: dict[str, str]) -> dict[str, object]:
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _table_output(table: pd.DataFrame) -> dict[str, object]:
    return _display(
        {"text/html": layout.scroll_box(table.to_html()), "text/plain": table.to_string()}
    )


def _chart_output(chart: charts.Chart) -> dict[str, object]:
    """A chart for a form's output: the image in a box that scrolls sideways on a phone."""
    return _display({"text/html": chart.scroll_html(), "text/plain": chart.text})


class _Shows:
    """Text shown instead of the widget where widgets cannot be drawn (see forms.NOT_RUN_YET)."""

    def _repr_mimebundle_(self, **kwargs: object) -> object:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        if isinstance(bundle, dict) and "text/plain" in bundle:
            bundle["text/plain"] = _(NOT_RUN_YET)
        return bundle


#: What a widget's cell shows as text before it has run (also in painbook.widgets.forms).
NOT_RUN_YET = N_("A form appears here when this cell runs (menu Run, then Run All Cells).")

#: The file each notebook opened, kept while the kernel runs: (sample, folder) -> file name.
_CHOSEN: dict[tuple[str, str], str] = {}


def _message_html(text: str, kind: str = "info") -> str:
    """A message for a form: plain text escaped, with a word (not only a colour) for errors."""
    prefix = "<b>" + _html.escape(_("Please check:")) + "</b> " if kind == "error" else ""
    return f'<p role="status">{prefix}{_html.escape(text)}</p>'


def unique_path(folder: str | os.PathLike[str], name: str) -> Path:
    """Claim a new file name in ``folder``, never one that already exists.

    ``name`` is a file name only (no folder). ``.html`` is added when the name does not end
    in ``.html`` or ``.htm``. If the file exists, ``-1``, ``-2``, ... is added before the
    ending (``visit-summary-1.html``) until a free name is found. The file is created empty
    (exclusive create, so two forms saving at once get different names) and its path
    returned. Raises ValueError for an empty name or a name with a folder in it.
    """
    text = str(name).strip()
    if not text:
        raise ValueError(_("Type a file name for the summary, such as visit-summary.html."))
    if any(sep in text for sep in ("/", "\\")) or text in (".", ".."):
        raise ValueError(
            _(
                "Type a file name only, without a folder (got {name}), such as visit-summary.html."
            ).format(name=repr(text))
        )
    if Path(text).suffix.lower() not in (".html", ".htm"):
        text += ".html"
    base = Path(text)
    folder_path = Path(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    for n in range(0, 10_000):
        candidate = folder_path / (base.name if n == 0 else f"{base.stem}-{n}{base.suffix}")
        try:
            with open(candidate, "x", encoding="utf-8"):
                pass
        except FileExistsError:
            continue
        return candidate
    raise ValueError(
        _("Too many files named like {name}: choose another name.").format(name=base.name)
    )


def summary_preview(html: str, title: str | None = None, height: int = 1100) -> str:
    """HTML that shows a visit summary page inside a frame on a notebook or book page.

    The summary is a whole page with its own styles; a frame (``<iframe srcdoc>``) keeps
    them from changing the page around it. The frame is sandboxed (no scripts can run in
    it) and loads nothing: the page travels inside the ``srcdoc`` attribute. The frame sits
    in a ``<div>``, so IPython's ``HTML`` shows it without a warning.
    """
    if title is None:
        title = _("Visit summary")
    return (
        '<div class="visit-summary-preview">'
        f'<iframe title="{_html.escape(title)}" sandbox="" srcdoc="{_html.escape(html)}" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #888; '
        'background: #fff;"></iframe></div>'
    )


def first_two_weeks(df: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The diary's first 14 days (the default baseline of :func:`painbook.analysis.progress`),
    or None for an empty diary."""
    days = _diary_days(df)
    if days.empty:
        return None
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    return first, min(first + pd.Timedelta(days=analysis.PROGRESS_DAYS - 1), last)


def visit_page(
    df: pd.DataFrame,
    questions: Iterable[str] = FIVE_QUESTIONS,
    *,
    period: str | tuple[object, object] = "last 3 months",
    baseline: str | tuple[object, object] | None = "first 2 weeks",
    name: str | None = None,
) -> str:
    """The one-page visit summary with :class:`VisitSummaryBuilder`'s first choices.

    ``period`` is a quick choice (see :func:`resolve_period`) or (first day, last day);
    ``baseline`` is "first 2 weeks" (of the diary), (first day, last day), or None for no
    comparison. Returns the HTML of :func:`painbook.report.visit_summary`.
    """
    if isinstance(period, str):
        start, end = resolve_period(df, period)
    else:
        start, end = (_stamp(period[0], "first day"), _stamp(period[1], "last day"))
    if isinstance(baseline, str):
        if baseline != "first 2 weeks":
            raise ValueError(f'baseline must be "first 2 weeks", two dates or None: {baseline!r}.')
        baseline = first_two_weeks(df)
    shown = [_(q) if q else q for q in questions]
    return report.visit_summary(
        df, start=start, end=end, questions=shown, baseline=baseline, name=name or None
    )


def save_page(
    page: str, folder: str | os.PathLike[str], file_name: str = "visit-summary.html"
) -> Path:
    """Save a visit summary page under a new name in ``folder`` (see :func:`unique_path`).

    Never overwrites a file; returns the path written. Raises ValueError for a bad name.
    """
    target = unique_path(folder, file_name)
    try:
        report.save_visit_summary(page, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


# --------------------------------------------------------------------------- which diary


class DiaryPicker(_Shows, widgets.VBox):
    """Which diary a notebook reads, with a box to open another file.

    It starts with :func:`painbook.workbook.choose_diary`: ``my-diary.csv`` beside the
    notebook when there is one, else the made-up sample ``sample``. :attr:`df` is the diary,
    :attr:`text` says in words which one it is. A diary that cannot be read gives its
    message in words, and the sample is shown meanwhile, so the notebook still runs.

    Typing another file name and pressing "Open" reads that file; every form connected with
    :meth:`on_change` (the explorers, the visit summary) is given the new diary at once,
    and the choice is kept while the kernel runs, so running the notebook again opens it too.
    """

    def __init__(self, sample: str, folder: str | os.PathLike[str] = ".") -> None:
        self.sample = sample
        self.folder = Path(folder)
        self._key = (sample, str(self.folder.resolve()))
        self._callbacks: list[Callable[[pd.DataFrame], None]] = []
        self.file_box = widgets.Text(
            description=_("Diary file (in this notebook's folder)"),
            placeholder=workbook.my_file("diary"),
            continuous_update=False,
        )
        self.open_button = widgets.Button(
            description=_("Open"), tooltip=_("Read the diary file named in the box")
        )
        self.message = widgets.HTML()
        super().__init__(
            [
                layout.style_sheet(),
                layout.row([self.file_box, self.open_button]),
                self.message,
            ]
        )
        layout.fit_phone(self)
        self.open_button.on_click(lambda _: self.open_file(self.file_box.value))
        self.file_box.observe(lambda _change: self.open_file(self.file_box.value), names="value")
        self._load(_CHOSEN.get(self._key))
        self.message.value = _message_html(self.text)

    def _load(self, name: str | None) -> bool:
        choice = workbook.choose_diary(self.sample, self.folder, name)
        try:
            df = diary.read_diary(choice.path)
        except diary.DiaryError as err:
            sample = samples.path(self.sample)
            person = _(workbook.SAMPLE_PEOPLE.get(self.sample, N_("a made-up person")))
            self.choice = workbook.DiaryChoice(sample, True, person, "")
            self.df = diary.read_diary(sample)
            self.text = _(
                "Your diary {name} cannot be read yet. {message} Until it is "
                "fixed, this notebook shows the diary of {person}, a made-up person."
            ).format(name=choice.path.name, message=err.message, person=person)
            return False
        self.choice, self.df, self.text = choice, df, choice.message
        return True

    @property
    def who(self) -> str:
        """The name for the top of a visit summary: "Maria (made up)" or empty."""
        return self.choice.who

    def on_change(self, callback: Callable[[pd.DataFrame], None]) -> None:
        """Call ``callback(df)`` with the new diary after another file is opened."""
        self._callbacks.append(callback)

    def open_file(self, name: str) -> bool:
        """Open the diary file ``name`` (what the Open button does). True if it was read."""
        text = str(name).strip()
        if not text:
            self.message.value = _message_html(
                _(
                    "Type the name of a diary file in this notebook's folder, such as "
                    "{name}, then press Open."
                ).format(name=workbook.my_file("diary")),
                "error",
            )
            return False
        if any(sep in text for sep in ("/", "\\")):
            self.message.value = _message_html(
                _(
                    "Type a file name only, without a folder, and keep the file in the same "
                    "folder as this notebook."
                ),
                "error",
            )
            return False
        ok = self._load(text)
        if ok and not self.choice.sample:
            _CHOSEN[self._key] = text
        for callback in self._callbacks:
            callback(self.df)
        after = " " + _(
            "The forms in this notebook use it now. To update the tables and charts between "
            "them too, run the notebook again (menu Run, then Run All Cells): it keeps this "
            "choice."
        )
        self.message.value = _message_html(self.text + (after if ok else ""), "info")
        return ok and not self.choice.sample


def _diary_of(source: pd.DataFrame | DiaryPicker, redraw: Callable[[pd.DataFrame], None]):
    """The DataFrame of ``source``; a :class:`DiaryPicker` also calls ``redraw`` on a change."""
    if isinstance(source, DiaryPicker):
        source.on_change(redraw)
        return source.df
    return source


# --------------------------------------------------------------------------- period picker


class PeriodPicker(widgets.VBox):
    """A period: a quick choice (last 4 weeks, last 3 months, everything) or two dates.

    Picking a quick choice fills in the two dates; changing a date switches the choice to
    "Dates I choose". :meth:`dates` gives the period; :meth:`set` changes it from Python.
    Functions passed to :meth:`on_change` are called once after every change.
    """

    def __init__(
        self, df: pd.DataFrame, default: str = "last 4 weeks", label: str | None = None
    ) -> None:
        self._df = df
        self._callbacks: list[Callable[[], None]] = []
        self._syncing = False
        self.choice = widgets.Dropdown(
            options=[(_(shown), value) for shown, value in PERIOD_CHOICES],
            value=default,
            description=_("Period") if label is None else label,
            style=_DESCRIPTION,
        )
        self.start = widgets.DatePicker(description=_("From"), style=_DESCRIPTION)
        self.end = widgets.DatePicker(description=_("To"), style=_DESCRIPTION)
        super().__init__([self.choice, widgets.HBox([self.start, self.end])])
        self._fill()
        self.choice.observe(self._on_choice, "value")
        self.start.observe(self._on_date, "value")
        self.end.observe(self._on_date, "value")

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after each change of the period."""
        self._callbacks.append(callback)

    def _notify(self) -> None:
        for callback in self._callbacks:
            callback()

    def _fill(self) -> None:
        """Show the quick choice's dates in the date pickers (if the diary has entries)."""
        if self.choice.value == "dates":
            return
        try:
            start, end = resolve_period(self._df, self.choice.value)
        except ValueError:
            return
        self._syncing = True
        try:
            self.start.value, self.end.value = _as_date(start), _as_date(end)
        finally:
            self._syncing = False

    def _on_choice(self, change: dict) -> None:
        if self._syncing:
            return
        self._fill()
        self._notify()

    def _on_date(self, change: dict) -> None:
        if self._syncing:
            return
        if self.choice.value != "dates":
            self._syncing = True
            try:
                self.choice.value = "dates"
            finally:
                self._syncing = False
        self._notify()

    def set(self, choice_or_start: object, end: object = None) -> None:
        """Set the period: ``set("last 3 months")`` or ``set("2025-03-01", "2025-03-31")``."""
        self._syncing = True
        try:
            if end is None and isinstance(choice_or_start, str) and choice_or_start in _QUICK:
                self.choice.value = choice_or_start
                self._syncing = False
                self._fill()
            else:
                start = _stamp(choice_or_start, "first day")
                last = _stamp(end, "last day")
                self.choice.value = "dates"
                self.start.value, self.end.value = _as_date(start), _as_date(last)
        finally:
            self._syncing = False
        self._notify()

    def dates(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The period as (first day, last day). Raises ValueError with a plain message."""
        if self.choice.value != "dates":
            return resolve_period(self._df, self.choice.value)
        start = _stamp(self.start.value, "first day (From)")
        end = _stamp(self.end.value, "last day (To)")
        if end < start:
            raise ValueError(
                _(
                    "The last day ({last}) is before the first day ({first}). Swap the two dates."
                ).format(last=charts.day_label(end), first=charts.day_label(start))
            )
        return start, end


# --------------------------------------------------------------------------- diary explorer


class _ChartView:
    """An explorer that shows a chart, its text and a table for the reader's choice.

    Subclasses give ``chart()``, ``table()``, a ``message`` (HTML) and an ``output``; a choice
    the engine refuses (a ValueError) shows its message instead, and no stale chart stays.
    """

    message: widgets.HTML
    output: widgets.Output

    def chart(self) -> charts.Chart:
        raise NotImplementedError

    def table(self) -> pd.DataFrame:
        raise NotImplementedError

    def redraw(self) -> None:
        """Draw the chart, its text and the table for the current choice into ``output``."""
        try:
            chart = self.chart()
            table = self.table()
        except ValueError as err:
            self.message.value = _message_html(str(err), "error")
            self.output.outputs = ()
            return
        self.message.value = ""
        self.output.outputs = (
            _chart_output(chart),
            _display(charts.text_bundle(chart.text)),
            _table_output(table),
        )


class DiaryExplorer(_Shows, _ChartView, widgets.VBox):
    """Look at one measure of a diary over a period: a chart, its description and a table.

    ``df`` is a diary from :func:`painbook.diary.read_diary`. Pick a period (last 4 weeks,
    last 3 months, everything or two dates) and a measure (pain, worst pain, sleep, mood,
    the PEG items or the PEG score, see :data:`painbook.charts.MEASURES`); the ``output``
    shows :func:`painbook.charts.trend_chart`, its text and
    :func:`painbook.charts.weekly_table` for that choice.

    From Python: :meth:`set_period`, :meth:`set_measure`, :meth:`table`, :meth:`text`,
    :meth:`chart`; :attr:`message` holds any problem (such as dates in the wrong order).
    """

    def __init__(
        self,
        df: pd.DataFrame | DiaryPicker,
        period: str = "last 4 weeks",
        measure: str = "pain",
    ) -> None:
        if measure not in charts.MEASURES:
            raise ValueError(
                f"Unknown measure {measure!r}. Choose one of: {list(charts.MEASURES)}."
            )
        df = _diary_of(df, self.set_diary)
        self._df = df
        self.period = PeriodPicker(df, default=period)
        self.measure = widgets.Dropdown(
            options=[(_(m.label), key) for key, m in charts.MEASURES.items()],
            value=measure,
            description=_("Measure"),
            style=_DESCRIPTION,
        )
        self.message = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(
            [layout.style_sheet(), self.period, self.measure, self.message, self.output]
        )
        layout.fit_phone(self)
        self.period.on_change(self.redraw)
        self.measure.observe(lambda change: self.redraw(), "value")
        self.redraw()

    def set_diary(self, df: pd.DataFrame) -> None:
        """Show another diary (the same period choice and measure), and redraw."""
        self._df = self.period._df = df
        self.period._fill()
        self.redraw()

    # --- from Python
    def set_period(self, choice_or_start: object, end: object = None) -> None:
        """``set_period("last 3 months")`` or ``set_period("2025-03-01", "2025-03-31")``."""
        self.period.set(choice_or_start, end)

    def set_measure(self, measure: str) -> None:
        """Choose the measure by key: "pain", "worst", "sleep_hours", "mood", ..."""
        if measure not in charts.MEASURES:
            raise ValueError(
                f"Unknown measure {measure!r}. Choose one of: {list(charts.MEASURES)}."
            )
        self.measure.value = measure

    def dates(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The current period as (first day, last day)."""
        return self.period.dates()

    def table(self) -> pd.DataFrame:
        """The weekly table for the current period and measure."""
        start, end = self.dates()
        return charts.weekly_table(self._df, self.measure.value, start, end)

    def text(self) -> str:
        """The chart's description in words for the current period and measure."""
        start, end = self.dates()
        return charts.describe_measure(self._df, self.measure.value, start, end)

    def chart(self) -> charts.Chart:
        """The chart (with its text) for the current period and measure."""
        start, end = self.dates()
        return charts.trend_chart(self._df, self.measure.value, start, end)


# --------------------------------------------------------------------------- progress


def _default_progress_periods(
    df: pd.DataFrame,
) -> tuple[tuple[pd.Timestamp | None, pd.Timestamp | None], ...]:
    """The default periods of :func:`painbook.analysis.progress`: first and last 14 days."""
    days = _diary_days(df)
    if days.empty:
        return (None, None), (None, None)
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    span = pd.Timedelta(days=analysis.PROGRESS_DAYS - 1)
    return (first, first + span), (last - span, last)


class ProgressExplorer(_Shows, _ChartView, widgets.VBox):
    """Compare a baseline period with a recent one (:func:`painbook.analysis.progress`).

    Starts with the engine's default: the first 14 days of the diary as the baseline and
    the last 14 as the recent period. Change the dates in the form, or from Python with
    :meth:`set_baseline` and :meth:`set_recent`; :meth:`table` and :meth:`text` give the
    result, :meth:`chart` the bar chart. Problems (periods that overlap, dates in the wrong
    order) are shown in :attr:`message`.
    """

    def __init__(self, df: pd.DataFrame | DiaryPicker) -> None:
        df = _diary_of(df, self.set_diary)
        self._df = df
        self._syncing = False
        baseline, recent = _default_progress_periods(df)
        self.baseline_start = widgets.DatePicker(
            description=_("Baseline from"), value=_as_date(baseline[0]), style=_DESCRIPTION
        )
        self.baseline_end = widgets.DatePicker(
            description=_("Baseline to"), value=_as_date(baseline[1]), style=_DESCRIPTION
        )
        self.recent_start = widgets.DatePicker(
            description=_("Recent from"), value=_as_date(recent[0]), style=_DESCRIPTION
        )
        self.recent_end = widgets.DatePicker(
            description=_("Recent to"), value=_as_date(recent[1]), style=_DESCRIPTION
        )
        self.message = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(
            [
                layout.style_sheet(),
                widgets.HBox([self.baseline_start, self.baseline_end]),
                widgets.HBox([self.recent_start, self.recent_end]),
                self.message,
                self.output,
            ]
        )
        layout.fit_phone(self)
        for picker in (self.baseline_start, self.baseline_end, self.recent_start, self.recent_end):
            picker.observe(self._changed, "value")
        self.redraw()

    def redraw(self) -> None:
        """Redraw; with the first and last 14 days of a diary under 4 weeks, say what is
        missing (how many days, when to come back) instead of that the periods overlap."""
        super().redraw()
        if self.message.value and self.periods_or_none() == _default_progress_periods(self._df):
            try:
                analysis.progress(self._df)
            except ValueError as err:
                self.message.value = _message_html(str(err), "error")

    def periods_or_none(self) -> object:
        try:
            return self.periods()
        except ValueError:
            return None

    def set_diary(self, df: pd.DataFrame) -> None:
        """Compare in another diary, starting again from its first and last 14 days."""
        self._df = df
        baseline, recent = _default_progress_periods(df)
        self._syncing = True
        try:
            self.baseline_start.value, self.baseline_end.value = map(_as_date, baseline)
            self.recent_start.value, self.recent_end.value = map(_as_date, recent)
        finally:
            self._syncing = False
        self.redraw()

    def _changed(self, change: dict) -> None:
        if not self._syncing:
            self.redraw()

    def _set(
        self,
        start_picker: widgets.DatePicker,
        end_picker: widgets.DatePicker,
        start: object,
        end: object,
    ) -> None:
        self._syncing = True
        try:
            start_picker.value = _as_date(_stamp(start, "first day"))
            end_picker.value = _as_date(_stamp(end, "last day"))
        finally:
            self._syncing = False
        self.redraw()

    def set_baseline(self, start: object, end: object) -> None:
        """Set the baseline period (first day, last day), both included."""
        self._set(self.baseline_start, self.baseline_end, start, end)

    def set_recent(self, start: object, end: object) -> None:
        """Set the recent period (first day, last day), both included."""
        self._set(self.recent_start, self.recent_end, start, end)

    def periods(
        self,
    ) -> tuple[tuple[pd.Timestamp, pd.Timestamp], tuple[pd.Timestamp, pd.Timestamp]]:
        """The (baseline, recent) periods as chosen in the form."""
        baseline = (
            _stamp(self.baseline_start.value, "first day of the baseline"),
            _stamp(self.baseline_end.value, "last day of the baseline"),
        )
        recent = (
            _stamp(self.recent_start.value, "first day of the recent period"),
            _stamp(self.recent_end.value, "last day of the recent period"),
        )
        return baseline, recent

    def table(self) -> pd.DataFrame:
        """:func:`painbook.charts.progress_table` for the chosen periods."""
        baseline, recent = self.periods()
        return charts.progress_table(self._df, baseline, recent)

    def text(self) -> str:
        """The change in words, one sentence group per measure."""
        baseline, recent = self.periods()
        table = analysis.progress(self._df, baseline=baseline, recent=recent)
        return "\n".join(table["description"])

    def chart(self) -> charts.Chart:
        """:func:`painbook.charts.progress_chart` for the chosen periods."""
        baseline, recent = self.periods()
        return charts.progress_chart(self._df, baseline, recent)


# --------------------------------------------------------------------------- questions


#: The last question list made in this kernel (see :class:`QuestionList`).
_LAST_QUESTIONS: list[QuestionList] = []


class QuestionList(_Shows, widgets.VBox):
    """A list of questions for a visit: starts with the five, plus the person's own.

    Type a question in :attr:`new_question` and press :attr:`add`. Each question has an
    "Up" button (move it one place up) and a "Remove" button. The page made by
    :class:`VisitSummaryBuilder` shows the first :data:`painbook.report.MAX_QUESTIONS`
    questions, so move the most important ones to the top. :attr:`questions` is the current
    list. From Python: :meth:`add_question`, :meth:`remove_question`, :meth:`move_up`.

    Running the cell again makes a new list; if the person had changed the last one (added,
    removed or moved a question), the new one keeps those changes and says so, with a
    "Start the list again" button (nothing typed is lost without asking).
    """

    def __init__(self, starting: Iterable[str] = FIVE_QUESTIONS) -> None:
        self._questions: list[str] = []
        for question in starting:
            text = " ".join(_(str(question)).split()) if str(question).strip() else ""
            if text and text not in self._questions:
                self._questions.append(text)
        self._starting = list(self._questions)
        self.new_question = widgets.Text(
            placeholder=_("Type your own question here"),
            description=_("My question"),
            style=_DESCRIPTION,
        )
        self.add = widgets.Button(description=_("Add"), tooltip=_("Add my question to the list"))
        self.message = widgets.HTML()
        self.rows = widgets.VBox()
        self.restart = widgets.Button(
            description=_("Start the list again"),
            tooltip=_("Go back to the list this notebook starts with"),
            layout=widgets.Layout(display="none"),
        )
        super().__init__(
            [
                layout.style_sheet(),
                self.rows,
                widgets.HBox([self.new_question, self.add]),
                self.message,
                self.restart,
            ],
        )
        layout.fit_phone(self)
        self.add.on_click(lambda _: self.add_question(self.new_question.value))
        self.restart.on_click(lambda _: self.start_again())
        previous = _LAST_QUESTIONS[-1] if _LAST_QUESTIONS else None
        _LAST_QUESTIONS[:] = [self]
        if previous is not None and previous._starting == self._starting:
            kept = previous.questions != previous._starting
            if kept or previous.new_question.value.strip():
                self._questions = previous.questions
                self.new_question.value = previous.new_question.value
                self.message.value = _message_html(
                    _(
                        "Kept. Your list from before this cell ran again is still here. To go "
                        'back to the list this notebook starts with, press "Start the list again".'
                    )
                )
                self.restart.layout.display = None
        self._render()

    def start_again(self) -> None:
        """Go back to the starting list (what "Start the list again" does)."""
        self._questions = list(self._starting)
        self.new_question.value = ""
        self.message.value = ""
        self.restart.layout.display = "none"
        self._render()

    @property
    def questions(self) -> list[str]:
        """The questions, in order (a copy)."""
        return list(self._questions)

    def add_question(self, text: str) -> bool:
        """Add a question at the end. Returns False (with a message) if empty or already there."""
        question = " ".join(str(text).split())
        if not question:
            self.message.value = _message_html(_("Type a question first, then press Add."), "error")
            return False
        if question.casefold() in (q.casefold() for q in self._questions):
            self.message.value = _message_html(_("That question is already on the list."), "error")
            return False
        self._questions.append(question)
        self.new_question.value = ""
        self.message.value = _message_html(
            _("Added as question {n}.").format(n=len(self._questions))
        )
        self._render()
        return True

    def remove_question(self, index: int) -> str:
        """Remove the question at ``index`` (0 is the first) and return it."""
        self._check_index(index)
        removed = self._questions.pop(index)
        self.message.value = _message_html(_("Removed: {question}").format(question=removed))
        self._render()
        return removed

    def move_up(self, index: int) -> None:
        """Move the question at ``index`` one place up (the first one stays first)."""
        self._check_index(index)
        if index > 0:
            q = self._questions
            q[index - 1], q[index] = q[index], q[index - 1]
            self.message.value = ""
            self._render()

    def _check_index(self, index: int) -> None:
        if isinstance(index, bool) or not isinstance(index, int):
            raise ValueError(f"index must be a whole number, got {index!r}.")
        if not 0 <= index < len(self._questions):
            raise ValueError(
                f"There is no question {index + 1}: the list has {len(self._questions)}."
            )

    def _render(self) -> None:
        rows = []
        for i, question in enumerate(self._questions):
            up = widgets.Button(
                description=_("Up"),
                tooltip=_("Move question {n} up").format(n=i + 1),
                disabled=i == 0,
                layout=widgets.Layout(width="auto", flex="none"),
            )
            remove = widgets.Button(
                description=_("Remove"),
                tooltip=_("Remove question {n}").format(n=i + 1),
                layout=widgets.Layout(width="auto", flex="none"),
            )
            up.on_click(lambda _, i=i: self.move_up(i))
            remove.on_click(lambda _, i=i: self.remove_question(i))
            label = widgets.HTML(f"{i + 1}. {_html.escape(question)}", layout=_WIDE)
            rows.append(layout.row([up, remove, label]))
        if not rows:
            rows.append(
                widgets.HTML("<p>" + _html.escape(_("No questions yet: type one below.")) + "</p>")
            )
        self.rows.children = rows

    def text(self) -> str:
        """The list as numbered lines, to print or copy."""
        return "\n".join(f"{i}. {q}" for i, q in enumerate(self._questions, start=1))


# --------------------------------------------------------------------------- visit summary

_BASELINE_CHOICES = (
    (N_("First 2 weeks of the diary"), "first 2 weeks"),
    (N_("Dates I choose"), "dates"),
    (N_("No comparison"), "none"),
)


class VisitSummaryBuilder(_Shows, widgets.VBox):
    """Make the one-page visit summary and save it as a web page (HTML) to print.

    ``df`` is the diary, or a :class:`DiaryPicker` (a newly opened diary is then used at
    once); ``questions`` a :class:`QuestionList` (its questions at the moment the button is
    pressed are used) or a list of questions. Choose the period (default: last 3 months),
    the baseline to compare the last 14 days with (default: the first 2 weeks of the diary),
    an optional name for the heading (``name``; for a made-up sample, the person's name with
    "(made up)") and a file name (``file_name``). The button :attr:`build` makes
    :func:`painbook.report.visit_summary` and saves it in ``folder`` (default: the current
    folder, which is the notebook's own) with :func:`painbook.report.save_visit_summary`.
    An existing file is never overwritten: ``-1``, ``-2`` ... is added to the name
    (:func:`unique_path`). Nothing is ever written anywhere else.

    The message says the file's name and links to it twice: "Open the page to print" opens
    the file itself in a new browser tab through the Jupyter server's ``/files/`` address
    (:func:`painbook.workbook.file_url`; JupyterLab's own viewer cannot print), and
    "Download the page" saves a copy through the browser. What the person needs to know
    (too many questions for the page, a diary too short for a comparison) is said in the
    message, never printed on the page meant for the doctor.

    From Python: :meth:`build_summary` (same as the button), :attr:`html` (the last page
    made), :attr:`saved_path`, :attr:`last_message` (the message as plain text).
    """

    def __init__(
        self,
        df: pd.DataFrame | DiaryPicker,
        questions: QuestionList | Sequence[str] = FIVE_QUESTIONS,
        folder: str | os.PathLike[str] = ".",
        file_name: str = "visit-summary.html",
        name: str | None = None,
    ) -> None:
        if name is None:
            name = df.who if isinstance(df, DiaryPicker) else ""
        self._picker = df if isinstance(df, DiaryPicker) else None
        self._df = _diary_of(df, self.set_diary)
        self._questions = questions
        self.folder = Path(folder)
        self.html: str | None = None
        self.saved_path: Path | None = None
        self.last_message = ""
        self.period = PeriodPicker(self._df, default="last 3 months", label=_("Period"))
        self.baseline = widgets.Dropdown(
            options=[(_(shown), value) for shown, value in _BASELINE_CHOICES],
            value="first 2 weeks",
            description=_("Compare with"),
            style=_DESCRIPTION,
        )
        self.baseline_start = widgets.DatePicker(description=_("Baseline from"), style=_DESCRIPTION)
        self.baseline_end = widgets.DatePicker(description=_("Baseline to"), style=_DESCRIPTION)
        self.name = widgets.Text(
            value=name,
            description=_("Name on the page (optional)"),
            style=_DESCRIPTION,
        )
        self.file_name = widgets.Text(
            value=file_name,
            description=_("Save as (a file in this notebook's folder)"),
            style=_DESCRIPTION,
        )
        self.build = widgets.Button(
            description=_("Make the summary"),
            button_style="primary",
            tooltip=_("Make and save"),
        )
        self.message = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(
            [
                layout.style_sheet(),
                self.period,
                self.baseline,
                widgets.HBox([self.baseline_start, self.baseline_end]),
                self.name,
                self.file_name,
                self.build,
                self.message,
                self.output,
            ]
        )
        layout.fit_phone(self)
        self._fill_baseline()
        self.baseline.observe(lambda change: self._fill_baseline(), "value")
        self.build.on_click(lambda _: self.build_summary())

    def set_diary(self, df: pd.DataFrame) -> None:
        """Summarise another diary (a :class:`DiaryPicker` opened another file)."""
        self._df = self.period._df = df
        self.period._fill()
        self._fill_baseline()
        if self._picker is not None:
            self.name.value = self._picker.who

    def _fill_baseline(self) -> None:
        choice = self.baseline.value
        chosen = choice == "dates"
        self.baseline_start.disabled = self.baseline_end.disabled = not chosen
        if choice == "first 2 weeks":
            period = first_two_weeks(self._df)
            if period is not None:
                self.baseline_start.value = _as_date(period[0])
                self.baseline_end.value = _as_date(period[1])

    def questions(self) -> list[str]:
        """The questions that will go on the page."""
        if isinstance(self._questions, QuestionList):
            return self._questions.questions
        return [_(str(q)) if str(q) else str(q) for q in self._questions]

    def baseline_period(self) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The chosen baseline (first day, last day), or None for "No comparison"."""
        choice = self.baseline.value
        if choice == "none":
            return None
        if choice == "first 2 weeks":
            return first_two_weeks(self._df)
        start = _stamp(self.baseline_start.value, "first day of the baseline")
        end = _stamp(self.baseline_end.value, "last day of the baseline")
        if end < start:
            raise ValueError(_("The baseline ends before it starts. Swap the two dates."))
        return start, end

    def make_html(self) -> str:
        """The summary page for the current choices (not saved)."""
        return visit_page(
            self._df,
            self.questions(),
            period=self.period.dates(),
            baseline=self.baseline_period(),
            name=self.name.value.strip() or None,
        )

    def _say(self, text: str, kind: str = "info", links: str = "") -> None:
        self.last_message = text
        self.message.value = _message_html(text, kind).replace("</p>", f"{links}</p>", 1)

    def build_summary(self) -> Path | None:
        """Make the summary, save it under a new name and show it. Returns the file's path.

        Returns None (and explains in :attr:`message`) if something needs fixing first.
        """
        try:
            page = self.make_html()
            target = save_page(page, self.folder, self.file_name.value)
        except ValueError as err:
            self._say(str(err), "error")
            return None
        except OSError as err:
            self._say(_("Could not save the summary: {problem}").format(problem=err), "error")
            return None
        self.html, self.saved_path = page, target
        self._say(self._saved_text(target), links=self._links(target, page))
        self.output.outputs = (
            _display(
                {
                    "text/html": summary_preview(page),
                    "text/plain": _("Visit summary saved as {name}").format(name=target.name),
                }
            ),
        )
        return target

    def _links(self, target: Path, page: str) -> str:
        name = _html.escape(target.name, quote=True)
        links = []
        url = workbook.file_url(target)
        if url:
            href = _html.escape(url, quote=True)
            links.append(
                f'<a href="{href}" target="_blank" rel="noopener">'
                + _html.escape(_("Open the page to print"))
                + "</a>"
            )
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        links.append(
            f'<a href="data:text/html;charset=utf-8;base64,{data}" download="{name}">'
            + _html.escape(_("Download the page"))
            + "</a>"
        )
        return " " + " | ".join(links)

    def _saved_text(self, target: Path) -> str:
        text = _(
            "Saved as {name} in this notebook's folder. Open the page, then print it "
            'from your browser, or choose "Save as PDF" in the print window.'
        ).format(name=target.name)
        count = len(self.questions())
        if count > report.MAX_QUESTIONS:
            text += " " + _(
                "The page has room for {most} questions and lists the first "
                "{most} of your {count}: bring the others on paper, or move "
                "the most important ones up."
            ).format(most=report.MAX_QUESTIONS, count=count)
        baseline = self.baseline_period()
        if baseline is not None:
            start, end = self.period.dates()
            problem = report.progress_problem(self._df, baseline, end)
            if problem:
                text += " " + _("The page has no comparison with a baseline yet. {problem}").format(
                    problem=problem
                )
        return text
