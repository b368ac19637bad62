"""The cases page through AppTest on the demo warehouse: published counts only, small ones read '<5' everywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from conftest import run_page, signed_in

from i18n import t
from plan.model import Plan

PLAN = "govap-2024"


def cases_view(db: Path) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select * from v_cases where plan_id = $plan", {"plan": PLAN}).df()
    finally:
        con.close()


def raw_counts(db: Path, period: str) -> set[int]:
    """Every small count the warehouse holds for the period (what must never appear)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute(
            "select distinct x.n_total from case_counts x join submissions s using (submission_id) "
            "where s.period_code = $period and x.n_total between 1 and 4", {"period": period}).fetchall()}
    finally:
        con.close()


def test_viewer_sees_published_sums_per_report(app_env: Path, govap: Plan) -> None:
    at = run_page("cases", **signed_in("viewer"))
    assert not at.exception and not at.error
    rows = cases_view(app_env)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    year = next(tr for tr in fig["data"] if tr["name"] == "Năm")
    expected = rows.loc[rows["period_code"] == "2024-Y"].groupby("measure_code", sort=False)["n_cases"].sum()
    assert govap.cases is not None
    assert year["x"] == [int(expected[m.code]) for m in govap.cases.measures]


def test_small_counts_read_under_the_threshold(app_env: Path) -> None:
    at = run_page("cases", period_code="2024-Q1")
    rows = cases_view(app_env).query("period_code == '2024-Q1'")
    table = next(d.value for d in at.dataframe if t("ca.col.unit_name") in d.value.columns)
    cells = table.drop(columns=[t("ca.col.unit_code"), t("ca.col.unit_name")]).to_numpy().ravel().tolist()
    assert cells.count("<5") == rows["is_suppressed"].fillna(False).sum() > 0
    assert not {str(n) for n in raw_counts(app_env, "2024-Q1")} & set(cells)


def test_downloads_never_hold_a_small_count(app_env: Path, deferred: dict[str, Any]) -> None:
    run_page("cases", period_code="2024-Q1")
    name = next(n for n in deferred if n.startswith("cases-by-unit") and n.endswith(".csv"))
    data = pd.read_csv(io.BytesIO(deferred[name][1]()), encoding="utf-8-sig", dtype=str)
    cells = data.iloc[:, 2:].fillna("").to_numpy().ravel().tolist()
    assert "<5" in cells
    assert not {str(n) for n in raw_counts(app_env, "2024-Q1")} & set(cells)


def test_english(app_env: Path) -> None:
    at = run_page("cases", lang="en")
    assert at.title[0].value == "Violence cases" and not at.exception

