"""What the official report is made of: paragraphs and tables in order, the letterhead, recipients, signature.

Pure data: `documents.official_report` fills it from the figures, `documents.official_report_docx` lays it out
in the state administrative format (Nghị định 30/2020/NĐ-CP).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from i18n import Lang

Style = Literal["part", "heading", "subheading", "body", "pending", "note", "center"]


@dataclass(frozen=True)
class Para:
    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Grid:
    """A table: column labels, widths in cm, which columns hold figures (right-aligned), rows as text."""

    columns: tuple[str, ...]
    widths: tuple[float, ...]
    figures: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Para | Grid


@dataclass(frozen=True)
class Letterhead:
    parent: str  # the body above the issuer, e.g. "UBND QUẬN GÒ VẤP"
    issuer: str  # e.g. "BAN VÌ SỰ TIẾN BỘ PHỤ NỮ VÀ BÌNH ĐẲNG GIỚI"
    number: str  # "Số: …/BC-BVSTBPN"
    country: str
    motto: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # "TM. BAN …"
    title: str  # "TRƯỞNG BAN"
    name: str


@dataclass(frozen=True)
class OfficialReport:
    lang: Lang
    letterhead: Letterhead
    kind: str  # "BÁO CÁO"
    subject: str
    body: tuple[Block, ...]
    recipients_heading: str
    recipients: tuple[str, ...]
    signature: Signature
    annexes: tuple[Block, ...]  # each annex starts on a new page
    ethnic: tuple[Block, ...]  # the section for the City Ethnic Committee, on its own pages

    def text_blocks(self) -> tuple[Block, ...]:
        return (*self.body, *self.annexes, *self.ethnic)
