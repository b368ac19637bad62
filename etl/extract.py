"""Extract: a submitted file -> raw cell values of the sheets the contract names.

Guards run before any parsing: size, file type by content, zip expansion, encryption.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import python_calamine as pc

from etl.contract import EXTENSIONS, META_SHEET, SHEET_ACTIVITIES, SHEET_INFO, SHEET_VALUES
from etl.formulas import formula_cells
from etl.text import fold
from plan.settings import Settings

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WANTED = {fold(n): n for n in (SHEET_INFO, SHEET_VALUES, SHEET_ACTIVITIES)}

Cell = object
Rows = list[list[Cell]]


class ExtractError(Exception):
    """The file cannot be used at all; code/params name the problem in the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class RawSheet:
    name: str
    rows: Rows
    formulas: set[tuple[int, int]] = field(default_factory=set)
    too_many_rows: int = 0
    legacy: dict[str, int] = field(default_factory=dict)  # encoding -> text cells converted to Unicode


@dataclass
class RawWorkbook:
    file_name: str
    sha256: str
    size: int
    sheets: dict[str, RawSheet]
    meta: dict[str, str]


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
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ExtractError("file_format", detail=f"zip: {exc}") from exc
    total = sum(i.file_size for i in infos)
    ratio = total // max(1, len(data))
    if total > cfg.max_unzipped_bytes or ratio > cfg.max_zip_ratio or len(infos) > 10_000:
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


def _open(data: bytes) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise ExtractError("file_encrypted") from exc
    except Exception as exc:  # calamine raises several types for broken files
        raise ExtractError("file_unreadable", detail=str(exc)[:200]) from exc


def _sheet(book: pc.CalamineWorkbook, name: str, cfg: Settings) -> RawSheet:
    sheet = book.get_sheet_by_name(name)
    if sheet.height > cfg.max_sheet_rows:
        return RawSheet(name, [], too_many_rows=sheet.height)
    try:
        return RawSheet(name, cast(Rows, sheet.to_python(skip_empty_area=False)))
    except Exception as exc:
        raise ExtractError("file_unreadable", detail=f"{name}: {str(exc)[:200]}") from exc


def _meta(book: pc.CalamineWorkbook, name: str) -> dict[str, str]:
    rows = book.get_sheet_by_name(name).to_python()[:50]
    return {str(r[0]).strip(): str(r[1]).strip() for r in rows if len(r) >= 2 and r[0]}


def _collect(book: pc.CalamineWorkbook, cfg: Settings) -> tuple[dict[str, RawSheet], dict[str, str]]:
    sheets: dict[str, RawSheet] = {}
    meta: dict[str, str] = {}
    for info in book.sheets_metadata:
        key = fold(info.name)
        if info.name == META_SHEET:
            meta = _meta(book, info.name)
        elif key in WANTED and WANTED[key] not in sheets and info.visible == pc.SheetVisibleEnum.Visible:
            sheets[WANTED[key]] = _sheet(book, info.name, cfg)
    return sheets, meta


def extract(path: Path, cfg: Settings, file_name: str | None = None) -> RawWorkbook:
    """Read one submitted file; raises ExtractError when it cannot be used at all."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise ExtractError("file_extension", ext=suffix or path.name)
    data = read_bytes(path, cfg)
    digest = hashlib.sha256(data).hexdigest()
    archive = check_zip(data, cfg) if sniff(data, suffix) == "zip" else None
    book = _open(data)
    try:
        sheets, meta = _collect(book, cfg)
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
    return RawWorkbook(file_name or path.name, digest, len(data), sheets, meta)
