"""Labelled inputs and the message area every editor form shares.

Every input carries a visible label (its ``description``, shown in full).
Messages are built as ``cxgov.report.html.Html``, which escapes every plain
string put into it, before they reach a ``widgets.HTML``: a note or a name can
never inject markup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.trait_types import Date, date_to_json

from cxgov.dates import DATE_RANGE, in_range
from cxgov.editor.check import Invalid
from cxgov.editor.messages import wording
from cxgov.errors import CxgovError
from cxgov.i18n.collate import sort_key
from cxgov.report.html import Html, join
from cxgov.workspace.store import ConflictError

if TYPE_CHECKING:
    from cxgov.editor.session import Session
    from cxgov.workspace.model import Committee, Org

STYLE = {"description_width": "initial"}
WIDE = "42em"
Options = list[tuple[str, Any]]
NONE = ""  # the value of a "(none)" choice (ipywidgets cannot keep None selected)


def _layout(width: str = WIDE, height: str | None = None) -> widgets.Layout:
    return widgets.Layout(width=width, height=height) if height else widgets.Layout(width=width)


def dropdown(label: str, options: Options | None = None) -> widgets.Dropdown:
    return widgets.Dropdown(description=label, options=options or [], style=STYLE, layout=_layout())


def text(label: str, placeholder: str = "", width: str = WIDE) -> widgets.Text:
    return widgets.Text(description=label, placeholder=placeholder, style=STYLE, layout=_layout(width))


def textarea(label: str, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(description=label, placeholder=placeholder, style=STYLE, layout=_layout(height="4.5em"))


class Checklist(widgets.VBox):  # type: ignore[misc]  # ipywidgets has no type hints: its classes are Any
    """Choose several: a labelled list of checkboxes, each choice visibly ticked.

    Replaces a multiple-selection list, where one plain click (without Ctrl)
    silently cleared every other choice, and choices scrolled out of sight.
    ``value`` keeps the order it was given (members as the chair wrote them);
    a newly ticked choice goes at the end, an unticked one leaves. ``options``
    are ``(label, value)`` pairs, as for the other pickers.
    """

    value = traitlets.Any(())
    options = traitlets.Any(())

    def __init__(self, description: str, options: Options | None = None, rows: int = 5) -> None:
        self.description = description
        self.boxes: dict[Any, widgets.Checkbox] = {}
        self._quiet = False
        self.summary = widgets.HTML()
        self.area = widgets.VBox(layout=widgets.Layout(max_height=f"{rows * 2.4}em", overflow="auto", width=WIDE))
        super().__init__(children=[self.summary, self.area])
        self.observe(lambda _: self._build(), "options")
        self.observe(lambda _: self._show(), "value")
        self.options = list(options or [])

    @traitlets.validate("value")
    def _valid(self, proposal: Any) -> tuple[Any, ...]:
        known = [v for _, v in self.options]
        return tuple(dict.fromkeys(v for v in proposal["value"] or () if v in known))

    def _build(self) -> None:
        for old in self.boxes.values():
            old.close()  # the kernel forgets the boxes no longer shown
        self.boxes = {}
        for label, v in self.options:
            box = widgets.Checkbox(description=label, indent=False, style=STYLE, layout=widgets.Layout(width="auto"))
            box.observe(lambda change, v=v: self._ticked(v, change["new"]), "value")
            self.boxes[v] = box
        self.area.children = list(self.boxes.values())
        self.value = self.value  # drops choices no longer offered
        self._show()

    def _ticked(self, v: Any, on: bool) -> None:
        if not self._quiet:
            self.value = (*self.value, v) if on else tuple(x for x in self.value if x != v)

    def _show(self) -> None:
        self._quiet = True
        try:
            for v, box in self.boxes.items():
                box.value = v in self.value
        finally:
            self._quiet = False
        names = {v: label for label, v in self.options}
        chosen_ = ", ".join(names[v] for v in self.value) if self.value else "none"
        self.summary.value = str(Html("<p><strong>{}</strong>: {}</p>").format(self.description, chosen_))


def several(label: str, options: Options | None = None, rows: int = 5) -> Checklist:
    return Checklist(label, options, rows)


# Languages whose numbers use a decimal comma (86,6): the kernel's locale decides how "1,000" reads.
_COMMA_CODES = (
    "af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk lt lv mk nb nl nn no pl pt ro ru "
    "sk sl sq sr sv tr uk uz vi"
)
COMMA_LANGUAGES = frozenset(_COMMA_CODES.split())
_DOT_GROUPED = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_COMMA_GROUPED = re.compile(r"-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")


def decimal_comma(environ: Mapping[str, str] = os.environ) -> bool:
    """Tell whether the locale (LC_ALL, else LC_NUMERIC, else LANG) writes decimals with a comma."""
    for var in ("LC_ALL", "LC_NUMERIC", "LANG"):
        if environ.get(var):
            return environ[var].split(".")[0].split("_")[0].lower() in COMMA_LANGUAGES
    return False


def number_text(text: str, comma: bool) -> str:
    """A typed number as the format writes it (86.6): '86,6' is 86.6; '1,000' is 1 with a comma locale, else 1000.

    Only separators change; whether the rest is a number is the loader's rule, checked when it is saved.
    A single comma followed by other than three digits can only be a decimal comma, whatever the locale.
    What is not a number either way is kept as typed, so that a refusal quotes the chair's own '86,6x'.
    """
    t = text.strip()
    written = _separators(t, comma)
    try:
        float(written)
    except ValueError:
        return t
    return written


def _separators(t: str, comma: bool) -> str:
    if "," not in t:
        return t.replace(".", "") if comma and _COMMA_GROUPED.fullmatch(t) else t
    if comma and _COMMA_GROUPED.fullmatch(t):
        return t.replace(".", "").replace(",", ".")
    if not comma and _DOT_GROUPED.fullmatch(t):
        return t.replace(",", "")
    if t.count(",") == 1 and "." not in t:
        return t.replace(",", ".")
    return t


def _day_from_json(js: Any, picker: Any) -> date | None:
    """A date from the browser; one Python cannot hold (year 10000) is kept as text and the value is None."""
    picker.typed = ""
    if js is None:
        return None
    try:
        return date(js["year"], js["month"] + 1, js["date"])
    except (KeyError, TypeError, ValueError, OverflowError):
        year, month, day = (js.get(k) if isinstance(js, dict) else None for k in ("year", "month", "date"))
        if isinstance(year, int) and isinstance(month, int) and isinstance(day, int):
            picker.typed = f"{year:04d}-{month + 1:02d}-{day:02d}"  # the browser counts months from 0
        else:
            picker.typed = str(js)
        return None


class Day(widgets.DatePicker):  # type: ignore[misc]  # ipywidgets has no type hints: its classes are Any
    """A date picker that never drops what the browser sent: a date out of Python's range is remembered.

    ipywidgets' own DatePicker raises on year 10000 and keeps the previous
    value, so a save would write a date the chair did not choose. Its min and
    max are not used either: they clamp a date silently.
    """

    value = Date(None, allow_none=True).tag(sync=True, to_json=date_to_json, from_json=_day_from_json)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.typed = ""  # what the browser sent when it was no date Python can hold


def day(label: str, value: date | None = None) -> Day:
    return Day(description=label, value=value, style=STYLE)


def day_value(picker: widgets.DatePicker, field: str) -> date | None:
    """The picker's date; CxgovError (field: expected a date between ...) when outside the supported range."""
    value: date | None = picker.value
    typed = getattr(picker, "typed", "")
    if value is None and typed:
        raise CxgovError(f"{field}: expected {DATE_RANGE}, found '{typed}'")
    if value is not None and not in_range(value):
        raise CxgovError(f"{field}: expected {DATE_RANGE}, found '{value.isoformat()}'")
    return value


