"""Entry point: page config, shared filters, navigation (pages live in app_pages/, see README)."""

import streamlit as st

from ui.filters import draw_filters
from ui.i18n import tr

st.set_page_config(page_title="Theo dõi Kế hoạch Bình đẳng giới", page_icon="⚖️", layout="wide")
draw_filters()
page = st.navigation([
    st.Page("app_pages/overview.py", title=tr("page.overview"), icon=":material/dashboard:", default=True),
    st.Page("app_pages/target.py", title=tr("page.target"), icon=":material/flag:"),
    st.Page("app_pages/participation.py", title=tr("page.participation"), icon=":material/groups:"),
    st.Page("app_pages/reporting.py", title=tr("page.reporting"), icon=":material/event_available:"),
    st.Page("app_pages/upload.py", title=tr("page.upload"), icon=":material/upload_file:"),
    st.Page("app_pages/review.py", title=tr("page.review"), icon=":material/fact_check:"),
    st.Page("app_pages/data.py", title=tr("page.data"), icon=":material/table:"),
    st.Page("app_pages/report.py", title=tr("page.report"), icon=":material/summarize:"),
    st.Page("app_pages/home.py", title=tr("page.home"), icon=":material/info:"),
])
page.run()
