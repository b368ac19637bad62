"""The one typed place for configuration, read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_PLAN_FILE = "example-govap-2025h1.yaml"  # the demo's first half of 2025 on the 12 wards, beside its 2024


@dataclass(frozen=True)
class Settings:
    db_path: Path
    plans_dir: Path
    default_plan: str
    demo_dir: Path
    demo_plans: tuple[Path, ...]  # plan files beyond plans_dir that the demo loads and demo mode lists
    crosswalk_dir: Path  # old -> new unit crosswalks, for comparing a period with the same period of an earlier year
    max_file_bytes: int
    max_unzipped_bytes: int
    max_zip_ratio: int
    max_sheet_rows: int
    max_sheet_cells: int
    users_path: Path  # accounts and roles; outside git. Absent: demo mode if asked for, else "not configured"
    suppress_below: int  # extracts blank ethnic-minority counts 1 … n−1 (0 = off)
    demo: bool  # GEPM_DEMO=1: without a users file, anyone may look at the demo data (make run asks for it)
    session_key_path: Path  # the secret that signs session cookies; made (0600) on first start, outside git
    session_hours: int  # a sign-in lasts this long, then the person signs in again
    cookie_secure: bool  # GEPM_COOKIE_SECURE=1 behind an https proxy (the cookie is Secure on https anyway)
    auth_audit_path: Path  # every sign-in, failed sign-in and lockout, one JSON line each (0600)
    revoked_path: Path  # signed-out session tokens, refused until they expire (0600)
    parse_memory_bytes: int  # address space of a worker that parses files (its modules take ~0.45 GiB)
    parse_cpu_seconds: int  # CPU time a worker may spend on one file
    parse_wall_seconds: int  # time the loader waits for one file before it ends the worker
    annotate_max_bytes: int  # largest workbook copied with its problems marked (larger: problems sheet only)
    bcrypt_cost: int  # work factor of new password hashes, 2^cost rounds (~0.25 s at 12); bcrypt allows 4 to 31


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _paths(value: str | None, default: tuple[Path, ...]) -> tuple[Path, ...]:
    """A list of paths separated by the system's separator (':'); empty: none."""
    return default if value is None else tuple(Path(p) for p in value.split(os.pathsep) if p)


@cache
def settings() -> Settings:
    env = os.environ.get
    return Settings(
        db_path=Path(env("GEPM_DB", ROOT / "data" / "warehouse.duckdb")),
        plans_dir=Path(env("GEPM_PLANS_DIR", ROOT / "data" / "plans")),
        default_plan=env("GEPM_DEFAULT_PLAN", "govap-2024"),
        demo_dir=Path(env("GEPM_DEMO_DIR", ROOT / "data" / "demo")),
        demo_plans=_paths(env("GEPM_DEMO_PLANS"), (ROOT / "data" / "plans" / "examples" / DEMO_PLAN_FILE,)),
        crosswalk_dir=Path(env("GEPM_CROSSWALK_DIR", ROOT / "data" / "crosswalk")),
        max_file_bytes=_env_int("GEPM_MAX_FILE_BYTES", 20 * 1024 * 1024),
        max_unzipped_bytes=_env_int("GEPM_MAX_UNZIPPED_BYTES", 200 * 1024 * 1024),
        max_zip_ratio=_env_int("GEPM_MAX_ZIP_RATIO", 200),
        max_sheet_rows=_env_int("GEPM_MAX_SHEET_ROWS", 20_000),
        max_sheet_cells=_env_int("GEPM_MAX_SHEET_CELLS", 5_000_000),  # read from A1: rows × columns
        users_path=Path(env("GEPM_USERS", ROOT / "data" / "users.yaml")),
        suppress_below=_env_int("GEPM_SUPPRESS_BELOW", 0),
        demo=env("GEPM_DEMO", "0") == "1",
        session_key_path=Path(env("GEPM_SESSION_KEY", ROOT / "data" / "session.key")),
        session_hours=_env_int("GEPM_SESSION_HOURS", 12),
        cookie_secure=env("GEPM_COOKIE_SECURE", "0") == "1",
        auth_audit_path=Path(env("GEPM_AUTH_AUDIT", ROOT / "data" / "auth-audit.jsonl")),
        revoked_path=Path(env("GEPM_REVOKED", ROOT / "data" / "revoked-sessions.json")),
        parse_memory_bytes=_env_int("GEPM_PARSE_MEMORY_BYTES", 1 << 30),
        parse_cpu_seconds=_env_int("GEPM_PARSE_CPU_SECONDS", 30),
        parse_wall_seconds=_env_int("GEPM_PARSE_WALL_SECONDS", 60),
        annotate_max_bytes=_env_int("GEPM_ANNOTATE_MAX_BYTES", 5 * 1024 * 1024),
        bcrypt_cost=_env_int("GEPM_BCRYPT_COST", 12),
    )
