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

from etl.contract import SHEET_ACTIVITIES
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


def workbook(plan: Plan, unit: str = "P01", merged: bool = False) -> bytes:
    book = filled(plan, unit, "2024-Q1")
    if merged:  # as a ward official might: a title across the table, a date over two activity lines
        for sheet in book.worksheets:
            sheet.merge_cells("A1:D1")
        book[SHEET_ACTIVITIES].merge_cells("B5:B6")
    out = io.BytesIO()
    book.save(out)
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


@pytest.mark.parametrize("merged", [False, True])
def test_extraction_gives_the_same_workbook_with_the_copy_as_without(govap: Plan, tmp_path: Path, merged: bool,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "P01.xlsx"
    path.write_bytes(workbook(govap, merged=merged))
    handed: list[bytes] = []
    opened = extraction._open
    monkeypatch.setattr(extraction, "_open", lambda data: handed.append(data) or opened(data))
    with_copy = extract(path, settings())
    monkeypatch.setattr(PartsOnce, "inflated_copy", lambda self, amend=None: None)
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


def test_a_copy_larger_than_its_bound_is_not_made(govap: Plan) -> None:
    data = workbook(govap)
    archive = checked(data)
    copy = archive.inflated_copy()
    assert copy is not None
    end = 22  # the end of the central directory, after the members' headers and names
    assert archive.inflated_copy(most=len(copy) - end) == copy
    assert archive.inflated_copy(most=len(copy) - end - 1) is None


def test_a_copy_counts_its_headers_and_names_and_no_name_outgrows_its_field(govap: Plan) -> None:
    """Names are written twice and a cp437 name grows in UTF-8: both count towards the bound, and a name longer
    than a zip header can say leaves the file as it came."""
    data = workbook(govap)
    long_name = "\u2588" * 21_000  # 63,000 bytes of UTF-8; read as cp437 without its flag, 63,000 characters
    wide = _flagged(_with_member(data, long_name, b"x"), long_name, 0x800, clear=True)
    assert checked(wide).inflated_copy() is None
    named = checked(_with_member(data, "xl/media/" + "a" * 60_000, b"x"))
    copy = named.inflated_copy()
    assert copy is not None
    assert named.inflated_copy(most=len(copy) - 22) == copy
    assert named.inflated_copy(most=len(copy) - 60_000) is None  # the name's second copy counts


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


def merges(data: bytes) -> dict[str, list[object]]:
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return {name: book.get_sheet_by_name(name).merged_cell_ranges or [] for name in book.sheet_names}
    finally:
        book.close()


def test_the_reader_is_told_first_that_no_cells_are_merged_and_reads_the_same_cells(govap: Plan) -> None:
    """The reader's second pass over each sheet, for merged cells the loader never uses, stops at once."""
    data = workbook(govap, merged=True)
    copy = extraction._inflated(checked(data))
    assert copy is not None
    assert cells(copy) == cells(data)
    assert any(merges(data).values()) and not any(merges(copy).values())
    with zipfile.ZipFile(io.BytesIO(copy)) as again:
        assert again.testzip() is None
        sheets = [n for n in again.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and all(extraction.NO_MERGES in again.read(n)[:1000] for n in sheets)


@pytest.mark.parametrize("xml", [b'<x:worksheet xmlns:x="urn:x"><x:sheetData/></x:worksheet>', b"<worksheet/>",
                                 '<?xml version="1.0" encoding="UTF-16"?><worksheet>'.encode("utf-16"),
                                 b"<!-- a -->\n<worksheet>", b"<worksheets><sheetData/></worksheets>"])
def test_a_sheet_in_any_other_shape_goes_to_the_reader_as_it_came(xml: bytes) -> None:
    assert extraction._merges_first("xl/worksheets/sheet1.xml", xml) is xml


@pytest.mark.parametrize(("xml", "at"), [
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="urn:m" a="1>/2"><sheetData/>',
     b'a="1>/2">'),
    (b"\xef\xbb\xbf<worksheet>\n<sheetData/>", b"<worksheet>")])
def test_the_empty_list_of_merged_cells_follows_the_root_element(xml: bytes, at: bytes) -> None:
    amended = extraction._merges_first("xl/worksheets/sheet1.xml", xml)
    end = xml.index(at) + len(at)
    assert amended == xml[:end] + extraction.NO_MERGES + xml[end:]
    assert extraction._merges_first("xl/styles.xml", xml) is xml
