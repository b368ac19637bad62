"""Reporting: who sent which report when, the rates, days late, and a ready-to-send reminder list."""

import streamlit as st

import ui.frame
import ui.reporting
from ui.activity import download_text, draw_block, draw_chart
from ui.i18n import tr
from ui.layout import read_or_stop

UPCOMING_KEY = "rp_include_upcoming"

f = ui.frame.page("reporting")
v = read_or_stop(lambda: ui.reporting.view(f))
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



@st.fragment
def reminders_section(period: str, as_of: str) -> None:
    """Its toggle and its unit choice redraw this section only, not the page."""
    st.subheader(tr("rp.reminders.title", period=period))
    upcoming = st.toggle(tr("rp.reminders.upcoming"), key=UPCOMING_KEY)
    r = read_or_stop(lambda: ui.reporting.reminders(f, upcoming))
    if not r.messages:
        st.success(tr("rp.reminders.none", period=period, as_of=as_of))
        return
    draw_block(r.table, "reminders", f.period_code, "rp-reminders")
    download_text(r.text, tr("rp.reminders.txt"), "reminders", f.period_code, "rp-reminders-txt")
    pick = st.selectbox(tr("rp.reminders.pick", n=len(r.labels)), range(len(r.labels)),
                        format_func=r.labels.__getitem__, key=f"rp_message_{f.period_code}_{upcoming}")
    # A text box, not a code block: the code block's highlighter was the largest cost of opening this page
    st.text_area(tr("rp.reminders.message"), r.message(pick), height=220,
                 key=f"rp_message_text_{f.period_code}_{upcoming}_{pick}")


reminders_section(v.period, v.as_of)

st.subheader(tr("rp.warnings.title"))
st.caption(tr("rp.warnings.caption"))
if v.warnings.table.empty:
    st.success(tr("rp.warnings.none"))
else:
    draw_block(v.warnings, "consistency-warnings", "all", "rp-warnings")
