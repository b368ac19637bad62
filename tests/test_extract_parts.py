"""The zip parts read once (etl.extract.parts): what zipfile reads, byte for byte, and zipfile's own refusals;
the sheet parts kept per template; the quick sheet bound."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.extent import SMALL, xlsx_bound
from etl.extract.formulas import sheet_parts
from etl.extract.parts import PartsOnce

MEMBERS = {"[Content_Types].xml": b'<?xml version="1.0"?><Types/>' * 20,
           "xl/worksheets/sheet1.xml": b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                       + b"<row/>" * 300 + b"</sheetData></worksheet>",
           "xl/media/image1.png": bytes(range(256)) * 3,
           "empty.xml": b""}


def zipped(compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in MEMBERS.items():
            z.writestr(name, data)
    return out.getvalue()


def outcome(read: object) -> object:
    """What a read gives: the bytes, or the kind and text of the error it raises."""
    try:
        return read() if callable(read) else read
    except Exception as exc:
        return type(exc).__name__, str(exc)


def both(data: bytes) -> list[tuple[object, object]]:
    """Each member read by PartsOnce and by zipfile itself."""
    try:
        ours = PartsOnce(data)
    except Exception as exc:  # refused on opening: zipfile refuses it the same way
        with pytest.raises(type(exc)):
            zipfile.ZipFile(io.BytesIO(data))
        return []
    theirs = zipfile.ZipFile(io.BytesIO(data))
    return [(outcome(lambda n=name: ours.read(n)), outcome(lambda n=name: theirs.read(n))) for name in MEMBERS
            if name in theirs.NameToInfo]


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_plain_members_are_read_without_zipfiles_reader(compression: int, monkeypatch: pytest.MonkeyPatch) -> None:
    data = zipped(compression)
    archive = PartsOnce(data)
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("zipfile's reader was used"))
    assert {name: archive.read(name) for name in MEMBERS} == MEMBERS
    assert archive.read(archive.getinfo("empty.xml")) == b""


def _patched(data: bytes, signature: bytes, offset: int, fmt: str, value: int, member: str) -> bytes:
    """data with a field of the named member's headers (local or central) set to value."""
    raw = bytearray(data)
    name_len_at, name_at = (26, 30) if signature == b"PK\x03\x04" else (28, 46)
    at = raw.find(signature)
    while at >= 0:
        n = struct.unpack_from("<H", raw, at + name_len_at)[0]
        if raw[at + name_at:at + name_at + n] == member.encode():
            struct.pack_into(fmt, raw, at + offset, value)
        at = raw.find(signature, at + 4)
    return bytes(raw)


SHEET = "xl/worksheets/sheet1.xml"
LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


@pytest.mark.parametrize(("edit", "refused"), [
    pytest.param(lambda d: _patched(d, CENTRAL, 16, "<I", 12345, SHEET), True, id="bad-crc"),
    pytest.param(lambda d: _patched(_patched(d, CENTRAL, 24, "<I", 50, SHEET), LOCAL, 22, "<I", 50, SHEET), True,
                 id="lying-size"),
    pytest.param(lambda d: _patched(d, CENTRAL, 8, "<H", 1, SHEET), True, id="encrypted"),
    pytest.param(lambda d: _patched(d, CENTRAL, 10, "<H", 12, SHEET), True, id="bzip2-declared"),
    pytest.param(lambda d: _patched(d, LOCAL, 0, "<I", 0, SHEET), True, id="local-magic"),
    pytest.param(lambda d: d.replace(SHEET.encode(), b"xl/worksheets/sheetX.xml", 1), True, id="local-name"),
    # zipfile reads these two to the end of the stream and checks only the CRC: read as it reads them
    pytest.param(lambda d: _patched(d, CENTRAL, 24, "<I", 10**6, SHEET), False, id="size-too-large"),
    pytest.param(lambda d: _patched(d, CENTRAL, 20, "<I", 10**6, SHEET), False, id="compressed-past-the-end"),
])
def test_a_member_that_does_not_check_out_reads_as_zipfile_reads_it(edit: object, refused: bool) -> None:
    assert callable(edit)
    pairs = both(edit(zipped()))
    assert pairs and all(ours == theirs for ours, theirs in pairs)
    assert any(isinstance(theirs, tuple) for _, theirs in pairs) == refused


@settings(max_examples=300, deadline=None, database=None)
@given(st.data())
def test_any_damaged_byte_reads_as_zipfile_reads_it(data: st.DataObject) -> None:
    raw = bytearray(zipped(data.draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))))
    for _ in range(data.draw(st.integers(1, 3))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    assert all(ours == theirs for ours, theirs in both(bytes(raw)))


def test_the_sheet_parts_kept_per_template_are_handed_out_as_copies() -> None:
    book = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="ThongTin" sheetId="1" '
            b'r:id="rId1"/></sheets></workbook>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
    first = sheet_parts(PartsOnce(out.getvalue()))
    assert first == {"ThongTin": "xl/worksheets/sheet1.xml"}
    first.clear()
    assert sheet_parts(PartsOnce(out.getvalue())) == {"ThongTin": "xl/worksheets/sheet1.xml"}


def test_a_cell_tag_spaced_unusually_is_measured_exactly() -> None:
    assert xlsx_bound(b'<sheetData><row r="2"><c  r="C2"><v>1</v></c></row></sheetData>') == (2, 3)
    assert xlsx_bound(b'<sheetData><row r="2"><c r="C2"><v>1</v></c></row></sheetData>') == SMALL
    assert xlsx_bound(b'<sheetData><row r="2"><c r="AAA2"><v>1</v></c></row></sheetData>') == (2, 703)
    assert xlsx_bound(b'<sheetData><row r="1000"><c r="A1000"><v>1</v></c></row></sheetData>') == (1000, 1)


def test_an_archive_claiming_a_later_zip_version_is_refused_as_not_a_workbook() -> None:
    """zipfile raises NotImplementedError (not BadZipFile) for a central directory entry that needs a later
    version of the format; the file is refused with the format message, not a crash."""
    from etl.extract.raw import ExtractError
    from etl.extract.workbook import check_zip
    from plan.settings import settings as limits

    data = bytearray(zipped())
    at = data.rfind(b"PK\x01\x02")  # the last central directory entry: its "version needed" field
    data[at + 6] = 64
    with pytest.raises(ExtractError) as refused:
        check_zip(bytes(data), limits())
    assert refused.value.code == "file_format"
