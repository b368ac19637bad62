"""Type given cells into a workbook in LibreOffice Calc, then save it with Calc's own filters.

Run with Debian's python3 (which has the `uno` bridge), not the project's venv:
    /usr/bin/python3 tests/tools/lo_fill_cells.py SPEC.json
SPEC.json: {"template": path, "locale": "vi-VN" (optional), "cells": [[sheet, ref, how, value], ...],
            "outputs": [[path, filter], ...]}
where how is
  "type"   what a person types: Calc reads it as a number or date when the locale (and the cell's format) allow,
  "text"   a text entry (as a cell formatted as text keeps it),
  "number" a number,
  "pick"   the value-th entry of the cell's own drop-down list (its validation's source range).
Prints, as a JSON list in the order of the cells, what each became: "number" (numbers, dates) or "text".
"""

import contextlib
import json
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


PROFILE_LOCALE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>{locale}</value></prop></item>
</oor:items>
"""


def profile_with(locale):
    """A private profile; with a locale, Calc reads typed dates and numbers the way that locale writes them."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    if locale:
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
            f.write(PROFILE_LOCALE.format(locale=locale))
    return profile


def drop_down(doc, cell):
    """The entries of a cell's list validation, read from the range it names (e.g. $_lists.$D$1:$D$6)."""
    source = cell.getPropertyValue("Validation").getFormula1().replace("$", "").replace("'", "")
    sheet, ref = source.rsplit(".", 1) if "." in source else source.split("!", 1)
    rows = doc.Sheets.getByName(sheet).getCellRangeByName(ref).getDataArray()
    return [str(row[0]) for row in rows]


def put(doc, sheet, ref, how, value):
    cell = doc.Sheets.getByName(sheet).getCellRangeByName(ref)
    if how == "number":
        cell.setValue(value)
    elif how == "text":
        cell.setString(value)
    elif how == "pick":
        cell.setString(drop_down(doc, cell)[value])
    else:
        cell.setPropertyValue("FormulaLocal", value)  # read as the locale reads typing (setFormula is en-US)
    return "text" if cell.getType().value == "TEXT" else "number"


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    pipe = f"gepm{os.getpid()}"
    profile = profile_with(spec.get("locale"))
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--nologo", "--norestore",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"])
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(spec["template"])), "_blank", 0,
                                           (prop("Hidden", True),))
        became = [put(doc, sheet, ref, how, value) for sheet, ref, how, value in spec["cells"]]
        for path, filter_name in spec["outputs"]:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)), (prop("FilterName", filter_name),))
        doc.close(True)
        print(json.dumps(became))
        with contextlib.suppress(Exception):  # soffice may close the bridge while answering
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1])
