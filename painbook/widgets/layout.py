"""How the workbook's forms are laid out, so that they fit a phone as well as a laptop.

ipywidgets puts a control's label to its left, on the same line. On a 390 px phone screen a
long label then squeezes the box beside it to a sliver, or pushes it past the right edge.
Every form here therefore:

* puts each label above its box (:func:`stacked`), the box as wide as the screen allows
  (up to :data:`MAX_WIDTH`);
* makes every box, button and choice at least :data:`TOUCH_PX` pixels wide and tall, the
  size of a fingertip (WCAG 2.2, success criterion 2.5.5 "Target Size (Enhanced)", and
  Apple's Human Interface Guidelines both name 44 px);
* lets rows of buttons and choices wrap onto the next line (:func:`row`);
* puts tables and charts in their own box that scrolls sideways (:func:`scroll_box`), so
  they stay readable on a phone and the page itself never scrolls sideways.

All of it is one style sheet, :data:`FORM_CSS`, scoped to the class :data:`FORM_CLASS` that
every form's outer box carries (:func:`form_box`). It is sent inside an HTML widget (the only
way a kernel can style widgets in JupyterLab, Jupyter Notebook and Voilà alike).
"""

from __future__ import annotations

import html as _html
from collections.abc import Sequence

import ipywidgets as widgets

__all__ = [
    "FORM_CLASS",
    "FORM_CSS",
    "MAX_WIDTH",
    "TOUCH_PX",
    "fit_phone",
    "form_box",
    "row",
    "scroll_box",
    "stacked",
    "style_sheet",
]

#: The smallest width and height of anything a person taps, in CSS pixels.
TOUCH_PX = 44
#: The widest a text box grows on a large screen (longer lines are hard to read).
MAX_WIDTH = "44em"
#: The class on every form's outer box; the style sheet applies only inside it.
FORM_CLASS = "painbook-form"

_F = f".{FORM_CLASS}"
#: The forms' style sheet (see the module's description).
FORM_CSS = f"""
{_F} {{ max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }}
{_F}, {_F} .widget-box, {_F} .widget-inline-hbox {{
  box-sizing: border-box; max-width: 100%; min-width: 0;
}}
{_F} .widget-inline-hbox.painbook-stack {{
  flex-direction: column; align-items: stretch; height: auto; width: 100%;
  max-width: min({MAX_WIDTH}, 100%); margin: 0 0 0.3em 0 !important;
}}
{_F} .painbook-stack > .widget-label {{
  width: auto !important; max-width: 100% !important; min-width: 0 !important;
  white-space: normal; text-align: left; line-height: 1.35; height: auto;
  margin: 0 0 0.25em 0; padding: 0; overflow: visible;
}}
{_F} .painbook-stack input:not([type=radio]):not([type=checkbox]),
{_F} .painbook-stack select, {_F} .painbook-stack textarea {{
  width: 100% !important; max-width: 100%; min-width: {TOUCH_PX}px; box-sizing: border-box;
  min-height: {TOUCH_PX}px; font-size: 16px; flex: 1 1 auto;
}}
{_F} .painbook-stack .widget-radio-box {{ width: 100%; height: auto; margin-bottom: 0; }}
{_F} .widget-radio.painbook-stack {{ height: auto !important; }}
{_F} .widget-radio-box-horizontal {{ flex-wrap: wrap; }}
{_F} .widget-radio-box label {{
  min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; box-sizing: border-box;
  display: flex; align-items: center; padding-right: 0.6em; margin: 0;
}}
{_F} .widget-radio-box input {{
  width: 1.2em; height: 1.2em; min-height: 0; margin: 0 0.4em 0 0; flex: none; order: -1;
}}
{_F} .widget-radio-box-horizontal label {{ white-space: nowrap; }}
{_F} .widget-checkbox {{ width: auto; min-width: {TOUCH_PX}px; height: auto; }}
{_F} .widget-checkbox label {{
  min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; display: flex; align-items: center;
  padding-right: 0.8em; box-sizing: border-box;
}}
{_F} .widget-checkbox input {{ width: 1.2em; height: 1.2em; margin: 0 0.4em 0 0; }}
{_F} .jupyter-button, {_F} .widget-button {{
  min-width: {TOUCH_PX}px; min-height: {TOUCH_PX}px; height: auto; width: auto;
  max-width: 100%; padding: 0.4em 1em; white-space: normal; font-size: 16px;
}}
{_F} .painbook-row {{ flex-wrap: wrap; gap: 0.4em 0.8em; align-items: center; width: 100%; }}
{_F} .painbook-row > .widget-html {{ flex: 1 1 12em; min-width: 0; }}
{_F} .widget-html-content {{ white-space: normal; line-height: 1.4; }}
{_F} .widget-output, {_F} .widget-html {{ max-width: 100%; min-width: 0; }}
{_F} .painbook-scroll {{ overflow-x: auto; max-width: 100%; }}
{_F} .painbook-scroll img {{ min-width: 600px; width: 100%; max-width: 1100px; height: auto; }}
{_F} .painbook-scroll table {{ border-collapse: collapse; font-size: 15px; }}
{_F} .painbook-scroll th, {_F} .painbook-scroll td {{
  padding: 0.25em 0.6em; border-bottom: 1px solid #bbb; text-align: left;
  vertical-align: top; white-space: nowrap;
}}
{_F} .painbook-scroll td:last-child {{ white-space: normal; min-width: 16em; }}
{_F} .jp-OutputArea-output {{ overflow-x: auto; max-width: 100%; }}
"""


