"""Table -> rows of distinct cells ("slots"), the unit the self-evaluation readers work on across page breaks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from extractors.model import Cell, Table
from normalizers import clean_text


@dataclass(frozen=True)
class Slot:
    """One distinct cell as seen from one row: its column range, x range (PDF) and cleaned text."""

    cell: Cell
    c0: int
    c1: int  # inclusive
    origin: bool  # the cell starts in this row (a merged cell's first row)
    text: str

    @property
    def x0(self) -> Optional[float]:
        """Left edge in points, when the extractor knows it."""
        return self.cell.bbox[0] if self.cell.bbox else None

    @property
    def x1(self) -> Optional[float]:
        """Right edge in points, when the extractor knows it."""
        return self.cell.bbox[2] if self.cell.bbox else None

    @property
    def last_row(self) -> int:
        """The last table row this cell covers."""
        return self.cell.row + self.cell.row_span - 1


@dataclass(frozen=True)
class Row:
    """One table row as its distinct cells in column order, with provenance."""

    table: Table
    r: int
    slots: tuple[Slot, ...]
    page: Optional[int]

    @property
    def raw(self) -> str:
        """The row's cell texts as found, joined with ' | '."""
        return " | ".join(s.cell.text for s in self.slots)

    def texts(self) -> list[str]:
        """The cleaned texts of the row's non-empty slots."""
        return [s.text for s in self.slots if s.text]

    def same_cell_below(self, slot: Slot) -> bool:
        """True when the slot's cell continues into the next row of the same table."""
        return slot.last_row > self.r


def rows_of(table: Table) -> list[Row]:
    """Every row of a table as distinct slots (a merged cell appears in each row it spans)."""
    grid = table.anchors()
    rows = []
    for r, line in enumerate(grid):
        slots: list[Slot] = []
        for c, cell in enumerate(line):
            if cell is None or (slots and slots[-1].cell is cell):
                continue
            c1 = min(cell.col + cell.col_span, table.n_cols) - 1
            slots.append(Slot(cell, c, c1, cell.row == r, clean_text(cell.text)))
        rows.append(Row(table, r, tuple(slots), table.row_page(r)))
    return rows


def break_after(rows: list[Row], i: int) -> bool:
    """True when a page break or a table break separates rows[i] from rows[i + 1]."""
    if i + 1 >= len(rows):
        return False
    here, nxt = rows[i], rows[i + 1]
    if nxt.table is not here.table:
        return True
    return here.page is not None and nxt.page is not None and nxt.page != here.page


def span_share(row: Row, slot: Slot) -> float:
    """The share of the table's columns a slot covers."""
    return (slot.c1 - slot.c0 + 1) / max(row.table.n_cols, 1)
