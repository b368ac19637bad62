"""Data: filtered extracts of every documented view (CSV with BOM, Excel), and the load history."""

import streamlit as st

import ui.frame
from ui.downloads import download_buttons
from ui.extracts_ui import (
    ALL_PERIODS_KEY,
    ONLY_REJECTED_KEY,
    column_config,
    files_table,
    load_chooser,
    load_files,
    load_problems,
    load_summary,
    loads,
    loads_table,
    on_screen,
    problems_table,
    row_count,
    scope_name,
    view_chooser,
    view_frame,
)
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("data")
tz = f.plan.timezone

view = view_chooser()
all_periods = st.toggle(tr("da.all_periods"), key=ALL_PERIODS_KEY, help=tr("da.all_periods.help"))
df = read_or_stop(lambda: view_frame(view, f, all_periods))
st.caption(row_count(view, df))
if df.empty:
    st.info(tr("da.empty"))
st.dataframe(on_screen(df), hide_index=True, column_config=column_config(df))
download_buttons(df, view, scope_name(view, f, all_periods), key=f"da-{view}", day=f.as_of_date)
st.caption(tr("da.columns_note"))

st.header(tr("da.loads"))
history = read_or_stop(loads)
if history.empty:
    st.info(tr("da.loads.none"))
    st.stop()
st.caption(tr("da.loads.caption", n=len(history)))
st.dataframe(loads_table(history, tz), hide_index=True)

load_id = load_chooser(history, tz)
st.subheader(tr("da.files"))
st.caption(load_summary(history, load_id))
only_rejected = st.toggle(tr("da.only_rejected"), key=ONLY_REJECTED_KEY)
files = read_or_stop(lambda: load_files(load_id, only_rejected))
shown = files_table(files, tz)
st.dataframe(shown, hide_index=True)
download_buttons(shown, "load-files", f"load-{load_id}", key="da-files")

st.subheader(tr("da.problems"))
problems = read_or_stop(lambda: load_problems(load_id))
if problems.empty:
    st.success(tr("da.problems.none"))
else:
    st.caption(tr("da.problems.caption"))
    table = problems_table(problems)
    st.dataframe(table, hide_index=True)
    download_buttons(table, "problems", f"load-{load_id}", key="da-problems")
