"""Text normalisation: folding labels, ward spellings, NFD vs NFC, and the resolver built on them."""

from __future__ import annotations

import unicodedata

import pytest

from etl.text import clean, fold, fold_words, nfc, ward_key
from etl.validate.resolve import resolver
from plan.model import Plan

WARD_SPELLINGS = ["Phường 1", "P.1", "P01", "phường 01", "F1", "PHƯỜNG 1", "P 1", "p.01", "Phuong 1", "f01"]


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(("text", "key"), [
    ("Thông tin", "thongtin"), ("ThongTin", "thongtin"), ("THÔNG TIN", "thongtin"), ("chi tieu", "chitieu"),
    ("Chỉ tiêu", "chitieu"), ("Hoạt động", "hoatdong"), ("  Hoat_Dong ", "hoatdong"), ("Đối tượng", "doituong"),
    ("Mã đơn vị:", "madonvi"), ("Tổng số đối tượng", "tongsodoituong"), (None, ""), ("", ""), (12, "12"),
])
def test_fold(text: object, key: str) -> None:
    assert fold(text) == key


def test_fold_words_keeps_word_breaks() -> None:
    assert fold_words("Phường  01") == "phuong 01"
    assert fold_words("  Sự kiện/mít tinh ") == "su kien mit tinh"


@pytest.mark.parametrize("text", WARD_SPELLINGS)
def test_ward_key(text: str) -> None:
    assert ward_key(text) == "ward:1"


@pytest.mark.parametrize(("text", "key"), [("Phường 10", "ward:10"), ("P.17", "ward:17"), ("F 9", "ward:9")])
def test_ward_key_numbers(text: str, key: str) -> None:
    assert ward_key(text) == key


@pytest.mark.parametrize("text", ["Phòng Nội vụ", "LDTBXH", "Phường", "P01A", "Quận 1", ""])
def test_not_a_ward(text: str) -> None:
    assert ward_key(text) is None


@pytest.mark.parametrize("text", [*WARD_SPELLINGS, "26896", "Ward 1"])
def test_resolver_finds_ward_1(govap: Plan, text: str) -> None:
    assert resolver(govap).unit(text) == "P01"
    assert resolver(govap).unit(_nfd(text)) == "P01"


@pytest.mark.parametrize(("text", "code"), [
    ("Phòng Nội vụ", "NV"), ("Phòng LĐTBXH", "LDTBXH"), ("Công an quận Gò Vấp", "CA"), ("VP UBND", "VP"),
    ("Phường 17", "P17"), ("P.10", "P10"),
])
def test_resolver_other_units(govap: Plan, text: str, code: str) -> None:
    assert resolver(govap).unit(text) == code


@pytest.mark.parametrize("text", ["P02", "Phường 2", "Phường 18", "Phòng Ngoại vụ", "XA"])
def test_resolver_unknown_units(govap: Plan, text: str) -> None:
    assert resolver(govap).unit(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("2024-Q1", "2024-Q1"), ("Quý I", "2024-Q1"), ("Quý I/2024", "2024-Q1"), ("quy 1 nam 2024", "2024-Q1"),
    ("6 tháng đầu năm 2024", "2024-H1"), ("Sáu tháng", "2024-H1"), ("9 tháng", "2024-Q3"), ("Năm 2024", "2024-Y"),
    ("Báo cáo năm", "2024-Y"),
])
def test_resolver_periods(govap: Plan, text: str, code: str) -> None:
    assert resolver(govap).period(text) == code
    assert resolver(govap).period(_nfd(text)) == code


@pytest.mark.parametrize("text", ["Quý I/2023", "2025-Q1", "Quý V", "Tháng 3"])
def test_resolver_unknown_periods(govap: Plan, text: str) -> None:
    assert resolver(govap).period(text) is None


def test_resolver_small_plan(small_plan: Plan) -> None:
    res = resolver(small_plan)
    assert res.period("Đợt II") == "2025-T2"
    assert res.period("Đợt 1/2025") == "2025-T1"
    assert res.unit("Xã An Bình") == "XA"
    assert res.unit("P01") is None


@pytest.mark.parametrize(("text", "code"), [
    ("Tuyên truyền", "truyen_thong"), ("TRUYỀN THÔNG/TUYÊN TRUYỀN", "truyen_thong"), ("Toạ đàm", "toa_dam"),
    ("Tọa đàm", "toa_dam"), ("Mít-tinh", "su_kien"), ("training", "tap_huan"),
])
def test_resolver_activity_types(govap: Plan, text: str, code: str) -> None:
    assert resolver(govap).activity_type(text) == code
    assert resolver(govap).activity_type(_nfd(text)) == code


def test_nfd_and_nfc_are_the_same_key() -> None:
    nfc_text, nfd_text = "Người DTTS được tuyên truyền", _nfd("Người DTTS được tuyên truyền")
    assert nfc_text != nfd_text
    assert fold(nfc_text) == fold(nfd_text) == "nguoidttsduoctuyentruyen"
    assert nfc(nfd_text) == nfc_text
    assert clean(nfd_text) == nfc_text


def test_clean_collapses_spaces() -> None:
    assert clean("  Nguyễn   Thị\u00a0Lan \n") == "Nguyễn Thị Lan"
    assert clean(None) == ""
    assert clean(12) == "12"
