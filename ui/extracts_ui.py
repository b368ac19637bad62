"""Widgets and reads of the Data and Consolidated report pages: view extracts, load history, the report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from documents.consolidated import Consolidated, Scope, Section, build, preview
from documents.extracts import QUARTERLY, VIEWS, extract_name, filter_tag, local_times, view_params, view_query
from i18n import Lang
from i18n.catalog import CATALOG
from ui.downloads import XLSX_MIME
from ui.filters import Filters
from ui.i18n import fmt_int, lang, tr
from ui.reads import cache_key, data_version, frame, plans

VIEW_KEY = "da_view"
ALL_PERIODS_KEY = "da_all_periods"
LOAD_KEY = "da_load"
ONLY_REJECTED_KEY = "da_only_rejected"
LOADS_SHOWN = 20
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PCT_COLUMNS = ("_pct", "_pct_low", "_pct_high", "gap_pp", "mean_days_late")


# ---- the documented views ----------------------------------------------------------------------
def view_chooser() -> str:
    labels = {v: f"{tr(f'da.view.{v}')} ({v})" for v in VIEWS}  # fixed now: AppTest calls format_func later
    if st.session_state.get(VIEW_KEY) not in VIEWS:
        st.session_state[VIEW_KEY] = VIEWS[0]
    return str(st.selectbox(tr("da.view"), VIEWS, key=VIEW_KEY, format_func=labels.__getitem__))


def view_frame(view: str, f: Filters, all_periods: bool) -> pd.DataFrame:
    """The view's rows under the filters: plan, period (or its quarters), unit types, units, as of."""
    period = None if all_periods or view == QUARTERLY else f.period_code  # QUARTERLY: by f.quarters
    quarters = [] if all_periods else f.quarters
    params = view_params(view, f.as_of, plan_id=f.plan.plan_id, period=period, quarters=quarters,
                         unit_types=f.unit_types, units=f.units)
    return local_times(frame(view_query(view), **params), f.plan.timezone)


def scope_name(view: str, f: Filters, all_periods: bool) -> str:
    """The period and unit part of an extract's file name: what its rows cover."""
    if all_periods:
        period = f"{f.plan.year}-all"
    else:
        period = f.quarter if view == "v_participation" and f.mode == "quarter" else f.period_code
    tag = filter_tag(f.unit_types, f.units)
    return f"{period}_{tag}" if tag else period


def column_config(df: pd.DataFrame) -> dict[str, Any]:
    """Screen only (the files keep the views' names and full values): headings in the chosen language, the
    view's own column name as the heading's help, dates, times, percentages."""
    day = "DD/MM/YYYY" if lang() == "vi" else "YYYY-MM-DD"
    config: dict[str, Any] = {}
    for col in df.columns:
        label, raw = (tr(f"vcol.{col}") if f"vcol.{col}" in CATALOG else str(col)), str(col)
        if isinstance(df[col].dtype, pd.DatetimeTZDtype):
            config[col] = st.column_config.DatetimeColumn(label, help=raw, format=f"{day} HH:mm")
        elif pd.api.types.is_datetime64_dtype(df[col]):
            config[col] = st.column_config.DatetimeColumn(label, help=raw, format=day)
        elif str(col).endswith(PCT_COLUMNS) and pd.api.types.is_float_dtype(df[col]):
            config[col] = st.column_config.NumberColumn(label, help=raw, format="%.1f")
        else:
            config[col] = st.column_config.Column(label, help=raw)
    return config


def on_screen(df: pd.DataFrame) -> pd.DataFrame:
    """Statuses and unit types named in the chosen language on screen (the files keep the codes)."""
    out = df.copy()
    for col, family in (("status", "status"), ("unit_type", "unit_type")):
        if col in out.columns:
            out[col] = out[col].map(lambda v, f=family: tr(f"{f}.{v}") if f"{f}.{v}" in CATALOG else v)
    return out


def row_count(view: str, df: pd.DataFrame) -> str:
    return f"{tr(f'da.grain.{view}')} {tr('da.rows', rows=fmt_int(len(df)), cols=len(df.columns))}"


# ---- load history ------------------------------------------------------------------------------
def _when(value: object, tz: str) -> str:
    if not isinstance(value, datetime) or pd.isna(value):
        return "—"
    local = value.astimezone(ZoneInfo(tz))
    return local.strftime("%d/%m/%Y %H:%M" if lang() == "vi" else "%Y-%m-%d %H:%M")


def _labelled(df: pd.DataFrame, columns: list[str], tz: str = "UTC") -> pd.DataFrame:
    """The columns asked for, times as local text, outcomes in words, headers in the user's language."""
    out = df[columns].copy()
    for col in columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = [_when(v, tz) for v in out[col]]
    if "outcome" in out:
        out["outcome"] = out["outcome"].map(lambda o: tr(f"outcome.{o}"))
    return out.rename(columns={c: tr(f"da.col.{c}") for c in columns})


