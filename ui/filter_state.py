"""The filters' state beyond one script run: the address bar (bookmarks, e-mailed links, F5), the language
switch, and the as-of day's default.

Streamlit sends a select widget's value to the browser as its label, and the browser sends back the label it
holds. After a language switch the browser still holds the old language's labels, which no option matches
any more, so the next change of any widget would send them back and reset the choice to its default. Every
filter value is therefore written again when the language changes: the browser then gets the new labels.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import streamlit as st

from plan.model import Plan
from ui.i18n import LANG_KEY, lang

PLAN_KEY = "plan_id"
MODE_KEY = "period_mode"
PERIOD_KEY = "period_code"
QUARTER_KEY = "quarter"
TYPES_KEY = "unit_types"
UNITS_KEY = "units"
AS_OF_KEY = "as_of"
AS_OF_TEXT_KEY = "as_of_typed"  # the as-of day as typed: a text field applies on Enter, a date field only on blur
PARENTS_KEY = "parents"
LEVEL_KEY = "rollup_level"
MODES = ("period", "quarter")
LANGS = ("vi", "en")
# name in the address -> session key; lists are comma-separated codes, the day is YYYY-MM-DD
URL_KEYS = {"lang": LANG_KEY, "plan": PLAN_KEY, "view": MODE_KEY, "period": PERIOD_KEY, "quarter": QUARTER_KEY,
            "types": TYPES_KEY, "parents": PARENTS_KEY, "units": UNITS_KEY, "level": LEVEL_KEY, "as_of": AS_OF_KEY}
_LISTS = {"types", "parents", "units"}
GRACE_DAYS = 30  # plans carry no grace of their own yet: a month after the last due date at the least
_SEEDED = "_filters_from_url"
_DRAWN_IN = "_filters_lang"
_DEFAULT_AS_OF = "_as_of_default"
_AS_OF_REFUSED = "_as_of_refused"
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*")
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def _parse(name: str, raw: str) -> object:
    if name in _LISTS:
        return [c for c in raw.split(",") if c]
    if name == "as_of":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    if (name == "lang" and raw not in LANGS) or (name == "view" and raw not in MODES):
        return None
    return raw


def seed_from_url() -> None:
    """Once per browser session (a new tab, a bookmark, F5): the filters named in the address.
    Codes the plan does not know are dropped by the widgets' own checks."""
    if st.session_state.get(_SEEDED):
        return
    st.session_state[_SEEDED] = True
    for name, key in URL_KEYS.items():
        raw = st.query_params.get(name)
        value = _parse(name, raw) if raw is not None else None
        if value is not None:
            st.session_state[key] = value


def _text(name: str, value: object) -> str | None:
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value) or None
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value not in (None, "") else None


def url_state(default_as_of: date) -> dict[str, str]:
    """The address parameters naming the filters in force (the as-of day only when not the default)."""
    state = st.session_state
    mode = state.get(MODE_KEY, "period")
    skip = {"quarter" if mode == "period" else "period"}
    if state.get(AS_OF_KEY) == default_as_of:
        skip.add("as_of")
    if state.get(LEVEL_KEY, "unit") == "unit":
        skip.add("level")
    pairs = {name: _text(name, state.get(key)) for name, key in URL_KEYS.items() if name not in skip}
    return {name: text for name, text in pairs.items() if text is not None}


def write_to_url(default_as_of: date) -> None:
    """The address bar always names the view on screen: copy it, bookmark it, reload it."""
    wanted = url_state(default_as_of)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def refresh_on_language_change() -> None:
    """Before the filters are drawn: after a language switch, send every choice again in the new labels."""
    if st.session_state.get(_DRAWN_IN) == lang():
        return
    for key in (PLAN_KEY, MODE_KEY, PERIOD_KEY, QUARTER_KEY, TYPES_KEY, PARENTS_KEY, UNITS_KEY, LEVEL_KEY):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.session_state[_DRAWN_IN] = lang()


def window_end(plan: Plan) -> date:
    """The day the plan year's reporting closes: the end of the plan year, or GRACE_DAYS after its last due
    date (or a later one granted to a unit) when that is later. Late reports and corrections sent by then
    count; a report never sent is missing, not "not yet due"."""
    last_due = max([p.due_on for p in plan.periods] + [e.due_on for e in plan.extensions])
    return max(date(plan.year, 12, 31), last_due + timedelta(GRACE_DAYS))


def default_as_of(plan: Plan, today: date) -> tuple[date, bool]:
    """The end of the reporting window once it has closed (True), else today (False)."""
    end = window_end(plan)
    return (end, True) if today > end else (today, False)


def keep_as_of(default: date) -> None:
    """The as-of day follows the default (a new plan, a new day) until someone picks another day."""
    before = st.session_state.get(_DEFAULT_AS_OF)
    if AS_OF_KEY not in st.session_state or st.session_state[AS_OF_KEY] == before != default:
        st.session_state[AS_OF_KEY] = default
    st.session_state[_DEFAULT_AS_OF] = default


def parse_day(text: str) -> date | None:
    """A day as people type it: dd/mm/yyyy (or d/m/yyyy, with / . or -), or yyyy-mm-dd; None if not a day."""
    first, iso = _DAY_FIRST.fullmatch(text), _ISO_DAY.fullmatch(text)
    parts = (first[3], first[2], first[1]) if first else (iso[1], iso[2], iso[3]) if iso else None
    try:
        return date(*(int(p) for p in parts)) if parts else None
    except ValueError:
        return None


def apply_typed_as_of() -> None:
    """The typed field's on_change (Enter, or leaving it): a day becomes the as-of day; other text is refused."""
    text = str(st.session_state.get(AS_OF_TEXT_KEY) or "")
    day = parse_day(text)
    if day is None:
        st.session_state[_AS_OF_REFUSED] = text
    else:
        st.session_state[AS_OF_KEY] = day


def show_as_of_text(shown: str) -> str | None:
    """Before the typed field is drawn: it shows the as-of day (picked, typed, bookmarked or the default) as the
    language writes it; returns text just refused, to be told."""
    st.session_state[AS_OF_TEXT_KEY] = shown
    refused = st.session_state.pop(_AS_OF_REFUSED, None)
    return None if refused is None else str(refused)


__all__ = ["apply_typed_as_of", "default_as_of", "keep_as_of", "parse_day", "refresh_on_language_change",
           "seed_from_url", "show_as_of_text", "url_state", "window_end", "write_to_url"]
