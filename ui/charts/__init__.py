"""Pure Plotly figure builders: frames and the plan in, a Figure out.

No streamlit here and no session state: the language is always passed in, so every builder runs
and is tested outside a Streamlit run (tests/test_imports.py keeps it so).
"""
