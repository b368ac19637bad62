"""The crosswalk's newest units checked against a maintained list of Vietnam's administrative units.

The list is the vietnam-provinces package (ward level since 1 Jul 2025). Names are compared with
spacing normalised; codes exactly, except where the pinned release is known to carry the codes of
an earlier scrape (see STALE_CODES): those exceptions hold for that release only, so upgrading the
package makes the check exact again.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Protocol

import vietnam_provinces
from vietnam_provinces import Ward

from plan.crosswalk_parts import XUnit

# vietnam-provinces 2025.10.1 predates its switch to the official NSO list (release 2026.1.0): for
# three Go Vap wards it still gives the code of another former ward. Official code -> its code.
STALE_CODES: dict[str, dict[str, str]] = {
    "2025.10.1": {"26890": "26902", "26876": "26887", "26898": "26899"},
}


class HasUnits(Protocol):
    @property
    def units(self) -> tuple[XUnit, ...]: ...
    @property
    def province_gso_code(self) -> str: ...


def _name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def registry_wards(province_gso_code: str) -> dict[str, str]:
    """Ward name (normalised) -> GSO code, for one province, from the maintained list."""
    province = int(province_gso_code)
    return {_name(w.name): f"{int(w.code):05d}" for w in Ward.iter_all() if int(w.province_code) == province}


def expected_code(official: str) -> str:
    """The code the pinned list gives for a unit whose official code is `official`."""
    return STALE_CODES.get(vietnam_provinces.__version__, {}).get(official, official)


def registry_mismatches(crosswalk: HasUnits, since: date = date(2025, 7, 1)) -> list[str]:
    """Units valid from `since` whose name or code differ from the maintained list."""
    wards = registry_wards(crosswalk.province_gso_code)
    out = []
    for unit in crosswalk.units:
        if unit.valid_from < since:
            continue
        code = wards.get(_name(unit.name_vi))
        if code is None:
            out.append(f"units[{unit.code}].name_vi: {unit.name_vi!r} is not a ward of province "
                       f"{crosswalk.province_gso_code} in vietnam-provinces {vietnam_provinces.__version__}")
        elif code != expected_code(unit.gso_code):
            out.append(f"units[{unit.code}].gso_code: {unit.gso_code} but vietnam-provinces "
                       f"{vietnam_provinces.__version__} gives {code} for {unit.name_vi}")
    return out
