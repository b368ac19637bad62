"""The consolidated report as files: a styled workbook (openpyxl) and a Word document (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from documents.consolidated import DASH, Cell, Consolidated, Kind, Section, fmt_cell
from documents.extracts import neutralise
from i18n import Lang

# ---- the workbook ------------------------------------------------------------------------------
HEADER_FILL = "1F4E78"
TITLE_ROWS = 2  # section title, then plan · period · as-of; the header row follows


def _number_formats(lang: Lang) -> dict[Kind, str]:
    day = "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
    return {"text": "General", "int": "#,##0", "pct": "0.0%", "threshold": '"≥ "General"%"', "date": day,
            "datetime": f"{day} hh:mm"}


def _xl(value: Cell, kind: Kind) -> Cell:
    if value is None:
        return DASH
    if kind == "pct" and isinstance(value, int | float):
        return value / 100  # a true percentage: Excel shows it in the reader's locale
    return str(neutralise(value)) if isinstance(value, str) else value


def to_xlsx(report: Consolidated) -> bytes:
    """Three sheets, each: title rows, styled frozen header with filter, number formats, total row, note."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    wb.properties.title, wb.properties.creator = report.heading, "GEPM"
    for section in report.sections:
        _sheet(wb.create_sheet(section.sheet[:31]), report, section)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet(ws: Worksheet, report: Consolidated, section: Section) -> None:
    ws.append([section.title])
    ws.append([report.scope])
    ws.append([c.label for c in section.columns])
    for row in section.rows:
        ws.append([_xl(v, c.kind) for v, c in zip(row, section.columns, strict=True)])
    last = ws.max_row
    if section.total:
        ws.append([_xl(v, c.kind) for v, c in zip(section.total, section.columns, strict=True)])
    _style_sheet(ws, report.lang, section, last)
    ws.append([])
    ws.append([section.note])


def _style_sheet(ws: Worksheet, lang: Lang, section: Section, last: int) -> None:
    header, n = TITLE_ROWS + 1, len(section.columns)
    ws["A1"].font, ws["A2"].font = Font(bold=True, size=13), Font(italic=True)
    border = Border(*(Side(style="thin", color="A6A6A6"),) * 4)
    formats = _number_formats(lang)
    for col, spec in enumerate(section.columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = spec.width
        head = ws.cell(header, col)
        head.font, head.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=HEADER_FILL)
        head.alignment, head.border = Alignment(wrap_text=True, vertical="center", horizontal="center"), border
        for row in range(header + 1, ws.max_row + 1):
            cell = ws.cell(row, col)
            cell.number_format, cell.border, cell.font = formats[spec.kind], border, Font(bold=row > last)
            cell.alignment = Alignment(wrap_text=spec.kind == "text", vertical="top",
                                       horizontal="left" if spec.kind == "text" else "right")
    _row_heights(ws, section, header)
    _print_setup(ws, header, f"A{header}:{get_column_letter(n)}{max(last, header)}")


def _row_heights(ws: Worksheet, section: Section, header: int) -> None:
    """Spreadsheet apps do not grow rows for wrapped text written by a program: size them from the text."""
    for row in range(header, ws.max_row + 1):
        lines = [_lines(ws.cell(row, col).value, spec.width) for col, spec in enumerate(section.columns, start=1)
                 if spec.kind == "text" or row == header]
        if max(1, *lines) > 1:  # one-line rows keep the application's default height
            ws.row_dimensions[row].height = 15 * max(lines)


def _lines(value: object, width: int) -> int:
    """Lines a wrapped text needs in a column `width` characters wide (about 1.1 average letters per unit)."""
    per_line = max(1, int(width * 1.1) - 1)
    return sum(max(1, -(-len(part) // per_line)) for part in str(value or "").split("\n"))


def _print_setup(ws: Worksheet, header: int, table: str) -> None:
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = table
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header}:{header}"


# ---- the Word document -------------------------------------------------------------------------
def to_docx(report: Consolidated) -> bytes:
    """A4 landscape: heading, scope and summary, then each table with its note; header rows repeat."""
    doc = Document()
    _page(doc)
    _para(doc, report.heading, bold=True, size=14, center=True)
    _para(doc, report.scope, italic=True, center=True)
    _para(doc, report.summary)
    for section in report.sections:
        _para(doc, section.title, bold=True, size=12, style="Heading 1")
        _table(doc, report.lang, section)
        _para(doc, section.note, italic=True, size=9)
    _para(doc, report.prepared, italic=True, size=9)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page(doc: DocxDocument) -> None:
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    page.left_margin = page.right_margin = page.top_margin = page.bottom_margin = Cm(1.5)
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)


def _para(doc: DocxDocument, text: str, *, bold: bool = False, italic: bool = False, size: float = 11,
          center: bool = False, style: str | None = None) -> None:
    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), "Times New Roman"
    run.font.color.rgb = RGBColor(0, 0, 0)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(doc: DocxDocument, lang: Lang, section: Section) -> None:
    rows = [*section.rows, *([section.total] if section.total else [])]
    table = doc.add_table(rows=1 + len(rows), cols=len(section.columns))
    table.style, table.autofit = "Table Grid", False
    scale = 26.0 / sum(c.width for c in section.columns)  # cm of usable page width per character
    for col, spec in enumerate(section.columns):
        column = table.columns[col]
        column.width = Cm(spec.width * scale)  # the grid, which Word and LibreOffice lay out by
        # the column's cells fetched once: table.cell(n, col) lays out the whole grid on every call
        head, *cells = column.cells
        _cell(head, spec.label, Cm(spec.width * scale), header=True)
        for n, (row, cell) in enumerate(zip(rows, cells, strict=True), start=1):
            _cell(cell, fmt_cell(row[col], spec.kind, lang), Cm(spec.width * scale),
                  bold=n > len(section.rows), right=spec.kind != "text")
    for n, row in enumerate(table.rows):  # rows never split across pages; the header row repeats on each
        props = row._tr.get_or_add_trPr()
        props.append(_element("w:cantSplit", val="true"))
        if n == 0:
            props.append(_element("w:tblHeader", val="true"))


def _cell(cell: _Cell, text: str, width: Length, *, bold: bool = False, header: bool = False,
          right: bool = False) -> None:
    cell.width = width
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.bold, run.font.size = bold or header, Pt(9)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if header else WD_ALIGN_PARAGRAPH.RIGHT if right else None
    if header:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=HEADER_FILL))


def _element(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el
