"""XLSX -> Document with openpyxl: one heading per sheet, its title rows as paragraphs, the rest a spanned table."""
from __future__ import annotations

import io
import re
import zipfile
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


_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(rb"(<(?:\w+:)?mergeCell\b[^>]*?\bref=\")([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})(\")")


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _letters(col: int) -> bytes:
    out = b""
    while col:
        col, rem = divmod(col - 1, 26)
        out = bytes([65 + rem]) + out
    return out


def clip_merges(xml: bytes) -> bytes:
    """A worksheet part whose merged ranges are clipped to the cells it stores: openpyxl makes one object per
    merged cell, so `A2:XFD1048575` in a 1 KB file would otherwise fill the memory; text lives only in stored
    cells, so nothing readable is lost."""
    refs = _CELL_REF.findall(xml)
    max_row = max((int(r) for _, r in refs), default=1)
    max_col = max((_col(c) for c, _ in refs), default=1)

    def clip(m: re.Match[bytes]) -> bytes:
        top, left = int(m.group(3)), _col(m.group(2))
        bottom, right = min(int(m.group(5)), max(max_row, top)), min(_col(m.group(4)), max(max_col, left))
        return m.group(1) + _letters(left) + str(top).encode() + b":" + _letters(right) + str(bottom).encode() + m.group(6)

    return _MERGE.sub(clip, xml)


def bounded_package(data: bytes) -> bytes:
    """The .xlsx with every worksheet's merges clipped (other parts copied as they are)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    if not any(b"mergeCell" in src.read(n) for n in src.namelist() if _SHEET_PART.fullmatch(n)):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            dst.writestr(info, clip_merges(part) if _SHEET_PART.fullmatch(info.filename) else part)
    return out.getvalue()


def open_workbook(data: bytes, name: str) -> Any:
    """The workbook with cached formula values and merged ranges; BadInput('corrupt_xlsx') when unreadable."""
    try:
        import openpyxl

        return openpyxl.load_workbook(io.BytesIO(bounded_package(data)), data_only=True, read_only=False)
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
