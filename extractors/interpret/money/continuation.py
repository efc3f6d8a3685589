"""A table split at a page break that the extractor did not join: its headerless rows under the previous header."""
from __future__ import annotations

from typing import Optional

from extractors.interpret.money.grid import Grid, origin_cells, row_cells, row_kind, segments_of
from extractors.model import Cell, Table


def orphan_rows(grid: Grid, label_cols: set[int]) -> list[int]:
    """The leading rows of a table before any header row: data, blank and label-only rows (texts in label_cols)."""
    rows: list[int] = []
    for r in range(len(grid)):
        cells = origin_cells(grid, r)
        kind = row_kind(cells)
        labels_only = all(c.col in label_cols for c in cells if c.text.strip())
        if kind not in ("data", "blank", "title") and not (kind == "header" and labels_only):
            break
        rows.append(r)
    return rows if any(row_kind(origin_cells(grid, r)) == "data" for r in rows) else []


def last_header(prev: Table) -> Optional[tuple[list[int], set[int]]]:
    """The header rows and label columns of the previous table's last segment (the data went to the next page)."""
    _, segments = segments_of(prev)
    if not segments or not segments[-1].header_rows:
        return None
    last = segments[-1]
    return last.header_rows, {c for c, role in last.roles.items() if role == "label"}


def continuation(prev: Optional[Table], table: Table) -> Optional[tuple[Table, int, int]]:
    """(header block + orphan rows as one table, rows of header prepended, orphan rows) when table continues prev.

    Orphan cells keep their columns when both tables have the same grid; otherwise they are matched one to one
    onto the distinct cells of the header's last row, which needs the same number of cells.
    """
    if prev is None:
        return None
    found = last_header(prev)
    if not found:
        return None
    header, label_cols = found
    grid = table.anchors()
    rows = orphan_rows(grid, label_cols if table.n_cols == prev.n_cols else set())
    if not rows:
        return None
    k = len(header)
    cells = [_moved(c, c.row - header[0], c.col, min(c.row_span, header[-1] - c.row + 1), c.col_span)
             for c in prev.cells if header[0] <= c.row <= header[-1]]
    if table.n_cols == prev.n_cols:
        cells += [_moved(c, k + c.row, c.col, 1, c.col_span) for c in table.cells if c.row in rows]
    else:
        slots = row_cells(prev.anchors(), header[-1])
        data = [r for r in rows if row_kind(origin_cells(grid, r)) == "data"]
        if any(len(origin_cells(grid, r)) != len(slots) for r in data):
            return None
        for r in rows:
            for cell, slot in zip(origin_cells(grid, r), slots):
                cells.append(_moved(cell, k + r, slot.col, 1, slot.col_span))
    joined = Table(index=table.index, n_rows=k + len(rows), n_cols=prev.n_cols, cells=cells,
                   page=table.page, caption=prev.caption)
    return joined, k, len(rows)


def repeats_header(prev: Optional[Table], table: Table) -> bool:
    """True when a caption-less table opens with the previous table's header rows, text for text: the same table
    continued on the next page (its caption, hence its unit and title, is the previous one's)."""
    if prev is None or table.caption or prev.n_cols != table.n_cols:
        return False
    _, segments = segments_of(prev)
    if not segments or not segments[0].header_rows:
        return False
    head = [prev.text_grid()[r] for r in segments[0].header_rows]
    return table.text_grid()[: len(head)] == head


def tail(table: Table, n: int) -> Table:
    """The table without its first n rows (those already read as a continuation), rows renumbered from 0."""
    cells = [_moved(c, c.row - n, c.col, c.row_span, c.col_span) for c in table.cells if c.row >= n]
    return Table(index=table.index, n_rows=max(table.n_rows - n, 0), n_cols=table.n_cols, cells=cells,
                 page=table.page, caption=table.caption)


def _moved(cell: Cell, row: int, col: int, row_span: int, col_span: int) -> Cell:
    """A copy of cell placed at (row, col) with the given spans."""
    return Cell(row=row, col=col, text=cell.text, row_span=row_span, col_span=col_span, page=cell.page,
                bbox=cell.bbox)
