"""The command line speaks English whatever CXGOV_LANG (the dashboard's language) says (cxgov.commands.in_english)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxgov.commands.export import export
from cxgov.commands.remind import remind
from cxgov.i18n.current import _, speaking

EXAMPLE = str(Path(__file__).resolve().parents[1] / "committees")
AS_OF = "2026-11-30"


def printed(capsys: pytest.CaptureFixture[str], command: object) -> str:
    capsys.readouterr()
    assert callable(command)
    command()
    return capsys.readouterr().out


def test_reminders_are_english_with_cxgov_lang_set(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    english = printed(capsys, lambda: remind(EXAMPLE, as_of=AS_OF))
    assert "overdue" in english  # the example has overdue actions: words a language would change
    monkeypatch.setenv("CXGOV_LANG", "pl")
    with speaking(lang="pl"):
        assert _("overdue") != "overdue"  # the catalogue has the word, so English below is the command's doing
    assert printed(capsys, lambda: remind(EXAMPLE, as_of=AS_OF)) == english


def test_the_spreadsheet_export_is_english_with_cxgov_lang_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    export("csv", EXAMPLE, out=str(tmp_path / "en"), as_of=AS_OF)
    monkeypatch.setenv("CXGOV_LANG", "uk")
    export("csv", EXAMPLE, out=str(tmp_path / "uk"), as_of=AS_OF)
    files = sorted(p.relative_to(tmp_path / "en") for p in (tmp_path / "en").rglob("*") if p.is_file())
    assert files
    for f in files:
        assert (tmp_path / "uk" / f).read_bytes() == (tmp_path / "en" / f).read_bytes(), f
