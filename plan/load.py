"""Read and validate plan files; every mistake names the file, the key and the problem."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from plan.model import Plan


class PlanError(Exception):
    """A plan file that cannot be used; the message names file, key and problem."""


def _key(loc: tuple[int | str, ...], raw: object) -> str:
    parts: list[str] = []
    node = raw
    for item in loc:
        if isinstance(item, int) and isinstance(node, list) and item < len(node):
            node = node[item]
            code = node.get("code") if isinstance(node, dict) else None
            parts[-1] += f"[{code or item}]"
            continue
        parts.append(str(item))
        node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts) or "(top level)"


def _explain(path: Path, exc: ValidationError, raw: object) -> PlanError:
    lines = [f"{path}: {_key(e['loc'], raw)}: {e['msg']}" for e in exc.errors()]
    return PlanError("Tệp kế hoạch không hợp lệ / Invalid plan file:\n" + "\n".join(lines))


# libyaml's parser when the wheel has it: the same safe loading, 7x faster on a national plan file.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(f"{path}: không đọc được tệp / cannot read file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise PlanError(f"{path}: lỗi cú pháp YAML / YAML syntax error: {exc}") from exc


def load_plan(path: Path) -> Plan:
    """Read one plan file and validate it completely."""
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise PlanError(f"{path}: (top level): phải là một bảng khoá–giá trị / must be a mapping")
    try:
        return Plan.model_validate(raw)
    except ValidationError as exc:
        raise _explain(path, exc, raw) from exc


def load_plans(directory: Path) -> dict[str, Plan]:
    """All plan files (*.yaml, *.yml) in a folder, by plan id."""
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not files:
        raise PlanError(f"{directory}: không có tệp kế hoạch nào / no plan files found")
    plans: dict[str, Plan] = {}
    for path in files:
        plan = load_plan(path)
        if plan.plan_id in plans:
            raise PlanError(f"{path}: plan_id: {plan.plan_id!r} đã có trong tệp khác / already used by another file")
        plans[plan.plan_id] = plan
    return plans


@cache
def cached_plans(directory: str) -> dict[str, Plan]:
    """Plans read once per process (plan files change only with a deployment)."""
    return load_plans(Path(directory))
