"""The tasks page through AppTest on the demo warehouse: statuses, completion and late tasks against the view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from conftest import run_page, signed_in
from streamlit.testing.v1 import AppTest

from i18n import t

PLAN = "govap-2024"


def task_view(db: Path, period: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select * from v_task_status where plan_id = $plan and period_code = $period",
                           {"plan": PLAN, "period": period}).df()
    finally:
        con.close()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_viewer_sees_the_year_statuses(app_env: Path) -> None:
    at = run_page("tasks", **signed_in("viewer"))
    assert not at.exception and not at.error
    rows = task_view(app_env, "2024-Y")
    done = rows["status"].isin(["da_hoan_thanh", "hoan_thanh_vuot"]).sum()
    shown = metrics(at)
    assert shown[t("tk.kpi.assignments")] == str(len(rows))
    assert shown[t("tk.kpi.done_pct")] == f"{100 * done / len(rows):.1f}%".replace(".", ",")
    assert shown[t("tk.status.chua_trien_khai")] == str((rows["status"] == "chua_trien_khai").sum())


def test_matrix_cells_match_the_view(app_env: Path) -> None:
    at = run_page("tasks")
    heat = figures(at)[0]["data"][0]
    assert heat["type"] == "heatmap"
    rows = task_view(app_env, "2024-Y")
    assert sum(z is not None for line in heat["z"] for z in line) == len(rows)
    leads = sum(text == "●" for line in heat["text"] for text in line)
    assert leads == (rows["role"] == "chu_tri").sum()


def test_completion_by_unit_chart_counts_every_assignment(app_env: Path) -> None:
    at = run_page("tasks")
    bars = figures(at)[1]["data"]
    assert sum(sum(tr["x"]) for tr in bars) == len(task_view(app_env, "2024-Y"))
    p01 = task_view(app_env, "2024-Y").query("unit_code == 'P01'")
    done = {tr["name"]: tr["x"][tr["y"].index("Phường 1")] for tr in bars}
    assert done[t("tk.status.da_hoan_thanh")] == (p01["status"] == "da_hoan_thanh").sum()


def test_not_started_list_from_the_nine_months_on(app_env: Path) -> None:
    at = run_page("tasks", period_code="2024-Q3")
    rows = task_view(app_env, "2024-Q3")
    listed = [d for d in at.dataframe if t("tk.col.task_text") in d.value.columns]
    assert len(listed) == 1 and len(listed[0].value) == (rows["status"] == "chua_trien_khai").sum()
    early = run_page("tasks", period_code="2024-H1")
    assert any(t("tk.not_started.early", period="6 tháng", nine="9 tháng") == i.value for i in early.info)


def test_difficulties_grouped_with_their_units(app_env: Path) -> None:
    at = run_page("tasks", period_code="2024-Q3")
    rows = task_view(app_env, "2024-Q3")
    given = rows.loc[~rows["is_carried_forward"] & (rows["difficulties"].fillna("").str.strip() != "")]
    table = next(d.value for d in at.dataframe if t("tk.col.text") in d.value.columns)
    assert sorted(table[t("tk.col.text")]) == sorted(given["difficulties"].str.strip().unique())


def test_english_and_downloads(app_env: Path, deferred: dict[str, Any]) -> None:
    at = run_page("tasks", lang="en")
    assert at.title[0].value == "Tasks" and not at.exception
    assert {"tasks-matrix", "tasks-by-unit", "tasks-by-section", "tasks-not-started"} <= {
        name.split("_")[0] for name in deferred}

