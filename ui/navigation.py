"""The pages each person may open: the navigation is built from their role."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from access.roles import Action, Identity
from ui.i18n import tr

# Absolute: a page run alone (a deep link first after a start, or a test) has pages/ as its own folder.
PAGE_DIR = Path(__file__).resolve().parents[1] / "pages"

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


def _may(identity: Identity, need: Action | None) -> bool:
    return need is None or identity.can(need)


def pages_for(identity: Identity | None) -> list[StreamlitPage]:
    """Sign-in for nobody; otherwise the pages the role allows in the menu, the first one the default.
    Every other page is still there, hidden: a link to it opens it (its frame asks to sign in, or says
    the role may not open it) instead of Streamlit's "Page not found"."""
    first = [st.Page(PAGE_DIR / "signin.py", title=tr("page.signin"), icon=":material/login:", default=True)] \
        if identity is None else []
    allowed = [p for p in PAGES if identity is not None and _may(identity, p[3])]
    shown = [st.Page(PAGE_DIR / f"{name}.py", title=tr(key), icon=icon, default=n == 0,
                     url_path=f"{name}-default" if n == 0 else None)
             for n, (name, key, icon, _) in enumerate(allowed)]
    hidden = [st.Page(PAGE_DIR / f"{p[0]}.py", title=tr(p[1]), icon=p[2], visibility="hidden")
              for p in PAGES if p not in allowed[1:]]  # the default page sits at /, and at /<name> too
    return first + shown + hidden


def navigation(identity: Identity | None) -> StreamlitPage:
    """The navigation of this run: no menu at all for nobody."""
    return st.navigation(pages_for(identity), position="sidebar" if identity else "hidden")
