"""View model of the tasks page: the plan's tasks (sections III–IV) by unit and status, cached per filter choice.

The unit × task status matrix, completion by unit and by plan section, the tasks still not started at the
nine-month report or later, and the difficulties and proposals units wrote, grouped for the report's
assessment section. Rows come from queries/app/task_status.sql (v_task_status for one period).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from ui.activity import Block, block, headers
from ui.charts.tasks import TASK_ORDER, status_bars, status_label, status_matrix
from ui.filters import Filters
from ui.formats import fmt_int, fmt_pct
from ui.i18n import lang
from ui.reads import cache_key, data_version, frame, plans
from ui.shaping import ordered, period_name, plan_order, unit_name

DONE = ("hoan_thanh_vuot", "da_hoan_thanh")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def task_texts(plan: Plan, lang: Lang) -> dict[str, str]:
    return {k.code: k.text_vi if lang == "vi" else k.text_en for k in plan.tasks}


def shaped(rows: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    """Assignments in the plan's unit order, with the unit's and the task's names."""
    out = ordered(rows, "unit_code", plan_order(plan, "unit_code")).reset_index(drop=True)
    texts = task_texts(plan, lang)
    return out.assign(unit=[unit_name(plan, c, lang) for c in out["unit_code"]],
                      task_text=[texts.get(k, k) for k in out["task_code"]])


