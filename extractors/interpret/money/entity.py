"""Unit tables (rows = 局机关 / 二级机构 / 汇总): which row speaks for the whole department."""
from __future__ import annotations

from extractors.interpret.money.cells import cell_kind
from extractors.interpret.money.grid import Grid, Segment, origin_cells
from extractors.interpret.money.resolve import ColumnInfo, is_entity_total
from extractors.interpret.issue_codes import issue
from extractors.model import Table
from govreports.errors import Issue


def amount_rows(grid: Grid, seg: Segment, columns: dict[int, ColumnInfo]) -> list[int]:
    """Body rows holding an amount in a money column (not 序号 / 增减 / 比例 columns)."""
    def has_amount(r: int) -> bool:
        """True when row r prints a number under a money column."""
        return any(c.col in columns and not columns[c.col].skip and cell_kind(c.text) == "num"
                   for c in origin_cells(grid, r))
    return [r for r in seg.body_rows if has_amount(r)]


def entity_rows(grid: Grid, seg: Segment, columns: dict[int, ColumnInfo]) -> set[int]:
    """A unit table's summary row(s) (汇总/合计), else its only row with amounts."""
    label_col = min((c for c, role in seg.roles.items() if role == "label"), default=0)
    rows = amount_rows(grid, seg, columns)
    totals = {r for r in rows if is_entity_total(_text(grid, r, label_col))}
    if totals:
        return totals
    return set(rows) if len(rows) == 1 else set()


def _text(grid: Grid, r: int, c: int) -> str:
    """The text covering (r, c), or ''."""
    cell = grid[r][c]
    return cell.text if cell is not None else ""


def entity_issue(table: Table, grid: Grid, seg: Segment, columns: dict[int, ColumnInfo]) -> list[Issue]:
    """A warning when a unit table has several rows with amounts but none that sums them up."""
    rows = amount_rows(grid, seg, columns)
    if not rows or entity_rows(grid, seg, columns):
        return []
    return [issue("no_summary_row", f"table {table.index}: {len(rows)} unit rows but no 汇总/合计 row; their amounts were not kept",
                  page=table.page, table_index=table.index, row_index=rows[0])]
