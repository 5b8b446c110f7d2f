"""notebooks/analysis.ipynb: an analyst's notebook on the public API only, run headless with papermill."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

import cxgov

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "analysis.ipynb"
AS_OF = "2026-11-30"


def _code(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def test_the_notebook_is_thin_parameterised_and_committed_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "parameters" in code[0].metadata.get("tags", [])
    assert {"workspace", "as_of"} <= {t.id for n in ast.walk(ast.parse(code[0].source)) for t in _targets(n)}
    assert all(len(c.source.splitlines()) <= 8 for c in code)


def _targets(node: ast.AST) -> list[ast.Name]:
    return [t for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else []


def test_the_notebook_imports_nothing_from_cxgov_but_the_top_level_package() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    wrong: list[str] = []
    used: set[str] = set()
    for source in _code(nb):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                wrong += [a.name for a in node.names if a.name.startswith("cxgov.")]
                wrong += [f"import cxgov as {a.asname}" for a in node.names if a.name == "cxgov" and a.asname]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cxgov"):
                wrong.append(f"from {node.module} import ...")
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "cxgov":
                used.add(node.attr)
    assert wrong == []
    assert used and used <= set(cxgov.__all__), sorted(used - set(cxgov.__all__))


@pytest.mark.slow
def test_the_notebook_runs_with_papermill_and_shows_the_workspace_figures(tmp_path: Path) -> None:
    import papermill as pm

    out = tmp_path / "out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"workspace": str(REPO / "committees"), "as_of": AS_OF},
        cwd=str(tmp_path),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs if o.output_type == "execute_result")

    # The same figures, computed here through the same public API.
    ws = cxgov.open_workspace(REPO / "committees")
    actions = cxgov.actions(ws, AS_OF)
    overdue = int(actions.overdue.sum())
    assert overdue > 0 and len(ws.committees) == 3
    assert "3 committees loaded, 0 problems, left out: []\n" in text
    assert f"{overdue} of {len(actions)} actions overdue as of {AS_OF}\n" in text
    rollup = cxgov.rollup(ws, AS_OF)
    for row in rollup.itertuples():
        assert f"<th>{row.committee}</th>" in html
    assert f"<td>{rollup.plan_month.max()}</td>" in html  # the plan month, as a figure in the roll-up table
    for action in actions[actions.overdue].action:
        assert f"<td>{action}</td>" in html
    states = cxgov.signals(ws, AS_OF).groupby("state").size()
    signals_out = next(
        o.data["text/plain"] for o in outputs if "Name: signals" in o.get("data", {}).get("text/plain", "")
    )
    for state, count in states.items():
        assert any(line.split() == [state, str(count)] for line in signals_out.splitlines())
