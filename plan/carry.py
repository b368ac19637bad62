"""A new plan year carried forward from an earlier plan file, for a person to edit.

Works on the file's raw mapping, so parts the model grows later (tasks, budget lines) are carried
too: every date moves by whole years (29 Feb becomes 28 Feb), every string equal to an old period
code becomes the new code. Units are replaced by the new ones; what could not be carried is said.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import yaml


class Note(NamedTuple):
    """Something the person editing the new plan should look at: where, what (catalogue code), details."""

    key: str
    code: str
    params: dict[str, str]


@dataclass(frozen=True)
class NewYear:
    """What the new plan is: its year, id, area, units and (optionally) its last day."""

    year: int
    plan_id: str
    area_vi: str
    area_en: str
    units: list[dict[str, Any]]
    replaces: set[str] = field(default_factory=set)  # old unit codes the new units take over from
    until: date | None = None


def move_date(day: date, years: int) -> date:
    """The same day `years` later; 29 Feb becomes 28 Feb in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _move(node: Any, years: int, codes: dict[str, str]) -> Any:
    if isinstance(node, date):
        return move_date(node, years)
    if isinstance(node, str):
        return codes.get(node, node)
    if isinstance(node, list):
        return [_move(x, years, codes) for x in node]
    if isinstance(node, dict):
        return {k: _move(v, years, codes) for k, v in node.items()}
    return node


