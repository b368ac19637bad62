"""Unit names as the multiselect filters them: typed without accents, or as a short code, they still match.

Streamlit filters a multiselect's options in the browser, on their labels, by in-order letters. So each label
carries what people type besides the name: the code, and the name without accents when it has any
("Phường 3 (P03) · phuong 3"): "Phuong 3", "p3" and "P03" all find Phường 3.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents; đ as d."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if unicodedata.category(c) != "Mn").lower()


def unit_label(name: str, code: str) -> str:
    """'Name (CODE)', with the name without accents after it when that differs."""
    folded = fold(name)
    return f"{name} ({code})" + (f" · {folded}" if folded != name.lower() else "")
