"""Synthetic plans and warehouses at three sizes, with a hierarchy (country → province → commune).

    .venv/bin/python -m bench.scale --size district|city|national [--out bench/out/scale]

- district: the Gò Vấp demo year (30 units × 4 periods), through the real load path;
- city: 168 wards under one city × 4 periods × 3 plan years (2022–2024): demo workbooks written for
  each year and loaded through the real load path (about 2,000 files);
- national: 3,321 communes in 34 provinces × 4 periods × 5 plan years (2020–2024), about 20 activities
  per commune and period (≈ 66,000 submissions, 465,000 values, 1.3 million activities): written
  straight into the tables through the loader's own insert statements (write/insert_batch), since
  generating and parsing 66,000 workbooks would measure the generator, not the warehouse.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import yaml

import queries
from bench.synth import write_plan
from demo.generate import write_demo
from etl.load import staged_arrow
from etl.load.prepare import Item, Preparer
from etl.load.write import load_items
from plan.load import SAFE_DUMPER, SAFE_LOADER, load_plan
from plan.model import Plan
from plan.settings import ROOT
from warehouse import snapshots
from warehouse.db import open_for_writing

OUT = ROOT / "bench" / "out" / "scale"
BASE = ROOT / "data" / "plans" / "govap-2024.yaml"
SIZES = {"district": (30, (2024,)), "city": (168, (2022, 2023, 2024)), "national": (3321, tuple(range(2020, 2025)))}
PROVINCES = 34
ACTIVITIES_PER_REPORT = 20


@dataclass(frozen=True)
class Built:
    size: str
    db: Path
    plans_dir: Path
    default_plan: str
    n_units: int
    how: str


def _units(size: str, n: int, year: int) -> list[dict[str, object]]:
    """A root, its provinces (national) and n reporting wards/communes, each with its parent."""
    start = f"{year}-01-01"
    if size == "city":
        root = {"code": "HCM", "name_vi": "Thành phố Hồ Chí Minh", "name_en": "Ho Chi Minh City", "type": "province",
                "valid_from": start}
        return [root] + [{"code": f"W{i:03d}", "name_vi": f"Phường {i}", "name_en": f"Ward {i}", "type": "ward",
                          "parent": "HCM", "valid_from": start} for i in range(1, n + 1)]
    root = {"code": "VN", "name_vi": "Toàn quốc", "name_en": "Viet Nam", "type": "country", "valid_from": start}
    provinces = [{"code": f"T{p:02d}", "name_vi": f"Tỉnh {p}", "name_en": f"Province {p}", "type": "province",
                  "parent": "VN", "valid_from": start} for p in range(1, PROVINCES + 1)]
    communes = [{"code": f"X{i:04d}", "name_vi": f"Xã {i}", "name_en": f"Commune {i}", "type": "commune",
                 "parent": f"T{i % PROVINCES + 1:02d}", "valid_from": start} for i in range(1, n + 1)]
    return [root, *provinces, *communes]


def scale_plan(size: str, year: int, n_units: int | None = None) -> Plan:
    """The Gò Vấp plan's indicators, calendar and lists, moved to the year, with the size's units."""
    text = yaml.dump(load_plan(BASE).model_dump(mode="json"), Dumper=SAFE_DUMPER, allow_unicode=True)
    text = text.replace("2024", str(year))
    data = yaml.load(text, Loader=SAFE_LOADER)
    kind = "ward" if size == "city" else "commune"
    data.update(plan_id=f"{size}-{year}", area_vi=f"Quy mô {size}", area_en=f"Scale {size}", extensions=[],
                units=_units(size, n_units or SIZES[size][0], year))
    for ind in data["indicators"]:
        ind["reporters"] = {"unit_types": [kind]}
    data["tasks"] = []  # the Gò Vấp tasks name Gò Vấp's departments, which a scale plan does not have
    if data.get("cases"):
        data["cases"]["reporters"] = {"unit_types": [kind]}
    return Plan.model_validate(data)


def _load_files(db: Path, plans: dict[str, Plan], plan: Plan, folder: Path) -> None:
    files = write_demo(plan, folder, seed=plan.year)
    items = [Item(f.path, f.received_at) for f in files]
    with Preparer(plans, plan.plan_id, len(items)) as preparer:
        con = open_for_writing(db, plans)
        try:
            load_items(con, plans, items, default_plan=plan.plan_id, source="scale", preparer=preparer)
        finally:
            con.close()


def _fresh(size: str, out: Path) -> tuple[Path, Path]:
    root = out / size
    shutil.rmtree(root, ignore_errors=True)
    (root / "plans").mkdir(parents=True)
    return root / "warehouse.duckdb", root / "plans"


def build_loaded(size: str, out: Path = OUT, n_units: int | None = None,
                 years: tuple[int, ...] | None = None) -> Built:
    """district and city: demo workbooks for every year, through the real load path."""
    db, plans_dir = _fresh(size, out)
    plans = {}
    for year in years or SIZES[size][1]:
        plan = load_plan(BASE) if size == "district" else scale_plan(size, year, n_units)
        write_plan(plan, plans_dir)
        plans[plan.plan_id] = plan
    for plan in plans.values():
        _load_files(db, plans, plan, out / size / "files" / plan.plan_id)
    last = list(plans)[-1]
    return Built(size, db, plans_dir, last, len(plans[last].units), "real load path (workbooks → load_items)")


def _submissions(plan: Plan, rng: np.random.Generator, first_id: int, load_id: int) -> pa.Table:
    units = [u.code for u in plan.units if u.type == "commune"]
    rows = []
    for p in plan.periods:
        deadline = plan.deadline_at(p.due_on)
        for u in units:
            if rng.random() < 0.03:  # never sent
                continue
            late = rng.random() < 0.15
            received = deadline + timedelta(days=int(rng.integers(1, 20)) if late else -int(rng.integers(1, 10)),
                                            hours=int(rng.integers(0, 10)))
            rows.append((u, p.code, received))
    n = len(rows)
    ids = np.arange(first_id, first_id + n, dtype=np.int32)
    sha = [hashlib.sha256(f"{plan.plan_id}|{u}|{p}".encode()).hexdigest() for u, p, _ in rows]
    return pa.table({
        "submission_id": ids, "plan_id": [plan.plan_id] * n, "unit_code": [r[0] for r in rows],
        "period_code": [r[1] for r in rows], "version": np.ones(n, np.int32), "is_current": np.ones(n, bool),
        "sha256": sha, "file_name": [f"{p}_{u}.xlsx" for u, p, _ in rows],
        "received_at": [r[2] for r in rows], "report_on": [r[2].date() for r in rows], "is_nil": np.zeros(n, bool),
        "prepared_by": ["Nguyễn Thị Lan"] * n, "phone": [None] * n, "template_version": ["1"] * n,
        "load_id": np.full(n, load_id, np.int32)}, schema=staged_arrow.SUBMISSIONS)


def _values(plan: Plan, subs: pa.Table, rng: np.random.Generator) -> pa.Table:
    codes = [i.code for i in plan.indicators]
    n, k = subs.num_rows, len(codes)
    ordinal = {p.code: i for i, p in enumerate(plan.periods)}
    share = np.array([0.35, 0.6, 0.78, 0.9])[[ordinal[c] for c in subs["period_code"].to_pylist()]]
    # A unit keeps its totals and its pace through the year (year-to-date counts only grow), as real
    # reports do; otherwise every report would raise consistency warnings.
    units = sorted(set(subs["unit_code"].to_pylist()))
    unit_den = dict(zip(units, rng.integers(20, 200, size=(len(units), k)), strict=True))
    unit_pace = dict(zip(units, rng.uniform(0.85, 1.1, size=(len(units), k)), strict=True))
    codes_of = subs["unit_code"].to_pylist()
    den = np.concatenate([unit_den[u] for u in codes_of])
    pace = np.concatenate([unit_pace[u] for u in codes_of])
    num = np.minimum(den, np.round(den * np.repeat(share, k) * pace)).astype(np.int64)
    women = np.round(num * rng.uniform(0.4, 0.7, n * k)).astype(np.int64)
    return pa.table({
        "submission_id": np.repeat(subs["submission_id"].to_numpy(), k), "indicator_code": codes * n,
        "numerator": num, "denominator": den.astype(np.int64), "women": women,
        "ethnic_minority": np.round(num * rng.uniform(0, 0.2, n * k)).astype(np.int64), "note": [None] * (n * k),
        "source_row": np.tile(np.arange(5, 5 + k, dtype=np.int32), n)}, schema=staged_arrow.VALUES)


def _activities(plan: Plan, subs: pa.Table, rng: np.random.Generator) -> pa.Table:
    kinds = [a.code for a in plan.reference.activity_types]
    groups = [g.code for g in plan.reference.target_groups]
    n, k = subs.num_rows, ACTIVITIES_PER_REPORT
    starts = {p.code: p.starts_on for p in plan.periods}
    day0 = np.array([starts[c].toordinal() for c in subs["period_code"].to_pylist()])
    days = np.repeat(day0, k) + rng.integers(0, 90, n * k)
    total = rng.integers(15, 120, n * k)
    women = np.round(total * rng.uniform(0.45, 0.75, n * k)).astype(np.int64)
    kind = rng.integers(0, len(kinds), n * k)
    line = np.tile(np.arange(1, k + 1, dtype=np.int32), n)
    sid = np.repeat(subs["submission_id"].to_numpy(), k)
    on = [datetime.fromordinal(int(d)).date() for d in days]
    return pa.table({
        "submission_id": sid, "line_no": line, "activity_on": on, "activity_type": [kinds[i] for i in kind],
        "topic": ["Truyền thông bình đẳng giới"] * (n * k), "target_group": [groups[i % len(groups)] for i in kind],
        "participants": total, "men": total - women, "women": women,
        "ethnic_minority": np.round(total * rng.uniform(0, 0.3, n * k)).astype(np.int64),
        "materials": rng.integers(0, 200, n * k), "note": [None] * (n * k),
        "activity_key": [f"{d}|{kinds[i]}|{s}|{ln}" for d, i, s, ln in zip(on, kind, sid, line, strict=True)],
        "source_row": line + 4, "task_code": [None] * (n * k), "cost": [None] * (n * k),
        "funding_source": [None] * (n * k)}, schema=staged_arrow.ACTIVITIES)


def _write_direct(con: object, plan: Plan, rng: np.random.Generator, load_id: int, first_id: int) -> int:
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    queries.run(con, "write/start_load", {"load_id": load_id, "started_at": datetime.now().astimezone(),
                                           "source": "scale", "loaded_by": "bench"})
    subs = _submissions(plan, rng, first_id, load_id)
    tables = {"staged_submissions": subs, "staged_values": _values(plan, subs, rng),
              "staged_activities": _activities(plan, subs, rng),
              "staged_load_files": staged_arrow.LOAD_FILES.empty_table(),
              "staged_problems": staged_arrow.PROBLEMS.empty_table(),
              "staged_details": staged_arrow.DETAILS.empty_table(), "staged_tasks": staged_arrow.TASKS.empty_table(),
              "staged_budget": staged_arrow.BUDGET.empty_table(), "staged_cases": staged_arrow.CASES.empty_table()}
    for name, table in tables.items():
        con.register(name, table)
    queries.run(con, "write/insert_batch")
    for name in tables:
        con.unregister(name)
    finished = {"load_id": load_id, "finished_at": datetime.now().astimezone(), "note": None, "detail": None}
    queries.run(con, "write/finish_load", finished)
    return first_id + subs.num_rows


def build_national(out: Path = OUT, n_units: int | None = None, years: tuple[int, ...] | None = None) -> Built:
    db, plans_dir = _fresh("national", out)
    plans = {p.plan_id: p for p in (scale_plan("national", y, n_units) for y in years or SIZES["national"][1])}
    for plan in plans.values():
        write_plan(plan, plans_dir)
    con = open_for_writing(db, plans)
    rng, next_id = np.random.default_rng(2024), 1
    try:
        for n, plan in enumerate(plans.values(), start=1):
            next_id = _write_direct(con, plan, rng, n, next_id)
        snapshots.refresh(con)  # as a load does at its end
        queries.run(con, "write/checkpoint")
    finally:
        con.close()
    last = list(plans)[-1]
    return Built("national", db, plans_dir, last, len(plans[last].units),
                 "direct into the tables through write/insert_batch")


def build(size: str, out: Path = OUT) -> Built:
    built = build_national(out) if size == "national" else build_loaded(size, out)
    (out / size / "built.json").write_text(json.dumps({"how": built.how, "default_plan": built.default_plan}))
    return built


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", choices=tuple(SIZES), required=True)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    started = datetime.now()
    built = build(args.size, args.out)
    print(f"{built.size}: {built.db} ({built.db.stat().st_size / 2**20:.0f} MB, {built.how}) "
          f"in {(datetime.now() - started).total_seconds():.0f} s; plans in {built.plans_dir}")


__all__ = ["Built", "build", "scale_plan"]

if __name__ == "__main__":
    main()
