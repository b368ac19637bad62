"""The annex tables after the signature, and the separate section for the City Ethnic Committee."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from documents.official_report_figures import ETHNIC_GROUPS, Figures, records, row_of, totals
from documents.official_report_model import Block, Grid, Para
from documents.official_report_results import activities_sentence
from documents.official_report_tasks import task_lines
from documents.official_report_words import num, pct, pending, plan_pct, target_sentence
from i18n import Lang, t
from i18n.formats import fmt_date, fmt_datetime, is_missing
from plan.model import Plan

ETHNIC_TARGET = "CT4"
ETHNIC_TASKS = ("T03", "T12", "T13", "T14")  # prestigious persons, ethnic-affairs officers, legal aid, postings
PARTICIPATION = ("n_activities", "participants", "women", "ethnic_minority", "materials")


def _name(item: object, lang: Lang) -> str:
    return str(getattr(item, "name_vi" if lang == "vi" else "name_en"))


def _cols(lang: Lang, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t(f"or.col.{k}", lang) for k in keys)


def annex_targets(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    keys = ("no", "indicator", "denominator", "numerator", "women", "minority", "rate", "plan", "units")
    rows = tuple((str(n), _name(plan.indicator_by_code[r["indicator_code"]], lang), num(r["denominator"], lang),
                  num(r["numerator"], lang), num(r["women"], lang), num(r["ethnic_minority"], lang),
                  pct(r["achieved_pct"], lang), plan_pct(r["target_pct"], lang),
                  f"{num(r['units_reporting'], lang)}/{num(r['units_expected'], lang)}")
                 for n, r in enumerate(records(fig.targets), start=1))
    widths = (0.8, 4.9, 1.5, 1.4, 1.3, 1.3, 1.6, 1.5, 1.7)
    return [Para(t("or.annex.targets", lang), "part"),
            Grid(_cols(lang, keys), widths, (False, False, *[True] * 7), rows)]


def annex_participation(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    types = {r.code: (n, _name(r, lang)) for n, r in enumerate(plan.reference.activity_types)}
    groups = {r.code: (n, _name(r, lang)) for n, r in enumerate(plan.reference.target_groups)}
    found = sorted(records(fig.participation), key=lambda r: (types.get(r["activity_type"], (99, "")),
                                                              groups.get(r["target_group"], (99, ""))))
    rows = [(types.get(r["activity_type"], (0, r["activity_type"]))[1],
             groups.get(r["target_group"], (0, r["target_group"]))[1], *[num(r[m], lang) for m in PARTICIPATION])
            for r in found]
    sums = totals(fig.participation)
    rows.append((t("or.total", lang), "", *[num(getattr(sums, m), lang) for m in PARTICIPATION]))
    keys = ("activity_type", "target_group", "n_activities", "participants", "women", "minority", "materials")
    return [Para(t("or.annex.participation", lang), "part"),
            Grid(_cols(lang, keys), (3.4, 4.0, 1.6, 1.9, 1.6, 1.6, 1.9), (False, False, *[True] * 5), tuple(rows))]


def annex_status(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    tz, order = ZoneInfo(plan.timezone).key, {u.code: n for n, u in enumerate(plan.units)}
    found = sorted(records(fig.status), key=lambda r: order.get(r["unit_code"], len(order)))
    rows = tuple((str(n), str(r[f"unit_name_{lang}"]), fmt_date(r["due_on"], lang),
                  fmt_datetime(r["first_received_at"], tz, lang), t(f"status.{r['status']}", lang),
                  "" if is_missing(r["days_late"]) else num(r["days_late"], lang))
                 for n, r in enumerate(found, start=1))
    keys = ("no", "unit", "due_on", "received", "report_status", "days_late")
    return [Para(t("or.annex.status", lang), "part"),
            Grid(_cols(lang, keys), (0.9, 5.6, 2.2, 3.0, 2.6, 1.7), (False, False, True, True, False, True), rows)]


def annexes(plan: Plan, fig: Figures, lang: Lang) -> list[Block]:
    return [*annex_targets(plan, fig, lang), *annex_participation(plan, fig, lang), *annex_status(plan, fig, lang)]


def ethnic(plan: Plan, fig: Figures, lang: Lang, subject: str) -> list[Block]:
    """Ethnic-minority outreach: the CT4 target, those reached in every target, the activities for their groups."""
    out: list[Block] = [Para(t("or.ethnic.title", lang), "part"), Para(subject, "center")]
    row = row_of(fig.targets, ETHNIC_TARGET)
    out.append(Para(t("or.ethnic.target", lang), "subheading"))
    out.append(Para(target_sentence(row, _name(plan.indicator_by_code[ETHNIC_TARGET], lang), lang, fig.previous,
                                    fig.last_year)) if row else pending("or.what.ethnic_target", lang))
    reached = [r for r in records(fig.targets) if not is_missing(r["ethnic_minority"]) and r["ethnic_minority"]]
    out.append(Para(t("or.ethnic.reached", lang), "subheading"))
    out.append(Grid(_cols(lang, ("no", "indicator", "numerator", "minority")), (0.9, 10.1, 2.5, 2.5),
                    (False, False, True, True),
                    tuple((str(n), _name(plan.indicator_by_code[r["indicator_code"]], lang),
                           num(r["numerator"], lang), num(r["ethnic_minority"], lang))
                          for n, r in enumerate(reached, start=1))))
    out.append(Para(t("or.ethnic.activities", lang), "subheading"))
    groups = totals(fig.participation, groups=ETHNIC_GROUPS)
    out.append(Para(activities_sentence("or.ethnic.groups", groups, lang, materials=num(groups.materials, lang))))
    out.append(Para(t("or.ethnic.all", lang, minority=num(totals(fig.participation).ethnic_minority, lang))))
    return [*out, Para(t("or.ethnic.tasks", lang), "subheading"),
            *task_lines(fig, lang, ETHNIC_TASKS, "or.what.ethnic_tasks")]
