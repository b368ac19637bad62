"""Legacy Vietnamese font encodings (TCVN3, VNI) read as Unicode mojibake."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.extract.legacy_text import (
    TCVN3_BYTES,
    VIETNAMESE_LETTERS,
    detect,
    encode,
    is_syllable,
    to_unicode,
    unicode_to_vni_table,
)

TCVN3_WORDS = [
    ("Ph\u00adêng", "Phường"),
    ("Gß VÊp", "Gò Vấp"),
    ("TËp huÊn", "Tập huấn"),
    ("B×nh ®¼ng giíi", "Bình đẳng giới"),
    ("Phô n÷", "Phụ nữ"),
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("UBND QUËN Gß VÊP", "UBND QUẬN GÒ VẤP"),
]
VNI_WORDS = [
    ("Phöôøng", "Phường"),
    ("Goø Vaáp", "Gò Vấp"),
    ("Taäp huaán", "Tập huấn"),
    ("Bình ñaúng giôùi", "Bình đẳng giới"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Nguyeãn Thò Höông", "Nguyễn Thị Hương"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
]
TONED = sorted(c for c in VIETNAMESE_LETTERS if unicodedata.normalize("NFD", c) != c or c in "đĐ")
ALPHABET = sorted(VIETNAMESE_LETTERS)


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_WORDS)
def test_tcvn3_words(legacy: str, expected: str) -> None:
    assert to_unicode(legacy) == (expected, "tcvn3")
    assert detect(legacy) == "tcvn3"


@pytest.mark.parametrize(("legacy", "expected"), VNI_WORDS)
def test_vni_words(legacy: str, expected: str) -> None:
    assert to_unicode(legacy) == (expected, "vni")
    assert detect(legacy) == "vni"


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_WORDS[:5])
def test_tcvn3_encode_matches_known_words(legacy: str, unicode: str) -> None:
    assert encode(unicode, "tcvn3") == legacy


@pytest.mark.parametrize(("legacy", "unicode"), VNI_WORDS)
def test_vni_encode_matches_known_words(legacy: str, unicode: str) -> None:
    assert encode(unicode, "vni") == legacy


def test_tables_cover_the_alphabet() -> None:
    assert len(VIETNAMESE_LETTERS) == 2 * (29 + 12 * 5)
    assert len(TONED) == 2 * (7 + 12 * 5)  # ă â ê ô ơ ư đ, and 12 vowels x 5 tones
    lower = {c for c in TONED if c.islower()}
    assert lower <= set(TCVN3_BYTES.values())  # every lower-case letter has its own VN3 byte
    assert len(set(TCVN3_BYTES.values())) == len(TCVN3_BYTES)
    vni = unicode_to_vni_table()
    assert len(set(vni.values())) == len(vni)  # no two letters share a VNI spelling
    assert set(vni) == set(TONED) - set("ìíÌÍ")  # VNI keeps ì í as Latin-1


@pytest.mark.parametrize("letter", TONED)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_round_trip_every_letter(letter: str, encoding: str) -> None:
    frame = ("{}ang", "{}ANG") if letter in "đĐ" else ("đ{}ng", "Đ{}NG")
    word = frame[letter.isupper()].format(letter)
    legacy = encode(word, encoding)  # type: ignore[arg-type]
    assert legacy != word
    assert to_unicode(legacy) == (word, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "Phường 1",
        "Tập huấn về bình đẳng giới",
        "Tân Phú",
        "Bình Tân",
        "Tô",
        "Café",
        "São Paulo",
        "P01",
        "CT1",
        "Training",
        "",
        " ",
        "0",
        "12.5",
        "2024",
        "Coca-Cola®",
        "naïve",
        "Müller",
        "© 2020",
        "½ day",
        "3×4",
        "Zürich",
        "Ångström",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert to_unicode(text) == (text, "unicode")
    assert detect(text) == "unicode"


@pytest.mark.parametrize(
    "word", ["gì", "quá", "giữa", "quốc", "người", "khuỷu", "huyện", "nghĩa", "Việt", "thuở", "ngoằn", "rượu", "giang"]
)
def test_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Phửụứng", "Goứ", "Vaỏp", "Colađ", "bộiă", "xyz", "ủang", "Taọp"])
def test_not_syllables(word: str) -> None:
    assert not is_syllable(word)


@given(st.text(alphabet=[*ALPHABET, " ", "1", "-"], max_size=30))
def test_unicode_vietnamese_is_never_converted(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    assert detect(text) == "unicode"
    assert to_unicode(text) == (text, "unicode")
