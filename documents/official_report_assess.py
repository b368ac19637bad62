"""Parts I, III, IV and V of the official report: leadership and direction, the overall assessment (strengths,
limitations, causes), next steps and proposals — pre-filled from the figures, the rest marked for the official."""

from __future__ import annotations

from typing import Any

from documents.official_report_figures import Figures, Reporting, records, reporting, totals
from documents.official_report_model import Block, Para
from documents.official_report_tasks import by_part, raised, task_rows
from documents.official_report_words import num, pct, pending, period_phrase
from i18n import Lang, t
from i18n.formats import fmt_date
from plan.model import Plan


def _name(item: object, lang: Lang) -> str:
    return str(getattr(item, "name_vi" if lang == "vi" else "name_en"))


def _short(plan: Plan, row: dict[str, Any], lang: Lang) -> str:
    return f"{_name(plan.indicator_by_code[row['indicator_code']], lang)} ({row['indicator_code']})"


def _status(fig: Figures, lang: Lang) -> Reporting:
    return reporting(fig.status, f"unit_name_{lang}")


def reporting_sentence(fig: Figures, lang: Lang) -> str:
    r = _status(fig, lang)
    text = t("or.reports", lang, received=num(r.received, lang), expected=num(r.expected, lang),
             on_time=num(r.on_time, lang), late=num(r.late, lang))
    if r.nil:
        text += t("or.reports_nil", lang, nil=num(r.nil, lang))
    if r.missing:
        text += t("or.reports_missing", lang, n=num(len(r.missing), lang), units=", ".join(r.missing))
    if r.not_yet_due:
        text += t("or.reports_not_due", lang, n=num(r.not_yet_due, lang))
    return text + "."


def direction(plan: Plan, fig: Figures, lang: Lang, plan_ref: str) -> list[Block]:
    wards = int((fig.status["unit_type"] == "ward").sum())
    return [Para(t("or.part.direction", lang), "heading"),
            Para(t("or.direction", lang, plan=plan_ref, others=num(len(fig.status) - wards, lang),
                   wards=num(wards, lang))),
            Para(reporting_sentence(fig, lang)), *by_part(plan, fig, lang)]


def _unmet(fig: Figures) -> list[dict[str, Any]]:
    return [r for r in records(fig.targets) if r["status"] in ("near", "off_track")]


def strengths(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    rows = records(fig.targets)
    met = [r for r in rows if r["status"] == "met"]
    with_target = [r for r in rows if r["status"] != "no_target"]
    out: list[Block] = [Para(t("or.h.strengths", lang), "subheading")]
    if met:
        out.append(Para(t("or.strength_targets", lang, met=num(len(met), lang), total=num(len(with_target), lang),
                          names="; ".join(_short(plan, r, lang) for r in met))))
    sums = totals(fig.participation)
    out.append(Para(t("or.strength_activities", lang, n=num(sums.n_activities, lang),
                      people=num(sums.participants, lang))))
    r = _status(fig, lang)
    return [*out, Para(t("or.strength_reports", lang, on_time=num(r.on_time, lang), expected=num(r.expected, lang)))]


def limitations(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.h.limitations", lang), "subheading")]
    unmet = _unmet(fig)
    if not unmet:
        out.append(Para(t("or.limit_none", lang)))
    for r in unmet:
        out.append(Para("- " + t("or.limit_target", lang, name=_short(plan, r, lang), pct=pct(r["achieved_pct"], lang),
                                 gap=num(r["gap_people"], lang))))
    rep = _status(fig, lang)
    if rep.late or rep.missing:
        out.append(Para("- " + t("or.limit_reports", lang, late=num(rep.late, lang),
                                 missing=num(len(rep.missing), lang))))
    return out


def causes(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.h.causes", lang), "subheading")]
    carried = int(fig.targets["units_carried_forward"].max()) if len(fig.targets) else 0
    if carried:
        out.append(Para("- " + t("or.cause_carried", lang, n=num(carried, lang))))
    if _unmet(fig):
        out.append(Para("- " + t("or.cause_unmet", lang)))
    return [*out, *_raised(fig, "difficulties", "or.raised_difficulties", lang)]


def assessment(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    return [Para(t("or.part.assessment", lang), "heading"), *strengths(plan, fig, lang),
            *limitations(plan, fig, lang), *causes(plan, fig, lang)]


def next_steps(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    out: list[Block] = [Para(t("or.part.next", lang), "heading"), Para("- " + t("or.next_plan", lang))]
    out += [Para("- " + t("or.next_target", lang, name=_short(plan, r, lang), gap=num(r["gap_people"], lang)))
            for r in _unmet(fig)]
    span, index = plan.action_month, plan.period_index(fig.period_code)
    if span is not None and fig.as_of_on < span.starts_on:
        out.append(Para("- " + t("or.next_action_month", lang, start=fmt_date(span.starts_on, lang),
                                 end=fmt_date(span.ends_on, lang))))
    if index + 1 < len(plan.periods):
        following = plan.periods[index + 1]
        out.append(Para("- " + t("or.next_report", lang, period=period_phrase(plan, following.code, lang),
                                 due=fmt_date(following.due_on, lang))))
    return out


def proposals(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    return [Para(t("or.part.proposals", lang), "heading"), *_raised(fig, "proposals", "or.raised_proposals", lang)]


def _raised(fig: Figures, column: str, lead: str, lang: Lang) -> list[Block]:
    """The units' own difficulties or proposals, grouped; pending without task reports, a line when none wrote any."""
    if task_rows(fig) is None:
        return [pending(f"or.what.{column}", lang)]
    items = raised(fig, column, lang)
    return [Para(t(lead, lang)), *items] if items else [Para(t(f"{lead}_none", lang))]
