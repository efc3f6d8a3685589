"""Per-unit 功能分类 blocks (a unit-name row, then that unit's lines) -> the department's lines as their sum."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Callable, Optional

from extractors.interpret.money.grid import Grid, Segment
from extractors.interpret.money.resolve import is_entity_total
from extractors.interpret.records import Row

UNIT, RUN, HEAD = "_unit", "_unit_run", "_unit_head"
CONTINUED = ""  # a line printed before any unit row of its table: it continues the previous page's block


def unit_rows(grid: Grid, seg: Segment) -> dict[int, str]:
    """Body rows that only name a unit (text in the first label column, none in the code/name columns), when the
    segment also prints lines with that first column blank; else {}."""
    cols = sorted(c for c, role in seg.roles.items() if role in ("label", "code"))
    if len(cols) < 2:
        return {}

    def text(r: int, c: int) -> str:
        """The text of the cell that starts at (r, c), or ''."""
        cell = grid[r][c]
        return cell.text.strip() if cell is not None and cell.row == r and cell.col == c else ""

    first, rest = cols[0], cols[1:]
    named = {r: text(r, first) for r in seg.body_rows if text(r, first) and not any(text(r, c) for c in rest)}
    lines = any(not text(r, first) and any(text(r, c) for c in rest) for r in seg.body_rows)
    return named if named and lines else {}


def mark_blocks(rows: list[Row], units: dict[int, str]) -> None:
    """Mark each 功能分类 line with the unit block it is printed in (CONTINUED before the table's first unit row)."""
    for row in rows:
        if row["row_index"] in units and row.get("item") != "functional":
            row[HEAD] = units[row["row_index"]]  # a unit row's own amounts (支出总计 | 基本支出 | 项目支出)
        elif row.get("item") == "functional":
            before = [r for r in units if r < row["row_index"]]
            row[UNIT] = units[max(before)] if before else CONTINUED


def carry_blocks(rows: list[Row], block: Optional[str], run: int, continued: bool) -> tuple[Optional[str], list[Row]]:
    """Resolve CONTINUED marks (and unmarked lines of a continued table) to the block in force; the block at the end
    and the rows to keep: a run's first unit row speaks for the department, a later unit row only for its unit."""
    kept: list[Row] = []
    head: Optional[tuple[Any, ...]] = None
    for row in rows:
        if HEAD in row:
            here = (row["table_index"], row["row_index"])
            if block is not None and head != here:
                continue
            head, block = here, row.pop(HEAD)
        kept.append(row)
        if row.get("item") != "functional":
            continue
        if UNIT not in row and not (continued and block):
            continue
        if row.get(UNIT, CONTINUED) == CONTINUED:
            if not block:
                row.pop(UNIT, None)
                continue
            row[UNIT] = block
        block = row[UNIT]
        row[RUN] = run
    return block, kept


def department_lines(rows: list[Row], key: Callable[[Row], tuple[Any, ...]]) -> list[Row]:
    """Replace lines repeated under several unit blocks by one department line: the block labelled as the total
    (汇总/合计) if any, else the sum over the blocks; other rows pass through."""
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in rows:
        if RUN in row:
            groups[(row[RUN], key(row))].append(row)
    out: list[Row] = []
    for row in rows:
        if RUN not in row:
            out.append(row)
            continue
        group = groups[(row[RUN], key(row))]
        if row is not group[0]:
            continue
        per_block: dict[str, Row] = {}
        for r in group:
            per_block.setdefault(r[UNIT], r)
        totals = [r for b, r in per_block.items() if is_entity_total(b)]
        if totals:
            out.append(totals[0])
        elif len(per_block) == 1:
            out.append(row)
        else:
            amount = sum((r["amount_yuan"] for r in per_block.values()), Decimal(0))
            out.append({**row, "amount_yuan": amount})
    return out
