"""Ready-to-send reminders for units whose report is overdue (or coming due): pure functions of the data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from i18n import Lang, t
from plan.model import Plan
from ui.activity import headers
from ui.formats import fmt_time
from ui.shaping import local, period_name, shown_status, unit_name

OVERDUE = "missing"
UPCOMING = "not_yet_due"
COLUMNS = ("unit_code", "unit_name", "due_on", "status", "days_overdue", "prepared_by", "phone",
           "contact_received_at", "contact_period", "message")


def message_date(day: date, lang: Lang) -> str:
    """05/03/2024 in Vietnamese; 5 March 2024 in English prose (no day/month ambiguity)."""
    return f"{day:%d/%m/%Y}" if lang == "vi" else f"{day.day} {day:%B %Y}"


def period_phrase(plan: Plan, period_code: str, lang: Lang) -> str:
    """'Quý I năm 2024', '6 tháng năm 2024', 'năm 2024' (not 'Năm năm 2024')."""
    year = plan.period_by_code[period_code].ends_on.year
    name = period_name(plan, period_code, lang)
    if name.casefold() == t("rp.msg.year_word", lang):
        return t("rp.msg.period_year", lang, year=year)
    return t("rp.msg.period", lang, name=name, year=year)


def _days(n: int, lang: Lang) -> str:
    return t("rp.msg.day" if n == 1 else "rp.msg.days", lang, n=n)


def _lower_first(text: str, lang: Lang) -> str:
    """'quận Gò Vấp' inside a Vietnamese sentence."""
    return text[:1].lower() + text[1:] if lang == "vi" else text


def reminder_message(plan: Plan, unit_code: str, period_code: str, due_on: date, as_of: date,
                     days_overdue: int | None, lang: Lang, returned_reason: str | None = None) -> str:
    """The message for one unit: overdue by days_overdue as of as_of, or (None) due on due_on;
    with the reason when the report it sent was returned for correction."""
    returned = t("rp.msg.returned", lang, reason=returned_reason.rstrip(". ") + ".") if returned_reason else ""
    common = {
        "returned": returned,
        "unit": unit_name(plan, unit_code, lang),
        "plan": plan.title_vi if lang == "vi" else plan.title_en,
        "area": _lower_first(plan.area_vi if lang == "vi" else plan.area_en, lang),
        "period": period_phrase(plan, period_code, lang),
        "due": message_date(due_on, lang),
    }
    if days_overdue is not None:
        return t("rp.msg.overdue", lang, as_of=message_date(as_of, lang), days=_days(days_overdue, lang), **common)
    left = (due_on - as_of).days
    left_text = t("rp.msg.today", lang) if left <= 0 else t("rp.msg.left", lang, days=_days(left, lang))
    return t("rp.msg.upcoming", lang, left=left_text, **common)


def _contacts(contacts: pd.DataFrame, plan: Plan, lang: Lang) -> pd.DataFrame:
    out = local(contacts.rename(columns={"received_at": "contact_received_at"}), plan.timezone)
    out["contact_period"] = [period_name(plan, c, lang) for c in out["period_code"]]
    return out[["unit_code", "prepared_by", "phone", "contact_received_at", "contact_period"]]


def reminder_table(status: pd.DataFrame, contacts: pd.DataFrame, plan: Plan, as_of: date, lang: Lang,
                   upcoming: bool = False) -> pd.DataFrame:
    """One row per unit to remind for one period (overdue first), its last contact and its message.

    status: rows of app/reporting_status for the period; contacts: app/reporting_contacts.
    """
    wanted = (OVERDUE, UPCOMING) if upcoming else (OVERDUE,)
    rows = status[status["status"].isin(wanted)]
    rows = rows.merge(_contacts(contacts, plan, lang), on="unit_code", how="left")
    rows["overdue_first"] = rows["status"] != OVERDUE
    rows = rows.sort_values(["overdue_first", "days_late", "unit_code"], ascending=[True, False, True])
    due = [pd.Timestamp(d).date() for d in rows["due_on"]]
    out = pd.DataFrame({
        "unit_code": rows["unit_code"], "unit_name": [unit_name(plan, c, lang) for c in rows["unit_code"]],
        "due_on": due, "status": [t(f"status.{s}", lang) for s in shown_status(rows)],
        "days_overdue": rows["days_late"].astype("Int64"),
    })
    out = out.join(rows[["prepared_by", "phone", "contact_received_at", "contact_period"]])
    reasons = [None if pd.isna(r) else str(r) for r in rows["returned_reason"]]
    facts = zip(rows["unit_code"].tolist(), rows["period_code"].tolist(), due, rows["status"].tolist(),
                rows["days_late"].tolist(), reasons, strict=True)
    out["message"] = [reminder_message(plan, unit, period, day, as_of, None if s != OVERDUE else int(n), lang, why)
                      for unit, period, day, s, n, why in facts]
    return out.reset_index(drop=True)


def reminder_headers(lang: Lang) -> dict[str, str]:
    return headers(COLUMNS, "rp", lang)


def messages_text(table: pd.DataFrame) -> str:
    """Every message, one after another, for a .txt download."""
    rule = "\n\n" + "-" * 72 + "\n\n"
    return rule.join(table["message"].tolist()) + "\n" if len(table) else ""


def contact_line(row: Any, lang: Lang) -> str:
    """'Liên hệ lần trước: <who>, <phone> (<when>)' from a reminder_table row."""
    if row.prepared_by is None or pd.isna(row.prepared_by):
        return t("rp.reminders.no_contact", lang)
    phone = "—" if row.phone is None or pd.isna(row.phone) else row.phone
    when = fmt_time(row.contact_received_at, lang)
    return t("rp.reminders.contact", lang, who=row.prepared_by, phone=phone, when=when)


__all__ = ["shown_status"]
