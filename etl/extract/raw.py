"""What extraction hands on: the raw cells of each contract sheet, or an error naming why the file is unusable."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.errors import GepmError

Extent = tuple[int, int]  # (rows, columns) from A1 to the farthest cell that may hold a value
Cell = object
Rows = list[list[Cell]]


class ExtractError(GepmError):
    """The file cannot be used at all; code/params name the problem in the catalogue, sheet (if any) locates it."""

    def __init__(self, code: str, sheet: str | None = None, **params: object) -> None:
        super().__init__(f"problem.{code}", **params)
        self.code = code
        self.sheet = sheet


@dataclass
class RawSheet:
    name: str
    rows: Rows
    formulas: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # '#REF!' and kin: readers show them blank
    too_many_rows: int = 0
    too_many_cells: Extent | None = None  # (rows, columns) of a used area too large to read
    legacy: dict[str, int] = field(default_factory=dict)  # encoding -> text cells converted to Unicode

    def marked(self, r: int, c: int | None) -> bool:
        """Whether a cell that reads blank holds an uncomputed formula or an error value."""
        return bool(self.formulas or self.errors) and ((r, c) in self.formulas or (r, c) in self.errors)


@dataclass
class RawWorkbook:
    file_name: str
    sha256: str
    size: int
    sheets: dict[str, RawSheet]
    meta: dict[str, str]
    hidden: list[str] = field(default_factory=list)  # contract sheets present only as hidden sheets
