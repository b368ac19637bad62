"""The layers hold: pages -> ui -> documents -> etl -> warehouse -> {queries, plan, access} -> i18n, with no circles.

Every import statement counts, wherever it sits (inside a function, under TYPE_CHECKING), so a
circle cannot hide behind a late import. Only pages/ and ui/ (not ui/charts/) import streamlit; the chart
builders in ui/charts/ import plotly, and no ui module that imports streamlit, directly or through others.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from plan.settings import ROOT

BASE = {"queries", "plan", "i18n", "access"}
# Which project packages each top-level package may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "app": {"ui"},
    "pages": {"ui"},
    "cli": {"demo", "documents", "etl", "warehouse"} | BASE,
    "demo": {"documents", "etl", "warehouse"} | BASE,
    "ui": {"documents", "etl", "warehouse"} | BASE,
    "documents": {"etl", "warehouse"} | BASE,
    "etl": {"warehouse"} | BASE,
    "warehouse": BASE,
    "queries": set(),
    "i18n": set(),
    "access": {"i18n"},  # the project's errors derive from i18n.GepmError, whose messages are catalogue keys
    "plan": {"i18n"},
}
ENTRY_POINTS = {"etl.__main__": {"cli"}}  # `python -m etl` hands over to the command line
UI_LIBS = ("streamlit", "plotly")
MAY_USE_STREAMLIT = ("app", "pages", "ui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_modules() -> dict[str, Path]:
    paths = [ROOT / "app.py", *(p for pkg in ALLOWED if (ROOT / pkg).is_dir() for p in (ROOT / pkg).rglob("*.py"))]
    return {_module_name(p): p for p in paths}


MODULES = _project_modules()


@cache
def _imported(path: Path) -> frozenset[str]:
    """Dotted names of every module the file imports, wherever the import statement sits (each file parsed once
    per run: the files do not change while the tests run)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
    return frozenset(names)


def _edges(path: Path) -> set[str]:
    """Project modules the file imports: `from pkg import sub` is an edge to pkg.sub, not to pkg's __init__."""
    names = {name for name in _imported(path) if name in MODULES}
    return {name for name in names if not any(other.startswith(name + ".") for other in names)}


def _graph() -> dict[str, set[str]]:
    return {mod: _edges(path) - {mod} for mod, path in MODULES.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_scan_sees_every_layer() -> None:
    assert {"cli.main", "etl.load.write", "etl.validate.workbook", "warehouse.db", "documents.template",
            "demo.generate", "queries", "plan.model", "ui.filters"} <= set(MODULES)
    assert any(m.startswith("pages.") for m in MODULES)
    assert "duckdb" in _imported(ROOT / "warehouse" / "db.py")


def test_the_scan_catches_a_hidden_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    import streamlit.components.v1 as c\n    return c\n"
                      "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from etl.load import write\n",
                      encoding="utf-8")
    assert {"streamlit.components.v1", "etl.load", "etl.load.write"} <= _imported(sneaky)


def test_the_circle_finder_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_there_are_no_import_circles() -> None:
    assert _circles(_graph()) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_imports_only_its_own_or_lower_layers(module: str) -> None:
    top = module.split(".")[0]
    allowed = ALLOWED[top] | ENTRY_POINTS.get(module, set()) | {top}
    wrong = sorted(m for m in _edges(MODULES[module]) if m.split(".")[0] not in allowed)
    assert wrong == [], f"{module} reaches above its layer"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_pages_and_ui_import_streamlit(module: str) -> None:
    libs = {name.split(".")[0] for name in _imported(MODULES[module])} & set(UI_LIBS)
    if module.split(".")[0] in MAY_USE_STREAMLIT and not module.startswith("ui.charts"):
        return
    if module.startswith("ui.charts"):
        libs.discard("plotly")  # chart builders are pure Plotly, without streamlit
    assert not libs, f"{module} imports {sorted(libs)}"


def _reached(module: str, graph: dict[str, set[str]]) -> set[str]:
    """Every project module the module loads, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for name in graph[todo.pop()] - seen:
            seen.add(name)
            todo.append(name)
    return seen


def _streamlit_behind(module: str) -> list[str]:
    """The module and the project modules it loads that import streamlit."""
    graph = _graph()
    return sorted(m for m in {module} | _reached(module, graph)
                  if "streamlit" in {name.split(".")[0] for name in _imported(MODULES[m])})


CHART_MODULES = sorted(m for m in MODULES if m.startswith("ui.charts."))


def test_the_chart_builders_are_scanned() -> None:
    assert {"ui.charts.base", "ui.charts.targets", "ui.charts.participation", "ui.charts.reporting"} <= set(
        CHART_MODULES)
    assert _streamlit_behind("ui.activity")  # the check sees streamlit behind a ui module that draws
    assert "ui.i18n" in _streamlit_behind("ui.targets")  # and behind one that reads the session's language


@pytest.mark.parametrize("module", CHART_MODULES)
def test_chart_builders_never_load_streamlit(module: str) -> None:
    """Pure Plotly: no streamlit, not even through another ui module (so never the session's language)."""
    assert _streamlit_behind(module) == []


def test_importing_the_command_line_does_not_load_streamlit() -> None:
    code = ("import json, sys\n"
            "import cli.main, etl.load.files, documents.template, demo.generate, warehouse.db, queries\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'plotly'))))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