def style_sheet() -> widgets.HTML:
    """The forms' style sheet as an HTML widget (shown once at the top of each form)."""
    return widgets.HTML(f"<style>{FORM_CSS}</style>", layout=widgets.Layout(height="0px"))


def stacked(control: widgets.Widget) -> widgets.Widget:
    """Put the control's label above it, full width (see the module's description)."""
    control.add_class("painbook-stack")
    control.style.description_width = "initial"
    control.layout.width = "100%"
    control.layout.max_width = MAX_WIDTH
    return control


def row(children: Sequence[widgets.Widget]) -> widgets.HBox:
    """A row of controls that wraps onto the next line on a narrow screen."""
    box = widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap"))
    box.add_class("painbook-row")
    return box


def scroll_box(inner_html: str) -> str:
    """HTML (a table, an image) inside a box that scrolls sideways when it is too wide."""
    return f'<div class="painbook-scroll">{inner_html}</div>'


#: Controls whose label goes above them (check boxes and buttons carry their own words).
_STACK = (
    widgets.Text,
    widgets.Textarea,
    widgets.DatePicker,
    widgets.Dropdown,
    widgets.RadioButtons,
)


def _walk(root: widgets.Widget) -> list[widgets.Widget]:
    found = [root]
    for child in getattr(root, "children", ()):
        found.extend(_walk(child))
    return found


def fit_phone(root: widgets.Widget) -> widgets.Widget:
    """Lay out every control inside ``root`` for a phone: labels above boxes, rows that wrap.

    ``root`` itself gets :data:`FORM_CLASS`, so the style sheet applies inside it; show
    :func:`style_sheet` once inside it (:func:`form_box` does both).
    """
    for widget in _walk(root):
        if isinstance(widget, _STACK):
            stacked(widget)
        elif isinstance(widget, widgets.HBox):
            widget.layout.flex_flow = "row wrap"
            widget.add_class("painbook-row")
    for widget in _walk(root):  # boxes side by side share the row, and wrap when narrow
        if isinstance(widget, widgets.HBox):
            for child in widget.children:
                if isinstance(child, _STACK):
                    child.layout.width = "auto"
                    child.layout.flex = "1 1 14em"
    root.add_class(FORM_CLASS)
    root.layout.width = "100%"
    root.layout.max_width = "60em"
    return root


def form_box(children: Sequence[widgets.Widget]) -> widgets.VBox:
    """A form's outer box: the style sheet first, then the form, laid out by :func:`fit_phone`."""
    return fit_phone(widgets.VBox([style_sheet(), *children]))


def escaped(text: str) -> str:
    """Plain text escaped for HTML (a small shortcut for the forms)."""
    return _html.escape(text)
