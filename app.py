"""Entry point: page config, who is signed in, shared filters, navigation (pages live in pages/, see README).

`streamlit run app.py` imports this file to find `app` (the server, with the sign-in routes beside the
pages), then runs it as __main__ for every session.
"""

import streamlit as st

if __name__ == "__main__":
    from ui.auth import account_box, current_identity, demo_banner, demo_mode
    from ui.filters import draw_filters
    from ui.navigation import pages_for

    st.set_page_config(page_title="Theo dõi Kế hoạch Bình đẳng giới", page_icon="⚖️", layout="wide")
    identity = current_identity()
    if identity is not None:
        draw_filters(identity.units)
    account_box(identity)
    page = st.navigation(pages_for(identity))
    if demo_mode():
        demo_banner()
    page.run()
else:
    from ui.session import ROUTES

    app = st.App(__file__, routes=ROUTES)
