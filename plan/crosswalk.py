"""The old -> new unit crosswalk as data: units valid in time and the links between them.

A unit is its code and its validity (codes were reused with new meanings), so a link names the old
unit by code + valid_to and the new one by code + the day the change took effect.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from pydantic import Field, ValidationError, model_validator

from plan.crosswalk_checks import check_crosswalk
from plan.crosswalk_parts import Link, Source, UnitKey, XUnit
from plan.load import SAFE_LOADER, PlanError, _key
from plan.parts import CODE, _Strict

__all__ = ["Crosswalk", "CrosswalkError", "Link", "Source", "UnitKey", "XUnit", "cached_crosswalks", "load_crosswalk"]


class CrosswalkError(PlanError):
    """A crosswalk file that cannot be used; the message names file, key and problem."""


class Crosswalk(_Strict):
    crosswalk_id: str = Field(pattern=CODE)
    area_vi: str
    area_en: str
    province_gso_code: str = Field(pattern=r"^\d{2}$")
    split_rule_vi: str = Field(min_length=1)
    split_rule_en: str = Field(min_length=1)
    sources: tuple[Source, ...] = ()
    units: tuple[XUnit, ...] = Field(min_length=1)
    links: tuple[Link, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Crosswalk:
        problems = check_crosswalk(self.units, self.links)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # ---- look-ups ------------------------------------------------------------
    def old_unit(self, link: Link) -> XUnit | None:
        return next((u for u in self.units if u.code == link.old and u.valid_to == link.old_valid_to), None)

    def new_unit(self, link: Link) -> XUnit | None:
        return next((u for u in self.units if u.code == link.new and u.valid_from == link.effective_on), None)

    def units_on(self, day: date) -> list[XUnit]:
        """The units valid on the day, in file order."""
        return [u for u in self.units if u.valid_on(day)]

    @property
    def stages(self) -> list[date]:
        return sorted({link.effective_on for link in self.links})

    def successors(self, unit: XUnit) -> list[tuple[XUnit, Decimal]]:
        """The units that took over from this one on the day after it ended, with their shares."""
        out = []
        for link in self.links:
            if link.old == unit.code and link.old_valid_to == unit.valid_to:
                new = self.new_unit(link)
                if new is not None:
                    out.append((new, link.share))
        return out

    def mapping(self, unit: XUnit, day: date) -> dict[UnitKey, Decimal]:
        """Where the unit's people are on the day: new unit -> share (composed through every stage)."""
        if unit.valid_to is None or unit.valid_to >= day:
            return {unit.key: Decimal(1)}
        out: dict[UnitKey, Decimal] = defaultdict(Decimal)
        for new, share in self.successors(unit):
            for key, later in self.mapping(new, day).items():
                out[key] += share * later
        return dict(out)

    def by_key(self, key: UnitKey) -> XUnit:
        return next(u for u in self.units if u.key == key)

    def apportion(self, counts: dict[UnitKey, int], day: date) -> dict[UnitKey, int]:
        """Counts of earlier units carried onto the units valid on the day (largest remainder per unit)."""
        out: dict[UnitKey, int] = defaultdict(int)
        for key, count in counts.items():
            for new, part in _largest_remainder(count, self.mapping(self.by_key(key), day)).items():
                out[new] += part
        return dict(out)


def _largest_remainder(count: int, shares: dict[UnitKey, Decimal]) -> dict[UnitKey, int]:
    exact = {k: count * s for k, s in shares.items()}
    parts = {k: int(v) for k, v in exact.items()}
    left = count - sum(parts.values())
    for k in sorted(exact, key=lambda k: (parts[k] - exact[k], k))[:left]:
        parts[k] += 1
    return parts


def day_after(day: date) -> date:
    return day + timedelta(days=1)


def load_crosswalk(path: Path, registry: bool = True) -> Crosswalk:
    """Read one crosswalk file, validate it completely and (by default) against the official list."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CrosswalkError("crosswalk.err.unreadable", path=path, detail=exc) from exc
    try:
        crosswalk = Crosswalk.model_validate(raw)
    except ValidationError as exc:
        error = CrosswalkError("crosswalk.err.invalid", path=path)
        error.notes = tuple(f"{path}: {_key(e['loc'], raw)}: {e['msg']}" for e in exc.errors())
        raise error from exc
    if registry:
        from plan.registry import registry_mismatches

        wrong = registry_mismatches(crosswalk)
        if wrong:
            error = CrosswalkError("crosswalk.err.registry", path=path)
            error.notes = tuple(f"{path}: {w}" for w in wrong)
            raise error
    return crosswalk


@cache
def cached_crosswalks(directory: str) -> tuple[Crosswalk, ...]:
    """Every crosswalk file of a folder (none when it does not exist), read and checked once per process."""
    folder = Path(directory)
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]) if folder.is_dir() else []
    return tuple(load_crosswalk(path) for path in files)


def plan_unit(unit: XUnit) -> dict[str, object]:
    """A crosswalk unit as a plan file's unit entry (a ward)."""
    out: dict[str, object] = {"code": unit.code, "name_vi": unit.name_vi, "name_en": unit.name_en, "type": "ward",
                              "gso_code": unit.gso_code, "valid_from": unit.valid_from}
    if unit.valid_to is not None:
        out["valid_to"] = unit.valid_to
    short = unit.name_vi.removeprefix("Phường ").strip()
    if not short.isdigit():
        out["aliases"] = [short]
    return out


def replaced_codes(crosswalk: Crosswalk, old_units: list[dict[str, object]]) -> set[str]:
    """Codes of the old plan's units that the crosswalk covers (matched by code and validity)."""
    ends = {(u.code, u.valid_to) for u in crosswalk.units}
    return {str(u["code"]) for u in old_units if (u["code"], u.get("valid_to")) in ends}
