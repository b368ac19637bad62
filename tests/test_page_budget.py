"""The budget page through AppTest on the demo warehouse: estimate, spent and shares against v_budget."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
from conftest import run_page, signed_in

from i18n import t

PLAN = "govap-2024"


def budget_view(db: Path, period: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select * from v_budget where plan_id = $plan and period_code = $period",
                           {"plan": PLAN, "period": period}).df()
    finally:
        con.close()


def vi_pct(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def test_viewer_sees_estimate_spent_and_shares(app_env: Path) -> None:
    at = run_page("budget", **signed_in("viewer"))
    assert not at.exception and not at.error
    rows = budget_view(app_env, "2024-Y")
    estimate, spent = float(rows["estimate"].sum()), float(rows["spent"].sum())
    raised = float(rows.loc[rows["source_code"] == "xa_hoi_hoa", "spent"].sum())
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("bg.kpi.estimate")] == f"{round(estimate / 1e6):,} triệu đồng".replace(",", ".")
    assert shown[t("bg.kpi.spent_pct")] == vi_pct(100 * spent / estimate)
    assert shown[t("bg.kpi.mobilised_pct")] == vi_pct(100 * raised / spent)


def test_source_chart_and_table_hold_the_sums(app_env: Path) -> None:
    at = run_page("budget", period_code="2024-Q3")
    rows = budget_view(app_env, "2024-Q3")
    by_source = rows.groupby("source_name_vi")["spent"].sum(min_count=1)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    spent = dict(zip(fig["data"][1]["y"], fig["data"][1]["x"], strict=True))
    for name, value in by_source.dropna().items():
        assert abs(spent[name] - value / 1e6) < 1e-6
    assert len(at.get("download_button")) == 4  # CSV + Excel for each of the two tables


def test_unit_table_gives_each_units_disbursement(app_env: Path) -> None:
    at = run_page("budget", units=["P01"])
    rows = budget_view(app_env, "2024-Y").query("unit_code == 'P01'")
    table = next(d.value for d in at.dataframe if t("bg.col.mobilised") in d.value.columns)
    assert list(table[t("bg.col.unit_name")]) == ["Phường 1"]
    assert table[t("bg.col.spent_pct")].iloc[0] == vi_pct(100 * rows["spent"].sum() / rows["estimate"].sum())


def test_english(app_env: Path) -> None:
    at = run_page("budget", lang="en")
    assert at.title[0].value == "Budget" and t("bg.kpi.mobilised_pct", "en") in {m.label for m in at.metric}

