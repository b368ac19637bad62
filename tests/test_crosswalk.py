"""The ward crosswalk 2024 -> 2025-01 -> 2025-07: it validates itself, agrees with the plan and the official list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from vietnam_provinces import Ward

from plan.crosswalk import Crosswalk, CrosswalkError, load_crosswalk
from plan.load import SAFE_DUMPER, SAFE_LOADER, load_plan
from plan.registry import expected_code
from plan.settings import ROOT

FILE = ROOT / "data" / "crosswalk" / "govap-2025.yaml"
JAN, JUL = date(2025, 1, 1), date(2025, 7, 1)


@pytest.fixture(scope="module")
def cw() -> Crosswalk:
    return load_crosswalk(FILE)


def test_stages_and_unit_counts(cw: Crosswalk) -> None:
    assert cw.stages == [JAN, JUL]
    assert len(cw.units_on(date(2024, 6, 1))) == 16
    assert len(cw.units_on(JAN)) == 12
    assert len(cw.units_on(JUL)) == 6


def test_2024_wards_are_the_plan_wards(cw: Crosswalk) -> None:
    plan = load_plan(ROOT / "data" / "plans" / "govap-2024.yaml")
    wards = {(u.code, u.name_vi, u.gso_code, u.valid_to) for u in plan.units if u.type == "ward"}
    assert {(u.code, u.name_vi, u.gso_code, u.valid_to) for u in cw.units_on(date(2024, 6, 1))} == wards


def test_every_2024_ward_maps_to_one_2025_ward_except_the_split(cw: Crosswalk) -> None:
    for unit in cw.units_on(date(2024, 6, 1)):
        mapped = cw.mapping(unit, JAN)
        assert sum(mapped.values()) == 1
        if unit.code == "P13":
            assert sorted(code for code, _ in mapped) == ["P14", "P15"]
        else:
            assert len(mapped) == 1, unit.code


def test_the_split_rests_on_a_single_secondary_source(cw: Crosswalk) -> None:
    split = [k for k in cw.links if k.share < 1]
    assert {(k.old, k.new) for k in split} == {("P13", "P14"), ("P13", "P15")}
    assert {k.confidence for k in split} == {"single_secondary_source"}
    assert {k.confidence for k in cw.links if k.share == 1} == {"official"}
    assert "share" in cw.split_rule_en and "share" in cw.split_rule_vi


def test_every_2025_07_ward_matches_vietnam_provinces(cw: Crosswalk) -> None:
    hcmc = {" ".join(w.name.split()): f"{int(w.code):05d}" for w in Ward.iter_all() if int(w.province_code) == 79}
    new = cw.units_on(JUL)
    assert sorted(u.name_vi for u in new) == sorted(["Phường Hạnh Thông", "Phường An Nhơn", "Phường Gò Vấp",
                                                      "Phường An Hội Đông", "Phường Thông Tây Hội",
                                                      "Phường An Hội Tây"])
    for unit in new:
        assert hcmc[unit.name_vi] == expected_code(unit.gso_code), unit.name_vi


def test_2024_to_july_2025_composes_both_stages(cw: Crosswalk) -> None:
    by_code = {u.code: u for u in cw.units_on(date(2024, 6, 1))}
    assert cw.mapping(by_code["P04"], JUL) == {("HANH_THONG", JUL): Decimal(1)}
    half = Decimal("0.5")
    assert cw.mapping(by_code["P13"], JUL) == {("AN_HOI_TAY", JUL): half, ("AN_HOI_DONG", JUL): half}
    counts = {by_code[c].key: n for c, n in {"P13": 7, "P12": 10, "P14": 20, "P15": 5, "P16": 1}.items()}
    carried = cw.apportion(counts, JUL)
    assert sum(carried.values()) == 43
    assert carried[("AN_HOI_TAY", JUL)] + carried[("AN_HOI_DONG", JUL)] == 43
    assert carried[("AN_HOI_TAY", JUL)] in (33, 34)


def _raw() -> dict[str, Any]:
    raw = yaml.load(FILE.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    assert isinstance(raw, dict)
    return raw


def _link(raw: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return next(k for k in raw["links"] if k["old"] == old and k["new"] == new)


MISTAKES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "shares of the split": (lambda r: _link(r, "P13", "P14").update(share=0.4), "the shares of P13"),
    "unknown old unit": (lambda r: _link(r, "P04", "P01").update(old="P02"), "unknown unit 'P02' valid to 2024-12-31"),
    "unknown new unit": (lambda r: _link(r, "P05", "AN_NHON").update(new="AN_NHAN"), "unknown unit 'AN_NHAN'"),
    "wrong date": (lambda r: _link(r, "P09", "P08").update(effective_on=date(2025, 1, 2)), "not the day after"),
    "ward left out": (lambda r: r["links"].remove(_link(r, "P09", "P08")), "no link says which unit took over"),
    "code reused at once": (lambda r: r["units"][1].update(gso_code="26896"), "also the code of P01 at the same time"),
    "bad confidence": (lambda r: r["links"][0].update(confidence="rumour"), "links[0].confidence: Input should be"),
    "share above 1": (lambda r: r["links"][0].update(share=2), "less than or equal to 1"),
    "typed name": (lambda r: r["units"][-1].update(name_vi="Phường An Hội Tay"), "is not a ward of province 79"),
    "typed code": (lambda r: r["units"][-1].update(gso_code="26881"), "vietnam-provinces"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_crosswalk_mistake_is_explained(tmp_path: Path, name: str) -> None:
    mutate, problem = MISTAKES[name]
    raw = _raw()
    mutate(raw)
    path = tmp_path / "cw.yaml"
    path.write_text(yaml.dump(raw, Dumper=SAFE_DUMPER, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CrosswalkError) as caught:
        load_crosswalk(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)
