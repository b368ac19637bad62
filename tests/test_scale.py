"""The scale generator: synthetic plans with a hierarchy and warehouses built like the real ones."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bench.scale import ACTIVITIES_PER_REPORT, PROVINCES, build_loaded, build_national, scale_plan


def test_plans_move_to_their_year_with_a_hierarchy() -> None:
    plan = scale_plan("national", 2021, n_units=100)
    assert plan.plan_id == "national-2021" and plan.year == 2021
    assert [p.code for p in plan.periods] == ["2021-Q1", "2021-H1", "2021-Q3", "2021-Y"]
    assert plan.parent_types == ["country", "province"]
    assert len(plan.children["VN"]) == PROVINCES and len(plan.descendants("VN")) == PROVINCES + 100
    assert {u.code for u in plan.expected_units("2021-Q1")} == {f"X{i:04d}" for i in range(1, 101)}


def test_national_warehouse_written_straight_into_the_tables(tmp_path: Path) -> None:
    built = build_national(tmp_path, n_units=60, years=(2023, 2024))
    con = duckdb.connect(str(built.db), read_only=True)
    subs, values, acts = con.execute("select (select count(*) from submissions), (select count(*) from "
                                     "indicator_values), (select count(*) from activities)").fetchone()  # type: ignore[misc]
    assert 0.9 * 60 * 4 * 2 <= subs <= 60 * 4 * 2
    assert values == 7 * subs and acts == ACTIVITIES_PER_REPORT * subs
    # The views work on it, and a province's roll-up is the sum of its communes.
    [(n, num, den)] = con.execute("select count(*), sum(numerator), sum(denominator) from v_target_progress "
                                  "where plan_id = 'national-2024' and period_code = '2024-Y'").fetchall()
    assert n == 7 and 0 < num <= den
    rolled = con.execute("select sum(numerator), sum(denominator) from target_progress_rollup_at(now(), 'country') "
                         "where plan_id = 'national-2024' and period_code = '2024-Y'").fetchone()
    assert rolled == (num, den)
    assert con.execute("select count(*) from v_reporting_status where status = 'missing'").fetchone()[0] > 0  # type: ignore[index]
    con.close()


@pytest.mark.slow  # left out of make test-fast; make test runs it
@pytest.mark.parametrize("size", ["city"])
def test_city_warehouse_through_the_real_load_path(tmp_path: Path, size: str) -> None:
    built = build_loaded(size, tmp_path, n_units=6, years=(2024,))
    con = duckdb.connect(str(built.db), read_only=True)
    loaded = con.execute("select count(*) from load_files where outcome in ('loaded', 'new_version')").fetchone()
    assert loaded == con.execute("select count(*) from submissions").fetchone() and loaded[0] >= 6 * 4 - 2  # type: ignore[index]
    assert con.execute("select distinct parent_code from units where unit_type = 'ward'").fetchall() == [("HCM",)]
    con.close()


@pytest.mark.slow  # left out of make test-fast; make test runs it
def test_pages_stay_readable_with_many_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts draw the units most in need of follow-up; tables and downloads keep every unit."""
    import json

    from conftest import run_page

    from plan.settings import settings

    built = build_national(tmp_path, n_units=150, years=(2024,))
    monkeypatch.setenv("GEPM_DB", str(built.db))
    monkeypatch.setenv("GEPM_PLANS_DIR", str(built.plans_dir))
    monkeypatch.setenv("GEPM_DEFAULT_PLAN", built.default_plan)
    settings.cache_clear()
    try:
        target = run_page("target")
        reporting = run_page("reporting")
    finally:
        settings.cache_clear()
    assert not target.exception and not reporting.exception
    bars = json.loads(target.get("plotly_chart")[0].proto.spec)
    assert len({y for trace in bars["data"] for y in trace["y"]}) == 60
    assert any("Biểu đồ chỉ vẽ 60 đơn vị còn thiếu nhiều người nhất trong 150" in c.value for c in target.caption)
    heat = next(f for f in (json.loads(c.proto.spec) for c in reporting.get("plotly_chart"))
                if f["data"][0]["type"] == "heatmap")
    assert len(heat["data"][0]["y"]) <= 60
    status = next(d.value for d in reporting.dataframe if "Số phiên bản" in d.value.columns)
    assert status["Mã đơn vị"].nunique() == 150
