"""Entry point: the navigation over pages/ built from who is signed in; each page draws its own frame."""

import streamlit as st

from ui.auth import current_identity
from ui.frame import navigated
from ui.navigation import pages_for

page = st.navigation(pages_for(current_identity()))
with navigated():
    page.run()
