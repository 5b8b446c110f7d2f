"""Labelled inputs and the message area every editor form shares.

Every input carries a visible label (its ``description``, shown in full).
Messages are built as ``cxgov.report.html.Html``, which escapes every plain
string put into it, before they reach a ``widgets.HTML``: a note or a name can
never inject markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

import ipywidgets as widgets
from ipywidgets.widgets.trait_types import Date, date_to_json

from cxgov.dates import DATE_RANGE, in_range
from cxgov.editor.check import Invalid
from cxgov.errors import CxgovError
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


def several(label: str, options: Options | None = None, rows: int = 5) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(description=label, options=options or [], rows=rows, style=STYLE, layout=_layout())


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
    """People as 'Name (id)' choices, in org.yaml order."""
    return [(f"{p.name} ({p.id})", p.id) for p in (org.people if org else ())]


def chosen(value: Any) -> Any:
    """A picker's value, None for the "(none)" choice."""
    return None if value == NONE else value


def pick(widget: widgets.Widget, options: Options, value: Any) -> None:
    """Replace a picker's choices and select value if it is among them (None: the "(none)" choice)."""
    values = [v for _, v in options]
    widget.options = options
    if isinstance(widget, widgets.SelectMultiple):
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

    def box(self, inputs: Iterable[widgets.Widget], action: widgets.Button) -> widgets.VBox:
        """The form's layout: inputs, the button, then the message and a Reload offer."""
        return widgets.VBox([*inputs, widgets.HBox([action, self.reload]), self.message])

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
        try:
            done = change()
        except ConflictError as exc:
            self.show("conflict", [str(exc)])
            return False
        except Invalid as exc:
            self.show("error", [str(p) for p in exc.problems], lead="Not saved. Fix these first:")
            return False
        except CxgovError as exc:
            self.show("error", [str(exc)], lead="Not saved:")
            return False
        except OSError as exc:  # a full disk, a read-only folder: nothing was written
            self.show("error", [str(exc)], lead="Not saved:")
            return False
        except Exception as exc:
            self.show(
                "error", [f"{type(exc).__name__}: {exc}"], lead="Not saved: an unexpected error (please report it):"
            )
            raise  # ipywidgets logs it with the traceback, for whoever fixes it
        self.show("ok", [done])
        return True
