"""Validate the HoatDong sheet: dated activities with participants by sex."""

from __future__ import annotations

from collections import Counter
from datetime import date

from etl.contract import ACTIVITY_COLUMNS, ACTIVITY_MORE_COLUMNS, SHEET_ACTIVITIES
from etl.extract.raw import RawSheet
from etl.report import ActivityRow
from etl.text import fold
from etl.validate.cells import parse_amount, parse_count, parse_date
from etl.validate.info import Info
from etl.validate.resolve import resolver
from etl.validate.sheets import Collector, blank_row, empty_cell, find_header, footer_row, parsed, text_at

COLUMNS = ACTIVITY_COLUMNS + ACTIVITY_MORE_COLUMNS
COUNT_KEYS = ("participants", "men", "women", "ethnic_minority", "materials")
MAX_TEXT = 2000
OPTIONAL_TEXT = ("line", "note", "task_code", "funding_source")
S = SHEET_ACTIVITIES


def _blank_row(sheet: RawSheet, r: int, cols: dict[str, int]) -> bool:
    if blank_row(sheet, r):
        return True
    return all(empty_cell(sheet, r, c) for k, c in cols.items() if k not in OPTIONAL_TEXT)


def _day(info: Info, sheet: RawSheet, r: int, col: int, out: Collector) -> date | None:
    day = parsed(sheet, r, col, parse_date, out, year=info.plan.year)
    if day is None and empty_cell(sheet, r, col):
        out.add("value_missing", S, r, col, label="Ngày")
    elif day is not None and day.year != info.plan.year:
        out.add("date_outside_year", S, r, col, value=day.strftime("%d/%m/%Y"), year=info.plan.year)
        return None
    elif day is not None and not _in_window(info, day, r, col, out):
        return None
    return day


def _in_window(info: Info, day: date, r: int, col: int, out: Collector) -> bool:
    """Activities held from 1 January up to the period's end, and not after the report's own date."""
    period = info.plan.period_by_code[info.period_code]
    if day > period.ends_on:
        out.add("activity_after_period", S, r, col, value=day.strftime("%d/%m/%Y"),
                period=f"{period.name_vi}/{info.plan.year}", ends=period.ends_on.strftime("%d/%m/%Y"))
        return False
    if info.report_on is not None and day > info.report_on:
        out.add("activity_after_report", S, r, col, value=day.strftime("%d/%m/%Y"),
                report_on=info.report_on.strftime("%d/%m/%Y"))
        return False
    return True


def _choice(info: Info, sheet: RawSheet, r: int, col: int, kind: str, out: Collector) -> str | None:
    text = text_at(sheet, r, col)
    res = resolver(info.plan)
    code = res.activity_type(text) if kind == "activity_type" else res.target_group(text)
    items = info.plan.reference.activity_types if kind == "activity_type" else info.plan.reference.target_groups
    if code is None:
        out.add(f"{kind}_unknown", S, r, col, value=text, allowed="; ".join(i.name_vi for i in items))
    return code


def _read_counts(sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> dict[str, int | None]:
    """Blank cells count 0; an unusable cell (reported here) is None and takes no part in the sums."""
    counts: dict[str, int | None] = {}
    for key in COUNT_KEYS:
        before = len(out.problems)
        value = parsed(sheet, r, cols.get(key), parse_count, out)
        if value is not None and value < 0:
            out.add("negative", S, r, cols[key], value=value)
        counts[key] = (value or 0) if len(out.problems) == before else None
    return counts


def _counts(sheet: RawSheet, r: int, cols: dict[str, int], out: Collector) -> dict[str, int] | None:
    before = len(out.problems)
    c = _read_counts(sheet, r, cols, out)
    total, men, women, minority = c["participants"], c["men"], c["women"], c["ethnic_minority"]
    if total is not None and men is not None and women is not None and men + women != total:
        out.add("sex_sum_mismatch", S, r, cols["participants"], men=men, women=women, sum=men + women, total=total)
    if total is not None and women is not None and women > total:
        out.add("women_gt_total", S, r, cols["women"], women=women, total=total)
    if total is not None and minority is not None and minority > total:
        out.add("minority_gt_total", S, r, cols.get("ethnic_minority"), minority=minority, total=total)
    if len(out.problems) > before:
        return None
    return {k: v or 0 for k, v in c.items()}


def _topic(sheet: RawSheet, r: int, col: int, out: Collector) -> str | None:
    topic = text_at(sheet, r, col)
    if not topic:
        out.add("topic_missing", S, r, col)
        return None
    if len(topic) > MAX_TEXT:
        out.add("text_too_long", S, r, col, length=len(topic), limit=MAX_TEXT)
        return None
    return topic


def _links(info: Info, sheet: RawSheet, r: int, cols: dict[str, int],
           out: Collector) -> tuple[str | None, int | None, str | None] | None:
    """The task an activity serves, its cost and funding source (all optional); None when one is wrong."""
    before = len(out.problems)
    typed = text_at(sheet, r, cols.get("task_code"))
    res = resolver(info.plan)
    task = res.own_task(info.unit_code, typed)
    if typed and task is None:
        out.add("task_not_assigned", S, r, cols["task_code"], value=typed, unit=info.unit_code,
                allowed=", ".join(res.own_tasks(info.unit_code)))
    cost = parsed(sheet, r, cols.get("cost"), parse_amount, out)
    if cost is not None and cost < 0:
        out.add("negative", S, r, cols["cost"], value=cost)
    named = text_at(sheet, r, cols.get("funding_source"))
    source = res.source(named)
    if named and source is None:
        sources = info.plan.budget.sources if info.plan.budget else ()
        out.add("source_unknown", S, r, cols["funding_source"], value=named,
                allowed="; ".join(s.name_vi for s in sources))
    return (task, cost, source) if len(out.problems) == before else None


def _row(info: Info, sheet: RawSheet, r: int, cols: dict[str, int], out: Collector,
         seen: Counter[str]) -> ActivityRow | None:
    day = _day(info, sheet, r, cols["activity_on"], out)
    kind = _choice(info, sheet, r, cols["activity_type"], "activity_type", out)
    group = _choice(info, sheet, r, cols["target_group"], "target_group", out)
    topic = _topic(sheet, r, cols["topic"], out)
    counts = _counts(sheet, r, cols, out)
    links = _links(info, sheet, r, cols, out)
    if day is None or kind is None or group is None or topic is None or counts is None or links is None:
        return None
    note = text_at(sheet, r, cols.get("note"))[:MAX_TEXT]
    # The occurrence number keeps two identical lines of one report apart.
    key = f"{day.isoformat()}|{kind}|{group}|{fold(topic)[:200]}"
    seen[key] += 1
    return ActivityRow(sum(seen.values()), day, kind, topic, group, counts["participants"], counts["men"],
                       counts["women"], counts["ethnic_minority"], counts["materials"], note, f"{key}|{seen[key]}",
                       r + 1, *links)


def validate_activities(info: Info, sheet: RawSheet, out: Collector) -> list[ActivityRow]:
    header = find_header(sheet, COLUMNS, out)
    if header is None:
        return []
    top, cols = header
    rows = []
    seen: Counter[str] = Counter()
    for r in range(top + 1, len(sheet.rows)):
        if footer_row(sheet, r):
            break
        if not _blank_row(sheet, r, cols):
            row = _row(info, sheet, r, cols, out, seen)
            if row is not None:
                rows.append(row)
    return rows
