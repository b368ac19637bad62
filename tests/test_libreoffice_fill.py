"""A template filled in LibreOffice Calc (typed through UNO, saved by Calc) loads and shows its numbers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from cli.main import main as etl_main
from plan.settings import ROOT

SYSTEM_PYTHON = Path("/usr/bin/python3")
FILLER = ROOT / "tests" / "tools" / "lo_fill.py"


def _uno_available() -> bool:
    if not (shutil.which("soffice") and SYSTEM_PYTHON.exists()):
        return False
    return subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True).returncode == 0


pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not _uno_available(), reason="needs LibreOffice and python3-uno (Debian)")]


def test_ward_official_fills_template_in_libreoffice(tmp_path: Path) -> None:
    db, template, filled = tmp_path / "w.duckdb", tmp_path / "P05.xlsx", tmp_path / "P05-filled.xlsx"
    assert etl_main(["template", "--unit", "P05", "--period", "2024-Q1", "-o", str(template), "--db", str(db)]) == 0
    subprocess.run([str(SYSTEM_PYTHON), str(FILLER), str(template), str(filled)], check=True, timeout=180,
                   capture_output=True)
    code = etl_main(["load", str(filled), "--db", str(db), "--received-at", "2024-03-04T10:00:00+07:00"])
    assert code == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select indicator_code, numerator, denominator, women, ethnic_minority, is_met from v_target_progress_unit "
        "where unit_code = 'P05' and period_code = '2024-Q1' order by indicator_code").fetchall()
    status = con.execute("select status from v_reporting_status where unit_code = 'P05' and period_code = '2024-Q1'"
                         ).fetchone()
    acts = con.execute("select activity_type, target_group, participants, men, women, ethnic_minority "
                       "from v_participation where unit_code = 'P05'").fetchall()
    con.close()
    # '1.234' typed as text is 1234; 900/1234 = 72.9% >= 70%.
    assert rows[0] == ("CT1", 900, 1234, 500, 12, True)
    assert [r[:3] for r in rows[1:]] == [("CT2A", 15, 20), ("CT2B", 15, 20), ("CT3", 15, 20), ("CT4", 15, 20)]
    assert status == ("on_time",)
    assert acts == [("tap_huan", "can_bo", 40, 15, 25, 3)]
