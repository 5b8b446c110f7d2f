"""A review page writes numbers, money and dates for its locale: --locale, else org.yaml's locale, else en."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from workspaces import build_workspace

from cxgov.commands.review import review
from cxgov.errors import CxgovError
from cxgov.review.page import Page
from cxgov.review.render import render
from cxgov.workspace.load import load_workspace

TODAY = date(2026, 12, 2)
NBSP = "\u00a0"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """valid/minimal with a measurement of 1234.5 for November and a budget line of 40000 EUR."""
    root = build_workspace(tmp_path / "ws")
    with (root / "cx" / "measurements.csv").open("a", encoding="utf-8") as f:
        f.write("frt,2026-11,1234.5,\n")
    with (root / "cx" / "committee.yaml").open("a", encoding="utf-8") as f:
        f.write("budget:\n  - {line: onboarding fixes, amount: 40000, currency: EUR, departments: [support]}\n")
    return root


def whole(page: Page) -> str:
    assert page.error is None, page.error
    return page.header + "".join(page.sections.values())


def test_the_same_page_in_en_and_pl_writes_numbers_money_and_months_as_each_locale_does(ws: Path) -> None:
    en = render(str(ws), "cx", "2026-11", TODAY)
    pl = render(str(ws), "cx", "2026-11", TODAY, locale="pl_PL")
    # English keeps the page's established formats: 4 significant digits, whole amounts with the code.
    assert "<td>1,234</td>" in whole(en) and "40,000 EUR" in whole(en) and en.title.endswith("review November 2026")
    # Polish as Babel writes it: a no-break space groups thousands, a comma before decimals, the euro sign after.
    assert f"<td>1{NBSP}234,5</td>" in whole(pl)
    assert f"40{NBSP}000{NBSP}€" in whole(pl)
    assert pl.title.endswith("listopad 2026")
    assert "1,234" not in whole(pl) and "40,000" not in whole(pl)


def test_org_yaml_locale_is_the_default_and_locale_overrides_it(ws: Path) -> None:
    org = (ws / "org.yaml").read_text(encoding="utf-8")
    (ws / "org.yaml").write_text(
        org.replace("organisation: Minimal Telco\n", "organisation: Minimal Telco\nlocale: de-DE\n")
    )
    assert load_workspace(ws).org.locale == "de_DE"  # type: ignore[union-attr]
    assert "<td>1.234,5</td>" in whole(render(str(ws), "cx", "2026-11", TODAY))
    assert "<td>1,234</td>" in whole(render(str(ws), "cx", "2026-11", TODAY, locale="en"))


def test_a_locale_babel_does_not_know_is_the_pages_error_not_a_traceback(ws: Path) -> None:
    page = render(str(ws), "cx", "2026-11", TODAY, locale="xx_QQ")
    assert page.error == "locale: expected a locale such as en, pl_PL, uk, lt, zh_Hans; found 'xx_QQ'"


def test_cxgov_review_refuses_an_unknown_locale_or_language_before_any_notebook_runs(ws: Path, tmp_path: Path) -> None:
    with pytest.raises(
        CxgovError, match=r"^--locale: expected a locale such as en, pl_PL, uk, lt, zh_Hans; found 'xx'$"
    ):
        review(str(ws), month="2026-11", out=str(tmp_path / "out"), locale="xx")
    with pytest.raises(CxgovError, match=r"^--lang: expected one of en, pl, uk, lt, zh_Hans, zh_Hant; found 'fr'$"):
        review(str(ws), month="2026-11", out=str(tmp_path / "out"), lang="fr")
    assert not (tmp_path / "out").exists()


def test_without_a_locale_a_page_in_another_language_writes_that_languages_numbers(ws: Path) -> None:
    pl = render(str(ws), "cx", "2026-11", TODAY, lang="pl")  # no --locale, none in org.yaml
    assert pl.title == "CX Steering Committee: przegląd za listopad 2026"
    assert f"<td>1{NBSP}234,5</td>" in whole(pl)
    english_numbers = render(str(ws), "cx", "2026-11", TODAY, lang="pl", locale="en")
    assert "<td>1,234</td>" in whole(english_numbers)
