"""Cached, short-lived read access to the warehouse (the one read layer of ui/).

No connection outlives a query: each cache miss opens a read-only connection, reads, and closes it, so
the command-line loader can take the write lock between page views; while an upload of this process
writes, the read runs on a cursor of the upload's connection instead (warehouse.db.reading). Cache keys
include the warehouse file's modification time, so a landed load shows on the next page view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd
import streamlit as st

import queries
from i18n import GepmError
from plan.load import cached_plan_files, cached_plans
from plan.model import Plan
from plan.settings import settings
from ui.i18n import lang
from warehouse.db import WarehouseBusy, WarehouseUnavailable, reading

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

READ_WAIT_S = 8.0
# Results kept: the latest FRAMES_KEPT questions, and no more than FRAMES_MB of them pickled. A page asks
# 3-10 questions; at national size a period's unit rows weigh 1-5 MB, and 512 of them kept (with a
# second copy each for the busy fallback) grew a session past 600 MB (docs/performance.md, "Fourth round").
FRAMES_KEPT = 64
FRAMES_MB = "32MB"
Key = tuple[str, tuple[tuple[str, Any], ...]]
Version = tuple[int, int]
# The warehouse version of each question's last good read: while a load holds the warehouse, that
# version's result is asked of the cache again (a pointer, not a second copy of the rows).
_LAST_GOOD: dict[Key, Version] = {}
F = TypeVar("F", bound="DataclassInstance")
T = TypeVar("T")
VIEWS_KEPT = 64  # view models kept for all pages together: the least recently used go first


class NoWarehouse(GepmError):
    """The warehouse file does not exist yet."""


def db_path() -> Path:
    return settings().db_path


def plans() -> dict[str, Plan]:
    """The plan files, then the demo's other plan years (settings().demo_plans) once the warehouse holds their
    reports: `python -m etl demo` loads them, a warehouse of real reports never lists them."""
    found = cached_plans(str(settings().plans_dir))
    extra = {k: p for k, p in cached_plan_files(settings().demo_plans).items() if k not in found}
    if not extra:
        return found
    try:
        held = set(frame("app/reported_plans")["plan_id"])
    except (NoWarehouse, WarehouseBusy, WarehouseUnavailable):
        return found
    return found | {k: p for k, p in extra.items() if k in held}


def _read(name: str, params: dict[str, Any]) -> pd.DataFrame:
    path = db_path()
    if not path.exists():
        raise NoWarehouse("app.no_warehouse", path=str(path))
    with reading(path, READ_WAIT_S) as con:  # shares an upload's connection while one writes
        return queries.frame(con, name, params)


def data_version() -> tuple[int, int]:
    """Changes whenever a load lands (the file or its write-ahead log is written)."""
    path = db_path()
    if not path.exists():
        raise NoWarehouse("app.no_warehouse", path=str(path))
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_mtime_ns, wal.stat().st_mtime_ns if wal.exists() else 0


@st.cache_data(show_spinner=False, max_entries=FRAMES_KEPT, max_size=FRAMES_MB)
def _cached(name: str, params: tuple[tuple[str, Any], ...], version: Version) -> pd.DataFrame:
    return _read(name, {k: list(v) if isinstance(v, tuple) else v for k, v in params})


def cache_key(params: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The one recipe for a cache key from bound parameters: sorted names, lists as tuples."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def frame(name: str, **params: Any) -> pd.DataFrame:
    """The result of queries/<name>.sql, cached until the next load lands.

    While a long load holds the warehouse, the last result read for the same question is shown (while
    the cache still holds it: one of the FRAMES_KEPT latest questions).
    """
    key: Key = (name, cache_key(params))
    version = data_version()
    try:
        df = _cached(name, key[1], version)
    except WarehouseBusy:
        if key in _LAST_GOOD and _LAST_GOOD[key] != version:
            return _cached(name, key[1], _LAST_GOOD[key])
        raise
    if len(_LAST_GOOD) > 4096:
        _LAST_GOOD.clear()
    _LAST_GOOD[key] = version
    return df


def filters_key(f: DataclassInstance) -> tuple[tuple[str, Any], ...]:
    """Every filter value, the plan by its id (plans are read once per process)."""
    return tuple((x.name, getattr(getattr(f, x.name), "plan_id", getattr(f, x.name))) for x in fields(f))


@st.cache_resource(max_entries=VIEWS_KEPT, show_spinner=False)
def _view(name: str, key: tuple[tuple[str, Any], ...], lang: str, path: str, version: tuple[int, int],
          _build: Callable[[], Any]) -> Any:
    return _build()


def per_filters(build: Callable[[F], T]) -> Callable[[F], T]:
    """A page's view model built once per filter choice, language and warehouse version, then shared read-only
    by every session: a rerun that changes nothing the view depends on (a widget of the page, a return to the
    page) does not rebuild its tables and figures."""
    name = f"{build.__module__}.{build.__qualname__}"

    @wraps(build)
    def cached(f: F) -> T:
        return shared(name, f, lambda: build(f))

    return cached


def shared(name: str, f: DataclassInstance, build: Callable[[], T], *extra: str) -> T:
    """build()'s result, kept per name, filter choice (and extra keys), language, warehouse file and version, then
    shared read-only by every session (the pages only draw it)."""
    key = (*filters_key(f), *(("extra", e) for e in extra))
    built: T = _view(name, key, lang(), str(db_path()), data_version(), build)
    return built


__all__ = ["NoWarehouse", "WarehouseBusy", "cache_key", "db_path", "filters_key", "frame", "per_filters", "plans",
           "shared"]
