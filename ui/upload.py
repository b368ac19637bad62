"""View model of the upload page: templates out, workbooks in — the data manager's side of the workbook contract."""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from access.roles import Identity, require
from documents.annotate import annotated_copy
from documents.template import build_template, template_name
from etl.contract import EXTENSIONS
from etl.load.files import load_files
from etl.load.prepare import FileResult, Item
from etl.load.write import LoadResult, LoadStopped
from etl.problems import Problem
from i18n import GepmError, Lang
from i18n.phrases import Phrase
from plan.model import Plan
from plan.settings import settings
from ui.activity import Block
from ui.auth import current_identity
from ui.filters import Filters
from ui.formats import one_language
from ui.i18n import lang, tr
from ui.reads import NoWarehouse, frame, plans
from ui.review import warnings_block_of
from ui.theme import upload_limit_mb
from warehouse.clock import now_utc
from warehouse.db import WarehouseBusy, WarehouseUnavailable
from warehouse.review import official_receipt

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM_MIME = "application/vnd.ms-excel.sheet.macroEnabled.12"


class Uploaded(Protocol):
    name: str

    def getvalue(self) -> bytes: ...


def previous_denominators(plan: Plan, unit: str, period: str) -> dict[str, int]:
    """Totals of the unit's latest earlier report, to pre-fill its next template."""
    try:
        rows = frame("last_denominators", plan_id=plan.plan_id, unit_code=unit, period_code=period)
    except NoWarehouse:
        return {}
    return {str(code): int(den) for code, den in zip(rows["indicator_code"], rows["denominator"], strict=True)}


def template_bytes(plan: Plan, unit: str, period: str) -> bytes:
    buf = io.BytesIO()
    build_template(plan, unit, period, previous_denominators(plan, unit, period)).save(buf)
    return buf.getvalue()


