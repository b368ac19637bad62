"""python -m etl plan new / plan check: a new plan year carried forward, every mistake explained."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from plan.carry import move_date
from plan.load import SAFE_DUMPER, SAFE_LOADER, load_plan, load_plans
from plan.settings import ROOT
from testkit import cli

PLANS = ROOT / "data" / "plans"
EXAMPLES = PLANS / "examples"


def etl(*args: str | Path, plans: Path = PLANS) -> subprocess.CompletedProcess[str]:
    return cli.etl(*args, "--plans", plans)


def test_feb_29_moves_to_feb_28_and_back_by_whole_years() -> None:
    assert move_date(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert move_date(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert move_date(date(2024, 11, 10), 2) == date(2026, 11, 10)


def test_plan_new_round_trip_on_the_july_2025_wards(tmp_path: Path) -> None:
    out = tmp_path / "plans" / "govap-2026.yaml"
    done = etl("plan", "new", "--from", "govap-2024", "--year", "2026", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "Đã tạo kế hoạch govap-2026" in done.stderr and "Wrote plan govap-2026" in done.stderr
    plan = load_plans(out.parent)["govap-2026"]
    assert sorted(u.name_vi for u in plan.units) == ["Phường An Hội Tây", "Phường An Hội Đông", "Phường An Nhơn",
                                                      "Phường Gò Vấp", "Phường Hạnh Thông", "Phường Thông Tây Hội"]
    assert [(p.code, p.quarter, p.due_on) for p in plan.periods] == [
        ("2026-Q1", "2026-Q1", date(2026, 3, 5)), ("2026-H1", "2026-Q2", date(2026, 5, 10)),
        ("2026-Q3", "2026-Q3", date(2026, 9, 5)), ("2026-Y", "2026-Q4", date(2026, 11, 10))]
    targets = {i.code: i.target_pct for i in plan.indicators}
    assert targets == {"CT1": 70, "CT2A": 100, "CT2B": 50, "CT3": 60, "CT4": 100}
    assert plan.action_month is not None and plan.action_month.starts_on == date(2026, 11, 15)
    assert "indicators[CT5]" in out.read_text(encoding="utf-8")  # the header says what was dropped
    assert etl("plan", "check", out, plans=out.parent).returncode == 0


def test_plan_new_refuses_to_overwrite_and_unknown_source(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("plan_id: x\n", encoding="utf-8")
    assert etl("plan", "new", "--from", "govap-2024", "--year", "2026", "-o", out).returncode == 2
    done = etl("plan", "new", "--from", "nowhere-2023", "--year", "2026", "-o", tmp_path / "y.yaml")
    assert done.returncode == 2 and "nowhere-2023" in done.stderr
    assert etl("plan", "new", "--from", "govap-2024", "--year", "2026", "--only", "P99",
               "-o", tmp_path / "z.yaml").returncode == 2


def test_plan_new_from_a_given_unit_list(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text("- {code: W1, name_vi: Phường Một, name_en: Ward One, type: ward, valid_from: 2026-01-01}\n",
                     encoding="utf-8")
    out = tmp_path / "p.yaml"
    done = etl("plan", "new", "--from", "govap-2024", "--year", "2026", "--units", units, "--id", "one-2026", "-o", out)
    assert done.returncode == 0, done.stderr
    assert [u.code for u in load_plan(out).units] == ["W1"]


@pytest.mark.parametrize("name", ["example-govap-2025h1", "example-hanhthong-2026"])
def test_example_plans_are_marked_and_never_the_default(name: str) -> None:
    path = EXAMPLES / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# VÍ DỤ") and "EXAMPLE" in text.splitlines()[1]
    assert load_plan(path).plan_id == name
    assert name not in load_plans(PLANS)  # the app's plans folder does not hold them
    assert etl("plan", "check", path, plans=EXAMPLES).returncode == 0


def test_examples_cover_the_12_wards_and_hanh_thong() -> None:
    h1 = load_plan(EXAMPLES / "example-govap-2025h1.yaml")
    assert len([u for u in h1.units if u.type == "ward"]) == 12
    assert [p.code for p in h1.periods] == ["2025-Q1", "2025-H1"]
    ht = load_plan(EXAMPLES / "example-hanhthong-2026.yaml")
    units = [(u.name_vi, u.gso_code, u.valid_from) for u in ht.units]
    assert units == [("Phường Hạnh Thông", "26890", date(2025, 7, 1))]


def _unit(raw: dict[str, Any], code: str) -> dict[str, Any]:
    return next(u for u in raw["units"] if u["code"] == code)


MISTAKES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str, str]] = {
    "missing key": (lambda r: r.pop("title_vi"), "title_vi", "thiếu mục bắt buộc", "required entry is missing"),
    "typo key": (lambda r: _unit(r, "P05").update(gso="1"), "units[P05].gso", "không có trong mẫu", "not part of"),
    "bad date": (lambda r: _unit(r, "P01").update(valid_from="2025-02-29"), "units[P01].valid_from",
                 "không phải là ngày hợp lệ", "not a valid date"),
    "unknown reporter": (lambda r: r["indicators"][0]["reporters"].update(units=["XX"]),
                         "indicators[CT1].reporters.units", "'XX' không có", "'XX' is not in the units list"),
    "duplicate unit": (lambda r: r["units"].append(dict(r["units"][0])), "units", "xuất hiện 2 lần", "appears 2 times"),
    "period outside": (lambda r: r["periods"][-1].update(ends_on=date(2027, 1, 31)), "periods[2026-Y]",
                       "nằm ngoài năm kế hoạch", "outside the plan year"),
    "target 120": (lambda r: r["indicators"][0].update(target_pct=120), "indicators[CT1].target_pct",
                   "ngoài khoảng", "out of range"),
    "wrong type": (lambda r: _unit(r, "P01").update(type="city"), "units[P01].type", "chọn một trong", "choose one of"),
    "never valid": (lambda r: _unit(r, "P01").update(valid_to=date(2024, 12, 31)), "units[P01]",
                    "không tồn tại ngày nào", "exists on no day"),
    "id taken": (lambda r: r.update(plan_id="govap-2024"), "plan_id", "đã được dùng", "already used"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_plan_check_explains_each_mistake(tmp_path: Path, name: str) -> None:
    mutate, key, vi, en = MISTAKES[name]
    raw = yaml.load((PLANS / "govap-2024.yaml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    raw.update(plan_id="govap-2026", year=2026)
    for p in raw["periods"]:
        for k in ("starts_on", "ends_on", "due_on"):
            p[k] = move_date(p[k], 2)
        p["quarter"] = p["quarter"].replace("2024", "2026")
        p["code"] = p["code"].replace("2024", "2026")
    for m in (m for ind in raw["indicators"] for m in ind.get("milestones", [])):
        m["period"] = m["period"].replace("2024", "2026")
    raw["action_month"] = None
    for u in raw["units"]:
        u["valid_to"] = None
    mutate(raw)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.dump(raw, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = etl("plan", "check", path)
    assert done.returncode == 1, done.stderr
    line = next(x for x in done.stderr.splitlines() if f": {key}: " in x)
    assert vi in line and en in line and line.index(vi) < line.index(en)


def test_plan_check_usage_errors(tmp_path: Path) -> None:
    assert etl("plan", "check", tmp_path / "none.yaml").returncode == 2
    assert etl("plan", "check").returncode == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan_id: [x\n", encoding="utf-8")
    done = etl("plan", "check", bad)
    assert done.returncode == 1 and "lỗi cú pháp YAML" in done.stderr and "YAML syntax error" in done.stderr
