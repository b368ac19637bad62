"""Sign in: a password account, or the organisation's sign-in (OIDC) when it is configured."""

import ui.frame

ui.frame.signin()
