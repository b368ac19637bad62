"""The plan is data: the shipped 2024 plan, the small test plan, and clear errors for broken copies."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from plan.load import SAFE_DUMPER, SAFE_LOADER, PlanError, load_plan, load_plans
from plan.model import Plan
from plan.settings import ROOT

GOVAP_FILE = ROOT / "data" / "plans" / "govap-2024.yaml"
WARDS = ["P01", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13", "P14", "P15", "P16",
         "P17"]
OFFICES = ["LDTBXH", "VP", "VHTT", "NV", "TP", "CA", "KT", "GDDT", "YT", "TCKH", "MTTQ", "HLHPN", "DTN", "LDLD"]


def test_govap_units(govap: Plan) -> None:
    assert [u.code for u in govap.units] == WARDS + OFFICES
    assert {u.code for u in govap.units if u.type == "ward"} == set(WARDS)
    assert {u.code for u in govap.units if u.type == "organisation"} == {"MTTQ", "HLHPN", "DTN", "LDLD"}
    assert govap.unit_by_code["P01"].gso_code == "26896"
    assert govap.unit_by_code["P17"].gso_code == "26875"


def test_govap_indicators_and_targets(govap: Plan) -> None:
    targets = {i.code: i.target_pct for i in govap.indicators}
    assert targets == {"CT1": Decimal(70), "CT2A": Decimal(100), "CT2B": Decimal(50), "CT3": Decimal(60),
                       "CT4": Decimal(100), "CT5": Decimal(100), "GS1": None}


def test_govap_calendar(govap: Plan) -> None:
    assert [(p.code, p.due_on, p.quarter) for p in govap.periods] == [
        ("2024-Q1", date(2024, 3, 5), "2024-Q1"),
        ("2024-H1", date(2024, 5, 10), "2024-Q2"),
        ("2024-Q3", date(2024, 9, 5), "2024-Q3"),
        ("2024-Y", date(2024, 11, 10), "2024-Q4"),
    ]
    assert govap.timezone == "Asia/Ho_Chi_Minh"


def _reporters(plan: Plan, indicator: str) -> set[str]:
    return {u for u, i in plan.assignments() if i == indicator}


def test_govap_assignments_follow_design(govap: Plan) -> None:
    wards = set(WARDS)
    assert _reporters(govap, "CT1") == wards | set(OFFICES)
    assert _reporters(govap, "CT2A") == wards | {"LDTBXH"}
    assert _reporters(govap, "CT2B") == wards
    assert _reporters(govap, "CT3") == wards | {"LDTBXH"}
    assert _reporters(govap, "CT4") == wards | {"VP"}
    assert _reporters(govap, "CT5") == {"CA"}
    assert _reporters(govap, "GS1") == {"NV"}
    assert len(govap.assignments()) == 30 + 17 + 16 + 17 + 17 + 1 + 1


@pytest.mark.parametrize(("unit", "codes"), [
    ("P01", ["CT1", "CT2A", "CT2B", "CT3", "CT4"]), ("LDTBXH", ["CT1", "CT2A", "CT3"]), ("VP", ["CT1", "CT4"]),
    ("CA", ["CT1", "CT5"]), ("NV", ["CT1", "GS1"]), ("DTN", ["CT1"]),
])
def test_govap_indicators_for(govap: Plan, unit: str, codes: list[str]) -> None:
    assert [i.code for i in govap.indicators_for(unit)] == codes


def test_deadline_is_end_of_due_day_in_vietnam(govap: Plan) -> None:
    deadline = govap.deadline_at(date(2024, 3, 5))
    assert deadline.isoformat() == "2024-03-06T00:00:00+07:00"


def test_small_plan_loads(small_plan: Plan) -> None:
    assert small_plan.plan_id == "riverside-2025"
    assert small_plan.year == 2025
    assert [p.code for p in small_plan.periods] == ["2025-T1", "2025-T2", "2025-T3"]
    assert small_plan.due_on("YT", "2025-T1") == date(2025, 4, 25)
    assert small_plan.due_on("XA", "2025-T1") == date(2025, 4, 15)
    assert [u.code for u in small_plan.expected_units("2025-T2")] == ["XA", "XB", "YT"]
    assert [u.code for u in small_plan.expected_units("2025-T3")] == ["XA", "YT"]


def test_load_plans_reads_a_folder(plans_dir: Path) -> None:
    assert sorted(load_plans(plans_dir)) == ["govap-2024", "riverside-2025"]


# ---- mistakes in a copied plan file -------------------------------------------------------

Mutation = Callable[[dict], None]


def _raw() -> dict:
    return yaml.load(GOVAP_FILE.read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def _write(tmp_path: Path, mutate: Mutation) -> Path:
    raw = copy.deepcopy(_raw())
    mutate(raw)
    path = tmp_path / "copy-2024.yaml"
    path.write_text(yaml.dump(raw, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _indicator(raw: dict, code: str) -> dict:
    return next(i for i in raw["indicators"] if i["code"] == code)


def _period(raw: dict, code: str) -> dict:
    return next(p for p in raw["periods"] if p["code"] == code)


MISTAKES: dict[str, tuple[Mutation, str, str]] = {
    "unknown unit in reporters": (
        lambda r: _indicator(r, "CT5")["reporters"].update(units=["CA", "XX"]),
        "indicators[CT5].reporters.units", "unknown unit 'XX'"),
    "duplicate unit code": (
        lambda r: r["units"].append(dict(r["units"][0])), "units", "code 'P01' appears 2 times"),
    "bad date": (
        lambda r: r["units"][0].update(valid_from="2024-02-30"), "units[P01].valid_from", "valid date"),
    "due date not ISO": (
        lambda r: _period(r, "2024-Q1").update(due_on="05/03/2024"), "periods[2024-Q1].due_on", "valid date"),
    "unknown time zone": (
        lambda r: r.update(timezone="Asia/Saigonn"), "timezone", "unknown time zone 'Asia/Saigonn'"),
    "target 120": (
        lambda r: _indicator(r, "CT1").update(target_pct=120), "indicators[CT1].target_pct",
        "less than or equal to 100"),
    "period outside year": (
        lambda r: _period(r, "2024-Y").update(ends_on="2025-01-31"), "periods[2024-Y]",
        "outside the plan year 2024"),
    "unknown key": (
        lambda r: r["units"][3].update(gso="26887"), "units[P05].gso", "Extra inputs are not permitted"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_plan_mistake_names_file_key_and_problem(tmp_path: Path, name: str) -> None:
    mutate, key, problem = MISTAKES[name]
    path = _write(tmp_path, mutate)
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"{key}:" in message
    assert problem in message


def test_unmodified_copy_loads(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, lambda r: None))
    assert plan.plan_id == "govap-2024"
    assert len(plan.units) == 30


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(GOVAP_FILE.read_text(encoding="utf-8").replace("year: 2024", "year: [2024", 1), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    message = str(caught.value)
    assert str(path) in message
    assert "YAML syntax error" in message
    assert "line 5" in message


def test_plan_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"list\.yaml: \(top level\): .*must be a mapping"):
        load_plan(path)


def test_two_files_with_one_plan_id(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOVAP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.yaml").write_text(GOVAP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(PlanError, match=r"b\.yaml: plan_id: 'govap-2024'"):
        load_plans(folder)
