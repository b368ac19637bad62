"""Overview: one card per target for the chosen period and units, then each target's trend over the year."""

import streamlit as st

import ui.frame
import ui.overview
from ui.downloads import download_buttons
from ui.i18n import tr
from ui.layout import read_or_stop, view_or_stop
from ui.same_period_tables import draw as draw_same_period
from ui.targets import draw_cards, plotly_config, quarter_note

f = ui.frame.page("overview")
v = view_or_stop(ui.overview.view, f)
if f.mode == "quarter":
    st.caption(quarter_note(f.plan, f.quarter, f.period_code))
if v is None:
    st.info(tr("ov.no_rows"))
    st.stop()

draw_cards(v.cards)
if v.unassigned:
    st.caption(tr("ov.not_assigned", codes=", ".join(v.unassigned)))
st.caption(tr("ov.download_cards"))
download_buttons(v.cards_table, "target_progress", f.period_code, key="ov-cards")

st.divider()
st.plotly_chart(v.trend, width="stretch", config=plotly_config("target_trend", f.plan.plan_id))
st.caption(tr("ov.download_trend"))
download_buttons(v.trend_table, "target_trend", f.plan.plan_id, key="ov-trend")

same = read_or_stop(lambda: ui.overview.same_period(f))
if same is not None:
    st.divider()
    draw_same_period(same, "same_period_targets", f.period_code, key="ov-same")
