"""Entry point: page config, shared filters, navigation."""

import streamlit as st

from ui.filters import draw_filters
from ui.i18n import tr

st.set_page_config(page_title="Theo dõi Kế hoạch Bình đẳng giới", page_icon="⚖️", layout="wide")
draw_filters()
page = st.navigation([st.Page("pages/home.py", title=tr("page.home"), default=True)])
page.run()
