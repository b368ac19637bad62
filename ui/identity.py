"""Who is acting: the name written into the audit log with every load and review decision."""

from __future__ import annotations

import streamlit as st

from ui.i18n import tr

ACTOR_KEY = "actor_name"


def actor_input() -> str:
    """The acting person's name, asked once per session and kept while pages change."""
    if ACTOR_KEY in st.session_state:
        st.session_state[ACTOR_KEY] = st.session_state[ACTOR_KEY]  # keep it across pages
    return str(st.text_input(tr("review.actor"), key=ACTOR_KEY, max_chars=200, help=tr("review.actor_help"))).strip()
