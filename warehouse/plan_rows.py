"""A plan as rows for the warehouse's dimension tables, with their Arrow schemas."""

from __future__ import annotations

import pyarrow as pa

from plan.model import Plan
from warehouse.plan_sections import section_rows

S, D, I32, B = pa.string(), pa.date32(), pa.int32(), pa.bool_()
DEC = pa.decimal128(5, 2)
TS = pa.timestamp("us", tz="UTC")

Rows = list[dict[str, object]]


def _plan(plan: Plan, sha: str) -> Rows:
    return [{"plan_id": plan.plan_id, "year": plan.year, "area_vi": plan.area_vi, "title_vi": plan.title_vi,
             "timezone": plan.timezone, "near_band_pp": plan.near_band_pp, "plan_sha256": sha}]


def _units(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "unit_code": u.code, "name_vi": u.name_vi, "name_en": u.name_en,
             "unit_type": u.type, "gso_code": u.gso_code, "parent_code": u.parent,
             "valid_from": u.valid_from, "valid_to": u.valid_to} for u in plan.units]


def _indicators(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "indicator_code": i.code, "ordinal": n, "name_vi": i.name_vi,
             "name_en": i.name_en, "target_pct": i.target_pct} for n, i in enumerate(plan.indicators, 1)]


def _periods(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "period_code": p.code, "ordinal": n, "name_vi": p.name_vi,
             "name_en": p.name_en, "quarter": p.quarter, "starts_on": p.starts_on, "ends_on": p.ends_on,
             "due_on": p.due_on} for n, p in enumerate(plan.periods, 1)]


def _deadlines(plan: Plan) -> Rows:
    out: Rows = []
    for p in plan.periods:
        for u in plan.units:
            due = plan.due_on(u.code, p.code)
            out.append({"plan_id": plan.plan_id, "period_code": p.code, "unit_code": u.code,
                        "due_on": due, "deadline_at": plan.deadline_at(due)})
    return out


def _assignments(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "unit_code": u, "indicator_code": i} for u, i in plan.assignments()]


def plan_rows(plan: Plan, sha: str) -> dict[str, tuple[Rows, pa.Schema]]:
    return {
        "plans": (_plan(plan, sha), pa.schema([("plan_id", S), ("year", I32), ("area_vi", S), ("title_vi", S),
                                                ("timezone", S), ("near_band_pp", DEC), ("plan_sha256", S)])),
        "units": (_units(plan), pa.schema([("plan_id", S), ("unit_code", S), ("name_vi", S), ("name_en", S),
                                           ("unit_type", S), ("gso_code", S), ("parent_code", S),
                                           ("valid_from", D), ("valid_to", D)])),
        "indicators": (_indicators(plan), pa.schema([("plan_id", S), ("indicator_code", S), ("ordinal", I32),
                                                     ("name_vi", S), ("name_en", S), ("target_pct", DEC)])),
        "periods": (_periods(plan), pa.schema([("plan_id", S), ("period_code", S), ("ordinal", I32),
                                               ("name_vi", S), ("name_en", S), ("quarter", S),
                                               ("starts_on", D), ("ends_on", D), ("due_on", D)])),
        "unit_deadlines": (_deadlines(plan), pa.schema([("plan_id", S), ("period_code", S), ("unit_code", S),
                                                        ("due_on", D), ("deadline_at", TS)])),
        "assignments": (_assignments(plan), pa.schema([("plan_id", S), ("unit_code", S), ("indicator_code", S)])),
        **section_rows(plan),
    }
