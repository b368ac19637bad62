"""A part stored exactly as one that passed the prolog checks passes without being read again; anything else,
however close, is checked as before (etl.extract.prolog.check_parts)."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.extract import prolog
from etl.extract.parts import PartsOnce
from etl.extract.raw import ExtractError
from etl.extract.workbook import extract
from plan.model import Plan
from plan.settings import settings
from testkit.workbooks import filled

STYLES = b'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="urn:x">' + b"<numFmt/>" * 50 + b"</styleSheet>"
DTD = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<styleSheet xmlns="urn:x">'
       + b"<numFmt/>" * 50 + b"</styleSheet>")
SHEET = b'<worksheet xmlns="urn:x"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'


def book(**parts: bytes) -> PartsOnce:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {"xl/styles.xml": STYLES, "xl/worksheets/sheet1.xml": SHEET, **parts}.items():
            z.writestr(name.replace("__", "/"), data)
    return PartsOnce(out.getvalue())


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    prolog._PASSED.clear()
    yield
    prolog._PASSED.clear()


def reads(archive: PartsOnce) -> list[str]:
    """Check the archive; the parts it inflated to do so."""
    read: list[str] = []
    plain = archive._plain

    def spy(name: str | zipfile.ZipInfo) -> bytes | None:
        read.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return plain(name)

    archive._plain = spy  # type: ignore[method-assign]
    prolog.check_parts(archive)
    return read


def test_a_part_stored_as_one_that_passed_is_not_read_again_but_each_file_s_sheets_are() -> None:
    assert reads(book()) == ["xl/styles.xml", "xl/worksheets/sheet1.xml"]
    assert reads(book()) == ["xl/worksheets/sheet1.xml"]
    assert all(not key[0].startswith("xl/worksheets/") for key in prolog._PASSED)


def test_a_dtd_in_a_part_of_the_same_name_is_refused_after_a_clean_one_passed() -> None:
    prolog.check_parts(book())
    with pytest.raises(ExtractError) as refused:
        prolog.check_parts(book(xl__styles__xml=DTD))  # a name given twice: zipfile keeps the last
    assert refused.value.code == "xml_entities"


def test_a_part_that_was_refused_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(ExtractError) as refused:
            prolog.check_parts(book(**{"xl__theme.xml": DTD}))
        assert refused.value.code == "xml_entities"
    assert not any(key[0] == "xl/theme.xml" for key in prolog._PASSED)


def with_crc(archive: PartsOnce, name: str, crc: int) -> bytes:
    """The archive's bytes with the member's CRC declared as crc, in its local header and in the directory."""
    data = bytearray(archive._data)
    info = archive.getinfo(name)
    places = [info.header_offset + 14]  # the local header's CRC
    at = data.find(b"PK\x01\x02")
    while at != -1:  # the directory entries: the name follows 46 bytes of header, the CRC is at 16
        if data[at + 46:at + 46 + len(name)] == name.encode():
            places.append(at + 16)
        at = data.find(b"PK\x01\x02", at + 4)
    assert len(places) == 2
    for place in places:
        data[place:place + 4] = crc.to_bytes(4, "little")
    return bytes(data)


def test_the_same_bytes_under_a_declared_crc_that_does_not_match_are_checked_and_refused() -> None:
    good = book()
    prolog.check_parts(good)
    wrong = PartsOnce(with_crc(good, "xl/styles.xml", good.getinfo("xl/styles.xml").CRC ^ 1))
    with pytest.raises(ExtractError) as refused:
        prolog.check_parts(wrong)
    assert refused.value.code == "file_unreadable" and "CRC" in str(refused.value.params), refused.value.params


def test_the_parts_remembered_are_bounded() -> None:
    for n in range(prolog.KEPT_PARTS + 10):
        prolog.check_parts(book(**{f"xl__part{n}.xml": STYLES}))
    assert 0 < len(prolog._PASSED) <= prolog.KEPT_PARTS


def members(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def zipped(path: Path, parts: list[tuple[str, bytes]]) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # zipfile warns of a name written twice, which is the point here
        for name, data in parts:
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("second", [DTD, b'<?xml version="1.0"?><sst xmlns="urn:x" uniqueCount="4000000000"/>'],
                         ids=["dtd", "shared-strings-count"])
def test_a_part_given_twice_is_refused_and_teaches_the_checks_nothing(tmp_path: Path, govap: Plan,
                                                                       second: bytes) -> None:
    clean = tmp_path / "clean.xlsx"
    filled(govap, "P01", "2024-Q1").save(clean)
    parts = members(clean)
    name = "xl/styles.xml"  # a part every workbook has; the checks go by its root element, not its name
    twice = zipped(tmp_path / "twice.xlsx", [*parts, (name, second)])
    with pytest.raises(ExtractError) as refused:
        extract(twice, settings())
    assert refused.value.code == "zip_repeated_part" and refused.value.params == {"part": name, "count": 2}
    if second == DTD:  # the same hostile part alone, after: refused by the prolog checks as ever
        alone = zipped(tmp_path / "alone.xlsx", [(n, second if n == name else d) for n, d in parts])
        with pytest.raises(ExtractError) as again:
            extract(alone, settings())
        assert again.value.code == "xml_entities"
