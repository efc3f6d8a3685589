"""Table -> segments: runs of title rows, a header block and body rows, with each column's header stack and role."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.interpret.money.cells import cell_kind, clean_label
from extractors.interpret.vocab.load import Words
from extractors.model import Cell, Table

Grid = list[list[Optional[Cell]]]

_HEADER_MAX = 24  # longest header cell text; longer texts after data rows are body text
_TITLE_MAX = 30  # longest title row that is not a full-width merged cell
WORDS = Words("money", "grid")  # this module's patterns in vocab/money.toml
_COLUMN_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Za-z]{1,2}|\d{1,2}[=+\-]\d{1,2}(?:[+\-]\d{1,2})*)$")


@dataclass
class Segment:
    """One header block of a table and the body rows it governs."""

    titles: list[str] = field(default_factory=list)  # single-text rows just above the header block
    header_rows: list[int] = field(default_factory=list)
    body_rows: list[int] = field(default_factory=list)
    stacks: dict[int, list[str]] = field(default_factory=dict)  # column -> header texts, top to bottom
    roles: dict[int, str] = field(default_factory=dict)  # column -> 'label' | 'code' | 'value'


def row_cells(grid: Grid, r: int) -> list[Cell]:
    """The distinct cells covering row r, left to right."""
    seen: set[int] = set()
    out: list[Cell] = []
    for cell in grid[r]:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out


def origin_cells(grid: Grid, r: int) -> list[Cell]:
    """The distinct cells that start in row r (a cell merged down from above is not repeated)."""
    return [c for c in row_cells(grid, r) if c.row == r]


def row_kind(cells: list[Cell]) -> str:
    """'blank', 'title' (one distinct text), 'data' (holds a number) or 'header' (texts only)."""
    texts = [c for c in cells if cell_kind(c.text) != "blank"]
    if not texts or is_column_numbers(texts):
        return "blank"
    kinds = [cell_kind(c.text) for c in texts]
    if "num" in kinds or "pct" in kinds:
        return "data"
    if len({clean_label(c.text) for c in texts}) == 1:
        return "title"
    return "header"


def is_column_numbers(texts: list[Cell]) -> bool:
    """True for a 决算 table's `栏次 | 1 | 2 | 3` row (or a bare `1 | 2 | … | 12`), which numbers the columns."""
    labels = [clean_label(c.text).replace(" ", "") for c in texts]
    if all(t.isdigit() for t in labels) and len(labels) >= 3:  # `1 | 2 | 3 | … | 12` with no 栏次 label
        return [int(t) for t in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))
    return any(WORDS.column_numbers.match(t) for t in labels) and all(
        WORDS.column_numbers.match(t) or _COLUMN_NUMBER.match(t) for t in labels)


def split_segments(grid: Grid) -> list[Segment]:
    """Cut a grid into segments: a full-width title or a header block after data rows starts a new one."""
    segments: list[Segment] = [Segment()]
    pending: list[str] = []  # title rows seen since the last header/data row
    width = len(grid[0]) if grid else 0
    kinds = [row_kind(origin_cells(grid, r)) for r in range(len(grid))]  # once per row: the loop asks often
    for r in range(len(grid)):
        cells = origin_cells(grid, r)
        kind = kinds[r]
        seg = segments[-1]
        has_data = any(kinds[b] == "data" for b in seg.body_rows)
        if kind == "title" and seg.header_rows and not has_data and not _full_width(cells, width):
            kind = "header"  # a one-cell sub-header row inside the header block
        if kind == "header" and has_data and (not _header_like(cells) or _in_label_columns(grid, seg, cells)):
            kind = "title"  # wrapped body text, or label-only lines of a two-sided table, not a new header
        if kind == "header":
            if has_data or (pending and seg.header_rows):
                seg = Segment()
                segments.append(seg)
            if not seg.header_rows:
                seg.titles = pending[:]
            seg.header_rows.append(r)
            pending = []
        elif kind == "title":
            text = clean_label(next(c.text for c in cells if cell_kind(c.text) != "blank"))
            if _full_width(cells, width) or len(text) <= _TITLE_MAX:
                pending.append(text)
            if _full_width(cells, width) and (seg.header_rows or seg.body_rows):
                segments.append(Segment())
            elif seg.header_rows or seg.body_rows:
                seg.body_rows.append(r)
        elif kind == "data":
            seg.body_rows.append(r)
            pending = []
    return [s for s in segments if s.body_rows or s.header_rows]


def _in_label_columns(grid: Grid, seg: Segment, cells: list[Cell]) -> bool:
    """True when a row's texts all sit in columns where the segment's data rows print texts (its label columns)."""
    text_cols = {c.col for r in seg.body_rows for c in origin_cells(grid, r) if cell_kind(c.text) == "text"}
    return all(c.col in text_cols for c in cells if cell_kind(c.text) != "blank")


def _header_like(cells: list[Cell]) -> bool:
    """True when every text of a row is short enough to be a column header."""
    return all(len(clean_label(c.text)) <= _HEADER_MAX for c in cells)


def _full_width(cells: list[Cell], width: int) -> bool:
    """True for a row that is one cell spanning the whole table (a section title such as `年度收入情况（万元）`)."""
    return len(cells) == 1 and cells[0].col == 0 and cells[0].col_span >= width > 1


def header_stack(grid: Grid, header_rows: list[int], c: int) -> list[str]:
    """The distinct header texts above column c, top to bottom, without bare `其中：` cells."""
    stack: list[str] = []
    last: Optional[int] = None
    for r in header_rows:
        cell = grid[r][c] if c < len(grid[r]) else None
        if cell is None or id(cell) == last:
            continue
        last = id(cell)
        text = clean_label(cell.text)
        if text and not WORDS.whereof.match(text) and (not stack or stack[-1] != text):
            stack.append(text)
    return stack


def column_role(stack: list[str], body: list[Optional[Cell]], col: int) -> str:
    """'code', 'label' or 'value' for a column, from its header text first, then from what its body holds."""
    head = stack[-1].replace(" ", "") if stack else ""
    if any(WORDS.code_header.search(entry.replace(" ", "")) for entry in stack):  # `科目编码` above a stray `合计` row
        return "code"
    if head and WORDS.label_header.search(head):
        return "label"
    kinds = [cell_kind(c.text) for c in body if c is not None and c.col == col]
    texts = sum(1 for k in kinds if k == "text")
    numbers = sum(1 for k in kinds if k in ("num", "pct"))
    return "label" if texts > numbers else "value"


def describe(grid: Grid, seg: Segment, n_cols: int) -> Segment:
    """Fill in the segment's header stacks and column roles (column 0 is a label when nothing else is)."""
    data_rows = [r for r in seg.body_rows if row_kind(origin_cells(grid, r)) == "data"]
    for c in range(n_cols):
        seg.stacks[c] = header_stack(grid, seg.header_rows, c)
        seg.roles[c] = column_role(seg.stacks[c], [grid[r][c] for r in data_rows], c)
    if "label" not in seg.roles.values() and n_cols and not any(_number_at(grid, r, 0) for r in data_rows):
        seg.roles[0] = "label"
    return seg


def _number_at(grid: Grid, r: int, c: int) -> bool:
    """True when the cell at (r, c) holds a number."""
    cell = grid[r][c]
    return cell is not None and cell_kind(cell.text) == "num"


def segments_of(table: Table) -> tuple[Grid, list[Segment]]:
    """The table's anchor grid and its described segments."""
    grid = table.anchors()
    return grid, [describe(grid, seg, table.n_cols) for seg in split_segments(grid)]