def counts(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Assignments per value of `by` and status (every status a column), with the share done."""
    out = pd.crosstab(rows[by], rows["status"]).reindex(columns=list(TASK_ORDER), fill_value=0)
    out.insert(0, "done_pct", 100.0 * out[list(DONE)].sum(axis=1) / out.sum(axis=1))
    out.insert(0, "n_tasks", out[list(TASK_ORDER)].sum(axis=1))
    return out.reset_index().rename_axis(columns=None)


def by_unit(rows: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    out = counts(rows, "unit_code")
    out = ordered(out, "unit_code", plan_order(plan, "unit_code")).reset_index(drop=True)
    names = dict(zip(rows["unit_code"], rows["unit"], strict=False))
    out.insert(1, "unit_name", out["unit_code"].map(names))
    return out


def section_key(section: str) -> tuple[int, int, str]:
    """'III.2' before 'IV.1' before 'IV.10'."""
    m = re.match(r"^([IVX]+)\.?(\d*)", section)
    return (ROMAN.get(m.group(1), 99), int(m.group(2) or 0), section) if m else (99, 0, section)


def by_section(rows: pd.DataFrame) -> pd.DataFrame:
    """A task listed under several sections ('III.2, IV.1') counts in each of them."""
    each = rows.assign(section=rows["section"].str.split(",")).explode("section")
    out = counts(each.assign(section=each["section"].str.strip()), "section")
    return out.sort_values("section", key=lambda s: s.map(section_key)).reset_index(drop=True)


def matrix_table(rows: pd.DataFrame, tasks: list[str], lang: Lang) -> pd.DataFrame:
    """One row per unit, one column per task: its status (the lead unit's said in words, since the table is also
    downloaded: the chart's ● stays on the chart), blank where not assigned."""
    lead = f" ({t('task.role.chu_tri', lang)})"
    cell = [status_label(s, lang) + (lead if r == "chu_tri" else "")
            for s, r in zip(rows["status"], rows["role"], strict=True)]
    wide = rows.assign(cell=cell).pivot(index=["unit_code", "unit"], columns="task_code", values="cell")
    wide = wide.reindex(columns=tasks).fillna("").reset_index().rename_axis(columns=None)
    order = list(dict.fromkeys(rows["unit_code"]))
    return wide.set_index("unit_code").loc[order].reset_index()


NOT_STARTED_COLUMNS = ("unit_code", "unit", "task_code", "section", "task_text", "role", "is_carried_forward")


def not_started(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Assignments still 'not started' in the chosen report, task by task."""
    out = rows.loc[rows["status"] == "chua_trien_khai"].sort_values("task_code", kind="stable")
    out = out.assign(role=[t(f"task.role.{r}", lang) for r in out["role"]])
    return out[list(NOT_STARTED_COLUMNS)].reset_index(drop=True)


def remarks(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each distinct text units wrote in `column` in the chosen report (not carried forward), the units
    that wrote it and for which tasks, most often written first."""
    given = rows.loc[~rows["is_carried_forward"].astype(bool)].assign(text=rows[column].fillna("").str.strip())
    given = given.loc[given["text"] != ""]
    if given.empty:
        return pd.DataFrame({"text": [], "n_units": [], "units": [], "tasks": []})
    out = given.groupby("text", sort=False).agg(
        n_units=("unit_code", "nunique"), units=("unit", lambda s: ", ".join(dict.fromkeys(s))),
        tasks=("task_code", lambda s: ", ".join(sorted(set(s)))))
    return out.reset_index().sort_values("n_units", ascending=False, kind="stable").reset_index(drop=True)


# ---- the page's view, cached per filter choice ------------------------------------------------

def nine_months(plan: Plan) -> str | None:
    """The plan's nine-month report: the period closing the third quarter."""
    return next((p.code for p in plan.periods if p.quarter.endswith("-Q3")), None)


def _status_heads(lead: tuple[str, ...], lang: Lang) -> dict[str, str]:
    return headers((*lead, "n_tasks", "done_pct"), "tk", lang) | {s: status_label(s, lang) for s in TASK_ORDER}


def _bars_block(table: pd.DataFrame, lead: tuple[str, ...], by: str, title: str, lang: Lang) -> Block:
    heads = {c: h for c, h in _status_heads(lead, lang).items() if c in table.columns}
    return block(table, heads, lang, status_bars(table, by, title, lang))


def _remarks_block(rows: pd.DataFrame, column: str, lang: Lang) -> Block:
    return block(remarks(rows, column), headers(("text", "n_units", "units", "tasks"), "tk", lang), lang)


@dataclass(frozen=True)
class TasksView:
    kpis: list[tuple[str, str]]  # label, value
    matrix: Block  # unit × task statuses, its heatmap
    by_unit: Block
    by_section: Block
    not_started: Block | None  # None before the nine-month report
    not_started_title: str
    not_started_note: str  # what the list holds, or why there is none yet
    difficulties: Block
    proposals: Block
    scope: str  # the period code that names the downloaded files


def _kpis(rows: pd.DataFrame, lang: Lang) -> list[tuple[str, str]]:
    n = len(rows)
    seen = rows["status"].value_counts()
    done = int(seen.reindex(list(DONE), fill_value=0).sum())
    return [(t("tk.kpi.assignments", lang), fmt_int(n, lang)),
            (t("tk.kpi.done_pct", lang), fmt_pct(100.0 * done / n, lang)),
            *((status_label(s, lang), fmt_int(int(seen.get(s, 0)), lang))
              for s in ("dang_trien_khai", "chua_trien_khai", "not_reported"))]


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(params: tuple[tuple[str, Any], ...], period_code: str, lg: Lang,
          version: tuple[int, int]) -> TasksView | None:
    given = dict(params)
    plan = plans()[str(given["plan_id"])]
    raw = frame("app/task_status", **given, period=period_code)
    if raw.empty:
        return None
    rows = shaped(raw, plan, lg)
    tasks = [k.code for k in plan.tasks if k.code in set(rows["task_code"])]
    matrix = block(matrix_table(rows, tasks, lg), headers(("unit_code", "unit"), "tk", lg) | {k: k for k in tasks},
                   lg, status_matrix(rows, list(dict.fromkeys(rows["unit"])), tasks, lg))
    nine = nine_months(plan)
    late = nine is not None and plan.period_index(period_code) >= plan.period_index(nine)
    period, nine_name = period_name(plan, period_code, lg), period_name(plan, nine or "", lg)
    return TasksView(
        _kpis(rows, lg), matrix,
        _bars_block(by_unit(rows, plan), ("unit_code", "unit_name"), "unit_name", t("tk.chart.by_unit", lg), lg),
        _bars_block(by_section(rows), ("section",), "section", t("tk.chart.by_section", lg), lg),
        block(not_started(rows, lg), headers(NOT_STARTED_COLUMNS, "tk", lg), lg) if late else None,
        t("tk.not_started.title", lg, nine=nine_name),
        t("tk.not_started.caption" if late else "tk.not_started.early", lg, period=period, nine=nine_name),
        _remarks_block(rows, "difficulties", lg), _remarks_block(rows, "proposals", lg), period_code)


def view(f: Filters) -> TasksView | None:
    """The page for the filters in force; None when no unit chosen has a task in the plan."""
    if not f.plan.tasks:
        return None
    return _view(cache_key(f.params()), f.period_code, lang(), data_version())
