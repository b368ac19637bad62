"""Files made for people: templates, annotated copies, extracts, the consolidated report. No streamlit."""
