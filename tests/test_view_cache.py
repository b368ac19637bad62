"""A page's view model is built once per filter choice, language and warehouse version (ui.reads.per_filters),
and the served app skips Streamlit's full garbage collection after each run (docs/performance.md)."""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
import streamlit as st
from conftest import UseSettings

from plan.model import Plan
from plan.settings import ROOT
from ui.filters import Filters
from ui.i18n import LANG_KEY
from ui.reads import NoWarehouse, per_filters


def _filters(plan: Plan, period: str, units: tuple[str, ...] = ()) -> Filters:
    return Filters(plan, "period", period, plan.period_by_code[period].quarter, (), units, date(2024, 12, 31),
                   datetime(2024, 12, 31, 23, 59), "unit")


@pytest.fixture
def built(tmp_path: Path, use_settings: UseSettings) -> list[tuple[str, tuple[str, ...], str]]:
    """What the counting view below was asked to build; the warehouse is an empty file (only its times count)."""
    (tmp_path / "w.duckdb").write_bytes(b"")
    use_settings(GEPM_DB=tmp_path / "w.duckdb")
    st.session_state[LANG_KEY] = "vi"
    return []


def test_the_same_choice_is_built_once_and_shared(govap: Plan, built: list[object]) -> None:
    @per_filters
    def view(f: Filters) -> dict[str, object]:
        built.append((f.period_code, f.units))
        return {"period": f.period_code}

    first = view(_filters(govap, "2024-Q1"))
    assert view(_filters(govap, "2024-Q1")) is first  # another session, the same filters: the same object
    assert view(_filters(govap, "2024-H1")) == {"period": "2024-H1"}
    assert view(_filters(govap, "2024-Q1", ("P01",))) is not first
    assert built == [("2024-Q1", ()), ("2024-H1", ()), ("2024-Q1", ("P01",))]


def test_a_language_switch_or_a_landed_load_builds_again(govap: Plan, built: list[object], tmp_path: Path) -> None:
    @per_filters
    def view(f: Filters) -> str:
        built.append(f.period_code)
        return str(st.session_state[LANG_KEY])

    assert view(_filters(govap, "2024-Y")) == "vi"
    st.session_state[LANG_KEY] = "en"
    assert view(_filters(govap, "2024-Y")) == "en"
    later = os.stat(tmp_path / "w.duckdb").st_mtime_ns + 1_000_000_000
    os.utime(tmp_path / "w.duckdb", ns=(later, later))  # what a load's write does to the file
    assert view(_filters(govap, "2024-Y")) == "en"
    assert built == ["2024-Y"] * 3


def test_a_failed_build_is_not_kept(govap: Plan, built: list[object], tmp_path: Path,
                                    use_settings: UseSettings) -> None:
    use_settings(GEPM_DB=tmp_path / "missing.duckdb")

    @per_filters
    def view(f: Filters) -> str:
        built.append(f.period_code)
        return "drawn"

    with pytest.raises(NoWarehouse):
        view(_filters(govap, "2024-Q1"))
    use_settings(GEPM_DB=tmp_path / "w.duckdb")
    assert view(_filters(govap, "2024-Q1")) == "drawn"
    assert built == ["2024-Q1"]


def test_no_full_garbage_collection_after_each_run() -> None:
    """A full collection after every run held the server for 100-200 ms after each click."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["runner"]["postScriptGC"] is False
