"""Spreadsheet sheets -> Document blocks, shared by the .xlsx and .xls extractors: trim, title rows, merged spans."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional

from extractors.model import Block, Cell, Document, Paragraph, Table
from govreports.errors import Issue

CAPTION_LINES = 3
_NUMERIC = re.compile(r"[-+(]?[\d,]*\.?\d+%?\)?")

Pos = tuple[int, int]


@dataclass(frozen=True)
class Merge:
    """A merged range as half-open 0-based bounds: rows top..bottom-1, columns left..right-1."""

    top: int
    bottom: int
    left: int
    right: int

    def covers(self, r: int, c: int) -> bool:
        """True when (r, c) lies inside the range."""
        return self.top <= r < self.bottom and self.left <= c < self.right

    def overlaps(self, other: Merge) -> bool:
        """True when the two ranges share a position."""
        return (self.top < other.bottom and other.top < self.bottom
                and self.left < other.right and other.left < self.right)


@dataclass
class Grid:
    """A sheet's cell texts keyed by 0-based (row, col) (empty ones may be absent) and its merged ranges."""

    texts: dict[Pos, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0


@dataclass
class Sheet:
    """One worksheet as read: name, 1-based position in the workbook, grid, and why it is skipped (if it is)."""

    name: str
    position: int
    grid: Grid
    skipped: str = ""  # "" to read; else an issue code such as hidden_sheet


def workbook_document(fmt: str, sheets: list[Sheet], metadata: Optional[dict[str, str]] = None,
                      issues: Optional[list[Issue]] = None) -> Document:
    """The document of a workbook: per readable sheet a heading, its title lines and its table."""
    blocks: list[Block] = []
    found = list(issues or [])
    for sheet in sheets:
        if sheet.skipped:
            found.append(Issue("extract", "warning", sheet.skipped, f"sheet {sheet.name!r} skipped ({sheet.skipped})",
                               page=sheet.position))
            continue
        blocks.extend(sheet_blocks(sheet, sum(isinstance(b, Table) for b in blocks)))
    return Document(fmt, blocks, page_count=len(sheets), metadata=dict(metadata or {}), issues=found)


def sheet_blocks(sheet: Sheet, table_index: int) -> list[Block]:
    """A sheet-name heading, the leading one-text rows as paragraphs, then the rest of the used range as one table."""
    page = sheet.position
    grid = trim(clean(sheet.grid))
    n_title = title_rows(grid)
    lines = [line for r in range(n_title) for line in text_lines(row_texts(grid, r)[0])]
    heading = sheet.name.strip() or f"Sheet{page}"
    blocks: list[Block] = [Paragraph(heading, level=1, page=page)]
    blocks.extend(Paragraph(line, level=0, page=page) for line in lines)
    body = trim(below(grid, n_title))
    if body.n_rows:
        caption = ([heading] + lines)[-CAPTION_LINES:]
        blocks.append(Table(table_index, body.n_rows, body.n_cols, grid_cells(body, page), page=page, caption=caption))
    return blocks


def clean(grid: Grid) -> Grid:
    """Normalised non-empty texts; merges that are single cells or overlap an earlier one dropped; text hidden
    under a merge (off its top-left anchor) dropped."""
    merges: list[Merge] = []
    for m in grid.merges:
        if m.bottom - m.top > 0 and m.right - m.left > 0 and (m.bottom - m.top, m.right - m.left) != (1, 1) \
                and not any(m.overlaps(k) for k in merges):
            merges.append(m)
    texts = {pos: norm_text(t) for pos, t in grid.texts.items()}
    texts = {pos: t for pos, t in texts.items() if t and not _hidden_under(pos, merges)}
    return Grid(texts, merges, grid.n_rows, grid.n_cols)


def _hidden_under(pos: Pos, merges: list[Merge]) -> bool:
    """True when pos is inside a merge but is not its anchor."""
    return any(m.covers(*pos) and pos != (m.top, m.left) for m in merges)


def norm_text(text: str) -> str:
    """Cell text with Windows/Mac line ends as '\\n', trailing spaces of lines and blank ends removed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n").rstrip()


def trim(grid: Grid) -> Grid:
    """The grid without its fully empty rows and columns; merges shrink to the rows and columns kept."""
    rows = sorted({r for r, _ in grid.texts})
    cols = sorted({c for _, c in grid.texts})
    r_at = {r: i for i, r in enumerate(rows)}
    c_at = {c: i for i, c in enumerate(cols)}
    texts = {(r_at[r], c_at[c]): t for (r, c), t in grid.texts.items()}
    merges = [Merge(bisect_left(rows, m.top), bisect_left(rows, m.bottom),
                    bisect_left(cols, m.left), bisect_left(cols, m.right)) for m in grid.merges]
    merges = [m for m in merges if m.bottom > m.top and m.right > m.left and (m.bottom - m.top) * (m.right - m.left) > 1]
    return Grid(texts, merges, len(rows), len(cols))


def row_texts(grid: Grid, r: int) -> list[str]:
    """The non-empty texts of row r, left to right."""
    return [grid.texts[(r, c)] for c in range(grid.n_cols) if (r, c) in grid.texts]


def title_rows(grid: Grid) -> int:
    """How many leading rows hold one lone, non-numeric text and no vertical merge (report titles, 单位：元)."""
    n = 0
    while n < grid.n_rows and is_title_row(grid, n):
        n += 1
    return n


def is_title_row(grid: Grid, r: int) -> bool:
    """True when row r has exactly one text, not a bare number, and no merge reaching another row."""
    texts = row_texts(grid, r)
    vertical = any(m.top <= r < m.bottom and m.bottom - m.top > 1 for m in grid.merges)
    return len(texts) == 1 and not vertical and not _NUMERIC.fullmatch(texts[0].replace(" ", ""))


def text_lines(text: str) -> list[str]:
    """The non-blank lines of a text, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def below(grid: Grid, start: int) -> Grid:
    """The rows from start on, renumbered from 0 (merges above start dropped, ones crossing it clipped)."""
    texts = {(r - start, c): t for (r, c), t in grid.texts.items() if r >= start}
    merges = [Merge(max(m.top, start) - start, m.bottom - start, m.left, m.right) for m in grid.merges if m.bottom > start]
    return Grid(texts, merges, max(grid.n_rows - start, 0), grid.n_cols)


def grid_cells(grid: Grid, page: int) -> list[Cell]:
    """Cells in row-major order: one per merge (spanned, at its anchor) and one per unmerged position."""
    anchors = {(m.top, m.left): m for m in grid.merges}
    covered = {(r, c) for m in grid.merges for r in range(m.top, m.bottom) for c in range(m.left, m.right)}
    cells: list[Cell] = []
    for r in range(grid.n_rows):
        for c in range(grid.n_cols):
            m = anchors.get((r, c))
            if m is not None:
                cells.append(Cell(r, c, grid.texts.get((r, c), ""), m.bottom - m.top, m.right - m.left, page=page))
            elif (r, c) not in covered:
                cells.append(Cell(r, c, grid.texts.get((r, c), ""), page=page))
    return cells
