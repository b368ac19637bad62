"""Reporting: who sent which report when, the rates, days late, and a ready-to-send reminder list."""

import streamlit as st

import ui.frame
import ui.reporting
from ui.activity import download_text, draw_block, draw_chart
from ui.formats import plain
from ui.i18n import tr
from ui.layout import read_or_stop

UPCOMING_KEY = "rp_include_upcoming"
MESSAGES_SHOWN = 30  # the rest are in the .txt download

f = ui.frame.page("reporting")
upcoming = bool(st.session_state.get(UPCOMING_KEY, False))
v = read_or_stop(lambda: ui.reporting.view(f, upcoming))
if v is None:
    st.info(tr("rp.empty"))
    st.stop()
d = v.data

for col, (label, value) in zip(st.columns(len(v.kpis)), v.kpis, strict=True):
    col.metric(label, value, help=tr("rp.kpi.help", period=v.period, as_of=v.as_of))

st.subheader(tr("rp.matrix.title"))
st.caption(tr("rp.matrix.caption"))
if v.capped:
    st.caption(v.capped)
draw_chart(d.heatmap, "reporting-status")
with st.expander(tr("rp.matrix.table")):
    draw_block(d.status, "reporting-status", "all", "rp-status")

if v.rollup is not None:
    st.subheader(v.rollup_title)
    draw_block(v.rollup, f"reporting-rollup-{f.level}", f.period_code, "rp-rollup")

st.subheader(tr("rp.rates.title"))
draw_block(d.rates, "reporting-rates", "all", "rp-rates")

st.subheader(tr("rp.late.title", period=v.period))
if d.days_late is None:
    st.info(tr("rp.late.none", period=v.period, as_of=v.as_of))
else:
    draw_chart(d.days_late, "reporting-days-late")

st.subheader(tr("rp.reminders.title", period=v.period))
st.toggle(tr("rp.reminders.upcoming"), key=UPCOMING_KEY)
if not d.messages:
    st.success(tr("rp.reminders.none", period=v.period, as_of=v.as_of))
else:
    draw_block(d.reminders, "reminders", f.period_code, "rp-reminders")
    download_text(d.messages_text, tr("rp.reminders.txt"), "reminders", f.period_code, "rp-reminders-txt")
    with st.expander(tr("rp.reminders.messages"), expanded=True):
        for unit, contact, message in d.messages[:MESSAGES_SHOWN]:
            st.markdown(f"**{plain(unit)}** · {plain(contact)}")
            st.code(message, language=None, wrap_lines=True)
        if len(d.messages) > MESSAGES_SHOWN:
            st.caption(tr("rp.more_messages", n=len(d.messages) - MESSAGES_SHOWN))

st.subheader(tr("rp.warnings.title"))
st.caption(tr("rp.warnings.caption"))
if v.warnings.table.empty:
    st.success(tr("rp.warnings.none"))
else:
    draw_block(v.warnings, "consistency-warnings", "all", "rp-warnings")
