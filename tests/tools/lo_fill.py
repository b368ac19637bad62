"""Fill a template in LibreOffice Calc the way a ward official would, then save it as .xlsx.

Run with Debian's python3 (which has the `uno` bridge), not the project's venv:
    /usr/bin/python3 tests/tools/lo_fill.py TEMPLATE.xlsx OUT.xlsx
Starts a headless soffice with a private profile, types values into the cells through the UNO
API (numbers as numbers, one as text with a thousands separator, a date as dd/mm/yyyy text),
and stores the workbook with Calc's own Excel 2007-365 filter.
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("soffice did not start")


def fill(doc):
    sheets = doc.Sheets
    info = sheets.getByName("ThongTin")
    info.getCellRangeByName("B8").setFormula("04/03/2024")  # typed as text dd/mm/yyyy
    info.getCellRangeByName("B9").setString("Nguyễn Thị Lan")
    info.getCellRangeByName("B10").setString("028 3894 1234")
    values = sheets.getByName("ChiTieu")
    row = 5
    while values.getCellRangeByName(f"A{row}").getString():
        code = values.getCellRangeByName(f"A{row}").getString()
        if code == "CT1":
            values.getCellRangeByName(f"C{row}").setString("1.234")  # a number typed as text
            values.getCellRangeByName(f"D{row}").setValue(900)
            values.getCellRangeByName(f"E{row}").setValue(500)
            values.getCellRangeByName(f"F{row}").setValue(12)
        else:
            values.getCellRangeByName(f"C{row}").setValue(20)
            values.getCellRangeByName(f"D{row}").setValue(15)
        row += 1
    acts = sheets.getByName("HoatDong")
    cells = {"A5": 1, "B5": "15/02/2024", "C5": "Tập huấn", "D5": "Tập huấn Luật Bình đẳng giới",
             "E5": "Cán bộ, công chức, viên chức, người lao động", "F5": 40, "G5": 15, "H5": 25, "I5": 3}
    for ref, value in cells.items():
        cell = acts.getCellRangeByName(ref)
        cell.setValue(value) if isinstance(value, int) else cell.setFormula(value)


def main(src, dst):
    pipe = f"gepm{os.getpid()}"
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"])
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (prop("Hidden", True),))
        fill(doc)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        with contextlib.suppress(Exception):  # soffice may close the bridge while answering
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
