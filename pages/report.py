"""Consolidated report: the chosen period's targets, activities and reporting as one file to forward."""

import streamlit as st

import ui.frame
from ui.extracts_ui import consolidated, preview_config, report_downloads
from ui.i18n import tr
from ui.layout import read_or_stop

f = ui.frame.page("report")
st.caption(tr("cr.intro"))
report, previews = read_or_stop(lambda: consolidated(f))

st.markdown(f"**{report.heading}**  \n{report.scope}  \n{report.summary}")
report_downloads(report, f)

st.subheader(tr("cr.preview"))
for section, shown in zip(report.sections, previews, strict=True):
    st.markdown(f"##### {section.title}")
    if not section.rows:
        st.info(tr("cr.no_rows"))
        continue
    st.dataframe(shown, hide_index=True, column_config=preview_config(section))
    st.caption(section.note)
