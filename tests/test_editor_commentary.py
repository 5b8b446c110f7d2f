"""The Commentary tab: the chair writes the month's word and asks without touching YAML; files read back."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from workspaces import MINIMAL

from cxgov.editor import Editor
from cxgov.views import headline
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 12, 2)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CXGOV_USER", "ana")  # ana chairs minimal's cx
    return Path(shutil.copytree(MINIMAL, tmp_path / "ws"))


def test_the_month_defaults_to_the_last_complete_one_and_a_save_writes_the_entry(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    form = editor.commentary
    assert form.month.value == "2026-11" and [v for _, v in form.month.options][:2] == ["2026-11", "2026-12"]
    assert (form.text.value, form.asks.value) == ("", "")
    form.text.value = "Two actions slipped;\n CSAT  is up."
    form.asks.value = "Approve two agents\n\n  Unblock the vendor  \n"
    form.button.click()
    assert form.kind == "ok", form.lines
    text = (ws / "cx" / "commentary.yaml").read_text(encoding="utf-8")
    assert text == (
        "commentary:\n"
        "  - month: 2026-11\n"
        "    by: ana\n"
        "    text: Two actions slipped; CSAT is up.\n"
        "    asks:\n"
        "      - Approve two agents\n"
        "      - Unblock the vendor\n"
    )
    c = load_workspace(ws).committee["cx"]
    entry = headline.commentary(c, "2026-11")
    assert entry is not None and (entry.by, entry.text, entry.asks) == (
        "ana",
        "Two actions slipped; CSAT is up.",
        ("Approve two agents", "Unblock the vendor"),
    )


def test_a_second_save_for_the_month_corrects_it_and_keeps_the_first(ws: Path) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    form = editor.commentary
    form.text.value = "First words"
    form.button.click()
    editor.commentary.refresh()
    assert form.text.value == "First words"  # a correction starts from what was written
    form.text.value = "Better words"
    form.button.click()
    assert form.kind == "ok"
    assert "corrects the earlier commentary for 2026-11: both are kept" in " ".join(form.lines)
    c = load_workspace(ws).committee["cx"]
    assert [e.text for e in c.commentary] == ["First words", "Better words"]
    entry = headline.commentary(c, "2026-11")
    assert entry is not None and entry.text == "Better words"


def test_nothing_written_without_text_and_a_non_chair_is_refused_under_the_hub(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = Editor("ws", today=lambda: TODAY)
    form = editor.commentary
    form.button.click()
    assert form.kind == "error"
    assert "CX Steering Committee, commentary for 2026-11: write a few lines for the review first" in form.lines
    assert not (ws / "cx" / "commentary.yaml").exists()
    # Under JupyterHub the governance decides: bo (no chair, no admin) may not write the chair's word.
    (ws / "org.yaml").write_text(
        (ws / "org.yaml").read_text().replace("{id: bo, name: Bo Lind,", "{id: bo, login: bo, name: Bo Lind,")
    )
    monkeypatch.setenv("JUPYTERHUB_USER", "bo")
    hub = Editor("ws", today=lambda: TODAY)
    hub.commentary.text.value = "Not mine to say"
    hub.commentary.button.click()
    assert hub.commentary.kind == "error"
    assert "may not change the commentary of CX Steering Committee" in " ".join(hub.commentary.lines)
    assert not (ws / "cx" / "commentary.yaml").exists()
