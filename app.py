"""Entry point: the navigation over pages/ built from who is signed in; each page draws its own frame.

`streamlit run app.py` imports this file to find `app` (the server, with the sign-in routes beside the
pages), then runs it as __main__ for every session.
"""

import streamlit as st

if __name__ == "__main__":
    from ui.auth import current_identity
    from ui.filter_state import seed_from_url
    from ui.frame import navigated
    from ui.navigation import navigation

    identity = current_identity()
    seed_from_url()  # a bookmarked language names the menu too, from the first run on
    page = navigation(identity)
    with navigated():
        page.run()
else:
    from ui.binding import MIDDLEWARE
    from ui.session import ROUTES

    app = st.App(__file__, routes=ROUTES, middleware=MIDDLEWARE)
