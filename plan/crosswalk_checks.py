"""Cross-field checks of a crosswalk: units that resolve, dates that chain, shares that sum to 1."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from plan.crosswalk_parts import Link, XUnit


def _overlap(a: XUnit, b: XUnit) -> bool:
    return (a.valid_to is None or b.valid_from <= a.valid_to) and (b.valid_to is None or a.valid_from <= b.valid_to)


def _units(units: tuple[XUnit, ...]) -> list[str]:
    out = [f"units[{code}]: unit valid from {day} appears {n} times"
           for (code, day), n in Counter(u.key for u in units).items() if n > 1]
    for i, a in enumerate(units):
        for b in units[i + 1:]:
            if a.key != b.key and a.code == b.code and _overlap(a, b):
                out.append(f"units[{a.code}]: two units with this code are valid at the same time "
                           f"(from {a.valid_from} and from {b.valid_from})")
            if a.gso_code == b.gso_code and a.key != b.key and _overlap(a, b):
                out.append(f"units[{b.code}].gso_code: {b.gso_code} is also the code of {a.code} at the same time")
        if a.valid_to is not None and a.valid_to < a.valid_from:
            out.append(f"units[{a.code}]: valid_to {a.valid_to} is before valid_from {a.valid_from}")
    return out


def _link(link: Link, units: tuple[XUnit, ...]) -> list[str]:
    where = f"links[{link.old}->{link.new}]"
    out = []
    if not any(u.code == link.old and u.valid_to == link.old_valid_to for u in units):
        out.append(f"{where}: unknown unit {link.old!r} valid to {link.old_valid_to}")
    if not any(u.code == link.new and u.valid_from == link.effective_on for u in units):
        out.append(f"{where}: unknown unit {link.new!r} valid from {link.effective_on}")
    if link.effective_on != link.old_valid_to + timedelta(days=1):
        out.append(f"{where}: effective_on {link.effective_on} is not the day after old_valid_to {link.old_valid_to}")
    return out


def _shares(links: tuple[Link, ...]) -> list[str]:
    sums: dict[tuple[str, object], Decimal] = defaultdict(Decimal)
    for link in links:
        sums[(link.old, link.old_valid_to)] += link.share
    out = [f"links[{old}]: the shares of {old} (valid to {day}) sum to {total}, not 1"
           for (old, day), total in sums.items() if total != 1]
    out += [f"links[{old}->{new}]: this link appears {n} times"
            for (old, _, new), n in Counter((k.old, k.old_valid_to, k.new) for k in links).items() if n > 1]
    return out


def _complete(units: tuple[XUnit, ...], links: tuple[Link, ...]) -> list[str]:
    """Every unit that ends on the eve of a change leads somewhere; every unit born that day comes from somewhere."""
    stages = {k.effective_on for k in links}
    out = [f"units[{u.code}]: ends on {u.valid_to} but no link says which unit took over"
           for u in units if u.valid_to is not None and u.valid_to + timedelta(days=1) in stages
           and not any(k.old == u.code and k.old_valid_to == u.valid_to for k in links)]
    out += [f"units[{u.code}]: starts on {u.valid_from} but no link says which units it came from"
            for u in units if u.valid_from in stages
            and not any(k.new == u.code and k.effective_on == u.valid_from for k in links)]
    return out


def check_crosswalk(units: tuple[XUnit, ...], links: tuple[Link, ...]) -> list[str]:
    """Every consistency problem of a crosswalk, as 'key: problem' strings."""
    out = _units(units)
    for link in links:
        out += _link(link, units)
    return out + _shares(links) + _complete(units, links)
