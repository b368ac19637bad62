"""The official report as an editable Word draft in the state administrative format (Nghị định 30/2020/NĐ-CP):
A4 portrait, Times New Roman, margins top/bottom 20 mm, left 30 mm, right 15 mm; the two-column letterhead
(issuing body and number left; national motto, place and date right), title and subject centred, justified body
with a first-line indent, recipients bottom left, signature bottom right; annexes and the ethnic-minority part
each on a new page."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from documents.official_report_model import Block, Grid, OfficialReport, Para

FONT = "Times New Roman"
BODY_PT, TABLE_PT, LIST_PT = 14, 12, 11
PAGE_W, PAGE_H = Cm(21.0), Cm(29.7)
MARGINS = {"top": Cm(2.0), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(1.5)}
TEXT_W_CM = 16.5
HEAD_COLS_CM = (6.3, 10.2)
_ALIGN = {"part": WD_ALIGN_PARAGRAPH.CENTER, "center": WD_ALIGN_PARAGRAPH.CENTER}


def to_docx(report: OfficialReport) -> bytes:
    doc = Document()
    _page(doc)
    _letterhead(doc, report)
    _title(doc, report)
    for block in report.body:
        _block(doc, block)
    _closing(doc, report)
    for part in (report.annexes, report.ethnic):
        for n, block in enumerate(part):
            if isinstance(block, Para) and block.style == "part" and (n == 0 or part is report.annexes):
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _block(doc, block)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, PAGE_W, PAGE_H
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15


def _text(p: Paragraph, text: str, size: float = BODY_PT, *, bold: bool = False, italic: bool = False) -> None:
    run = p.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT


def _line(p: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False,
          align: WD_PARAGRAPH_ALIGNMENT = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    p.alignment = align
    p.paragraph_format.space_after, p.paragraph_format.first_line_indent = Pt(0), Cm(0)
    p.paragraph_format.line_spacing = 1.0
    _text(p, text, size, bold=bold, italic=italic)
    return p


def _rule(cell: _Cell, indent_cm: float) -> None:
    """A short centred line (ND 30: under the issuing body, the motto and the subject): a paragraph's top border."""
    p = cell.add_paragraph()
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(indent_cm)
    p.paragraph_format.space_after = Pt(4)
    _line(p, "", 2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    p._p.get_or_add_pPr().append(borders)


def _borderless(table: Table, widths: tuple[float, ...]) -> None:
    table.autofit = False
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    props.append(borders)
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)


def _letterhead(doc: DocxDocument, report: OfficialReport) -> None:
    head = report.letterhead
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, HEAD_COLS_CM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left.paragraphs[0], head.parent, 13)
    _line(left.add_paragraph(), head.issuer, 13, bold=True)
    _rule(left, 2.1)
    _line(left.add_paragraph(), head.number, 13)
    _line(right.paragraphs[0], head.country, 12.5, bold=True)
    _line(right.add_paragraph(), head.motto, 13.5, bold=True)
    _rule(right, 2.2)
    _line(right.add_paragraph(), head.place_date, 14, italic=True)


def _title(doc: DocxDocument, report: OfficialReport) -> None:
    _line(doc.add_paragraph(), "", BODY_PT)
    _line(doc.add_paragraph(), report.kind, BODY_PT, bold=True)
    _line(doc.add_paragraph(), report.subject, BODY_PT, bold=True)
    table = doc.add_table(rows=1, cols=1)
    _borderless(table, (TEXT_W_CM,))
    _rule(table.cell(0, 0), 6.0)
    table.cell(0, 0).paragraphs[0]._p.getparent().remove(table.cell(0, 0).paragraphs[0]._p)


def _block(doc: DocxDocument, block: Block) -> None:
    if isinstance(block, Grid):
        _grid(doc, block)
        return
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(0 if block.style in ("part", "center") else 1.0)
    p.alignment = _ALIGN.get(block.style, WD_ALIGN_PARAGRAPH.JUSTIFY)
    bold = block.style in ("part", "heading", "subheading", "center")
    _text(p, block.text, TABLE_PT if block.style == "note" else BODY_PT, bold=bold,
          italic=block.style in ("pending", "note"))


def _grid(doc: DocxDocument, grid: Grid) -> None:
    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.columns))
    table.style, table.autofit = "Table Grid", False
    for col, width in enumerate(grid.widths):
        column = table.columns[col]
        column.width = Cm(width)
        # a column's cells fetched once: table.cell(n, col) lays out the whole grid on every call
        for n, (text, cell) in enumerate(zip((grid.columns[col], *[r[col] for r in grid.rows]), column.cells,
                                             strict=True)):
            cell.width = Cm(width)
            align = WD_ALIGN_PARAGRAPH.CENTER if n == 0 else \
                WD_ALIGN_PARAGRAPH.RIGHT if grid.figures[col] else WD_ALIGN_PARAGRAPH.LEFT
            _line(cell.paragraphs[0], text, TABLE_PT, bold=n == 0, align=align)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _closing(doc: DocxDocument, report: OfficialReport) -> None:
    """Recipients bottom left (bold italic heading, 11 pt list), signature bottom right; kept on one page."""
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, (8.0, TEXT_W_CM - 8.0))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left.paragraphs[0], report.recipients_heading, 12, bold=True, italic=True,
          align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in report.recipients:
        _line(left.add_paragraph(), line, LIST_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    sign = report.signature
    _line(right.paragraphs[0], sign.on_behalf, 13, bold=True)
    _line(right.add_paragraph(), sign.title, 14, bold=True)
    for _ in range(4):
        _line(right.add_paragraph(), "", 14)
    _line(right.add_paragraph(), sign.name, 14, bold=True)
    row = table.rows[0]._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    row.append(keep)