def templates_zip(plan: Plan, period: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for unit in plan.expected_units(period):
            archive.writestr(template_name(unit.code, period), template_bytes(plan, unit.code, period))
    return buf.getvalue()


def _safe_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in EXTENSIONS else ".bin"


def _display_name(name: str) -> str:
    """The name people gave the file, without any folder part (never used as a path)."""
    return Path(name.replace("\\", "/")).name[:200] or "?"


class ReceiptError(GepmError):
    """An official receipt date that cannot be (in the future); the message is in the page's language."""


def receipt_moment(plan: Plan, day: date | None) -> tuple[datetime | None, Phrase | None]:
    """The receipt time for the upload and the audit note, from the official receipt date if given."""
    if day is None:
        return None, None
    if day > now_utc().astimezone(ZoneInfo(plan.timezone)).date():
        raise ReceiptError("review.err.receipt_future", day=f"{day:%d/%m/%Y}")
    return official_receipt(day, plan.timezone), Phrase("up.receipt_note", {"day": day.isoformat()})


def load_uploads(files: Sequence[Uploaded], plan: Plan, bar: st.delta_generator.DeltaGenerator,
                 identity: Identity | None, day: date | None = None) -> LoadResult:
    """Write the uploads under numbered names in a private folder, then load them like the CLI does.

    Items keep the upload's position as their path name, so results map back to the bytes sent. The
    load is audited under the acting person's name, with the official receipt date when one is given;
    a unit reporter's upload may hold its own unit's reports only.
    """
    who = require(identity, "upload" if day is None else "review")
    received_at, note = receipt_moment(plan, day)
    with tempfile.TemporaryDirectory(prefix="gepm-upload-") as folder:
        items = []
        for n, upload in enumerate(files):
            path = Path(folder) / f"{n:04d}{_safe_suffix(upload.name)}"
            path.write_bytes(upload.getvalue())
            items.append(Item(path, received_at, file_name=_display_name(upload.name)))
        def progress(done: int, total: int) -> None:
            bar.progress(done / total, tr("up.loading", done=done, total=total))

        return load_files(_db(), plans(), items, default_plan=plan.plan_id, source="upload",
                          loaded_by=who.audit_name, note=note, progress=progress, allowed_units=who.units)


def upload_failure(exc: GepmError) -> str:
    """Why an upload could not be done, in the page's language; what of it was loaded, if anything."""
    if isinstance(exc, LoadStopped):  # later chunks refused: the files committed before are named
        return exc.message(lang())
    if isinstance(exc, WarehouseUnavailable):
        return tr("app.warehouse_unavailable", path=_db(), detail=exc.detail[:200])
    if isinstance(exc, WarehouseBusy):
        return tr("up.busy")
    return exc.message(lang())  # a refused receipt date, a role that may not upload


# What the upload page catches: the project's own errors, each explained to the person.
UPLOAD_FAILURES = (GepmError,)


def max_upload_mb() -> int:
    return upload_limit_mb()


def limits_text() -> str:
    cfg = settings()
    return tr("up.limits", mb=max_upload_mb(), unzipped=cfg.max_unzipped_bytes // 2**20, ratio=cfg.max_zip_ratio,
              rows=f"{cfg.max_sheet_rows:,}".replace(",", "." if lang() == "vi" else ","))


def warnings_of(result: LoadResult, plan: Plan) -> Block:
    """The consistency warnings of the files just loaded, each once."""
    unique = list(dict.fromkeys(w for f in result.files for w in f.warnings))
    return warnings_block_of(unique, plan, lang())


def _db() -> Path:
    from ui.reads import db_path

    return db_path()


def results_frame(result: LoadResult, language: Lang) -> pd.DataFrame:
    rows = [{tr("up.col.file"): f.file_name, tr("up.col.outcome"): tr(f"outcome.{f.outcome}"),
             tr("up.col.unit"): f.unit_code or "", tr("up.col.period"): f.period_code or "",
             tr("up.col.version"): "" if f.version is None else str(f.version),
             tr("up.col.n_problems"): len(f.problems),
             tr("up.col.notes"): " ".join(one_language(n, language) for n in f.notes)}
            for f in result.files]
    return pd.DataFrame(rows)  # a rejected file has no version: blank, never "None"


def problems_frame(result: LoadResult, language: Lang) -> pd.DataFrame:
    other: Lang = "en" if language == "vi" else "vi"
    rows = [{tr("up.col.file"): f.file_name, tr("up.col.sheet"): p.sheet or "", tr("up.col.row"): p.row or "",
             tr("up.col.column"): p.column or "", tr("up.col.message"): p.message(language),
             tr("up.col.fix"): p.fix(language), tr("up.col.message_en"): p.message(other)}
            for f in result.files for p in f.problems]
    return pd.DataFrame(rows)


def annotated_name(file_name: str) -> str:
    """The copy keeps a macro-enabled workbook's .xlsm: Excel refuses a .xlsx holding macros."""
    suffix = ".xlsm" if Path(file_name).suffix.lower() == ".xlsm" else ".xlsx"
    return f"{Path(file_name).stem}_loi{suffix}"


def annotated_mime(file_name: str) -> str:
    """The annotated copy's type: a macro-enabled workbook stays one, so browsers and Excel open it as such."""
    return XLSM_MIME if annotated_name(file_name).endswith(".xlsm") else XLSX_MIME


def annotated_bytes(data: bytes, result_file: FileResult, language: Lang) -> bytes:
    """The unit's own workbook back, each problem cell red with its message, a first sheet listing all.

    Built once per file, problems and language (in a fenced worker), then kept: a click never rebuilds it."""
    problems = list(result_file.problems)
    key = hashlib.sha256(data).hexdigest() + hashlib.sha256(repr(problems).encode()).hexdigest()
    return _annotated(key, language, annotated_name(result_file.file_name).endswith(".xlsm"), data, problems)


@st.cache_data(max_entries=16, show_spinner=False)
def _annotated(key: str, language: Lang, xlsm: bool, _data: bytes, _problems: list[Problem]) -> bytes:
    return annotated_copy(_data, _problems, language, xlsm)


def summary(result: LoadResult) -> str:
    return tr("up.summary", files=len(result.files), loaded=result.count("loaded"),
              new_version=result.count("new_version"), duplicate=result.count("duplicate"),
              rejected=result.count("rejected"))


# ---- the page's view ----------------------------------------------------------------------------

@dataclass(frozen=True)
class UploadView:
    identity: Identity | None
    periods: dict[str, str]  # the plan's periods a template can be made for: code -> name
    period: str  # the template's period to start with: the report units are working on now (not the sidebar's)
    all_templates: bool  # every unit's template at once (not for a unit reporter)
    may_date: bool  # may give the official receipt date (a reviewer)
    limits: str
    max_mb: int


def view(f: Filters) -> UploadView:
    who = current_identity()
    today = f.plan.today()
    periods = {p.code: p.name_vi if lang() == "vi" else p.name_en for p in f.plan.periods}
    return UploadView(who, periods, f.plan.reporting_period(today).code, not (who and who.units),
                      who is not None and who.can("review"), limits_text(), max_upload_mb())


def template_units(plan: Plan, period: str, identity: Identity | None) -> dict[str, str]:
    """The units whose template for the period the person may take (a unit reporter: its own): code -> name."""
    own = identity.units if identity else ()
    return {u.code: u.name_vi if lang() == "vi" else u.name_en for u in plan.expected_units(period)
            if not own or u.code in own}


@dataclass(frozen=True)
class Annotated:
    """One refused file's annotated copy, built only when its button is clicked."""

    label: str
    data: Callable[[], bytes]
    name: str
    mime: str
    key: str


@dataclass(frozen=True)
class ResultView:
    failed: bool  # some file was refused
    summary: str
    results: pd.DataFrame
    warnings: Block
    problems: pd.DataFrame
    annotated: list[Annotated]


def result_view(result: LoadResult, sources: Sequence[bytes], plan: Plan) -> ResultView:
    """What the last upload did, file by file, with a marked-up copy of each refused file."""
    lg = lang()
    copies = [Annotated(tr("up.annotated", file=item.file_name), _annotate(data, item, lg),
                        annotated_name(item.file_name), annotated_mime(item.file_name), f"annot-{n}")
              for n, (item, data) in enumerate(zip(result.files, sources, strict=False)) if item.outcome == "rejected"]
    return ResultView(bool(result.count("rejected")), summary(result), results_frame(result, lg),
                      warnings_of(result, plan), problems_frame(result, lg), copies)


def _annotate(data: bytes, item: FileResult, lg: Lang) -> Callable[[], bytes]:
    return lambda: annotated_bytes(data, item, lg)


__all__ = ["XLSX_MIME", "lang", "load_uploads", "problems_frame", "results_frame", "summary", "template_bytes",
           "templates_zip"]