def _year_text(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _periods(raw: dict[str, Any], spec: NewYear, notes: list[Note]) -> list[dict[str, Any]]:
    old = int(raw["year"])
    out = []
    for p in raw.get("periods", []):
        if spec.until is not None and p["starts_on"] > spec.until:
            notes.append(Note(f"periods[{p['code']}]", "period_dropped", {"until": str(spec.until)}))
            continue
        p["name_vi"], p["name_en"] = _year_text(p["name_vi"], old, spec.year), _year_text(p["name_en"], old, spec.year)
        p["quarter"] = _year_text(p["quarter"], old, spec.year)
        p["aliases"] = [_year_text(a, old, spec.year) for a in p.get("aliases", [])]
        out.append(p)
    return out


def _kept_units(raw: dict[str, Any], spec: NewYear, notes: list[Note]) -> list[dict[str, Any]]:
    """Old units not taken over that still exist in the new year (e.g. departments until 30 Jun 2025)."""
    starts, ends = date(spec.year, 1, 1), spec.until or date(spec.year, 12, 31)
    kept = []
    for u in raw["units"]:
        if u["code"] in spec.replaces:
            continue
        if u["valid_from"] <= ends and (u.get("valid_to") is None or u["valid_to"] >= starts):
            kept.append(u)
        else:
            notes.append(Note(f"units[{u['code']}]", "unit_dropped", {"year": str(spec.year)}))
    return kept


def _indicators(raw: dict[str, Any], units: list[dict[str, Any]], notes: list[Note]) -> list[dict[str, Any]]:
    codes, types = {u["code"] for u in units}, {u["type"] for u in units}
    out = []
    for ind in raw["indicators"]:
        rep = ind.setdefault("reporters", {})
        gone = [c for c in rep.get("units", []) if c not in codes]
        rep["units"] = [c for c in rep.get("units", []) if c in codes]
        if gone:
            key = f"indicators[{ind['code']}].reporters.units"
            notes.append(Note(key, "reporter_removed", {"codes": ", ".join(gone)}))
        if not rep["units"] and not types & set(rep.get("unit_types", [])):
            notes.append(Note(f"indicators[{ind['code']}]", "indicator_dropped", {}))
            continue
        out.append(ind)
    return out


def _keep_units(group: dict[str, Any], codes: set[str], key: str, notes: list[Note]) -> None:
    gone = [c for c in group.get("units", []) if c not in codes]
    group["units"] = [c for c in group.get("units", []) if c in codes]
    if gone:
        notes.append(Note(key, "reporter_removed", {"codes": ", ".join(gone)}))


def _tasks(raw: dict[str, Any], units: list[dict[str, Any]], notes: list[Note]) -> list[dict[str, Any]]:
    """Tasks keep only the units of the new plan; a task nobody carries any more is dropped (and said)."""
    codes, types = {u["code"] for u in units}, {u["type"] for u in units}
    out = []
    for task in raw.get("tasks", []):
        for n, who in enumerate(task.get("assignees", [])):
            _keep_units(who, codes, f"tasks[{task['code']}].assignees[{n}]", notes)
        task["assignees"] = [a for a in task.get("assignees", []) if a["units"] or types & set(a.get("unit_types", []))]
        if task["assignees"]:
            out.append(task)
        else:
            notes.append(Note(f"tasks[{task['code']}]", "task_dropped", {}))
    for part in ("budget", "cases"):
        if isinstance(raw.get(part), dict):
            _keep_units(raw[part].setdefault("reporters", {}), codes, f"{part}.reporters.units", notes)
    return out


def _titles(moved: dict[str, Any], raw: dict[str, Any], spec: NewYear) -> None:
    """Titles name the new year and area (the old area's name is replaced wherever it appears)."""
    for lang, new_area in (("vi", spec.area_vi), ("en", spec.area_en)):
        title = _year_text(str(moved[f"title_{lang}"]), int(raw["year"]), spec.year)
        if new_area != raw[f"area_{lang}"]:
            title = re.sub(re.escape(str(raw[f"area_{lang}"])), new_area, title, flags=re.IGNORECASE)
        moved[f"title_{lang}"] = title
        moved[f"area_{lang}"] = new_area


def carry_forward(raw: dict[str, Any], spec: NewYear) -> tuple[dict[str, Any], list[Note]]:
    """The new plan's raw mapping (keys in the old file's order) and notes for the person who edits it."""
    old, notes = int(raw["year"]), list[Note]()
    codes = {p["code"]: _year_text(p["code"], old, spec.year) for p in raw.get("periods", [])}
    units = [copy.deepcopy(u) for u in spec.units] + _kept_units(raw, spec, notes)
    moved: dict[str, Any] = _move({k: v for k, v in raw.items() if k != "units"}, spec.year - old, codes)
    moved["plan_id"], moved["year"] = spec.plan_id, spec.year
    _titles(moved, raw, spec)
    moved["periods"] = _periods({"year": old, "periods": moved.get("periods", [])}, spec, notes)
    if moved.get("extensions"):
        notes.append(Note("extensions", "extensions_dropped", {"n": str(len(moved["extensions"]))}))
    moved["extensions"] = []
    moved["indicators"] = _indicators(moved, units, notes)
    if "tasks" in moved:
        moved["tasks"] = _tasks(moved, units, notes)
    return {k: units if k == "units" else moved[k] for k in [*raw, *moved] if k in moved or k == "units"}, notes


class _Dumper(yaml.SafeDumper):
    """Flat entries (a unit, a period) on one line, as in the hand-written plan files."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flat = all(not isinstance(v, (dict, list)) or (isinstance(v, list) and all(not isinstance(x, (dict, list))
               for x in v)) or (isinstance(v, dict) and all(not isinstance(x, (dict, list)) for x in v.values()))
               for v in data.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=flat and len(data) > 1)


_Dumper.add_representer(dict, _represent_dict)


def dump_plan(raw: dict[str, Any], header: list[str]) -> str:
    """The plan as YAML text, with the header lines as comments on top."""
    top = "".join(f"# {line}\n" if line else "#\n" for line in header)
    parts = [("\n" if isinstance(v, (list, dict)) else "") + yaml.dump({k: v}, Dumper=_Dumper, allow_unicode=True,
                                                                     sort_keys=False, width=120)
             for k, v in raw.items()]
    return top + "".join(parts)
