"""The audit log as people read it: what each write did in the chosen language, every moment in the plan's time
zone and the language's format. Rows written before writes kept their detail (English text) show as they are."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from i18n import Lang, t
from i18n.formats import fmt_datetime
from i18n.phrases import read_detail
from ui.shaping import local
from warehouse.review import RETURN_KINDS

AUDIT_COLUMNS = ("acted_at", "acted_by", "action", "version", "old_value", "new_value", "reason")
SAID = ("old_value", "new_value", "reason")  # the columns a write's detail may say in words


def audit_table(rows: pd.DataFrame, tz: str, lang: Lang) -> pd.DataFrame:
    """Rows of review/audit with the action named and the values said in the language (acted_at local)."""
    out = local(rows, tz)
    said = [_said(r, tz, lang) for r in out.to_dict("records")]
    out = out.assign(action=[t(f"review.action.{a}", lang) for a in out["action"]],
                     **{c: pd.Series([s[c] for s in said], index=out.index, dtype=object) for c in SAID})
    return out[list(AUDIT_COLUMNS)]


def _said(row: dict[Any, Any], tz: str, lang: Lang) -> dict[str, str | None]:
    phrases = read_detail(row.get("detail"))
    return {c: phrases[c].text(lang, tz) if c in phrases else _value(str(row["action"]), c, row[c], tz, lang)
            for c in SAID}


def _value(action: str, column: str, value: object, tz: str, lang: Lang) -> str | None:
    """A stored value without detail: receipt times and return kinds said for the reader, other text as stored."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    text = str(value)
    if action == "receipt_date" and column != "reason":
        return _moment(text, tz, lang)
    if action == "return" and column == "new_value" and text in RETURN_KINDS:
        return t(f"status.return_kind.{text}", lang)
    if action == "load" and column == "reason" and text == "interrupted":
        return t("audit.reason.interrupted", lang)
    return text


def _moment(text: str, tz: str, lang: Lang) -> str:
    """An ISO moment (UTC or +07:00, as older rows hold them) in the plan's time zone and the language's format."""
    try:
        return fmt_datetime(datetime.fromisoformat(text), tz, lang)
    except ValueError:
        return text
