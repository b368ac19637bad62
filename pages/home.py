"""Plan and warehouse: the plan in force and what the warehouse holds."""

import streamlit as st

import ui.frame
import ui.home
from ui.activity import draw_block
from ui.i18n import fmt_int, tr
from ui.layout import read_or_stop

f = ui.frame.page("home")
v = read_or_stop(lambda: ui.home.view(f))
plan_id = f.plan.plan_id

st.subheader(tr("home.contents"))
for col, (key, n) in zip(st.columns(4), v.counts.items(), strict=True):
    col.metric(tr(f"home.{key}"), fmt_int(n))

left, right = st.columns(2)
with left:
    st.subheader(tr("home.indicators"))
    draw_block(v.indicators, "plan-indicators", plan_id, "home-indicators")
with right:
    st.subheader(tr("home.calendar"))
    draw_block(v.calendar, "plan-calendar", plan_id, "home-calendar")
st.subheader(tr("home.units"))
draw_block(v.units, "plan-units", plan_id, "home-units")
