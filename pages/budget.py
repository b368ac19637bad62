"""Budget: estimate against spent by unit and by funding source, the share disbursed and the share mobilised."""

import streamlit as st

import ui.budget
import ui.frame
from ui.activity import draw_block
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("budget")
v = read_or_stop(lambda: ui.budget.view(f))
if v is None:
    st.info(tr("bg.empty"))
    st.stop()

for col, (label, value) in zip(st.columns(len(v.kpis)), v.kpis, strict=True):
    col.metric(label, value)
st.caption(tr("bg.caption"))
st.caption(v.mobilised_note)

st.subheader(tr("bg.by_source.title"))
draw_block(v.by_source, "budget-by-source", v.scope, "bg-source")

st.subheader(tr("bg.by_unit.title"))
draw_block(v.by_unit, "budget-by-unit", v.scope, "bg-unit")
