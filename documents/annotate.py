"""An annotated copy of a unit's own workbook: problem cells in red with a comment, and a first sheet listing them.

annotated_copy() is the door for uploads: it runs annotate() in a fenced worker process.

The copy is what goes back to the unit so the focal point can see where each problem is. It never raises:
a file openpyxl cannot open (.xls, .ods, broken, hostile) gives a workbook holding only the problems sheet.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from etl.extract.raw import ExtractError
from etl.extract.workbook import ZIP_MAGIC, check_zip
from etl.load.fence import fenced
from etl.problems import Problem
from etl.text import fold
from i18n import Lang, t
from plan.settings import settings

PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LINK_FONT = Font(color="0563C1", underline="single")
COLUMNS: tuple[tuple[str, Lang, int], ...] = (
    ("an.col.sheet", "vi", 14), ("an.col.row", "vi", 8), ("an.col.column", "vi", 8), ("an.col.code", "vi", 24),
    ("an.col.message", "vi", 60), ("an.col.fix", "vi", 60), ("an.col.message_en", "en", 60),
    ("an.col.fix_en", "en", 60),
)
MAX_ROW, MAX_COL = 1_048_576, 16_384
Location = tuple[str, int, str]  # (sheet title in the workbook, 1-based row, column letters)


def annotate(source: Path | bytes, problems: list[Problem], lang: str = "vi") -> bytes:
    """The unit's workbook with its problems marked, as .xlsx (.xlsm when it holds macros) bytes."""
    language: Lang = "vi" if lang == "vi" else "en"
    book = _open(source)
    if book is not None:
        try:
            return _save(_annotated(book, problems, language))
        except Exception:  # a workbook openpyxl reads but cannot mark or write back: list the problems only
            pass
    return _save(_annotated(Workbook(), problems, language, fresh=True))


def _annotated(book: Workbook, problems: list[Problem], lang: Lang, fresh: bool = False) -> Workbook:
    """Mark the cells, then put the problems sheet first and make it the active one."""
    located: list[Location | None] = [None if fresh else _locate(book, p) for p in problems]
    _mark(book, problems, located, lang)
    ws = book.create_sheet(_free_title(book, t("an.sheet", lang)), 0)
    _fill_list(ws, problems, located)
    if fresh:
        for other in [s for s in book.worksheets if s is not ws]:
            book.remove(other)
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    book.active = 0
    return book


def _read(source: Path | bytes) -> bytes | None:
    """The raw bytes when they may safely be handed to openpyxl (a zip within the size and expansion limits)."""
    cfg = settings()
    try:
        data = source if isinstance(source, bytes) else source.read_bytes()
        if not data.startswith(ZIP_MAGIC) or len(data) > cfg.max_file_bytes:
            return None
        check_zip(data, cfg)
    except (OSError, ExtractError):
        return None
    return data


def _open(source: Path | bytes) -> Workbook | None:
    data = _read(source)
    if data is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            macros = "xl/vbaProject.bin" in archive.namelist()
        return load_workbook(io.BytesIO(data), keep_vba=macros, rich_text=True)
    except Exception:  # openpyxl raises many kinds for .ods, truncated or odd files
        return None


def _save(book: Workbook) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _sheet_title(book: Workbook, name: str) -> str | None:
    """The worksheet a problem names: its exact title, else the one whose folded title matches (contract names)."""
    titles = [ws.title for ws in book.worksheets]
    if name in titles:
        return name
    return next((title for title in titles if fold(title) == fold(name)), None)


def _locate(book: Workbook, problem: Problem) -> Location | None:
    """Where the problem is in this workbook, or None when it names no cell that exists."""
    if problem.sheet is None or problem.row is None or not problem.column:
        return None
    try:
        col = column_index_from_string(problem.column.upper())
    except ValueError:
        return None
    title = _sheet_title(book, problem.sheet)
    if title is None or not 1 <= problem.row <= MAX_ROW or not 1 <= col <= MAX_COL:
        return None
    return title, problem.row, get_column_letter(col)


def _target(ws: Worksheet, row: int, column: str) -> Cell:
    """The cell to mark: the top-left cell of a merged range the location falls in."""
    cell = ws[f"{column}{row}"]
    if isinstance(cell, MergedCell):
        rng = next((r for r in ws.merged_cells.ranges if cell.coordinate in r), None)
        cell = ws.cell(rng.min_row, rng.min_col) if rng is not None else cell
    if not isinstance(cell, Cell):
        raise ValueError(f"{ws.title}!{column}{row} cannot be marked")  # caught by annotate: list only
    return cell


