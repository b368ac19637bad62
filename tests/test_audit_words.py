"""The audit log in the reader's language and in Vietnam time: a write keeps what it did as catalogue keys and
parameters (audit_log.detail), the review page says it in Vietnamese or English, every moment is shown as
dd/mm/yyyy HH:MM (Vietnamese) in Asia/Ho_Chi_Minh, and rows written before (English text) show as they are."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from conftest import MANAGER, run_page, signed_in
from rows import add_load, fetch, vn
from streamlit.testing.v1 import AppTest

import queries
from etl.load.prepare import Item
from etl.load.write import load_items
from i18n import t
from i18n.phrases import Phrase
from plan.model import Plan
from testkit.workbooks import filled, save, xlsx_bytes
from ui.audit import audit_table
from warehouse.db import open_for_writing

TZ = "Asia/Ho_Chi_Minh"
HONG = signed_in(username="hong", name="Trần Thị Hồng")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISO = re.compile(r"\d{4}-\d\d-\d\dT|[+-]\d\d:\d\d\b")  # an ISO moment or an offset left in a cell
LEGACY = "120 files: 119 accepted, 1 rejected"


def stored(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as review/audit returns them."""
    cols = ["acted_at", "acted_by", "action", "version", "old_value", "new_value", "reason", "detail"]
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)


def sample() -> pd.DataFrame:
    counts = Phrase("audit.load", {"files": 1234, "accepted": 1233, "rejected": 1})
    note = Phrase("up.receipt_note", {"day": "2024-11-08"})
    detail = json.dumps({"new_value": counts.as_json(), "reason": note.as_json()})
    return stored([
        {"acted_at": datetime(2024, 11, 9, 2, 0, tzinfo=UTC), "acted_by": "Mai", "action": "load", "version": 2,
         "new_value": None, "reason": "Ngày văn bản đến 08/11/2024", "detail": detail},
        {"acted_at": vn(2024, 11, 8, 16), "acted_by": "Hồng", "action": "receipt_date", "version": 1,
         "old_value": "2024-11-08T03:00:00+00:00", "new_value": "2024-11-10T23:59:59+07:00"},
        {"acted_at": vn(2024, 11, 8, 15), "acted_by": "Hồng", "action": "return", "version": 1,
         "new_value": "correction", "reason": "Thiếu số nữ"},
        {"acted_at": vn(2024, 11, 8, 14), "acted_by": "Lan", "action": "load", "version": 1,
         "new_value": "3 files committed before the loader stopped", "reason": "interrupted"},
        {"acted_at": vn(2024, 11, 8, 9), "acted_by": "Lan", "action": "load", "version": 1, "new_value": LEGACY},
    ])


def test_detail_is_said_in_vietnamese_with_vietnam_times() -> None:
    table = audit_table(sample(), TZ, "vi")
    load, receipt, back, stopped, legacy = table.to_dict("records")
    assert load["acted_at"].strftime("%d/%m/%Y %H:%M") == "09/11/2024 09:00"  # 02:00 UTC is 09:00 in Vietnam
    assert (load["action"], load["new_value"]) == ("Nạp tệp", "1.234 tệp: 1.233 được nhận, 1 bị từ chối")
    assert load["reason"] == "Ngày văn bản đến 08/11/2024"
    assert (receipt["old_value"], receipt["new_value"]) == ("08/11/2024 10:00", "10/11/2024 23:59")
    assert back["new_value"] == t("status.return_kind.correction", "vi") and back["reason"] == "Thiếu số nữ"
    assert stopped["reason"] == t("audit.reason.interrupted", "vi")
    assert legacy["new_value"] == LEGACY  # written before details were kept: shown as it is
    assert not [v for r in (load, receipt, back) for v in r.values() if isinstance(v, str) and ISO.search(v)]


def test_detail_is_said_in_english() -> None:
    load, receipt, back, _, legacy = audit_table(sample(), TZ, "en").to_dict("records")
    assert (load["new_value"], load["reason"]) == ("1,234 files: 1,233 accepted, 1 rejected",
                                                   "Official receipt date 2024-11-08")
    assert (receipt["old_value"], receipt["new_value"]) == ("2024-11-08 10:00", "2024-11-10 23:59")
    assert back["new_value"] == t("status.return_kind.correction", "en")
    assert legacy["new_value"] == LEGACY


