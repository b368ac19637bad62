"""Download buttons for tables and charts: CSV (UTF-8 with BOM) and styled .xlsx, formula-safe.

Files are built only when clicked (a callable), so pages stay fast; clicking does not rerun the page.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from documents.extracts import extract_name, suppress_small, to_csv_bytes, to_xlsx_bytes
from plan.settings import settings
from ui.filters import current_plan
from ui.i18n import tr

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(df: pd.DataFrame, what: str, period: str, key: str, day: date | None = None) -> None:
    """CSV and Excel buttons side by side; file names carry what, the period and the date."""
    left, right = st.columns(2)
    day = day or current_plan().today()
    df = suppress_small(df, settings().suppress_below)
    left.download_button(tr("download.csv"), lambda: to_csv_bytes(df), extract_name(what, period, day, "csv"),
                         "text/csv", key=f"{key}-csv", on_click="ignore", width="stretch", icon=":material/download:")
    right.download_button(tr("download.xlsx"), lambda: to_xlsx_bytes(df, what),
                          extract_name(what, period, day, "xlsx"), XLSX_MIME, key=f"{key}-xlsx", on_click="ignore",
                          width="stretch", icon=":material/table_view:")