def check(label: str, value: bool = False) -> widgets.Checkbox:
    return widgets.Checkbox(description=label, value=value, indent=False, style=STYLE, layout=_layout())


def button(label: str, primary: bool = True) -> widgets.Button:
    return widgets.Button(description=label, button_style="primary" if primary else "", tooltip=label)


def people_options(org: Org | None) -> Options:
    """People as 'Name (id)' choices, by name in collation order (Ąžuolė with A, cxgov.i18n.collate)."""
    people = sorted(org.people if org else (), key=lambda p: (sort_key(p.name), p.id))
    return [(f"{p.name} ({p.id})", p.id) for p in people]


def chosen(value: Any) -> Any:
    """A picker's value, None for the "(none)" choice."""
    return None if value == NONE else value


def pick(widget: widgets.Widget, options: Options, value: Any) -> None:
    """Replace a picker's choices and select value if it is among them (None: the "(none)" choice)."""
    values = [v for _, v in options]
    widget.options = options
    if isinstance(widget, (widgets.SelectMultiple, Checklist)):
        widget.value = tuple(v for v in (value or ()) if v in values)
    else:
        if value is None and NONE in values:
            value = NONE
        widget.value = value if value in values else (values[0] if values else None)


def message_html(kind: str, lines: Sequence[str], lead: str = "") -> Html:
    """A message block (ok, error or conflict), its lines and lead escaped."""
    role = "status" if kind == "ok" else "alert"
    colour = {"ok": "#1b5e20", "error": "#b71c1c", "conflict": "#8a4b00"}.get(kind, "#1d2733")
    head = Html("<p><strong>{}</strong></p>").format(lead) if lead else Html()
    items = join(Html("<li><code>{}</code></li>").format(line) for line in lines) if len(lines) > 1 or lead else Html()
    body = Html("<ul>{}</ul>").format(items) if items else (Html("<p>{}</p>").format(lines[0]) if lines else Html())
    return Html('<div class="cxgov-message {}" role="{}" style="color: {}">{}{}</div>').format(
        kind, role, colour, head, body
    )


