"""The same period of an earlier plan year, on the plan's own units: which earlier units make each of them.

A plan unit the crosswalk knows (code + validity) is made of the earlier units the crosswalk leads to it, with
the share of each (1 for a merge; less for a unit split between several). A unit the crosswalk does not cover
(a department, an organisation) is the earlier plan's unit with the same code and the same first day: codes are
reused with new meanings, so a code alone never says two units are one. A unit with neither did not exist in
the earlier year: it has no parts, and no figure, never 0.

Counts are carried as sums over the parts; a split unit's counts are shared as the crosswalk's rule says
(largest remainder over all the units it went to, so the parts add up to the original count), and every
figure that took a share is an estimate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol, TypeVar

from plan.crosswalk import Crosswalk
from plan.crosswalk_parts import Link, UnitKey, XUnit

K = TypeVar("K")
State = Literal["ok", "no_unit", "no_data"]  # figures carried / the unit did not exist then / no figures then


class Dated(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def valid_from(self) -> date: ...
    @property
    def valid_to(self) -> date | None: ...


@dataclass(frozen=True)
class Part:
    """One earlier unit inside a plan unit: its share, how its people were split then, and the legal basis."""

    old_code: str
    share: Decimal
    split: tuple[tuple[str, Decimal], ...]  # every unit its people went to on that day (shares sum to 1)
    bases: tuple[str, ...] = ()  # the crosswalk clauses on the way (none for a unit that simply kept its code)
    sources: tuple[str, ...] = ()  # the titles of the resolutions behind them

    def carried(self, count: int, code: str) -> int:
        """This part's piece of the earlier unit's count."""
        if self.share == 1:
            return count
        return largest_remainder(count, dict(self.split)).get(code, 0)


@dataclass(frozen=True)
class Origin:
    """A plan unit and the earlier units it is made of (none: it did not exist in the earlier year)."""

    code: str
    parts: tuple[Part, ...]

    @property
    def exists(self) -> bool:
        return bool(self.parts)

    @property
    def is_estimate(self) -> bool:
        return any(p.share != 1 for p in self.parts)

    @property
    def is_unchanged(self) -> bool:
        return len(self.parts) == 1 and self.parts[0].old_code == self.code and self.parts[0].share == 1


@dataclass(frozen=True)
class Carried:
    """One plan unit's figures in the earlier year, carried over from its parts."""

    code: str
    state: State
    values: dict[str, int | None]  # measure -> count (None: no part gave it)
    is_estimate: bool = False  # a split unit's share went into it
    missing: tuple[str, ...] = ()  # earlier units among its parts without figures


def largest_remainder(count: int, shares: Mapping[K, Decimal]) -> dict[K, int]:
    """A count shared by shares summing to 1, rounded so the parts add up to the count (ties by key)."""
    exact = {k: count * s for k, s in shares.items()}
    parts = {k: int(v) for k, v in exact.items()}
    left = count - sum(parts.values())
    for k in sorted(exact, key=lambda k: (parts[k] - exact[k], str(k)))[:left]:
        parts[k] += 1
    return parts


# ---- which earlier units make each plan unit ------------------------------------------------
def _links(cw: Crosswalk, unit: XUnit, key: UnitKey) -> list[Link]:
    """Every link on the way from the unit to a later unit."""
    out: list[Link] = []
    for link in cw.links:
        new = cw.new_unit(link) if link.old == unit.code and link.old_valid_to == unit.valid_to else None
        if new is None:
            continue
        later = [] if new.key == key else _links(cw, new, key)
        if new.key == key or later:
            out += [link, *later]
    return out


def _part(cw: Crosswalk, old: XUnit, key: UnitKey, shares: dict[UnitKey, Decimal]) -> Part:
    links = _links(cw, old, key)
    titles = {s.effective_on: s.title for s in cw.sources}
    sources = tuple(dict.fromkeys(titles[k.effective_on] for k in links if k.effective_on in titles))
    return Part(old.code, shares[key], tuple((k[0], s) for k, s in shares.items()),
                tuple(dict.fromkeys(k.basis for k in links)), sources)


def _crosswalk_parts(cw: Crosswalk, units: Sequence[Dated], earlier: Sequence[Dated]) -> dict[str, list[Part]]:
    """Plan unit code -> its parts, for the plan units this crosswalk knows (each looked at on its first day)."""
    index = {u.key: u for u in cw.units}
    wanted = {(u.code, u.valid_from): u.code for u in units if (u.code, u.valid_from) in index}
    out: dict[str, list[Part]] = defaultdict(list)
    for old in (index[(e.code, e.valid_from)] for e in earlier if (e.code, e.valid_from) in index):
        for day in sorted({day for _, day in wanted}):
            shares = cw.mapping(old, day)
            for key in shares:
                if key in wanted and key[1] == day and shares[key] > 0:
                    out[wanted[key]].append(_part(cw, old, key, shares))
    return out


def origins(units: Sequence[Dated], earlier: Sequence[Dated], crosswalks: Iterable[Crosswalk]) -> dict[str, Origin]:
    """Plan unit code -> the earlier plan's units it is made of, by the crosswalks or by a code kept as it was."""
    parts: dict[str, list[Part]] = defaultdict(list)
    known: set[tuple[str, date]] = set()
    for cw in crosswalks:
        known |= {u.key for u in cw.units}
        for code, found in _crosswalk_parts(cw, units, earlier).items():
            parts[code] += found
    kept = {(e.code, e.valid_from) for e in earlier} - known
    for u in units:
        if (u.code, u.valid_from) in kept:
            parts[u.code] = [Part(u.code, Decimal(1), ((u.code, Decimal(1)),))]
    return {u.code: Origin(u.code, tuple(parts.get(u.code, ()))) for u in units}


# ---- carrying the figures -------------------------------------------------------------------
def carry(origin: Origin, rows: Mapping[str, Mapping[str, int | None]], measures: Sequence[str]) -> Carried:
    """The plan unit's figures from its parts' rows (earlier unit code -> measure -> count)."""
    if not origin.exists:
        return Carried(origin.code, "no_unit", dict.fromkeys(measures))
    given = [p for p in origin.parts if p.old_code in rows]
    missing = tuple(p.old_code for p in origin.parts if p.old_code not in rows)
    if not given:
        return Carried(origin.code, "no_data", dict.fromkeys(measures), missing=missing)
    values: dict[str, int | None] = {}
    for m in measures:
        counts = [(p, rows[p.old_code].get(m)) for p in given]
        known = [p.carried(int(c), origin.code) for p, c in counts if c is not None]
        values[m] = sum(known) if known else None
    return Carried(origin.code, "ok", values, any(p.share != 1 for p in given), missing)


def total(carried: Iterable[Carried], measures: Sequence[str]) -> dict[str, int | None]:
    """The measures summed over the units with figures (None when none has the measure)."""
    out: dict[str, int | None] = {}
    ok = [c for c in carried if c.state == "ok"]
    for m in measures:
        known = [c.values[m] for c in ok if c.values.get(m) is not None]
        out[m] = sum(v for v in known if v is not None) if known else None
    return out
