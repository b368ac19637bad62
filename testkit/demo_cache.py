"""The demo year's workbooks, written once for a given state of the code that writes them, then reused.

Writing the 120 workbooks with openpyxl is most of the cost of the test run's demo warehouse (about 9 s of
12). They depend only on the code and data below and the installed packages, so they are kept under a key
made of all of these. Loading them into the warehouse is not kept: every run loads them afresh, with its
own load times.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from plan.settings import ROOT

# What the workbooks are made from: the generator, the template, the plans, the texts, the sheet contract.
SOURCES = ("demo", "documents", "plan", "i18n", "etl", "data/plans", "data/crosswalk")
SUFFIXES = {".py", ".sql", ".yaml", ".yml", ".json", ".csv", ".txt"}
MANIFEST = "manifest.json"
Written = list[tuple[Path, datetime]]


def source_key(root: Path = ROOT) -> str:
    """Changes whenever any file the workbooks are made from, a pinned package or the interpreter changes."""
    digest = hashlib.sha256(sys.version.encode())
    for lock in ("requirements.lock", "requirements-dev.lock"):
        digest.update((root / lock).read_bytes())
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def demo_workbooks(out: Path, cache: Path, write: Callable[[Path], Written], root: Path = ROOT) -> Written:
    """The workbooks in out (path and arrival time of each), copied from cache when it holds them for the
    sources under root as they are now, else written by write(out) and kept there (older keys are dropped)."""
    kept = cache / source_key(root)
    if (kept / MANIFEST).exists():
        shutil.copytree(kept, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MANIFEST))
        return [(out / name, datetime.fromisoformat(at))
                for name, at in json.loads((kept / MANIFEST).read_text("utf-8"))]
    files = write(out)
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=cache, prefix=".new-"))
    shutil.copytree(out, staging, dirs_exist_ok=True)
    manifest = [(str(path.relative_to(out)), at.isoformat()) for path, at in files]
    (staging / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    for old in cache.iterdir():
        if old.name != staging.name:
            shutil.rmtree(old, ignore_errors=True)
    try:
        os.rename(staging, kept)
    except OSError:  # another run kept the same key meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    return files
