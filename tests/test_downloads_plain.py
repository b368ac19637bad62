"""Downloaded tables hold plain words and values: the marks that decorate the screen (↻ carried forward, ● lead
unit, ≥ threshold, — nothing) never reach a CSV or Excel cell. Each page's downloads are built as a click would
build them, and their bytes read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from conftest import run_page
from openpyxl import load_workbook

from i18n import t

GLYPHS = set("↻●○✓✗✔✘▲▼★⚠≥≤")
DASHES = {"—", "–"}


def csv_cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel wants it
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_cells(data: bytes) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def marked(rows: list[list[Any]]) -> list[str]:
    """Every cell holding a decoration mark, or a dash standing for nothing."""
    cells = [str(v) for row in rows for v in row if v is not None]
    return [c for c in cells if GLYPHS & set(c) or c.strip() in DASHES]


def downloads(deferred: dict[str, tuple[str | None, Any]]) -> dict[str, list[list[Any]]]:
    """Every CSV and Excel download the page offered, read back from the bytes a click returns."""
    out: dict[str, list[list[Any]]] = {}
    for name, (_, build) in deferred.items():
        if name.endswith(".csv"):
            out[name] = csv_cells(build())
        elif name.endswith(".xlsx"):
            out[name] = xlsx_cells(build())
    return out


@pytest.mark.parametrize(("page", "state", "expected"), [
    ("target", {}, "sources_CT1"),  # P16 is carried forward in the year report: ↻ on screen
    ("tasks", {}, "tasks-matrix"),  # the lead unit's cells: ● on screen
    ("home", {}, "plan-indicators"),  # thresholds '≥ 70' and open-ended validity on screen
    ("home", {"lang": "en"}, "plan-units"),
])
def test_downloaded_cells_hold_no_marks(app_env: Path, deferred: dict[str, Any], page: str,
                                        state: dict[str, object], expected: str) -> None:
    at = run_page(page, **state)
    assert not at.exception
    files = downloads(deferred)
    assert any(name.startswith(expected) for name in files), sorted(files)
    for name, rows in files.items():
        assert len(rows) > 1, name
        assert marked(rows) == [], name


def test_carried_forward_is_said_in_words(app_env: Path, deferred: dict[str, Any]) -> None:
    run_page("target")
    [rows] = [r for n, r in downloads(deferred).items() if n.startswith("sources_CT1") and n.endswith(".csv")]
    head = rows[0]
    p16 = next(r for r in rows if "Phường 16" in r)
    assert p16[head.index(t("td.col.source"))] == "9 tháng"
    assert p16[head.index(t("td.col.is_carried_forward"))] == t("pa.yes")


def test_lead_unit_is_said_in_words(app_env: Path, deferred: dict[str, Any]) -> None:
    run_page("tasks")
    [rows] = [r for n, r in downloads(deferred).items() if n.startswith("tasks-matrix") and n.endswith(".xlsx")]
    lead = f"({t('task.role.chu_tri')})"
    assert any(isinstance(v, str) and v.endswith(lead) for row in rows[1:] for v in row)


def test_plan_tables_keep_numbers_and_dates(app_env: Path, deferred: dict[str, Any]) -> None:
    run_page("home")
    files = downloads(deferred)
    [indicators] = [r for n, r in files.items() if n.startswith("plan-indicators") and n.endswith(".xlsx")]
    head = indicators[0]
    targets = {r[0]: r[head.index(t("col.target"))] for r in indicators[1:]}
    assert targets["CT1"] == 70 and targets["GS1"] is None
    [units] = [r for n, r in files.items() if n.startswith("plan-units") and n.endswith(".xlsx")]
    head = units[0]
    p01 = next(r for r in units if r[0] == "P01")
    assert str(p01[head.index(t("col.valid_from"))])[:10] == "2024-01-01"
