"""Every mistake of a plan file, structured for explaining: key, catalogue code, details.

Loading (plan.load) stops at a file it cannot use; this reads the same file and says what is wrong
with each part, so `plan check` can explain it in Vietnamese and English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from plan.checks import Problem
from plan.load import SAFE_LOADER, _key
from plan.model import Plan


class Mistake(NamedTuple):
    key: str
    code: str
    params: dict[str, str]


# pydantic error type -> catalogue code (plan.check.<code>)
TYPES = {"missing": "missing", "extra_forbidden": "extra", "date_from_datetime_parsing": "date",
         "date_parsing": "date", "date_type": "date", "date_from_datetime_inexact": "date",
         "string_pattern_mismatch": "pattern", "less_than_equal": "range", "greater_than_equal": "range",
         "less_than": "range", "greater_than": "range", "literal_error": "choice", "too_short": "too_short",
         "int_parsing": "number", "int_type": "number", "decimal_parsing": "number", "decimal_type": "number",
         "string_type": "text", "list_type": "list", "tuple_type": "list", "model_type": "mapping",
         "dict_type": "mapping", "decimal_max_places": "number"}


def _from_error(error: ErrorDetails, raw: object) -> list[Mistake]:
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if error["type"] == "plan_inconsistent":
        return [Mistake(p.key, p.code, p.params) for p in ctx["problems"] if isinstance(p, Problem)]
    value = error.get("input")
    params = {"value": str(value)[:80] if not isinstance(value, (dict, list)) else "", "detail": error["msg"]}
    params.update({k: str(v) for k, v in ctx.items() if k in ("pattern", "expected", "le", "ge", "lt", "gt")})
    return [Mistake(_key(error["loc"], raw), TYPES.get(error["type"], "invalid"), params)]


def read_raw(path: Path) -> tuple[object, list[Mistake]]:
    """The file's YAML, or the mistake that keeps it from being read."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Mistake("(file)", "unreadable", {"detail": str(exc)})]
    except yaml.YAMLError as exc:
        return None, [Mistake("(file)", "yaml_syntax", {"detail": str(exc)})]
    if not isinstance(raw, dict):
        return None, [Mistake("(top level)", "not_mapping", {})]
    return raw, []


def _extra(plan: Plan) -> list[Mistake]:
    """What loading tolerates but a new plan should not have: units that never exist, due dates in another year."""
    out = [Mistake(f"units[{u.code}]", "unit_never_valid", {"year": str(plan.year)})
           for u in plan.units if not u.valid_during(plan.starts_on, plan.ends_on)]
    out += [Mistake(f"periods[{p.code}].due_on", "due_outside_year", {"value": str(p.due_on), "year": str(plan.year)})
            for p in plan.periods if p.due_on.year != plan.year]
    return out


def diagnose(path: Path) -> tuple[Plan | None, list[Mistake]]:
    """The plan (when it loads) and every mistake found in the file."""
    raw, mistakes = read_raw(path)
    return (None, mistakes) if mistakes else diagnose_raw(raw)


def diagnose_raw(raw: object) -> tuple[Plan | None, list[Mistake]]:
    """The plan (when it is valid) and every mistake found in a plan file's mapping."""
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        return None, [m for e in exc.errors() for m in _from_error(e, raw)]
    return plan, _extra(plan)
