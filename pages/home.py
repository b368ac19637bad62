"""Plan and warehouse: the plan in force and what the warehouse holds."""

import pandas as pd
import streamlit as st

import ui.frame
from ui.data import frame
from ui.i18n import fmt_date, fmt_int, tr
from ui.layout import read_or_stop
from ui.tables import indicator_table, unit_table

f = ui.frame.page("home")
counts = read_or_stop(lambda: frame("app/warehouse_counts", plan_id=f.plan.plan_id)).iloc[0]

st.subheader(tr("home.contents"))
for col, key in zip(st.columns(4), ["n_submissions", "n_values", "n_activities", "n_loads"], strict=True):
    col.metric(tr(f"home.{key}"), fmt_int(counts[key]))

left, right = st.columns(2)
with left:
    st.subheader(tr("home.indicators"))
    st.dataframe(indicator_table(f.plan), hide_index=True)
with right:
    st.subheader(tr("home.calendar"))
    st.dataframe(pd.DataFrame([{tr("col.period"): p.code, tr("col.quarter"): p.quarter,
                                tr("col.due_on"): fmt_date(p.due_on)} for p in f.plan.periods]), hide_index=True)
st.subheader(tr("home.units"))
st.dataframe(unit_table(f.plan), hide_index=True)
