"""Budget by funding source (report_official_budget) and cases (report_official_cases) in the official report.

Cases: the query reads cases_at only, so a unit's small count is already hidden there; this module prints the sum
of the counts shown, how many units' counts are hidden, and applies the same rule once more to the sum itself."""

from __future__ import annotations

from typing import Any

from documents.official_report_figures import Figures, number, records
from documents.official_report_model import Block, Para
from documents.official_report_words import num, pct, pending
from i18n import Lang, t
from plan.model import Plan

SOCIAL = "xa_hoi_hoa"  # the funding source that is social mobilisation


def _money(value: object, lang: Lang) -> str:
    return t("or.dong", lang, amount=num(value, lang))


def _source_line(r: dict[str, Any], lang: Lang) -> str:
    text = t("or.budget_source", lang, name=r[f"source_name_{lang}"], estimate=_money(r["estimate"], lang),
             spent=_money(r["spent"], lang))
    if number(r["spent_pct"]) is not None:
        text += t("or.budget_pct", lang, pct=pct(r["spent_pct"], lang))
    if number(r["settlement"]) is not None:
        text += t("or.budget_settled", lang, settled=_money(r["settlement"], lang))
    return "- " + text + "."


def budget(fig: Figures, lang: Lang) -> list[Block]:
    """Totals, then each source with figures (estimate, spent, % disbursed), social mobilisation named, and the
    sources no unit has figures for."""
    df = fig.extra.get("budget")
    if df is None:
        return [pending("or.what.budget", lang)]
    rows = [r for r in records(df) if number(r["estimate"]) is not None
                                  or number(r["spent"]) is not None]
    if not rows:
        return [pending("or.what.budget", lang)]
    estimate = sum(number(r["estimate"]) or 0 for r in rows)
    spent = sum(number(r["spent"]) or 0 for r in rows)
    lead = t("or.budget_total", lang, estimate=_money(estimate, lang), spent=_money(spent, lang),
             pct=pct(100 * spent / estimate if estimate else None, lang))
    social = next((r for r in rows if r["source_code"] == SOCIAL), None)
    if social is not None:
        lead += t("or.budget_social", lang, amount=_money(social["estimate"], lang))
    out: list[Block] = [Para(lead + "."), *(Para(_source_line(r, lang)) for r in rows)]
    given = {r["source_code"] for r in rows}
    empty = [str(r[f"source_name_{lang}"]) for r in records(df) if r["source_code"] not in given]
    return [*out, Para(t("or.budget_none", lang, names=", ".join(empty)))] if empty else out


def _shown(r: dict[str, Any], below: int) -> int | None:
    """The sum of the counts cases_at shows, or None when it would itself be a small number."""
    n = int(number(r["n_shown"]) or 0)
    return None if 0 < n < below else n


def _case_line(r: dict[str, Any], below: int, lang: Lang) -> str:
    n, hidden = _shown(r, below), int(r["units_hidden"])
    name, unit = r[f"measure_name_{lang}"], r["unit_vi"] if lang == "vi" else ""
    if not n:
        key = "or.case_hidden" if hidden or n is None else "or.case_none"
        return "- " + t(key, lang, name=name, below=num(below, lang)) + "."
    text = t("or.case_count", lang, name=name, n=num(n, lang), unit=unit).rstrip()  # the view names units in vi only
    if hidden:
        text += t("or.case_count_hidden", lang, units=num(hidden, lang), below=num(below, lang))
    return "- " + text + "."


def cases(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    """Year-to-date case counts per measure, never a count the view hides."""
    df = fig.extra.get("cases")
    if df is None or df.empty or plan.cases is None:
        return [pending("or.what.cases", lang)]
    below = plan.cases.suppress_below
    lines = [Para(_case_line(r, below, lang)) for r in records(df)]
    return [Para(t("or.cases_lead", lang)), *lines, Para(t("or.cases_note", lang, below=num(below, lang)), "note")]
