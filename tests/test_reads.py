"""The dashboard's read layer: results cached per warehouse version, and while a load holds the
warehouse the last result read for the same question, kept once (in the cache) rather than twice."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from conftest import UseSettings

from testkit.served import copy_db
from warehouse.db import WarehouseBusy


def _busy(name: str, params: dict[str, object]) -> pd.DataFrame:
    raise WarehouseBusy(detail="a load holds the warehouse")


def _touch(db: Path) -> None:
    """What a landing load does to the version: the file's modification time moves."""
    stat = db.stat()
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_busy_warehouse_shows_the_last_result_of_the_same_question(demo_db: Path, tmp_path: Path,
                                                                    use_settings: UseSettings,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.reads as reads

    db = copy_db(demo_db, tmp_path / "w.duckdb")
    use_settings(GEPM_DB=db)
    first = reads.frame("app/load_history", limit=20)
    assert len(first) > 0
    kept = dict(reads._LAST_GOOD)
    assert all(isinstance(v, tuple) for v in kept.values())  # versions, not a second copy of the rows
    _touch(db)
    monkeypatch.setattr(reads, "_read", _busy)
    pd.testing.assert_frame_equal(reads.frame("app/load_history", limit=20), first)
    with pytest.raises(WarehouseBusy):  # a question never answered before has nothing to fall back on
        reads.frame("app/load_history", limit=19)
