"""Filling NhiemVu, KinhPhi, VuViec and ThongTin's later rows for the demo, the way units report in real life:
not every task done, some spending behind, a few cases, one ward with difficulties."""

from __future__ import annotations

import random
from datetime import date, timedelta

from openpyxl import Workbook

from documents.template import HEADER_ROW
from etl.contract import SHEET_BUDGET, SHEET_CASES, SHEET_INFO, SHEET_TASKS
from i18n import t
from plan.model import Plan

STRUGGLING = "P09"  # the ward with difficulties: no officer, no own plan, spending behind
SLOW_SPENDERS = ("P09", "LDLD", "GDDT")
HEADS = ("Trần Văn Hùng", "Nguyễn Thị Thu Hà", "Phạm Quốc Việt", "Lê Minh Châu", "Huỳnh Văn Phúc")
DIFFICULTY = "Chưa bố trí được cán bộ chuyên trách; kinh phí giao đầu năm chưa đủ cho hoạt động tại khu phố"
PROPOSAL = "Đề nghị quận hỗ trợ tập huấn cho cán bộ mới và bổ sung kinh phí cho Tháng hành động"


def _info(wb: Workbook, label: str, value: object) -> None:
    ws = wb[SHEET_INFO]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == label:
            ws.cell(r, 2).value = value  # type: ignore[assignment]


def _details(wb: Workbook, rng: random.Random, plan: Plan, unit: str, n: int, report_on: date) -> None:
    struggling = unit == STRUGGLING
    as_of = min(report_on, plan.periods[n].ends_on)
    for label, value in (("Số văn bản báo cáo", f"{rng.randint(10, 290)}/BC-{unit}"), ("Ngày văn bản", report_on),
                         ("Số liệu tính đến ngày", as_of), ("Thủ trưởng đơn vị", rng.choice(HEADS)),
                         ("Lồng ghép giới trong kế hoạch của đơn vị", "Không" if struggling else "Có")):
        _info(wb, label, value)
    if not struggling:
        _info(wb, "Số kế hoạch của đơn vị", f"{rng.randint(5, 60)}/KH-{unit}")
        _info(wb, "Ngày ban hành kế hoạch", date(plan.year, 1, 15) + timedelta(days=rng.randint(0, 60)))
        _info(wb, "Cán bộ chuyên trách bình đẳng giới", rng.choice(HEADS))


def _status(rng: random.Random, plan: Plan, unit: str, code: str, n: int) -> str:
    if code == "T08":  # the Action Month is 15/11–15/12: only the year report can show it
        return "dang_trien_khai" if n == len(plan.periods) - 1 else "chua_trien_khai"
    if unit == STRUGGLING and code == "T25":
        return "khong_thuc_hien"
    if unit == "NV" and code == "T16":
        return "chuyen_nam_sau" if n == len(plan.periods) - 1 else "dang_trien_khai"
    done = n / (len(plan.periods) - 1)
    roll = rng.random()
    return ("hoan_thanh_vuot" if roll < done * 0.2 else "da_hoan_thanh" if roll < done * 0.8
            else "dang_trien_khai" if roll < 0.92 else "chua_trien_khai")


def _tasks(wb: Workbook, rng: random.Random, plan: Plan, unit: str, n: int) -> None:
    for r, (task, _) in enumerate(plan.tasks_for(unit), start=HEADER_ROW + 1):
        status = _status(rng, plan, unit, task.code, n)
        ws = wb[SHEET_TASKS]
        ws.cell(r, 4).value = t(f"task.status.{status}")
        if task.measure and status not in ("chua_trien_khai", "khong_thuc_hien", "chuyen_nam_sau"):
            result = rng.randint(3, 40) * (n + 1)
            ws.cell(r, 5).value = result
            if "women" in task.measure.breakdowns:
                ws.cell(r, 7).value = round(result * rng.uniform(0.5, 0.8))
        if status in ("da_hoan_thanh", "hoan_thanh_vuot"):
            ws.cell(r, 11).value = f"Báo cáo số {rng.randint(10, 200)}/BC-{unit}"
        if status in ("khong_thuc_hien", "chuyen_nam_sau"):
            ws.cell(r, 14).value = "Chưa bố trí được nhân sự" if unit == STRUGGLING else "Chưa có kinh phí năm nay"
        if unit == STRUGGLING:
            ws.cell(r, 12).value, ws.cell(r, 13).value = DIFFICULTY, PROPOSAL


def _budget(wb: Workbook, rng: random.Random, plan: Plan, unit: str, n: int) -> None:
    last = n == len(plan.periods) - 1
    share = (n + 1) / len(plan.periods) * (0.25 if unit in SLOW_SPENDERS else rng.uniform(0.8, 1.0))
    amounts = {"giao_dau_nam": rng.randint(10, 60) * 1_000_000,
               "xa_hoi_hoa": rng.choice((0, 0, 5, 12)) * 1_000_000}
    for r, code in enumerate((s.code for s in plan.budget.sources) if plan.budget else (), start=HEADER_ROW + 1):
        estimate = amounts.get(code)
        if estimate is None:
            continue
        spent = round(estimate * min(share, 1.0), -3)
        ws = wb[SHEET_BUDGET]
        ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 5).value = estimate, spent, max(spent, estimate)
        if last:
            ws.cell(r, 6).value = spent


def _cases(wb: Workbook, rng: random.Random, plan: Plan, unit: str, n: int) -> None:
    scale = 4 if unit in ("LDTBXH", "CA") else 1
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(plan.cases.measures if plan.cases else ())):
        total = rng.choice((0, 0, 1, 2, 3)) * scale * (n + 1)
        ws = wb[SHEET_CASES]
        ws.cell(r, 4).value = total
        ws.cell(r, 5).value = round(total * 0.8)
        ws.cell(r, 6).value = total // 4


def fill_plan_parts(wb: Workbook, plan: Plan, unit: str, n: int, report_on: date) -> None:
    """Own random draws (seeded by unit and period), so the first three sheets' demo figures stay as they were."""
    rng = random.Random(f"{plan.plan_id}-{unit}-{n}")
    _details(wb, rng, plan, unit, n, report_on)
    for name, fill in ((SHEET_TASKS, _tasks), (SHEET_BUDGET, _budget), (SHEET_CASES, _cases)):
        if name in wb.sheetnames:
            fill(wb, rng, plan, unit, n)
