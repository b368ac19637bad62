"""Cached, short-lived read access to the warehouse; never holds a connection between reruns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import queries
from etl.warehouse import WarehouseBusy, connect
from plan.load import cached_plans
from plan.model import Plan
from plan.settings import settings


class NoWarehouse(Exception):
    """The warehouse file does not exist yet."""


def db_path() -> Path:
    return settings().db_path


def plans() -> dict[str, Plan]:
    return cached_plans(str(settings().plans_dir))


def _read(name: str, params: dict[str, Any]) -> pd.DataFrame:
    path = db_path()
    if not path.exists():
        raise NoWarehouse(str(path))
    con = connect(path, read_only=True, wait_s=10)
    try:
        return queries.frame(con, name, params)
    finally:
        con.close()


def data_version() -> tuple[int, int, float]:
    """Changes whenever a load lands: part of every cache key, so new data shows on the next view."""
    path = db_path()
    if not path.exists():
        raise NoWarehouse(str(path))
    wal = path.with_name(path.name + ".wal")
    return (path.stat().st_mtime_ns, wal.stat().st_mtime_ns if wal.exists() else 0, 0.0)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, params: tuple[tuple[str, Any], ...], version: tuple[int, int, float]) -> pd.DataFrame:
    return _read(name, dict(params))


def frame(name: str, **params: Any) -> pd.DataFrame:
    """The result of queries/<name>.sql, cached until the next load lands."""
    return _cached(name, tuple(sorted(params.items())), data_version())


__all__ = ["NoWarehouse", "WarehouseBusy", "db_path", "frame", "plans"]
