"""Find formula cells and error values in an .xlsx/.xlsm (calamine reads only cached values).

A formula written by a program and never opened in a spreadsheet app has no cached value, and an
error value ('#REF!', '#DIV/0!') reads as blank too: either would pass for an empty cell. Only when a
worksheet part contains a formula or an error at all do we parse it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from functools import lru_cache

from defusedxml import ElementTree

from etl.extract.raw import RawSheet

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REF = re.compile(r"^([A-Z]+)(\d+)$")
# A formula element (<f>, <f t="shared" ...>, <f/>), not <formula1> of a data validation; or an error cell (t="e").
_MARK = re.compile(rb"""<(?:\w+:)?f[\s>/]|\st\s*=\s*["']e["']""")
_PLAIN_MARK = re.compile(rb"""<f[\s>/]|\st\s*=\s*["']e["']""")


_AFTER_F = frozenset(b" \t\n\r\x0b\x0c>/")  # \s (bytes), '>' or '/'
_SPACE = frozenset(b" \t\n\r\x0b\x0c")
_QUOTES = frozenset(b"\"'")


def _has_marks(xml: bytes) -> bool:
    """Whether a worksheet part holds any formula or error value (profiled: one unprefixed scan is the cheap path)."""
    if b"<sheetData" in xml:  # the usual unprefixed SpreadsheetML of Excel, LibreOffice, openpyxl
        return _plain_marks(xml)
    return _MARK.search(xml) is not None


def _plain_marks(xml: bytes) -> bool:
    """_PLAIN_MARK.search(xml) is not None, found with bytes.find (a property test holds them equal):
    the regex's leading-whitespace branch made it try every byte, a fifth of a file's load."""
    for at in pairs(xml, b"<f"):
        if at + 2 < len(xml) and xml[at + 2] in _AFTER_F:
            return True
    return _error_value(xml)


RARE = 64  # the rare byte of a pair seen more often than this: the two-byte search is as quick


def pairs(xml: bytes, pair: bytes, rare: int = 1) -> Iterator[int]:
    """Where a two-byte pair starts in xml, in order, as repeated xml.find(pair) gives it (a property test holds
    them equal). A search for two bytes walks every byte; one for a single byte runs at memory speed (profiled:
    a tenth of the time on a worksheet part). So while the pair's byte at index rare is rare, as 'f' and ':' are
    between a worksheet's cells, each of its places is found alone and the other byte looked at."""
    byte, other, step = pair[rare:rare + 1], pair[1 - rare], 1 - 2 * rare  # the other byte is at hit + step
    hit = xml.find(byte, rare)
    for _ in range(RARE):
        if hit == -1:
            return
        if hit + step < len(xml) and xml[hit + step] == other:
            yield hit - rare
        hit = xml.find(byte, hit + 1)
    at = xml.find(pair, hit - rare) if hit != -1 else -1
    while at != -1:
        yield at
        at = xml.find(pair, at + 1)


def has_pair(xml: bytes, pair: bytes, rare: int = 1) -> bool:
    return next(pairs(xml, pair, rare), None) is not None


def _error_value(xml: bytes) -> bool:
    """Whether an error type (t="e" and its spacings) is found. A part without a single quote (the usual
    one) is searched for '"e"' alone, one pass instead of two."""
    if b"'" not in xml:
        return _found_before(xml, b'"e"')
    for opening in (b'"e', b"'e"):
        at = xml.find(opening)
        while at != -1:
            if at + 2 < len(xml) and xml[at + 2] in _QUOTES and _error_type_before(xml, at):
                return True
            at = xml.find(opening, at + 1)
    return False


def _found_before(xml: bytes, quoted: bytes) -> bool:
    at = xml.find(quoted)
    while at != -1:
        if _error_type_before(xml, at):
            return True
        at = xml.find(quoted, at + 1)
    return False


def _error_type_before(xml: bytes, quote: int) -> bool:
    """Whether whitespace, 't', optional whitespace, '=', optional whitespace end just before xml[quote]."""
    i = quote - 1
    while i >= 0 and xml[i] in _SPACE:
        i -= 1
    if i < 0 or xml[i] != ord("="):
        return False
    i -= 1
    while i >= 0 and xml[i] in _SPACE:
        i -= 1
    return i >= 1 and xml[i] == ord("t") and xml[i - 1] in _SPACE


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part path inside the archive."""
    book = archive.read("xl/workbook.xml")
    rels = _small_member(archive, RELS)
    if rels is None or len(book) > KEPT_PART:
        return _sheet_parts(book, lambda: archive.read(RELS))
    return dict(_kept_sheet_parts(book, rels))


RELS = "xl/_rels/workbook.xml.rels"
KEPT_PART = 1 << 15  # a template's workbook part and its relationships are read once per process


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return archive.read(name) if info.file_size <= KEPT_PART else None


@lru_cache(maxsize=64)
def _kept_sheet_parts(book: bytes, rels: bytes) -> dict[str, str]:
    """The files of one template share these two parts (profiled: parsing them was a tenth of extraction)."""
    return _sheet_parts(book, lambda: rels)


def _sheet_parts(book_xml: bytes, rels_xml: Callable[[], bytes]) -> dict[str, str]:
    """The relationships are read only once the workbook part has parsed, as they always were."""
    book = ElementTree.fromstring(book_xml)
    rels = ElementTree.fromstring(rels_xml())
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", NS)}
    out = {}
    for sheet in book.findall("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        out[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _marks(xml: bytes) -> tuple[set[tuple[int, int]], dict[tuple[int, int], str]]:
    """(row, col) 0-based of cells with a formula and no cached value, and of cells holding an error value."""
    formulas: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    for cell in ElementTree.fromstring(xml).iter(f"{{{NS['m']}}}c"):
        m = _REF.match(cell.get("r", ""))
        if m is None:
            continue
        at = (int(m.group(2)) - 1, _col_index(m.group(1)))
        value = cell.find("m:v", NS)
        text = (value.text or "").strip() if value is not None else ""
        if cell.get("t") == "e" and text:
            errors[at] = text[:20]
        elif cell.find("m:f", NS) is not None and not text:
            formulas.add(at)
    return formulas, errors


def formula_cells(archive: zipfile.ZipFile, sheets: dict[str, RawSheet]) -> None:
    """Mark, on each extracted sheet, the formula cells that have no value and the cells holding an error."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        return  # .ods: LibreOffice always stores computed values
    parts = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if not any(_has_marks(archive.read(n)) for n in parts):
        return
    by_name = sheet_parts(archive)
    for sheet in sheets.values():
        part = by_name.get(sheet.name)
        if part in names and sheet.rows:  # a sheet refused as too large is not parsed
            xml = archive.read(part)
            if _has_marks(xml):
                sheet.formulas, sheet.errors = _marks(xml)
