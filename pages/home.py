"""Plan and warehouse: the plan in force and what the warehouse holds."""

import streamlit as st

import ui.frame
import ui.home
from ui.i18n import fmt_int, tr
from ui.layout import read_or_stop

f = ui.frame.page("home")
v = read_or_stop(lambda: ui.home.view(f))

st.subheader(tr("home.contents"))
for col, (key, n) in zip(st.columns(4), v.counts.items(), strict=True):
    col.metric(tr(f"home.{key}"), fmt_int(n))

left, right = st.columns(2)
with left:
    st.subheader(tr("home.indicators"))
    st.dataframe(v.indicators, hide_index=True)
with right:
    st.subheader(tr("home.calendar"))
    st.dataframe(v.calendar, hide_index=True)
st.subheader(tr("home.units"))
st.dataframe(v.units, hide_index=True)
