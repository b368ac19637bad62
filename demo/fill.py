"""Filling a template the way a unit's focal point would, for the demo data set."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from openpyxl import Workbook

from demo.fill_plan import fill_plan_parts
from documents.template import HEADER_ROW
from etl.contract import SHEET_ACTIVITIES, SHEET_INFO, SHEET_VALUES
from plan.model import Plan

Cell = date | str | int
PEOPLE = ("Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Hồng", "Phạm Minh Tuấn", "Võ Thị Mai", "Đặng Quốc Bảo",
          "Huỳnh Thị Thu", "Bùi Văn Nam", "Đỗ Thị Hạnh", "Hồ Ngọc Ánh")
TOPICS = {
    "truyen_thong": ("Tuyên truyền Luật Bình đẳng giới", "Truyền thông phòng, chống bạo lực gia đình",
                     "Phòng ngừa quấy rối tình dục nơi công cộng"),
    "tap_huan": ("Tập huấn kỹ năng lồng ghép giới", "Tập huấn phòng ngừa, ứng phó bạo lực trên cơ sở giới"),
    "toa_dam": ("Tọa đàm vai trò của phụ nữ trong gia đình", "Tọa đàm bình đẳng giới trong đồng bào DTTS"),
    "hoi_thi": ("Hội thi tìm hiểu pháp luật về bình đẳng giới",),
    "su_kien": ("Mít tinh hưởng ứng Tháng hành động vì bình đẳng giới",),
    "phat_hanh_tai_lieu": ("Phát hành tài liệu song ngữ Việt – Hoa về bình đẳng giới",
                           "Phát tờ gấp phòng chống bạo lực gia đình"),
    "tu_van": ("Tư vấn pháp lý cho phụ nữ và trẻ em",),
}
GROUPS = {"truyen_thong": ("can_bo", "nguoi_dan", "phu_nu", "nguoi_dan_dtts"),
          "tap_huan": ("can_bo", "thanh_vien_ban", "cong_tac_vien", "chuyen_trach_tre_em"),
          "toa_dam": ("phu_nu", "nguoi_dan_dtts", "thanh_nien"), "hoi_thi": ("can_bo", "thanh_nien", "cong_nhan"),
          "su_kien": ("nguoi_dan", "phu_nu"), "phat_hanh_tai_lieu": ("nguoi_uy_tin", "co_so_tin_nguong", "to_truong"),
          "tu_van": ("phu_nu", "nguoi_dan_dtts")}


@dataclass
class UnitState:
    """What a unit reported so far: denominators, achieved counts, activities listed."""

    denominators: dict[str, int] = field(default_factory=dict)
    reached: dict[str, int] = field(default_factory=dict)
    activities: list[list[Cell]] = field(default_factory=list)


def _reached(rng: random.Random, state: UnitState, code: str, share: float) -> int:
    den = state.denominators[code]
    target = min(den, max(state.reached.get(code, 0), round(den * min(1.0, share + rng.uniform(-0.15, 0.2)))))
    state.reached[code] = target
    return target


def _values(wb: Workbook, rng: random.Random, plan: Plan, unit: str, share: float, state: UnitState) -> None:
    ws = wb[SHEET_VALUES]
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(plan.indicators_for(unit))):
        code = str(ws.cell(r, 1).value)
        den = state.denominators[code]
        num = _reached(rng, state, code, 1.0 if code == "CT5" else share)
        ws.cell(r, 3, den)
        ws.cell(r, 4, num)
        ws.cell(r, 5, round(num * rng.uniform(0.45, 0.7)))
        minority = round(num * rng.uniform(0.0, 0.12)) if plan.unit_by_code[unit].type == "ward" else 0
        ws.cell(r, 6, num if code == "CT4" else minority)


def _activity(rng: random.Random, plan: Plan, unit: str, day: date, kind: str) -> list[Cell]:
    names = {a.code: a.name_vi for a in plan.reference.activity_types}
    groups = {g.code: g.name_vi for g in plan.reference.target_groups}
    group = rng.choice(GROUPS[kind])
    total = 0 if kind == "phat_hanh_tai_lieu" and group == "co_so_tin_nguong" else rng.randint(15, 120)
    women = round(total * rng.uniform(0.45, 0.75))
    minority = round(total * rng.uniform(0.05, 0.3)) if group == "nguoi_dan_dtts" or rng.random() < 0.3 else 0
    materials = rng.randint(20, 300) if kind in ("phat_hanh_tai_lieu", "truyen_thong") else 0
    return [day, names[kind], rng.choice(TOPICS[kind]), groups[group], total, total - women, women, minority,
            materials, ""]


def _new_activities(rng: random.Random, plan: Plan, unit: str, n: int, received: datetime,
                    action_month: bool) -> list[list[Cell]]:
    p = plan.periods[n]
    last = min(p.ends_on, received.date() - timedelta(days=1))
    first = p.starts_on if n else plan.starts_on
    kinds = list(TOPICS)
    if plan.unit_by_code[unit].type == "ward" or unit == "VP":
        kinds += ["phat_hanh_tai_lieu"] * 2
    rows = []
    for _ in range(rng.randint(2, 4)):
        day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
        rows.append(_activity(rng, plan, unit, day, rng.choice(kinds)))
    if action_month and plan.action_month:
        start = plan.action_month.starts_on
        rows += [_activity(rng, plan, unit, start + timedelta(days=d), "su_kien") for d in (0, 10)]
    return rows


def _activities(wb: Workbook, rows: list[list[Cell]], break_sum: bool) -> None:
    ws = wb[SHEET_ACTIVITIES]
    for i, values in enumerate(rows):
        r = HEADER_ROW + 1 + i
        ws.cell(r, 1, i + 1)
        for c, value in enumerate(values, start=2):
            ws.cell(r, c, value)
        if break_sum and i == 0:
            ws.cell(r, 7, int(str(values[5])) + 3)  # men + women no longer equal the total


def fill_workbook(wb: Workbook, rng: random.Random, plan: Plan, unit: str, n: int, state: UnitState,
                  progress: tuple[float, ...], *, nil: bool, received: datetime, break_sum: bool = False,
                  action_month: bool = False) -> None:
    info = wb[SHEET_INFO]
    report_on = (received - timedelta(days=rng.randint(0, 2))).date()
    info["B8"] = report_on
    info["B9"] = rng.choice(PEOPLE)
    info["B10"] = f"028 3{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    if nil:
        info["B11"] = "Có"
        return
    _values(wb, rng, plan, unit, progress[min(n, len(progress) - 1)], state)
    # Every report lists the year's activities so far, as the sheet's header asks; each counts once.
    new = _new_activities(rng, plan, unit, n, received, action_month)
    listed = state.activities + new
    state.activities += new
    _activities(wb, listed, break_sum)
    # A report is dated no earlier than the last activity it lists (the loader refuses later activities).
    info["B8"] = max([report_on, *(row[0] for row in listed if isinstance(row[0], date))])
    fill_plan_parts(wb, plan, unit, n, info["B8"].value)
