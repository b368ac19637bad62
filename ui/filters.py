"""Shared filters drawn in the sidebar by app.py; their values live in session state under fixed keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from plan.model import Plan
from ui.filter_state import (
    AS_OF_KEY,
    AS_OF_TEXT_KEY,
    LEVEL_KEY,
    MODE_KEY,
    MODES,
    PARENTS_KEY,
    PERIOD_KEY,
    PLAN_KEY,
    QUARTER_KEY,
    TYPES_KEY,
    UNITS_KEY,
    apply_typed_as_of,
    default_as_of,
    keep_as_of,
    refresh_on_language_change,
    show_as_of_text,
    write_to_url,
)
from ui.formats import quarter_label
from ui.i18n import LANG_KEY, fmt_date, lang, tr
from ui.reads import plans
from ui.unit_search import unit_label


@dataclass(frozen=True)
class Filters:
    """What the analyst chose: everything a page needs to ask its questions."""

    plan: Plan
    mode: str  # 'period' (Q1 / 6 tháng / 9 tháng / Năm, year to date) or 'quarter' (one calendar quarter)
    period_code: str  # the chosen period, or the period standing for the chosen quarter
    quarter: str
    unit_types: tuple[str, ...]
    units: tuple[str, ...]
    as_of_date: date
    as_of: datetime  # end of the as-of day in the plan's time zone
    level: str = "unit"  # roll figures up to this unit type (a parent level), or 'unit'

    @property
    def quarters(self) -> list[str]:
        """Calendar quarters covered: up to the period's quarter (year to date), or the one quarter."""
        if self.mode == "quarter":
            return [self.quarter]
        return sorted({p.quarter for p in self.plan.periods if p.quarter <= self.quarter})

    def params(self) -> dict[str, object]:
        """Bound parameters shared by the app's queries."""
        return {"plan_id": self.plan.plan_id, "as_of": self.as_of, "unit_types": list(self.unit_types),
                "units": list(self.units)}


def _period_label(plan: Plan, code: str) -> str:
    p = plan.period_by_code[code]
    return p.name_vi if lang() == "vi" else p.name_en


def _keep(key: str, options: list[str], default: str) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def _keep_all(key: str, options: Sequence[str]) -> None:
    """Drop chosen codes that are no longer options (written back only when something was dropped)."""
    chosen = st.session_state.get(key, [])
    kept = [c for c in chosen if c in options]
    if kept != chosen:
        st.session_state[key] = kept


def _period_widgets(plan: Plan) -> None:
    side = st.sidebar
    modes = {m: tr(f"filter.mode.{m}") for m in MODES}  # labels fixed now: format_func runs later too
    side.radio(tr("filter.mode"), MODES, key=MODE_KEY, horizontal=True, format_func=modes.__getitem__)
    if st.session_state.get(MODE_KEY, "period") == "quarter":
        quarters = sorted({p.quarter for p in plan.periods})
        _keep(QUARTER_KEY, quarters, quarters[-1])
        labels = {q: quarter_label(q, lang()) for q in quarters}
        side.selectbox(tr("filter.quarter"), quarters, key=QUARTER_KEY, format_func=labels.__getitem__)
    else:
        codes = [p.code for p in plan.periods]
        _keep(PERIOD_KEY, codes, codes[-1])
        labels = {c: _period_label(plan, c) for c in codes}
        side.selectbox(tr("app.period"), codes, key=PERIOD_KEY, format_func=labels.__getitem__)


def _unit_widgets(plan: Plan, locked: tuple[str, ...]) -> None:
    if locked:  # a unit reporter sees its own unit only; no widget, so nothing the browser can change
        st.session_state[TYPES_KEY], st.session_state[UNITS_KEY] = [], list(locked)
        own = ", ".join(plan.unit_by_code[c].name_vi if lang() == "vi" else plan.unit_by_code[c].name_en
                        for c in locked if c in plan.unit_by_code)
        st.sidebar.caption(tr("filter.own_unit", units=own or ", ".join(locked)))
        return
    types = sorted({u.type for u in plan.units if plan.indicators_for(u.code)})
    _keep_all(TYPES_KEY, types)
    type_labels = {t: tr(f"unit_type.{t}") for t in types}
    st.sidebar.multiselect(tr("filter.unit_types"), types, key=TYPES_KEY, format_func=type_labels.__getitem__,
                           placeholder=tr("filter.all"), select_all=False)
    chosen = st.session_state.get(TYPES_KEY) or types
    codes = [u.code for u in plan.units if u.type in chosen and plan.indicators_for(u.code)]
    below = _below_parents(plan)
    codes = [c for c in codes if c in below] if below is not None else codes
    _keep_all(UNITS_KEY, codes)
    names = _unit_labels(plan)
    st.sidebar.multiselect(tr("filter.units"), codes, key=UNITS_KEY, format_func=names.__getitem__,
                           placeholder=tr("filter.all_units"), select_all=False)


