"""The plan's own document, tasks, units of measure, milestones, funding sources and case measures as rows."""

from __future__ import annotations

from plan.model import Plan

Rows = list[dict[str, object]]


def _document(plan: Plan) -> Rows:
    d = plan.document
    return [] if d is None else [{"plan_id": plan.plan_id, "number": d.number, "issued_on": d.issued_on,
                                  "issuer_vi": d.issuer_vi, "issuer_en": d.issuer_en}]


def _tasks(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "task_code": t.code, "ordinal": n, "section": t.section, "text_vi": t.text_vi,
             "text_en": t.text_en, "measure_unit_vi": t.measure.unit_vi if t.measure else None,
             "measure_unit_en": t.measure.unit_en if t.measure else None,
             "partners_vi": "; ".join(t.partners_vi) or None} for n, t in enumerate(plan.tasks, 1)]


def _task_assignments(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "unit_code": u.code, "task_code": t.code, "role": role}
            for u in plan.units for t, role in plan.tasks_for(u.code)]


def _measures(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "indicator_code": i.code, "measure_vi": i.measure_vi,
             "measure_en": i.measure_en} for i in plan.indicators]


def _milestones(plan: Plan) -> Rows:
    return [{"plan_id": plan.plan_id, "indicator_code": i.code, "period_code": m.period, "target_pct": m.target_pct}
            for i in plan.indicators for m in i.milestones]


def _sources(plan: Plan) -> Rows:
    sources = plan.budget.sources if plan.budget else ()
    return [{"plan_id": plan.plan_id, "source_code": s.code, "ordinal": n, "name_vi": s.name_vi, "name_en": s.name_en}
            for n, s in enumerate(sources, 1)]


def _cases(plan: Plan) -> Rows:
    if plan.cases is None:
        return []
    k = plan.cases.suppress_below
    return [{"plan_id": plan.plan_id, "measure_code": m.code, "ordinal": n, "name_vi": m.name_vi,
             "name_en": m.name_en, "unit_vi": m.unit_vi, "suppress_below": k}
            for n, m in enumerate(plan.cases.measures, 1)]


def section_rows(plan: Plan) -> dict[str, tuple[Rows, tuple[str, ...]]]:
    return {
        "plan_documents": (_document(plan), ("plan_id", "number", "issued_on", "issuer_vi", "issuer_en")),
        "tasks": (_tasks(plan), ("plan_id", "task_code", "ordinal", "section", "text_vi", "text_en",
                                 "measure_unit_vi", "measure_unit_en", "partners_vi")),
        "task_assignments": (_task_assignments(plan), ("plan_id", "unit_code", "task_code", "role")),
        "indicator_measures": (_measures(plan), ("plan_id", "indicator_code", "measure_vi", "measure_en")),
        "indicator_milestones": (_milestones(plan), ("plan_id", "indicator_code", "period_code", "target_pct")),
        "funding_sources": (_sources(plan), ("plan_id", "source_code", "ordinal", "name_vi", "name_en")),
        "case_measures": (_cases(plan), ("plan_id", "measure_code", "ordinal", "name_vi", "name_en", "unit_vi",
                                         "suppress_below")),
    }
