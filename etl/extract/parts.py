"""A submitted zip whose members are decompressed once, straight from the file's bytes in memory.

The entity check, the sheet-size check and the formula scan read the same parts (profiling: three inflates
of each sheet were a third of a load). A plain member (stored or deflated, not encrypted, its local header
agreeing with the directory) is inflated in one call and checked for its declared size and CRC; zipfile's
reader does the same in Python, chunk by chunk (profiled: two thirds of the part checks' time). zlib-ng
inflates and checksums them (0.59 ms a workbook for the zip and part checks, 0.89 ms with zlib). Anything
else, or anything that does not check out, is read by zipfile itself, so every refusal and its message
stay zipfile's own.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from typing import cast

from zlib_ng import zlib_ng

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader: the local file header
_LOCAL_MAGIC = b"PK\x03\x04"
_UNUSUAL_FLAGS = 0x01 | 0x20 | 0x40  # encrypted, compressed patched data, strong encryption
UTF8_NAME = 0x800
_STORED_HEADER = struct.Struct("<4s5H3L2H")  # local header: no extra field
_STORED_ENTRY = struct.Struct("<4s6H3L5H2L")  # central directory entry: no extra field, no comment
_STORED_END = struct.Struct("<4s4H2LH")  # end of central directory: no comment
_ZIP32 = 0xFFFFFFFF
COPY_MOST = 16 << 20  # a workbook as the template makes it, filled, is about 0.1 MB inflated
_INFLATE_ERROR = cast("type[Exception]", zlib_ng.error)  # a class, though the package's stub says an instance


class PartsOnce(zipfile.ZipFile):
    """A zip over bytes in memory whose members are each decompressed once."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._data = data
        self._parts: dict[str, bytes] = {}

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        key = name.filename if isinstance(name, zipfile.ZipInfo) else name
        if key not in self._parts:
            plain = self._plain(name) if pwd is None else None
            self._parts[key] = plain if plain is not None else super().read(name, pwd)
        return self._parts[key]

    def stored_as(self, info: zipfile.ZipInfo) -> tuple[object, ...] | None:
        """What determines a plain member's content once it has checked out: its name, method, declared size and
        CRC and compressed bytes (None for any other member). Two members so alike read alike: a check passed by
        one holds for the other (etl.extract.prolog)."""
        raw = self._raw(info)
        return None if raw is None else (info.filename, info.compress_type, info.file_size, info.CRC, raw)

    def inflated_copy(self, amend: Callable[[str, bytes], bytes] | None = None, most: int = COPY_MOST) -> bytes | None:
        """The same archive with every member already inflated here stored as it is, so that a reader does not
        inflate it again (profiled: calamine inflating the sheets was a fifth of its parse). The other members are
        copied compressed, with their method and CRC. None when a member is not plain, or the copy would need zip64
        or be longer than most bytes (the reader copies it again: a parse worker's memory is bounded): the reader
        then gets the file as it came. amend(name, content) may give an inflated member other content for the copy
        (its CRC and size follow)."""
        entries: list[tuple[zipfile.ZipInfo, bytes, bytes, int, int, int, int]] = []
        size = 0
        for info in self.infolist():
            kept = self._parts.get(info.filename)
            if kept is not None and amend is not None:
                kept = amend(info.filename, kept)
            raw = kept if kept is not None else self._raw(info)
            name = info.orig_filename.encode("utf-8")
            size += len(raw) + 2 * len(name) + _STORED_HEADER.size + _STORED_ENTRY.size if raw is not None else 0
            if raw is None or info.file_size >= _ZIP32 or len(raw) >= _ZIP32 or len(name) > 0xFFFF or size > most:
                return None
            if kept is None:
                entries.append((info, name, raw, info.compress_type, info.extract_version, info.CRC, info.file_size))
            else:
                crc = info.CRC if kept is self._parts[info.filename] else zlib_ng.crc32(kept)
                entries.append((info, name, kept, zipfile.ZIP_STORED, 20, crc, len(kept)))
        out: list[bytes] = []
        directory: list[bytes] = []
        at = 0
        for info, name, raw, method, version, crc, plain_size in entries:
            when = _dos_time(info.date_time)
            head = (version, UTF8_NAME, method, *when, crc, len(raw), plain_size, len(name))
            out += (_STORED_HEADER.pack(_LOCAL_MAGIC, *head, 0), name, raw)
            directory += (_STORED_ENTRY.pack(b"PK\x01\x02", version, *head, 0, 0, 0, 0, 0, at), name)
            at += _STORED_HEADER.size + len(name) + len(raw)
        listing = b"".join(directory)
        if at >= _ZIP32 or len(entries) >= 0xFFFF:
            return None
        end = _STORED_END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(listing), at, 0)
        return b"".join((*out, listing, end))

    def _raw(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member's compressed bytes, when it is plain and its local header names it."""
        if not self.fp or info.flag_bits & _UNUSUAL_FLAGS:
            return None
        start = _payload_start(self._data, info)
        if start is None:
            return None
        raw = self._data[start:start + info.compress_size]
        return raw if len(raw) == info.compress_size else None

    def _plain(self, name: str | zipfile.ZipInfo) -> bytes | None:
        """The member's bytes, when it is plain and checks out; None to leave it to zipfile."""
        info = name if isinstance(name, zipfile.ZipInfo) else self.NameToInfo.get(name)
        raw = self._raw(info) if info is not None else None
        if info is None or raw is None:
            return None
        data = _inflate(raw, info)
        if data is None or len(data) != info.file_size or zlib_ng.crc32(data) != info.CRC:
            return None
        return data


def _dos_time(when: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    """(time, date) as a zip header stores them, packed as zipfile packs them."""
    year, month, day, hour, minute, second = when
    return hour << 11 | minute << 5 | second // 2, max(year - 1980, 0) << 9 | month << 5 | day


def _payload_start(data: bytes, info: zipfile.ZipInfo) -> int | None:
    """Where the member's compressed bytes begin, if its local header is whole and names the same member."""
    at = info.header_offset
    head = data[at:at + _LOCAL_HEADER.size]
    if len(head) != _LOCAL_HEADER.size:
        return None
    fields = _LOCAL_HEADER.unpack(head)
    name_at = at + _LOCAL_HEADER.size
    raw_name = data[name_at:name_at + fields[10]]
    if fields[0] != _LOCAL_MAGIC or len(raw_name) != fields[10]:
        return None
    try:
        named = raw_name.decode("utf-8" if fields[3] & UTF8_NAME else "cp437")
    except UnicodeDecodeError:
        return None
    return name_at + fields[10] + fields[11] if named == info.orig_filename else None


def _inflate(raw: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member's content, never more than one byte past its declared size; None when the stream does
    not end there (zipfile then reads it and says what is wrong)."""
    if info.compress_type == zipfile.ZIP_STORED:
        return raw
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return None
    inflater = zlib_ng.decompressobj(-15)
    try:
        data = inflater.decompress(raw, info.file_size + 1)
    except _INFLATE_ERROR:
        return None
    return data if inflater.eof else None
