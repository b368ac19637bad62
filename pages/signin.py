"""Sign in: a password account, or the organisation's sign-in (OIDC) when it is configured."""

import streamlit as st

from ui.auth import current_identity, oidc_configured, sign_in_form
from ui.i18n import tr

st.title(tr("auth.title"))
identity = current_identity()
if identity is not None and not identity.is_anonymous:
    st.success(tr("auth.no_role") if identity is None else tr("auth.welcome", name=identity.name))
    st.stop()
if oidc_configured():
    if st.user.is_logged_in:
        st.error(tr("auth.no_role"))
    st.button(tr("auth.oidc"), on_click=st.login, type="primary", key="auth_oidc")
    st.caption(tr("auth.or_password"))
sign_in_form()
st.caption(tr("auth.help"))
