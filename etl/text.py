"""Text normalisation for matching labels and values typed by people."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: object) -> str:
    """Lower-case ASCII key: accents, case, spacing and punctuation ignored ('Thông tin' -> 'thongtin')."""
    if value == "" or value is None:
        return ""
    return _fold_text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=65536)
def _fold_text(value: str) -> str:
    text = unicodedata.normalize("NFD", value).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub("", text)


def fold_words(value: object) -> str:
    """Like fold but keeps single spaces between words ('Phường  01' -> 'phuong 01')."""
    text = unicodedata.normalize("NFD", str(value)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def clean(value: object) -> str:
    """Cell text as people mean it: NFC, trimmed, inner whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(nfc(str(value)).split())


_WARD = re.compile(r"^(?:phuong|p|f)\s*0*(\d{1,3})$")


def ward_key(value: object) -> str | None:
    """'Phường 1', 'P.1', 'P01', 'phường 01', 'F1' -> 'ward:1'."""
    m = _WARD.match(fold_words(value).replace(" ", ""))
    if m is None:
        m = _WARD.match(fold_words(value))
    return f"ward:{int(m.group(1))}" if m else None
