"""Checks of each XML part's prolog and root element, read by a real XML parser before any reader opens the file.

A byte scan for '<!DOCTYPE' misses one placed after the scanned head or written in UTF-16; expat (through
defusedxml) decodes the part as declared and stops at the root element. The root of the shared-strings
part declares how many texts it holds, and the reader reserves room for that many at once (4,000,000,000
asked it for 96 GB and aborted the process): a count the part is too small to hold is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

from etl.extract.parts import PartsOnce
from etl.extract.raw import ExtractError

SMALL_PART = 1 << 20  # parts up to this size are decompressed once and kept for the later checks
MIN_SHARED_TEXT = len(b"<si/>")  # the fewest bytes one declared shared text can take
XML_HEADS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")
_PLAIN = re.compile(rb"(?:\xef\xbb\xbf)?(<\?xml[^<>]*\?>)?\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_ENCODING = re.compile(rb"""encoding\s*=\s*["'](?!utf-8["'])""", re.IGNORECASE)
BINARY_ENDINGS = (".bin", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp")


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    if info.file_size <= SMALL_PART:
        return io.BytesIO(archive.read(info))
    return archive.open(info)


def _looks_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """XML by name, or by its first bytes in any encoding (a part may be named anything)."""
    name = info.filename.lower()
    if name.endswith((".xml", ".rels")):
        return True
    if name.endswith(BINARY_ENDINGS) or info.file_size == 0 or info.is_dir():
        return False
    return _head(archive, info, 2).startswith(XML_HEADS)


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
    """The part's first bytes: a small part is read whole (and kept), a large one only as far as needed."""
    if info.file_size <= SMALL_PART:
        return archive.read(info)[:size]
    with archive.open(info) as member:
        return member.read(size)


class _Sips:
    """A stream read in small, growing pieces: the parser stops just past the root element instead of
    building every element of a 16 kB first read (profiled: that was three quarters of a file's load)."""

    def __init__(self, member: IO[bytes]) -> None:
        self.member, self.size = member, 256

    def read(self, n: int = -1) -> bytes:
        piece = self.member.read(self.size if n < 0 else min(n, self.size))
        self.size = min(self.size * 2, 1 << 16)
        return piece


def _root(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, dict[str, str]] | None:
    """The root element's local name and attributes; a DTD anywhere before it is refused."""
    with _stream(archive, info) as member:
        try:
            for _, element in iterparse(_Sips(member), events=("start",), forbid_dtd=True):
                return element.tag.rsplit("}", 1)[-1], dict(element.attrib)
        except DefusedXmlException as exc:
            raise ExtractError("xml_entities", part=info.filename[:100]) from exc
        except ParseError as exc:
            if info.file_size == 0:
                return None
            raise ExtractError("file_unreadable", detail=f"{info.filename[:100]}: {str(exc)[:150]}") from exc
    return None


def _check_shared_strings(info: zipfile.ZipInfo, attrs: dict[str, str]) -> None:
    declared = attrs.get("uniqueCount", "").strip()
    room = info.file_size // MIN_SHARED_TEXT
    if declared.isdigit() and int(declared) > room:
        raise ExtractError("shared_strings_count", declared=declared[:30], part=info.filename[:100], room=room)


def _plain_root(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part opens (after a UTF-8 declaration, if any) at once with a root element other than sst.
    The grammar puts any DOCTYPE before the root element, so such a part has none (profiled: the parser
    on every part cost 4 ms a file; most parts open this way)."""
    found = _PLAIN.match(_head(archive, info, 512))
    return found is not None and found.group(2) != b"sst" and _ENCODING.search(found.group(1) or b"") is None


def check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a DTD in any XML part, in any encoding, and a shared-strings count larger than its part.

    A part stored exactly as one that passed before (a template's theme, styles, relationships: most of a
    workbook's parts are the same in every file of a batch) passes without being inflated and read again
    (measured: 0.17 ms a workbook for these checks beyond inflating the sheets, which later checks read)."""
    for info in archive.infolist():
        seen = archive.stored_as(info) if isinstance(archive, PartsOnce) and _kept(info) else None
        if seen is not None and seen in _PASSED:
            continue
        try:
            root = _root(archive, info) if _looks_xml(archive, info) and not _plain_root(archive, info) else None
        except ExtractError:
            raise
        except Exception as exc:  # bad CRC, zlib.error, an unsupported or encrypted member
            raise ExtractError("file_unreadable", detail=f"{info.filename}: {str(exc)[:150]}") from exc
        if root is not None and root[0] == "sst":
            _check_shared_strings(info, root[1])
        if seen is not None:
            _passed(seen)


KEPT_RAW = 1 << 14  # compressed parts up to this size are remembered once they pass (never a sheet: each file's own)
KEPT_PARTS = 256
_PASSED: set[tuple[object, ...]] = set()  # parts that passed, as PartsOnce.stored_as gives them (this process)


def _kept(info: zipfile.ZipInfo) -> bool:
    return info.compress_size <= KEPT_RAW and not info.filename.startswith("xl/worksheets/")


def _passed(seen: tuple[object, ...]) -> None:
    """Remember a part that passed: at most KEPT_PARTS of them (about 4 MB), the memory let go when full."""
    if len(_PASSED) >= KEPT_PARTS:
        _PASSED.clear()
    _PASSED.add(seen)
