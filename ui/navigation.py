"""The pages each person may open: the navigation is built from their role."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from access.roles import Action, Identity
from ui.i18n import tr

# (file in pages/, title key, icon, who may open it: None = everyone signed in)
PAGES: tuple[tuple[str, str, str, Action | None], ...] = (
    ("overview", "page.overview", ":material/dashboard:", "dashboard"),
    ("target", "page.target", ":material/flag:", "dashboard"),
    ("participation", "page.participation", ":material/groups:", "dashboard"),
    ("tasks", "page.tasks", ":material/task_alt:", "dashboard"),
    ("budget", "page.budget", ":material/payments:", "dashboard"),
    ("cases", "page.cases", ":material/health_and_safety:", "dashboard"),
    ("reporting", "page.reporting", ":material/event_available:", "dashboard"),
    ("upload", "page.upload", ":material/upload_file:", "upload"),
    ("review", "page.review", ":material/fact_check:", "audit"),
    ("data", "page.data", ":material/table:", "extracts"),
    ("report", "page.report", ":material/summarize:", "dashboard"),
    ("home", "page.home", ":material/info:", None),
)


def pages_for(identity: Identity | None) -> list[StreamlitPage]:
    """Sign-in only for nobody; otherwise the pages the role allows, the first one the default."""
    if identity is None:
        return [st.Page("pages/signin.py", title=tr("page.signin"), icon=":material/login:", default=True)]
    allowed = [p for p in PAGES if p[3] is None or identity.can(p[3])]
    return [st.Page(f"pages/{name}.py", title=tr(key), icon=icon, default=n == 0)
            for n, (name, key, icon, _) in enumerate(allowed)]