def _comment_text(problems: Iterable[Problem], lang: Lang) -> str:
    other: Lang = "en" if lang == "vi" else "vi"
    parts = [f"{_say(p, 'message', lang)}\n{t('an.comment.fix', lang, fix=_say(p, 'fix', lang))}\n"
             f"{t('an.comment.en', lang, message=_say(p, 'message', other))}" for p in problems]
    return _clean("\n\n".join(parts))


def _say(problem: Problem, kind: str, lang: Lang) -> str:
    """The problem's message or fix; its code when the catalogue cannot word it (unknown code, missing params)."""
    try:
        return problem.message(lang) if kind == "message" else problem.fix(lang)
    except Exception:
        return problem.code


def _clean(text: str) -> str:
    """Text XML can hold (control characters, which a broken file may carry, are dropped)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _mark(book: Workbook, problems: list[Problem], located: list[Location | None], lang: Lang) -> None:
    """Fill each located cell red and give it one comment holding every problem found there."""
    by_cell: dict[Location, list[Problem]] = defaultdict(list)
    for problem, where in zip(problems, located, strict=True):
        if where is not None:
            by_cell[where].append(problem)
    for (title, row, column), found in by_cell.items():
        cell = _target(book[title], row, column)
        cell.fill = PROBLEM_FILL
        text = _comment_text(found, lang)
        if cell.comment is not None and cell.comment.text:
            text = f"{text}\n\n---\n{cell.comment.text}"  # keep what the unit wrote
        cell.comment = Comment(text, t("an.author", "vi"), height=220, width=360)


def _free_title(book: Workbook, wanted: str) -> str:
    """wanted, or wanted (2), (3)… when the unit's workbook already has a sheet of that name."""
    titles = {ws.title.casefold() for ws in book.worksheets}
    title, n = wanted, 1
    while title.casefold() in titles:
        n += 1
        title = f"{wanted} ({n})"
    return title


def _fill_list(ws: Worksheet, problems: list[Problem], located: list[Location | None]) -> None:
    """The header, one row per problem in order, links to located cells, frozen header and a filter."""
    for c, (key, lang, width) in enumerate(COLUMNS, start=1):
        head = ws.cell(1, c, t(key, lang))
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        head.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, (problem, where) in enumerate(zip(problems, located, strict=True), start=2):
        _list_row(ws, r, problem, where)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(problems) + 1)}"


def _list_row(ws: Worksheet, r: int, problem: Problem, where: Location | None) -> None:
    values = (where[0] if where else problem.sheet, problem.row, problem.column, problem.code,
              _say(problem, "message", "vi"), _say(problem, "fix", "vi"), _say(problem, "message", "en"),
              _say(problem, "fix", "en"))
    for c, value in enumerate(values, start=1):
        cell = ws.cell(r, c)
        cell.value = _clean(value) if isinstance(value, str) else value
        if cell.data_type == "f":
            cell.data_type = "s"  # a message quoting '=…' typed by the unit is text, not a formula
        cell.alignment = Alignment(vertical="top", wrap_text=c >= 5)
    if where is not None:
        cell = ws.cell(r, 1)
        quoted = where[0].replace("'", "''")
        location = f"'{quoted}'!{where[2]}{where[1]}"
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=where[0])
        cell.font = LINK_FONT


XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def annotated_copy(data: bytes, problems: list[Problem], lang: str = "vi", xlsm: bool = False) -> bytes:
    """annotate() run in a fenced worker (etl.load.fence): a hostile workbook can exhaust only that worker.

    A workbook over the size limit, or one whose marking fails in the worker, gives the problems sheet
    alone. xlsm: the copy is a macro-enabled workbook, as its .xlsm name says, even without macros.
    """
    copy: object = None
    if len(data) <= settings().annotate_max_bytes:
        copy = fenced(("documents.annotate:annotate", (data, problems, lang)))
    if not isinstance(copy, bytes):  # Unsafe: the worker ran out of memory or time, or crashed
        copy = annotate(b"", problems, lang)  # no byte of the upload is parsed here
    return _macro_enabled(copy) if xlsm else copy


def _macro_enabled(data: bytes) -> bytes:
    """The same workbook typed as .xlsm (a copy that kept its macros already is)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in src.infolist():
            body = src.read(info)
            archive.writestr(info, body.replace(XLSX_MAIN, XLSM_MAIN) if info.filename == "[Content_Types].xml"
                             else body)
    return out.getvalue()
