"""Warehouse overview: the loaded plan and what the warehouse holds."""

import pandas as pd
import streamlit as st

from ui.data import NoWarehouse, WarehouseBusy, db_path, frame
from ui.filters import current_period, current_plan
from ui.i18n import fmt_int, lang, tr
from ui.tables import indicator_table, status_label, unit_table

plan = current_plan()
period = current_period()
st.title(tr("app.title"))
st.caption(plan.title_vi if lang() == "vi" else plan.title_en)

try:
    counts = frame("app/warehouse_counts", plan_id=plan.plan_id).iloc[0]
    progress = frame("export/v_target_progress", as_of=pd.Timestamp.now(tz="UTC").floor("h"), period=period)
    rates = frame("export/v_reporting_rates", as_of=pd.Timestamp.now(tz="UTC").floor("h"), period=period)
    loads = frame("app/load_history", limit=20)
except NoWarehouse:
    st.warning(tr("app.no_warehouse", path=db_path()))
    st.stop()
except WarehouseBusy:
    st.info(tr("app.warehouse_busy"))
    st.stop()

st.subheader(tr("home.contents"))
cols = st.columns(4)
for col, key in zip(cols, ["n_submissions", "n_values", "n_activities", "n_loads"], strict=True):
    col.metric(tr(f"home.{key}"), fmt_int(counts[key]))

st.subheader(tr("home.progress"))
st.dataframe(status_label(progress, "status"), hide_index=True)
st.subheader(tr("home.reporting"))
st.dataframe(rates, hide_index=True)

left, right = st.columns(2)
with left:
    st.subheader(tr("home.indicators"))
    st.dataframe(indicator_table(plan), hide_index=True)
with right:
    st.subheader(tr("home.calendar"))
    st.dataframe(pd.DataFrame([{tr("col.period"): p.code, tr("col.quarter"): p.quarter,
                                tr("col.due_on"): p.due_on.strftime("%d/%m/%Y")} for p in plan.periods]),
                 hide_index=True)
st.subheader(tr("home.units"))
st.dataframe(unit_table(plan), hide_index=True)
st.subheader(tr("home.loads"))
st.dataframe(loads, hide_index=True)
