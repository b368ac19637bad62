"""The plan's tasks in the official report (report_official_tasks: one row per task × unit assigned): sections III
and IV by status, the tasks behind, one task's progress and result, and the units' difficulties and proposals."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from documents.official_report_figures import Figures
from documents.official_report_model import Block, Para
from documents.official_report_words import num, pending
from i18n import Lang, t
from plan.model import Plan

DONE = ("da_hoan_thanh", "hoan_thanh_vuot")
STARTED = ("dang_trien_khai",)
IDLE = ("chua_trien_khai",)
UNREPORTED = ("not_reported",)
DROPPED = ("khong_thuc_hien", "chuyen_nam_sau")


def task_rows(fig: Figures, codes: Iterable[str] | None = None) -> pd.DataFrame | None:
    """The task rows of the figures (the codes given, or all); None when there are none."""
    df = fig.extra.get("tasks")
    if df is None or df.empty:
        return None
    rows = df if codes is None else df[df["task_code"].isin(list(codes))]
    return None if rows.empty else rows


def part_of(section: str) -> str:
    """'III.2, IV.1' -> 'III': a task counts under the part of the plan its first section belongs to."""
    return section.split(",")[0].split(".")[0].strip()


def _counts(status: pd.Series, lang: Lang) -> str:
    """'3 lượt đã hoàn thành (có 1 lượt hoàn thành vượt), 2 lượt đang triển khai, …': the statuses that occur."""
    over = int((status == "hoan_thanh_vuot").sum())
    parts = [t(key, lang, n=num(status.isin(group).sum(), lang))
             + (t("or.tasks_over", lang, n=num(over, lang)) if group == DONE and over else "")
             for key, group in (("or.tasks_done", DONE), ("or.tasks_started", STARTED), ("or.tasks_idle", IDLE),
                                ("or.tasks_unreported", UNREPORTED), ("or.tasks_dropped", DROPPED))
             if status.isin(group).any()]
    return ", ".join(parts)


def _starts_later(plan: Plan, code: str, fig: Figures) -> bool:
    task = next((x for x in plan.tasks if x.code == code), None)
    return task is not None and task.starts_on is not None and task.starts_on > fig.as_of_on


def behind(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    """The tasks some assigned unit has not started (or not reported on), unless the task starts later."""
    rows = task_rows(fig)
    if rows is None:
        return []
    out: list[Block] = []
    for code, r in rows.groupby("task_code", sort=False):
        idle = int(r["status"].isin(IDLE + UNREPORTED).sum())
        if idle and not _starts_later(plan, str(code), fig):
            out.append(Para("- " + t("or.task_behind", lang, code=code, text=_text(r, lang), idle=num(idle, lang),
                                     slots=num(len(r), lang))))
    return [Para(t("or.tasks_behind_lead", lang)), *out] if out else []


def by_part(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    """Part I's account of the tasks: per part of the plan, tasks, assignments and their status; then the laggards."""
    rows = task_rows(fig)
    if rows is None:
        return [pending("or.what.direction", lang)]
    out: list[Block] = []
    for part, r in rows.groupby(rows["section"].map(part_of), sort=False):
        out.append(Para("- " + t("or.tasks_part", lang, part=part, tasks=num(r["task_code"].nunique(), lang),
                                 slots=num(len(r), lang), counts=_counts(r["status"], lang)) + "."))
    return [Para(t("or.tasks_lead", lang)), *out, *behind(plan, fig, lang)]


def _text(rows: pd.DataFrame, lang: Lang) -> str:
    return str(rows[f"text_{lang}"].iloc[0]).rstrip(".")


def _result(rows: pd.DataFrame, lang: Lang) -> str:
    given, unit = rows["result"].dropna(), rows[f"measure_unit_{lang}"].iloc[0]
    if given.empty or not isinstance(unit, str):
        return ""
    return t("or.task_result", lang, result=num(given.sum(), lang), unit=unit)


def task_lines(fig: Figures, lang: Lang, codes: tuple[str, ...], missing: str) -> list[Block]:
    """One line per task of the codes (plan order): progress across its units and the result so far."""
    rows = task_rows(fig, codes)
    if rows is None:
        return [pending(missing, lang)]
    return [Para("- " + t("or.task_line", lang, code=code, text=_text(r, lang), slots=num(len(r), lang),
                          counts=_counts(r["status"], lang)) + _result(r, lang) + ".")
            for code, r in rows.groupby("task_code", sort=False)]


def _items(text: object) -> list[str]:
    parts = re.split(r"[;\n]+", "" if pd.isna(text) else str(text))  # type: ignore[call-overload]
    items = (p.strip(" .-•\t") for p in parts)
    return [i[:1].upper() + i[1:] for i in items if i]


def raised(fig: Figures, column: str, lang: Lang) -> list[Block]:
    """The units' difficulties or proposals: split into items, the same item (any case or spacing) once, with
    the units that raised it; no blocks when no unit wrote any."""
    rows = task_rows(fig)
    found: dict[str, tuple[str, list[str]]] = {}
    for r in ([] if rows is None else rows.to_dict("records")):
        for item in _items(r[column]):
            key = " ".join(item.casefold().split())
            units = found.setdefault(key, (item, []))[1]
            if r[f"unit_name_{lang}"] not in units:
                units.append(str(r[f"unit_name_{lang}"]))
    return [Para("- " + t("or.raised_item", lang, item=text, units=", ".join(units))) for text, units in
            found.values()]
