"""XLS (Excel 97-2003) -> Document with xlrd: the same sheet layout as the .xlsx extractor."""
from __future__ import annotations

import io
from typing import Any

from extractors.model import Document
from extractors.sheet_grid import Grid, Merge, Sheet, workbook_document
from extractors.sheet_text import date_text, number_text, value_text
from govreports.errors import BadInput, Issue

_HIDDEN = {1: "hidden_sheet", 2: "hidden_sheet"}  # xlrd visibility: 0 visible, 1 hidden, 2 very hidden


def extract(data: bytes, name: str) -> Document:
    """Read every visible worksheet of an .xls file into the shared document model."""
    book, issues = open_book(data, name)
    sheets = [read_sheet(book, book.sheet_by_index(i), i + 1) for i in range(book.nsheets)]
    return workbook_document("xls", sheets, issues=issues)


def open_book(data: bytes, name: str) -> tuple[Any, list[Issue]]:
    """The workbook with formatting (merges, number formats), else without; BadInput('corrupt_xls') when unreadable."""
    import xlrd

    try:
        return xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO()), []
    except Exception as first:  # xlrd raises its own and struct/index errors; retry without formatting records
        note = f"formatting records unreadable ({type(first).__name__}: {first}); merges and number formats lost"
    try:
        book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
    except Exception as err:
        raise BadInput(f"{name}: not a readable .xls ({type(err).__name__}: {err})", code="corrupt_xls") from err
    return book, [Issue("extract", "warning", "xls_no_formatting", note)]


def read_sheet(book: Any, sh: Any, position: int) -> Sheet:
    """One sheet's grid (hidden sheets are marked skipped)."""
    skipped = _HIDDEN.get(sh.visibility, "")
    return Sheet(sh.name, position, Grid() if skipped else sheet_grid(book, sh), skipped)


def sheet_grid(book: Any, sh: Any) -> Grid:
    """The texts of the sheet's cells and its merged ranges (xlrd's are already 0-based and half-open)."""
    texts = {(r, c): cell_text(book, cell) for r in range(sh.nrows) for c, cell in enumerate(sh.row(r))}
    merges = [Merge(top, bottom, left, right) for top, bottom, left, right in sh.merged_cells]
    return Grid({pos: t for pos, t in texts.items() if t}, merges, sh.nrows, sh.ncols)


def cell_text(book: Any, cell: Any) -> str:
    """Display text of an xlrd cell by its type: text, number, date, boolean or error."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(cell.value, number_format(book, cell))
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return date_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return number_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return value_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERR"))
    return value_text(cell.value) if cell.ctype == xlrd.XL_CELL_TEXT else ""


def number_format(book: Any, cell: Any) -> str:
    """The cell's number format string ('General' when formatting was not read)."""
    if cell.xf_index is None or not book.xf_list:
        return "General"
    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
    return str(fmt.format_str) if fmt is not None else "General"
