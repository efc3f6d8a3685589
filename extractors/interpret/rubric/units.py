"""A scoring table's grid -> scoring units (one per 三级指标, possibly spanning several rows) and its 总分."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.interpret.tables.header import ColumnRoles
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Cell, Table
from normalizers.numbers import parse_decimal

TOTAL = word("rubric", "units_total")
Grid = list[list[Optional[Cell]]]


@dataclass
class Unit:
    """One 三级指标 of a scoring table with everything its rows carry."""

    level1: str
    level2: str
    level3: str
    cell: Optional[Cell]
    table_index: int
    row_index: int
    page: Optional[int]
    raw: str
    has_weight_col: bool
    criteria: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    weight: Optional[float] = None
    score: Optional[float] = None
    seen: set[int] = field(default_factory=set)


def at(row: list[Optional[Cell]], col: Optional[int]) -> Optional[Cell]:
    """The cell covering a column of a row (None for a missing column)."""
    return row[col] if col is not None and col < len(row) else None


def text_at(row: list[Optional[Cell]], col: Optional[int]) -> str:
    """Squeezed text of the cell covering a column."""
    cell = at(row, col)
    return squeeze(cell.text) if cell else ""


def number(text: str) -> Optional[float]:
    """A printed score or weight as a float, None when the cell holds no plain number."""
    value = parse_decimal(squeeze(text))
    return float(value) if value is not None else None


def raw_of(row: list[Optional[Cell]]) -> str:
    """The row's distinct cell texts joined with ' | '."""
    out: list[str] = []
    for i, cell in enumerate(row):
        if i == 0 or cell is not row[i - 1]:
            out.append(cell.text if cell else "")
    return " | ".join(out)


def origin_number(row: list[Optional[Cell]], col: Optional[int], r: int) -> Optional[float]:
    """The number of a cell that starts in row r (a merged cell's value belongs to its first row only)."""
    cell = at(row, col)
    return number(cell.text) if cell is not None and cell.row == r else None


def absorb(unit: Unit, row: list[Optional[Cell]], r: int, cols: ColumnRoles) -> None:
    """Add one grid row's criteria, weight, score and note to a unit."""
    crit = at(row, cols.get("criteria"))
    if crit is not None and id(crit) not in unit.seen and crit.text.strip():
        unit.criteria.append(crit.text)
        unit.seen.add(id(crit))
    note = at(row, cols.get("note"))
    if note is not None and note.row == r and squeeze(note.text):
        unit.notes.append(note.text.strip())
    if unit.weight is None:
        unit.weight = origin_number(row, cols.get("weight"), r)
    if unit.score is None:
        unit.score = origin_number(row, cols.get("score"), r)


def is_wrapped_label(row: list[Optional[Cell]], r: int, cols: ColumnRoles) -> bool:
    """A row holding only the wrapped rest of the previous 三级指标 (`变动率` under `“三公经费”`): no 分值, no 得分.

    Only for tables with a 分值 column, where every real scoring row prints (or spans) one.
    """
    if "weight" not in cols:
        return False
    weight, score = at(row, cols.get("weight")), at(row, cols.get("score"))
    return (weight is None or weight.row == r and not squeeze(weight.text)) and (
        score is None or score.row == r and not squeeze(score.text))


def is_total(row: list[Optional[Cell]], cols: ColumnRoles) -> bool:
    """A 总分 / 合计 row."""
    return any(TOTAL.match(text_at(row, c)) for c in (cols.get("level1"), cols.get("level2"), cols["level3"], 0))


def table_units(table: Table, cols: ColumnRoles, carry: tuple[str, str] = ("", "")) -> tuple[list[Unit], tuple[str, str]]:
    """Group the table's rows into units, filling 一级/二级 down (also from the previous table via carry)."""
    grid = table.anchors()
    units: list[Unit] = []
    cur: Optional[Unit] = None
    level1, level2 = carry
    for r in range(cols.header_rows, table.n_rows):
        row = grid[r]
        if is_total(row, cols):
            cur = None
            continue
        t1, t2, cell3 = text_at(row, cols.get("level1")), text_at(row, cols.get("level2")), at(row, cols["level3"])
        level1 = t1 or level1
        t3 = squeeze(cell3.text) if cell3 else ""
        continues = cur is not None and (cell3 is cur.cell or not t3 and (not t2 or t2 == cur.level2))
        level2 = t2 or level2
        if cur is not None and continues:
            absorb(cur, row, r, cols)
            continue
        if cur is not None and t3 and (not t2 or t2 == cur.level2) and is_wrapped_label(row, r, cols):
            cur.level3 += cell3.text if cell3 else ""
            absorb(cur, row, r, cols)
            continue
        if not t3:
            cur = None
            continue
        cur = Unit(level1, level2, cell3.text if cell3 else "", cell3, table.index, r, table.row_page(r),
                   raw_of(row), "weight" in cols)
        units.append(cur)
        absorb(cur, row, r, cols)
    return units, (level1, level2)


def total_row_score(table: Table, cols: ColumnRoles) -> Optional[float]:
    """The score printed on the table's 总分 row, if any."""
    grid = table.anchors()
    for r in range(cols.header_rows, table.n_rows):
        if is_total(grid[r], cols):
            return origin_number(grid[r], cols.get("score"), r) or number(text_at(grid[r], cols.get("score")))
    return None
