"""How many rows and columns a sheet spans, read from its XML before the reader lays it out.

calamine allocates every cell of a sheet's used area at once, and aborts the whole process when it
cannot: one stray mark in XFD1048576 beside A1 asks for half a terabyte. So the extent is measured
first, from the cell positions in the XML (explicit or implied), counting only cells that may hold a value.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile

from etl.extract.formulas import has_pair, sheet_parts
from etl.extract.raw import Extent

_ATTRS = rb"""((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>"""  # a quoted attribute value may hold '>'
_XLSX_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])" + _ATTRS)
# Cells with r= first, as Excel, LibreOffice and openpyxl write them. A cell may hold a value unless it is
# closed at once: <c r="Z9" s="1"/> and <c r="Z9" s="1"></c> are formatting only and readers skip them.
_VALUED = rb"""(?:[^>"'/]++|"[^"]*+"|'[^']*+'|/(?!>))*+>\s*+(?!</)"""
_CELL, _CELL_R_FIRST = re.compile(rb"<c[\s/>]"), re.compile(rb'<c\s+r="[A-Z]+\d+"')
_VALUED_CELL = re.compile(rb'<c\s+r="([A-Z]+)(\d+)"' + _VALUED)
_PREFIXED = (re.compile(rb"<(?:\w+:)?c[\s/>]"), re.compile(rb'<(?:\w+:)?c\s+r="[A-Z]+\d+"'),
             re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]+)(\d+)"' + _VALUED))  # slower: only when needed
# One pass: a cell tag that is not r= first, after one space, within ZZ999. None found: the sheet spans at most
# ZZ999 (a cell tag spaced otherwise is measured exactly, which is within the limits too). Possessive repeats
# and the literal space: a third fewer instructions than '(?=[\s/>])(?!\s+r=...)' (callgrind).
_NOT_SMALL = re.compile(rb'<c(?! r="[A-Z]{1,2}+\d{1,3}+")[\s/>]')
SMALL: Extent = (999, 702)
_XLSX_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)["']""")
_ODS_TAG = re.compile(rb"<(?:[\w-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])" + _ATTRS)
_ODS_NAME = re.compile(rb"""[\w-]+:name\s*=\s*["']([^"']*)["']""")
_ODS_REPEAT = re.compile(rb"""[\w-]+:number-(?:rows|columns)-repeated\s*=\s*["'](\d+)["']""")
_ODS_VALUE = re.compile(rb"[\w-]+:value-type\s*=")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def xlsx_extent(xml: bytes) -> Extent:
    """Rows × columns of a worksheet part (profiled: the common shape, r= first in every cell, is read in C)."""
    every, ref_first, valued = _PREFIXED if has_pair(xml, b":c", rare=0) else (_CELL, _CELL_R_FIRST, _VALUED_CELL)
    if len(ref_first.findall(xml)) != len(every.findall(xml)):
        return _placed_extent(xml)
    refs = valued.findall(xml)
    if not refs:
        return 0, 0
    return max(int(digits) for _, digits in refs), max(_column(letters) for letters in {c for c, _ in refs})


def xlsx_bound(xml: bytes) -> Extent:
    """An extent at least the sheet's: ZZ999 (999 x 702) when one pass finds every cell placed within it,
    else the exact one (profiled: the exact extent of a 1,200-cell template sheet cost 1 ms, this 0.2 ms)."""
    if not has_pair(xml, b":c", rare=0) and _NOT_SMALL.search(xml) is None:
        return SMALL
    return xlsx_extent(xml)


def _placed_extent(xml: bytes) -> Extent:
    """Rows × columns with every cell placed as readers do: a cell or row without r= follows the previous one."""
    row = col = rows = cols = 0
    for m in _XLSX_TAG.finditer(xml):
        ref = _XLSX_REF.search(m.group(2))
        if m.group(1) == b"row":
            row, col = int(ref.group(2)) if ref and ref.group(2) else row + 1, 0
            continue
        col = _column(ref.group(1)) if ref and ref.group(1) else col + 1
        row = int(ref.group(2)) if ref and ref.group(2) else row
        if not m.group(2).endswith(b"/") and not xml.startswith(b"</", _skip_space(xml, m.end())):
            rows, cols = max(rows, row), max(cols, col)  # <c r="XFD9" s="1"/> is formatting only: readers skip it
    return rows, cols


def _skip_space(xml: bytes, at: int) -> int:
    while at < len(xml) and xml[at] in b" \t\r\n":
        at += 1
    return at


def _repeat(attrs: bytes) -> int:
    m = _ODS_REPEAT.search(attrs)
    return int(m.group(1)) if m else 1


def _table_name(attrs: bytes) -> str:
    m = _ODS_NAME.search(attrs)
    return html.unescape(m.group(1).decode("utf-8", "replace")) if m else ""


def ods_extents(xml: bytes) -> dict[str, Extent]:
    """Rows × columns of every table in content.xml, repeated rows and cells counted as often as repeated."""
    out: dict[str, Extent] = {}
    name, row, col, span = "", 0, 0, 1
    for m in _ODS_TAG.finditer(xml):
        kind, attrs = m.group(1), m.group(2)
        if kind == b"table":
            name, row, col, span = _table_name(attrs), 0, 0, 1
        elif kind == b"table-row":
            row, col, span = row + span, 0, _repeat(attrs)
        else:
            col += _repeat(attrs)
            if _ODS_VALUE.search(attrs) or not attrs.endswith(b"/"):
                rows, cols = out.get(name, (0, 0))
                out[name] = max(rows, row + span - 1), max(cols, col)
    return out


def is_ods(archive: zipfile.ZipFile) -> bool:
    members = set(archive.namelist())
    return "content.xml" in members and "xl/workbook.xml" not in members


def _locate(part: str, members: set[str]) -> str | None:
    """The member a relationship target names, found the lenient way readers find it (case, '..', '\\')."""
    if part in members:
        return part
    wanted = posixpath.normpath(part.replace("\\", "/")).lower()
    return next((m for m in sorted(members) if posixpath.normpath(m).lower() == wanted), None)


def _widest(archive: zipfile.ZipFile) -> Extent:
    """The worst extent over every XML part: for a sheet whose part cannot be placed, assume any of them."""
    found = [xlsx_extent(archive.read(i)) for i in archive.infolist() if i.filename.lower().endswith(".xml")]
    return max((r for r, _ in found), default=0), max((c for _, c in found), default=0)


def extents(archive: zipfile.ZipFile, names: list[str], bounded: bool = False) -> dict[str, Extent]:
    """The extent of each named sheet of an .xlsx/.xlsm archive, measured in the part the reader will read.

    bounded: a sheet within ZZ999 may be given as SMALL (the caller's limits allow SMALL)."""
    measure = xlsx_bound if bounded else xlsx_extent
    if is_ods(archive):
        return {}  # every table of an .ods is measured before it is opened
    members = set(archive.namelist())
    parts = sheet_parts(archive) if "xl/workbook.xml" in members and "xl/_rels/workbook.xml.rels" in members else {}
    out: dict[str, Extent] = {}
    for name in names:
        part = _locate(parts.get(name, ""), members)
        out[name] = measure(archive.read(part)) if part else _widest(archive)
    return out
