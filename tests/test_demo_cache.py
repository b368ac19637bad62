"""The test run's demo workbooks are reused only while everything they are made from is unchanged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from testkit.demo_cache import demo_workbooks, source_key


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for name, text in {"requirements.lock": "openpyxl==3.1.5\n", "requirements-dev.lock": "pytest==9\n",
                       "demo/generate.py": "SEED = 2024\n", "data/plans/p.yaml": "plan_id: p\n",
                       "i18n/catalog.py": "X = 1\n"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return root


def test_the_key_follows_the_sources_the_packages_and_nothing_else(tmp_path: Path) -> None:
    root = _root(tmp_path)
    key = source_key(root)
    (root / "demo" / "__pycache__").mkdir()
    (root / "demo" / "__pycache__" / "generate.cpython-311.pyc").write_bytes(b"\0")
    (root / "data" / "demo").mkdir()
    (root / "data" / "demo" / "2024-Q1_P01.xlsx").write_bytes(b"PK")  # an output, not a source
    assert source_key(root) == key
    for name, text in (("demo/generate.py", "SEED = 2025\n"), ("data/plans/p.yaml", "plan_id: q\n"),
                       ("requirements.lock", "openpyxl==3.1.6\n"), ("i18n/catalog.py", "X = 2\n")):
        before = (root / name).read_text("utf-8")
        (root / name).write_text(text, "utf-8")
        assert source_key(root) != key, name
        (root / name).write_text(before, "utf-8")
        assert source_key(root) == key


def test_workbooks_written_once_then_copied_with_their_arrival_times(tmp_path: Path) -> None:
    root = _root(tmp_path)
    start = datetime(2024, 3, 4, 8, 15, tzinfo=UTC)
    calls: list[Path] = []

    def write(out: Path) -> list[tuple[Path, datetime]]:
        calls.append(out)
        files = []
        for n, name in enumerate(("2024-Q1/2024-Q1_P01.xlsx", "2024-Q1/2024-Q1_P02_loi.xlsx")):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(bytes([n]) * 100)
            files.append((out / name, start + timedelta(days=n)))
        return files

    cache = tmp_path / "cache"
    first = demo_workbooks(tmp_path / "run1", cache, write, root)
    second = demo_workbooks(tmp_path / "run2", cache, write, root)
    assert calls == [tmp_path / "run1"]
    assert [(p.relative_to(tmp_path / "run2"), at) for p, at in second] == \
        [(p.relative_to(tmp_path / "run1"), at) for p, at in first]
    assert [p.read_bytes() for p, _ in second] == [p.read_bytes() for p, _ in first]
    assert sorted(p.name for p in (tmp_path / "run2").rglob("*") if p.is_file()) == \
        ["2024-Q1_P01.xlsx", "2024-Q1_P02_loi.xlsx"]  # the manifest stays in the cache
    (root / "demo" / "generate.py").write_text("SEED = 1\n", "utf-8")
    demo_workbooks(tmp_path / "run3", cache, write, root)
    assert calls == [tmp_path / "run1", tmp_path / "run3"]
    assert len([d for d in cache.iterdir() if not d.name.startswith(".")]) == 1  # the old key is dropped
