"""One page shape: a page draws its frame, takes its view model from ui/, and lays it out.

Pages never query (no `frame(` calls, no imports outside ui/ and streamlit) and never shape data with
pandas (no boolean masks, `.loc`, `.query`, group-bys or sorts): that is the view model's work.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from plan.settings import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
SHAPING = {"loc", "iloc", "at", "iat", "query", "isin", "where", "mask", "groupby", "merge", "sort_values",
           "assign", "filter", "drop", "drop_duplicates", "pivot_table", "apply", "eval"}
MASKS = (ast.Compare, ast.BoolOp, ast.BinOp)


def _module_ok(name: str) -> bool:
    return name.split(".")[0] in ("ui", "streamlit")


def offences(source: str) -> list[str]:
    """What in a page's source is not layout: queries, pandas shaping, imports from below ui/."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if not _module_ok(a.name)]
        elif isinstance(node, ast.ImportFrom) and not _module_ok(node.module or ""):
            found.append(f"from {node.module} import …")
        elif isinstance(node, ast.Attribute) and node.attr in SHAPING:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Subscript) and (isinstance(node.slice, MASKS) or (
                isinstance(node.slice, ast.UnaryOp) and isinstance(node.slice.op, ast.Invert | ast.Not))):
            found.append(f"mask [{ast.unparse(node.slice)}]")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "frame":
            found.append("frame(…)")
    return found


def test_the_scan_sees_every_page() -> None:
    assert {"home", "overview", "target", "participation", "reporting", "review", "upload", "data"} <= {
        p.stem for p in PAGES}


def test_the_scan_finds_queries_and_pandas_shaping() -> None:
    source = ("import pandas as pd\nfrom ui.reads import frame\nfrom warehouse.db import connect\n"
              "df = frame('app/x', plan_id='p')\nlate = df[df['status'] == 'late']\nrows = df.loc[df['n'] > 0]\n"
              "both = df[(df.a > 1) & (df.b < 2)]\nnot_late = df[~df['is_late']]\nhits = df.query('n > 0')\n"
              "by = df.groupby('unit_code').sum()\n")
    assert sorted(offences(source)) == sorted(["import pandas", "from warehouse.db import …", "frame(…)",
                                "mask [df['status'] == 'late']", ".loc", "mask [df['n'] > 0]",
                                "mask [(df.a > 1) & (df.b < 2)]", "mask [~df['is_late']]", ".query", ".groupby"])


def test_layout_is_not_an_offence() -> None:
    source = ("import streamlit as st\nimport ui.frame\nfrom ui import review as rv\n"
              "f = ui.frame.page('review')\nv = rv.view(f, 'P01', {})\nst.dataframe(v.blocks['unit_code'].shown)\n"
              "for line in v.messages[:30]:\n    st.code(line)\nwith st.tabs(v.tabs)[-1]:\n    st.write(1)\n")
    assert offences(source) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_pages_only_lay_out(page: Path) -> None:
    assert offences(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", [p for p in PAGES if p.stem != "signin"], ids=lambda p: p.stem)
def test_pages_start_with_their_frame(page: Path) -> None:
    """The first call of the page's own work is ui.frame.page("<its name>")."""
    calls = [n for n in ast.walk(ast.parse(page.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)
             and ast.unparse(n.func) == "ui.frame.page"]
    assert [ast.literal_eval(c.args[0]) for c in calls] == [page.stem]
