"""Shared fixtures: plans, a fresh warehouse per test, and workbook builders (no committed binaries)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from plan.load import load_plan
from plan.model import Plan
from plan.settings import ROOT

GOVAP_FILE = ROOT / "data" / "plans" / "govap-2024.yaml"
SMALL_FILE = Path(__file__).parent / "plans" / "riverside-2025.yaml"


@pytest.fixture(scope="session")
def govap() -> Plan:
    return load_plan(GOVAP_FILE)


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    return load_plan(SMALL_FILE)


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A plans folder holding both the 2024 Gò Vấp plan and the small 2025 test plan."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(GOVAP_FILE, folder)
    shutil.copy(SMALL_FILE, folder)
    return folder


@pytest.fixture
def all_plans(govap: Plan, small_plan: Plan) -> dict[str, Plan]:
    return {govap.plan_id: govap, small_plan.plan_id: small_plan}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def warehouse(db_path: Path, all_plans: dict[str, Plan]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A real DuckDB file with the schema, the views and both plans."""
    from etl.warehouse import open_for_writing

    con = open_for_writing(db_path, all_plans)
    yield con
    con.close()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
