"""An HTML <table> as a spanned cell grid (the HTML table model: rowspan/colspan, covered slots skipped)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from extractors.model import Cell

Element = Any  # an lxml.html element; kept opaque so callers never depend on lxml types
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
_SECTIONS = {"thead", "tbody", "tfoot"}


@dataclass
class Grid:
    """Cells placed on the grid, with the element each came from."""

    cells: list[Cell] = field(default_factory=list)
    sources: list[Element] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0


def table_rows(table: Element) -> list[Element]:
    """The table's own <tr> rows (directly or in thead/tbody/tfoot), never a nested table's."""
    rows: list[Element] = []
    for child in table:
        tag = tag_name(child)
        if tag == "tr":
            rows.append(child)
        elif tag in _SECTIONS:
            rows.extend(c for c in child if tag_name(c) == "tr")
    return rows


def row_cells(tr: Element) -> Iterator[Element]:
    """The <td>/<th> cells of a row."""
    return (c for c in tr if tag_name(c) in ("td", "th"))


def tag_name(el: Element) -> str:
    """Lower-case tag of an element ('' for comments and processing instructions)."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def span_attr(el: Element, name: str, limit: int) -> int:
    """A rowspan/colspan attribute as an int in 0..limit (1 when missing or malformed; 0 means 'to the end')."""
    raw = (el.get(name) or "1").strip().rstrip(";")
    digits = "".join(ch for ch in raw if ch.isdigit())
    return min(int(digits), limit) if digits else 1


def build_grid(table: Element, cell_text: Callable[[Element], str]) -> Grid:
    """Place every cell at the first free slot of its row; spans are clipped to the table's rows."""
    rows = table_rows(table)
    grid = Grid(n_rows=len(rows))
    taken: set[tuple[int, int]] = set()
    for r, tr in enumerate(rows):
        c = 0
        for td in row_cells(tr):
            while (r, c) in taken:
                c += 1
            col_span = max(span_attr(td, "colspan", MAX_COLSPAN), 1)
            row_span = span_attr(td, "rowspan", MAX_ROWSPAN) or len(rows) - r
            row_span = max(min(row_span, len(rows) - r), 1)
            grid.cells.append(Cell(r, c, cell_text(td), row_span, col_span))
            grid.sources.append(td)
            taken.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span))
            c += col_span
    grid.n_cols = max((cell.col + cell.col_span for cell in grid.cells), default=0)
    return grid
