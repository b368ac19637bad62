"""The official report ("Báo cáo kết quả thực hiện Kế hoạch…") a standing office files upward each period.

Pure: the plan and the figures (query results) in, an `OfficialReport` out, which
`documents.official_report_docx` writes as an editable Word draft in the state administrative format.
Every figure in it comes from the figures given (targets, participation, reporting, and the task, budget and case
views through `Figures.extra`); a part without figures says so, for the official to fill in.
"""

from __future__ import annotations

from datetime import date

from documents.official_report_annex import annexes, ethnic
from documents.official_report_assess import assessment, direction, next_steps, proposals
from documents.official_report_figures import Figures
from documents.official_report_model import Block, Letterhead, OfficialReport, Para, Signature
from documents.official_report_results import results
from documents.official_report_words import period_phrase
from i18n import Lang, t
from i18n.formats import fmt_date
from plan.model import Plan

UNKNOWN = "…"


def _given(plan: Plan, *names: str) -> str | None:
    """An optional plan field (plan files gain the document number, dates and names over time)."""
    for name in names:
        value = getattr(plan, name, None)
        if value:
            return fmt_date(value) if isinstance(value, date) else str(value)
    return None


def _place(plan: Plan) -> str:
    area = plan.area_vi
    for prefix in ("Quận ", "Huyện ", "Thành phố ", "Thị xã ", "Phường ", "Xã "):
        area = area.removeprefix(prefix)
    return area


def letterhead(plan: Plan, lang: Lang, today: date) -> Letterhead:
    parent = _given(plan, "issuer_parent_vi") or t("or.parent", lang, area=plan.area_vi.upper())
    issuer = _given(plan, "issuer_vi") or t("or.issuer", lang)
    symbol = _given(plan, "report_symbol", "doc_symbol") or t("or.symbol", lang)
    place = _given(plan, "place_vi") or _place(plan)
    return Letterhead(parent.upper(), issuer.upper(), t("or.number", lang, symbol=symbol), t("or.country", lang),
                      t("or.motto", lang), t("or.place_date", lang, place=place, year=today.year))


def plan_reference(plan: Plan, lang: Lang) -> str:
    """The plan as the opening cites it: its number and issue date from the plan file's `document:`, else '…'."""
    doc = plan.document
    number = (doc.number if doc else None) or UNKNOWN
    issued = fmt_date(doc.issued_on, lang) if doc else UNKNOWN
    title = plan.title_vi if lang == "vi" else plan.title_en
    return t("or.plan_ref", lang, title=title, number=number, issued=issued)


def _recipients(plan: Plan, lang: Lang) -> tuple[str, ...]:
    given = getattr(plan, "report_recipients_vi", None)
    lines = list(given) if given else t("or.recipients", lang).split("\n")
    return tuple(f"- {line.lstrip('- ')}" for line in lines)


def _body(plan: Plan, fig: Figures, lang: Lang) -> tuple[Block, ...]:
    intro = Para(t("or.intro", lang, plan=plan_reference(plan, lang), period=period_phrase(plan, fig.period_code, lang),
                   as_of=fmt_date(fig.as_of_on, lang)))
    closing = Para(t("or.closing", lang, period=period_phrase(plan, fig.period_code, lang)))
    return (intro, *direction(plan, fig, lang, plan_reference(plan, lang)), *results(plan, fig, lang),
            *assessment(plan, fig, lang), *next_steps(plan, fig, lang), *proposals(plan, fig, lang), closing)


def build(plan: Plan, lang: Lang, fig: Figures, today: date) -> OfficialReport:
    """The whole draft for the figures' period."""
    area = plan.area_vi[:1].lower() + plan.area_vi[1:] if lang == "vi" else plan.area_en
    subject = t("or.subject", lang, area=area,
                period=period_phrase(plan, fig.period_code, lang))
    signature = Signature(t("or.on_behalf", lang), t("or.head", lang), _given(plan, "head_name") or UNKNOWN)
    return OfficialReport(lang, letterhead(plan, lang, today), t("or.kind", lang), subject, _body(plan, fig, lang),
                          t("or.recipients_heading", lang), _recipients(plan, lang), signature,
                          tuple(annexes(plan, fig, lang)), tuple(ethnic(plan, fig, lang, subject)))
