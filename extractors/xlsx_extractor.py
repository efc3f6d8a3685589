"""XLSX -> Document with openpyxl: one heading per sheet, its title rows as paragraphs, the rest a spanned table."""
from __future__ import annotations

import io
from typing import Any

from extractors.model import Document
from extractors.sheet_grid import Grid, Merge, Sheet, workbook_document
from extractors.sheet_text import value_text
from govreports.errors import BadInput

_SKIPPED_STATES = {"hidden": "hidden_sheet", "veryHidden": "hidden_sheet"}


def extract(data: bytes, name: str) -> Document:
    """Read every visible worksheet of an .xlsx file into the shared document model."""
    wb = open_workbook(data, name)
    sheets = [read_sheet(wb[title], i) for i, title in enumerate(wb.sheetnames, start=1)]
    title = (wb.properties.title or "").strip() if wb.properties else ""
    return workbook_document("xlsx", sheets, {"title": title} if title else {})


def open_workbook(data: bytes, name: str) -> Any:
    """The workbook with cached formula values and merged ranges; BadInput('corrupt_xlsx') when unreadable."""
    try:
        import openpyxl

        return openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as err:  # openpyxl raises zip, XML, key and value errors for damaged packages
        raise BadInput(f"{name}: not a readable .xlsx ({type(err).__name__}: {err})", code="corrupt_xlsx") from err


def read_sheet(ws: Any, position: int) -> Sheet:
    """One sheet's grid; chart sheets and hidden sheets are marked skipped."""
    if not hasattr(ws, "merged_cells"):
        return Sheet(ws.title, position, Grid(), skipped="chart_sheet")
    skipped = _SKIPPED_STATES.get(ws.sheet_state, "")
    return Sheet(ws.title, position, Grid() if skipped else sheet_grid(ws), skipped)


def sheet_grid(ws: Any) -> Grid:
    """The texts of the sheet's stored cells and its merged ranges, 0-based."""
    # ws._cells holds only the cells the file stores; iter_rows would materialise the whole dimension
    texts = {(r - 1, c - 1): value_text(cell.value, cell.number_format)
             for (r, c), cell in ws._cells.items() if cell.value is not None}
    merges = [Merge(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
    return Grid(texts, merges, ws.max_row, ws.max_column)