def _unit_labels(plan: Plan) -> dict[str, str]:
    """'Name (code) · name without accents' of every unit, in the chosen language (thousands of units: the
    language read once)."""
    vi = lang() == "vi"
    return {u.code: unit_label(u.name_vi if vi else u.name_en, u.code) for u in plan.units}


def _below_parents(plan: Plan) -> set[str] | None:
    """Units under the parents chosen (None: no parent chosen)."""
    parents = [p for p in st.session_state.get(PARENTS_KEY, []) if p in plan.children]
    return {c for p in parents for c in plan.descendants(p)} if parents else None


def _hierarchy_widgets(plan: Plan) -> None:
    """Only for plans with a hierarchy: pick units by parent, and the level to roll figures up to."""
    if not plan.parent_types:
        st.session_state[PARENTS_KEY], st.session_state[LEVEL_KEY] = [], "unit"
        return
    parents = [c for c in plan.children if c in plan.unit_by_code]
    _keep_all(PARENTS_KEY, parents)
    names = _unit_labels(plan)
    st.sidebar.multiselect(tr("filter.parents"), parents, key=PARENTS_KEY, format_func=names.__getitem__,
                           select_all=False,
                           placeholder=tr("filter.all_units"))
    levels = ["unit", *plan.parent_types]
    _keep(LEVEL_KEY, levels, "unit")
    labels = {lv: tr("filter.level.unit") if lv == "unit" else tr(f"unit_type.{lv}") for lv in levels}
    st.sidebar.selectbox(tr("filter.level"), levels, key=LEVEL_KEY, format_func=labels.__getitem__)


def draw_filters(locked_units: tuple[str, ...] = ()) -> None:
    """The sidebar's filters (the frame has already taken them from the address), then written back to it."""
    if st.session_state.get(LANG_KEY) not in ("vi", "en"):
        st.session_state[LANG_KEY] = "vi"
    refresh_on_language_change()
    st.sidebar.radio(tr("app.language"), ["vi", "en"], key=LANG_KEY, horizontal=True,
                     format_func=lambda v: "Tiếng Việt" if v == "vi" else "English")
    all_plans = plans()
    _keep(PLAN_KEY, list(all_plans), next(iter(all_plans)))
    titles = {k: p.title_vi if lang() == "vi" else p.title_en for k, p in all_plans.items()}
    st.sidebar.selectbox(tr("app.plan"), list(all_plans), key=PLAN_KEY, format_func=titles.__getitem__)
    plan = current_plan()
    _period_widgets(plan)
    if not locked_units:
        _hierarchy_widgets(plan)
    _unit_widgets(plan, locked_units)
    _as_of_widget(plan)


def _as_of_widget(plan: Plan) -> None:
    """The as-of day typed (applied on Enter) or picked on the calendar; both hold the same day."""
    default, closed = default_as_of(plan, plan.today())
    keep_as_of(default)
    side = st.sidebar
    refused = show_as_of_text(fmt_date(st.session_state.get(AS_OF_KEY) or default))
    side.text_input(tr("app.as_of"), key=AS_OF_TEXT_KEY, on_change=apply_typed_as_of, help=tr("filter.as_of.help"))
    if refused is not None:
        side.error(tr("filter.as_of.refused", text=refused))
    side.date_input(tr("filter.as_of.pick"), key=AS_OF_KEY, format="DD/MM/YYYY")
    if st.session_state.get(AS_OF_KEY) == default:
        side.caption(tr("filter.as_of.closed" if closed else "filter.as_of.today", day=fmt_date(default)))
    write_to_url(default)


def current_plan() -> Plan:
    all_plans = plans()
    return all_plans.get(st.session_state.get(PLAN_KEY, ""), next(iter(all_plans.values())))


def _end_of_day(day: date, tz: str) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), ZoneInfo(tz)) - timedelta(microseconds=1)


def current_filters() -> Filters:
    plan = current_plan()
    mode = st.session_state.get(MODE_KEY, "period")
    if mode == "quarter":
        quarter = st.session_state.get(QUARTER_KEY) or plan.periods[-1].quarter
        period = next((p.code for p in plan.periods if p.quarter == quarter), plan.periods[-1].code)
    else:
        period = st.session_state.get(PERIOD_KEY) or plan.periods[-1].code
        quarter = plan.period_by_code[period].quarter
    day = st.session_state.get(AS_OF_KEY) or default_as_of(plan, plan.today())[0]
    units = tuple(st.session_state.get(UNITS_KEY) or ())
    below = _below_parents(plan)
    if not units and below is not None:  # a parent chosen, no single unit: every unit below it
        units = tuple(c for c in (u.code for u in plan.units) if c in below)
    return Filters(plan, mode, period, quarter, tuple(st.session_state.get(TYPES_KEY) or ()), units, day,
                   _end_of_day(day, plan.timezone), str(st.session_state.get(LEVEL_KEY) or "unit"))
