"""The package's layout is its architecture: layers, no cycles, and docs/architecture.md as the map."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cxgov"
MAP = ROOT / "docs" / "architecture.md"

# Lowest first; a module may import from its own part or from a lower layer. Parts in one layer never
# import each other.
LAYERS: list[set[str]] = [
    {"errors"},
    {"dates"},
    {"i18n"},
    {"workspace"},
    {"views"},
    {"export"},
    {"report"},
    {"review", "dashboard", "editor"},
    {"commands"},
    {"cli"},
    {"cxgov", "__main__"},  # the package's public API (cxgov/__init__.py) and `python -m cxgov`
]
LEVEL = {part: i for i, layer in enumerate(LAYERS) for part in layer}
# The one import up the layers the map names: charts share the exports' XML-text rule.
ALLOWED_UP = {("report", "cxgov.export.safetext")}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def part(module: str) -> str:
    pieces = module.split(".")
    return "cxgov" if len(pieces) == 1 else pieces[1]


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The cxgov modules this module imports, anywhere in it (functions and TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if not base.startswith("cxgov"):
                continue
            for alias in node.names:
                if alias.name == "__version__":
                    continue  # a constant of cxgov/__init__.py, which imports nothing at load
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cxgov"))
    found.discard(module)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports(m, p, set(mods)) for m, p in mods.items()}


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for module, targets in graph().items():
        mine = part(module)
        for target in targets:
            theirs = part(target)
            if theirs == mine or (mine, target) in ALLOWED_UP:
                continue
            if LEVEL[theirs] >= LEVEL[mine]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_module_imports_itself_through_others() -> None:
    edges = graph()
    # a cycle shows as a module reachable from one of its own imports
    cycles = []
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            m = todo.pop()
            if m == start:
                cycles.append(start)
                break
            if m in seen or m not in edges:
                continue
            seen.add(m)
            todo.extend(edges[m])
    assert cycles == []


def test_the_map_names_every_module_and_only_files_that_exist() -> None:
    text = MAP.read_text(encoding="utf-8")
    named = set(re.findall(r"`(cxgov/[\w/]+\.py)`", text))
    files = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")}
    assert sorted(named - files) == []  # named but missing
    assert sorted(files - named) == []  # a module the map does not show
    for folder in re.findall(r"`(cxgov/\w+/)`", text):
        assert (ROOT / folder).is_dir(), folder
