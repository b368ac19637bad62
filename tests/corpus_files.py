"""Low-level writers for the bad-input corpus: zip parts rewritten, XML attacks, huge sheets, hand-made .ods.

Everything starts from a real generated workbook (tests/workbooks.py) and is written into a temporary folder.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook

from testkit.workbooks import write_bytes, xlsx_bytes

SHEET_OF = {"ThongTin": "xl/worksheets/sheet1.xml", "ChiTieu": "xl/worksheets/sheet2.xml",
            "HoatDong": "xl/worksheets/sheet3.xml"}
MARK = "ENTITYHERE"  # typed into a cell, then swapped for an entity reference in the XML

# Ten levels of ten: expanded, &lol9; would be a thousand million 'lol's.
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>\n").encode()
LOCAL_FILE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
REMOTE_DTD = b'<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
PARAMETER = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;]>\n'


def _members(data: bytes) -> Iterable[tuple[zipfile.ZipInfo, bytes]]:
    src = zipfile.ZipFile(io.BytesIO(data))
    for item in src.infolist():
        yield item, src.read(item.filename)


def rewrite(wb: Workbook, path: Path, edits: dict[str, Callable[[bytes], bytes]],
            extra: dict[str, bytes] | None = None) -> Path:
    """The workbook saved with some zip members rewritten and some added."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in _members(xlsx_bytes(wb)):
            out.writestr(item, edits[item.filename](data) if item.filename in edits else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


def without_declaration(xml: bytes) -> bytes:
    return re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)


def with_dtd(dtd: bytes, entity: bytes | None = None, padding: int = 0) -> Callable[[bytes], bytes]:
    """An edit putting a DTD (after `padding` bytes of comment) in front of a part, and an entity for MARK."""
    def edit(xml: bytes) -> bytes:
        body = without_declaration(xml)
        if entity is not None:
            assert MARK.encode() in body
            body = body.replace(MARK.encode(), entity, 1)
        head, rest = dtd.split(b"\n", 1)
        return head + b"\n" + b"<!--" + b" " * padding + b"-->" + rest + body
    return edit


def shared_string(wb: Workbook, path: Path, dtd: bytes, entity: bytes, padding: int = 0) -> Path:
    """The MARK cell of HoatDong turned into a shared string whose table declares a DTD and uses its entity."""
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           b"<si><t>" + entity + b"</t></si></sst>")
    edits = {
        SHEET_OF["HoatDong"]: swap(rb'<c r="D5"[^>]*><is><t>' + MARK.encode() + rb"</t></is></c>",
                                   b'<c r="D5" t="s"><v>0</v></c>'),
        "[Content_Types].xml": lambda x: x.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                                   b'ContentType="application/vnd.openxmlformats-officedocument.'
                                                   b'spreadsheetml.sharedStrings+xml"/></Types>'),
        "xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", b'<Relationship Id="rIdSst" '
                                                          b'Type="http://schemas.openxmlformats.org/officeDocument/'
                                                          b'2006/relationships/sharedStrings" '
                                                          b'Target="sharedStrings.xml"/></Relationships>'),
    }
    head, rest = dtd.split(b"\n", 1)
    return rewrite(wb, path, edits, {"xl/sharedStrings.xml": head + b"\n<!--" + b" " * padding + b"-->" + rest + sst})


def swap(pattern: bytes, replacement: bytes) -> Callable[[bytes], bytes]:
    """An edit replacing the one match of pattern (and failing loudly when the XML has none)."""
    def edit(data: bytes) -> bytes:
        new, n = re.subn(pattern, lambda _: replacement, data, count=1, flags=re.DOTALL)
        assert n == 1, pattern
        return new
    return edit


def cell_xml(wb: Workbook, path: Path, sheet: str, ref: str, xml: bytes) -> Path:
    """One cell of a sheet replaced by raw XML (a formula with its cached value, an error value...)."""
    return rewrite(wb, path, {SHEET_OF[sheet]: swap(rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', xml)})


def many_rows(wb: Workbook, path: Path, sheet: str, n_rows: int, first: int = 300) -> Path:
    """A sheet with n_rows more data rows appended as raw XML (a data dump pasted under the table)."""
    rows = b"".join(b'<row r="%d"><c r="B%d"><v>45337</v></c><c r="F%d"><v>30</v></c></row>' % (r, r, r)
                    for r in range(first, first + n_rows))
    return rewrite(wb, path, {SHEET_OF[sheet]: lambda x: x.replace(b"</sheetData>", rows + b"</sheetData>")})


def many_members(wb: Workbook, path: Path, n: int) -> Path:
    return rewrite(wb, path, {}, {f"customXml/item{i}.xml": b"<a/>" for i in range(n)})


def lying_sizes(wb: Workbook, path: Path, member: str = SHEET_OF["HoatDong"], pad_mb: int = 50) -> Path:
    """A member that inflates to pad_mb MiB while both zip headers declare 5,000 bytes (check_zip trusts them)."""
    pad = b"<!--" + b" " * (pad_mb << 20) + b"-->"
    rewrite(wb, path, {member: lambda x: x.replace(b"<sheetData>", pad + b"<sheetData>", 1)})
    raw = bytearray(path.read_bytes())
    for signature, name_len_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = raw.find(signature)
        while at >= 0:
            n = struct.unpack_from("<H", raw, at + name_len_at)[0]
            if raw[at + name_at: at + name_at + n] == member.encode():
                struct.pack_into("<I", raw, at + size_at, 5000)
            at = raw.find(signature, at + 4)
    return write_bytes(path, bytes(raw))


def big_member(wb: Workbook, path: Path, megabytes: int) -> Path:
    """A workbook carrying a large incompressible picture: over the upload limit before any parsing."""
    picture = b"\x89PNG" + bytes(range(256)) * (4096 * megabytes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for item, data in _members(xlsx_bytes(wb)):
            out.writestr(item, data)
        out.writestr("xl/media/image1.png", picture)
    return path


# ---- a hand-made OpenDocument spreadsheet --------------------------------------------------------

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>")


def ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        return f'<table:table-cell office:value-type="date" office:date-value="{day.isoformat()}"/>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_table(name: str, rows: Iterable[Iterable[object]]) -> str:
    body = "".join("<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    return f"<table:table table:name={quoteattr(name)}>{body}</table:table>"


def ods_bytes(tables: str, prolog: bytes = b'<?xml version="1.0" encoding="UTF-8"?>\n') -> bytes:
    content = (f"<office:document-content {ODS_NS} office:version=\"1.2\"><office:body><office:spreadsheet>"
               f"{tables}</office:spreadsheet></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("content.xml", prolog + content.encode())
    return buf.getvalue()


def as_ods(wb: Workbook, extra: str = "") -> str:
    """The tables of an openpyxl workbook as ODS (hidden sheets come out visible; _lists is left out)."""
    tables = [ods_table(ws.title, ws.iter_rows(values_only=True)) for ws in wb.worksheets if ws.title != "_lists"]
    return "".join(tables) + extra
