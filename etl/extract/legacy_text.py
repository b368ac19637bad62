"""Repair Vietnamese text typed in legacy 8-bit fonts (TCVN3/ABC ".VnTime", VNI "VNI-Times").

Such text, pasted into Excel and read as Unicode, arrives as Windows-1252 mojibake:
TCVN3 "Gß VÊp" and VNI "Goø Vaáp" both mean "Gò Vấp".  Detection is deliberately
conservative: a legacy encoding is reported only when the text holds characters that
ordinary Vietnamese never uses and every converted word is a well-formed syllable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Encoding = Literal["unicode", "tcvn3", "vni"]

# TCVN 5712:1993 VN3 (the ".Vn" fonts): byte -> letter.  Bytes are Latin-1/cp1252 code
# points once Excel has decoded them.  VN3 has no upper-case toned letters; ".VnTimeH"
# fonts draw the lower-case bytes below as capitals.
TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI: base letter followed by a mark character; (lower-case, upper-case) mark per tone.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
VNI_TONE: dict[str, tuple[str, str]] = {
    "": ("", ""),
    _ACUTE: ("ù", "Ù"),
    _GRAVE: ("ø", "Ø"),
    _HOOK: ("û", "Û"),
    _TILDE: ("õ", "Õ"),
    _DOT: ("ï", "Ï"),
}
VNI_CIRCUMFLEX: dict[str, tuple[str, str]] = {
    "": ("â", "Â"),
    _ACUTE: ("á", "Á"),
    _GRAVE: ("à", "À"),
    _HOOK: ("å", "Å"),
    _TILDE: ("ã", "Ã"),
    _DOT: ("ä", "Ä"),
}
VNI_BREVE: dict[str, tuple[str, str]] = {
    "": ("ê", "Ê"),
    _ACUTE: ("é", "É"),
    _GRAVE: ("è", "È"),
    _HOOK: ("ú", "Ú"),
    _TILDE: ("ü", "Ü"),
    _DOT: ("ë", "Ë"),
}
# Letters VNI writes as one character (ì and í are the Latin-1 letters themselves).
VNI_SINGLE: dict[str, str] = {
    "ư": "ö", "Ư": "Ö", "ơ": "ô", "Ơ": "Ô", "đ": "ñ", "Đ": "Ñ",
    "ỉ": "æ", "Ỉ": "Æ", "ĩ": "ó", "Ĩ": "Ó", "ị": "ò", "Ị": "Ò", "ỵ": "î", "Ỵ": "Î",
}  # fmt: skip

_TONES = (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)
_MODIFIED = ("ă", "â", "ê", "ô", "ơ", "ư")
_BASE_LETTERS = "abcdđeghiklmnopqrstuvxy" + "".join(_MODIFIED)
_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS: frozenset[str] = frozenset(
    [c for c in _BASE_LETTERS]
    + [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES]
    + [c.upper() for c in _BASE_LETTERS]
    + [unicodedata.normalize("NFC", v + t).upper() for v in _VOWELS for t in _TONES]
)
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?"
)
# Vowel groups (tones removed): those ending in a glide take no final consonant.
NUCLEI_OPEN: frozenset[str] = frozenset(
    {"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu"}
    | {"iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu"}
)
NUCLEI_CLOSED_ONLY: frozenset[str] = frozenset(["ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"])
NUCLEI_ANY: frozenset[str] = frozenset(
    ["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "oo", "uê", "uơ", "uy"]
)
_ASCII_WORD_CHARS = "A-Za-z0-9"


def _vni_encode_letter(letter: str) -> str:
    """One NFC Vietnamese letter in VNI."""
    if letter in VNI_SINGLE:
        return VNI_SINGLE[letter]
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in _TONES), "")
    upper = base.isupper()
    if base in "iI" and tone in ("", _GRAVE, _ACUTE):
        return letter  # VNI keeps i, ì, í as the Latin-1 letters
    if "\u031b" in marks:  # horn: ơ, ư
        head = VNI_SINGLE[unicodedata.normalize("NFC", base + "\u031b")]
        return head + VNI_TONE[tone][upper]
    if "\u0302" in marks:
        return base + VNI_CIRCUMFLEX[tone][upper]
    if "\u0306" in marks:
        return base + VNI_BREVE[tone][upper]
    return base + VNI_TONE[tone][upper]


@lru_cache(maxsize=1)
def unicode_to_vni_table() -> dict[str, str]:
    """Vietnamese letter -> VNI sequence, for every letter VNI writes differently."""
    table = {letter: _vni_encode_letter(letter) for letter in VIETNAMESE_LETTERS}
    return {letter: vni for letter, vni in table.items() if vni != letter}


@lru_cache(maxsize=1)
def unicode_to_tcvn3_table() -> dict[str, str]:
    """Vietnamese letter -> TCVN3 character; capitals VN3 lacks use the lower-case byte (H fonts)."""
    table = {letter: chr(byte) for byte, letter in TCVN3_BYTES.items()}
    for letter in VIETNAMESE_LETTERS:
        if letter not in table and letter.lower() in table and letter != letter.lower():
            table[letter] = table[letter.lower()]
    return table


def encode(text: str, encoding: Literal["tcvn3", "vni"]) -> str:
    """Unicode Vietnamese -> legacy mojibake as Excel would show it (the inverse, for tests and fixtures)."""
    table = unicode_to_tcvn3_table() if encoding == "tcvn3" else unicode_to_vni_table()
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


_LATIN1_VIETNAMESE = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) < 0x100)


@lru_cache(maxsize=1)
def _decode_tables() -> dict[str, dict[str, str]]:
    tcvn3 = {chr(byte): letter for byte, letter in TCVN3_BYTES.items()}
    vni = {seq: letter for letter, seq in unicode_to_vni_table().items()}
    return {"tcvn3": tcvn3, "vni": vni}


@lru_cache(maxsize=2)
def _patterns(encoding: str) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(token pattern, sequence pattern, 'strong' characters ordinary Vietnamese never uses)."""
    table = _decode_tables()[encoding]
    chars = frozenset("".join(table))
    token = re.compile(f"[{_ASCII_WORD_CHARS}{re.escape(''.join(sorted(chars)))}\u00c0-\u00ff]+")
    sequence = re.compile("|".join(re.escape(s) for s in sorted(table, key=len, reverse=True)))
    return token, sequence, chars - _LATIN1_VIETNAMESE


