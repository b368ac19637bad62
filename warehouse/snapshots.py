"""Per-plan-year snapshots of the heaviest views, rebuilt after every write.

The documented views read a snapshot only while it provably matches the warehouse (same plan file,
submissions and returns; see queries/views/05_snapshots.sql), so a missed or failed rebuild costs
speed, never correctness: the views then compute live.
"""

from __future__ import annotations

import logging

import duckdb

import queries
from queries import write_staged
from warehouse.clock import now_utc

log = logging.getLogger(__name__)
# Derived tables: never backed up, rebuilt from the tables they summarise.
TABLES = ("snapshot_meta", "snapshot_target_progress_unit", "snapshot_target_progress",
          "snapshot_reporting_joined", "snapshot_participation")


def stale(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Plan years whose snapshots do not match the warehouse."""
    return [row[0] for row in queries.rows(con, "write/snapshot_stale")]


def refresh(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rebuild the snapshots of every plan year that changed, one transaction each; the plan ids rebuilt.

    A failure (e.g. a full disk) leaves that plan year on live computation and is logged, not raised:
    the write that came before has landed and stays valid.
    """
    rebuilt = []
    try:
        for plan_id, fingerprint, last_event_at in queries.rows(con, "write/snapshot_stale"):
            write_staged(con, {}, [("write/snapshot_build", {
                "plan_id": plan_id, "state_fingerprint": fingerprint, "last_event_at": last_event_at,
                "built_at": now_utc()})])
            rebuilt.append(plan_id)
    except duckdb.Error as exc:
        log.warning("snapshots not rebuilt, views compute live: %s", exc)
    return rebuilt
