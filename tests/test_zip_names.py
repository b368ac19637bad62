"""Parts named so that the reader would open other parts than the checks read are refused (etl.extract.names).

Each crafted file hides a different ThongTin sheet (another unit code and a far cell) where python-calamine
would find it and the checks would not: under a name differing in case or '\\', under a name the zip readers
decode differently, or in a workbook folder named by the package relationships."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from etl.extract.raw import ExtractError
from etl.extract.workbook import extract
from etl.problems import Problem
from plan.model import Plan
from plan.settings import settings
from testkit.workbooks import filled

SHEET = "xl/worksheets/sheet1.xml"


def parts(plan: Plan) -> dict[str, bytes]:
    out = io.BytesIO()
    filled(plan, "P01", "2024-Q1").save(out)
    with zipfile.ZipFile(out) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def hidden(sheet: bytes) -> bytes:
    """The sheet as an attacker would swap it in: another unit and a cell far from the table."""
    far = b'<row r="3000"><c r="AZ3000" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
    return sheet.replace(b"<t>P01</t>", b"<t>EVIL</t>").replace(b"</sheetData>", far)


def build(entries: list[tuple[bytes, bytes, int, bytes]]) -> bytes:
    """A zip by hand: (raw name, content, flag bits, extra field) per member, deflated."""
    out, listing = bytearray(), bytearray()
    for name, data, flags, extra in entries:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        head = (20, flags, 8, 0, 0x21, zlib.crc32(data), len(packed), len(data), len(name), len(extra))
        at = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *head) + name + extra + packed
        listing += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *head, 0, 0, 0, 0, at) + name + extra
    n = len(entries)
    return bytes(out + listing + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(listing), len(out), 0))


def plain(members: dict[str, bytes]) -> list[tuple[bytes, bytes, int, bytes]]:
    return [(name.encode(), data, 0, b"") for name, data in members.items()]


def refused(tmp_path: Path, data: bytes) -> ExtractError:
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(data)
    with pytest.raises(ExtractError) as caught:
        extract(path, settings())
    return caught.value


def test_the_plain_workbook_is_read(govap: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    path.write_bytes(build(plain(parts(govap))))
    assert extract(path, settings()).sheets["ThongTin"].rows


@pytest.mark.parametrize("twin", ["XL/worksheets/sheet1.xml", "xl\\worksheets\\sheet1.xml", "xl/Worksheets/Sheet1.XML"])
def test_a_sheet_given_again_under_a_name_the_reader_takes_for_the_same_is_refused(govap: Plan, tmp_path: Path,
                                                                                   twin: str) -> None:
    members = parts(govap)
    entries = [*plain(members), (twin.encode(), hidden(members[SHEET]), 0, b"")]
    error = refused(tmp_path, build(entries))
    assert error.code == "zip_repeated_part" and error.params == {"part": SHEET, "count": 2}


def _unicode_path(name: bytes, meant: bytes) -> bytes:
    """An Info-ZIP Unicode Path field: readers that know it take `meant` for the member's name."""
    body = b"\x01" + struct.pack("<L", zlib.crc32(name)) + meant
    return struct.pack("<HH", 0x7075, len(body)) + body


def test_a_name_the_zip_readers_decode_differently_is_refused(govap: Plan, tmp_path: Path) -> None:
    members = parts(govap)
    swapped = [(n, d, f, _unicode_path(n, b"zz/a.xml") if n == SHEET.encode() else e) for n, d, f, e in plain(members)]
    swapped.append((b"zz/b.xml", hidden(members[SHEET]), 0, _unicode_path(b"zz/b.xml", SHEET.encode())))
    assert refused(tmp_path, build(swapped)).code == "zip_part_name"
    unflagged = [*plain(members), ("xl/media/ảnh.png".encode(), b"\x89PNG", 0, b"")]  # UTF-8 bytes, no flag
    error = refused(tmp_path, build(unflagged))
    assert error.code == "zip_part_name" and error.params["part"].startswith("xl/media/")
    with_nul = [*plain(members), (b"xl/worksheets/sheet1.xml\x00.png", hidden(members[SHEET]), 0, b"")]
    assert refused(tmp_path, build(with_nul)).code == "zip_part_name"


def test_a_name_in_utf8_with_its_flag_is_read(govap: Plan, tmp_path: Path) -> None:
    path = tmp_path / "named.xlsx"
    path.write_bytes(build([*plain(parts(govap)), ("xl/media/ảnh.png".encode(), b"\x89PNG", 0x800, b"")]))
    assert extract(path, settings()).sheets["ThongTin"].rows


@pytest.mark.parametrize(("target", "folder"), [("ev/workbook.xml", "ev/"), ("/ev/workbook.xml", "ev/"),
                                                ("workbook.xml", "/"), ("xl/sub/workbook.xml", "xl/sub/")])
def test_a_workbook_placed_outside_xl_is_refused(govap: Plan, tmp_path: Path, target: str, folder: str) -> None:
    members = parts(govap)
    rels = members["_rels/.rels"]
    assert b'Target="xl/workbook.xml"' in rels or b'Target="/xl/workbook.xml"' in rels
    members["_rels/.rels"] = rels.replace(b'"/xl/workbook.xml"', b'"xl/workbook.xml"').replace(
        b'Target="xl/workbook.xml"', f'Target="{target}"'.encode())
    base = folder.strip("/") or "."
    members[f"{base}/workbook.xml"] = members["xl/workbook.xml"]
    members[f"{base}/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"/xl/worksheets/sheet1.xml", f"/{base}/s1.xml".encode())
    members[f"{base}/s1.xml"] = hidden(members[SHEET])
    error = refused(tmp_path, build(plain(members)))
    assert error.code == "workbook_folder" and error.params == {"part": folder}


@pytest.mark.parametrize("target", ["/xl/workbook.xml", "XL/workbook.xml", "xl/workbook.xml"])
def test_the_workbook_in_xl_is_read_however_its_target_is_written(govap: Plan, tmp_path: Path, target: str) -> None:
    members = parts(govap)
    members["_rels/.rels"] = members["_rels/.rels"].replace(b'"/xl/workbook.xml"', b'"xl/workbook.xml"').replace(
        b'Target="xl/workbook.xml"', f'Target="{target}"'.encode())
    path = tmp_path / "target.xlsx"
    path.write_bytes(build(plain(members)))
    assert extract(path, settings()).sheets["ThongTin"].rows


@pytest.mark.parametrize("code", ["zip_part_name", "workbook_folder"])
def test_the_refusals_say_why_and_what_to_do_in_both_languages(code: str) -> None:
    problem = Problem(code, params={"part": "ev/"})
    said = [problem.message("vi"), problem.message("en"), problem.fix("vi"), problem.fix("en")]
    assert all(text and not text.startswith(("problem.", "fix.")) for text in said)
    assert "ev/" in said[0] and "ev/" in said[1] and said[0] != said[1]
