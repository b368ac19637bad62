"""The parts of a submitted zip named so that the reader opens the parts the checks read.

The checks read members through zipfile, by their exact names; python-calamine reads them through the `zip`
crate, which looks a part up with '\\' as '/' and ASCII letters in lower case (the last of several such names
wins), reads a name without the UTF-8 flag as UTF-8 and prefers an Info-ZIP Unicode Path field to the name, and
finds the workbook's folder from the package relationships. A file on which the two could disagree is refused:
Excel, LibreOffice and openpyxl write plain ASCII names, each once, and the workbook in xl/.
"""

from __future__ import annotations

import string
import struct
import zipfile
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from defusedxml import ElementTree

from etl.extract.parts import UTF8_NAME
from etl.extract.raw import ExtractError

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_UNICODE_PATH = 0x7075  # Info-ZIP Unicode Path extra field
PACKAGE_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "/relationships/officeDocument"


def reader_name(info: zipfile.ZipInfo) -> str:
    """The name as the reader looks the part up."""
    return info.orig_filename.replace("\\", "/").translate(_ASCII_LOWER)


def _extra_ids(extra: bytes) -> Iterator[int]:
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        yield kind
        at += 4 + size


def _read_alike(info: zipfile.ZipInfo) -> bool:
    """Whether any zip reader reads the member's name as zipfile does."""
    name = info.orig_filename
    return ((name.isascii() or bool(info.flag_bits & UTF8_NAME)) and "\x00" not in name
            and _UNICODE_PATH not in _extra_ids(info.extra))


def check_names(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a member whose name readers read differently, and two members the reader takes for one."""
    for info in infos:
        if not _read_alike(info):
            shown = "".join(c if c.isprintable() else "?" for c in info.orig_filename[:100])
            raise ExtractError("zip_part_name", part=shown)
    counts = Counter(reader_name(i) for i in infos)
    if len(counts) != len(infos):  # the checks would read one, the reader another
        name, count = counts.most_common(1)[0]
        part = next(i.filename for i in infos if reader_name(i) == name)
        raise ExtractError("zip_repeated_part", part=part[:100], count=count)


def check_workbook_folder(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook the package relationships place outside xl/: the checks read xl/workbook.xml, the
    reader the workbook of the last officeDocument relationship it recognises (by the Type's raw text, which
    may be a subset of those read here with entities decoded: so every one of these must point into xl/)."""
    rels = next((i for i in archive.infolist() if reader_name(i) == PACKAGE_RELS), None)
    if rels is None:
        return  # the reader refuses such a file itself
    elsewhere = _folder_elsewhere(archive.read(rels))
    if elsewhere is not None:
        raise ExtractError("workbook_folder", part=elsewhere[:100])


@lru_cache(maxsize=64)
def _folder_elsewhere(rels: bytes) -> str | None:
    """The first folder other than xl/ that an officeDocument relationship's target names (the reader takes the
    target's folder, one leading '/' left out, letters in any case); None when there is none. A template's
    package relationships are the same in every file: parsed once."""
    try:
        root = ElementTree.fromstring(rels)
    except ElementTree.ParseError:
        return None  # the reader refuses it too
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "Relationship" and element.get("Type", "").endswith(_OFFICE_DOCUMENT):
            target = element.get("Target") or ""
            folder = target[:target.rfind("/") + 1].removeprefix("/")
            if folder.translate(_ASCII_LOWER) != "xl/":
                return folder or "/"
    return None
