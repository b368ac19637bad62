"""Synthetic plans of any size, built from a real plan's indicators, calendar and lists."""

from __future__ import annotations

from pathlib import Path

import yaml

from plan.load import SAFE_DUMPER
from plan.model import Plan


def synthetic_plan(base: Plan, n_wards: int, plan_id: str | None = None) -> Plan:
    """The base plan with n_wards generated wards (plus its non-ward units)."""
    data = base.model_dump(mode="json")
    others = [u for u in data["units"] if u["type"] != "ward"]
    wards = [{"code": f"W{n:05d}", "name_vi": f"Phường {n}", "name_en": f"Ward {n}", "type": "ward",
              "gso_code": f"{90000 + n}", "valid_from": f"{base.year}-01-01"} for n in range(1, n_wards + 1)]
    data["units"] = wards + others
    data["plan_id"] = plan_id or f"{base.plan_id}-x{n_wards}"
    data["extensions"] = []
    return Plan.model_validate(data)


def write_plan(plan: Plan, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.plan_id}.yaml"
    text = yaml.dump(plan.model_dump(mode="json"), Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False)
    path.write_text(text, "utf-8")
    return path
