"""The consolidated report an office forwards: targets, participation and reporting status as three tables.

Pure: query results (DataFrames) and the plan in, a `Consolidated` out, which `documents.consolidated_files`
writes as a styled workbook or a Word document. No UI imports, so the command line could build it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pandas as pd

from i18n import Lang, t
from plan.model import Plan

Kind = Literal["text", "int", "pct", "threshold", "date", "datetime"]
Cell = str | int | float | date | datetime | None
DASH = "—"


@dataclass(frozen=True)
class Column:
    label: str
    kind: Kind
    width: int  # characters, for the workbook


@dataclass(frozen=True)
class Section:
    sheet: str
    title: str
    note: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None


@dataclass(frozen=True)
class Consolidated:
    lang: Lang
    heading: str
    scope: str
    summary: str
    prepared: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Scope:
    """What the report covers: the period, the quarters of its activities, the units, the as-of day."""

    period_code: str
    quarters: tuple[str, ...]
    as_of_on: date
    units: str = ""  # empty: the whole plan area


# ---- formatting (the Word document and the on-screen preview) ----------------------------------
def fmt_cell(value: Cell, kind: Kind, lang: Lang) -> str:
    """A cell as text in the language's conventions: 1.234 and 70,5% in Vietnamese."""
    if value is None:
        return DASH
    if kind == "int" and isinstance(value, int | float):
        return _swap(f"{round(value):,}", lang)
    if kind in ("pct", "threshold") and isinstance(value, int | float):
        text = _swap(f"{value:.1f}%" if kind == "pct" else f"{value:g}%", lang)
        return text if kind == "pct" else f"≥ {text}"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")
    return str(value)


def _swap(text: str, lang: Lang) -> str:
    """English separators to Vietnamese ones (thousands '.', decimals ',')."""
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def preview(section: Section, lang: Lang) -> pd.DataFrame:
    """The table as the reader sees it: formatted text, total row last."""
    rows = [*section.rows, *([section.total] if section.total else [])]
    labels = [c.label for c in section.columns]
    return pd.DataFrame([[fmt_cell(v, c.kind, lang) for v, c in zip(r, section.columns, strict=True)] for r in rows],
                        columns=labels, dtype=str)


# ---- shaping the three tables ------------------------------------------------------------------
def _value(value: object) -> Cell:
    """A plain Python value, None for every kind of missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _value(value.item())
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value if isinstance(value, str | int | float | date) else str(value)


def _cols(lang: Lang, spec: Sequence[tuple[str, Kind, int]]) -> tuple[Column, ...]:
    return tuple(Column(t(f"cr.col.{key}", lang), kind, width) for key, kind, width in spec)


def _bounds(low: object, high: object, lang: Lang) -> str:
    lo, hi = _value(low), _value(high)
    if lo is None or hi is None:
        return DASH
    return f"{fmt_cell(lo, 'pct', lang)} – {fmt_cell(hi, 'pct', lang)}"


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def targets_section(plan: Plan, lang: Lang, df: pd.DataFrame) -> Section:
    """One row per indicator: threshold, achieved, status in words, n/N units, gap in people, bounds."""
    columns = _cols(lang, [("code", "text", 7), ("indicator", "text", 50), ("threshold", "threshold", 12),
                           ("achieved", "pct", 12), ("status", "text", 14), ("units", "text", 12),
                           ("gap", "int", 13), ("bounds", "text", 20)])
    rows = tuple((
        r["indicator_code"], _name(plan.indicator_by_code[r["indicator_code"]], lang), _value(r["target_pct"]),
        _value(r["achieved_pct"]), t(f"status.{r['status']}", lang), f"{r['units_reporting']}/{r['units_expected']}",
        _value(r["gap_people"]), _bounds(r["achieved_pct_low"], r["achieved_pct_high"], lang),
    ) for r in _records(df))
    return Section(t("cr.sheet.targets", lang), t("cr.targets", lang), t("cr.targets.note", lang), columns, rows)


PARTICIPATION_WIDTHS = {"n_activities": 11, "participants": 13, "men": 10, "women": 10, "ethnic_minority": 12,
                        "materials": 13}
PARTICIPATION_SUMS = tuple(PARTICIPATION_WIDTHS)


def participation_section(plan: Plan, lang: Lang, df: pd.DataFrame, quarters: str) -> Section:
    """Activity type × target group, in the plan's reference order, with a total row."""
    types = {r.code: (n, _name(r, lang)) for n, r in enumerate(plan.reference.activity_types)}
    groups = {r.code: (n, _name(r, lang)) for n, r in enumerate(plan.reference.target_groups)}
    columns = _cols(lang, [("activity_type", "text", 25), ("target_group", "text", 30),
                           *[(k, "int", w) for k, w in PARTICIPATION_WIDTHS.items()]])
    records = _records(df)
    for r in records:  # an unknown code (an older plan's list) shows as itself, after the known ones
        r["type"] = types.get(r["activity_type"], (len(types), r["activity_type"]))
        r["group"] = groups.get(r["target_group"], (len(groups), r["target_group"]))
    records.sort(key=lambda r: (r["type"], r["group"]))
    rows = tuple((r["type"][1], r["group"][1], *[_value(r[k]) for k in PARTICIPATION_SUMS]) for r in records)
    total: tuple[Cell, ...] = (t("cr.total", lang), "", *[int(df[k].sum()) for k in PARTICIPATION_SUMS])
    return Section(t("cr.sheet.participation", lang), t("cr.participation", lang),
                   t("cr.participation.note", lang, quarters=quarters), columns, rows, total if rows else None)


