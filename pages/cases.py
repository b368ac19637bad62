"""Cases: domestic- and gender-based-violence cases and the services given, per report; small counts never shown."""

import streamlit as st

import ui.cases
import ui.frame
from ui.activity import draw_block
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("cases")
v = read_or_stop(lambda: ui.cases.view(f))
if v is None:
    st.info(tr("ca.empty"))
    st.stop()

st.info(tr("ca.privacy", n=v.below, top=v.below - 1))

st.subheader(tr("ca.series.title"))
st.caption(tr("ca.series.caption"))
draw_block(v.series, "cases-by-report", v.scope, "ca-series")

st.subheader(tr("ca.units.title", period=v.period))
st.caption(tr("ca.units.caption", n=v.below, top=v.below - 1))
draw_block(v.units, "cases-by-unit", v.scope, "ca-units")
