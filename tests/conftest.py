"""Shared fixtures: plans, a fresh warehouse per test, and workbook builders (no committed binaries)."""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import settings as hypothesis_settings
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from access.roles import Role
from access.users import add_user as add_user_at
from plan.load import load_plan
from plan.model import Plan
from plan.settings import ROOT, settings
from testkit import slow_tests

# The test modules as pytest rewrites them are kept in tests/__pycache__ and reused by the next run, even where the
# environment sets PYTHONDONTWRITEBYTECODE (as this machine's does): rewriting them all again took each test
# process 5 s of its 8 s collection.
sys.dont_write_bytecode = False

GOVAP_FILE = ROOT / "data" / "plans" / "govap-2024.yaml"
SMALL_FILE = Path(__file__).parent / "plans" / "riverside-2025.yaml"
# Tests run in demo mode (no accounts) unless a test points GEPM_USERS at a users file it wrote;
# a data/users.yaml on the developer's machine must not change what the tests see.
os.environ["GEPM_USERS"] = str(Path(tempfile.gettempdir()) / "gepm-tests-no-users.yaml")
os.environ["GEPM_DEMO"] = "1"  # demo mode is only ever asked for; tests of "not configured" set it to 0
# Password hashes at bcrypt's lowest cost: 2^4 rounds instead of the product's 2^12 (~0.25 s of CPU each). The
# command and the app read it like any setting; test_access proves the default stays 12.
os.environ["GEPM_BCRYPT_COST"] = "4"

