"""Catalogue texts kept as their key and parameters, to be said later in whichever language the reader chose.

The audit log stores what a write did this way (`audit_log.detail`, JSON), not as a sentence in one language.
Parameters are plain JSON values; a day (`day`, `…_on`) is an ISO date and a moment (`at`, `…_at`) an ISO
timestamp with its offset, shown as the language writes days and in the plan's time zone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from i18n.catalog import CATALOG, Lang, t
from i18n.formats import fmt_date, fmt_datetime, fmt_int

Param = str | int


@dataclass(frozen=True)
class Phrase:
    key: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def text(self, lang: Lang, tz: str) -> str:
        return t(self.key, lang, **{name: _shown(name, value, lang, tz) for name, value in self.params.items()})

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "params": dict(self.params)}


def _shown(name: str, value: Param, lang: Lang, tz: str) -> str:
    if isinstance(value, int):
        return fmt_int(value, lang)
    if name == "day" or name.endswith("_on"):
        return fmt_date(date.fromisoformat(value), lang)
    if name == "at" or name.endswith("_at"):
        return fmt_datetime(datetime.fromisoformat(value), tz, lang)
    return value


def detail_json(**columns: Phrase | None) -> str | None:
    """What an audited write did, column by column (`new_value`, `reason` …), as stored in audit_log.detail."""
    kept = {name: phrase.as_json() for name, phrase in columns.items() if phrase is not None}
    return json.dumps(kept, ensure_ascii=False) if kept else None


def read_detail(text: object) -> dict[str, Phrase]:
    """audit_log.detail back as phrases; nothing for older rows (no detail) or a key the catalogue lost."""
    if not isinstance(text, str) or not text:
        return {}
    found: dict[str, Phrase] = {}
    for name, item in json.loads(text).items():
        if isinstance(item, dict) and item.get("key") in CATALOG:
            params = item.get("params") or {}
            found[name] = Phrase(str(item["key"]), {str(k): v for k, v in params.items()
                                                    if isinstance(v, str | int)})
    return found
