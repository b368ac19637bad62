"""Hostile workbooks built by code: declared counts that make a reader reserve memory, DTDs a byte scan misses."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
Rewrite = Callable[[str, bytes], bytes]


def rewritten(data: bytes, fn: Rewrite, extra: dict[str, bytes] | None = None) -> bytes:
    """The workbook with every part passed through fn, and extra parts added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in src.infolist():
            archive.writestr(info.filename, fn(info.filename, src.read(info)))
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
    return out.getvalue()


def _with_sst(name: str, body: bytes) -> bytes:
    if name == "[Content_Types].xml":
        return body.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" '
                                         f'ContentType="{SST_TYPE}"/></Types>'.encode())
    if name == "xl/_rels/workbook.xml.rels":
        return body.replace(b"</Relationships>", f'<Relationship Id="rIdSst" Type="{SST_REL}" '
                                                 f'Target="sharedStrings.xml"/></Relationships>'.encode())
    return body


def shared_strings_count(data: bytes, count: int) -> bytes:
    """A shared-strings part holding one text but declaring `count` of them."""
    sst = f'<sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}"><si><t>x</t></si></sst>'
    return rewritten(data, _with_sst, {"xl/sharedStrings.xml": sst.encode()})


def dimension(data: bytes, ref: str) -> bytes:
    """Every worksheet declaring the used range `ref` (its cells unchanged)."""
    def fn(name: str, body: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return body
        start = body.find(b"<dimension ref=\"")
        end = body.find(b"\"", start + 16)
        return body[:start + 16] + ref.encode() + body[end:] if start >= 0 else body
    return rewritten(data, fn)


def late_doctype(data: bytes, part: str = "xl/workbook.xml", pad: int = 70_000) -> bytes:
    """A DOCTYPE with an entity after `pad` bytes of comment, past where a byte scan stops looking."""
    def fn(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        decl, rest = _split_decl(body)
        return decl + b"<!--" + b" " * pad + b"-->" + b'<!DOCTYPE x [<!ENTITY e "e">]>' + rest
    return rewritten(data, fn)


def utf16_doctype(data: bytes, part: str = "xl/workbook.xml") -> bytes:
    """The part re-encoded as UTF-16 with a DOCTYPE: no byte of '<!DOCTYPE' appears in it."""
    def fn(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        _, rest = _split_decl(body)
        text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]>' + rest.decode("utf-8")
        return text.encode("utf-16")
    return rewritten(data, fn)


def _split_decl(body: bytes) -> tuple[bytes, bytes]:
    if body.startswith(b"<?xml"):
        end = body.index(b"?>") + 2
        return body[:end], body[end:]
    return b"", body


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def slow_sheet(data: bytes, part: str = "xl/worksheets/sheet2.xml", tags: int = 10_000_000) -> bytes:
    """A sheet of `tags` unplaced empty cells: within every size limit, but each cell must be placed one by
    one (about a second of CPU per million); random bytes stored beside it keep the expansion ratio low."""
    def fn(name: str, body: bytes) -> bytes:
        if name != part:
            return body
        start = body.index(b"<sheetData>") + len(b"<sheetData>")
        return body[:start] + b"<row>" + b"<c/>" * tags + b"</row>" + body[start:]
    return rewritten(data, fn, {"xl/media/noise.bin": random_bytes(tags // 40)})


def random_bytes(n: int) -> bytes:
    return os.urandom(n)
