"""Part II of the official report, the results: communication, targets, training, the Action Month, models and
support with the cases, empowerment, women in leadership, inspection and the budget."""

from __future__ import annotations

from documents.official_report_figures import COMMUNICATION, MEASURES, Figures, Totals, by_type, records, row_of, totals
from documents.official_report_model import Block, Grid, Para
from documents.official_report_money import budget, cases
from documents.official_report_tasks import task_lines
from documents.official_report_words import (
    change,
    compared_pct,
    mapping_sentences,
    num,
    pct,
    pending,
    plan_pct,
    target_sentence,
    verdict,
)
from i18n import Lang, t
from plan.model import Plan

TRAINING = ("tap_huan",)
SUPPORT = ("tu_van",)
LEADERSHIP = "GS1"
TRAINED = "CT3"
WEBSITE = ("T04", "T14")  # the plan's tasks behind each paragraph (codes of the plan file's `tasks:`)
ONE_STOP = ("T07",)
EMPOWERMENT = ("T18", "T20", "T13")  # women's start-ups (939/QĐ-TTg), reproductive health, legal aid
INSPECTION = ("T10",)


def _name(item: object, lang: Lang) -> str:
    return str(getattr(item, "name_vi" if lang == "vi" else "name_en"))


def activities_sentence(key: str, sums: Totals, lang: Lang, **extra: str) -> str:
    return t(key, lang, n=num(sums.n_activities, lang), people=num(sums.participants, lang),
             women=num(sums.women, lang), minority=num(sums.ethnic_minority, lang), **extra)


