"""One door for all SQL: named .sql files, bound parameters only."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: a process that only reads query text (a parse worker) skips them
    from collections.abc import Mapping

    import duckdb
    import numpy as np
    import pandas as pd
    import pyarrow as pa

QUERY_DIR = Path(__file__).resolve().parent
Params = dict[str, Any] | None


@cache
def sql(name: str) -> str:
    """The text of queries/<name>.sql (names may contain a sub-folder, e.g. 'write/x')."""
    path = (QUERY_DIR / f"{name}.sql").resolve()
    if QUERY_DIR not in path.parents:
        raise ValueError(f"query name outside queries/: {name!r}")
    return path.read_text(encoding="utf-8")


def view_scripts() -> list[str]:
    """Definitions of the documented views and their macros, in dependency order."""
    return [p.read_text(encoding="utf-8") for p in sorted((QUERY_DIR / "views").glob("*.sql"))]


@cache
def statements(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The statements of a file with the parameters each one uses."""
    import duckdb

    return tuple((st.query, frozenset(st.named_parameters)) for st in duckdb.extract_statements(sql(name)))


def run(con: duckdb.DuckDBPyConnection, name: str, params: Params = None) -> None:
    """Run every statement of the file, each with the parameters it names."""
    given = params or {}
    for query, names in statements(name):
        con.execute(query, {k: given[k] for k in names})


def rows(con: duckdb.DuckDBPyConnection, name: str, params: Params = None) -> list[tuple[Any, ...]]:
    return con.execute(sql(name), params or {}).fetchall()


def frame(con: duckdb.DuckDBPyConnection, name: str, params: Params = None) -> pd.DataFrame:
    return con.execute(sql(name), params or {}).df()


def write_staged(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table | dict[str, np.ndarray]],
                 steps: list[tuple[str, dict[str, object]]]) -> None:
    """Run query files in one transaction, with tables (Arrow, or columns: warehouse.columns) registered under
    the names they read."""
    con.begin()
    try:
        for name, table in tables.items():
            con.register(name, table)
        for script, params in steps:
            run(con, script, params)
        con.commit()
    except Exception:
        con.rollback()
        raise
    finally:
        for name in tables:
            con.unregister(name)
