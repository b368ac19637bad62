"""The one way files reach the warehouse: prepare, open for writing, load, close.

The command line, the upload page and the demo all call load_files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from etl.load.prepare import Item, Preparer
from etl.load.result import LoadResult
from warehouse.lock import LOCK_WAIT_S

if TYPE_CHECKING:
    from etl.load.write import Progress
    from i18n.phrases import Phrase
    from plan.model import Plan


def load_files(db: Path, plans: dict[str, Plan], items: list[Item], *, default_plan: str, source: str,
               loaded_by: str | None = None, note: Phrase | None = None, progress: Progress | None = None,
               allowed_units: tuple[str, ...] = (), started: Preparer | None = None) -> LoadResult:
    """Load the items into the warehouse at db; raises WarehouseBusy / WarehouseUnavailable when it cannot write
    (LoadStopped, naming the files committed, when it stops part-way).

    Loads of one process run side by side, their transactions taking turns; a restore (of any
    process) is waited for, up to LOCK_WAIT_S. The workers are started on the files before the
    warehouse's modules (duckdb, numpy) are even imported: the first file is being read while the
    warehouse opens. A busy warehouse then stops them, having written nothing. started: a Preparer already
    started on these items (the command line starts one before it has even read the plans).
    """
    preparer = started or Preparer(plans, default_plan, len(items))
    try:
        if started is None:
            preparer.start(items)  # the workers begin on the first files while the warehouse's modules load
        from etl.load.write import load_items
        from warehouse.db import writing

        # A snapshot stale on opening (a changed plan or schema) is rebuilt once, when the load finishes.
        with writing(db, plans, "load", LOCK_WAIT_S, snapshots=False) as con:
            return load_items(con, plans, items, default_plan=default_plan, source=source, loaded_by=loaded_by,
                              note=note, progress=progress, preparer=preparer, allowed_units=allowed_units)
    finally:
        preparer.__exit__()
