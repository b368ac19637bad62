"""The one catalogue, every key: both languages, the same placeholders, NFC Vietnamese, no key used but missing,
no key kept that nothing uses. The project's errors read their messages from it."""

from __future__ import annotations

import ast
import re
import string
import unicodedata
from pathlib import Path

import pytest

from i18n import CATALOG, GepmError
from plan.settings import ROOT

# Texts the same in both languages on purpose: a word Vietnamese borrows, a range, columns that hold English.
SAME_IN_BOTH = {"da.col.sheet", "an.col.sheet", "up.col.sheet", "cr.quarter_range", "an.col.message_en",
                "an.col.fix_en", "or.symbol", "ca.small",  # ca.small: a suppressed count, "<5"
                "or.raised_item", "or.case_count"}  # the units' own words and a plan measure, quoted as written
# Vietnamese texts without diacritics on purpose: words that have none, a file name, English columns.
PLAIN_VIETNAMESE = {"filter.mode", "cr.file", "or.file", "an.col.message_en", "an.col.fix_en", "up.col.message_en"}
# Kept though no code names it: app.py (which may import only ui/) sets this title inline for the browser tab.
KEPT_UNUSED = {"app.title"}
SOURCE_DIRS = ("app.py", "pages", "ui", "documents", "etl", "warehouse", "cli", "demo", "queries", "plan", "access")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _sources() -> list[Path]:
    paths = [ROOT / "i18n" / "errors.py"]
    for name in SOURCE_DIRS:
        path = ROOT / name
        paths += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return paths


def _trees() -> list[ast.AST]:
    return [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in _sources()]


def _called_keys(trees: list[ast.AST]) -> set[str]:
    """Literal first arguments of t(…) and tr(…) calls."""
    keys: set[str] = set()
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("t", "tr"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
    return keys


def _key_patterns(trees: list[ast.AST]) -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string literal, and every f-string with enough fixed text to stand for a family of keys."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literals.add(node.value)
        elif isinstance(node, ast.JoinedStr):
            fixed = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            if len("".join(fixed).replace(".", "").replace("_", "")) >= 3:
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in node.values]
                patterns.append(re.compile("".join(str(p) for p in parts)))
    return literals, patterns


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = CATALOG[key]
    assert vi.strip() and en.strip()
    assert _fields(vi) == _fields(en)
    assert (vi == en) == (key in SAME_IN_BOTH)


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_vietnamese_is_nfc_with_diacritics(key: str) -> None:
    vi, en = CATALOG[key]
    assert unicodedata.normalize("NFC", vi) == vi and unicodedata.normalize("NFC", en) == en
    words = re.sub(r"\{[^}]*\}", "", vi)
    plain = words.isascii() and len(re.findall(r"[A-Za-z]{3,}", words)) >= 2
    assert plain == (key in PLAIN_VIETNAMESE), f"{key}: Vietnamese without diacritics: {vi!r}"


def test_every_key_named_in_code_exists() -> None:
    called = _called_keys(_trees())
    assert len(called) > 200  # the finder sees the calls
    assert sorted(called - set(CATALOG)) == []


def test_every_key_is_used_somewhere() -> None:
    literals, patterns = _key_patterns(_trees())
    unused = [k for k in CATALOG if k not in literals and not any(p.fullmatch(k) for p in patterns)]
    assert sorted(unused) == sorted(KEPT_UNUSED)


def test_the_key_finders_can_fail(tmp_path: Path) -> None:
    tree = ast.parse('t("no.such.key")\nx = f"fam.{y}.col"\n')
    assert _called_keys([tree]) == {"no.such.key"}
    _, patterns = _key_patterns([tree])
    assert [p.pattern for p in patterns] == [r"fam\..+\.col"]


def test_project_errors_read_their_message_from_the_catalogue() -> None:
    class Missing(GepmError):
        key = "cli.path_missing"

    error = Missing(path="/tmp/x.xlsx")
    assert error.message("vi") == "Không tìm thấy: /tmp/x.xlsx"
    assert error.message("en") == "Not found: /tmp/x.xlsx"
    assert str(error) == "Không tìm thấy: /tmp/x.xlsx / Not found: /tmp/x.xlsx"
    assert GepmError().message("en") == CATALOG["error.generic"][1]


def test_every_project_error_derives_from_the_base() -> None:
    """Pages catch only the project's own errors: every exception class defined in the code is one of them,
    except a parsing signal that never leaves the validation step."""
    internal = {"CellError", "GepmError"}
    for tree in _trees():
        for node in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
            if bases & {"Exception", "ValueError", "RuntimeError", "LookupError"} and node.name not in internal:
                pytest.fail(f"{node.name} derives from {sorted(bases)}, not from GepmError")