def status_section(plan: Plan, lang: Lang, df: pd.DataFrame) -> Section:
    """One row per expected unit, in the plan's order: due date, first received (local time), status, days late."""
    order = {u.code: n for n, u in enumerate(plan.units)}
    tz = ZoneInfo(plan.timezone)
    columns = _cols(lang, [("unit_code", "text", 10), ("unit", "text", 40), ("due_on", "date", 12),
                           ("received", "datetime", 17), ("report_status", "text", 16), ("days_late", "int", 11)])
    records = sorted(_records(df), key=lambda r: (order.get(r["unit_code"], len(order)), r["unit_code"]))
    rows = tuple((
        r["unit_code"], r[f"unit_name_{lang}"], _day(r["due_on"]), _local(r["first_received_at"], tz),
        t(f"status.{r['status']}", lang), _value(r["days_late"]),
    ) for r in records)
    return Section(t("cr.sheet.status", lang), t("cr.status", lang), t("cr.status.note", lang), columns, rows)


def _name(item: object, lang: Lang) -> str:
    return str(getattr(item, "name_vi" if lang == "vi" else "name_en"))


def _day(value: object) -> date | None:
    v = _value(value)
    return v.date() if isinstance(v, datetime) else v if isinstance(v, date) else None


def _local(value: object, tz: ZoneInfo) -> datetime | None:
    """Excel has no time zones: the plan's wall-clock time, without offset."""
    v = _value(value)
    if not isinstance(v, datetime):
        return None
    return v.astimezone(tz).replace(tzinfo=None) if v.tzinfo else v


# ---- the whole report --------------------------------------------------------------------------
def quarter_label(quarter: str, lang: Lang) -> str:
    year, q = quarter.split("-Q")
    return t("cr.quarter", lang, q=q, year=year)


def quarters_label(quarters: Sequence[str], lang: Lang) -> str:
    if not quarters:
        return t("cr.all_quarters", lang)
    first, last = quarter_label(min(quarters), lang), quarter_label(max(quarters), lang)
    return first if first == last else t("cr.quarter_range", lang, first=first, last=last)


def scope_line(plan: Plan, lang: Lang, scope: Scope) -> str:
    p = plan.period_by_code[scope.period_code]
    period = f"{p.name_vi if lang == 'vi' else p.name_en} ({p.code})"
    line = t("cr.scope", lang, plan=plan.title_vi if lang == "vi" else plan.title_en, period=period,
             as_of=fmt_cell(scope.as_of_on, "date", lang))
    return f"{line} · {t('cr.scope_units', lang, units=scope.units)}" if scope.units else line


def summary_line(lang: Lang, targets: pd.DataFrame, status: pd.DataFrame) -> str:
    received = int(status["first_received_at"].notna().sum())
    with_target = targets[targets["status"] != "no_target"]
    on_time = int(status["is_on_time"].eq(True).sum())
    return t("cr.summary", lang, received=received, expected=len(status), on_time=on_time,
             met=int((with_target["status"] == "met").sum()), targets=len(with_target))


def build(plan: Plan, lang: Lang, scope: Scope, frames: dict[str, pd.DataFrame], today: date) -> Consolidated:
    """frames: 'targets', 'participation', 'status' — the results of queries/app/report_*.sql."""
    sections = (targets_section(plan, lang, frames["targets"]),
                participation_section(plan, lang, frames["participation"], quarters_label(scope.quarters, lang)),
                status_section(plan, lang, frames["status"]))
    return Consolidated(lang, t("cr.heading", lang), scope_line(plan, lang, scope),
                        summary_line(lang, frames["targets"], frames["status"]),
                        t("cr.prepared", lang, day=fmt_cell(today, "date", lang)), sections)
