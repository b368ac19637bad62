"""The data core stays free of UI imports: etl/ and queries/ never import streamlit."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from plan.settings import ROOT

CORE = ("etl", "queries", "plan", "i18n", "access")
UI = ("streamlit", "plotly")


def _modules() -> list[Path]:
    return sorted(p for pkg in CORE for p in (ROOT / pkg).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Top-level names of every module the file imports, wherever the import statement sits."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value).split(".")[0])
    return names


def test_the_scan_sees_the_core() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert {"etl/cli.py", "etl/load.py", "etl/validate.py", "queries/__init__.py", "plan/model.py"} <= names
    assert "duckdb" in _imported(ROOT / "etl" / "warehouse.py")


def test_the_scan_catches_a_hidden_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    import streamlit.components.v1 as c\n    return c\n"
                      "from streamlit import session_state\n", encoding="utf-8")
    assert "streamlit" in _imported(sneaky)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_core_module_has_no_ui_import(path: Path) -> None:
    assert not (_imported(path) & set(UI))


def test_importing_the_etl_does_not_load_streamlit() -> None:
    code = ("import json, sys\n"
            "import etl.cli, etl.load, etl.commands, etl.export, etl.demo, etl.template, queries\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'plotly'))))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
