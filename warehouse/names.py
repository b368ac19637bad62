"""Names stored in the warehouse keep no control or format characters.

A file name such as ``bao_cao\u202eslx.exe`` shows reversed in any table that prints it (a
right-to-left override), so every name written — file names, who loaded or reviewed, who prepared
a report — loses Unicode categories Cc (controls) and Cf (format: bidi embeddings, overrides and
isolates U+202A–U+202E, U+2066–U+2069, zero-width characters, the BOM).
"""

from __future__ import annotations

import unicodedata

KEPT_IN_TEXT = frozenset("\n\t")


def clean_name(text: str) -> str:
    """The name without control or format characters, surrounding space trimmed. A printable name (the usual
    one) holds none, which str.isprintable tells in C: a load cleans two names a file."""
    if text.isprintable():
        return text.strip()
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf")).strip()


def clean_text(text: str) -> str:
    """Free text (a reason): the same, but line breaks and tabs stay."""
    return "".join(c for c in text if c in KEPT_IN_TEXT or unicodedata.category(c) not in ("Cc", "Cf")).strip()
