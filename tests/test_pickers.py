"""cxgov.report.pickers: a picker's value changed without its handler hearing."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pytest

from cxgov.report.pickers import unheard


def test_changes_within_the_block_are_not_heard_and_later_ones_are() -> None:
    heard: list[Any] = []

    def handler(change: dict[str, Any]) -> None:
        heard.append(change["new"])

    first = widgets.Dropdown(options=["a", "b", "c"], value="a")
    second = widgets.Dropdown(options=["a", "b", "c"], value="a")
    for picker in (first, second):
        picker.observe(handler, names="value")
    with unheard(handler, first, second):
        first.value, second.value = "b", "c"
        second.options = ["x", "y"]
    assert heard == []
    first.value = "c"
    assert heard == ["c"]


def test_the_handler_is_back_after_a_failing_block() -> None:
    heard: list[Any] = []
    picker = widgets.IntText(value=1)
    picker.observe(lambda change: heard.append(change["new"]), names="value")
    handler = picker._trait_notifiers["value"]["change"][0]
    with pytest.raises(RuntimeError), unheard(handler, picker):
        picker.value = 2
        raise RuntimeError("drawing failed")
    picker.value = 3
    assert heard == [3]
