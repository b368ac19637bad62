"""Report page: the official report as a Word draft, then the consolidated three-table report to forward."""

import streamlit as st

import ui.frame
from ui.extracts_ui import consolidated, preview_config, report_downloads
from ui.i18n import tr
from ui.layout import read_or_stop
from ui.report import draft_download, figures

f = ui.frame.page("report")
official = read_or_stop(lambda: figures(f))
st.subheader(tr("or.section"))
st.caption(tr("or.page_intro"))
draft_download(f, official)

st.divider()
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