# Property tests run at full strength by default (`make test`, CI): each runs the examples its settings name.
# `--hypothesis-profile=fast` (`make test-fast`) runs every property with a fifth of them, at least two.
FAST_PROFILE, FAST_SHARE = "fast", 5
hypothesis_settings.register_profile(FAST_PROFILE, max_examples=100 // FAST_SHARE)  # properties naming no count


def examples(full: int) -> int:
    """The examples a property runs: full, or a share of them under the fast profile."""
    if hypothesis_settings.get_current_profile_name() != FAST_PROFILE:
        return full
    return max(2, full // FAST_SHARE)


def add_user(path: Path, username: str, name: str, role: Role, password: str, unit: str | None = None) -> None:
    """An account added as `python -m etl user add` adds it: hashed at the configured cost."""
    add_user_at(path, username, name, role, password, unit, settings().bcrypt_cost)


def signed_in(role: str = "data_manager", unit: str | None = None, username: str = "mai",
              name: str = "Võ Thị Mai") -> dict[str, object]:
    """Session state of a person signed in with this role (for run_page)."""
    return {"auth_identity": {"username": username, "name": name, "role": role, "unit": unit,
                              "is_anonymous": False}}


MANAGER = signed_in()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests listed in tests/slow_tests.txt (their call took 0.8 s or more here) are slow: the inner loop
    leaves them to `make test` (testkit/slow_tests.py writes the list)."""
    listed = slow_tests.read()
    for item in items:
        if item.nodeid in listed:
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collected tests and the modules they imported live as long as the run: move them out of the garbage
    collector's way (gc.freeze): its full passes during the run otherwise walk them all again."""
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Each new AppTest looks for Streamlit components in every installed package (~0.15 s of CPU); a server
    does it once, when it starts. The installed packages do not change during a run, so look once."""
    scan = manifest_scanner.scan_component_manifests
    found: list[Any] = []

    def scanned(max_workers: int | None = None) -> list[Any]:
        if not found:
            found.append(scan(max_workers))
        return list(found[0])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scanned)
        yield


@pytest.fixture(scope="session")
def govap() -> Plan:
    return load_plan(GOVAP_FILE)


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    return load_plan(SMALL_FILE)


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A plans folder holding both the 2024 Gò Vấp plan and the small 2025 test plan."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(GOVAP_FILE, folder)
    shutil.copy(SMALL_FILE, folder)
    return folder


@pytest.fixture
def all_plans(govap: Plan, small_plan: Plan) -> dict[str, Plan]:
    return {govap.plan_id: govap, small_plan.plan_id: small_plan}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture(scope="session")
def fresh_warehouse_file(tmp_path_factory: pytest.TempPathFactory, govap: Plan, small_plan: Plan) -> Path:
    """A warehouse file with the schema, the views and both plans, made once: building it takes about a
    second, copying it a few milliseconds."""
    from warehouse.db import open_for_writing

    path = tmp_path_factory.mktemp("fresh-warehouse") / "warehouse.duckdb"
    open_for_writing(path, {govap.plan_id: govap, small_plan.plan_id: small_plan}).close()
    return path


@pytest.fixture
def warehouse(db_path: Path, fresh_warehouse_file: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A real DuckDB file with the schema, the views and both plans (a private copy of one made once, so it is
    already what open_for_writing makes: its checks would find nothing to do)."""
    from warehouse.db import connect

    shutil.copyfile(fresh_warehouse_file, db_path)
    con = connect(db_path)
    yield con
    con.close()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """A warehouse holding the whole 2024 demo year, loaded from real generated workbooks (read-only use).

    Built once per run, not once per test worker: the first worker builds it under a lock file in the run's
    shared temporary folder, the others wait and read the same file (DuckDB lets many processes read).
    The workbooks are written once per state of the code that makes them (testkit.demo_cache)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, db = shared / "demo-warehouse", shared / "demo-warehouse" / "warehouse.duckdb"
    with open(shared / "demo-warehouse.lock", "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            _build_demo(folder, db, pytestconfig.cache.mkdir("demo-workbooks") if pytestconfig.cache else None)
            (folder / "built").touch()
    return db


def _build_demo(folder: Path, db: Path, cache: Path | None) -> None:
    from demo.generate import return_demo, write_demo
    from etl.load.prepare import Item
    from etl.load.write import load_items
    from plan.load import load_plans
    from testkit.demo_cache import demo_workbooks
    from warehouse.db import open_for_writing

    plans = load_plans(ROOT / "data" / "plans")
    plan = plans["govap-2024"]

    def write(out: Path) -> list[tuple[Path, datetime]]:
        return [(f.path, f.received_at) for f in write_demo(plan, out)]

    files = write(folder / "demo") if cache is None else demo_workbooks(folder / "demo", cache, write)
    con = open_for_writing(db, plans)
    load_items(con, plans, [Item(path, at) for path, at in files], default_plan=plan.plan_id, source="demo")
    con.close()
    return_demo(db, plans, plan)


UseSettings = Callable[..., None]


@pytest.fixture
def use_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[UseSettings]:
    """The one way tests change settings: use_settings(GEPM_DB=path, ...) sets the variables and settings are
    read again; after the test they are read again from the restored environment."""

    def apply(**env: object) -> None:
        for name, value in env.items():
            monkeypatch.setenv(name, str(value))
        settings.cache_clear()

    yield apply
    settings.cache_clear()


@pytest.fixture
def app_env(demo_db: Path, use_settings: UseSettings) -> Path:
    """The dashboard pointed at the demo warehouse."""
    use_settings(GEPM_DB=demo_db)
    return demo_db


PAGE_DIR = "pages"


def plan_today() -> date:
    """Today in the Gò Vấp plan's time zone (Vietnam): a write after midnight there is already tomorrow's, while
    the machine's own clock (UTC) may still say yesterday."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(load_plan(GOVAP_FILE).timezone)).date()


def default_day() -> date:
    """The as-of day the sidebar starts with for the Gò Vấp plan (the close of its reporting, once passed)."""
    from ui.filter_state import default_as_of

    plan = load_plan(GOVAP_FILE)
    return default_as_of(plan, plan.today())[0]


def run_page(page: str, **state: object) -> AppTest:
    """The one page harness: the real app.py run first (its navigation for this session's role), then the
    page, with session values set first. With pages/ present, AppTest runs the page script alone, as a
    freshly started server does for a deep link, so each page is tested through its own frame."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return at.switch_page(f"{PAGE_DIR}/{page}.py").run()


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, tuple[str | None, Callable[[], Any]]]]:
    """Every deferred download the page registers: file name -> (mime type, the callable building it)."""
    seen: dict[str, tuple[str | None, Callable[[], Any]]] = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
               file_name: str | None = None, **kwargs: Any) -> str:
        seen[str(file_name)] = (mimetype, data_callable)
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    yield seen


@pytest.fixture
def writable_env(demo_db: Path, tmp_path: Path, use_settings: UseSettings) -> Path:
    """The dashboard pointed at a private copy of the demo warehouse it may write to."""
    from testkit.served import copy_db

    db = copy_db(demo_db, tmp_path / "warehouse.duckdb")
    use_settings(GEPM_DB=db)
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, one per test module (tests marked browser)."""
    from playwright.sync_api import sync_playwright

    from testkit.served import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def reminder_message(at: AppTest) -> str:
    """The ready-to-send message on screen (one at a time, in a text box to edit and copy)."""
    boxes = [b for b in at.text_area if str(b.key).startswith("rp_message_text_")]
    assert len(boxes) == 1 and not at.exception
    return str(boxes[0].value)


def reminder_messages(at: AppTest) -> list[str]:
    """Every ready-to-send message, each shown (with its copy button) once its unit is chosen."""
    pick = next(b for b in at.selectbox if str(b.key).startswith("rp_message_"))
    texts = []
    for n in range(len(pick.options)):
        at = pick.set_value(n).run()
        pick = next(b for b in at.selectbox if str(b.key).startswith("rp_message_"))
        texts.append(reminder_message(at))
    return texts
