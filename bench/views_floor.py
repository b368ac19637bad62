"""The floor under the whole (five-year) per-unit views at national size: the view as the dashboard and
`export` ask it, beside the same rows read straight from the stored snapshot with no view at all.

Reproduce: `.venv/bin/python -m bench.views_floor --repeat 11` (builds the national warehouse of
`bench.scale` first if it is not there; `make bench-scale` builds the same one). Times are medians of
`con.execute(...).to_arrow_table()`, in ms, the result as Arrow: what the engine hands over.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from bench.doc import write_doc
from documents.extracts import view_params, view_query
from queries import sql
from warehouse.db import CONFIG

TPU_COLUMNS = "select * exclude (period_ordinal, indicator_ordinal, target_bp) from snapshot_target_progress_unit"
# view: the same rows from its snapshot in the view's order, then in stored order
FLOORS = {
    "v_target_progress_unit": (TPU_COLUMNS + " order by plan_id, period_ordinal, indicator_ordinal, unit_code",
                               TPU_COLUMNS),
    "v_participation": (
        "select * from snapshot_participation order by plan_id, quarter, unit_code, activity_type, target_group",
        "select * from snapshot_participation"),
}


def median_ms(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, object], repeat: int) -> float:
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            con.execute(query, params).to_arrow_table()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]) * 1000


def measure(db: Path, repeat: int) -> list[dict[str, object]]:
    con = duckdb.connect(str(db), read_only=True, config=CONFIG)
    now = datetime.now(UTC)
    out: list[dict[str, object]] = []
    try:
        for view, (in_order, stored) in FLOORS.items():
            with warnings.catch_warnings():  # "an extra copy": as the dashboard pays it too
                warnings.simplefilter("ignore", UserWarning)
                result = con.execute(stored).to_arrow_table()
            assert result is not None
            out.append({
                "view": view, "rows": result.num_rows, "years": len(result.column("plan_id").unique()),
                "columns": result.num_columns,
                "view_ms": median_ms(con, sql(view_query(view)), view_params(view, now), repeat),
                "sorted_ms": median_ms(con, in_order, {}, repeat), "stored_ms": median_ms(con, stored, {}, repeat)})
    finally:
        con.close()
    return out


def table(rows: list[dict[str, object]], repeat: int) -> str:
    lines = [f"Whole views (every plan year) at national size, medians of {repeat} runs, ms, the result as Arrow. "
             "Floor: the same rows read from the stored snapshot with no view, in the view's order, then in "
             "stored order.", "",
             "| view | rows | plan years | columns | the view | floor, sorted | floor, stored order |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| `{r['view']}` | {r['rows']:,} | {r['years']} | {r['columns']} | {r['view_ms']:.0f} "
              f"| {r['sorted_ms']:.0f} | {r['stored_ms']:.0f} |" for r in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--doc", type=Path, default=None)
    args = ap.parse_args()
    from bench.scale_bench import built

    text = table(measure(built("national", rebuild=False).db, args.repeat), args.repeat)
    print(text)
    if args.doc:
        write_doc(args.doc, text, "views-floor", "Fourth round at national size: the floor under the five-year views")


if __name__ == "__main__":
    main()