def loads_table(loads: pd.DataFrame, tz: str) -> pd.DataFrame:
    return _labelled(loads, ["load_id", "started_at", "finished_at", "source", "loaded_by", "n_files", "n_accepted",
                             "n_rejected"], tz)


def load_chooser(loads: pd.DataFrame, tz: str) -> int:
    ids = [int(i) for i in loads["load_id"]]
    labels = {int(r["load_id"]): tr("da.load.option", load_id=r["load_id"], at=_when(r["started_at"], tz),
                                    files=fmt_int(r["n_files"]), rejected=fmt_int(r["n_rejected"]))
              for r in loads.to_dict("records")}
    if st.session_state.get(LOAD_KEY) not in ids:
        st.session_state[LOAD_KEY] = ids[0]
    return int(st.selectbox(tr("da.load"), ids, key=LOAD_KEY, format_func=labels.__getitem__))


def load_summary(loads: pd.DataFrame, load_id: int) -> str:
    row = loads[loads["load_id"] == load_id].iloc[0]
    return tr("da.files.summary", files=fmt_int(row["n_files"]), accepted=fmt_int(row["n_accepted"]),
              rejected=fmt_int(row["n_rejected"]))


def loads() -> pd.DataFrame:
    """The latest loads, newest first."""
    return frame("app/load_history", limit=LOADS_SHOWN)


def load_files(load_id: int, only_rejected: bool) -> pd.DataFrame:
    """The files of one load, or only those it refused."""
    files = frame("app/data_load_files", load_id=load_id)
    return files[files["outcome"] == "rejected"] if only_rejected else files


def load_problems(load_id: int) -> pd.DataFrame:
    return frame("app/data_problems", load_id=load_id)


def files_table(files: pd.DataFrame, tz: str) -> pd.DataFrame:
    return _labelled(files, ["file_no", "file_name", "outcome", "unit_code", "period_code", "version", "received_at",
                             "n_problems"], tz)


def problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """One row per problem, in the user's language: file, sheet, row, column, what is wrong, how to fix."""
    out = problems.assign(message=problems[f"message_{lang()}"], fix=problems[f"fix_{lang()}"])
    return _labelled(out, ["file_name", "sheet", "row_no", "column_ref", "message", "fix"])


# ---- the consolidated report -------------------------------------------------------------------
def units_scope(f: Filters) -> str:
    if f.units:
        return ", ".join(f.units)
    return ", ".join(tr(f"unit_type.{t}") for t in f.unit_types)


def consolidated(f: Filters) -> tuple[Consolidated, tuple[pd.DataFrame, ...]]:
    """The three tables for the chosen period under the filters, as one report, with each table's preview."""
    key = cache_key(f.params())
    scope = Scope(f.period_code, tuple(f.quarters), f.as_of_date, units_scope(f))
    return _consolidated(key, scope, lang(), f.plan.today(), data_version())


@st.cache_resource(max_entries=32, show_spinner=False)
def _consolidated(params: tuple[tuple[str, Any], ...], scope: Scope, lg: Lang, today: date,
                  version: tuple[int, int]) -> tuple[Consolidated, tuple[pd.DataFrame, ...]]:
    """Built once per filter choice, language, day and warehouse version; shared read-only."""
    given = dict(params)
    frames = {"targets": frame("app/report_targets", **given, period=scope.period_code),
              "participation": frame("app/report_participation", **given, quarters=list(scope.quarters)),
              "status": frame("app/report_status", **given, period=scope.period_code)}
    report = build(plans()[str(given["plan_id"])], lg, scope, frames, today)
    return report, tuple(preview(section, lg) for section in report.sections)


def preview_config(section: Section) -> dict[str, Any]:
    """Figures (shown as formatted text) aligned right, as in the files."""
    return {c.label: st.column_config.TextColumn(alignment="right") for c in section.columns if c.kind != "text"}


def _file(report: Consolidated, kind: str) -> bytes:
    """Built on click: the Excel and Word writers (15 MB) load with the first download only."""
    from documents import consolidated_files

    return consolidated_files.to_docx(report) if kind == "docx" else consolidated_files.to_xlsx(report)


def report_downloads(report: Consolidated, f: Filters) -> None:
    """The workbook and the Word document, built only when clicked."""
    what = tr("cr.file", plan=f.plan.plan_id)
    tag = filter_tag(f.unit_types, f.units)
    left, right = st.columns(2)
    left.download_button(tr("cr.download_xlsx"), lambda: _file(report, "xlsx"),
                         extract_name(what, f.period_code, f.as_of_date, "xlsx", tag), XLSX_MIME, key="cr-xlsx",
                         on_click="ignore", type="primary", width="stretch", icon=":material/table_view:")
    right.download_button(tr("cr.download_docx"), lambda: _file(report, "docx"),
                          extract_name(what, f.period_code, f.as_of_date, "docx", tag), DOCX_MIME, key="cr-docx",
                          on_click="ignore", width="stretch", icon=":material/description:")
