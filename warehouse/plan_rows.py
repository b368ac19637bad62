"""A plan as rows for the warehouse's dimension tables, with their column names (the inserts cast to the types the
schema declares)."""

from __future__ import annotations

from plan.model import Plan
from warehouse.plan_sections import section_rows

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


def plan_rows(plan: Plan, sha: str) -> dict[str, tuple[Rows, tuple[str, ...]]]:
    return {
        "plans": (_plan(plan, sha), ("plan_id", "year", "area_vi", "title_vi", "timezone", "near_band_pp",
                                     "plan_sha256")),
        "units": (_units(plan), ("plan_id", "unit_code", "name_vi", "name_en", "unit_type", "gso_code", "parent_code",
                                 "valid_from", "valid_to")),
        "indicators": (_indicators(plan), ("plan_id", "indicator_code", "ordinal", "name_vi", "name_en",
                                           "target_pct")),
        "periods": (_periods(plan), ("plan_id", "period_code", "ordinal", "name_vi", "name_en", "quarter",
                                     "starts_on", "ends_on", "due_on")),
        "unit_deadlines": (_deadlines(plan), ("plan_id", "period_code", "unit_code", "due_on", "deadline_at")),
        "assignments": (_assignments(plan), ("plan_id", "unit_code", "indicator_code")),
        **section_rows(plan),
    }
