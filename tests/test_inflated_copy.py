"""The archive handed to the reader with the parts the checks inflated stored as they are (PartsOnce.inflated_copy):
the reader finds the same cells in it as in the file itself, every member is there with the same bytes, and a file
with a member that is not plain goes to the reader as it came."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
import python_calamine as pc

from etl.extract import workbook as extraction
from etl.extract.parts import PartsOnce
from etl.extract.prolog import check_parts
from etl.extract.workbook import extract
from plan.model import Plan
from plan.settings import settings
from testkit.workbooks import filled
from tests.corpus_files import as_ods, ods_bytes


def cells(data: bytes) -> dict[str, list[list[object]]]:
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    finally:
        book.close()


def checked(data: bytes) -> PartsOnce:
    archive = PartsOnce(data)
    check_parts(archive)
    return archive


def copied(data: bytes) -> bytes:
    copy = checked(data).inflated_copy()
    assert copy is not None
    return copy


def members(data: bytes) -> list[tuple[str, int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every member's CRC checks out
        return [(i.filename, i.CRC, z.read(i)) for i in z.infolist()]


def workbook(plan: Plan, unit: str = "P01") -> bytes:
    out = io.BytesIO()
    filled(plan, unit, "2024-Q1").save(out)
    return out.getvalue()


@pytest.mark.parametrize("unit", ["P01", "CA"])
def test_the_reader_finds_the_same_cells_in_the_copy_as_in_the_file(govap: Plan, unit: str) -> None:
    data = workbook(govap, unit)
    copy = copied(data)
    assert cells(copy) == cells(data)
    assert members(copy) == members(data)


def test_the_parts_the_checks_inflated_are_stored_and_the_others_keep_their_compression(govap: Plan) -> None:
    data = workbook(govap)
    archive = checked(data)
    copy = archive.inflated_copy()
    assert copy is not None
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(io.BytesIO(copy)) as again:
        methods = {i.filename: i.compress_type for i in again.infolist()}
        sheets = [n for n in methods if n.startswith("xl/worksheets/")]
        assert sheets and all(methods[n] == zipfile.ZIP_STORED for n in sheets)  # each file's own: always inflated
        assert any(i.compress_type == zipfile.ZIP_DEFLATED for i in again.infolist())  # parts never inflated here
        for info in original.infolist():
            inflated = info.filename in archive._parts
            assert methods[info.filename] == (zipfile.ZIP_STORED if inflated else info.compress_type)


def test_extraction_gives_the_same_workbook_with_the_copy_as_without(govap: Plan, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "P01.xlsx"
    path.write_bytes(workbook(govap))
    handed: list[bytes] = []
    opened = extraction._open
    monkeypatch.setattr(extraction, "_open", lambda data: handed.append(data) or opened(data))
    with_copy = extract(path, settings())
    monkeypatch.setattr(PartsOnce, "inflated_copy", lambda self: None)
    without = extract(path, settings())
    assert len(handed) == 2 and handed[0] != path.read_bytes() and handed[1] == path.read_bytes()
    assert with_copy == without


def test_an_ods_is_read_the_same_from_its_copy(govap: Plan) -> None:
    data = ods_bytes(as_ods(filled(govap, "P01", "2024-Q1")))
    copy = copied(data)
    assert cells(copy) == cells(data)
    assert members(copy)[0][0] == "mimetype"  # first, as the format asks


def _flagged(data: bytes, member: str, bits: int, clear: bool = False) -> bytes:
    """data with general-purpose flag bits set (or cleared) in both headers of one member."""
    raw = bytearray(data)
    for signature, name_len_at, name_at, flags_at in ((b"PK\x03\x04", 26, 30, 6), (b"PK\x01\x02", 28, 46, 8)):
        at = raw.find(signature)
        while at >= 0:
            n = struct.unpack_from("<H", raw, at + name_len_at)[0]
            if raw[at + name_at:at + name_at + n] == member.encode():
                flags = struct.unpack_from("<H", raw, at + flags_at)[0]
                struct.pack_into("<H", raw, at + flags_at, flags & ~bits if clear else flags | bits)
            at = raw.find(signature, at + 4)
    return bytes(raw)


def _with_member(data: bytes, name: str, body: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, body)
    return out.getvalue()


def test_a_member_that_is_not_plain_leaves_the_file_as_it_came(govap: Plan) -> None:
    data = _with_member(workbook(govap), "xl/media/image9.png", bytes(range(256)) * 4)
    assert checked(data).inflated_copy() is not None
    encrypted = _flagged(data, "xl/media/image9.png", 0x01)  # never read by the checks: a picture
    assert checked(encrypted).inflated_copy() is None


def test_member_names_come_through_in_either_encoding(govap: Plan) -> None:
    data = _with_member(workbook(govap), "xl/media/ảnh é.bin", b"\x00\x01" * 300)
    cp437 = _flagged(data, "xl/media/ảnh é.bin", 0x800, clear=True)  # the same bytes read as cp437 now
    for original in (data, cp437):
        copy = copied(original)
        assert members(copy) == members(original)
        assert cells(copy) == cells(original)
    assert [n for n, _, _ in members(cp437)] != [n for n, _, _ in members(data)]
