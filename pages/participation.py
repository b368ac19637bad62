"""Participation: activities and participants by type, target group, sex, ethnic minority, unit and quarter."""

import streamlit as st

import ui.frame
import ui.participation
from ui.activity import draw_block
from ui.i18n import tr
from ui.layout import read_or_stop
from ui.same_period_tables import draw as draw_same_period

f = ui.frame.page("participation")
v = read_or_stop(lambda: ui.participation.view(f))
if v is None:
    st.info(tr("pa.empty"))
    st.stop()

for col, (label, value) in zip(st.columns(len(v.kpis)), v.kpis, strict=True):
    col.metric(label, value)

if v.rollup is not None:
    st.subheader(v.rollup_title)
    draw_block(v.rollup, f"participation-rollup-{f.level}", v.scope, "pa-rollup")

tabs = st.tabs(v.tabs)
for tab, dim in zip(tabs, ui.participation.DIMENSIONS, strict=False):
    with tab:
        st.caption(tr("pa.chart.minority_note"))
        if dim == "unit_code" and v.capped:
            st.caption(v.capped)
        draw_block(v.blocks[dim], f"participation-{dim}", v.scope, f"pa-{dim}")

with tabs[-1]:
    has_indicator, note = v.outreach_note
    (st.caption if has_indicator else st.info)(note)
    draw_block(v.blocks["outreach"], "participation-outreach", v.scope, "pa-outreach")

same = read_or_stop(lambda: ui.participation.same_period(f))
if same is not None:
    st.divider()
    draw_same_period(same, "same_period_participation", v.scope, key="pa-same")
