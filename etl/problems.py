"""Problems found in a file: located (sheet, row, column) and explained in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from i18n import t


@dataclass(frozen=True)
class Problem:
    code: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as the spreadsheet shows it
    column: str | None = None  # letters, as the spreadsheet shows them
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return t(f"problem.{self.code}", "vi" if lang == "vi" else "en", **self.params)

    def fix(self, lang: str = "vi") -> str:
        return t(f"fix.{self.code}", "vi" if lang == "vi" else "en", **self.params)

    @property
    def cell(self) -> str:
        return f"{self.column or ''}{self.row or ''}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "row": self.row, "column": self.column, "code": self.code,
            "message_vi": self.message("vi"), "message_en": self.message("en"),
            "fix_vi": self.fix("vi"), "fix_en": self.fix("en"),
        }

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.sheet, self.cell) if x)
        text = f"{self.message('vi')} / {self.message('en')}"
        return f"[{where}] {text}" if where else text
