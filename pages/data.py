"""Data: filtered extracts of every documented view (CSV with BOM, Excel), and the load history."""

import streamlit as st

import ui.data
import ui.frame
from ui.downloads import download_buttons
from ui.extracts_ui import ALL_PERIODS_KEY, ONLY_REJECTED_KEY, load_chooser, view_chooser
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("data")

name = view_chooser()
all_periods = st.toggle(tr("da.all_periods"), key=ALL_PERIODS_KEY, help=tr("da.all_periods.help"))
v = read_or_stop(lambda: ui.data.view(f, name, all_periods))
st.caption(v.caption)
if v.rows.empty:
    st.info(tr("da.empty"))
st.dataframe(v.shown, hide_index=True, column_config=v.config)
download_buttons(v.rows, name, v.scope, key=f"da-{name}", day=f.as_of_date)
st.caption(tr("da.columns_note"))

st.header(tr("da.loads"))
h = read_or_stop(lambda: ui.data.history(f))
if h is None:
    st.info(tr("da.loads.none"))
    st.stop()
st.caption(h.caption)
st.dataframe(h.table, hide_index=True)

load_id = load_chooser(h.loads, f.plan.timezone)
st.subheader(tr("da.files"))
st.caption(ui.data.summary(h, load_id))
only_rejected = st.toggle(tr("da.only_rejected"), key=ONLY_REJECTED_KEY)
one = read_or_stop(lambda: ui.data.load(f, load_id, only_rejected))
st.dataframe(one.files, hide_index=True)
download_buttons(one.files, "load-files", f"load-{load_id}", key="da-files")

st.subheader(tr("da.problems"))
if one.problems is None:
    st.success(tr("da.problems.none"))
else:
    st.caption(tr("da.problems.caption"))
    st.dataframe(one.problems, hide_index=True)
    download_buttons(one.problems, "problems", f"load-{load_id}", key="da-problems")