def communication(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    sums = totals(fig.participation, COMMUNICATION)
    out: list[Block] = [Para(t("or.h.communication", lang), "subheading")]
    if not sums.n_activities:
        return [*out, Para(t("or.no_activities", lang, what=t("or.what.communication", lang)))]
    names = {r.code: _name(r, lang) for r in plan.reference.activity_types}
    parts = [t("or.per_type", lang, type=names.get(code, code), n=num(s.n_activities, lang),
               people=num(s.participants, lang)) for code, s in by_type(fig.participation, COMMUNICATION)]
    out.append(Para(activities_sentence("or.communication", sums, lang, materials=num(sums.materials, lang))))
    return [*out, Para(t("or.per_type_lead", lang, parts="; ".join(parts))),
            *task_lines(fig, lang, WEBSITE, "or.what.website")]


def targets_table(plan: Plan, fig: Figures, lang: Lang) -> Grid:
    cols = [t("or.col.no", lang), t("or.col.indicator", lang), t("or.col.plan", lang), t("or.col.result", lang),
            t("or.col.rate", lang), t("or.col.verdict", lang)]
    widths = [0.9, 5.6, 1.6, 2.2, 1.6, 1.7]
    compared = [c for c in (fig.previous, fig.last_year) if c is not None]
    for c, key in ((fig.previous, "or.col.previous"), (fig.last_year, "or.col.last_year")):
        if c is not None:
            cols.append(t(key, lang, period=c.name))
            widths.append(2.4 if len(compared) == 1 else 1.7)
    widths[1] = 16.0 - sum(widths) + widths[1]
    rows = []
    for n, r in enumerate(records(fig.targets), start=1):
        cells = [str(n), _name(plan.indicator_by_code[r["indicator_code"]], lang), plan_pct(r["target_pct"], lang),
                 f"{num(r['numerator'], lang)}/{num(r['denominator'], lang)}", pct(r["achieved_pct"], lang),
                 verdict(r, lang)]
        for c in compared:
            before = row_of(c.targets, r["indicator_code"])
            cells.append(compared_pct(before, lang) if before else "—")
        rows.append(tuple(cells))
    return Grid(tuple(cols), tuple(widths), (False, False, *[True] * (len(cols) - 2)), tuple(rows))


def targets(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    rows = records(fig.targets)
    with_target = [r for r in rows if r["status"] != "no_target"]
    met = [r for r in with_target if r["status"] == "met"]
    out: list[Block] = [Para(t("or.h.targets", lang), "subheading"),
                        Para(t("or.targets_lead", lang, met=num(len(met), lang), total=num(len(with_target), lang)))]
    out += [Para("- " + target_sentence(r, _name(plan.indicator_by_code[r["indicator_code"]], lang), lang,
                                        fig.previous, fig.last_year))
            for r in rows if r["indicator_code"] != LEADERSHIP]
    notes = [Para(text, "note") for text in mapping_sentences(fig.last_year, lang)]
    return [*out, targets_table(plan, fig, lang), Para(t("or.targets_note", lang), "note"), *notes]


def training(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.h.training", lang), "subheading")]
    sums = totals(fig.participation, TRAINING)
    out.append(Para(activities_sentence("or.training", sums, lang) if sums.n_activities else
                    t("or.no_activities", lang, what=t("or.what.training", lang))))
    row = row_of(fig.targets, TRAINED)
    if row is not None and row["status"] != "no_data":
        out.append(Para(t("or.trained", lang, num=num(row["numerator"], lang), den=num(row["denominator"], lang),
                          pct=pct(row["achieved_pct"], lang), plan=plan_pct(row["target_pct"], lang))))
    return out


def action_month(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    """The Action Month runs 15/11–15/12: reported once the period's quarters reach it, planned before that."""
    out: list[Block] = [Para(t("or.h.action_month", lang), "subheading")]
    span = plan.action_month
    if span is None:
        return [*out, pending("or.what.action_month", lang)]
    days = {"start": span.starts_on.strftime("%d/%m"), "end": span.ends_on.strftime("%d/%m/%Y")}
    quarter = f"{span.starts_on.year}-Q{(span.starts_on.month - 1) // 3 + 1}"
    if quarter not in fig.quarters:
        return [*out, Para(t("or.action_month_ahead", lang, **days))]
    held = fig.quarterly[fig.quarterly["quarter"] == quarter]
    if held.empty:
        return [*out, Para(t("or.action_month_none", lang, quarter=_quarter(quarter, lang), **days))]
    sums = Totals(*(int(held[m].sum()) for m in MEASURES))
    return [*out, Para(activities_sentence("or.action_month_figures", sums, lang, quarter=_quarter(quarter, lang),
                                           **days))]


def _quarter(code: str, lang: Lang) -> str:
    year, q = code.split("-Q")
    return t("or.quarter", lang, q=("I", "II", "III", "IV")[int(q) - 1], year=year)


def support(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.h.support", lang), "subheading")]
    sums = totals(fig.participation, SUPPORT)
    if sums.n_activities:
        out.append(Para(activities_sentence("or.support", sums, lang)))
    return [*out, *task_lines(fig, lang, ONE_STOP, "or.what.one_stop"), *cases(plan, fig, lang)]


def leadership(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.h.leadership", lang), "subheading")]
    row = row_of(fig.targets, LEADERSHIP)
    if row is None or row["status"] == "no_data":
        return [*out, pending("or.what.leadership", lang)]
    text = t("or.leadership", lang, num=num(row["numerator"], lang), den=num(row["denominator"], lang),
             pct=pct(row["achieved_pct"], lang))
    before = row_of(fig.previous.targets if fig.previous else None, LEADERSHIP)
    moved = change(row["achieved_pct"], before["achieved_pct"], lang) if before else None
    if fig.previous and moved:
        text += "; " + t("or.vs_previous", lang, change=moved, period=fig.previous.name,
                         pct=pct(before["achieved_pct"], lang) if before else "—")
    return [*out, Para(text + ".")]


def results(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    """Part II in the order the office writes it."""
    out: list[Block] = [Para(t("or.part.results", lang), "heading")]
    for build in (communication, targets, training, action_month, support):
        out += build(plan, fig, lang)
    out += [Para(t("or.h.empowerment", lang), "subheading"),
            *task_lines(fig, lang, EMPOWERMENT, "or.what.empowerment")]
    out += leadership(plan, fig, lang)
    out += [Para(t("or.h.inspection", lang), "subheading"), *task_lines(fig, lang, INSPECTION, "or.what.inspection")]
    return [*out, Para(t("or.h.budget", lang), "subheading"), *budget(fig, lang)]