class Host(Protocol):
    """What a form needs of the editor that holds it (cxgov.editor.app.Editor): forms never import it."""

    committee: widgets.Dropdown
    you: widgets.Dropdown  # "You are": who saves
    session: Session | None
    today: Callable[[], date]

    @property
    def current(self) -> Committee | None: ...

    def refresh(self) -> None: ...

    def reload(self) -> None: ...


class Form:
    """A tab of the editor: inputs, one action button, and the message next to them."""

    title = ""
    widget: widgets.VBox

    def __init__(self, editor: Host) -> None:
        self.editor = editor
        self.message = widgets.HTML()
        self.reload = button("Reload", primary=False)
        self.reload.layout.display = "none"
        self.reload.on_click(lambda _: self.editor.reload())
        self.kind = ""  # of the last message: ok, error, conflict
        self.lines: list[str] = []  # the last message, as plain text

    def box(self, inputs: Iterable[widgets.Widget], action: widgets.Button, *more: widgets.Button) -> widgets.VBox:
        """The form's layout: inputs, the button (and more), then the message and a Reload offer."""
        return widgets.VBox([*inputs, widgets.HBox([action, *more, self.reload]), self.message])

    def refresh(self) -> None:
        """Fill the pickers from the editor's loaded workspace."""

    def clear(self) -> None:
        self.show("", [])

    def show(self, kind: str, lines: Sequence[str], lead: str = "") -> None:
        self.kind, self.lines = kind, list(lines)
        self.message.value = str(message_html(kind, lines, lead)) if lines else ""
        self.reload.layout.display = None if kind == "conflict" else "none"

    def run(self, change: Callable[[], str]) -> bool:
        """Make a change and say how it went; True if it was saved."""
        outcome = self.attempt(change)
        self.show(outcome.kind, outcome.lines, outcome.lead)
        if outcome.raised is not None:
            raise outcome.raised  # ipywidgets logs it with the traceback, for whoever fixes it
        return outcome.kind == "ok"

    def attempt(self, change: Callable[[], str]) -> Outcome:
        """Make a change and return how it went, without showing it (a form saving several things at once).

        Messages are in the chair's words (cxgov.editor.messages): names, not ids; no server path.
        """
        say = wording(self.editor.session)
        try:
            done = change()
        except ConflictError as exc:
            return Outcome("conflict", [say.error(exc)])
        except Invalid as exc:
            return Outcome("error", say.problems(exc.problems), "Not saved. Fix these first:")
        except (CxgovError, OSError) as exc:  # OSError: a full disk, a read-only folder: nothing was written
            return Outcome("error", [say.error(exc)], "Not saved:")
        except Exception as exc:
            lead = "Not saved: an unexpected error (please report it):"
            return Outcome("error", [f"{type(exc).__name__}: {say.error(exc)}"], lead, raised=exc)
        return Outcome("ok", [say.relative(done)])


@dataclass
class Outcome:
    """How one change went: ok, error or conflict, its message lines and lead; an unexpected exception."""

    kind: str
    lines: list[str]
    lead: str = ""
    raised: Exception | None = None
