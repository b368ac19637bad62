"""Shared filters drawn in the sidebar by app.py; values live in session state under fixed keys."""

from __future__ import annotations

import streamlit as st

from plan.model import Plan
from ui.data import plans
from ui.i18n import LANG_KEY, lang, tr

PLAN_KEY = "plan_id"
PERIOD_KEY = "period_code"


def draw_filters() -> None:
    st.sidebar.radio(tr("app.language"), ["vi", "en"], key=LANG_KEY, horizontal=True,
                     format_func=lambda v: "Tiếng Việt" if v == "vi" else "English")
    all_plans = plans()
    st.sidebar.selectbox(tr("app.plan"), list(all_plans), key=PLAN_KEY,
                         format_func=lambda p: all_plans[p].title_vi if lang() == "vi" else all_plans[p].title_en)
    plan = current_plan()
    codes = [p.code for p in plan.periods]
    if st.session_state.get(PERIOD_KEY) not in codes:
        st.session_state[PERIOD_KEY] = codes[-1]
    st.sidebar.selectbox(tr("app.period"), codes, key=PERIOD_KEY,
                         format_func=lambda c: _period_label(plan, c))


def _period_label(plan: Plan, code: str) -> str:
    p = plan.period_by_code[code]
    return f"{p.name_vi if lang() == 'vi' else p.name_en} ({code})"


def current_plan() -> Plan:
    all_plans = plans()
    return all_plans.get(st.session_state.get(PLAN_KEY, ""), next(iter(all_plans.values())))


def current_period() -> str:
    return str(st.session_state.get(PERIOD_KEY) or current_plan().periods[-1].code)
