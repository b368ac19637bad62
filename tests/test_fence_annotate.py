"""The annotated copy: built in a fenced worker, within its own size limit, once per file, and an .xlsm stays .xlsm."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import openpyxl
import pytest

import ui.upload
from documents.annotate import XLSM_MAIN, annotated_copy
from etl.load.prepare import FileResult
from etl.problems import Problem
from plan.model import Plan
from plan.settings import settings
from testkit.workbooks import filled, xlsx_bytes

PROBLEMS = [Problem("negative", "ChiTieu", 9, "C", params={"value": -1})]


def _sheets(data: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(data)).sheetnames


def test_xlsm_copy_is_named_and_typed_xlsm(govap: Plan) -> None:
    data = xlsx_bytes(filled(govap, "P01", "2024-Q1"))
    copy = annotated_copy(data, PROBLEMS, "vi", xlsm=True)
    assert ui.upload.annotated_name("Phuong 1.xlsm") == "Phuong 1_loi.xlsm"
    assert ui.upload.annotated_name("Phuong 1.XLSX") == "Phuong 1_loi.xlsx"
    assert XLSM_MAIN in zipfile.ZipFile(io.BytesIO(copy)).read("[Content_Types].xml")
    assert len(_sheets(copy)) > 1  # the unit's own sheets are kept, the problems sheet first


def test_over_the_size_limit_only_the_problems_sheet(govap: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    data = xlsx_bytes(filled(govap, "P01", "2024-Q1"))
    monkeypatch.setenv("GEPM_ANNOTATE_MAX_BYTES", str(len(data) - 1))
    settings.cache_clear()
    try:
        copy = annotated_copy(data, PROBLEMS, "en")
    finally:
        settings.cache_clear()
    assert len(_sheets(copy)) == 1


def test_annotated_bytes_is_built_once_per_file(govap: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counting(data: bytes, problems: list[Problem], lang: str = "vi", xlsm: bool = False) -> bytes:
        calls.append(1)
        return annotated_copy(data, problems, lang, xlsm)

    monkeypatch.setattr(ui.upload, "annotated_copy", counting)
    data = xlsx_bytes(filled(govap, "P04", "2024-Q1"))
    result = FileResult("0000.xlsx", "P04.xlsx", datetime(2024, 12, 1, tzinfo=UTC), problems=PROBLEMS)
    first = ui.upload.annotated_bytes(data, result, "vi")
    second = ui.upload.annotated_bytes(data, result, "vi")
    assert first == second and len(calls) == 1
