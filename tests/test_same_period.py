"""The same period of an earlier plan year on today's units: which 2024 units make each 2025 unit, and the 2024
figures carried over equal the sums, worked out here by hand, of those units' figures in the warehouse."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest
from years_data import AS_OF, NEW_UNIT, PLAN_2024, PLAN_2025, Years, build

import queries
from plan.crosswalk import Crosswalk, load_crosswalk
from plan.load import load_plan
from plan.same_period import Carried, carry, largest_remainder, origins, total
from plan.settings import ROOT

MEASURES = ("numerator", "denominator", "women", "ethnic_minority")


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> Years:
    return build(tmp_path_factory.mktemp("same-period"))


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return load_crosswalk(ROOT / "data" / "crosswalk" / "govap-2025.yaml")


def _as_of() -> datetime:
    end = datetime.combine(AS_OF + timedelta(days=1), time(0), ZoneInfo("Asia/Ho_Chi_Minh"))
    return end - timedelta(microseconds=1)


def _query(db: Path, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [{str(k): v for k, v in r.items()} for r in queries.frame(con, name, params).to_dict("records")]


def _view_2024(db: Path) -> dict[str, dict[str, Any]]:
    """CT1 of 2024-H1 per unit, read straight from the documented view (not through the query files)."""
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute("select * from v_target_progress_unit where plan_id = $p and period_code = '2024-H1' "
                         "and indicator_code = 'CT1' and denominator is not null", {"p": PLAN_2024}).df()
    return {str(r["unit_code"]): {str(k): v for k, v in r.items()} for r in df.to_dict("records")}


@pytest.fixture(scope="module")
def carried(years: Years, crosswalk: Crosswalk) -> dict[str, Carried]:
    """CT1 of 2024-H1 carried onto the 2025 plan's units, from the query files and the pure mapping."""
    rows = _query(years.db, "app/same_period_targets", {"plan_id": PLAN_2024, "period": "2024-H1", "as_of": _as_of()})
    ct1 = {str(r["unit_code"]): {m: r[m] for m in MEASURES} for r in rows if r["indicator_code"] == "CT1"}
    found = origins(years.plans[PLAN_2025].units, years.plans[PLAN_2024].units, [crosswalk])
    return {code: carry(o, ct1, MEASURES) for code, o in found.items()}


def test_the_earlier_plan_year_with_the_same_period(years: Years) -> None:
    found = _query(years.db, "app/same_period_plans", {"plan_id": PLAN_2025, "period": "2025-H1"})
    assert [(r["plan_id"], r["period_code"], r["year"]) for r in found] == [(PLAN_2024, "2024-H1", 2024)]
    assert list(found[0]["indicator_codes"]) == ["CT1", "CT2A", "CT2B", "CT3", "CT4", "CT5", "GS1"]
    assert _query(years.db, "app/same_period_plans", {"plan_id": PLAN_2024, "period": "2024-H1"}) == []


def test_merged_ward_is_the_sum_of_its_2024_wards(years: Years, carried: dict[str, Carried]) -> None:
    view = _view_2024(years.db)
    assert view["P07"]["is_carried_forward"]  # P07 sent only its first-quarter report: the view carries it
    for m in MEASURES:
        assert carried["P01"].values[m] == sum(int(view[u][m]) for u in ("P01", "P04", "P07"))
    assert (carried["P01"].values["numerator"], carried["P01"].values["denominator"]) == (52, 95)
    assert carried["P01"].state == "ok" and not carried["P01"].is_estimate


def test_split_ward_is_shared_by_largest_remainder_and_flagged(years: Years, carried: dict[str, Carried]) -> None:
    """Phường 13's 2024 counts went half to Phường 14 and half to Phường 15: an odd count's extra person goes to the
    first of the two (Phường 14), so the two parts add up to Phường 13's count."""
    view = _view_2024(years.db)
    for m in MEASURES:
        whole = int(view["P13"][m])
        first, second = (whole + 1) // 2, whole // 2
        assert carried["P14"].values[m] == int(view["P14"][m]) + first
        assert carried["P15"].values[m] == second  # Phường 15 itself sent nothing for 2024-H1
        assert first + second == whole
    assert (carried["P14"].values["numerator"], carried["P14"].values["denominator"]) == (45 + 5, 50 + 11)
    assert carried["P14"].is_estimate and carried["P15"].is_estimate
    assert carried["P15"].missing == ("P15",)


def test_unit_without_counterpart_has_no_figure_never_zero(carried: dict[str, Carried]) -> None:
    assert carried[NEW_UNIT].state == "no_unit"
    assert carried[NEW_UNIT].values == dict.fromkeys(MEASURES)
    assert carried["P03"].state == "no_data"  # it existed in 2024 but sent nothing


def test_department_is_itself_and_totals_sum_the_units_with_figures(years: Years,
                                                                     carried: dict[str, Carried]) -> None:
    view = _view_2024(years.db)
    assert carried["CA"].values == {m: int(view["CA"][m]) for m in MEASURES}
    sums = total(carried.values(), ("numerator", "denominator"))
    assert sums == {"numerator": 52 + 50 + 4 + 81, "denominator": 95 + 61 + 10 + 90}


def test_two_stages_compose_with_both_resolutions(crosswalk: Crosswalk) -> None:
    govap = load_plan(ROOT / "data" / "plans" / "govap-2024.yaml")
    ward = load_plan(ROOT / "data" / "plans" / "examples" / "example-hanhthong-2026.yaml")
    found = origins(ward.units, govap.units, [crosswalk])["HANH_THONG"]
    assert [p.old_code for p in found.parts] == ["P01", "P03", "P04", "P07"]
    assert not found.is_estimate
    assert all(any("1278" in b for b in p.bases) and any("1685" in b for b in p.bases) for p in found.parts)
    assert len(found.parts[0].sources) == 2


def test_unit_with_a_reused_code_is_not_taken_for_the_old_one(crosswalk: Crosswalk) -> None:
    """New Phường 15 has old Phường 13's GSO code and old Phường 15's short code; only the crosswalk says what it is."""
    govap = load_plan(ROOT / "data" / "plans" / "govap-2024.yaml")
    h1 = load_plan(ROOT / "data" / "plans" / "examples" / "example-govap-2025h1.yaml")
    found = origins(h1.units, govap.units, [crosswalk])
    assert [(p.old_code, p.share) for p in found["P15"].parts] == [("P13", Decimal("0.5")), ("P15", Decimal(1))]
    assert found["P03"].is_unchanged and found["LDTBXH"].is_unchanged
    without = origins(h1.units, govap.units, [])  # nothing says the 2025 Phường 1 continues the 2024 one
    assert not without["P01"].exists and without["LDTBXH"].is_unchanged


@pytest.mark.parametrize("count", [0, 1, 5, 11, 1234])
@pytest.mark.parametrize("shares", [("0.5", "0.5"), ("0.3", "0.7"), ("0.2", "0.3", "0.5")])
def test_largest_remainder_parts_add_up(count: int, shares: tuple[str, ...]) -> None:
    parts = largest_remainder(count, {f"U{i}": Decimal(s) for i, s in enumerate(shares)})
    assert sum(parts.values()) == count
    assert all(abs(parts[f"U{i}"] - count * Decimal(s)) < 1 for i, s in enumerate(shares))