def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable: initial, 1-3 vowels, final, at most one tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    initial, nucleus, final = match.group(1) or "", match.group(2), match.group(3) or ""
    if initial in ("gi", "qu") and not _nucleus_fits(nucleus, final):
        nucleus = initial[1] + nucleus  # "gì" is g + ì, "quá" is qu + á
    return _nucleus_fits(nucleus, final)


def _nucleus_fits(nucleus: str, final: str) -> bool:
    if nucleus in NUCLEI_OPEN:
        return not final
    if nucleus in NUCLEI_CLOSED_ONLY:
        return bool(final)
    return nucleus in NUCLEI_ANY


def _convert_token(token: str, encoding: str, capitals: bool) -> str:
    _, sequence, _ = _patterns(encoding)
    table = _decode_tables()[encoding]
    converted = sequence.sub(lambda m: table[m.group(0)], token)
    return converted.upper() if capitals else converted


def _all_capitals(text: str) -> bool:
    """At least two ASCII letters and none lower-case: TCVN3 typed in a capitals (".VnTimeH") font."""
    letters = [c for c in text if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _convert(text: str, encoding: str) -> str | None:
    """Converted NFC text, or None when the result does not look like Vietnamese."""
    token, _, strong = _patterns(encoding)
    if not any(c in strong for c in text):
        return None
    changed: list[str] = []
    capitals = encoding == "tcvn3" and _all_capitals(text)

    def replace(match: re.Match[str]) -> str:
        new = _convert_token(match.group(0), encoding, capitals)
        if new != match.group(0):
            changed.append(new)
        return new

    converted = token.sub(replace, text)
    if any(c in strong for c in converted):
        return None  # a legacy mark left over: not this encoding
    return unicodedata.normalize("NFC", converted) if _plausible(changed) else None


def _plausible(changed: list[str]) -> bool:
    """Every converted word is a Vietnamese syllable and one of them has an ASCII letter."""
    if not changed or not any(any(c.isascii() and c.isalpha() for c in w) for w in changed):
        return False
    return all(all(c in VIETNAMESE_LETTERS for c in w) and is_syllable(w) for w in changed)


def _maybe_legacy(text: str) -> bool:
    """Legacy mojibake only ever holds characters Windows-1252 can encode."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return not text.isascii()


def to_unicode(text: str) -> tuple[str, Encoding]:
    """(NFC text, detected encoding); text that is not clearly TCVN3 or VNI comes back unchanged."""
    if not _maybe_legacy(text):
        return text, "unicode"
    tcvn3, vni = _convert(text, "tcvn3"), _convert(text, "vni")
    if tcvn3 is not None and vni is not None:  # both read: trust the one explaining more odd characters
        tcvn3_score, vni_score = _strong_count(text, "tcvn3"), _strong_count(text, "vni")
        tcvn3 = tcvn3 if tcvn3_score > vni_score else None
        vni = vni if vni_score > tcvn3_score else None
    if tcvn3 is not None:
        return tcvn3, "tcvn3"
    if vni is not None:
        return vni, "vni"
    return text, "unicode"  # neither, or a tie: leave it alone


def _strong_count(text: str, encoding: str) -> int:
    strong = _patterns(encoding)[2]
    return sum(c in strong for c in text)


def detect(text: str) -> Encoding:
    """'tcvn3' or 'vni' when the text is clearly legacy mojibake, else 'unicode'."""
    return to_unicode(text)[1]
