"""Change a picker's value without its handler hearing: the one way the dashboard and the editor do it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol


class Observable(Protocol):
    """An ipywidgets widget, or any traitlets object: what unheard needs of it."""

    def observe(self, handler: Callable[..., Any], names: Any = ..., type: Any = ...) -> None: ...

    def unobserve(self, handler: Callable[..., Any], names: Any = ..., type: Any = ...) -> None: ...


@contextmanager
def unheard(handler: Callable[..., Any], *pickers: Observable, names: str = "value") -> Iterator[None]:
    """Within the block, changes of the pickers' trait (value) do not call handler.

    The handler is taken off each picker and put back after, even when the
    block fails; the caller redraws once, afterwards, if it needs to.
    """
    for picker in pickers:
        picker.unobserve(handler, names=names)
    try:
        yield
    finally:
        for picker in pickers:
            picker.observe(handler, names=names)
