"""View model of the official report on the Report page: the figures of the chosen period, the Word draft on click."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from documents.extracts import extract_name
from documents.official_report_figures import Compared, Figures
from ui.extracts_ui import DOCX_MIME
from ui.filters import Filters
from ui.i18n import lang, tr
from ui.reads import frame
from ui.same_period_report import report_compared


def _area(f: Filters) -> dict[str, object]:
    """The official report covers the whole plan area, whatever units the sidebar narrows the screens to."""
    return {"plan_id": f.plan.plan_id, "as_of": f.as_of, "unit_types": [], "units": []}


def _compared(f: Filters, row: dict[str, object]) -> Compared:
    name = str(row["name_vi"] if lang() == "vi" else row["name_en"])
    return Compared(name, frame("app/report_official_targets", **{**_area(f), "plan_id": row["plan_id"],
                                                                 "period": row["period_code"]}))


def _comparisons(f: Filters) -> dict[str, Compared]:
    """The previous period of the plan, and the same period of the latest earlier plan year on today's units."""
    rows = frame("app/report_official_compare", plan_id=f.plan.plan_id, period=f.period_code)
    out = {str(r["comparison"]): _compared(f, {str(k): v for k, v in r.items()}) for r in rows.to_dict("records")}
    same = report_compared(f, lang())
    return out if same is None else out | {"last_year": same}


def _extra(f: Filters) -> dict[str, pd.DataFrame]:
    """The task, budget and case figures of the period, over the whole plan area (report_official_*.sql)."""
    params = {"plan_id": f.plan.plan_id, "period": f.period_code, "as_of": f.as_of}
    return {name: frame(f"app/report_official_{name}", **params) for name in ("tasks", "budget", "cases")}


def figures(f: Filters) -> Figures:
    """The chosen period's figures, year to date, over the whole plan area, as of the sidebar's day."""
    period = f.plan.period_by_code[f.period_code]
    quarters = sorted({p.quarter for p in f.plan.periods if p.quarter <= period.quarter})
    area, compared = _area(f), _comparisons(f)
    return Figures(f.period_code, f.as_of_date, tuple(quarters),
                   frame("app/report_official_targets", **area, period=f.period_code),
                   frame("app/report_participation", **area, quarters=quarters),
                   frame("app/report_status", **area, period=f.period_code),
                   frame("app/report_official_quarters", **area, quarters=quarters),
                   compared.get("previous"), compared.get("last_year"), _extra(f))


def draft(f: Filters, fig: Figures) -> bytes:
    """Built on click: the Word writer loads with the first download only."""
    from documents import official_report, official_report_docx

    today = f.plan.today()
    return official_report_docx.to_docx(official_report.build(f.plan, lang(), fig, today))


def draft_download(f: Filters, fig: Figures) -> None:
    name = extract_name(tr("or.file", plan=f.plan.plan_id), f.period_code, f.as_of_date, "docx")
    st.download_button(tr("or.download"), lambda: draft(f, fig), name, DOCX_MIME, key="or-docx", on_click="ignore",
                       type="primary", icon=":material/history_edu:")

