"""Uploads through a real `streamlit run` in Chromium: a file that exhausts the reader is refused on its own while
the server keeps answering everybody, and two data managers uploading at the same moment both land."""

from __future__ import annotations

from pathlib import Path
from urllib.request import urlopen

import duckdb
import pytest
from conftest import add_user

from i18n import t
from plan.model import Plan
from testkit.hostile import slow_sheet
from testkit.served import browser_available, copy_db, serve
from testkit.workbooks import filled, save, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]
PASSWORD = "mat-khau-dai-12"


@pytest.fixture(scope="module")
def served(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("uploads")
    users = tmp / "users.yaml"
    for name in ("mai", "lan", "hoa"):
        add_user(users, name, f"Người {name}", "data_manager", PASSWORD)
    db = copy_db(demo_db, tmp / "w.duckdb")
    env = {"GEPM_USERS": str(users), "GEPM_DEMO": "0", "GEPM_SESSION_KEY": str(tmp / "session.key"),
           "GEPM_AUTH_AUDIT": str(tmp / "audit.jsonl"), "GEPM_PARSE_CPU_SECONDS": "5",
           "GEPM_PARSE_WALL_SECONDS": "20"}
    with serve(db, tmp / "streamlit.log", env) as url:
        yield url, db, tmp


def _signed_in(browser, url: str, username: str, path: str = "/upload"):  # type: ignore[no-untyped-def]
    page = browser.new_context().new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form[action="/account/signin"] button[type="submit"]').click()
    page.get_by_role("heading", name=t("page.overview", "vi")).first.wait_for()
    if path != "/overview":
        page.goto(url + path)
        page.get_by_role("heading", name=t("page.upload", "vi")).first.wait_for()
    return page


def _start_upload(page, files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    page.locator('input[type="file"]').first.set_input_files([str(f) for f in files])
    page.get_by_text(f"{files[-1].name}").first.wait_for()
    page.get_by_role("button", name=t("up.submit", "vi")).click()


def _summary(page, n: int, loaded: int, rejected: int) -> None:  # type: ignore[no-untyped-def]
    text = t("up.summary", "vi", files=n, loaded=loaded, new_version=0, duplicate=0, rejected=rejected)
    page.get_by_text(text).first.wait_for(timeout=180_000)


def _healthy(url: str) -> bool:
    with urlopen(f"{url}/_stcore/health", timeout=10) as r:
        return bool(r.status == 200)


def _outcomes(db: Path, names: tuple[str, ...]) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select f.file_name, f.outcome, min(p.code) from load_files f left join problems p "
                           "using (load_id, file_no) where f.file_name in (select unnest($n)) group by all",
                           {"n": list(names)}).fetchall()
    return {name: (outcome, code) for name, outcome, code in rows}


def test_a_reader_bomb_is_refused_alone_while_others_upload_and_read(browser, served, govap: Plan,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path) -> None:
    url, db, _ = served
    good = xlsx_bytes(filled(govap, "P16", "2024-Y"))
    bomb = tmp_path / "bom-P02.xlsx"
    bomb.write_bytes(slow_sheet(good))
    first = save(filled(govap, "P16", "2024-Y"), tmp_path / "P16-nam.xlsx")
    second = save(filled(govap, "KT", "2024-Q3"), tmp_path / "KT-9thang.xlsx")
    a, b = _signed_in(browser, url, "mai"), _signed_in(browser, url, "lan")
    _start_upload(a, [bomb, first])
    _start_upload(b, [second])  # the second data manager clicks while the first upload runs
    reader = _signed_in(browser, url, "hoa", "/overview")  # and a third person just reads
    assert _healthy(url)
    _summary(b, 1, 1, 0)
    _summary(a, 2, 1, 1)
    assert _healthy(url)
    outcomes = _outcomes(db, (bomb.name, first.name, second.name))
    assert outcomes[bomb.name][0] == "rejected" and outcomes[bomb.name][1] in ("file_unsafe_memory", "file_unsafe_time")
    assert outcomes[first.name] == ("loaded", None) and outcomes[second.name] == ("loaded", None)
    reader.reload()
    reader.get_by_role("heading", name=t("page.overview", "vi")).first.wait_for()
