"""Overview: one card per target for the chosen period and units, then each target's trend over the year."""

import streamlit as st

import ui.frame
from ui.data import frame
from ui.downloads import download_buttons
from ui.i18n import tr
from ui.layout import read_or_stop
from ui.target_charts import trend_figure
from ui.targets import cards, draw_cards, plotly_config, progress_table, quarter_note, unassigned

f = ui.frame.page("overview")
progress = read_or_stop(lambda: frame("app/target_progress", **f.params()))
chosen = progress[progress["period_code"] == f.period_code]
if f.mode == "quarter":
    st.caption(quarter_note(f.plan, f.quarter, f.period_code))
if chosen.empty:
    st.info(tr("ov.no_rows"))
    st.stop()

draw_cards(cards(chosen, f.plan))
if missing := unassigned(f.plan, chosen):
    st.caption(tr("ov.not_assigned", codes=", ".join(missing)))
st.caption(tr("ov.download_cards"))
download_buttons(progress_table(chosen, f.plan), "target_progress", f.period_code, key="ov-cards")

st.divider()
st.plotly_chart(trend_figure(progress, f.plan), width="stretch", config=plotly_config("target_trend", f.plan.plan_id))
st.caption(tr("ov.download_trend"))
download_buttons(progress_table(progress, f.plan), "target_trend", f.plan.plan_id, key="ov-trend")