def test_a_load_stores_keys_and_parameters(warehouse: duckdb.DuckDBPyConnection, all_plans: dict[str, Plan],
                                           govap: Plan, tmp_path: Path) -> None:
    path = save(filled(govap, "P03", "2024-Q1"), tmp_path / "a.xlsx")
    note = Phrase("audit.note.received_at", {"at": vn(2024, 3, 1, 9).isoformat()})
    load_items(warehouse, all_plans, [Item(path, vn(2024, 3, 1, 9))], default_plan=govap.plan_id, source="cli",
               loaded_by="Lan", note=note)
    [row] = fetch(warehouse, "select new_value, reason, detail from audit_log")
    assert row["new_value"] is None  # no sentence in one language: the counts are in detail (and in loads)
    assert row["reason"] == "Thời điểm nhận ghi khi nạp bằng dòng lệnh: 01/03/2024 09:00"
    assert json.loads(row["detail"]) == {
        "new_value": {"key": "audit.load", "params": {"files": 1, "accepted": 1, "rejected": 0}},
        "reason": {"key": "audit.note.received_at", "params": {"at": "2024-03-01T09:00:00+07:00"}}}


def test_an_interrupted_load_stores_its_count_as_a_key(warehouse: duckdb.DuckDBPyConnection, db_path: Path,
                                                       all_plans: dict[str, Plan]) -> None:
    load_id = add_load(warehouse)  # left open, as by a killed loader
    warehouse.close()
    con = open_for_writing(db_path, all_plans)  # the next writer closes it
    try:
        [row] = fetch(con, "select load_id, new_value, reason, detail from audit_log")
    finally:
        con.close()
    assert (row["load_id"], row["new_value"], row["reason"]) == (load_id, None, "interrupted")
    assert json.loads(row["detail"]) == {"new_value": {"key": "audit.interrupted", "params": {"files": 0}}}


def _audit(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if t("review.col.action", "vi") in d.value.columns
                or t("review.col.action", "en") in d.value.columns)


def test_the_review_page_says_the_log_in_the_chosen_language(writable_env: Path, govap: Plan) -> None:
    up = run_page("upload", period_code="2024-Y", **MANAGER)
    up.date_input(key="upload_receipt_day").set_value(date(2024, 11, 8))
    up.file_uploader[0].set_value([("P16 nam.xlsx", xlsx_bytes(filled(govap, "P16", "2024-Y")), XLSX)])
    next(b for b in up.button if b.label == t("up.submit", "vi")).click()
    assert not up.run().exception
    at = run_page("review", period_code="2024-Y", review_unit="P16", **HONG)
    at.date_input(key="review_day").set_value(date(2024, 11, 10))
    next(b for b in at.button if b.label == t("review.set_receipt", "vi")).click()
    assert not at.run().exception
    vi = _audit(run_page("review", period_code="2024-Y", review_unit="P16", **HONG))
    cols = {c: t(f"review.col.{c}", "vi") for c in ("acted_at", "action", "old_value", "new_value", "reason")}
    receipt, load = vi.iloc[0], vi.iloc[1]
    assert (receipt[cols["action"]], receipt[cols["old_value"]], receipt[cols["new_value"]]) == (
        t("review.action.receipt_date", "vi"), "08/11/2024 23:59", "10/11/2024 23:59")
    assert (load[cols["new_value"]], load[cols["reason"]]) == ("1 tệp: 1 được nhận, 0 bị từ chối",
                                                              "Ngày văn bản đến 08/11/2024")
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", v) for v in vi[cols["acted_at"]])
    assert not [v for v in vi.to_numpy().ravel() if isinstance(v, str) and ISO.search(v)]
    en = _audit(run_page("review", period_code="2024-Y", review_unit="P16", lang="en", **HONG))
    receipt, load = en.iloc[0], en.iloc[1]
    assert receipt[t("review.col.new_value", "en")] == "2024-11-10 23:59"
    assert (load[t("review.col.new_value", "en")], load[t("review.col.reason", "en")]) == (
        "1 files: 1 accepted, 0 rejected", "Official receipt date 2024-11-08")


def test_a_warehouse_not_yet_upgraded_still_shows_its_log(warehouse: duckdb.DuckDBPyConnection,
                                                           all_plans: dict[str, Plan], govap: Plan,
                                                           tmp_path: Path) -> None:
    """The dashboard only reads: until `etl upgrade` (or the next write) the log has no detail column."""
    path = save(filled(govap, "P03", "2024-Q1"), tmp_path / "a.xlsx")
    load_items(warehouse, all_plans, [Item(path, vn(2024, 3, 1, 9))], default_plan=govap.plan_id, source="test")
    warehouse.execute("alter table audit_log drop column detail")
    warehouse.execute("update audit_log set new_value = $v", {"v": LEGACY})
    rows = queries.frame(warehouse, "review/audit", {"plan_id": govap.plan_id, "unit_code": "P03",
                                                     "period_code": "2024-Q1"})
    assert "detail" not in rows.columns
    assert list(audit_table(rows, TZ, "vi")["new_value"]) == [LEGACY]
