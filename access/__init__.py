"""Who may do what: users, roles, password checks (no streamlit here)."""
