"""The only non-page code that imports streamlit: cached data access, widgets, formatting."""
