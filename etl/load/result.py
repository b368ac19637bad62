"""What a load hands back, and how it stops: without the warehouse's modules, so the command line can name
them before duckdb is imported."""

from __future__ import annotations

from dataclasses import dataclass

from etl.load.prepare import FileResult
from warehouse.lock import WarehouseUnavailable

__all__ = ["LoadResult", "LoadStopped"]


class LoadStopped(WarehouseUnavailable):
    """The warehouse refused a later chunk of a load: the files of the chunks before it are committed
    (and listed here), the rest are not; running the load again skips the committed ones."""

    key = "load.stopped"

    def __init__(self, detail: str, load_id: int | None, committed: list[str]) -> None:
        names = ", ".join(committed[:20]) + (f" … (+{len(committed) - 20})" if len(committed) > 20 else "")
        super().__init__(detail=detail, n=len(committed), load_id=load_id or "—", files=names or "—")
        self.load_id, self.committed = load_id, committed


@dataclass
class LoadResult:
    load_id: int
    files: list[FileResult]

    def count(self, outcome: str) -> int:
        return sum(f.outcome == outcome for f in self.files)

    @property
    def exit_code(self) -> int:
        return 1 if self.count("rejected") else 0
