"""Figures written as an official writes them: 1.234 người, 70,5%, tăng 4,5 điểm phần trăm so với kỳ trước."""

from __future__ import annotations

from typing import Any

from documents.official_report_figures import Compared, number, row_of
from documents.official_report_model import Para
from i18n import Lang, t
from i18n.formats import MISSING, fmt_int, fmt_pct, is_missing
from plan.model import Plan

CHANGE_EPSILON = 0.05  # below this a change rounds to 0,0 points: written as unchanged


def period_phrase(plan: Plan, period_code: str, lang: Lang) -> str:
    """'9 tháng năm 2024', 'Quý I năm 2024', 'năm 2024'."""
    p = plan.period_by_code[period_code]
    name = p.name_vi if lang == "vi" else p.name_en
    return t("or.period_year", lang, year=plan.year) if name.lower() in ("năm", "year") else \
        t("or.period", lang, name=name, year=plan.year)


def num(value: object, lang: Lang) -> str:
    v = number(value)
    return fmt_int(v, lang)


def pct(value: object, lang: Lang) -> str:
    return fmt_pct(number(value), 1, lang)


def plan_pct(value: object, lang: Lang) -> str:
    """A plan threshold as the plan writes it: 70%, 100%, 62,5%."""
    v = number(value)
    if v is None:
        return MISSING
    text = f"{v:g}%"
    return text.replace(".", ",") if lang == "vi" else text


def change(now: object, before: object, lang: Lang) -> str | None:
    """'tăng 4,5 điểm phần trăm' / 'giảm …' / 'không thay đổi'; None when either side is missing."""
    a, b = number(now), number(before)
    if a is None or b is None:
        return None
    diff = round(a - b, 1)
    if abs(diff) < CHANGE_EPSILON:
        return t("or.same", lang)
    return t("or.up" if diff > 0 else "or.down", lang, pp=fmt_pct(abs(diff), 1, lang).rstrip("%"))


def verdict(row: dict[str, Any], lang: Lang) -> str:
    """The table's word: Đạt / Chưa đạt / Theo dõi / Chưa có số liệu."""
    status = str(row["status"])
    if status in ("met", "no_target", "no_data"):
        return t(f"or.verdict.{status}", lang)
    return t("or.verdict.not_met", lang)


def _outcome(row: dict[str, Any], lang: Lang) -> str:
    status = str(row["status"])
    if status in ("met", "no_target", "no_data"):
        return t(f"or.outcome.{status}", lang)
    return t("or.outcome.not_met", lang, gap=num(row["gap_people"], lang))


def compared_pct(before: dict[str, Any], lang: Lang) -> str:
    """A compared period's rate, marked when it carries a share of a divided unit (an estimate)."""
    text = pct(before["achieved_pct"], lang)
    estimate = before.get("is_estimate")
    return t("or.estimate_mark", lang, pct=text) if not is_missing(estimate) and bool(estimate) else text


def _comparison(row: dict[str, Any], compared: Compared | None, key: str, lang: Lang) -> str:
    before = row_of(compared.targets if compared else None, str(row["indicator_code"]))
    if compared is None or before is None:
        return ""
    moved = change(row["achieved_pct"], before["achieved_pct"], lang)
    if moved is None:
        return ""
    return t(key, lang, change=moved, period=compared.name, pct=compared_pct(before, lang))


def mapping_sentences(compared: Compared | None, lang: Lang) -> list[str]:
    """How the same period of an earlier year was carried onto today's units: what each changed unit is made of,
    under which resolutions, which figures are estimates and which units did not exist then."""
    if compared is None or compared.mapping is None:
        return []
    m = compared.mapping
    out = []
    if m.parts:
        parts = "; ".join(t("or.same_period.part", lang, unit=unit, old=old) for unit, old in m.parts)
        sources = ", ".join(m.sources) or t("or.same_period.sources", lang)
        out.append(t("or.same_period.mapping", lang, period=compared.name, sources=sources, parts=parts))
    if m.split:
        out.append(t("or.same_period.estimate", lang, units=m.split))
    if m.absent:
        out.append(t("or.same_period.absent", lang, units=m.absent, year=m.year))
    return out


def _shares(row: dict[str, Any], lang: Lang) -> str:
    women, minority = number(row["women"]), number(row["ethnic_minority"])
    if women is None:
        return ""
    if not minority:
        return t("or.of_whom_women", lang, women=num(women, lang))
    return t("or.of_whom_both", lang, women=num(women, lang), minority=num(minority, lang))


def target_sentence(row: dict[str, Any], name: str, lang: Lang, previous: Compared | None,
                    last_year: Compared | None) -> str:
    """One indicator as a sentence: plan, result, rate, met or not, and how it moved."""
    if row["status"] == "no_data":
        return t("or.target.no_data", lang, name=name, code=row["indicator_code"])
    text = t("or.target", lang, name=name, code=row["indicator_code"], plan=plan_pct(row["target_pct"], lang),
             num=num(row["numerator"], lang), den=num(row["denominator"], lang), pct=pct(row["achieved_pct"], lang),
             shares=_shares(row, lang), outcome=_outcome(row, lang))
    extra = [_comparison(row, previous, "or.vs_previous", lang), _comparison(row, last_year, "or.vs_last_year", lang)]
    return text + "".join(f"; {e}" for e in extra if e) + "."


def pending(key: str, lang: Lang) -> Para:
    """A part whose figures are not in the warehouse: says so, for the official to write or to wait for."""
    return Para(t("or.pending", lang, what=t(key, lang)), "pending")
