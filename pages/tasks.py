"""Tasks: the plan's tasks by unit and status, completion, tasks not started late in the year, difficulties."""

import streamlit as st

import ui.frame
import ui.tasks
from ui.activity import draw_block
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("tasks")
v = read_or_stop(lambda: ui.tasks.view(f))
if v is None:
    st.info(tr("tk.empty"))
    st.stop()

for col, (label, value) in zip(st.columns(len(v.kpis)), v.kpis, strict=True):
    col.metric(label, value)

st.subheader(tr("tk.matrix.title"))
st.caption(tr("tk.matrix.caption"))
draw_block(v.matrix, "tasks-matrix", v.scope, "tk-matrix")

st.subheader(tr("tk.completion.title"))
st.caption(tr("tk.completion.caption"))
by_unit, by_section = st.tabs([tr("tk.tab.unit"), tr("tk.tab.section")])
with by_unit:
    draw_block(v.by_unit, "tasks-by-unit", v.scope, "tk-unit")
with by_section:
    st.caption(tr("tk.section.caption"))
    draw_block(v.by_section, "tasks-by-section", v.scope, "tk-section")

st.subheader(v.not_started_title)
if v.not_started is None:
    st.info(v.not_started_note)
elif v.not_started.table.empty:
    st.success(tr("tk.not_started.none"))
else:
    st.caption(v.not_started_note)
    draw_block(v.not_started, "tasks-not-started", v.scope, "tk-not-started")

st.subheader(tr("tk.remarks.title"))
st.caption(tr("tk.remarks.caption"))
for what, b in (("difficulties", v.difficulties), ("proposals", v.proposals)):
    st.markdown(f"**{tr(f'tk.remarks.{what}')}**")
    if b.table.empty:
        st.caption(tr("tk.remarks.none"))
    else:
        draw_block(b, f"tasks-{what}", v.scope, f"tk-{what}")
