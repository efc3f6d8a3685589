"""A table split at a page break that the extractor did not join: its headerless rows under the previous header."""
from __future__ import annotations

from typing import Optional

from extractors.interpret.budget_grid import Grid, origin_cells, row_kind, segments_of
from extractors.model import Cell, Table


def orphan_rows(grid: Grid) -> list[int]:
    """The leading rows of a table that come before any header row (data and blank rows only)."""
    rows: list[int] = []
    for r in range(len(grid)):
        kind = row_kind(origin_cells(grid, r))
        if kind not in ("data", "blank"):
            break
        rows.append(r)
    return rows if any(row_kind(origin_cells(grid, r)) == "data" for r in rows) else []


def dangling_header(prev: Table) -> Optional[list[int]]:
    """The previous table's last header block when nothing follows it (the data went to the next page)."""
    _, segments = segments_of(prev)
    if not segments:
        return None
    last = segments[-1]
    if last.header_rows and not last.body_rows and last.header_rows[-1] == prev.n_rows - 1:
        return last.header_rows
    return None


def continuation(prev: Optional[Table], table: Table) -> Optional[tuple[Table, int, int]]:
    """(header block + orphan rows as one table, rows of header prepended, orphan rows) when table continues prev."""
    if prev is None:
        return None
    header = dangling_header(prev)
    grid = table.anchors()
    rows = orphan_rows(grid)
    if not header or not rows:
        return None
    prev_grid = prev.anchors()
    slots = origin_like(prev_grid, header[-1])
    if any(len(origin_cells(grid, r)) != len(slots) for r in rows if row_kind(origin_cells(grid, r)) == "data"):
        return None
    cells = [_moved(c, c.row - header[0], c.col, c.col_span) for c in prev.cells
             if header[0] <= c.row <= header[-1]]
    k = len(header)
    for r in rows:
        for cell, slot in zip(origin_cells(grid, r), slots):
            cells.append(_moved(cell, k + r, slot.col, slot.col_span))
    joined = Table(index=table.index, n_rows=k + len(rows), n_cols=prev.n_cols, cells=cells,
                   page=table.page, caption=prev.caption)
    return joined, k, len(rows)


def origin_like(grid: Grid, r: int) -> list[Cell]:
    """The distinct cells covering header row r, left to right (the columns the orphan cells map onto)."""
    seen: set[int] = set()
    out: list[Cell] = []
    for cell in grid[r]:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def _moved(cell: Cell, row: int, col: int, col_span: int) -> Cell:
    return Cell(row=row, col=col, text=cell.text, row_span=1 if row != cell.row else cell.row_span,
                col_span=col_span, page=cell.page, bbox=cell.bbox)
