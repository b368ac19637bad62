"""Extract: a submitted file -> raw cell values of the sheets the contract names.

Guards run before any parsing: size, file type by content, zip expansion, encryption, XML DTDs and
declared shared-text counts (etl.extract.prolog), and
the extent of each sheet (the reader lays a sheet out densely, so a far stray cell must be caught first).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path
from typing import cast

import python_calamine as pc

from etl.contract import (
    EXTENSIONS,
    META_SHEET,
    SHEET_ACTIVITIES,
    SHEET_BUDGET,
    SHEET_CASES,
    SHEET_INFO,
    SHEET_TASKS,
    SHEET_VALUES,
)
from etl.extract.extent import SMALL, extents, ods_extents
from etl.extract.formulas import formula_cells
from etl.extract.names import check_names, check_workbook_folder
from etl.extract.parts import PartsOnce
from etl.extract.prolog import check_parts
from etl.extract.raw import Extent, ExtractError, RawSheet, RawWorkbook, Rows
from etl.text import fold
from plan.settings import Settings

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WANTED = {fold(n): n for n in (SHEET_INFO, SHEET_VALUES, SHEET_ACTIVITIES, SHEET_TASKS, SHEET_BUDGET, SHEET_CASES)}
MAX_MEMBERS = 10_000

def read_bytes(path: Path, cfg: Settings) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise ExtractError("file_empty")
    if size > cfg.max_file_bytes:
        raise ExtractError("file_too_large", size=size, limit=cfg.max_file_bytes)
    return path.read_bytes()


def check_zip(data: bytes, cfg: Settings) -> zipfile.ZipFile:
    """Refuse archives that expand beyond the limits, before anything is decompressed."""
    try:
        archive = PartsOnce(data)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:  # e.g. "zip file version 6.4"
        raise ExtractError("file_format", detail=f"zip: {exc}") from exc
    if len(infos) > MAX_MEMBERS:
        raise ExtractError("zip_members", count=len(infos), limit=MAX_MEMBERS)
    check_names(infos)  # each part named once, and read by the name the checks read it by
    total = sum(i.file_size for i in infos)
    ratio = total // max(1, len(data))
    if total > cfg.max_unzipped_bytes or ratio > cfg.max_zip_ratio:
        raise ExtractError("zip_bomb", size=total, ratio=ratio)
    return archive


def sniff(data: bytes, suffix: str) -> str:
    """The container kind by content, whatever the file name says."""
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(CFB_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ExtractError("file_encrypted")
        return "cfb"
    head = data[:512].lstrip()
    kind = "HTML/XML" if head[:1] == b"<" else "CSV/text" if _is_text(head) else "binary"
    raise ExtractError("file_format", detail=f"{suffix or '?'} content: {kind}")


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _inflated(archive: zipfile.ZipFile | None) -> bytes | None:
    """The archive with the parts the checks inflated stored as they are, for the reader (etl.extract.parts)."""
    return archive.inflated_copy(_merges_first) if isinstance(archive, PartsOnce) else None


# A worksheet's root element, unprefixed and not empty, after an optional BOM and XML declaration (a quoted
# attribute value may hold '>' or '/').
_SHEET_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml[^<>]*\?>)?\s*<worksheet(?=[\s>])"
                         rb"""(?:[^>"'/]++|"[^"]*+"|'[^']*+')*+>""")
NO_MERGES = b"<mergeCells></mergeCells>"


def _merges_first(name: str, xml: bytes) -> bytes:
    """A worksheet part as the reader is given it: an empty list of merged cells placed first. python-calamine
    reads each sheet a second time, to its end, for the merged cells, which nothing here uses (measured: 30% of
    its parse); it stops at the first such list. Its cells reader skips any element before the cells."""
    root = _SHEET_ROOT.match(xml) if name.startswith("xl/worksheets/") else None
    return xml if root is None else b"".join((xml[:root.end()], NO_MERGES, xml[root.end():]))


def _open(data: bytes) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise ExtractError("file_encrypted") from exc
    except Exception as exc:  # calamine raises several types for broken files
        raise ExtractError("file_unreadable", detail=str(exc)[:200]) from exc


def _too_large(name: str, extent: Extent, cfg: Settings) -> RawSheet | None:
    rows, cols = extent
    if rows > cfg.max_sheet_rows:
        return RawSheet(name, [], too_many_rows=rows)
    if rows * cols > cfg.max_sheet_cells:
        return RawSheet(name, [], too_many_cells=extent)
    return None


def _padded(sheet: pc.CalamineSheet) -> Extent:
    """Rows × columns of the sheet read from A1, as to_python(skip_empty_area=False) lays it out."""
    return (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)


def check_ods(archive: zipfile.ZipFile, cfg: Settings) -> None:
    """Refuse an .ods holding a table too large to read: calamine lays out every table when it opens the file."""
    if "content.xml" not in archive.namelist():
        return
    for name, (rows, cols) in ods_extents(archive.read("content.xml")).items():
        if rows > cfg.max_sheet_rows:
            raise ExtractError("sheet_too_large", name, rows=rows, limit=cfg.max_sheet_rows)
        if rows * cols > cfg.max_sheet_cells:
            raise ExtractError("sheet_too_many_cells", name, rows=rows, columns=cols, limit=cfg.max_sheet_cells)


def _sheet(book: pc.CalamineWorkbook, name: str, cfg: Settings, extent: Extent | None) -> RawSheet:
    """A sheet's cells; too large a sheet is measured from its XML first, so the reader never lays it out."""
    refused = _too_large(name, extent, cfg) if extent else None
    if refused is not None:
        return refused
    sheet = book.get_sheet_by_name(name)
    refused = _too_large(name, _padded(sheet), cfg)
    if refused is not None:
        return refused
    try:
        return RawSheet(name, cast(Rows, sheet.to_python(skip_empty_area=False)))
    except Exception as exc:
        raise ExtractError("file_unreadable", detail=f"{name}: {str(exc)[:200]}") from exc


def _meta(book: pc.CalamineWorkbook, name: str, cfg: Settings, extent: Extent | None) -> dict[str, str]:
    rows = _sheet(book, name, cfg, extent).rows[:50]  # an oversized copy of the hidden sheet reads as none
    return {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and r[0]}


def _choose(book: pc.CalamineWorkbook) -> tuple[dict[str, str], list[str], str | None]:
    """Contract sheet -> the first visible sheet whose name matches it; contract sheets seen hidden; the meta sheet."""
    chosen: dict[str, str] = {}
    hidden: list[str] = []
    meta = None
    for info in book.sheets_metadata:
        key = WANTED.get(fold(info.name))
        if info.name == META_SHEET:
            meta = info.name
        elif key is not None and info.visible != pc.SheetVisibleEnum.Visible:
            hidden.append(key)
        elif key is not None and key not in chosen:
            chosen[key] = info.name
    return chosen, [h for h in hidden if h not in chosen], meta


def _collect(book: pc.CalamineWorkbook, cfg: Settings,
             archive: zipfile.ZipFile | None) -> tuple[dict[str, RawSheet], dict[str, str], list[str]]:
    chosen, hidden, meta_name = _choose(book)
    names = [*chosen.values(), *([meta_name] if meta_name else [])]
    bounded = _too_large("", SMALL, cfg) is None
    bounds = extents(archive, names, bounded) if archive is not None else {}
    sheets = {key: _sheet(book, name, cfg, bounds.get(name)) for key, name in chosen.items()}
    meta = _meta(book, meta_name, cfg, bounds.get(meta_name)) if meta_name else {}
    return sheets, meta, hidden


def extract(path: Path, cfg: Settings, file_name: str | None = None) -> RawWorkbook:
    """Read one submitted file; raises ExtractError when it cannot be used at all."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise ExtractError("file_extension", ext=suffix or path.name)
    data = read_bytes(path, cfg)
    digest = hashlib.sha256(data).hexdigest()
    archive = check_zip(data, cfg) if sniff(data, suffix) == "zip" else None
    if archive is not None:
        check_parts(archive)
        check_ods(archive, cfg)
        check_workbook_folder(archive)
    book = _open(_inflated(archive) or data)
    try:
        sheets, meta, hidden = _collect(book, cfg, archive)
    except ExtractError:
        raise
    except Exception as exc:  # a broken part inside an otherwise valid container
        raise ExtractError("file_unreadable", detail=str(exc)[:200]) from exc
    finally:
        book.close()
    if archive is not None:
        try:
            formula_cells(archive, sheets)
        except Exception as exc:  # malformed or hostile XML (defusedxml refuses entities)
            raise ExtractError("file_unreadable", detail=str(exc)[:200]) from exc
    return RawWorkbook(file_name or path.name, digest, len(data), sheets, meta, hidden)
