"""Which files a load command means: files named, and workbooks found in folders named."""

from __future__ import annotations

from pathlib import Path

from etl.contract import EXTENSIONS


def _workbooks(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS]
    # Office lock files (~$name.xlsx) and hidden files are not submissions.
    return sorted(p for p in found if not p.name.startswith(("~$", ".")))


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files to load, paths that do not exist)."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += _workbooks(path)
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(files)), missing
