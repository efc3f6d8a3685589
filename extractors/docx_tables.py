"""A w:tbl as a spanned cell grid, computed from gridSpan / vMerge / hMerge / gridBefore in the XML."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from extractors.docx_text import W, Element, children, int_val
from extractors.model import Cell

MAX_SPAN = 1000  # guards against absurd gridSpan values in damaged files


@dataclass
class RawCell:
    """One w:tc: where it starts, how far it spans, and how it merges with its neighbours."""

    row: int
    col: int
    span: int
    vmerge: Optional[str]  # None, "restart" or "continue"
    hmerge: Optional[str]
    element: Element


@dataclass
class Grid:
    """A table's merged cells (with the w:tc each came from) plus doubts found while merging."""

    cells: list[Cell] = field(default_factory=list)
    sources: list[Element] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    warnings: list[str] = field(default_factory=list)


def table_rows(tbl: Element) -> list[Element]:
    """The w:tr rows of a table, leaving out rows deleted with tracked changes."""
    return [tr for tr in children(tbl, {W + "tr"}) if tr.find(f"{W}trPr/{W}del") is None]


def raw_cells(tbl: Element) -> list[RawCell]:
    """Every w:tc placed on the grid: column from gridBefore plus the spans of earlier cells in the row."""
    out: list[RawCell] = []
    for r, tr in enumerate(table_rows(tbl)):
        col = int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in children(tr, {W + "tc"}):
            tcpr = tc.find(W + "tcPr")
            span = min(max(int_val(_find(tcpr, "gridSpan"), 1), 1), MAX_SPAN)
            out.append(RawCell(r, col, span, _merge(_find(tcpr, "vMerge")), _merge(_find(tcpr, "hMerge")), tc))
            col += span
    return out


def _find(tcpr: Optional[Element], name: str) -> Optional[Element]:
    """Child w:name of a tcPr (None when the cell has no properties)."""
    return tcpr.find(W + name) if tcpr is not None else None


def _merge(el: Optional[Element]) -> Optional[str]:
    """'restart', 'continue' (the default when w:val is missing) or None when the cell is not merged."""
    if el is None:
        return None
    return "restart" if el.get(W + "val") == "restart" else "continue"


def grid_column_count(tbl: Element) -> int:
    """Number of w:gridCol columns the table declares."""
    grid = tbl.find(W + "tblGrid")
    return len(grid.findall(W + "gridCol")) if grid is not None else 0


def build_grid(tbl: Element, cell_text: Callable[[Element], str]) -> Grid:
    """Merge the raw cells into spanned Cells; continuation cells extend the cell above or to the left."""
    grid = Grid()
    owner: dict[tuple[int, int], int] = {}
    rows = table_rows(tbl)
    for raw in raw_cells(tbl):
        target = _merge_target(raw, grid, owner)
        if target is None:
            target = len(grid.cells)
            grid.cells.append(Cell(raw.row, raw.col, cell_text(raw.element), 1, raw.span))
            grid.sources.append(raw.element)
        for c in range(raw.col, raw.col + raw.span):
            owner[(raw.row, c)] = target
    grid.n_rows = len(rows)
    grid.n_cols = max([grid_column_count(tbl)] + [c.col + c.col_span for c in grid.cells])
    return grid


def _merge_target(raw: RawCell, grid: Grid, owner: dict[tuple[int, int], int]) -> Optional[int]:
    """Index of the cell a continuation w:tc belongs to (stretching its span), None for a new cell."""
    if raw.vmerge == "continue":
        above = owner.get((raw.row - 1, raw.col))
        if above is not None and grid.cells[above].col == raw.col:
            cell = grid.cells[above]
            cell.row_span = raw.row - cell.row + 1
            if cell.col_span != raw.span:
                grid.warnings.append(f"row {raw.row} col {raw.col}: vMerge continues a cell of different width")
                cell.col_span = max(cell.col_span, raw.span)
            return above
        grid.warnings.append(f"row {raw.row} col {raw.col}: vMerge continue without a cell above; kept as its own cell")
    if raw.hmerge == "continue":
        left = owner.get((raw.row, raw.col - 1))
        if left is not None and grid.cells[left].row == raw.row:
            grid.cells[left].col_span = raw.col + raw.span - grid.cells[left].col
            return left
    return None
