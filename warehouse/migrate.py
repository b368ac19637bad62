"""Schema upgrades that `create table if not exists` cannot make: a table whose checks or not-null
columns changed is set aside, created anew from queries/schema.sql, and its rows copied back."""

from __future__ import annotations

import duckdb

import queries
from queries import write_staged


def outdated(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Existing tables older than their definition in the schema (see write/outdated_tables.sql)."""
    return [row[0] for row in queries.rows(con, "write/outdated_tables")]


def apply_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create absent tables and rebuild outdated ones, in one transaction; the tables rebuilt."""
    tables = outdated(con)
    steps: list[tuple[str, dict[str, object]]] = [(f"write/set_aside_{t}", {}) for t in tables]
    steps += [("schema", {})] + [(f"write/copy_back_{t}", {}) for t in tables]
    write_staged(con, {}, steps)
    return tables
