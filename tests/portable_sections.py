"""The plan's sections III, IV and VI for the portable-query property test: a small plan with tasks, funding
sources and case measures, and hypothesis strategies for a report's NhiemVu, KinhPhi and VuViec rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml
from hypothesis import strategies as st

from etl.contract import TASK_STATUSES
from etl.load import staged_arrow
from plan.load import SAFE_LOADER
from plan.model import Plan

SCHEMAS = {"staged_details": staged_arrow.DETAILS, "staged_tasks": staged_arrow.TASKS,
           "staged_budget": staged_arrow.BUDGET, "staged_cases": staged_arrow.CASES}

# riverside-2025 with tasks (each unit has some, in either role; one task counted in people), two funding
# sources and two case measures whose counts below 3 are suppressed.
SECTIONS: dict[str, Any] = {
    "tasks": [
        {"code": "T1", "section": "III.1", "text_vi": "Tuyên truyền", "text_en": "Outreach",
         "assignees": [{"role": "chu_tri", "unit_types": ["commune"]}, {"role": "phoi_hop", "units": ["YT"]}],
         "measure": {"name_vi": "Lượt người", "name_en": "People", "unit_vi": "người", "unit_en": "people",
                     "breakdowns": ["women", "ethnic_minority"]}},
        {"code": "T2", "section": "III.2", "text_vi": "Tập huấn", "text_en": "Training",
         "assignees": [{"role": "chu_tri", "units": ["YT"]}, {"role": "phoi_hop", "units": ["XA"]}]},
        {"code": "T3", "section": "IV.1", "text_vi": "Hỗ trợ nạn nhân", "text_en": "Victim support",
         "assignees": [{"role": "phoi_hop", "unit_types": ["commune", "department"]}]},
    ],
    "budget": {"reporters": {"unit_types": ["commune", "department"]},
               "sources": [{"code": "giao_dau_nam", "name_vi": "Kinh phí giao đầu năm", "name_en": "Allocated"},
                           {"code": "xa_hoi_hoa", "name_vi": "Xã hội hóa", "name_en": "Social mobilisation"}]},
    "cases": {"reporters": {"unit_types": ["commune"], "units": ["YT"]}, "suppress_below": 3,
              "measures": [{"code": "bao_luc_gia_dinh", "name_vi": "Vụ bạo lực gia đình", "name_en": "DV cases",
                            "unit_vi": "vụ", "unit_en": "cases"},
                           {"code": "nan_nhan_tu_van", "name_vi": "Nạn nhân được tư vấn", "name_en": "Counselled",
                            "unit_vi": "người", "unit_en": "people"}]},
}


def plan_with_sections(path: Path) -> Plan:
    """The plan file at path, with SECTIONS added."""
    return Plan.model_validate({**yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER), **SECTIONS})


@dataclass
class Sections:
    """A report's ThongTin flags and its NhiemVu, KinhPhi and VuViec rows (without the submission id).
    flags None: no submission_details row at all, as for a file loaded before the sheets existed."""

    flags: tuple[bool, bool, bool] | None = None  # has_tasks, has_budget, has_cases
    tasks: list[dict[str, object]] = field(default_factory=list)
    budget: list[dict[str, object]] = field(default_factory=list)
    cases: list[dict[str, object]] = field(default_factory=list)


def _some(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | values


def _task(draw: st.DrawFn, code: str, row: int) -> dict[str, object]:
    counts = {k: draw(_some(st.integers(0, 30))) for k in ("result", "women", "ethnic_minority", "children")}
    words = {k: draw(_some(st.sampled_from(["x", "Đã xong"]))) for k in
             ("highlights", "evidence", "difficulties", "proposals", "reason")}
    return {"task_code": code, "status": draw(st.sampled_from(TASK_STATUSES)), **counts, **words, "source_row": row}


def _line(draw: st.DrawFn, code: str, row: int) -> dict[str, object]:
    # estimate 0 (no spent_pct), small and large amounts in đồng, spending above the estimate
    amounts = {k: draw(_some(st.sampled_from([0, 1, 3]) | st.integers(0, 2 * 10**12)))
               for k in ("estimate", "spent", "expected", "settlement")}
    return {"source_code": code, **amounts, "note": None, "source_row": row}


def _count(draw: st.DrawFn, code: str, row: int) -> dict[str, object]:
    n = draw(st.integers(0, 6))  # around suppress_below (3): 0 shown, 1–2 hidden, 3 and more shown
    return {"measure_code": code, "n_total": n, "women": draw(_some(st.integers(0, n))),
            "children": draw(_some(st.integers(0, n))), "note": None, "source_row": row}


@st.composite
def sections(draw: st.DrawFn, plan: Plan, unit: str) -> Sections:
    """Any of the three sheets present or not; rows sometimes left out, every number sometimes blank."""
    if not draw(st.integers(0, 5)):
        return Sections()
    sheet = st.integers(0, 3).map(bool)  # each sheet present three times in four
    has_tasks, has_budget, has_cases = draw(sheet), draw(sheet), draw(sheet)
    out = Sections((has_tasks, has_budget, has_cases))
    kept = st.integers(0, 3)  # 0: the row left out
    if has_tasks:
        out.tasks = [_task(draw, t.code, n) for n, (t, _) in enumerate(plan.tasks_for(unit), 5) if draw(kept)]
    if has_budget and plan.budget:
        out.budget = [_line(draw, s.code, n) for n, s in enumerate(plan.budget.sources, 5) if draw(kept)]
    if has_cases and plan.cases:
        out.cases = [_count(draw, m.code, n) for n, m in enumerate(plan.cases.measures, 5) if draw(kept)]
    return out


def _rows(sid: int, part: Sections) -> dict[str, list[dict[str, object]]]:
    key: dict[str, object] = {"submission_id": sid}
    details = [] if part.flags is None else [
        {**key, "has_tasks": part.flags[0], "has_budget": part.flags[1], "has_cases": part.flags[2]}]
    return {"staged_details": details, "staged_tasks": [{**key, **r} for r in part.tasks],
            "staged_budget": [{**key, **r} for r in part.budget], "staged_cases": [{**key, **r} for r in part.cases]}


def staged_sections(parts: list[Sections]) -> dict[str, pa.Table]:
    """The staged_details, staged_tasks, staged_budget and staged_cases tables write/insert_batch.sql reads,
    for submissions numbered from 1 in the order of parts."""
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in SCHEMAS}
    for sid, part in enumerate(parts, start=1):
        for name, found in _rows(sid, part).items():
            rows[name] += found
    return {name: pa.Table.from_pylist(rows[name], schema) for name, schema in SCHEMAS.items()}
